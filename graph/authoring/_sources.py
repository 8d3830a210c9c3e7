"""``kg source add``: register a text file as a source (its sha256, file name and metadata)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from graph._dates import DateSpec
from graph._errors import GraphError
from graph._graph import PartnershipGraph
from graph._vocab import KG, local_id
from graph.authoring._folder import append, exists, lit, open_folder, pk, slug

FILE = "sources.ttl"
"""The file of the user's data folder that sources and evidence are added to."""

HEADER = "# Sources and evidence quotes added with `kg source add` and `kg evidence add`."

_DATATYPES = {"year": "gYear", "month": "gYearMonth", "day": "date"}


@dataclass(frozen=True)
class Registered:
    """A source of the graph: its IRI, file name and sha256."""

    iri: str
    file_name: str
    sha256: str
    primary: bool


def read_text(file: Path) -> tuple[bytes, str]:
    """The file's bytes and its text (UTF-8); GraphError when it is missing, not a regular file
    (a FIFO would wait for a writer forever, a device never end) or not text."""
    try:
        if file.exists() and not file.is_file():
            raise GraphError(f"{file}: not a regular file")
        raw = file.read_bytes()
    except OSError as err:
        raise GraphError(f"{file}: cannot read: {err.strerror or err}") from None
    try:
        return raw, raw.decode("utf-8")
    except UnicodeDecodeError:
        raise GraphError(f"{file}: not a UTF-8 text file") from None


def registered(kg: PartnershipGraph) -> list[Registered]:
    """Every source of the graph."""
    rows = kg.query(
        f"SELECT ?s ?file ?sha ?kind WHERE {{ ?s a <{KG}Source> ; <{KG}fileName> ?file . "
        f"OPTIONAL {{ ?s <{KG}sha256> ?sha }} OPTIONAL {{ ?s <{KG}sourceKind> ?kind }} }} ORDER BY ?s"
    ).values()
    return [Registered(r["s"], r["file"], r["sha"] or "", r["kind"] == f"{KG}PrimarySource") for r in rows]


def source_of(kg: PartnershipGraph, file: Path) -> tuple[Registered, str]:
    """The registered source whose sha256 is the file's, and the file's text."""
    raw, text = read_text(file)
    sha = hashlib.sha256(raw).hexdigest()
    for source in registered(kg):
        if source.sha256 == sha:
            return source, text
    raise GraphError(
        f"{file}: not a registered source (no source has its sha256); run kg source add {file} first"
    )


def add_source(
    file: Path,
    folder: Path,
    *,
    publisher: str,
    title: str | None = None,
    url: str | None = None,
    date: str | None = None,
    primary: bool = False,
    key: str | None = None,
    note: str | None = None,
) -> str:
    """Register ``file`` in the data folder; returns the new source's key (``source-...``).

    Refuses a file whose sha256 or file name is already registered, naming that source.
    """
    raw, _ = read_text(file)
    sha = hashlib.sha256(raw).hexdigest()
    kg = open_folder(folder)
    for source in registered(kg):
        if source.sha256 == sha:
            raise GraphError(f"{file}: already registered as {local_id(source.iri)} ({source.file_name})")
        if source.file_name == file.name:
            raise GraphError(
                f"{file}: another file named {file.name} is registered as {local_id(source.iri)} "
                "(sha256 differs); rename the file"
            )
    name = f"source-{slug(key or file.stem, 12)}"
    if exists(kg, name):
        raise GraphError(f"{name}: already used in the graph; give another --id")
    if not publisher.strip():
        raise GraphError("--publisher: give who published the text")
    lines = [
        f"{pk(name)} a kg:Source ;",
        f"    rdfs:label {lit(title or file.name)} ;",
    ]
    if title:
        lines.append(f"    dcterms:title {lit(title)} ;")
    lines.append(f"    dcterms:publisher {lit(publisher)} ;")
    if date:
        spec = DateSpec.parse(date)
        lines.append(f"    dcterms:date {lit(spec.text, _DATATYPES[spec.precision])} ;")
    if url:
        if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", url):
            raise GraphError(f"--url: not an http(s) URL: {url!r}")
        lines.append(f"    schema:url {lit(url, 'anyURI')} ;")
    if note:
        lines.append(f"    kg:sourceNote {lit(note)} ;")
    kind = "kg:PrimarySource" if primary else "kg:SecondarySource"
    lines += [
        f"    kg:sourceKind {kind} ;",
        f"    kg:fileName {lit(file.name)} ;",
        f"    kg:sha256 {lit(sha)} .",
    ]
    append(folder, FILE, HEADER, ["\n".join(lines)])
    return name
