"""One answer on every engine: ask every case of each engine and compare with the golden files.

    python -m conformance                  # every engine installed here
    python -m conformance --engine virtuoso --engine "kg serve"
    python -m conformance --write-golden   # rewrite tests/golden/ from the embedded store
    python -m conformance --corpus-only    # the five documents alone: tests/golden/corpus-only/
    python -m conformance --data DIR [--corpus-only] --golden OTHER   # another graph

The engines: the library on the embedded store (in memory, and on disk), ``kg serve`` over HTTP
(asked for the named graph ``kg push`` writes), the Oxigraph server after ``kg push``, and
Virtuoso after ``kg push`` (with digest authentication). Servers are started on free loopback
ports in temporary folders and stopped afterwards. It prints a table (cases × engines: equal,
differs or fails) and exits 1 if any cell is not "equal", 2 on bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from conformance import _servers
from conformance._cases import Case, cases
from graph._graph import load
from graph._vocab import DEFAULT_GRAPH_IRI

GOLDEN = Path(__file__).resolve().parents[1] / "tests" / "golden"
"""Where the golden files are (one JSON file per family: case id -> answer), in the checkout."""
CORPUS_ONLY_GOLDEN = GOLDEN / "corpus-only"
"""The golden answers of the five corpus documents alone (``--corpus-only``: no *.reported.* file)."""

GRAPH: dict[str, Any] = {"data": (), "corpus_only": False}
"""The graph every engine holds: the packaged data plus ``data`` (--data), without the reported
facts with ``corpus_only`` (--corpus-only)."""


def _load(**kwargs: Any) -> Any:
    return load(*GRAPH["data"], corpus_only=GRAPH["corpus_only"], **kwargs)


def _serve_args() -> list[str]:
    data = [arg for folder in GRAPH["data"] for arg in ("--data", str(folder))]
    return data + (["--corpus-only"] if GRAPH["corpus_only"] else [])


@contextmanager
def _memory() -> Iterator[Any]:
    yield _load()


@contextmanager
def _on_disk() -> Iterator[Any]:
    with tempfile.TemporaryDirectory(prefix="kg-store-") as folder:
        yield _load(store=Path(folder) / "store")


@contextmanager
def _kg_serve() -> Iterator[Any]:
    from graph.remote._backend import connect

    with _servers.kg_serve("--workers", "1", "--timeout", "30", *_serve_args()) as base:
        yield connect(base + "/sparql", graph=DEFAULT_GRAPH_IRI)


@contextmanager
def _oxigraph() -> Iterator[Any]:
    from graph.remote._backend import connect
    from graph.remote._push import push

    with _servers.oxigraph_server() as base:
        push(_load(), base)
        yield connect(base)


@contextmanager
def _virtuoso() -> Iterator[Any]:
    from graph.remote._backend import connect
    from graph.remote._push import push

    with _servers.virtuoso_server() as (base, user):
        push(_load(), base + "/sparql-auth", user=user)
        yield connect(base + "/sparql-auth", user=user)


ENGINES: dict[str, Callable[[], AbstractContextManager[Any]]] = {
    "embedded": _memory,
    "on disk": _on_disk,
    "kg serve": _kg_serve,
    "oxigraph": _oxigraph,
    "virtuoso": _virtuoso,
}
"""Each engine: a context manager that yields a PartnershipGraph answering on it."""


def available() -> list[str]:
    """The engines that can run here (the Oxigraph and Virtuoso binaries installed)."""
    missing = {
        "oxigraph": _servers.oxigraph_binary() is None,
        "virtuoso": _servers.virtuoso_binary() is None,
    }
    return [name for name in ENGINES if not missing.get(name)]


def golden(folder: Path = GOLDEN) -> dict[str, dict[str, Any]]:
    """The golden answers: family -> case id -> answer."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))}


