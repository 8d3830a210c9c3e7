"""The page's data, packed: the answers that recur (a role in force in many months, a clause
unchanged between many pairs of agreements) are written once, in ``rows``, and referred to by
position; the page unpacks them as it starts (explorer-core.js, ``unpack``). The payload built
by graph.explorer._payload keeps every answer in place; only the page's JSON is packed."""

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
    return out


def unpack(packed: dict[str, Any]) -> dict[str, Any]:
    """The payload again, as the page unpacks it (each position replaced by its answer).

    >>> payload = {"snapshots": [{"key": "a", "terms": [{"t": 1}], "hosts": []}], "changes": {"x|y": []}}
    >>> {k: v for k, v in unpack(pack(payload)).items() if k != "rows"} == payload
    True
    """
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
