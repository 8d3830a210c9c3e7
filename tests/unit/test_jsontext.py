"""graph.output._jsontext writes what ``json.dumps(value, indent=2, ensure_ascii=False)`` writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import graph
from graph.output._jsontext import dumps

GOLDEN = sorted((Path(__file__).resolve().parent.parent / "golden").glob("*.json"))

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4)
    | st.tuples(inner, inner)
    | st.dictionaries(st.text() | st.integers() | st.booleans(), inner, max_size=4),
    max_leaves=20,
)


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.name)
def test_every_golden_answer_is_written_as_json_writes_it(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert dumps(data) == json.dumps(data, indent=2, ensure_ascii=False)


def test_every_answer_of_the_packaged_graph_is_written_as_json_writes_it() -> None:
    kg = graph.load()
    for answer in (kg.hosts(), kg.terms("2025-06"), kg.changes("2019", "2026-03"), kg.timeline(), kg.conflicts()):
        data = [row.to_dict() for row in answer]
        assert data and dumps(data) == json.dumps(data, indent=2, ensure_ascii=False)


@settings(max_examples=300, deadline=None)
@given(values)
def test_any_value_is_written_as_json_writes_it(value: object) -> None:
    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_what_json_cannot_write_fails_as_in_json() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps({"a": object()})
    circular: list[object] = []
    circular.append(circular)
    with pytest.raises(ValueError, match="Circular reference"):
        dumps(circular)
