"""``python -m graph.cli``: the ``kg`` command."""

import sys

from graph.cli import run

if __name__ == "__main__":
    sys.exit(run())
