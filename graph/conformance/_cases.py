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

from graph._vocab import KG, local_id

if TYPE_CHECKING:
    from graph._graph import PartnershipGraph

AS_OF = ("2019", "2025-06", "2025-10", "2026-02-27", "2026-03")
"""The dates the time-dependent questions are asked for."""

QUERY_PARAMS: dict[str, list[dict[str, str]]] = {
    "clauses-of": [
        {"agreement": "agreement-2026-02-27"},
        {"agreement": "agreement-2019"},
        {"agreement": "2025-10"},
    ],
    "conflicts": [{}],
    "partners-of": [{"org": "OpenAI"}, {"org": "Microsoft"}],
    "secondary-only": [{}],
    "sources-for": [{"entity": "Frontier"}, {"entity": "role-azure-hosts-stateless-apis"}],
    "terms-as-of": [{"asOf": "2026-03"}, {"asOf": "2019", "partnership": "partnership-microsoft-openai"}],
    "timeline": [{}, {"partnership": "partnership-openai-amazon"}],
    "what-changed": [
        {"from": "agreement-2025-10", "to": "agreement-2026-02-27"},
        {"from": "agreement-multi-year-extension", "to": "agreement-2025-10"},
        {"from": "agreement-2026-02-27", "to": "agreement-amended"},
    ],
    "who-hosts-what": [
        {},
        {"subject": "Frontier"},
        {"asOf": "2025"},
        {"subject": "stateless-apis", "asOf": "2026-03"},
    ],
}
"""The test parameters of each named query (a named query missing here fails the case list)."""


@dataclass(frozen=True)
class Case:
    """One question asked of every engine."""

    family: str
    id: str
    ask: Callable[[PartnershipGraph], Any]


def cases(kg: PartnershipGraph) -> list[Case]:
    """Every case, in a fixed order; the agreements and entity kinds are read from ``kg``."""
    from graph.sparql._named import named_queries

    found: list[Case] = []
    for name, query in named_queries().items():
        if name not in QUERY_PARAMS:
            raise KeyError(f"the named query {name} has no test parameters in QUERY_PARAMS")
        for params in QUERY_PARAMS[name]:
            found.append(Case(f"query-{name}", _id(params), _named(query, params)))
    found.append(Case("hosts", "all", _asking("hosts")))
    for subject in ("Frontier", "stateless-apis", "Microsoft Azure", "openai"):
        found.append(Case("hosts", f"subject={subject}", _asking("hosts", subject)))
    for date in AS_OF:
        found.append(Case("hosts", f"as-of={date}", _asking("hosts", as_of=date)))
    agreements = [e.agreement for e in kg.timeline()]
    for a in agreements:
        for b in agreements:
            found.append(Case("changes", f"{a} -> {b}", _asking("changes", a, b)))
    for date in AS_OF:
        found.append(Case("terms", f"as-of={date}", _asking("terms", date)))
    found.append(Case("timeline", "all", _asking("timeline")))
    for kind, entity in entity_kinds(kg):
        found.append(Case("sources", f"{kind}: {entity}", _asking("sources_for", entity)))
    found.append(Case("conflicts", "all", _asking("conflicts")))
    for org in ("openai", "microsoft", "amazon"):
        found.append(Case("partners", org, _asking("partners", org)))
    found.append(Case("secondary", "all", _asking("secondary_only")))
    return found


def _asking(method: str, *args: Any, **kwargs: Any) -> Callable[[PartnershipGraph], Any]:
    """A case's question: a PartnershipGraph method with these arguments, its answer made plain."""

    def ask(kg: PartnershipGraph) -> Any:
        return _plain(getattr(kg, method)(*args, **kwargs))

    return ask


_KINDS = f"""SELECT ?kind (MIN(STR(?e)) AS ?first) WHERE {{
  ?e a ?kind . FILTER(STRSTARTS(STR(?kind), "{KG}")) FILTER(isIRI(?e))
}} GROUP BY ?kind ORDER BY ?kind"""


def entity_kinds(kg: PartnershipGraph) -> list[tuple[str, str]]:
    """One entity of every kg: class (the first by IRI), as (class id, entity id) pairs."""
    rows = kg.backend.query(_KINDS, {}).rows
    return [(kind.value.rsplit("#", 1)[-1], local_id(first.value)) for kind, first in rows]


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


__all__ = ["AS_OF", "QUERY_PARAMS", "Case", "cases", "entity_kinds"]
