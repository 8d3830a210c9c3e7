"""Time in the explorer: the answers for any month, and the timeline's lanes of versions.

**Any month.** Who hosts what and the terms in force change only where a date bound is crossed
(an agreement's earliest or latest possible day, a role's earliest or latest start), so the
library is asked once for each month that holds such a bound and once for the month after it;
every other month shares the answer of the last of those before it (``months``).

**Lanes.** One lane per role and per clause; a bar per version (a role, a clause's term), from
its start to its end, each given as bounds: ``[earliest, latest]`` (None where the sources give
no bound). A role ends where the agreement that ends it (``until``) was made; a term where the
next version of its clause begins. Until the library's ``history`` question (issue 19) gives
these versions, they are collected here from ``hosts`` and ``terms`` at each month above: the
one function to switch is :func:`versions`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from graph.answers import HostRole, TermState, TimelineEntry

SPAN_MARGIN = 3
"""Months drawn after the last dated bound, so that an open bar visibly runs on."""


def month_of(day: str) -> str:
    """``2025-10-31`` -> ``2025-10`` (a year gives its January)."""
    return day[:7] if len(day) >= 7 else f"{day[:4]}-01"


def next_month(month: str, step: int = 1) -> str:
    """``2025-12`` + 1 -> ``2026-01``."""
    year, mon = int(month[:4]), int(month[5:7]) - 1 + step
    return f"{year + mon // 12:04d}-{mon % 12 + 1:02d}"


def month_range(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last``, both included."""
    out = [first]
    while out[-1] < last:
        out.append(next_month(out[-1]))
    return out


def bounds_of(timeline: Iterable[TimelineEntry], roles: Iterable[HostRole]) -> list[str]:
    """Every day that bounds an agreement or a role's start."""
    days = [d for e in timeline for d in (e.earliest, e.latest) if d]
    days += [d for r in roles for d in (r.since_earliest, r.since_latest) if d]
    return sorted(set(days))


def critical_months(days: Sequence[str]) -> tuple[list[str], str, str]:
    """The months whose answer can differ from the month before, and the span's first and last."""
    first = month_of(days[0]) if days else "2019-01"
    last = next_month(month_of(days[-1]), SPAN_MARGIN) if days else first
    found = {first}
    for day in days:
        found |= {month_of(day), next_month(month_of(day))}
    return sorted(m for m in found if m <= last), first, last


def months(critical: Sequence[str], first: str, last: str) -> list[list[str]]:
    """``[month, key]`` for every month of the span: the critical month whose answer it shares."""
    out, key = [], critical[0]
    for month in month_range(first, last):
        if month in critical:
            key = month
        out.append([month, key])
    return out


def bounded_label(label: str, entry: TimelineEntry) -> str:
    r"""An undated agreement's node label with the dates it may have, so that its place in the
    grid does not read as a chronology: ``...\nundated: Jan 2019 – Oct 2025``.

    >>> e = TimelineEntry("a", "A deal", None, None, "undated", "2019-01-01", None, None, (), (), (), ())
    >>> bounded_label("A deal\nundated", e)
    'A deal\nundated: after Jan 2019'
    """
    from graph.explorer._network import format_date

    if entry.date or not (entry.earliest or entry.latest):
        return label
    first = format_date(entry.earliest[:7]) if entry.earliest else None
    last = format_date(entry.latest[:7]) if entry.latest else None
    when = f"{first} – {last}" if first and last else f"after {first}" if first else f"before {last}"
    return label.replace("\nundated", "") + f"\nundated: {when}"


@dataclass(frozen=True)
class Version:
    """One bar: a role or a clause's term, from its start to its end (each a pair of bounds)."""

    lane: str
    lane_label: str
    lane_kind: str
    """``role`` or ``clause``."""
    node: str
    """The node the bar stands for (the role, the term): its Details."""
    label: str
    status: str
    """A role's exclusivity (``unstated`` when the sources do not say), a term's change type."""
    basis: str
    start: tuple[str | None, str | None]
    end: tuple[str | None, str | None] | None
    """None: still in force."""


