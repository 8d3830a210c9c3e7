"""Loading data files into an Oxigraph store, with a compiled cache and derived date bounds.

Parsing is done by Oxigraph (Rust). The first load of a set of data files writes the merged,
derived graph as N-Quads into a cache folder; later loads of the same files (same paths, sizes
and modification times) read that file instead. A changed data file changes the cache key.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyoxigraph as ox

from graph._dates import DateSpec
from graph._errors import DataError
from graph._paths import data_dir
from graph._vocab import KG, XSD

FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}
"""File suffixes the loader reads, and their RDF formats."""

_QUAD_FORMATS = {ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS}
_CACHE_VERSION = "3"  # bump when the derivation or the cache layout changes


def data_files(extra: Sequence[str | os.PathLike[str]] = (), *, packaged: bool = True) -> list[Path]:
    """The data files to load: the packaged ones, then each extra file or folder's files."""
    files: list[Path] = []
    if packaged:
        files.extend(_files_in(data_dir()))
    for item in extra:
        path = Path(item)
        if path.is_dir():
            found = _files_in(path)
            if not found:
                raise DataError(str(path), f"no data files ({', '.join(sorted(FORMATS))}) in folder")
            files.extend(found)
        elif path.is_file():
            if path.suffix.lower() not in FORMATS:
                raise DataError(str(path), f"unknown data file type; accepted: {', '.join(sorted(FORMATS))}")
            files.append(path)
        else:
            raise DataError(str(path), "no such file or folder")
    return files


def _files_in(folder: Path) -> list[Path]:
    """Data files directly inside a folder, sorted by name (sub-folders such as shapes/ are not read)."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in FORMATS)


def cache_dir() -> Path:
    """Where compiled graphs are kept: $PARTNERSHIP_KG_CACHE, else the user's cache folder."""
    env = os.environ.get("PARTNERSHIP_KG_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "partnership-kg"


def _cache_key(files: Iterable[Path]) -> str:
    digest = hashlib.sha256(_CACHE_VERSION.encode())
    for path in files:
        stat = path.stat()
        digest.update(f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:32]


def open_store(files: Sequence[Path], *, use_cache: bool = True) -> ox.Store:
    """An in-memory store holding the given files merged, plus the derived date bounds."""
    cached = cache_dir() / f"{_cache_key(files)}.nq" if use_cache else None
    if cached is not None and cached.is_file():
        store = ox.Store()
        try:
            store.bulk_load(path=str(cached), format=ox.RdfFormat.N_QUADS)
            return store
        except (SyntaxError, OSError):
            store = None  # a damaged cache file is rebuilt below
    store = ox.Store()
    for path in files:
        load_file(store, path)
    derive(store)
    if cached is not None:
        _write_cache(store, cached)
    return store


def load_file(store: ox.Store, path: Path) -> None:
    """Parse one data file into the store's default graph; DataError with its line on failure."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise DataError(str(path), f"unknown data file type; accepted: {', '.join(sorted(FORMATS))}")
    try:
        if fmt in _QUAD_FORMATS:
            store.extend(
                ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                for q in ox.parse(path=str(path), format=fmt)
            )
        else:
            store.bulk_load(path=str(path), format=fmt, to_graph=ox.DefaultGraph())
    except SyntaxError as err:
        raise DataError(str(path), *_syntax_message(err)) from None
    except OSError as err:
        raise DataError(str(path), err.strerror or str(err)) from None


def _syntax_message(err: SyntaxError) -> tuple[str, int | None]:
    """Oxigraph's parser message without its position prefix, and the line it names."""
    text = str(err.args[0]) if err.args else str(err)
    line = None
    if len(err.args) > 1 and isinstance(err.args[1], tuple) and len(err.args[1]) > 1:
        line = err.args[1][1]
    if ": " in text and text.startswith("Parser error"):
        text = text.split(": ", 1)[1]
    return text, line


def _write_cache(store: ox.Store, target: Path) -> None:
    """Write the compiled graph atomically (temp file, then rename); skip if not writable."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        os.close(fd)
        store.dump(tmp, format=ox.RdfFormat.N_QUADS)
        os.replace(tmp, target)
    except OSError:
        return


def derive(store: ox.Store) -> None:
    """Materialise kg:earliestPossibleDate / kg:latestPossibleDate for every agreement.

    A dated agreement spans its period (``2025-10`` is 1-31 October 2025). An inferred order
    ``A kg:precedes B`` bounds the undated side: A can be no later than B's latest day, and B
    no earlier than A's earliest day.
    """
    earliest: dict[ox.NamedNode, object] = {}
    latest: dict[ox.NamedNode, object] = {}
    dated = store.query(f"SELECT ?a ?d WHERE {{ ?a a <{KG}Agreement> ; <{KG}date> ?d }}")
    for row in dated:
        literal = row["d"]
        spec = DateSpec.from_literal(literal.value, literal.datatype.value)
        if spec is not None:
            earliest[row["a"]] = spec.start
            latest[row["a"]] = spec.end
    edges = [(r["a"], r["b"]) for r in store.query(f"SELECT ?a ?b WHERE {{ ?a <{KG}precedes> ?b }}")]
    for _ in range(len(edges) + 1):
        changed = False
        for a, b in edges:
            if b in latest and (a not in latest or latest[b] < latest[a]):
                latest[a] = latest[b]
                changed = True
            if a in earliest and (b not in earliest or earliest[a] > earliest[b]):
                earliest[b] = earliest[a]
                changed = True
        if not changed:
            break
    xsd_date = ox.NamedNode(XSD + "date")
    for prop, bounds in ((KG + "earliestPossibleDate", earliest), (KG + "latestPossibleDate", latest)):
        predicate = ox.NamedNode(prop)
        store.extend(
            ox.Quad(agreement, predicate, ox.Literal(day.isoformat(), datatype=xsd_date))
            for agreement, day in bounds.items()
        )