def write_golden(folder: Path = GOLDEN) -> int:
    """Write the golden files from the embedded store (in memory); how many cases."""
    kg = _load()
    families: dict[str, dict[str, Any]] = {}
    for case in cases(kg):
        families.setdefault(case.family, {})[case.id] = case.ask(kg)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.json"):
        old.unlink()
    for family, answers in families.items():
        text = json.dumps(answers, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        (folder / f"{family}.json").write_text(text, encoding="utf-8")
    return sum(len(a) for a in families.values())


def run_engine(
    name: str, case_list: list[Case], expected: dict[str, dict[str, Any]]
) -> dict[tuple[str, str], str]:
    """Ask every case of one engine: (family, case id) -> equal, differs, fails or no golden.

    Each case that is not equal, and how it ends, is said on stderr in one line.
    """
    started = time.perf_counter()
    try:
        with ENGINES[name]() as kg:
            found = ask_all(kg, case_list, expected, name)
    except Exception as err:  # an engine that does not start fails every case, said once
        print(f"{name}: {type(err).__name__}: {err}", file=sys.stderr)
        return {}
    equal = sum(cell == "equal" for cell in found.values())
    print(f"{name}: {equal}/{len(found)} equal ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return found


def ask_all(
    kg: Any, case_list: list[Case], expected: dict[str, dict[str, Any]], engine: str = ""
) -> dict[tuple[str, str], str]:
    """Ask every case of one PartnershipGraph: (family, case id) -> its cell."""
    cells = {}
    for case in case_list:
        cell, detail = _compare(case, kg, expected)
        cells[(case.family, case.id)] = cell
        if detail:
            print(f"{engine or 'engine'}: {case.family}: {case.id}: {cell}: {detail}", file=sys.stderr)
    return cells


def _compare(case: Case, kg: Any, expected: dict[str, dict[str, Any]]) -> tuple[str, str]:
    want = expected.get(case.family, {}).get(case.id, _MISSING)
    if want is _MISSING:
        return "no golden", "no answer in the golden files; write them with --write-golden"
    try:
        got = case.ask(kg)
    except Exception as err:
        return "fails", f"{type(err).__name__}: {str(err)[:300]}"
    return ("equal", "") if got == want else ("differs", _first_difference(want, got))


def _first_difference(want: Any, got: Any, where: str = "") -> str:
    """Where two answers first differ, and the two values there (shortened)."""
    if isinstance(want, dict) and isinstance(got, dict):
        for key in sorted(set(want) | set(got), key=str):
            if want.get(key, _MISSING) != got.get(key, _MISSING):
                return _first_difference(want.get(key), got.get(key), f"{where}.{key}")
    if isinstance(want, list) and isinstance(got, list):
        if len(want) != len(got):
            return f"{where or 'answer'}: {len(want)} items expected, {len(got)} given"
        for i, (a, b) in enumerate(zip(want, got)):
            if a != b:
                return _first_difference(a, b, f"{where}[{i}]")
    return f"{where or 'answer'}: expected {json.dumps(want, ensure_ascii=False)[:120]}, got {json.dumps(got, ensure_ascii=False)[:120]}"


_MISSING = object()


def table(cells: dict[str, dict[tuple[str, str], str]], expected: dict[str, dict[str, Any]]) -> str:
    """The cases × engines table, one line per case, with a total per engine."""
    engines = list(cells)
    keys = _keys(cells, expected)
    width = max(len(f"{f}: {c}") for f, c in keys)
    lines = [f"{'case':<{width}}  " + "  ".join(f"{e:<8}" for e in engines)]
    for family, case in keys:
        row = [cells[e].get((family, case), "fails") for e in engines]
        lines.append(f"{family + ': ' + case:<{width}}  " + "  ".join(f"{c:<8}" for c in row))
    totals = [sum(cells[e].get(k) == "equal" for k in keys) for e in engines]
    lines.append(f"{'equal':<{width}}  " + "  ".join(f"{f'{t}/{len(keys)}':<8}" for t in totals))
    return "\n".join(lines)


def _keys(
    cells: dict[str, dict[tuple[str, str], str]], expected: dict[str, dict[str, Any]]
) -> list[tuple[str, str]]:
    """Every case: those with a golden answer, then any an engine asked that has none."""
    keys = [(f, c) for f, answers in expected.items() for c in answers]
    known = set(keys)
    return keys + sorted({k for found in cells.values() for k in found} - known)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the conformance check (or write the golden files); the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m conformance",
        description=__doc__.replace("``", ""),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--engine", action="append", choices=list(ENGINES), help="only these (repeatable)")
    parser.add_argument("--golden", type=Path, default=GOLDEN, metavar="DIR", help="the golden files")
    parser.add_argument("--write-golden", action="store_true", help="write them from the embedded store")
    parser.add_argument("--data", action="append", default=[], metavar="DIR", help="add these data files")
    parser.add_argument(
        "--corpus-only",
        action="store_true",
        help="leave out facts reported outside the corpus (golden files: tests/golden/corpus-only/ "
        "unless --data or --golden is given)",
    )
    args = parser.parse_args(argv)
    GRAPH.update(data=tuple(args.data), corpus_only=args.corpus_only)
    if args.corpus_only and not args.data and args.golden == GOLDEN:
        args.golden = CORPUS_ONLY_GOLDEN  # the packaged graph's corpus-only answers
    if args.write_golden:
        print(f"wrote {write_golden(args.golden)} golden answers to {args.golden}/")
        return 0
    expected = golden(args.golden)
    if not expected:
        print(f"no golden files in {args.golden}/; write them with --write-golden", file=sys.stderr)
        return 2
    engines = args.engine or available()
    started = time.perf_counter()
    case_list = cases(_load())  # the agreements and entity kinds come from the embedded store
    cells = {name: run_engine(name, case_list, expected) for name in engines}
    print(table(cells, expected))
    print(f"({time.perf_counter() - started:.1f} s)")
    keys = _keys(cells, expected)
    return 0 if all(cells[e].get(k) == "equal" for e in engines for k in keys) else 1
