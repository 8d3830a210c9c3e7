"""``kg queries``: the named queries as a readable listing, JSON or TSV."""

from __future__ import annotations

import json
from collections.abc import Iterable

from graph.sparql import NamedQuery

LISTING_FORMATS = ("text", "json", "tsv")


def query_listing(queries: Iterable[NamedQuery], fmt: str = "text") -> str:
    """Each query's name, description and parameters.

    ``text`` is for reading; ``json`` gives ``[{"name", "description", "parameters": [{"name",
    "kind", "required", "description"}], "file"}]``; ``tsv`` one line per query with its
    parameters as ``name:kind`` (``?`` when optional).
    """
    items = list(queries)
    if fmt == "json":
        return json.dumps(
            [
                {
                    "name": q.name,
                    "description": q.description,
                    "parameters": [p._asdict() for p in q.parameters],
                    "file": q.path.rsplit("/", 1)[-1],
                }
                for q in items
            ],
            indent=2,
            ensure_ascii=False,
        )
    if fmt == "tsv":
        lines = ["name\tdescription\tparameters"]
        for q in items:
            params = ",".join(f"{p.name}:{p.kind}{'' if p.required else '?'}" for p in q.parameters)
            lines.append(f"{q.name}\t{' '.join(q.description.split())}\t{params}")
        return "\n".join(lines)
    lines = []
    for q in items:
        lines.append(f"{q.name}\n    {q.description}")
        for p in q.parameters:
            need = "required" if p.required else "optional"
            lines.append(f"    --param {p.name}=…  ({p.kind}, {need}) {p.description}")
    return "\n".join(lines)
