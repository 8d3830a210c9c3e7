"""An answer's JSON text, written as ``json.dumps(value, indent=2, ensure_ascii=False)`` writes it,
without importing json: the json package imports re and compiles its patterns, which costs
``kg hosts --format json`` a tenth of its start-up time. Strings are escaped by the C function
json itself uses; anything but str-keyed dicts, lists, tuples, str, int, float, bool and None
(or a structure nested deeper than Python's recursion allows) is left to json.dumps.

>>> print(dumps({"a": [1, None, True], "b": "é\\n", "c": {}}))
{
  "a": [
    1,
    null,
    true
  ],
  "b": "é\\n",
  "c": {}
}
"""

from __future__ import annotations

try:
    from _json import encode_basestring as _quoted  # (CPython's accelerator: what json.dumps calls)
except ImportError:  # pragma: no cover - a Python without it
    from json.encoder import py_encode_basestring as _quoted

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from typing import Any


class _Unusual(Exception):
    """A value this module leaves to json.dumps."""


def dumps(value: Any) -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``."""
    out: list[str] = []
    try:
        _write(value, "\n", out)
    except (_Unusual, RecursionError):
        import json

        return json.dumps(value, indent=2, ensure_ascii=False)
    return "".join(out)


def _write(value: Any, newline: str, out: list[str]) -> None:
    """Append ``value``'s text to ``out``; ``newline`` ends a line at its depth."""
    if isinstance(value, str):
        out.append(_quoted(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise _Unusual  # NaN, Infinity: as json writes them
        out.append(float.__repr__(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        out.append("[")
        for index, item in enumerate(value):
            out.append(inner if index == 0 else "," + inner)
            _write(item, inner, out)
        out.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        out.append("{")
        for index, (key, item) in enumerate(value.items()):
            if not isinstance(key, str):
                raise _Unusual
            out.append((inner if index == 0 else "," + inner) + _quoted(key) + ": ")
            _write(item, inner, out)
        out.append(newline + "}")
    else:
        raise _Unusual
