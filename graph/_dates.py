"""Dates with their precision: ``2019`` (year), ``2025-10`` (month) or ``2026-02-27`` (day)."""

from __future__ import annotations

import re
from collections import namedtuple
from datetime import date, timedelta

from graph._errors import ParameterError
from graph._vocab import XSD

_PATTERN = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")  # ASCII digits only: not ２０２５
ACCEPTED = "YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2019, 2025-10, 2026-02-27)"


class DateSpec(namedtuple("DateSpec", "text precision start end")):
    """A date as precise as its text (``text``, ``precision``) and the first and last day it may
    mean (``start``, ``end``, datetime.date). An immutable named tuple.

    >>> DateSpec.parse("2025-10")
    DateSpec(text='2025-10', precision='month', start=datetime.date(2025, 10, 1), end=datetime.date(2025, 10, 31))
    >>> DateSpec.parse("2024-02").end
    datetime.date(2024, 2, 29)
    """

    __slots__ = ()

    @classmethod
    def parse(cls, text: str | date) -> DateSpec:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (or take a ``datetime.date``, a day);
        raise ParameterError otherwise."""
        text = date_text(text)
        match = _PATTERN.match(text.strip())
        if not match:
            shown = text if len(text) <= 80 else f"{text[:80]}… ({len(text) - 80} more characters)"
            raise ParameterError(f"malformed date '{shown}': expected {ACCEPTED}")
        year, month, day = match.groups()
        try:
            if day:
                d = date(int(year), int(month), int(day))
                return cls(text.strip(), "day", d, d)
            if month:
                first = date(int(year), int(month), 1)
                following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
                return cls(text.strip(), "month", first, following - timedelta(days=1))
            y = int(year)
            return cls(text.strip(), "year", date(y, 1, 1), date(y, 12, 31))
        except ValueError as err:
            raise ParameterError(f"malformed date '{text}': {err}; expected {ACCEPTED}") from None

    @classmethod
    def from_literal(cls, lexical: str, datatype: str) -> DateSpec | None:
        """Read an ``xsd:gYear``, ``xsd:gYearMonth`` or ``xsd:date`` literal; None for others."""
        if datatype not in (XSD + "gYear", XSD + "gYearMonth", XSD + "date"):
            return None
        try:
            return cls.parse(lexical)
        except ParameterError:
            return None


def date_text(value: object) -> str:
    """A date given as text as it is, a ``datetime.date`` (or datetime) as ``YYYY-MM-DD``;
    ParameterError for anything else.

    >>> date_text(date(2025, 6, 1))
    '2025-06-01'
    """
    if isinstance(value, str):
        return value
    if isinstance(value, date):
        return value.isoformat()[:10]
    raise ParameterError(
        f"expected a date ({ACCEPTED}, or a datetime.date), got {type(value).__name__} {value!r}"
    )


def require_text(value: object, what: str) -> str:
    """``value`` if it is text; ParameterError naming ``what`` was expected otherwise.

    >>> require_text(1, "an entity id or name")
    Traceback (most recent call last):
    ...
    graph._errors.ParameterError: expected an entity id or name (text), got int 1
    """
    if isinstance(value, str):
        return value
    raise ParameterError(f"expected {what} (text), got {type(value).__name__} {value!r}")


def precision_of(datatype: str) -> str:
    """``year``, ``month`` or ``day`` for an XSD date datatype IRI, else ``unknown``.

    >>> precision_of("http://www.w3.org/2001/XMLSchema#gYearMonth")
    'month'
    """
    return {XSD + "gYear": "year", XSD + "gYearMonth": "month", XSD + "date": "day"}.get(datatype, "unknown")
