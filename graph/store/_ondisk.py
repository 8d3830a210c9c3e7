"""A persistent on-disk Oxigraph store: a large graph is loaded once and reopened in milliseconds.

``graph.load(..., store=DIR)`` (and ``kg --store DIR``) keeps the merged graph in a RocksDB-backed
``pyoxigraph.Store`` under ``DIR``. The first use bulk-loads the data files (packaged plus the
user's) and derives the date bounds; a manifest (``kg-store.json``) records the files' paths,
sizes and modification times. Later uses compare the manifest with the files and reopen the store
when they match, or rebuild it when any file changed, was added or was removed.

A rebuild writes a new ``store-*`` sub-folder and only then switches the manifest to it, so an
interrupted build never leaves a half-loaded store in use; older sub-folders are then removed.
The check and the build run under a lock file, so two processes never build at once. A built
store is never written again: every process, the one that built it included, opens it read-only,
so any number of them can read it at once (``kg serve --store``'s workers do).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from graph._errors import GraphError
from graph._io import write_atomic
from graph.store._files import _cache_key, derive, load_file

MANIFEST = "kg-store.json"
"""The manifest file in a store folder."""

_LOCK = ".kg-store.lock"
_PREFIX = "store-"
_FORMAT = "partnership-kg store"
_READERS = ".readers"  # beside each generation: a shared lock held by the servers reading it
_OPEN: dict[str, ox.Store] = {}  # built stores this process has open (read-only), by path


def open_persistent(files: Sequence[str], folder: str | os.PathLike[str]) -> ox.Store:
    """The on-disk store in ``folder`` holding ``files`` merged and derived; built if needed."""
    root = _prepare(os.fspath(folder))
    key = _key(files)
    with _locked(root):
        path = _current_path(root, key)
        if path is not None and damage(root) is None:
            try:
                return _open(path)
            except (OSError, RuntimeError):
                pass  # a damaged store is rebuilt below (RocksDB reports corruption as RuntimeError)
        return _build(files, root, key)


def is_current(files: Sequence[str], folder: str | os.PathLike[str]) -> bool:
    """True when ``folder`` holds an undamaged store of exactly these files (opening will not rebuild)."""
    root = os.path.abspath(os.fspath(folder))
    return _current_path(root, _key(files)) is not None and damage(root) is None


def damage(root: str) -> str | None:
    """What changed in the current store's files since it was built (None when nothing did).

    The manifest records each RocksDB table and manifest file's size and modification time; a
    built store is never written again, so any difference (a file overwritten, truncated or
    deleted) means damage. Checked with ``stat`` only, so it costs microseconds.
    """
    manifest = read_manifest(root)
    recorded = manifest.get("fingerprint") if manifest else None
    if not isinstance(recorded, dict) or manifest is None:
        return None
    path = os.path.join(root, str(manifest.get("store", "")))
    found = _fingerprint(path)
    for name, stat in recorded.items():
        if name not in found:
            return f"{manifest.get('store')}/{name} is missing"
        if found[name] != stat:
            return f"{manifest.get('store')}/{name} changed since the store was built"
    return None


def _fingerprint(path: str) -> dict[str, list[int]]:
    """Size and modification time of each table (.sst), MANIFEST and CURRENT file of a store."""
    found: dict[str, list[int]] = {}
    with contextlib.suppress(OSError), os.scandir(path) as entries:
        for entry in entries:
            if entry.name.endswith(".sst") or entry.name.startswith(("MANIFEST-", "CURRENT")):
                stat = entry.stat()
                found[entry.name] = [stat.st_size, stat.st_mtime_ns]
    return found


REBUILD = "rebuild it: run any kg command with --store {folder} (or delete the folder)"


def pin_generation(files: Sequence[str], folder: str | os.PathLike[str]) -> tuple[str, IO[str]]:
    """The current store generation's path and a shared lock on it, held while it is in use.

    A rebuild by another process then leaves this generation's folder in place (see
    :func:`_remove_unused`), so every worker of a server opens the same version. GraphError
    when the folder holds no undamaged store of exactly these files.
    """
    root = os.path.abspath(os.fspath(folder))
    with _locked(root):
        path = _current_path(root, _key(files))
        if path is None:
            raise GraphError(
                f"{folder}: the store does not hold the current data files; {REBUILD.format(folder=folder)}"
            )
        hurt = damage(root)
        if hurt:
            raise GraphError(f"{folder}: the store is damaged ({hurt}); {REBUILD.format(folder=folder)}")
        handle = open(path + _READERS, "a")  # noqa: SIM115 - held open for the server's lifetime
        with contextlib.suppress(ImportError):
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_SH)
    return path, handle


def open_generation(path: str) -> ox.Store:
    """Open one built store generation read-only; GraphError naming the fix if it is damaged."""
    try:
        return _open(path)
    except (OSError, RuntimeError) as err:
        folder = os.path.dirname(path)
        raise GraphError(
            f"{folder}: cannot open the store ({_first_line(err)}); {REBUILD.format(folder=folder)}"
        ) from None


def _first_line(err: BaseException) -> str:
    from graph.isolation import cut

    return cut(str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__, 160)


def open_read_only(files: Sequence[str], folder: str | os.PathLike[str]) -> ox.Store:
    """The built store in ``folder`` opened read-only, as several processes may at once.

    GraphError when the folder holds no store of exactly these files: a read-only opener cannot
    build one, so build it first with :func:`open_persistent`.
    """
    root = os.path.abspath(os.fspath(folder))
    path = _current_path(root, _key(files))
    if path is None:
        raise GraphError(
            f"{folder}: the store does not hold the current data files; load it once without read_only to build it"
        )
    hurt = damage(root)
    if hurt:
        raise GraphError(f"{folder}: the store is damaged ({hurt}); {REBUILD.format(folder=folder)}")
    return open_generation(path)


def _current_path(root: str, key: str) -> str | None:
    """The built store's sub-folder when the manifest in ``root`` is for ``key``; else None."""
    manifest = read_manifest(root)
    if manifest is None or manifest.get("key") != key:
        return None
    path = os.path.join(root, str(manifest.get("store", "")))
    return path if os.path.isdir(path) else None


