"""The timeline as one static SVG, for articles (``kg chart``): the explorer's Timeline, still.

One lane per agreement (a mark at its date; an undated one hatched over the dates it may have),
per role and per clause (a bar per version, coloured by its exclusivity or change type, hatched
where its start or end is known only between two dates, outlined by its basis). Every text is
escaped; the file refers to nothing outside itself.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from html import escape
from typing import Any

from graph.explorer._lanes import month_range
from graph.explorer._palette import BASES, INK, LINE, MUTED, VERSIONS

LABEL, LANE, TOP, WIDTH = 300, 24, 22, 1200
"""Label column, lane height, the years' row, whole width (px)."""

_SHORT = 46


def _at(day: str, first: str, end: bool = False) -> float:
    """Months from the start of ``first`` to the start (``end``: the end) of ``day``."""
    y, m = int(day[:4]), int(day[5:7]) if len(day) >= 7 else 1
    d = int(day[8:10]) if len(day) >= 10 else 1
    days = calendar.monthrange(y, m)[1]
    return y * 12 + m - 1 - (int(first[:4]) * 12 + int(first[5:7]) - 1) + (d - 1 + (1 if end else 0)) / days


def _text(x: float, y: float, text: str, cls: str, full: str | None = None) -> str:
    title = f"<title>{escape(full)}</title>" if full and full != text else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" class="{cls}">{escape(text)}{title}</text>'


def _short(label: str) -> str:
    return label if len(label) <= _SHORT else label[: _SHORT - 1] + "…"


def _segments(bar: dict[str, Any], first: str, span: int) -> list[tuple[str, float, float]]:
    """The bar's stretches: ``bounded`` (hatched) where a start or end is only bounded, ``solid`` between."""
    start, end = bar["start"], bar["end"]
    s0 = _at(start[0], first) if start[0] else 0.0
    s1 = _at(start[1], first, True) if start[1] else None
    e0 = (_at(end[0], first) if end[0] else 0.0) if end else float(span)
    e1 = (_at(end[1], first, True) if end[1] else float(span)) if end else float(span)
    if s1 is None:
        return [("bounded", s0, max(e1, s0))]
    out = []
    if s1 - s0 > 0.05:
        out.append(("bounded", s0, s1))
    if e0 > s1:
        out.append(("solid", s1, e0))
    if end and e1 - max(e0, s1) > 0.05:
        out.append(("bounded", max(e0, s1), e1))
    return out or [("solid", s0, max(e1, s0 + 0.05))]


def timeline_svg(time: dict[str, Any], timeline: Sequence[dict[str, Any]], title: str) -> str:
    """The SVG text of the page's time data (``time``: first, last, lanes) and its agreements."""
    first, span = time["first"], len(month_range(time["first"], time["last"]))
    plot = WIDTH - LABEL - 12

    def x(months: float) -> float:
        return LABEL + months / span * plot

    rows: list[tuple[str, Any]] = [("head", "Agreements (undated: hatched over the dates they may have)")]
    rows += [("agreement", t) for t in timeline]
    kind = None
    for lane in time["lanes"]:
        if lane["kind"] != kind:
            kind = lane["kind"]
            rows.append(("head", "Roles" if kind == "role" else "Clauses"))
        rows.append(("lane", lane))
    legend_y = TOP + len(rows) * LANE + 16
    height = legend_y + 40
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="12" role="img">',
        f"<title>{escape(title)}</title>",
        f"<style>.year,.note{{fill:{MUTED}}}.head{{font-weight:700;font-size:13px;fill:{INK}}}"
        f".label{{fill:{INK}}}.grid{{stroke:{LINE}}}</style><defs>",
    ]
    for status, look in [*VERSIONS.items(), ("agreement", VERSIONS["unstated"])]:
        out.append(
            f'<pattern id="hatch-{escape(status)}" width="6" height="6" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
            f'<rect width="3" height="6" fill="{look["fill"]}"/></pattern>'
        )
    out.append("</defs>")
    for i, month in enumerate(month_range(first, time["last"])):
        if i == 0 or month.endswith("-01"):
            out.append(f'<line x1="{x(i):.1f}" x2="{x(i):.1f}" y1="14" y2="{legend_y - 12}" class="grid"/>')
            out.append(_text(x(i) + 3, 12, month[:4], "year"))
    for n, (what, row) in enumerate(rows):
        y = TOP + n * LANE
        if what == "head":
            out.append(_text(4, y + 16, row, "head"))
            continue
        if what == "agreement":
            out.append(_text(12, y + 16, _short(row["label"]), "label", row["label"]))
            out.append(_agreement(row, first, span, x, y))
            continue
        out.append(_text(12, y + 16, _short(row["label"]), "label", row["label"]))
        out += [_bar(bar, first, span, x, y) for bar in row["bars"]]
    out.append(_legend(legend_y))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _agreement(t: dict[str, Any], first: str, span: int, x: Any, y: float) -> str:
    if t["date"]:
        a, b = _at(t["earliest"] or t["date"], first), _at(t["latest"] or t["date"], first, True)
        mid = x((a + b) / 2)
        when = t["date_label"]
        shape = f'<path d="M{mid:.1f} {y + 4} l7 8 l-7 8 l-7 -8 z" fill="{INK}">'
    else:
        a = _at(t["earliest"], first) if t["earliest"] else 0.0
        b = _at(t["latest"], first, True) if t["latest"] else float(span)
        when = f"undated: between {t['earliest'] or '…'} and {t['latest'] or '…'}"
        shape = (
            f'<rect x="{x(a):.1f}" y="{y + 6}" width="{max(x(b) - x(a), 2):.1f}" height="{LANE - 12}" '
            f'fill="url(#hatch-agreement)" stroke="{MUTED}" stroke-width="0.5">'
        )
    tag = "path" if t["date"] else "rect"
    return f"{shape}<title>{escape(t['label'])} ({escape(when)})</title></{tag}>"


def _bar(bar: dict[str, Any], first: str, span: int, x: Any, y: float) -> str:
    look = VERSIONS.get(bar["status"], VERSIONS["unstated"])
    basis = BASES.get(bar["basis"], BASES["stated"])
    parts = _segments(bar, first, span)
    status = escape(bar["status"] if bar["status"] in VERSIONS else "unstated")
    rects = [
        f'<rect x="{x(a):.1f}" y="{y + 4}" width="{max(x(b) - x(a), 2):.1f}" height="{LANE - 8}" '
        f'fill="{look["fill"] if kind == "solid" else f"url(#hatch-{status})"}"/>'
        for kind, a, b in parts
    ]
    a, b = parts[0][1], parts[-1][2]
    dash = f' stroke-dasharray="{basis["dash"]}"' if basis["dash"] else ""
    rects.append(
        f'<rect x="{x(a):.1f}" y="{y + 4}" width="{max(x(b) - x(a), 2):.1f}" height="{LANE - 8}" fill="none" '
        f'stroke="{basis["stroke"]}" stroke-width="1.2"{dash}/>'
    )
    title = f"{bar['label']} · {look['label']} · {bar['basis']}"
    return f"<g><title>{escape(title)}</title>{''.join(rects)}</g>"


def _legend(y: float) -> str:
    out, x = [], 12.0
    for look in VERSIONS.values():
        out.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{look["fill"]}"/>')
        out.append(_text(x + 16, y + 10, look["label"], "note"))
        x += 24 + 6.5 * len(look["label"])
    out.append(_text(12, y + 30, "hatched: the start or end is known only between two dates; outline: "
                     + ", ".join(b["label"] for b in BASES.values()) + " (dotted or dashed)", "note"))  # fmt: skip
    return "".join(out)
