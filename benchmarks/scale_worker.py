"""One measurement of benchmarks/bench_scale.py, run in a fresh process so its peak memory is its own.

Modes (printed as one JSON object on stdout):

* ``memory``  load the data files into the in-memory Oxigraph store, then time the queries;
* ``build``   load the data files into a new on-disk store (``graph.load(..., store=DIR)``);
* ``reopen``  reopen that on-disk store, then time the queries;
* ``dump``    write the merged, derived graph as N-Triples (the input of the rdflib runs);
* ``rdflib``  parse that N-Triples file into rdflib's default (in-memory) store and time the same
  SPARQL texts with ``Graph.query(text, initBindings=...)``, then again with a prepared query;
* ``validate`` load the data into the in-memory store, then validate it with ``--engine``
  (``sparql`` or ``pyshacl``): seconds and the number of violations.

Usage: ``python benchmarks/scale_worker.py MODE --data DIR [--store DIR] [--nt FILE] --cases JSON``
(``--queries DIR`` times other versions of the named queries, e.g. those before this branch).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import pyoxigraph as ox  # noqa: E402

from graph._vocab import PREFIXES  # noqa: E402
from graph.sparql._named import get_named_query  # noqa: E402

XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")


def terms(params: dict[str, str]) -> dict[str, Any]:
    """The case's parameters as pyoxigraph terms: ``YYYY-MM-DD`` dates, otherwise IRIs."""
    return {
        name: ox.Literal(value, datatype=XSD_DATE) if name == "asOf" else ox.NamedNode(value)
        for name, value in params.items()
    }


def timed(run: Any, runs: int, budget_s: float, warm_up: bool = True) -> tuple[float, int, int]:
    """Median seconds of ``run()`` after one warm-up (fewer runs once ``budget_s`` is spent), rows, runs."""
    rows = run() if warm_up else 0
    times: list[float] = []
    spent = 0.0
    while len(times) < runs and (not times or spent < budget_s):
        started = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - started)
        spent += times[-1]
    return statistics.median(times), rows, len(times)


def query_text(name: str, folder: str | None) -> str:
    """A named query's text: the packaged one, or ``folder/NAME.rq`` (another version of it)."""
    if folder is None:
        return get_named_query(name).text
    return (Path(folder) / f"{name}.rq").read_text(encoding="utf-8")


def oxigraph_queries(kg: Any, cases: list[dict[str, Any]], args: argparse.Namespace) -> dict[str, Any]:
    """Median latency and rows of each case on the project's store (``PartnershipGraph.backend``)."""
    found: dict[str, Any] = {}
    for case in cases:
        text, bindings = query_text(case["query"], args.queries), terms(case["params"])
        seconds, rows, n = timed(
            lambda: len(kg.backend.query(text, bindings).rows),  # noqa: B023
            args.runs,
            args.budget,
            warm_up=not args.no_warm_up,
        )
        found[case["name"]] = {"ms": seconds * 1000, "rows": rows, "runs": n}
    return found


def patch_rdflib() -> None:
    """Let rdflib skip unbound values in DISTINCT aggregates, as SPARQL and Oxigraph do.

    rdflib 7.6 raises NotBoundError for ``GROUP_CONCAT(DISTINCT ?x)`` when ?x is unbound in some
    solution (RDFLib/rdflib#882), which what-changed (before and after this branch) relies on.
    """
    from rdflib.plugins.sparql import aggregates
    from rdflib.plugins.sparql.sparql import NotBoundError

    original = aggregates.Accumulator.use_row

    def use_row(self: Any, row: Any) -> bool:
        try:
            return bool(original(self, row))
        except NotBoundError:
            return False

    aggregates.Accumulator.use_row = use_row  # type: ignore[method-assign]


def rdflib_run(args: argparse.Namespace, cases: list[dict[str, Any]]) -> dict[str, Any]:
    """Parse the merged N-Triples with rdflib, then time the text queries and the prepared ones."""
    import rdflib
    from rdflib.plugins.sparql import prepareQuery

    from graph.sparql._terms import to_rdflib

    patch_rdflib()
    started = time.perf_counter()
    g = rdflib.Graph()
    g.parse(args.nt, format="nt")
    result: dict[str, Any] = {"load_s": time.perf_counter() - started, "triples": len(g)}
    text_runs: dict[str, Any] = {}
    prepared_runs: dict[str, Any] = {}
    for case in cases:
        text = get_named_query(case["query"]).text
        bindings = {k: to_rdflib(v) for k, v in terms(case["params"]).items()}
        seconds, rows, n = timed(
            lambda: len(list(g.query(text, initNs=PREFIXES, initBindings=bindings))),  # noqa: B023
            args.runs,
            args.budget,
        )
        text_runs[case["name"]] = {"ms": seconds * 1000, "rows": rows, "runs": n}
        prepared = prepareQuery(text, initNs=PREFIXES)
        seconds, rows, n = timed(
            lambda: len(list(g.query(prepared, initBindings=bindings))),  # noqa: B023
            args.runs,
            args.budget,
        )
        prepared_runs[case["name"]] = {"ms": seconds * 1000, "rows": rows, "runs": n}
    result["queries"] = text_runs
    result["prepared"] = prepared_runs
    return result


def main() -> None:
    """Run one measurement and print its JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("mode", choices=("memory", "build", "reopen", "dump", "rdflib", "validate"))
    parser.add_argument("--engine", default="sparql", help="validate: sparql or pyshacl")
    parser.add_argument("--extra", action="append", default=[], help="validate: more data (e.g. violations)")
    parser.add_argument("--data", required=True)
    parser.add_argument("--store")
    parser.add_argument("--nt")
    parser.add_argument("--cases", default="[]")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--budget", type=float, default=20.0, help="seconds of timed runs per query")
    parser.add_argument("--queries", help="folder of .rq files to time instead of the packaged queries")
    parser.add_argument("--no-warm-up", action="store_true", help="time the first run too (slow queries)")
    args = parser.parse_args()
    cases = json.loads(args.cases)
    import graph

    result: dict[str, Any] = {}
    if args.mode == "rdflib":
        result = rdflib_run(args, cases)
    else:
        started = time.perf_counter()
        if args.mode in ("memory", "validate"):
            kg = graph.PartnershipGraph.load(args.data, *args.extra, use_cache=False)
        else:
            kg = graph.load(args.data, store=args.store)
        result["load_s"] = time.perf_counter() - started
        if args.mode == "dump":
            Path(args.nt).write_bytes(kg.backend.dump(ox.RdfFormat.N_TRIPLES))
        result["triples"] = len(kg)
        if args.mode in ("memory", "reopen"):
            result["queries"] = oxigraph_queries(kg, cases, args)
        if args.mode == "validate":
            from graph.checks._shacl import validate

            started = time.perf_counter()
            report = validate(kg.backend, args.engine)
            result["validate_s"] = time.perf_counter() - started
            result["violations"] = len(report.violations)
            result["engine"] = report.engine
    print(json.dumps(result))


if __name__ == "__main__":
    main()
