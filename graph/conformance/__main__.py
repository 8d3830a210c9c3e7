"""``python -m graph.conformance``: see graph.conformance._run."""

import sys

from graph.conformance._run import main

sys.exit(main())
