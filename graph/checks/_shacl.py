"""SHACL validation of the graph, plus the checks SHACL cannot express.

Two engines give the same violations (tests/test_validate.py checks it on a corpus with one
violating file per shape and constraint): ``sparql``, the default, runs each constraint as a
SPARQL query on Oxigraph (graph.checks._shacl_sparql; a million triples in seconds), and
``pyshacl``, the reference (pySHACL on an rdflib copy of the graph; minutes at that size).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graph._errors import GraphError
from graph._paths import shapes_file
from graph._vocab import PREFIXES, SH, shorten

if TYPE_CHECKING:
    import rdflib

    from graph.store._backend import Backend

ENGINES = ("sparql", "pyshacl")
"""The validation engines: SPARQL on Oxigraph (default) and pySHACL (the reference)."""

Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, what)`` while a validation runs."""

_SHAPES_NS = "https://w3id.org/partnership-kg/shapes#"
_SUBCLASSES = "SELECT DISTINCT ?s ?c WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?c }"
_BLANK = "SELECT DISTINCT ?b WHERE { ?b ?p ?o FILTER(isBlank(?b)) } ORDER BY STR(?b)"


@dataclass(frozen=True)
class Violation:
    """One way the graph fails a shape (``component``: the SHACL constraint component's name)."""

    shape: str
    focus: str
    path: str | None
    message: str
    component: str = ""

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"shape {self.shape}: node {self.focus}{where}: {self.message}"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating the graph."""

    conforms: bool
    violations: tuple[Violation, ...]
    triples: int
    engine: str = "sparql"
    shapes: str = "shapes.ttl"
    """The file name of the shapes checked."""

    def summary(self) -> str:
        """One line when the graph conforms; one line per violation (at most 20) otherwise."""
        if self.conforms:
            return f"valid: {self.triples} triples conform to the SHACL shapes in {self.shapes}"
        lines = [str(v) for v in self.violations[:20]]
        if len(self.violations) > 20:
            lines.append(f"... and {len(self.violations) - 20} more violations")
        return "\n".join(lines)


def validate(
    backend: Backend,
    engine: str = "sparql",
    progress: Progress | None = None,
    shapes: str | os.PathLike[str] | None = None,
) -> ValidationReport:
    """Validate the graph against ``data/shapes/shapes.ttl`` (or the Turtle file ``shapes``) and
    check that it has no blank nodes. An on-disk store's files are first checked against the
    checksums they were built with.

    ``engine`` is ``sparql`` (each constraint as a SPARQL query on the store; falls back to
    pySHACL if the shapes use a feature it does not translate) or ``pyshacl``.
    """
    path = os.fspath(shapes) if shapes is not None else shapes_file()
    if engine not in ENGINES:
        raise GraphError(f"unknown validation engine '{engine}'; accepted: {', '.join(ENGINES)}")
    verify = getattr(backend, "verify", None)
    if verify is not None:
        verify()  # a damaged on-disk store is never called valid (StoreDamagedError)
    found: list[Violation] | None = None
    if engine == "sparql":
        from graph.checks._shacl_sparql import Unsupported

        try:
            found = _sparql_violations(backend, progress, path)
        except Unsupported:
            engine = "pyshacl"
    if found is None:
        found = _pyshacl_violations(backend, progress, path)
    found.sort(key=lambda v: (v.focus, v.shape, v.message, v.path or "", v.component))
    blank = [row[0] for row in backend.query(_BLANK, {}).rows]
    found += [
        Violation("no-blank-nodes", f"_:{b.value}", None, "blank nodes are not allowed; mint an IRI")
        for b in blank
    ]
    return ValidationReport(not found, tuple(found), backend.triples(), engine, os.path.basename(path))


def _shape_name(iri: str) -> str:
    return shorten(iri).replace(_SHAPES_NS, "kgsh:")


def _sparql_violations(backend: Backend, progress: Progress | None, path: str) -> list[Violation]:
    from graph.checks._shacl_sparql import compile_shapes

    def closure(iri: str) -> list[str]:
        rows = backend.query(_SUBCLASSES, {"c": ox.NamedNode(iri)}).rows
        return sorted({iri, *(r[0].value for r in rows if isinstance(r[0], ox.NamedNode))})

    checks = compile_shapes(list(ox.parse(path=path, format=ox.RdfFormat.TURTLE)), closure)
    found: list[Violation] = []
    started = time.perf_counter()
    for done, check in enumerate(checks, 1):
        shape = (
            _shape_name(check.shape.value) if isinstance(check.shape, ox.NamedNode) else "(anonymous shape)"
        )
        where = shorten(check.path) if check.path else None
        for row in backend.query(check.query, {}).rows:
            term = row[0]
            focus = (
                shorten(term.value)
                if isinstance(term, ox.NamedNode)
                else f"_:{term.value}"
                if isinstance(term, ox.BlankNode)
                else term.value
            )
            value = row[1] if len(row) > 1 else None
            shown = shorten(value.value) if isinstance(value, ox.NamedNode) else getattr(value, "value", "")
            message = check.message or check.default.format(focus=focus, path=where, value=shown)
            found.append(Violation(shape, focus, where, message, check.component))
        if progress is not None:
            progress(
                done,
                len(checks),
                f"{shape} {where or check.component} ({time.perf_counter() - started:.1f} s)",
            )
    return found


def _pyshacl_violations(backend: Backend, progress: Progress | None, path: str) -> list[Violation]:
    import pyshacl
    import rdflib

    if progress is not None:
        progress(0, 1, f"pySHACL on {backend.triples():,} triples (no progress until it ends)")
    data = rdflib.Graph()
    for prefix, ns in PREFIXES.items():  # pySHACL's messages then name terms as pk:x, kg:y
        data.bind(prefix, ns)
    data.parse(data=backend.dump(ox.RdfFormat.N_TRIPLES), format="nt")
    shapes = rdflib.Graph().parse(path, format="turtle")
    _, results, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=True, advanced=True
    )
    # the report's own results; nested ones (pySHACL's sh:detail of an sh:node) are not results
    found = [
        _violation(results, shapes, r)
        for report in results.subjects(rdflib.RDF.type, rdflib.URIRef(SH + "ValidationReport"))
        for r in results.objects(report, rdflib.URIRef(SH + "result"))
    ]
    if progress is not None:
        progress(1, 1, "pySHACL done")
    return found


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
    component = (one("sourceConstraintComponent") or "").removeprefix(SH)
    focus = g.value(node, rdflib.URIRef(SH + "focusNode"))
    return Violation(
        shape=_shape_name(shape),
        focus=f"_:{focus}" if isinstance(focus, rdflib.BNode) else shorten(str(focus)),
        path=shorten(path) if path else None,
        message=one("resultMessage") or "constraint violated",
        component=component,
    )