def _with_start(roles: Iterable[HostRole]) -> dict[str, HostRole]:
    """One answer per role, from the dates it is asked for: one that gives its start's bounds (an
    answer for a date after the role ended gives none)."""
    chosen: dict[str, HostRole] = {}
    for r in roles:
        kept = chosen.get(r.id)
        if kept is None or (not (kept.since_earliest or kept.since_latest) and (r.since_earliest or r.since_latest)):
            chosen[r.id] = r
    return chosen


def versions(
    roles: Iterable[HostRole], terms: Iterable[TermState], timeline: Iterable[TimelineEntry]
) -> list[Version]:
    """The versions of every role and clause, from the library's answers (see the module's note)."""
    when = {e.agreement: (e.earliest, e.latest) for e in timeline}
    out = []
    for r in _with_start(roles).values():
        out.append(
            Version(
                r.id,
                f"{r.provider} {r.role} {r.hosted}",
                "role",
                r.id,
                f"{r.provider} {r.role} {r.hosted}" + (f" · {r.exclusivity}" if r.exclusivity else ""),
                r.exclusivity or "unstated",
                r.basis.kind,
                (r.since_earliest, r.since_latest),
                when.get(r.until, (None, None)) if r.until else None,
            )
        )
    by_clause: dict[str, list[TermState]] = {}
    for t in {t.term: t for t in terms}.values():
        by_clause.setdefault(t.clause, []).append(t)
    for clause, found in by_clause.items():
        found.sort(key=lambda t: (t.earliest or "", t.latest or "9999"))
        for t, following in zip(found, [*found[1:], None]):
            end = (following.earliest, following.latest) if following else None
            out.append(
                Version(
                    clause, t.clause_label, "clause", t.term, t.label, t.change_type or "unstated",
                    t.basis.kind, (t.earliest, t.latest), end,
                )
            )  # fmt: skip
    return out


def lanes(found: Sequence[Version]) -> list[dict[str, Any]]:
    """The versions as lanes for the page and the SVG: roles first (by label), then clauses."""
    out: dict[str, dict[str, Any]] = {}
    for v in sorted(found, key=lambda v: (v.lane_kind != "role", v.lane_label.lower(), v.start[0] or "")):
        lane = out.setdefault(v.lane, {"id": v.lane, "label": v.lane_label, "kind": v.lane_kind, "bars": []})
        lane["bars"].append(
            {
                "node": v.node,
                "label": v.label,
                "status": v.status,
                "basis": v.basis,
                "start": list(v.start),
                "end": list(v.end) if v.end else None,
            }
        )
    return list(out.values())


def time_payload(
    kg: Any,
    timeline: Sequence[TimelineEntry],
    answer: Callable[[Any], dict[str, Any]],
    known: Iterable[str] = (),
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The snapshots of the critical months not among the ``known`` keys (each ``{key, label,
    agreements, terms, hosts}``, each answer through ``answer``) and the page's time data: the
    span, each month's snapshot key, and the lanes."""
    from graph.explorer._network import format_date

    now = kg.hosts()
    critical, first, last = critical_months(bounds_of(timeline, now))
    roles: list[HostRole] = list(now)
    terms: list[TermState] = []
    snapshots = []
    for month in critical:
        hosts, states = kg.hosts(as_of=month), kg.terms(month)
        roles += hosts
        terms += states
        if month not in known:
            snapshots.append(
                {
                    "key": month,
                    "label": format_date(month),
                    "agreements": [],
                    "terms": [answer(t) for t in states],
                    "hosts": [answer(h) for h in hosts],
                }
            )
    data: dict[str, Any] = {"first": first, "last": last, "months": months(critical, first, last)}
    data["lanes"] = lanes(versions(roles, terms, timeline))
    return snapshots, data
