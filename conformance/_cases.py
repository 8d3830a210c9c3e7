"""The conformance cases: every named query and library question, and their canonical answers.

A case is a family (``query-NAME`` or a question such as ``changes``), an id, and a function of a
PartnershipGraph that returns its answer as plain JSON data. The same function is asked of
every engine (the embedded store, ``kg serve``, Oxigraph server, Virtuoso), and the golden files
in ``tests/golden/`` hold what the embedded store answers.

Canonical form, the one place answers of different engines are made comparable:

* a named query's rows: each cell the term in N-Triples syntax (``<iri>``, ``"text"``,
  ``"2026-02-27"^^<...#date>``), or null where unbound; the parts of a ``GROUP_CONCAT`` sorted
  (SPARQL leaves their order open), and one of nothing null (Oxigraph leaves it unbound where
  the standard and Virtuoso give ""); the rows sorted (stores may order ties differently);
* a question's answer: its dataclasses' ``to_dict()``, the fields that hold concatenated parts
  sorted for the same reason; the order of the list is kept (the library sorts it).

Differences of form in the wire format (Virtuoso's ``typed-literal``, booleans as ``1``) are
already taken out by the client: graph.remote._backend.canonical_results.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graph._graph import PartnershipGraph

@dataclass(frozen=True)
class Case:
    """One question asked of every engine."""

    family: str
    id: str
    ask: Callable[[PartnershipGraph], Any]


def cases(kg: PartnershipGraph) -> list[Case]:
    """Every case, in a fixed order: each named query with its questions' test parameters, then
    each question's own cases (graph.questions), the agreements and entity kinds read from ``kg``."""
    from graph.questions import query_examples, registry
    from graph.sparql._named import named_queries

    examples = query_examples()
    found: list[Case] = []
    for name, query in named_queries().items():
        if name not in examples:
            raise KeyError(f"the named query {name} has no test parameters (its question's query_examples)")
        for params in examples[name]:
            found.append(Case(f"query-{name}", _id(params), _named(query, params)))
    for question in registry().values():
        for case, params in question.cases(kg.backend):
            found.append(Case(question.name, case, _asking(question.name, params)))
    return found


def _asking(name: str, params: dict[str, str]) -> Callable[[PartnershipGraph], Any]:
    """A case's question asked with these parameters, its answer made plain."""

    def ask(kg: PartnershipGraph) -> Any:
        return _plain(kg.ask(name, **params))

    return ask


def _id(params: dict[str, str]) -> str:
    return " ".join(f"{k}={v}" for k, v in params.items()) or "no parameters"


def _named(query: Any, params: dict[str, str]) -> Callable[[PartnershipGraph], Any]:
    concat = {  # the separator as SPARQL reads it ("\\n" is a newline)
        column: separator.replace("\\n", "\n")
        for separator, column in re.findall(
            r'GROUP_CONCAT\(DISTINCT [^;]+; separator="([^"]*)"\) AS \?(\w+)', query.text
        )
    }

    def ask(kg: PartnershipGraph) -> Any:
        result = kg.run_named(query.name, params)
        rows = []
        for row in result.rows:
            cells: dict[str, Any] = {}
            for name, term in zip(result.variables, row):
                if term is not None and name in concat:  # an empty GROUP_CONCAT: "" or unbound
                    parts = sorted(term.value.split(concat[name])) if term.value else []
                    cells[name] = concat[name].join(parts) or None
                else:
                    cells[name] = None if term is None else str(term)
            rows.append(cells)
        return sorted(rows, key=lambda r: [(k, r[k] or "") for k in sorted(r)])

    return ask


_SORTED_PARTS = {"parties", "inferred_order", "may_be_superseded_by"}
_CONCATENATED = {"old": ", ", "new": ", "}


def _plain(value: Any) -> Any:
    """An answer as JSON data, the parts SPARQL concatenates in no fixed order sorted."""
    if hasattr(value, "to_dict"):
        value = value.to_dict()
    if isinstance(value, dict):
        out = {k: _plain(v) for k, v in value.items()}
        for key in _SORTED_PARTS & out.keys():
            out[key] = sorted(out[key])
        for key, sep in _CONCATENATED.items():
            if isinstance(out.get(key), str):
                out[key] = sep.join(sorted(out[key].split(sep)))
        return out
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


__all__ = ["Case", "cases"]
