"""``python -m conformance``: see conformance._run."""

import sys

from conformance._run import main

sys.exit(main())
