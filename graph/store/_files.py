"""Loading data files into an Oxigraph store, with a compiled cache and derived date bounds.

Parsing is done by Oxigraph (Rust). The first load of a set of data files writes the merged,
derived graph as N-Quads into a cache folder; later loads of the same files (same paths, sizes
and modification times) read that file instead. A changed data file changes the cache key.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Sequence

import pyoxigraph as ox

from graph._errors import DataError
from graph._formats import DATA_FORMATS, QUAD_FORMATS
from graph._paths import data_dir
from graph._vocab import KG, XSD

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from datetime import date

_BOM = b"\xef\xbb\xbf"
_CACHE_VERSION = "5"  # bump when the derivation or the cache layout changes


def _suffix(path: str) -> str:
    return os.path.splitext(path)[1].lower()


REPORTED = ".reported."
"""The mark of a data file of reported facts (``NAME.reported.ttl``): left out of the corpus-only graph."""


def data_files(
    extra: Sequence[str | os.PathLike[str]] = (), *, packaged: bool = True, corpus_only: bool = False
) -> list[str]:
    """The data files to load: the packaged ones, then each extra file or folder's files; with
    ``corpus_only``, without the files of reported facts (``*.reported.*``)."""
    if corpus_only:
        return [f for f in data_files(extra, packaged=packaged) if REPORTED not in os.path.basename(f)]
    files: list[str] = []
    if packaged:
        files.extend(_files_in(data_dir()))
    for item in extra:
        path = os.fspath(item)
        if os.path.isdir(path):
            found = _files_in(path)
            if not found:
                raise DataError(path, f"no data files ({', '.join(sorted(DATA_FORMATS))}) in folder")
            files.extend(found)
        elif os.path.isfile(path):
            if _suffix(path) not in DATA_FORMATS:
                raise DataError(path, f"unknown data file type; accepted: {', '.join(sorted(DATA_FORMATS))}")
            files.append(path)
        else:
            try:
                os.stat(path)
            except FileNotFoundError:
                raise DataError(path, "no such file or folder") from None
            except OSError as err:
                raise DataError(path, f"cannot read: {err.strerror or err}") from None
            raise DataError(path, "not a file or a folder")
    return files


def _files_in(folder: str) -> list[str]:
    """Data files directly inside a folder, sorted by name (sub-folders such as shapes/ are not
    read, nor the JSON-LD context ``context.jsonld``, which holds no data)."""
    found: list[str] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if _suffix(entry.name) not in DATA_FORMATS or entry.name == "context.jsonld":
                    continue
                try:
                    is_file = entry.is_file()
                    if not is_file and not entry.is_dir():  # a dangling link or a link loop
                        os.stat(entry.path)
                except OSError as err:
                    raise DataError(entry.path, f"cannot read: {err.strerror or err}") from None
                if is_file:
                    found.append(entry.path)
    except OSError as err:
        raise DataError(folder, f"cannot read the folder: {err.strerror or err}") from None
    return sorted(found)


def cache_dir() -> str:
    """Where compiled graphs are kept: $PARTNERSHIP_KG_CACHE, else the user's cache folder."""
    env = os.environ.get("PARTNERSHIP_KG_CACHE")
    if env:
        return env
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "partnership-kg")


