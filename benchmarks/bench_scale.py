"""How partnership-kg behaves as the graph grows: load, reopen, peak memory and query latency.

For each size (10 thousand to 1 million triples of synthetic data from ``graph.synth``, plus the
packaged graph), side by side:

* **oxigraph-memory**: the project's default store (``graph.load(DIR)``, in memory);
* **oxigraph-disk**: the on-disk store (``graph.load(DIR, store=...)``): first use, then reopened;
* **rdflib**: rdflib's default in-memory store, running the same SPARQL text with
  ``Graph.query(text, initBindings=...)`` (and **rdflib-prepared**: the text parsed once).

Every measurement runs in a fresh process (benchmarks/scale_worker.py); its peak memory is that
process's ``ru_maxrss``. Latencies are medians over several runs after a warm-up run. The queries
ask what a user asks of a big graph: who-hosts-what for one company's product, what-changed
between the first and last agreements of one partnership, terms-as-of for that partnership on a
date, and, for reference, the unfiltered who-hosts-what (whose answer grows with the graph).

Writes docs/scale.csv and docs/scale.png and prints the table and the goal checks.

With ``--validation``, measures SHACL validation instead (benchmarks/bench_validation.py): both
engines, seconds and peak memory per size, written to docs/validation.csv.

Usage::

    python benchmarks/bench_scale.py            # full run: 10k ... 1M triples (about 5-10 minutes)
    python benchmarks/bench_scale.py --quick    # 10k and 100k only, fewer runs (about a minute)
    python benchmarks/bench_scale.py --validation   # SHACL validation: SPARQL engine and pySHACL
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale_report import QUERIES, Row, goals, plot, read_csv, table, write_csv  # noqa: E402

from graph._vocab import KG  # noqa: E402
from graph.synth import (  # noqa: E402
    FILE_NAME,
    NOTE_NAME,
    companies_for_triples,
    company_lines,
    generate,
    is_cloud,
)

WORKER = Path(__file__).resolve().parent / "scale_worker.py"
SIZES = (10_000, 20_000, 30_000, 100_000, 300_000, 1_000_000)
QUICK_SIZES = (10_000, 100_000)


def peak_mb(rusage: Any) -> float:
    """A child's peak resident memory in MB (``ru_maxrss`` is KiB on Linux, bytes on macOS)."""
    return rusage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def worker(mode: str, *args: str) -> tuple[dict[str, Any], float]:
    """Run one measurement in a fresh process; its JSON result and its peak memory in MB."""
    with (
        tempfile.TemporaryDirectory(prefix="kg-bench-cache-") as cache,  # no compiled graph is reused
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
    ):
        env = dict(os.environ, PYTHONPATH=str(REPO), PARTNERSHIP_KG_CACHE=cache)
        proc = subprocess.Popen([sys.executable, str(WORKER), mode, *args], stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise SystemExit(f"worker {mode} failed:\n{err.read().decode(errors='replace')}")
        return json.loads(out.read()), peak_mb(usage)


def fingerprint(*paths: Path) -> str:
    """A short digest of files' contents: cached inputs are named by what made them."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


GENERATOR = fingerprint(*sorted((REPO / "graph" / "synth").glob("*.py")))
"""Synthetic data made by another version of the generator is made again."""


def synthetic(work: Path, target: int, seed: int) -> tuple[Path, int]:
    """The synthetic data folder for a size (generated once per size, seed and generator version)."""
    companies = companies_for_triples(target)
    folder = work / f"synth-{target}-seed{seed}-{GENERATOR}"
    note = folder / NOTE_NAME
    if not (
        note.is_file()
        and f"companies={companies} seed={seed} " in note.read_text()
        and (folder / FILE_NAME).is_file()
    ):
        started = time.perf_counter()
        generate(folder, companies, seed=seed)
        print(
            f"  generated {companies:,} companies in {time.perf_counter() - started:.1f} s", file=sys.stderr
        )
    return folder, companies


def cases(companies: int, seed: int) -> list[dict[str, Any]]:
    """The timed questions, about a lab company near the middle of the synthetic graph.

    The company is regenerated from the seed (cheap) to pick, the same way at every size, a
    product it has at least two cloud roles on, a partnership of at least five agreements and
    seven clauses, that partnership's first and last agreements, and a date in its life, so that
    the answers have about the same size whatever the graph's size.
    """
    import pyoxigraph as ox

    for lab in sorted(range(companies), key=lambda i: abs(i - companies // 2)):
        if is_cloud(lab):
            continue
        lines = company_lines(lab, companies, seed)
        triples = list(ox.parse("".join(lines).encode(), format=ox.RdfFormat.N_TRIPLES))
        hosted: dict[str, int] = {}
        agreements: dict[str, list[str]] = {}
        clauses: dict[str, int] = {}
        dates: dict[str, str] = {}
        for t in triples:
            p, o = t.predicate.value, t.object.value
            if p == KG + "hostedThing" and "-product-" in o:
                hosted[o] = hosted.get(o, 0) + 1
            elif p == KG + "partnership" and "synth-agreement-" in t.subject.value:
                agreements.setdefault(o, []).append(t.subject.value)
            elif p == KG + "date":
                dates[t.subject.value] = o
            elif o == KG + "Clause":
                key = t.subject.value.rsplit("-", 1)[0].replace("synth-clause-", "synth-partnership-")
                clauses[key] = clauses.get(key, 0) + 1
        products = sorted(p for p, n in hosted.items() if n >= 2)
        partnerships = sorted(p for p, a in agreements.items() if len(a) >= 5 and clauses.get(p, 0) >= 7)
        if not products or not partnerships:
            continue
        partnership = partnerships[0]
        deals = sorted(agreements[partnership], key=lambda iri: int(iri.rsplit("-", 1)[1]))
        middle = next(dates[a] for a in deals[len(deals) // 2 :] if a in dates)
        return [
            {"name": "who-hosts-what", "query": "who-hosts-what", "params": {"subject": products[0]}},
            {"name": "what-changed", "query": "what-changed", "params": {"from": deals[0], "to": deals[-1]}},
            {
                "name": "terms-as-of",
                "query": "terms-as-of",
                "params": {"asOf": f"{middle[:4]}-12-31", "partnership": partnership},
            },
            {"name": "who-hosts-what (all)", "query": "who-hosts-what", "params": {}},
        ]
    raise SystemExit(f"no suitable lab among {companies} companies")


def measure(target: int, args: argparse.Namespace, work: Path) -> list[Row]:
    """Every engine at one size."""
    print(f"size ~{target:,} triples", file=sys.stderr)
    data, companies = synthetic(work, target, args.seed)
    timed = cases(companies, args.seed)
    common = ["--data", str(data), "--cases", json.dumps(timed), "--budget", str(args.budget)]
    runs = ["--runs", str(args.runs)]
    rows: list[Row] = []

    result, peak = worker("memory", *common, *runs)
    triples = result["triples"]
    memory = Row(
        target, triples, "oxigraph-memory", load_s=result["load_s"], load_peak_mb=peak, query_peak_mb=peak
    )
    _fill(memory, result["queries"])
    rows.append(memory)
    print(f"  oxigraph in memory: {triples:,} triples loaded in {result['load_s']:.2f} s", file=sys.stderr)

    with tempfile.TemporaryDirectory(prefix="kg-bench-store-", dir=work) as store:
        built, build_peak = worker("build", "--data", str(data), "--store", store)
        reopened, reopen_peak = worker("reopen", *common, *runs, "--store", store)
    disk = Row(target, triples, "oxigraph-disk", load_s=built["load_s"], load_peak_mb=build_peak)
    disk.reopen_s, disk.query_peak_mb = reopened["load_s"], reopen_peak
    _fill(disk, reopened["queries"])
    rows.append(disk)
    print(
        f"  oxigraph on disk: built in {built['load_s']:.2f} s, reopened in {reopened['load_s']:.3f} s",
        file=sys.stderr,
    )

    if args.before and target <= args.before_max:
        result, peak = worker("memory", *common, "--queries", args.before_dir, "--no-warm-up", "--runs", "1")
        before = Row(target, triples, "oxigraph-memory-before", load_s=result["load_s"], load_peak_mb=peak)
        before.query_peak_mb = peak
        _fill(before, result["queries"])
        before.note = f"queries of {args.before} (1 run, no warm-up)"
        rows.append(before)
        print(f"  oxigraph in memory with the queries of {args.before}: done", file=sys.stderr)

    if target <= args.rdflib_max:
        packaged = sorted((REPO / "data").glob("*.ttl"))
        nt = work / f"merged-{target}-seed{args.seed}-{GENERATOR}-{fingerprint(*packaged)}.nt"
        if not nt.is_file():
            worker("dump", "--data", str(data), "--nt", str(nt))
        result, peak = worker("rdflib", *common, *runs, "--nt", str(nt))
        for engine, key in (("rdflib", "queries"), ("rdflib-prepared", "prepared")):
            row = Row(target, triples, engine, load_s=result["load_s"], load_peak_mb=peak, query_peak_mb=peak)
            _fill(row, result[key])
            row.note = "same SPARQL text; DISTINCT-aggregate patch (RDFLib/rdflib#882)"
            rows.append(row)
        print(f"  rdflib: {result['triples']:,} triples parsed in {result['load_s']:.2f} s", file=sys.stderr)
    else:
        rows.append(Row(target, triples, "rdflib", note=f"not run: above --rdflib-max {args.rdflib_max:,}"))
    _check_rows(rows)
    return rows


def before_queries(ref: str, work: Path) -> Path:
    """The three timed named queries as of a git commit, written to a folder of .rq files."""
    folder = work / f"queries-{ref}"
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("who-hosts-what", "what-changed", "terms-as-of"):
        text = subprocess.run(
            ["git", "show", f"{ref}:queries/{name}.rq"], cwd=REPO, capture_output=True, text=True, check=False
        )
        if text.returncode != 0:
            raise SystemExit(f"--before {ref}: {text.stderr.strip()}")
        (folder / f"{name}.rq").write_text(text.stdout, encoding="utf-8")
    return folder


def _fill(row: Row, found: dict[str, Any]) -> None:
    for name, value in found.items():
        row.ms[name], row.rows[name], row.runs[name] = value["ms"], value["rows"], value["runs"]


def _check_rows(rows: list[Row]) -> None:
    """Every engine must return the same number of rows for each question."""
    for q in QUERIES:
        counts = {r.engine: r.rows[q] for r in rows if q in r.rows}
        if len(set(counts.values())) > 1:
            for r in rows:
                r.note = (r.note + "; " if r.note else "") + f"row counts differ for {q}: {counts}"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, write docs/scale.csv and docs/scale.png, print the table and goals."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10k and 100k triples, 3 runs (about a minute)")
    parser.add_argument("--sizes", help="comma-separated triple counts (default 10000,...,1000000)")
    parser.add_argument("--runs", type=int, help="timed runs per query (default 7; 3 with --quick)")
    parser.add_argument("--budget", type=float, default=15.0, help="seconds of timed runs per query at most")
    parser.add_argument("--rdflib-max", type=int, default=300_000, help="largest size rdflib runs at")
    parser.add_argument("--before", metavar="GIT_REF", help="also time the named queries as of this commit")
    parser.add_argument("--before-max", type=int, default=20_000, help="largest size --before runs at")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "partnership-kg-bench"))
    parser.add_argument("--out", default=str(REPO / "docs"), help="folder for scale.csv and scale.png")
    parser.add_argument(
        "--report", metavar="CSV", help="re-render the table, goals and plot of a CSV; measure nothing"
    )
    parser.add_argument("--validation", action="store_true", help="measure SHACL validation instead")
    parser.add_argument(
        "--pyshacl-max", type=int, default=60_000, help="--validation: largest size for pySHACL"
    )
    args = parser.parse_args(argv)
    if args.validation:
        from bench_validation import run_validation

        return run_validation(args, synthetic, worker)
    if args.report:
        rows = read_csv(Path(args.report))
        plot(rows, Path(args.out) / "scale.png")
        print(table(rows))
        print()
        print("\n".join(goals(rows)))
        return 0
    sizes = (
        [int(s) for s in args.sizes.split(",")] if args.sizes else list(QUICK_SIZES if args.quick else SIZES)
    )
    if args.runs is None:
        args.runs = 3 if args.quick else 7
    if args.quick:
        args.rdflib_max = min(args.rdflib_max, 100_000)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    if args.before:
        args.before_dir = str(before_queries(args.before, work))
    started = time.perf_counter()
    rows = [row for target in sizes for row in measure(target, args, work)]
    out = Path(args.out)
    write_csv(rows, out / "scale.csv")
    try:
        plot(rows, out / "scale.png")
    except ImportError:
        print("matplotlib is not installed (pip install -e '.[bench]'): no plot written", file=sys.stderr)
    print(table(rows))
    print()
    for line in goals(rows):
        print(line)
    print(f"\nwrote {out / 'scale.csv'} and {out / 'scale.png'} in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
