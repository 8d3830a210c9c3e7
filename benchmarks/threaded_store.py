"""Issue 24, H1: a threaded host with an on-disk store must never hang.

``graph.load(store=DIR)`` (or, with ``--in-memory``, ``graph.load()``), threads looping ``kg.hosts()`` and threads looping an ad-hoc
``kg.query(...)`` (which runs isolated) for SECONDS; a run that does not finish within SECONDS
plus a grace period counts as a hang (it is killed, with its children). Each run is a fresh
process, so a lock held at the wrong moment in one run cannot help the next.

    python benchmarks/threaded_store.py [--runs 10] [--seconds 60] [--threads 2]

Prints one line per run and a summary; exits 1 if any run hung or failed.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

WORKLOAD = """
import sys, threading, time
import graph
kg = graph.load(store=sys.argv[1]) if sys.argv[1] != "memory" else graph.load()
seconds, threads = float(sys.argv[2]), int(sys.argv[3])
stop = time.monotonic() + seconds
counts = {"hosts": 0, "query": 0}
errors = []
def hosts():
    while time.monotonic() < stop:
        try:
            assert len(kg.hosts()) > 0
            counts["hosts"] += 1
        except Exception as err:
            errors.append(repr(err)); return
def query():
    while time.monotonic() < stop:
        try:
            n = kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").values()[0]["n"]
            assert int(n) > 1000
            counts["query"] += 1
        except Exception as err:
            errors.append(repr(err)); return
workers = [threading.Thread(target=f) for _ in range(threads) for f in (hosts, query)]
for w in workers: w.start()
for w in workers: w.join()
print(counts["hosts"], counts["query"], len(errors), errors[:1])
"""


def run_once(store: str, seconds: float, threads: int, grace: float = 60.0) -> tuple[str, str]:
    """One run in a fresh process: ('ok' | 'hang' | 'failed', what it printed)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([REPO, os.environ.get("PYTHONPATH", "")])}
    child = subprocess.Popen(
        [sys.executable, "-c", WORKLOAD, store, str(seconds), str(threads)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # a hung run is killed with its children
    )
    try:
        out, err = child.communicate(timeout=seconds + grace)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
        return "hang", ""
    fields = out.split()
    if child.returncode != 0 or len(fields) < 3 or fields[2] != "0":
        return "failed", (out + err).strip()[-400:]
    return "ok", out.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--threads", type=int, default=1, help="threads of each kind")
    parser.add_argument("--in-memory", action="store_true", help="the in-memory graph, not an on-disk store")
    args = parser.parse_args()
    outcomes: dict[str, int] = {"ok": 0, "hang": 0, "failed": 0}
    with tempfile.TemporaryDirectory(prefix="kg-threaded-") as scratch:
        store = os.path.join(scratch, "store")
        subprocess.run(
            [sys.executable, "-c", "import sys, graph; graph.load(store=sys.argv[1])", store],
            check=True,
            env={**os.environ, "PYTHONPATH": REPO},
        )
        for number in range(1, args.runs + 1):
            started = time.monotonic()
            outcome, said = run_once("memory" if args.in_memory else store, args.seconds, args.threads)
            outcomes[outcome] += 1
            print(
                f"run {number}: {outcome} in {time.monotonic() - started:.0f} s  (hosts, queries, errors: {said})"
            )
    print(
        f"threaded {'in-memory graph' if args.in_memory else 'on-disk store'}, {args.threads}+{args.threads} threads, {args.seconds:g} s per run: "
        f"{outcomes['ok']} of {args.runs} runs finished, {outcomes['hang']} hung, {outcomes['failed']} failed"
    )
    return 0 if outcomes["ok"] == args.runs else 1


if __name__ == "__main__":
    sys.exit(main())