def _cache_key(files: Sequence[str]) -> str:
    """Every input file's absolute path, size and modification time, one line each."""
    lines = [_CACHE_VERSION, ox.__version__ if hasattr(ox, "__version__") else ""]
    for path in files:
        stat = os.stat(path)
        lines.append(f"{os.path.abspath(path)}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return "\n".join(lines)


def open_store(files: Sequence[str], *, use_cache: bool = True) -> ox.Store:
    """An in-memory store holding the given files merged, plus the derived date bounds.

    The compiled N-Quads file is named by a checksum of the cache key; the full key is kept
    beside it and compared, so a checksum collision can only cause a rebuild. The key file also
    records the compiled file's size and CRC-32, checked before it is used: a file cut short or
    altered (at a line boundary it would still parse, as half the graph) is rebuilt.
    """
    key = _cache_key(files)
    cached = os.path.join(cache_dir(), f"{zlib.crc32(key.encode()):08x}{len(key):06x}.nq")
    data = _cached_content(cached, key) if use_cache else None
    if data is not None:
        store = ox.Store()
        try:  # lenient: IRIs not checked again, which saves a third of the time; the bytes are
            # those Oxigraph wrote from data it had checked (the size and CRC-32 say so)
            store.load(data, format=ox.RdfFormat.N_QUADS, lenient=True)
            return store
        except (SyntaxError, OSError):
            pass  # a damaged cache file is rebuilt below
    store = ox.Store()
    for path in files:
        load_file(store, path)
    derive(store)
    if use_cache:
        _write_cache(store, cached, key)
    return store


_CONTENT = "\n#content "


def _cached_content(cached: str, key: str) -> bytes | None:
    """The compiled file's bytes if its key file holds ``key`` and the bytes have the recorded
    size and CRC-32; None otherwise."""
    try:
        with open(cached + ".key", encoding="utf-8") as handle:
            stored, _, content = handle.read().partition(_CONTENT)
        if stored != key:
            return None
        with open(cached, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    return data if content == f"{len(data)} {zlib.crc32(data):08x}" else None


def load_file(store: ox.Store, path: str | os.PathLike[str]) -> None:
    """Parse one data file into the store's default graph; DataError with its line on failure."""
    path = os.fspath(path)
    fmt = DATA_FORMATS.get(_suffix(path))
    if fmt is None:
        raise DataError(path, f"unknown data file type; accepted: {', '.join(sorted(DATA_FORMATS))}")
    try:
        source: dict[str, object] = {"path": str(path)}
        with open(path, "rb") as handle:
            if fmt == ox.RdfFormat.RDF_XML:
                _refuse_entities(path, handle.read(_PROLOG))
                handle.seek(0)
            if handle.read(3) == _BOM:  # a UTF-8 byte order mark, which Oxigraph's parsers reject
                source = {"input": handle.read()}
        if fmt in QUAD_FORMATS:
            store.extend(
                ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                for q in ox.parse(**source, format=fmt)  # type: ignore[arg-type]
            )
        else:
            store.bulk_load(**source, format=fmt, to_graph=ox.DefaultGraph())  # type: ignore[arg-type]
    except SyntaxError as err:
        raise DataError(path, *_syntax_message(err)) from None
    except OSError as err:
        raise DataError(path, err.strerror or str(err)) from None


_PROLOG = 1 << 20  # an XML document type declaration longer than this is refused too


def _refuse_entities(path: str, head: bytes) -> None:
    """DataError if an RDF/XML file declares entities: they expand before any limit applies
    (ten nested ones make gigabytes) and may name outside files. Checked before parsing."""
    start = head.find(b"<!DOCTYPE")
    if start < 0:
        return
    end = head.find(b"]>", start)
    declared = head.find(b"<!ENTITY", start, end if end >= 0 else len(head))
    if declared >= 0:
        line = head.count(b"\n", 0, declared) + 1
        raise DataError(path, "XML entity declarations are refused (they can expand without bound)", line)
    if end < 0 and b"[" in head[start:]:
        raise DataError(
            path, "the XML document type declaration is too long", head.count(b"\n", 0, start) + 1
        )


def _syntax_message(err: SyntaxError) -> tuple[str, int | None]:
    """Oxigraph's parser message without its position prefix, and the line it names."""
    text = str(err.args[0]) if err.args else str(err)
    line = None
    if len(err.args) > 1 and isinstance(err.args[1], tuple) and len(err.args[1]) > 1:
        line = err.args[1][1]
    if ": " in text and text.startswith("Parser error"):
        text = text.split(": ", 1)[1]
    return text, line


def _write_cache(store: ox.Store, target: str, key: str) -> None:
    """Write the compiled graph, then its key, each atomically; skip if the folder is not writable."""
    from pathlib import Path

    from graph._io import atomic_file

    data = store.dump(format=ox.RdfFormat.N_QUADS) or b""
    try:
        with atomic_file(Path(target), binary=True) as handle:
            handle.write(data)
        with atomic_file(Path(target + ".key")) as handle:
            handle.write(f"{key}{_CONTENT}{len(data)} {zlib.crc32(data):08x}")
    except OSError:
        return
    prune_cache(os.path.dirname(target))


def prune_cache(folder: str) -> int:
    """Remove compiled graphs no current file set can use; returns how many were removed.

    A cached graph is usable only while every file its key lists still has the recorded size
    and modification time (and the cache version matches), so once one of them changed or
    vanished it can never be read again: three edits of a data file leave one cached graph,
    not four.
    """
    removed = 0
    try:
        names = [n for n in os.listdir(folder) if n.endswith(".nq.key")]
    except OSError:
        return 0
    for name in names:
        key_path = os.path.join(folder, name)
        try:
            with open(key_path, encoding="utf-8") as handle:
                key = handle.read()
        except OSError:
            continue
        if _still_usable(key):
            continue
        for path in (key_path, key_path[: -len(".key")]):
            try:
                os.unlink(path)
            except OSError:
                continue
        removed += 1
    return removed


def _still_usable(key: str) -> bool:
    lines = key.partition(_CONTENT)[0].split("\n")
    if len(lines) < 2 or lines[0] != _CACHE_VERSION or lines[1] != getattr(ox, "__version__", ""):
        return False
    for line in lines[2:]:
        path, _, rest = line.partition("\0")
        size, _, mtime = rest.partition("\0")
        try:
            stat = os.stat(path)
        except OSError:
            return False
        if str(stat.st_size) != size or str(stat.st_mtime_ns) != mtime:
            return False
    return True


def derive(store: ox.Store) -> None:
    """Materialise kg:earliestPossibleDate / kg:latestPossibleDate for every agreement.

    First the consequences of updates (graph.store._updates). A dated agreement spans its period (``2025-10`` is 1-31 October 2025). An inferred order
    ``A kg:precedes B`` bounds the undated side: A can be no later than B's latest day, and B
    no earlier than A's earliest day. Then kg:secondaryOnly (see graph.store._basis).
    """
    from graph._dates import DateSpec
    from graph.store._updates import derive_updates

    derive_updates(store)
    earliest: dict[ox.NamedNode, date] = {}
    latest: dict[ox.NamedNode, date] = {}
    dated = store.query(f"SELECT ?a ?d WHERE {{ ?a a <{KG}Agreement> ; <{KG}date> ?d }}")
    assert isinstance(dated, ox.QuerySolutions)
    for row in dated:
        literal = row["d"]
        spec = DateSpec.from_literal(literal.value, literal.datatype.value)
        if spec is not None:
            earliest[row["a"]] = spec.start
            latest[row["a"]] = spec.end
    ordered = store.query(f"SELECT ?a ?b WHERE {{ ?a <{KG}precedes> ?b }}")
    assert isinstance(ordered, ox.QuerySolutions)
    edges = [(r["a"], r["b"]) for r in ordered]
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
    from graph.store._basis import derive_secondary_only

    derive_secondary_only(store)
