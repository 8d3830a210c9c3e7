"""The package's imports form a DAG, and its modules stay small.

Every import in ``graph/`` counts: at module level, inside functions, and under
``if TYPE_CHECKING:`` (a cycle a type checker sees is still a cycle in the design).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "graph"


def module_name(path: Path) -> str:
    """``graph/answers/_types.py`` -> ``graph.answers._types``; a package's __init__ is the package."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    """Every Python module of the package, by dotted name."""
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The package modules that one module imports anywhere in its text."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in known)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module or ""
            for alias in node.names:
                target = f"{base}.{alias.name}"
                if target in known:
                    found.add(target)  # a submodule: `from graph import _resolve`
                elif base in known:
                    found.add(base)
    found.discard(name)
    return found


def import_graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports."""
    mods = modules()
    known = set(mods)
    return {name: imports_of(name, path, known) for name, path in mods.items()}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules (first == last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(edges):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_the_walker_sees_imports_inside_functions_and_type_checking_blocks():
    edges = import_graph()
    assert "graph.questions" in edges["graph._graph"]  # imported inside methods
    assert "graph.store" in edges["graph.questions.hosts"]  # under TYPE_CHECKING
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_imports_form_a_dag():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_layers_point_down():
    """backend <- resolve <- answers <- facade: the lower layers never name the ones above."""
    edges = import_graph()
    below_facade = [m for m in edges if m.startswith(("graph.answers", "graph.store", "graph.sparql"))]
    below_facade += ["graph._resolve", "graph.checks._shacl", "graph.checks._quotes", "graph.output._export"]
    for name in below_facade:
        assert "graph._graph" not in edges[name], name
        assert "graph" not in edges[name], name


def test_the_largest_module_is_under_400_lines():
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in modules().items()}
    largest = max(sizes, key=lambda name: sizes[name])
    assert sizes[largest] < 400, f"{largest} has {sizes[largest]} lines"


LAYERS = [
    [
        "graph._version",
        "graph._errors",
        "graph._vocab",
        "graph._paths",
        "graph._io",
        "graph._dates",
        "graph._schemes",
        "graph._lazy",
        "graph._record",
        "graph.isolation",
    ],
    ["graph._formats", "graph._csp"],
    ["graph.sparql"],
    ["graph.store"],
    ["graph.checks"],
    ["graph._resolve"],
    ["graph.answers"],
    ["graph.questions"],  # each named question declared once: its query, parameters, answer, builder
    ["graph.output"],
    ["graph._graph"],
    ["graph.remote"],
    ["graph.authoring"],  # writes into the user's data folder, through the facade
    ["graph.explorer"],
    ["graph.diff"],  # kg diff: two graphs (folders or git revisions) asked the headline questions
    ["graph.linked"],  # entity documents, kg publish (with the explorer), VoID, citations, Wikidata
    ["graph.build"],  # kg build asks the facade its questions and writes the explorer
    ["graph.serve"],
    ["graph.synth"],

    ["graph.cli"],
    ["graph"],
]
"""The package's layers, lowest first, as the README's layout lists them."""


def layer_of(module: str) -> int:
    """The index of the layer a module belongs to: that of the longest name that is it or holds it."""
    found = [
        (len(name), index)
        for index, layer in enumerate(LAYERS)
        for name in layer
        if module == name or (name != "graph" and module.startswith(name + "."))
    ]
    assert found, module
    return max(found)[1]


def test_each_layer_imports_only_itself_and_the_layers_below():
    assert {layer_of(name) for name in modules()} == set(range(len(LAYERS)))  # every layer is used
    upward = [
        (name, target)
        for name, targets in import_graph().items()
        for target in targets
        if layer_of(target) > layer_of(name)
    ]
    assert upward == []


def private_imports() -> list[tuple[str, str]]:
    """(module, private module) pairs where a module imports another subpackage's private module."""
    found = []
    for name, path in modules().items():
        own = name.split(".")[1] if name.count(".") >= 1 else ""
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                targets = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            for target in targets:
                parts = target.split(".")
                if (
                    len(parts) >= 3
                    and parts[0] == "graph"
                    and not parts[1].startswith("_")
                    and parts[2].startswith("_")
                    and parts[1] != own
                ):
                    found.append((name, target))
    return sorted(set(found))


def test_no_module_imports_another_subpackage_s_private_modules():
    # One way in: a subpackage's public names are those its __init__ exports; the faces (cli,
    # serve, explorer, authoring, build) and everything else import those, or the facade.
    assert private_imports() == []


def test_every_name_a_subpackage_exports_is_there():
    import importlib

    for name in modules():
        if name.count(".") == 1 and not name.split(".")[1].startswith("_"):
            package = importlib.import_module(name)
            missing = [n for n in getattr(package, "__all__", ()) if not hasattr(package, n)]
            assert missing == [], (name, missing)


def test_a_named_question_imports_only_what_it_uses() -> None:
    """``kg hosts --format json`` starts without the modules it does not need (issue 19: start-up
    time): the other questions and their answer types, typing, threading, shutil, csv, html, datetime,
    argparse (graph.cli._quick reads its arguments), dataclasses and inspect (its answers are
    graph._record records), json (graph.output._jsontext writes it), re, and signal and enum."""
    import subprocess
    import sys

    unneeded = (
        "typing", "threading", "shutil", "csv", "html", "datetime", "argparse", "dataclasses", "inspect",
        "json", "re", "signal", "enum",
    )  # fmt: skip
    code = (
        "import sys; from graph.cli import main; main(['hosts', '--format', 'json']); "
        f"print(sorted(m for m in sys.modules if m in {unneeded!r} "
        "or m.startswith('graph.questions.') and m not in ('graph.questions.hosts', 'graph.questions._question', "
        "'graph.questions._rows') or m == 'graph.answers._records'), file=sys.stderr)"
    )
    for _ in range(2):  # the first run may compile the graph's cache; the second reads it
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("[\n  {") and done.stderr.strip().splitlines()[-1] == "[]"
