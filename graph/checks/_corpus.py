"""Where the corpus of source texts is, when no folder is given: ``$KG_SOURCES`` (one folder, or
several joined with ``os.pathsep``), else ``../shared/sources`` beside the current folder or
beside the checkout. ``kg verify-sources`` and ``kg build`` use it."""

from __future__ import annotations

import os
from pathlib import Path

from graph._errors import GraphError

_BESIDE = Path("..") / "shared" / "sources"


def find_sources() -> list[Path] | None:
    """The corpus folders, or None when there is none to be found (GraphError when $KG_SOURCES
    names a folder that is not there: a mistake, not an absence)."""
    given = os.environ.get("KG_SOURCES")
    if given:
        folders = [Path(p) for p in given.split(os.pathsep) if p]
        missing = [str(f) for f in folders if not f.is_dir()]
        if missing:
            raise GraphError(f"$KG_SOURCES: no such folder: {', '.join(missing)}")
        return folders
    checkout = Path(__file__).resolve().parents[2]
    for base in (Path.cwd(), checkout):
        if (base / _BESIDE).is_dir():
            return [(base / _BESIDE).resolve()]
    return None


NOT_FOUND = "no corpus of source texts found: give its folder, or set $KG_SOURCES (default ../shared/sources)"
