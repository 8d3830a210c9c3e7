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
DATES = f"""{{ ?c a <{KG}Citation> ; <{_DCT}issued> ?d }}
  UNION {{ ?s a <{KG}Source> ; <{_DCT}issued> ?d }}
  UNION {{ ?s a <{KG}Source> ; <{_DCT}date> ?d }}
  UNION {{ ?a a <{KG}Agreement> ; <{KG}date> ?d }}"""
"""The pattern that binds ?d to every date the horizon is the latest of (another query may join it)."""
_DATES = f"SELECT ?d WHERE {{\n  {DATES}\n}}"


def latest(dates: Iterable[object]) -> str | None:
    """The last day the dates reach (YYYY-MM-DD); a date of another form says nothing here."""
    from graph._dates import DateSpec  # (here: datetime costs start-up time)

    days = []
    for value in dates:
        if value is None:
            continue
        try:
            days.append(DateSpec.parse(str(value)[:10]).end)
        except ParameterError:
            continue
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
