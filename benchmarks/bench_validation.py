"""SHACL validation as the graph grows: the SPARQL engine (default) beside pySHACL (the reference).

Run through ``python benchmarks/bench_scale.py --validation [--sizes ...] [--pyshacl-max N]``:
each size's synthetic data (graph.synth, plus the packaged graph) is validated in a fresh
process per engine (benchmarks/scale_worker.py ``validate``); the table gives the triples, the
seconds of ``validate()`` (loading excluded), the process's peak memory and the number of
violations, which must agree between the engines: the 103 violating files of
tests/shacl_corpus/ are loaded with the synthetic data, so each engine has 107 violations to
find at every size. Writes docs/validation.csv.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

VALIDATION_SIZES = (58_000, 200_000, 1_000_000)
GOAL_TRIPLES, GOAL_SECONDS = 1_000_000, 60.0


def run_validation(args: Any, synthetic: Callable[..., Any], worker: Callable[..., Any]) -> int:
    """Measure both engines at each size; print the table and the goal check, write the CSV."""
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else list(VALIDATION_SIZES)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    for target in sizes:
        data, _ = synthetic(work, target, args.seed)
        for engine in ("sparql", "pyshacl"):
            if engine == "pyshacl" and target > args.pyshacl_max:
                rows.append(
                    {
                        "size": target,
                        "engine": engine,
                        "note": f"not run: above --pyshacl-max {args.pyshacl_max:,}",
                    }
                )
                continue
            print(f"size ~{target:,}: validating with {engine} ...", file=sys.stderr)
            corpus = Path(__file__).resolve().parent.parent / "tests" / "shacl_corpus"
            result, peak = worker("validate", "--data", str(data), "--extra", str(corpus), "--engine", engine)
            rows.append(
                {
                    "size": target,
                    "engine": result["engine"],
                    "triples": result["triples"],
                    "validate_s": round(result["validate_s"], 2),
                    "peak_mb": round(peak),
                    "violations": result["violations"],
                    "note": "",
                }
            )
            print(
                f"  {result['triples']:,} triples: {result['validate_s']:.1f} s, {peak:.0f} MB",
                file=sys.stderr,
            )
    out = Path(args.out) / "validation.csv"
    fields = ["size", "engine", "triples", "validate_s", "peak_mb", "violations", "note"]
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows({k: row.get(k, "") for k in fields} for row in rows)
    print("| triples | engine | validate (s) | peak memory (MB) | violations |")
    print("| ---: | --- | ---: | ---: | ---: |")
    for row in rows:
        if "triples" in row:
            print(
                f"| {row['triples']:,} | {row['engine']} | {row['validate_s']} | {row['peak_mb']} | {row['violations']} |"
            )
        else:
            print(f"| ~{row['size']:,} | {row['engine']} | {row['note']} | | |")
    for size in sizes:
        counts = {r["engine"]: r["violations"] for r in rows if r["size"] == size and "violations" in r}
        if len(set(counts.values())) > 1:
            print(f"MISMATCH at ~{size:,}: {counts}")
    big = [r for r in rows if r.get("engine") == "sparql" and r.get("triples", 0) >= GOAL_TRIPLES]
    for r in big:
        verdict = "met" if r["validate_s"] < GOAL_SECONDS else "NOT met"
        print(
            f"goal (1M triples in under {GOAL_SECONDS:.0f} s): {verdict}: {r['triples']:,} in {r['validate_s']} s"
        )
    print(f"wrote {out}")
    return 0
