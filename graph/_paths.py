"""Where the packaged data, shapes and named queries live (in a wheel or in the source tree).

Paths are plain strings here: ``pathlib`` costs milliseconds at start-up that ``kg query`` avoids.
"""

from __future__ import annotations

import os
from functools import cache


@cache
def _root() -> str:
    """Folder holding ``data/`` and ``queries/``: inside the wheel, else the repository root."""
    here = os.path.dirname(os.path.abspath(__file__))
    packaged = os.path.join(here, "_packaged")
    if os.path.isdir(os.path.join(packaged, "data")):
        return packaged
    return os.path.dirname(here)


def data_dir() -> str:
    """The packaged curated data folder (``data/``)."""
    return os.path.join(_root(), "data")


def queries_dir() -> str:
    """The packaged named-query folder (``queries/``)."""
    return os.path.join(_root(), "queries")


def shapes_file() -> str:
    """The SHACL shapes file that ``validate`` checks the graph against."""
    return os.path.join(data_dir(), "shapes", "shapes.ttl")


def context_file() -> str:
    """The JSON-LD context that ``kg export --format jsonld`` compacts with (``data/context.jsonld``)."""
    return os.path.join(data_dir(), "context.jsonld")
