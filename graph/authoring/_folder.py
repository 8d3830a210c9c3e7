"""The user's data folder: loading it with the packaged data, and writing a file into it safely."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from graph._errors import GraphError
from graph._formats import DATA_FORMATS
from graph._graph import PartnershipGraph
from graph._io import write_atomic
from graph._vocab import PK
from graph.store import data_files

PREFIXES = """@prefix kg:      <https://w3id.org/partnership-kg/ns#> .
@prefix pk:      <https://w3id.org/partnership-kg/id/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema:  <http://schema.org/> .
@prefix oa:      <http://www.w3.org/ns/oa#> .
"""


def lit(value: str | int | bool, datatype: str | None = None) -> str:
    """A Turtle literal, escaped by Oxigraph (``datatype`` an xsd local name).

    >>> lit('say "hi"'), lit(3, "nonNegativeInteger"), lit(True)
    ('"say \\\\"hi\\\\""', '"3"^^xsd:nonNegativeInteger', 'true')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if datatype:
        return f"{ox.Literal(str(value))}^^xsd:{datatype}"
    return str(ox.Literal(str(value)))


def pk(key: str) -> str:
    """The prefixed name of a project resource (``pk:source-x``); keys are slugs, always safe."""
    return f"pk:{key}"


def files_of(folder: Path, *, without: Path | None = None, corpus_only: bool = False) -> list[str]:
    """The packaged data files and the folder's, each once (the folder may be the packaged one),
    leaving out ``without`` (and the files of reported facts with ``corpus_only``)."""
    seen: set[str] = set()
    files: list[str] = []
    extra = [folder] if folder.is_dir() and any(_is_data(p) for p in folder.iterdir()) else []
    for path in data_files(extra, corpus_only=corpus_only):
        real = os.path.realpath(path)
        if real in seen or (without is not None and real == os.path.realpath(without)):
            continue
        seen.add(real)
        files.append(path)
    return files


def _is_data(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in DATA_FORMATS


def open_folder(folder: Path, *, without: Path | None = None) -> PartnershipGraph:
    """The packaged graph plus the folder's data files."""
    return PartnershipGraph.load(*files_of(folder, without=without), packaged=False)


def exists(kg: PartnershipGraph, key: str) -> bool:
    """True when the graph says anything about ``pk:key``."""
    return bool(kg.query(f"ASK {{ {{ <{PK}{key}> ?p ?o }} UNION {{ ?s ?p <{PK}{key}> }} }}").boolean)


def commit(folder: Path, name: str, text: str, *, validate: bool = True) -> PartnershipGraph:
    """Write ``text`` as ``folder/name`` once the graph with it loads and conforms; the file is
    replaced whole (or left as it was when anything fails). Returns the graph with it."""
    return commit_files(folder, {name: text}, validate=validate)


def commit_files(
    folder: Path, texts: dict[str, str | None], *, validate: bool = True, corpus_only: bool = False
) -> PartnershipGraph:
    """``commit`` several files of the folder at once (a text None removes that file): each is
    written only once the graph with all of them (and the folder's other files; no reported
    facts with ``corpus_only``) loads and conforms."""
    from graph.checks import validate as shacl

    targets = {name: folder / name for name in texts}
    with tempfile.TemporaryDirectory(prefix="kg-add-") as tmp:
        candidates: dict[str, Path] = {}
        for name, text in texts.items():
            if text is not None:
                candidates[name] = Path(tmp) / name
                candidates[name].write_text(text, encoding="utf-8")
        kept = [
            f
            for f in files_of(folder, corpus_only=corpus_only)
            if os.path.realpath(f) not in {os.path.realpath(t) for t in targets.values()}
        ]
        try:
            kg = PartnershipGraph.load(*kept, *map(str, candidates.values()), packaged=False)
        except GraphError as err:
            message = str(err)
            for name, candidate in candidates.items():
                message = message.replace(str(candidate), str(targets[name]))
            raise GraphError(message) from None
        if validate:
            report = shacl(kg.backend)
            if not report.conforms:
                lines = report.summary().splitlines()
                shown = ", ".join(str(targets[n]) for n in candidates)
                raise GraphError(f"{shown} not written: " + "; ".join(lines[:3]))
    for name, text in texts.items():
        if text is not None:
            write_atomic(targets[name], text)
        elif targets[name].is_file():
            targets[name].unlink()
    return kg


def append(folder: Path, name: str, header: str, blocks: Iterable[str]) -> PartnershipGraph:
    """``commit`` the folder's file ``name`` with ``blocks`` added at its end (``header`` and the
    prefixes start a new file)."""
    path = folder / name
    old = path.read_text(encoding="utf-8") if path.is_file() else f"{header}\n\n{PREFIXES}"
    return commit(folder, name, old.rstrip("\n") + "\n\n" + "\n\n".join(blocks) + "\n")


def slug(text: str, words: int = 6) -> str:
    """A key from text: lower-case words joined by hyphens.

    >>> slug("Microsoft's exclusive IP licence, through 2032!", 4)
    'microsoft-s-exclusive-ip'
    """
    import re

    parts = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(parts[:words]) or "x"
