"""The results of benchmarks/bench_scale.py as a table, a CSV file, a log-log plot and goal checks."""

from __future__ import annotations

import csv
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

QUERIES = ("who-hosts-what", "what-changed", "terms-as-of", "who-hosts-what (all)")
"""The timed cases: three selective questions and the unfiltered who-hosts-what."""

SELECTIVE = QUERIES[:3]
ENGINES = ("oxigraph-memory", "oxigraph-disk", "rdflib", "rdflib-prepared", "oxigraph-memory-before")


@dataclass
class Row:
    """One engine at one graph size."""

    target: int
    triples: int
    engine: str
    load_s: float | None = None
    load_peak_mb: float | None = None
    reopen_s: float | None = None
    query_peak_mb: float | None = None
    ms: dict[str, float] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    runs: dict[str, int] = field(default_factory=dict)
    note: str = ""


def _num(value: float | None, digits: int = 2) -> str:
    if value is None:
        return ""
    return f"{value:.{digits}f}"


def write_csv(rows: Sequence[Row], path: Path) -> None:
    """One line per engine and size; latencies are medians in milliseconds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        names = [q.replace(" ", "_").replace("(", "").replace(")", "").replace("-", "_") for q in QUERIES]
        out.writerow(
            ["target_triples", "triples", "engine", "load_s", "load_peak_mb", "reopen_s", "query_peak_mb"]
            + [f"{n}_ms" for n in names]
            + ["rows", "runs", "note"]
        )
        for r in rows:
            out.writerow(
                [r.target, r.triples, r.engine, _num(r.load_s, 3), _num(r.load_peak_mb, 0)]
                + [_num(r.reopen_s, 3), _num(r.query_peak_mb, 0)]
                + [_num(r.ms.get(q), 2) for q in QUERIES]
                + [
                    "/".join(str(r.rows.get(q, "")) for q in QUERIES),
                    "/".join(str(r.runs.get(q, "")) for q in QUERIES),
                    r.note,
                ]
            )


def read_csv(path: Path) -> list[Row]:
    """The rows of a CSV file written by ``write_csv`` (to re-render without re-measuring)."""

    def num(text: str) -> float | None:
        return float(text) if text else None

    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line in csv.DictReader(handle):
            row = Row(int(line["target_triples"]), int(line["triples"]), line["engine"], note=line["note"])
            row.load_s, row.load_peak_mb = num(line["load_s"]), num(line["load_peak_mb"])
            row.reopen_s, row.query_peak_mb = num(line["reopen_s"]), num(line["query_peak_mb"])
            counts, runs = line["rows"].split("/"), line["runs"].split("/")
            for i, q in enumerate(QUERIES):
                key = q.replace(" ", "_").replace("(", "").replace(")", "").replace("-", "_") + "_ms"
                if line[key]:
                    row.ms[q], row.rows[q], row.runs[q] = float(line[key]), int(counts[i]), int(runs[i])
            rows.append(row)
    return rows


def table(rows: Sequence[Row]) -> str:
    """The results as a fixed-width text table (the one printed and put in docs/scale.md)."""
    head = ["triples", "engine", "load s", "reopen s", "load peak MB", "query peak MB"]
    head += [f"{q} ms" for q in QUERIES]
    body = []
    notes = []
    for r in rows:
        if not r.ms and r.load_s is None:
            notes.append(f"{r.engine} at {r.triples:,} triples: {r.note}")
            continue
        body.append(
            [f"{r.triples:,}", r.engine, _num(r.load_s), _num(r.reopen_s, 3)]
            + [_num(r.load_peak_mb, 0), _num(r.query_peak_mb, 0)]
            + [_num(r.ms.get(q), 1 if r.ms.get(q, 0) < 1000 else 0) for q in QUERIES]
        )
    widths = [max(len(str(x)) for x in col) for col in zip(head, *body)]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(head, widths)) + " |"]
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    lines += ["| " + " | ".join(str(c).rjust(w) for c, w in zip(line, widths)) + " |" for line in body]
    return "\n".join(lines + (["", *notes] if notes else []))


def slope(points: Sequence[tuple[int, float]]) -> float | None:
    """Least-squares slope of log(latency) against log(triples): 1 is linear, 0 is flat."""
    pts = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    var = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / var if var else None


def goals(rows: Sequence[Row]) -> list[str]:
    """The issue's goals, each with the measured figure and PASS, FAIL or not measured."""
    out: list[str] = []

    def by(engine: str) -> list[Row]:
        return sorted((r for r in rows if r.engine == engine), key=lambda r: r.triples)

    disk, memory, rdf = by("oxigraph-disk"), by("oxigraph-memory"), by("rdflib")
    big = [r for r in disk if r.triples >= 1_000_000]
    if big:
        r = big[-1]
        out.append(_check(f"reopen the store at {r.triples:,} triples < 2 s", r.reopen_s, 2.0, "s"))
        for q in SELECTIVE:
            out.append(
                _check(f"{q} at {r.triples:,} triples (on-disk store) < 100 ms", r.ms.get(q), 100.0, "ms")
            )
        mem = next((m for m in memory if m.target == r.target), None)
        if mem is not None:
            for q in SELECTIVE:
                out.append(
                    _check(f"{q} at {mem.triples:,} triples (in memory) < 100 ms", mem.ms.get(q), 100.0, "ms")
                )
        out.append(
            _check(f"peak memory, reopen + queries at {r.triples:,} < 1500 MB", r.query_peak_mb, 1500, "MB")
        )
        out.append(
            _check(f"peak memory, building the store at {r.triples:,} < 1500 MB", r.load_peak_mb, 1500, "MB")
        )
        if mem is not None:
            out.append(
                _check(
                    f"peak memory, in-memory load + queries at {mem.triples:,} < 1500 MB",
                    mem.load_peak_mb,
                    1500,
                    "MB",
                )
            )
    else:
        out.append("NOT MEASURED  1M-triple goals (no size >= 1,000,000 in this run)")
    for base in rdf:
        if base.target != 100_000:
            continue
        ox = next((m for m in memory if m.target == base.target), None)
        for q in SELECTIVE:
            if ox is None or q not in ox.ms or q not in base.ms:
                continue
            ratio = base.ms[q] / ox.ms[q]
            verdict = "PASS" if ratio >= 10 else "FAIL"
            out.append(f"{verdict:12}  {q} at {ox.triples:,}: rdflib / oxigraph = {ratio:.0f}x (goal >= 10x)")
    for engine_rows, engine in ((memory, "oxigraph-memory"), (disk, "oxigraph-disk")):
        for q in QUERIES:
            s = slope([(r.triples, r.ms[q]) for r in engine_rows if q in r.ms])
            if s is None:
                continue
            verdict = "PASS" if s <= 1.1 else "FAIL"
            out.append(f"{verdict:12}  {q} ({engine}) grows as triples^{s:.2f} (goal: at most linear)")
    return out


