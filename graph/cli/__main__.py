"""``python -m graph.cli``: the ``kg`` command."""

import sys

from graph.cli import main

if __name__ == "__main__":
    sys.exit(main())
