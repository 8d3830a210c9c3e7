"""How long the explorer takes to show a still, drawn graph in headless Chromium.

Measures, for the partnership graph and for a synthetic graph of about 5,000 drawn nodes, the time
from navigation start to vis-network's first ``afterDrawing`` (the page records it as
``explorer.timing.firstDraw``, in ms on the page's ``performance.now()`` clock), after loading the
page from disk (file://). Each run opens a fresh browser context; the table shows the median of
``--runs`` runs. When the first view is a close-up, the first frame draws the nodes that view can
show (the page answers at once, bringing in any other node it needs) and the rest join after it:
the table also shows when every node has joined and the page is ready (``explorer.timing.ready``).
It also checks the graph is still: physics is off and no node moves in the 300 ms after it is ready.

The synthetic graph is Turtle in the project's own model, written to a temporary folder and loaded
with ``graph.load(folder)`` on top of the packaged data, so the page is built by the same code
path as ``kg explore --data DIR``: organisations, clouds each operated by one of them, products,
and cloud roles (provider cloud, hosted product, role type, exclusivity, since an agreement, rank
and evidence), grouped in clusters of one operator, one cloud and a few products and roles.

Run:  PYTHONPATH=. python benchmarks/bench_explorer.py [--runs 5] [--nodes 5000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # tests/harness.py

from harness import CHROMIUM, CHROMIUM_ARGS

import graph
from graph.explorer import write_explorer

PREFIXES = """@prefix kg: <https://w3id.org/partnership-kg/ns#> .
@prefix pk: <https://w3id.org/partnership-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""
ROLE_TYPES = ("kg:Hosts", "kg:Serves", "kg:Distributes")
EXCLUSIVITY = ("kg:Exclusive", "kg:NonExclusive", None)
SINCE = ("pk:agreement-2025-10", "pk:agreement-2026-02-27", "pk:agreement-openai-amazon-2026-02-27")
PER_CLUSTER = 4  # products (and roles) per cloud


def synthetic_turtle(nodes: int) -> str:
    """Turtle for about ``nodes`` drawn nodes: clusters of an operator, a cloud, products and roles,
    and a partner organisation that develops the products: 3 + 2 * PER_CLUSTER nodes a cluster)."""
    clusters = max(1, nodes // (3 + 2 * PER_CLUSTER))
    lines = [
        PREFIXES,
        'pk:synthetic-source a kg:Source ; rdfs:label "Synthetic source" ; kg:fileName "synthetic.txt" .',
        "pk:ev-synthetic a kg:Evidence ; kg:source pk:synthetic-source ; kg:primary false ;",
        '    kg:quote "A synthetic quote for the benchmark." .',
    ]
    for c in range(clusters):
        lines.append(
            f'pk:syn-org-{c} a kg:Organization ; rdfs:label "Operator {c}" ; kg:evidence pk:ev-synthetic .\n'
            f'pk:syn-partner-{c} a kg:Organization ; rdfs:label "Partner {c}" ; kg:evidence pk:ev-synthetic .\n'
            f'pk:syn-cloud-{c} a kg:CloudPlatform ; rdfs:label "Cloud {c}" ; kg:operatedBy pk:syn-org-{c} ;\n'
            "    kg:evidence pk:ev-synthetic ."
        )
        for p in range(PER_CLUSTER):
            n = c * PER_CLUSTER + p
            exclusivity = EXCLUSIVITY[n % 3]
            lines.append(
                f'pk:syn-product-{n} a kg:Product ; rdfs:label "Product {n}" ; kg:developedBy pk:syn-partner-{c} ;\n'
                "    kg:evidence pk:ev-synthetic .\n"
                f'pk:syn-role-{n} a kg:CloudRole ; rdfs:label "Cloud {c} runs product {n}" ;\n'
                f"    kg:provider pk:syn-cloud-{c} ; kg:roleType {ROLE_TYPES[n % 3]} ; kg:hostedThing pk:syn-product-{n} ;\n"
                + (f"    kg:roleExclusivity {exclusivity} ;\n" if exclusivity else "")
                + f"    kg:since {SINCE[n % 3]} ; kg:rank kg:NormalRank ; kg:evidence pk:ev-synthetic ."
            )
    return "\n".join(lines) + "\n"


def build(kg: graph.PartnershipGraph, target: Path) -> tuple[float, int, int]:
    """Write the explorer; seconds taken, drawn nodes, drawn links."""
    started = time.perf_counter()
    write_explorer(kg, target)
    seconds = time.perf_counter() - started
    from graph.explorer._view import curated_view
    from graph.output._export import raw_networkx

    view = curated_view(raw_networkx(kg.backend))
    return seconds, len(view.nodes), len(view.edges)


def first_draws(browser: object, page_file: Path, runs: int) -> list[tuple[float, float]]:
    """ms from navigation start to the first drawn frame and to the page ready with every node, one
    pair per run, checking the graph is still."""
    found = []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1600, "height": 1000})  # type: ignore[attr-defined]
        page = context.new_page()
        page.goto(page_file.as_uri())
        page.wait_for_function("() => window.explorer && window.explorer.ready === true", timeout=60_000)
        first, ready = page.evaluate("[explorer.timing.firstDraw, explorer.timing.ready]")
        found.append((first, ready))
        before = page.evaluate("explorer.network.getPositions()")
        page.wait_for_timeout(300)
        still = page.evaluate("explorer.network.getPositions()") == before
        physics = page.evaluate("explorer.network.physics.options.enabled")
        if not still or physics:
            raise SystemExit(f"{page_file}: the graph moves after its first draw")
        context.close()
    return found


def main(argv: list[str] | None = None) -> int:
    """Build both explorers, time them in Chromium, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="page loads per graph (median reported)")
    parser.add_argument("--nodes", type=int, default=5000, help="drawn nodes in the synthetic graph")
    parser.add_argument("--keep", metavar="DIR", help="keep the pages and synthetic data in DIR")
    args = parser.parse_args(argv)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("playwright (python) is not installed", file=sys.stderr)
        return 2
    if not Path(CHROMIUM).exists():
        print(f"no Chromium at {CHROMIUM}", file=sys.stderr)
        return 2
    workdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-explorer-"))
    workdir.mkdir(parents=True, exist_ok=True)
    data = workdir / "synthetic"
    data.mkdir(exist_ok=True)
    (data / "synthetic.ttl").write_text(synthetic_turtle(args.nodes - 92), encoding="utf-8")
    graphs = [
        ("partnership graph", graph.load(), workdir / "partnership.html"),
        (f"synthetic, ~{args.nodes:,} nodes", graph.load(data), workdir / "synthetic.html"),
    ]
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, kg, target in graphs:
            seconds, nodes, edges = build(kg, target)
            draws = first_draws(browser, target, args.runs)
            rows.append((name, nodes, edges, target.stat().st_size, seconds, draws))
        browser.close()
    print(f"Explorer first draw in headless Chromium ({os.cpu_count()} cores), {args.runs} runs each\n")
    print("| graph | nodes | links | page | build | first draw (median) | min–max | all nodes in (median) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, nodes, edges, size, seconds, runs in rows:
        draws = [first for first, _ in runs]
        print(
            f"| {name} | {nodes:,} | {edges:,} | {size / 1e6:.1f} MB | {seconds:.1f} s "
            f"| {statistics.median(draws):.0f} ms | {min(draws):.0f}–{max(draws):.0f} ms "
            f"| {statistics.median(ready for _, ready in runs):.0f} ms |"
        )
    if not args.keep:
        print(f"\n(pages in {workdir})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