def _check(label: str, value: float | None, limit: float, unit: str) -> str:
    if value is None:
        return f"NOT MEASURED  {label}"
    verdict = "PASS" if value < limit else "FAIL"
    return f"{verdict:12}  {label}: {value:,.2f} {unit}"


def plot(rows: Sequence[Row], path: Path) -> None:
    """Median latency against triples (log-log), one panel per question; loading and memory beside."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    look = {
        "oxigraph-memory": ("tab:blue", "-", "o"),
        "oxigraph-disk": ("tab:cyan", "--", "s"),
        "rdflib": ("tab:red", ":", "^"),
        "rdflib-prepared": ("tab:orange", "-.", "v"),
        "oxigraph-memory-before": ("tab:grey", ":", "x"),
    }
    fig, axes = plt.subplots(2, 3, figsize=(16, 9))
    panels = list(axes.flat)
    for ax, q in zip(panels, QUERIES):
        for engine in ENGINES:
            pts = sorted((r.triples, r.ms[q]) for r in rows if r.engine == engine and q in r.ms)
            if pts:
                colour, style, marker = look[engine]
                xs, ys = zip(*pts)
                ax.plot(xs, ys, color=colour, linestyle=style, marker=marker, label=engine)
        ax.set(xscale="log", yscale="log", xlabel="triples", ylabel="median latency (ms)", title=q)
        if q in SELECTIVE:
            ax.axhline(100, color="black", linewidth=0.6, linestyle="--")
        ax.grid(True, which="both", linewidth=0.3)
        ax.legend(fontsize=7)
    loading, memory = panels[4], panels[5]
    for engine, attr, label in (
        ("oxigraph-memory", "load_s", "Oxigraph: load the data files into memory"),
        ("oxigraph-disk", "load_s", "Oxigraph: first use, bulk-load the on-disk store"),
        ("oxigraph-disk", "reopen_s", "Oxigraph: reopen the on-disk store"),
        ("rdflib", "load_s", "rdflib: parse N-Triples"),
    ):
        pts = sorted((r.triples, getattr(r, attr)) for r in rows if r.engine == engine and getattr(r, attr))
        if pts:
            xs, ys = zip(*pts)
            loading.plot(xs, ys, marker="o", label=label)
    loading.set(xscale="log", yscale="log", xlabel="triples", ylabel="seconds", title="loading and reopening")
    loading.grid(True, which="both", linewidth=0.3)
    loading.legend(fontsize=7)
    for engine, attr, label in (
        ("oxigraph-memory", "load_peak_mb", "Oxigraph in memory: load + queries"),
        ("oxigraph-disk", "load_peak_mb", "Oxigraph on disk: first use (bulk load)"),
        ("oxigraph-disk", "query_peak_mb", "Oxigraph on disk: reopen + queries"),
        ("rdflib", "load_peak_mb", "rdflib: parse + queries"),
    ):
        pts = sorted((r.triples, getattr(r, attr)) for r in rows if r.engine == engine and getattr(r, attr))
        if pts:
            xs, ys = zip(*pts)
            memory.plot(xs, ys, marker="o", label=label)
    memory.set(xscale="log", yscale="log", xlabel="triples", ylabel="peak memory (MB)", title="peak memory")
    memory.grid(True, which="both", linewidth=0.3)
    memory.legend(fontsize=7)
    fig.suptitle("partnership-kg at scale: synthetic graphs, medians, one process per measurement")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)
