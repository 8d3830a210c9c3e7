"""Reading an announcement sheet (YAML) into plain values that remember their line.

The sheet is read with PyYAML's ``compose`` (the node tree, never Python objects), so that every
value keeps its line for error messages and stays the text the user wrote: ``2027-03`` is not
turned into a date nor ``no`` into False.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from graph._errors import DataError


@dataclass(frozen=True)
class Value:
    """A scalar of the sheet: its text and line (1-based)."""

    text: str
    line: int


@dataclass
class Table:
    """A mapping of the sheet: its keys' values (Value, Table or a list of them) and its line."""

    line: int
    items: dict[str, Value | Table | list[Value | Table]] = field(default_factory=dict)
    keys: dict[str, int] = field(default_factory=dict)


class SheetError(DataError):
    """A sheet's error, at its line."""


MAX_BYTES = 1_000_000
"""The largest sheet read (an announcement's sheet is a few kilobytes)."""
MAX_DEPTH = 8
"""The deepest nesting of mappings and lists a sheet may have (the format needs 4)."""


def _refuse_before_expanding(path: Path, raw: bytes) -> str:
    """The sheet's text once it is known to be small, UTF-8, shallow and free of anchors and
    aliases: all checked on the event stream, before any node is built or any alias expanded."""
    import yaml

    if len(raw) > MAX_BYTES:
        line = raw[:MAX_BYTES].count(b"\n") + 1
        raise SheetError(
            str(path),
            f"the sheet is larger than {MAX_BYTES // 1000} kB; a sheet holds one announcement",
            line,
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise SheetError(str(path), "not UTF-8 text", raw[: err.start].count(b"\n") + 1) from None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise SheetError(str(path), "anchors and aliases (&name, *name) are not supported", line)
            if getattr(event, "tag", None) is not None:
                raise SheetError(str(path), "tags (!name) are not supported", line)
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise SheetError(str(path), f"nested more than {MAX_DEPTH} levels deep", line)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        raise SheetError(
            str(path), f"not YAML: {err.problem or err.context}", mark.line + 1 if mark else None
        ) from None
    return text


def read_sheet(path: Path) -> Table:
    """Parse the sheet at ``path``: a mapping at the top; SheetError (with the line) otherwise."""
    import yaml

    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as err:
        raise SheetError(str(path), f"cannot read: {err.strerror or err}") from None
    text = _refuse_before_expanding(path, raw)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        raise SheetError(
            str(path), f"not YAML: {err.problem or err.context}", mark.line + 1 if mark else None
        ) from None
    if node is None:
        raise SheetError(str(path), "the sheet is empty")
    top = _convert(path, node)
    if not isinstance(top, Table):
        raise SheetError(
            str(path), "the sheet must be a mapping (agreement:, terms:, ...)", node.start_mark.line + 1
        )
    return top


def _convert(path: Path, node: object) -> Value | Table | list[Value | Table]:
    import yaml

    line = node.start_mark.line + 1  # type: ignore[attr-defined]
    if isinstance(node, yaml.ScalarNode):
        return Value(str(node.value), line)
    if isinstance(node, yaml.SequenceNode):
        items: list[Value | Table] = []
        for child in node.value:
            converted = _convert(path, child)
            if isinstance(converted, list):
                raise SheetError(
                    str(path), "a list inside a list is not allowed here", child.start_mark.line + 1
                )
            items.append(converted)
        return items
    if isinstance(node, yaml.MappingNode):
        table = Table(line)
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise SheetError(str(path), "keys are plain words", key.start_mark.line + 1)
            if key.value in table.items:
                raise SheetError(str(path), f"'{key.value}' given twice", key.start_mark.line + 1)
            table.items[key.value] = _convert(path, value)
            table.keys[key.value] = key.start_mark.line + 1
        return table
    raise SheetError(str(path), "aliases and tags are not supported", line)


class Reader:
    """Typed access to a sheet's tables, raising SheetError at the right line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def error(self, line: int, message: str) -> SheetError:
        """A SheetError at ``line``."""
        return SheetError(str(self.path), message, line)

    def check_keys(self, table: Table, allowed: set[str], what: str) -> None:
        """Refuse a key the table should not have, naming the allowed ones."""
        for key, line in table.keys.items():
            if key not in allowed:
                raise self.error(line, f"unknown key '{key}' in {what}; known: {', '.join(sorted(allowed))}")

    def text(self, table: Table, key: str, *, required: bool = False) -> Value | None:
        """A scalar value (None when absent and not required)."""
        item = table.items.get(key)
        if item is None:
            if required:
                raise self.error(table.line, f"'{key}' is required here")
            return None
        if not isinstance(item, Value) or not item.text.strip():
            raise self.error(table.keys[key], f"'{key}' takes one value (text)")
        return item

    def one_of(self, line: int, text: str, key: str, choices: Collection[str]) -> str:
        """``text``, if it is one of ``choices`` (a closed vocabulary's words); else an error at ``line``."""
        if text not in choices:
            raise self.error(line, f"{key} is one of {', '.join(choices)}")
        return text

    def choice(self, table: Table, key: str, choices: Collection[str], *, required: bool = False) -> Value | None:
        """A scalar value that is one of ``choices`` (None when absent and not required)."""
        value = self.text(table, key, required=required)
        if value is not None:
            self.one_of(value.line, value.text, key, choices)
        return value

    def texts(self, table: Table, key: str, *, required: bool = False) -> list[Value]:
        """One value or a list of values."""
        item = table.items.get(key)
        if item is None:
            if required:
                raise self.error(table.line, f"'{key}' is required here")
            return []
        values = item if isinstance(item, list) else [item]
        if not values:
            raise self.error(
                table.keys[key], f"'{key}' takes at least one value (an empty list [] says nothing)"
            )
        for v in values:
            if not isinstance(v, Value) or not v.text.strip():
                raise self.error(table.keys[key], f"'{key}' takes text values")
        return values  # type: ignore[return-value]

    def table(self, table: Table, key: str) -> Table:
        """A required mapping."""
        item = table.items.get(key)
        if not isinstance(item, Table):
            raise self.error(table.keys.get(key, table.line), f"'{key}:' must be a mapping of keys")
        return item

    def tables(self, table: Table, key: str) -> list[Table]:
        """An optional list of mappings."""
        item = table.items.get(key)
        if item is None:
            return []
        if not isinstance(item, list) or not item or not all(isinstance(t, Table) for t in item):
            raise self.error(table.keys[key], f"'{key}:' must be a list of mappings (- key: value)")
        return item  # type: ignore[return-value]