def release(folder: str | os.PathLike[str]) -> None:
    """Forget this process's handles on the store in ``folder`` so that it closes once unused."""
    root = os.path.abspath(os.fspath(folder)) + os.sep
    for path in [p for p in _OPEN if p.startswith(root)]:
        del _OPEN[path]


def _key(files: Sequence[str]) -> str:
    """A digest of the files' paths, sizes and modification times (and the derivation version)."""
    return hashlib.sha256(_cache_key(files).encode("utf-8")).hexdigest()


def read_manifest(folder: str) -> dict[str, object] | None:
    """The store folder's manifest, or None when it has none (or an unreadable one)."""
    try:
        with open(os.path.join(folder, MANIFEST), encoding="utf-8") as handle:
            manifest = json.load(handle)
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) and manifest.get("format") == _FORMAT else None


def check_folder(folder: str | os.PathLike[str]) -> str:
    """The store folder's absolute path; GraphError if it is a file or holds other files."""
    folder = os.fspath(folder)
    root = os.path.abspath(folder)
    if os.path.exists(root) and not os.path.isdir(root):
        raise GraphError(f"{folder}: not a folder (the store needs a folder of its own)")
    if os.path.isdir(root):
        foreign = [
            name
            for name in os.listdir(root)
            if name not in (MANIFEST, _LOCK) and not name.startswith((_PREFIX, f".{MANIFEST}"))
        ]
        if foreign:
            raise GraphError(
                f"{folder}: not a graph store: the folder holds other files ({', '.join(sorted(foreign)[:3])}); "
                "give an empty or new folder"
            )
    return root


def _prepare(folder: str) -> str:
    """The folder's absolute path, created if missing; GraphError if it is not ours to use."""
    root = check_folder(folder)
    try:
        os.makedirs(root, exist_ok=True)
    except OSError as err:
        raise GraphError(f"{folder}: cannot create the store folder: {err.strerror or err}") from None
    return root


