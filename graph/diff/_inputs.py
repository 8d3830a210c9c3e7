"""The two graphs ``kg diff`` compares: a data folder, or a git revision of ``data/``.

A folder is a whole data set (as ``data/`` is); the packaged ontology is added when it has
none of its own, so that a small folder of facts can be compared. A name that is no folder is
read as a git revision of the repository the current folder is in: its ``data/`` files are
written to a temporary folder with ``git show``.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from graph._errors import GraphError
from graph._formats import DATA_FORMATS
from graph._graph import PartnershipGraph
from graph._paths import data_dir
from graph.store._files import data_files

_REVISION_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./~^@{}")


def load_side(name: str, *, corpus_only: bool = False) -> PartnershipGraph:
    """The graph of a data folder or of a git revision's ``data/``."""
    if os.path.isdir(name):
        return _folder_graph(Path(name), corpus_only)
    with tempfile.TemporaryDirectory(prefix="kg-diff-") as tmp:
        _checkout(name, Path(tmp))
        return _folder_graph(Path(tmp), corpus_only)


def _folder_graph(folder: Path, corpus_only: bool) -> PartnershipGraph:
    files = data_files([folder], packaged=False, corpus_only=corpus_only)
    if not any(os.path.basename(f) == "ontology.ttl" for f in files):
        files.insert(0, os.path.join(data_dir(), "ontology.ttl"))
    return PartnershipGraph.load(*files, packaged=False, use_cache=False)


def _checkout(revision: str, target: Path) -> None:
    """Write ``data/`` as it is at ``revision`` into ``target`` (GraphError when it is none)."""
    if not revision or revision.startswith("-") or not set(revision) <= _REVISION_CHARS:
        raise GraphError(f"'{revision}' is neither a data folder nor a git revision")
    listed = _git("ls-tree", "--name-only", f"{revision}:data")
    if listed is None:
        raise GraphError(f"'{revision}' is neither a data folder nor a git revision with a data/ folder")
    for name in listed.decode("utf-8").splitlines():
        if os.path.splitext(name)[1].lower() in DATA_FORMATS and "/" not in name:
            content = _git("show", f"{revision}:data/{name}")
            if content is not None:
                (target / name).write_bytes(content)


def _git(*args: str) -> bytes | None:
    try:
        done = subprocess.run(["git", *args], capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None
