"""Cold ``kg hosts --format json`` against its floor, in CPU time (issue 19, "done when").

The floor is a Python process that imports pyoxigraph, loads the exported N-Quads of the graph
and runs who-hosts-what: all a named question on the packaged data has to do. Each command runs
as a fresh process, the two interleaved, after one warm-up run of each (the compiled-graph cache
and the byte code exist, as after a first use); the CPU time (user + system) of each run is read
from the kernel. Prints the medians and the median of the per-pair ratios.

    python benchmarks/bench_cold.py [--runs 21]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

FLOOR = """
import sys, pyoxigraph as ox
store = ox.Store()
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
query = open(sys.argv[2], encoding="utf-8").read()
result = store.query(query, use_default_graph_as_union=True)
sys.stdout.buffer.write(result.serialize(format=ox.QueryResultsFormat.JSON))
"""


def cpu_seconds(command: list[str], env: dict[str, str]) -> float:
    """User plus system CPU seconds of one run; fails loudly if the command fails."""
    child = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    child.stderr.close()
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {errors.decode()[:500]}")
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    """Run the benchmark and print the medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each command (default 21)")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(REPO)
    compileall.compile_dir(str(REPO / "graph"), quiet=1)  # as an installed wheel would have
    with tempfile.TemporaryDirectory(prefix="kg-bench-cold-") as scratch:
        env["PARTNERSHIP_KG_CACHE"] = os.path.join(scratch, "cache")
        nquads = os.path.join(scratch, "graph.nq")
        kg = [sys.executable, "-m", "graph.cli"]
        subprocess.run([*kg, "export", "--format", "nq", "-o", nquads], env=env, cwd=REPO, check=True)
        commands = {
            "kg hosts --format json": [*kg, "hosts", "--format", "json"],
            "floor: pyoxigraph, the N-Quads, who-hosts-what": [
                sys.executable,
                "-c",
                FLOOR,
                nquads,
                str(REPO / "queries" / "who-hosts-what.rq"),
            ],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():
            cpu_seconds(command, env)  # warm-up: the compiled cache, the byte code
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(cpu_seconds(command, env))
    for name, values in times.items():
        print(f"{name:50} median {statistics.median(values) * 1000:6.1f} ms CPU over {args.runs} runs")
    ours, floor = times.values()
    ratio = statistics.median(a / b for a, b in zip(ours, floor))
    print(
        f"cold kg hosts takes {ratio:.2f}x the floor in CPU time (median of paired ratios; goal: at most 1.5x)"
    )


if __name__ == "__main__":
    main()