@contextmanager
def _locked(root: str) -> Iterator[None]:
    """Hold an exclusive lock on the store folder (where the platform has ``fcntl``)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no cross-process lock
        yield
        return
    with open(os.path.join(root, _LOCK), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _open(path: str) -> ox.Store:
    """Reopen a built store, read-only: it is never written again, and any number of processes
    may then read it at once (a read-write handle could compact files away under them)."""
    store = _OPEN.get(path)
    if store is None:
        store = ox.Store.read_only(path)
        _OPEN[path] = store
    return store


def _checksums(path: str) -> dict[str, str]:
    """The CRC-32 of each file the fingerprint covers (read whole: for ``kg validate``, not every open)."""
    import zlib

    sums: dict[str, str] = {}
    for name in sorted(_fingerprint(path)):
        crc = 0
        with open(os.path.join(path, name), "rb") as handle:
            while chunk := handle.read(1 << 20):
                crc = zlib.crc32(chunk, crc)
        sums[name] = f"{crc:08x}"
    return sums


def verify_content(store: ox.Store) -> None:
    """StoreDamagedError if an on-disk store's files differ from the checksums recorded when it
    was built (damage that kept the files' sizes and times); nothing for other stores."""
    from graph._errors import StoreDamagedError

    location = location_of(store)
    if location is None:
        return
    root = os.path.dirname(location)
    manifest = read_manifest(root) or {}
    recorded = manifest.get("checksums")
    if manifest.get("store") != os.path.basename(location) or not isinstance(recorded, dict):
        return  # built before checksums were recorded
    found = _checksums(location)
    for name, crc in recorded.items():
        if found.get(name) != crc:
            detail = "is missing" if name not in found else "does not have its checksum"
            raise StoreDamagedError(f"{os.path.basename(location)}/{name} {detail}", root)


def location_of(store: ox.Store) -> str | None:
    """The folder of a built store this process has open, None for any other store."""
    return next((path for path, opened in _OPEN.items() if opened is store), None)


def _described(file: str) -> dict[str, object]:
    stat = os.stat(file)
    return {"path": os.path.abspath(file), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def _build(files: Sequence[str], root: str, key: str) -> ox.Store:
    """Bulk-load the files into a new sub-folder, derive the date bounds, then switch to it."""
    name = f"{_PREFIX}{secrets.token_hex(6)}"
    path = os.path.join(root, name)
    writer: ox.Store | None = None
    try:
        writer = ox.Store(path)
        for file in files:
            load_file(writer, file)
        derive(writer)
        writer.flush()
        writer.optimize()
        writer = None  # closes the read-write handle (and its background compactions) ...
        store = _open(path)  # ... so that this process reads it as every other one does
    except BaseException as err:
        writer = None  # closed before its files are removed (pyoxigraph closes a dropped Store) ...
        _release_frames(err)  # ... once no traceback still holds it (load_file's frame does)
        _remove(path)
        raise
    manifest = {
        "format": _FORMAT,
        "store": name,
        "key": key,
        "files": [_described(f) for f in files],  # for whoever looks; the key decides
        "oxigraph": getattr(ox, "__version__", ""),
        "fingerprint": _fingerprint(path),
        "checksums": _checksums(path),
    }
    write_atomic(Path(root, MANIFEST), json.dumps(manifest, indent=1))
    _remove_unused(root, path)
    return store


def _remove_unused(root: str, keep: str) -> None:
    """Remove older generations that no process holds (a server pins its own with a shared lock)."""
    for entry in os.listdir(root):
        old = os.path.join(root, entry)
        if not entry.startswith(_PREFIX) or entry.endswith(_READERS) or old == keep or old in _OPEN:
            continue
        try:
            handle = open(old + _READERS, "a")  # noqa: SIM115
        except OSError:
            continue
        with handle:
            try:
                import fcntl

                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except ImportError:
                pass
            except OSError:
                continue  # a server still reads this generation
            _remove(old)
            with contextlib.suppress(OSError):
                os.unlink(old + _READERS)


def _release_frames(err: BaseException) -> None:
    """Drop the local variables of the finished frames behind an exception and its context, so
    that a Store they name is closed now rather than when the exception is forgotten."""
    seen: set[int] = set()
    current: BaseException | None = err
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        traceback.clear_frames(current.__traceback__)
        current = current.__cause__ or current.__context__


def _remove(path: str) -> None:
    """Remove a store sub-folder that no handle of this process holds; GraphError if it cannot be."""
    try:
        shutil.rmtree(path)
    except FileNotFoundError:
        pass  # another process removed it first
    except OSError as err:
        raise GraphError(f"cannot remove the old store {path}: {err}") from None
