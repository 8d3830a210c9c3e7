"""Cold end-to-end time of ``kg query who-hosts-what --format json``, side by side with

* a plain script that parses the Turtle with rdflib's default store and runs the same query, and
* the floor: ``python -c "import pyoxigraph"``.

Each command runs as a fresh process; the runs are interleaved and the median of each is
reported with the ratios. Usage: ``python benchmarks/bench_cli.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

RDFLIB_SCRIPT = """
import sys, glob, rdflib
g = rdflib.Graph()
for path in sorted(glob.glob(sys.argv[1] + "/*.ttl")):
    g.parse(path, format="turtle")
query = open(sys.argv[2], encoding="utf-8").read()
sys.stdout.buffer.write(g.query(query).serialize(format="json"))
"""


def kg_command() -> list[str]:
    """The installed ``kg`` console script beside this Python, else ``python -m graph.cli``."""
    script = Path(sys.executable).with_name("kg")
    return [str(script)] if script.exists() else [sys.executable, "-m", "graph.cli"]


def time_once(command: list[str], env: dict[str, str]) -> float:
    """Wall-clock seconds of one run; fails loudly if the command fails."""
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()[:500]}")
    return elapsed


def main() -> None:
    """Run the benchmark and print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command (default 15)")
    args = parser.parse_args()

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cache = tempfile.mkdtemp(prefix="kg-bench-cache-")
    env["PARTNERSHIP_KG_CACHE"] = cache
    compileall.compile_dir(str(REPO / "graph"), quiet=1)  # as an installed wheel would have
    from graph._paths import data_dir

    script = Path(cache) / "plain_rdflib.py"
    script.write_text(RDFLIB_SCRIPT)
    commands = {
        "kg query who-hosts-what --format json": [
            *kg_command(),
            "query",
            "who-hosts-what",
            "--format",
            "json",
        ],
        "plain rdflib script (default store)": [
            sys.executable,
            str(script),
            data_dir(),
            str(REPO / "queries" / "who-hosts-what.rq"),
        ],
        'floor: python -c "import pyoxigraph"': [sys.executable, "-c", "import pyoxigraph"],
    }
    for command in commands.values():  # warm up: compiled graph cache, bytecode, OS file cache
        time_once(command, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(time_once(command, env))
    shutil.rmtree(cache, ignore_errors=True)

    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    kg, plain, floor = medians.values()
    print(f"{'command':45} {'median ms':>10} {'min ms':>8}")
    for name, values in times.items():
        print(f"{name:45} {medians[name]:10.1f} {min(values) * 1000:8.1f}")
    print(f"\nkg is {plain / kg:.1f}x faster than the plain rdflib script (goal: at least 5x)")
    print(f"kg takes {kg / floor:.2f}x the floor (goal: within 3x)")
    print(f"({args.runs} interleaved runs each, {os.cpu_count()} CPUs, Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
