"""Where an undated agreement may fall, drawn across the dated columns of its grid.

An undated agreement is still a column of its grid (its terms sit under it), but the column's
place says nothing about its date. So each one also gets a hatched band, in the row the layout
keeps free under the grid's headers, from the x its earliest possible date maps to, to the x of
its latest: a date maps between the dated columns around it (in proportion to the days), the
grid's left edge before them, its right edge after them or when the bound is open.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import pairwise
from typing import Any

from graph.answers._types import TimelineEntry
from graph.explorer._layout import BAND_LANE, GAP_Y, Layout


def _day(text: str) -> int:
    return date.fromisoformat(text[:10]).toordinal()


def _x_of(day: int | None, anchors: list[tuple[int, float]], edges: tuple[float, float], end: bool) -> float:
    """Where a day falls among the dated columns (``anchors``: day, x); ``edges`` the grid's sides.

    >>> anchors = [(10, 100.0), (20, 200.0)]
    >>> [_x_of(d, anchors, (50.0, 250.0), end=False) for d in (None, 5, 10, 15, 20, 30)]
    [50.0, 50.0, 100.0, 150.0, 200.0, 250.0]
    """
    left, right = edges
    if day is None or not anchors:
        return right if end else left
    if day <= anchors[0][0]:
        return left if day < anchors[0][0] else anchors[0][1]
    for (d0, x0), (d1, x1) in pairwise(anchors):
        if day <= d1:
            return x0 + (x1 - x0) * (day - d0) / max(d1 - d0, 1)
    return anchors[-1][1] if day == anchors[-1][0] else right


def bound_bands(placed: Layout, timeline: Sequence[TimelineEntry]) -> list[dict[str, Any]]:
    """One band per undated agreement drawn in a grid: ``x0``/``x1`` the span, ``y`` its lane's
    middle, ``column`` its column's x and ``header`` the y of the headers' bottom (for the link)."""
    entries = {e.agreement: e for e in timeline}
    bands: list[dict[str, Any]] = []
    for columns, top in placed.band_rows:
        xs = [placed.positions[a][0] for a in columns]
        step = (xs[-1] - xs[0]) / (len(xs) - 1) if len(xs) > 1 else 120.0
        left, right = xs[0] - step / 2, xs[-1] + step / 2
        anchors: list[tuple[int, float]] = []  # (day, x): each dated column at its middle day
        for a, x in zip(columns, xs):
            e = entries.get(a)
            if e is not None and e.date and e.earliest and e.latest:
                anchors.append(((_day(e.earliest) + _day(e.latest)) // 2, x))
        anchors.sort()

        lane = 0
        for a in columns:
            e = entries.get(a)
            if e is None or e.date:
                continue
            x0 = _x_of(_day(e.earliest) if e.earliest else None, anchors, (left, right), end=False)
            x1 = _x_of(_day(e.latest) if e.latest else None, anchors, (left, right), end=True)
            bands.append(
                {
                    "agreement": a,
                    "x0": round(x0, 1),
                    "x1": round(max(x1, x0 + 4), 1),
                    "y": round(top + BAND_LANE * (lane + 0.5), 1),
                    "column": placed.positions[a][0],
                    "header": round(top - GAP_Y, 1),
                    "earliest": e.earliest,
                    "latest": e.latest,
                }
            )
            lane += 1
    return bands
