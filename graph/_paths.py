"""Where the packaged data, shapes and named queries live (in a wheel or in the source tree)."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def _root() -> Path:
    """Folder holding ``data/`` and ``queries/``: inside the wheel, else the repository root."""
    here = Path(__file__).resolve().parent
    packaged = here / "_packaged"
    if (packaged / "data").is_dir():
        return packaged
    return here.parent


def data_dir() -> Path:
    """The packaged curated data folder (``data/``)."""
    return _root() / "data"


def queries_dir() -> Path:
    """The packaged named-query folder (``queries/``)."""
    return _root() / "queries"


def shapes_file() -> Path:
    """The SHACL shapes file that ``validate`` checks the graph against."""
    return data_dir() / "shapes" / "shapes.ttl"
