"""The page's data, packed: the answers that recur (a role in force in many months, a clause
unchanged between many pairs of agreements) are written once, in ``rows``, and so are the bases
(the same chain of premises behind many answers and attributes), in ``bases``; both are referred
to by position, and the page unpacks them as it starts (explorer-core.js, ``unpack``). Fields the
page can work out again are left out where they equal what it works out: a node's IRI (its id in
the graph's namespace), a drawn node's tooltip (its label and type) and a link's ends (named in
its id). The lists of records in TABLES are written as tables: each record an array of its
values after the position of its keys in ``shapes[table]`` (keys are not repeated in every row).
The payload built by graph.explorer._payload keeps every answer in place; only the page's JSON is
packed (a smaller page is read and parsed sooner: under 1 MiB, Chromium reads it in one piece)."""

from __future__ import annotations

import json
from typing import Any

from graph._vocab import PK


class Rows:
    """Answers, each stored once; ``ref`` gives an answer's position."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self._index: dict[str, int] = {}

    def ref(self, answer: Any) -> int:
        key = json.dumps(answer, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        if key not in self._index:
            self._index[key] = len(self.items)
            self.items.append(answer)
        return self._index[key]


BASIS_KEYS = frozenset({"basis", "from_basis", "to_basis"})
"""Keys whose object value is a basis, written once in ``bases``."""
BASIS_PARTS = ("info", "timeline", "hosts", "rows")
"""The parts of the payload whose bases are interned (the page restores these, and only these)."""


TABLES = ("rows", "bases", "evidence")
"""The parts of the packed payload that are lists of records, written as tables (the page and
``unpack`` read them back before anything else)."""


def _table(records: list[dict[str, Any]]) -> tuple[list[list[str]], list[list[Any]]]:
    """Records as rows ``[shape, value, ...]`` and the shapes (each distinct sequence of keys).

    >>> _table([{"a": 1, "b": 2}, {"a": 3, "b": 4}, {"c": 5}])
    ([['a', 'b'], ['c']], [[0, 1, 2], [0, 3, 4], [1, 5]])
    """
    shapes: list[list[str]] = []
    index: dict[tuple[str, ...], int] = {}
    rows = []
    for record in records:
        keys = tuple(record)
        if keys not in index:
            index[keys] = len(shapes)
            shapes.append(list(keys))
        rows.append([index[keys], *record.values()])
    return shapes, rows


def _records(shapes: list[list[str]], rows: list[list[Any]]) -> list[dict[str, Any]]:
    """The records a table holds (the inverse of ``_table``)."""
    return [dict(zip(shapes[row[0]], row[1:], strict=True)) for row in rows]


def _intern(value: Any, bases: Rows) -> Any:
    """``value`` with each basis object (under a key of BASIS_KEYS, at any depth) as its position."""
    if isinstance(value, dict):
        return {
            k: bases.ref(v) if k in BASIS_KEYS and isinstance(v, dict) else _intern(v, bases)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_intern(v, bases) for v in value]
    return value


def _restore(value: Any, bases: list[Any]) -> Any:
    """``value`` with each basis position back as its object (the inverse of ``_intern``)."""
    if isinstance(value, dict):
        return {
            k: bases[v] if k in BASIS_KEYS and isinstance(v, int) else _restore(v, bases)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_restore(v, bases) for v in value]
    return value


def _lean(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload without the fields the page works out again (see ``_full``), where they equal it."""
    if "network" not in payload or "info" not in payload:
        return dict(payload)
    info = payload["info"]
    out = dict(payload)
    out["iri_base"] = PK
    out["info"] = {nid: _without(node, "iri", node["iri"] == PK + nid) for nid, node in info.items()}
    nodes = [
        _without(n, "title", n.get("title") == f"{info[n['id']]['label']}\n{info[n['id']]['type']}")
        for n in payload["network"]["nodes"]
    ]
    edges = [_without(e, ("from", "to"), _ends(e["id"]) == (e["from"], e["to"])) for e in payload["network"]["edges"]]
    out["network"] = {**payload["network"], "nodes": nodes, "edges": edges}
    return out


