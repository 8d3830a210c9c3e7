"""SHACL validation of the graph with pySHACL, plus the checks SHACL cannot express."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graph._paths import shapes_file
from graph._vocab import SH, shorten

if TYPE_CHECKING:
    import rdflib

    from graph.store._backend import Backend


@dataclass(frozen=True)
class Violation:
    """One way the graph fails a shape."""

    shape: str
    focus: str
    path: str | None
    message: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"shape {self.shape}: node {self.focus}{where}: {self.message}"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating the graph."""

    conforms: bool
    violations: tuple[Violation, ...]
    triples: int

    def summary(self) -> str:
        """One line when the graph conforms; one line per violation (at most 20) otherwise."""
        if self.conforms:
            return f"valid: {self.triples} triples conform to the SHACL shapes in {os.path.basename(shapes_file())}"
        lines = [str(v) for v in self.violations[:20]]
        if len(self.violations) > 20:
            lines.append(f"... and {len(self.violations) - 20} more violations")
        return "\n".join(lines)


def validate(backend: Backend) -> ValidationReport:
    """Validate the graph against ``data/shapes/shapes.ttl`` and check that it has no blank nodes."""
    import pyshacl
    import rdflib

    data = rdflib.Graph().parse(data=backend.dump(ox.RdfFormat.N_TRIPLES), format="nt")
    shapes = rdflib.Graph().parse(shapes_file(), format="turtle")
    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=True, advanced=True
    )
    violations = [
        _violation(results, shapes, r)
        for r in results.subjects(rdflib.RDF.type, rdflib.URIRef(SH + "ValidationResult"))
    ]
    violations.sort(key=lambda v: (v.focus, v.shape, v.message))
    blank = {
        t.subject
        for t in ox.parse(backend.dump(ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES)
        if isinstance(t.subject, ox.BlankNode)
    }
    violations += [
        Violation("no-blank-nodes", f"_:{b.value}", None, "blank nodes are not allowed; mint an IRI")
        for b in sorted(blank, key=lambda b: b.value)
    ]
    return ValidationReport(conforms and not blank, tuple(violations), backend.triples())


def _violation(g: rdflib.Graph, s: rdflib.Graph, node: rdflib.term.Node) -> Violation:
    import rdflib

    def one(prop: str) -> str | None:
        value = g.value(node, rdflib.URIRef(SH + prop))
        return None if value is None else str(value)

    source = g.value(node, rdflib.URIRef(SH + "sourceShape"))
    if isinstance(source, rdflib.BNode):
        # An anonymous property shape: name the node shape it belongs to.
        source = s.value(None, rdflib.URIRef(SH + "property"), source) or source
    shape = str(source) if isinstance(source, rdflib.URIRef) else "(anonymous shape)"
    path = one("resultPath")
    return Violation(
        shape=shorten(shape).replace("https://w3id.org/partnership-kg/shapes#", "kgsh:"),
        focus=shorten(one("focusNode") or "?"),
        path=shorten(path) if path else None,
        message=one("resultMessage") or "constraint violated",
    )
