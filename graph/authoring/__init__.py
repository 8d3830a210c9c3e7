"""Adding to the graph: register a source text, anchor a quote in it, add an announcement's sheet.

Each command writes Turtle into the user's data folder (``--data DIR``), all at once or not at
all, after checking the result loads and conforms to the SHACL shapes.
"""

from __future__ import annotations

from graph._lazy import lazy

# -- the names other subpackages import (loaded on first use, so that importing one costs nothing) --

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from graph.authoring._announce import add_sheet
    from graph.authoring._evidence import add_evidence, anchor_all
    from graph.authoring._schema import help_text
    from graph.authoring._sources import add_source

_HOMES = {
    "add_evidence": "graph.authoring._evidence",
    "add_sheet": "graph.authoring._announce",
    "add_source": "graph.authoring._sources",
    "anchor_all": "graph.authoring._evidence",
    "help_text": "graph.authoring._schema",
}

__getattr__ = lazy(__name__, _HOMES)


__all__ = ["add_evidence", "add_sheet", "add_source", "anchor_all", "help_text"]
