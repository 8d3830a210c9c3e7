"""The page's data, packed: the answers that recur (a role in force in many months, a clause
unchanged between many pairs of agreements) are written once, in ``rows``, and so are the bases
(the same chain of premises behind many answers and attributes), in ``bases``; both are referred
to by position, and the page unpacks them as it starts (explorer-core.js, ``unpack``). The
payload built by graph.explorer._payload keeps every answer in place; only the page's JSON is
packed (a smaller page is parsed sooner)."""

from __future__ import annotations

import json
from typing import Any


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


def pack(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload with each snapshot's terms and hosts, and each comparison's changes, as
    positions in ``rows``.

    >>> packed = pack({"snapshots": [{"key": "a", "terms": [{"t": 1}], "hosts": []},
    ...                              {"key": "b", "terms": [{"t": 1}], "hosts": []}], "changes": {}})
    >>> packed["rows"], [s["terms"] for s in packed["snapshots"]]
    ([{'t': 1}], [[0], [0]])
    """
    rows = Rows()
    out = dict(payload)
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
    return out


def unpack(packed: dict[str, Any]) -> dict[str, Any]:
    """The payload again, as the page unpacks it (each position replaced by its answer).

    >>> payload = {"snapshots": [{"key": "a", "terms": [{"t": 1, "basis": {"kind": "stated"}}], "hosts": []}],
    ...            "changes": {"x|y": []}, "info": {"n": {"basis": {"kind": "stated"}}}}
    >>> pack(payload)["bases"]
    [{'kind': 'stated'}]
    >>> {k: v for k, v in unpack(pack(payload)).items() if k != "rows"} == payload
    True
    """
    bases = packed["bases"]
    packed = {k: _restore(v, bases) if k in BASIS_PARTS else v for k, v in packed.items() if k != "bases"}
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
