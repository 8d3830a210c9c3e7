"""The graph's horizon: the date of its latest source, citation or dated agreement.

Later changes are unknown to the graph, so an answer for a date after its horizon says so (the
``horizon`` field of its rows; ``kg`` prints one line on stderr; the explorer a note).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graph._dates import DateSpec
from graph._errors import ParameterError
from graph._vocab import KG

if TYPE_CHECKING:
    from graph.store._backend import Backend

_DATES = f"""PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?d WHERE {{
  {{ ?c a <{KG}Citation> ; dcterms:issued ?d }}
  UNION {{ ?s a <{KG}Source> ; dcterms:issued ?d }}
  UNION {{ ?s a <{KG}Source> ; dcterms:date ?d }}
  UNION {{ ?a a <{KG}Agreement> ; <{KG}date> ?d }}
}}"""


def horizon(backend: Backend) -> str | None:
    """The last day the graph's sources, citations and dated agreements reach (YYYY-MM-DD)."""
    days = []
    for row in backend.query(_DATES, {}).values():
        try:
            days.append(DateSpec.parse(str(row["d"])[:10]).end)
        except ParameterError:  # a date of another form says nothing here
            continue
    return max(days).isoformat() if days else None


def beyond(backend: Backend, as_of: str | None) -> str | None:
    """The horizon when the date ``as_of`` (YYYY[-MM[-DD]]) begins after it, else None."""
    if as_of is None:
        return None
    found = horizon(backend)
    return found if found is not None and DateSpec.parse(as_of).start.isoformat() > found else None
