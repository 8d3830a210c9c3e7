"""graph._record: frozen records behave as frozen dataclasses, and the dataclasses module takes
them for ones (the answers are documented as frozen dataclasses)."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from graph._record import Record, as_dict, replace
from graph.answers import Basis, ClaimValue, Conflict, Evidence, HostRole

EVIDENCE = Evidence("source-001", "001_blog.txt", "Microsoft", None, None, "We agree.", True)


class Point(Record):
    x: int
    y: int = 0


@dataclasses.dataclass(frozen=True)
class Twin:
    x: int
    y: int = 0


def test_a_record_is_built_shown_compared_and_hashed_as_a_frozen_dataclass() -> None:
    for kind in (Point, Twin):
        assert repr(kind(1)).endswith("(x=1, y=0)")
        assert kind(1) == kind(x=1) == kind(1, 0) and kind(1) != kind(2)
        assert hash(kind(1, 2)) == hash((1, 2))
        assert kind(2, y=3).y == 3
    assert Point(1) != Twin(1) and Point(1).__eq__((1, 0)) is NotImplemented
    assert vars(Point(y=2, x=1)) == {"x": 1, "y": 2} and list(vars(Point(y=2, x=1))) == ["x", "y"]


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((), {}), ((1, 2, 3), {}), ((1,), {"x": 2}), ((1,), {"z": 2})],
    ids=["missing", "too many", "twice", "unknown"],
)
def test_a_wrong_call_is_the_same_type_error(args: tuple[int, ...], kwargs: dict[str, int]) -> None:
    messages = []
    for kind in (Point, Twin):
        with pytest.raises(TypeError) as raised:
            kind(*args, **kwargs)
        messages.append(str(raised.value).replace("Twin", "Point"))
    assert messages[0] == messages[1]


def test_a_record_is_frozen() -> None:
    point = Point(1)
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'x'"):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del point.x  # type: ignore[misc]
    assert point == Point(1)


def test_a_field_without_default_after_one_with_is_refused_as_by_dataclasses() -> None:
    with pytest.raises(TypeError, match="non-default argument 'z' follows default argument"):

        class Bad(Record):
            y: int = 0
            z: int


def test_the_dataclasses_module_takes_a_record_for_a_frozen_dataclass() -> None:
    role = Conflict("blog", "The blog", "date", (ClaimValue("claim-a", "2024-10", "preferred", (EVIDENCE,)),))
    assert dataclasses.is_dataclass(role) and dataclasses.is_dataclass(Conflict)
    assert [f.name for f in dataclasses.fields(Conflict)] == list(Conflict.FIELDS)
    assert [f.name for f in dataclasses.fields(HostRole)][-4:] == ["status", "since_earliest", "since_latest", "horizon"]
    assert dataclasses.fields(Basis)[2].default == ()
    assert dataclasses.asdict(role) == as_dict(role)
    assert as_dict(role)["claims"][0]["evidence"][0]["quote"] == "We agree."
    assert dataclasses.astuple(Point(1, 2)) == (1, 2)
    assert dataclasses.replace(Point(1), y=5) == replace(Point(1), y=5) == Point(1, 5)
    assert Conflict.__dataclass_params__.frozen  # type: ignore[attr-defined]
    match Point(1, 2):
        case Point(x, y):
            assert (x, y) == (1, 2)


def test_a_record_survives_pickle_and_copy() -> None:
    for copied in (pickle.loads(pickle.dumps(EVIDENCE)), copy.copy(EVIDENCE), copy.deepcopy(EVIDENCE)):
        assert copied == EVIDENCE and copied is not EVIDENCE
