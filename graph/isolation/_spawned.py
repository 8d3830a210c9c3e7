"""``python -m graph.isolation._spawned PARENT MEMORY network|none``: a fresh interpreter that
runs one pickled ``(func, args)`` read from stdin, isolated, and writes the pickled outcome.

It dies with PARENT, and leaves the network before it imports anything that could start a
thread (unshare refuses a process with more than one).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str]) -> int:
    """Run the call; 0 once its outcome is written, 1 (with a line on stderr) otherwise."""
    from graph.isolation._process import cut_network, die_with_parent, limit_memory

    parent, memory, network = int(argv[0]), int(argv[1]), argv[2] == "network"
    die_with_parent(parent)
    payload = sys.stdin.buffer.read()
    if not network and not cut_network():
        from graph.isolation._tool import NO_CUT

        sys.stderr.write(NO_CUT + "\n")
        return 1
    limit_memory(memory)
    import pickle

    from graph.isolation._tool import outcome

    func, args = pickle.loads(payload)
    data = outcome(func, args)
    view = memoryview(data)
    while view:
        view = view[os.write(1, view) :]
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except MemoryError:
        os.write(2, b"MemoryError\n")
        os._exit(1)
