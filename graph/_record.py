"""Frozen records: the value types of the answers and the questions, without the dataclasses module.

Making a dataclass costs start-up time (importing dataclasses imports inspect, ast and dis, and
each class compiles half a dozen methods), and ``kg hosts`` makes a dozen of them. A Record
subclass declares its fields as a frozen dataclass does (annotated class attributes, in order,
with defaults) and behaves the same: construction by position or keyword, ``==``, ``hash``,
``repr``, no assignment (``dataclasses.FrozenInstanceError``). The dataclasses module sees each
as a frozen dataclass (``fields``, ``asdict``, ``replace``, ``is_dataclass`` work): the
``__dataclass_fields__`` it reads are made on first use, from a dataclass of the same fields.

>>> class Point(Record):
...     x: int
...     y: int = 0
>>> Point(1), Point(1) == Point(x=1, y=0), Point(2, y=3).y
(Point(x=1, y=0), True, 3)
>>> import dataclasses
>>> [f.name for f in dataclasses.fields(Point)], dataclasses.replace(Point(1), y=5)
(['x', 'y'], Point(x=1, y=5))
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from typing import Any, ClassVar, TypeVar, dataclass_transform

    R = TypeVar("R", bound="Record")
else:

    def dataclass_transform(**_settings: object) -> object:
        """(type checkers read the real one: Record's subclasses are frozen dataclasses to them)"""
        return lambda cls: cls


class _DataclassView:
    """One of a record class's ``__dataclass_fields__`` and ``__dataclass_params__``: made on
    first use, for the dataclasses module, by a dataclass of the same fields and defaults."""

    def __init__(self, attribute: str) -> None:
        self.attribute = attribute

    def __get__(self, instance: object, owner: type[Record]) -> object:
        import dataclasses

        shadow = dataclasses.make_dataclass(
            owner.__name__,
            [
                (name, owner._types[name], dataclasses.field(default=owner._defaults[name]))
                if name in owner._defaults
                else (name, owner._types[name])
                for name in owner.FIELDS
            ],
            frozen=True,
        )
        for attribute in ("__dataclass_fields__", "__dataclass_params__"):  # (kept: made once)
            type.__setattr__(owner, attribute, getattr(shadow, attribute))
        return getattr(shadow, self.attribute)


@dataclass_transform(frozen_default=True)
class Record:
    """Base of the frozen records: the subclass's annotated attributes are its fields."""

    if TYPE_CHECKING:
        FIELDS: ClassVar[tuple[str, ...]]
        _defaults: ClassVar[dict[str, Any]]
        _types: ClassVar[dict[str, Any]]
    FIELDS = ()
    """The field names, in order (a base class's first)."""
    _defaults = {}  # noqa: RUF012  (read only)
    _types = {}  # noqa: RUF012  (the annotations, as written)
    __dataclass_fields__ = _DataclassView("__dataclass_fields__")
    __dataclass_params__ = _DataclassView("__dataclass_params__")

    def __init_subclass__(cls, **settings: Any) -> None:
        super().__init_subclass__(**settings)
        own = {
            name: kind
            for name, kind in cls.__annotations__.items()  # (its own: Python 3.10 and later)
            if not str(kind).startswith(("ClassVar", "typing.ClassVar"))
        }
        cls._types = {**cls._types, **own}
        cls.FIELDS = (*cls.FIELDS, *(name for name in own if name not in cls.FIELDS))
        cls._defaults = {**cls._defaults, **{n: cls.__dict__[n] for n in own if n in cls.__dict__}}
        setattr(cls, "__match_args__", cls.FIELDS)  # noqa: B010  (type checkers know it for a dataclass)
        defaulted = False
        for name in cls.FIELDS:  # (as a dataclass: once a field has a default, every later one has)
            if name in cls._defaults:
                defaulted = True
            elif defaulted:
                raise TypeError(f"non-default argument {name!r} follows default argument")
        for attribute in ("__dataclass_fields__", "__dataclass_params__"):
            type.__setattr__(cls, attribute, _DataclassView(attribute))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        cls = type(self)
        names = cls.FIELDS
        if len(args) > len(names):
            least, most = len(names) - len(cls._defaults) + 1, len(names) + 1
            takes = f"{least} positional argument{'s' * (least > 1)}" if least == most else f"from {least} to {most} positional arguments"
            raise TypeError(f"{cls.__qualname__}.__init__() takes {takes} but {len(args) + 1} were given")
        values = dict(zip(names, args))
        for name, value in kwargs.items():
            if name not in cls._types:
                raise TypeError(f"{cls.__qualname__}.__init__() got an unexpected keyword argument {name!r}")
            if name in values:
                raise TypeError(f"{cls.__qualname__}.__init__() got multiple values for argument {name!r}")
            values[name] = value
        if len(values) < len(names):
            defaults = cls._defaults
            missing = [n for n in names if n not in values and n not in defaults]
            if missing:  # (worded as Python words it)
                quoted = [repr(n) for n in missing]
                listed = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])}{',' * (len(quoted) > 2)} and {quoted[-1]}"
                raise TypeError(
                    f"{cls.__qualname__}.__init__() missing {len(missing)} required "
                    f"positional argument{'s' * (len(missing) > 1)}: {listed}"
                )
            values = {n: values[n] if n in values else defaults[n] for n in names}
        else:
            values = {n: values[n] for n in names}  # in field order
        object.__setattr__(self, "__dict__", values)

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.FIELDS)
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        mine, theirs = (tuple(getattr(r, n) for n in self.FIELDS) for r in (self, other))
        return mine == theirs

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, n) for n in self.FIELDS))

    def __setattr__(self, name: str, value: object) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot delete field {name!r}")


def replace(record: R, **changes: Any) -> R:
    """A copy of ``record`` with some fields changed (as ``dataclasses.replace``)."""
    return type(record)(**{**record.__dict__, **changes})


def as_dict(value: Any) -> Any:
    """A record as a dict of its fields, records inside it as dicts too, at any depth (as
    ``dataclasses.asdict``: tuples stay tuples, lists lists)."""
    if isinstance(value, Record):
        return {name: as_dict(getattr(value, name)) for name in value.FIELDS}
    if isinstance(value, (tuple, list)):
        return type(value)(as_dict(v) for v in value)
    if isinstance(value, dict):
        return {as_dict(k): as_dict(v) for k, v in value.items()}
    return value