def _full(packed: dict[str, Any]) -> dict[str, Any]:
    """The fields ``_lean`` left out, back in place (as the page puts them back)."""
    if "iri_base" not in packed:
        return packed
    out = {k: v for k, v in packed.items() if k != "iri_base"}
    info = {nid: {**node, "iri": node.get("iri", packed["iri_base"] + nid)} for nid, node in packed["info"].items()}
    nodes = [
        n if "title" in n else {**n, "title": f"{info[n['id']]['label']}\n{info[n['id']]['type']}"}
        for n in packed["network"]["nodes"]
    ]
    edges = [e if "from" in e else {**e, **_named_ends(e["id"])} for e in packed["network"]["edges"]]
    out["info"] = info
    out["network"] = {**packed["network"], "nodes": nodes, "edges": edges}
    return out


def _ends(edge_id: str) -> tuple[str, str] | None:
    """The two ends a link's id names (``from|predicate|to``), or None."""
    parts = edge_id.split("|")
    return (parts[0], parts[2]) if len(parts) == 3 else None


def _named_ends(edge_id: str) -> dict[str, str]:
    """``from`` and ``to`` of a link whose id names them."""
    ends = _ends(edge_id)
    if ends is None:
        raise ValueError(f"link {edge_id!r}: its id names no ends and none are given")
    return {"from": ends[0], "to": ends[1]}


def _without(item: dict[str, Any], keys: str | tuple[str, ...], derived: bool) -> dict[str, Any]:
    """``item`` without ``keys`` when they can be ``derived``."""
    names = (keys,) if isinstance(keys, str) else keys
    return {k: v for k, v in item.items() if k not in names} if derived else item


def pack(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload with each snapshot's terms and hosts, and each comparison's changes, as
    positions in ``rows``.

    >>> packed = pack({"snapshots": [{"key": "a", "terms": [{"t": 1}], "hosts": []},
    ...                              {"key": "b", "terms": [{"t": 1}], "hosts": []}], "changes": {}})
    >>> packed["rows"], packed["shapes"]["rows"], [s["terms"] for s in packed["snapshots"]]
    ([[0, 1]], [['t']], [[0], [0]])
    """
    rows = Rows()
    out = _lean(payload)
    out["snapshots"] = [
        {**s, "terms": [rows.ref(t) for t in s["terms"]], "hosts": [rows.ref(h) for h in s["hosts"]]}
        for s in payload["snapshots"]
    ]
    out["changes"] = {
        pair: [rows.ref(c) for c in found] if isinstance(found, list) else found
        for pair, found in payload["changes"].items()
    }
    out["rows"] = rows.items
    bases = Rows()
    out = {k: _intern(v, bases) if k in BASIS_PARTS else v for k, v in out.items()}
    out["bases"] = bases.items
    out["shapes"] = {}
    for name in TABLES:
        if name in out:
            out["shapes"][name], out[name] = _table(out[name])
    return out


def unpack(packed: dict[str, Any]) -> dict[str, Any]:
    """The payload again, as the page unpacks it (each position replaced by its answer).

    >>> payload = {"snapshots": [{"key": "a", "terms": [{"t": 1, "basis": {"kind": "stated"}}], "hosts": []}],
    ...            "changes": {"x|y": []}, "info": {"n": {"basis": {"kind": "stated"}}}}
    >>> pack(payload)["bases"], pack(payload)["shapes"]["bases"]
    ([[0, 'stated']], [['kind']])
    >>> {k: v for k, v in unpack(pack(payload)).items() if k != "rows"} == payload
    True
    """
    tables = {name: _records(packed["shapes"][name], packed[name]) for name in packed["shapes"]}
    packed = {**{k: v for k, v in packed.items() if k != "shapes"}, **tables}
    bases = packed["bases"]
    packed = _full({k: _restore(v, bases) if k in BASIS_PARTS else v for k, v in packed.items() if k != "bases"})
    rows = packed["rows"]
    out = dict(packed)
    out["snapshots"] = [
        {**s, "terms": [rows[i] for i in s["terms"]], "hosts": [rows[i] for i in s["hosts"]]}
        for s in packed["snapshots"]
    ]
    out["changes"] = {
        pair: [rows[i] for i in found] if isinstance(found, list) else found
        for pair, found in packed["changes"].items()
    }
    return out
