"""The graph's horizon: the date of its latest source, citation or dated agreement.

Later changes are unknown to the graph, so an answer for a date after its horizon says so (the
``horizon`` field of its rows; ``kg`` prints one line on stderr; the explorer a note).
"""

from __future__ import annotations

from collections.abc import Iterable

from graph._errors import ParameterError
from graph._vocab import KG

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from graph.store import Backend

_DCT = "http://purl.org/dc/terms/"
DATES = f"""{{ ?c a <{KG}Citation> ; <{_DCT}issued> ?horizonIssued
    OPTIONAL {{ ?c <{KG}retrieved> ?horizonRead }}
    BIND(IF(BOUND(?horizonRead), CONCAT(STR(?horizonIssued), "/", STR(?horizonRead)), ?horizonIssued) AS ?d) }}
  UNION {{ ?s a <{KG}Source> ; <{_DCT}issued> ?d }}
  UNION {{ ?s a <{KG}Source> ; <{_DCT}date> ?d }}
  UNION {{ ?a a <{KG}Agreement> ; <{KG}date> ?d }}"""
"""The pattern that binds ?d to every date the horizon is the latest of (another query may join it).
A citation's is ``ISSUED/READ``: a report dated only by its year or month was published by the day
it was read, so it reaches the earlier of its period's end and that day."""
_DATES = f"SELECT ?d WHERE {{\n  {DATES}\n}}"


def latest(dates: Iterable[object]) -> str | None:
    """The last day the dates reach (YYYY-MM-DD); a date of another form says nothing here.

    >>> latest(["2026-02-27", "2026/2026-12-07", "2025-10"])
    '2026-12-07'
    >>> latest(["2026-04/2026-12-07", None, "soon"])
    '2026-04-30'
    """
    from graph._dates import DateSpec  # (here: datetime costs start-up time)

    days = []
    for value in dates:
        if value is None:
            continue
        issued, _, read = str(value).partition("/")
        try:
            day = DateSpec.parse(issued[:10]).end
            if read:
                day = min(day, DateSpec.parse(read[:10]).end)
        except ParameterError:
            continue
        days.append(day)
    return max(days).isoformat() if days else None


def horizon(backend: Backend) -> str | None:
    """The last day the graph's sources, citations and dated agreements reach (YYYY-MM-DD)."""
    return latest(row["d"] for row in backend.query(_DATES, {}).values())


def after_horizon(found: str | None, as_of: str | None) -> str | None:
    """The horizon ``found`` when the date ``as_of`` (YYYY[-MM[-DD]]) begins after it, else None."""
    if as_of is None or found is None:
        return None
    from graph._dates import DateSpec

    return found if DateSpec.parse(as_of).start.isoformat() > found else None


def beyond(backend: Backend, as_of: str | None) -> str | None:
    """The horizon when the date ``as_of`` (YYYY[-MM[-DD]]) begins after it, else None."""
    if as_of is None:
        return None
    return after_horizon(horizon(backend), as_of)
