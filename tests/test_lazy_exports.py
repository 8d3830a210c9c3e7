"""Each package that exports names lazily (graph/_lazy.py) writes every name twice: an import
under TYPE_CHECKING, which type checkers read, and an entry of ``_HOMES``, which the lazy
``__getattr__`` imports from. This test holds the two copies (and ``__all__``) to the same
names and the same objects, so that they cannot drift apart."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

GRAPH = Path(__file__).resolve().parents[1] / "graph"
LAZY = sorted(p for p in GRAPH.rglob("__init__.py") if "_HOMES" in p.read_text(encoding="utf-8"))


def _type_checking_imports(tree: ast.Module) -> dict[str, str]:
    """Exported name -> ``module`` (or ``module:name`` for an alias) from the TYPE_CHECKING block."""
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for imp in node.body:
                assert isinstance(imp, ast.ImportFrom) and imp.module
                for alias in imp.names:
                    name = alias.asname or alias.name
                    found[name] = imp.module + (f":{alias.name}" if name != alias.name else "")
    return found


@pytest.mark.parametrize("init", LAZY, ids=[str(p.parent.relative_to(GRAPH.parent)) for p in LAZY])
def test_the_type_checking_imports_are_the_lazy_homes(init: Path) -> None:
    package = ".".join(init.parent.relative_to(GRAPH.parent).parts)
    module = importlib.import_module(package)
    imports = _type_checking_imports(ast.parse(init.read_text(encoding="utf-8")))
    # every lazy name is imported for type checkers too, and from where it really is
    assert sorted(set(module._HOMES) - set(imports)) == []
    for name in module._HOMES:
        where, _, attribute = imports[name].partition(":")
        assert getattr(importlib.import_module(where), attribute or name) is getattr(module, name), name
    # a name imported only for type checkers is not exported (an annotation's type)
    assert sorted(n for n in imports if n not in module._HOMES and n in module.__all__) == []
    assert set(module._HOMES) <= set(module.__all__)
