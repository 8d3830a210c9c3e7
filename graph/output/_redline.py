"""A clause redline: each clause's two versions side by side, the changed words marked, each
side's quotes and basis beneath (``kg changes A B --format md|html``, and the explorer's
What changed, which shows the same word marks computed here)."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from graph.answers import Basis, Change, Evidence

Marked = list[list[str]]
"""A version's words in runs: ``[["same", "IP license"], ["del", "Exclusive"], ...]``."""


def word_diff(old: str, new: str) -> tuple[Marked, Marked]:
    """Both sides of a change in runs of words: the earlier's ``same`` or ``del``, the later's
    ``same`` or ``ins``.

    >>> word_diff("Exclusive IP license", "Non-exclusive IP license through 2032")
    ([['del', 'Exclusive'], ['same', 'IP license']], [['ins', 'Non-exclusive'], ['same', 'IP license'], ['ins', 'through 2032']])
    """
    a, b = old.split(), new.split()
    left: Marked = []
    right: Marked = []

    def put(side: Marked, kind: str, words: Sequence[str]) -> None:
        if not words:
            return
        if side and side[-1][0] == kind:
            side[-1][1] += " " + " ".join(words)
        else:
            side.append([kind, " ".join(words)])

    keys = [[w.strip(",.;:!?()").lower() for w in side] for side in (a, b)]  # "license," is "license"
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=keys[0], b=keys[1], autojunk=False).get_opcodes():
        if op == "equal":
            put(left, "same", a[i1:i2])
            put(right, "same", b[j1:j2])
        else:
            put(left, "del", a[i1:i2])
            put(right, "ins", b[j1:j2])
    return left, right


def redlines(changes: Mapping[str, Any], labels: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    """For the explorer: each comparison's (``"a|b"``) changes with two versions, by clause,
    both terms' labels with the changed words marked."""
    out: dict[str, dict[str, Any]] = {}
    for pair, found in changes.items():
        if not isinstance(found, list):
            continue
        for change in found:
            a, b = change.get("from_term"), change.get("to_term")
            if a and b and a in labels and b in labels:
                old, new = word_diff(labels[a], labels[b])
                out.setdefault(pair, {})[change["clause"]] = {"from": old, "to": new}
    return out


def term_labels(kg: Any, changes: Sequence[Change]) -> dict[str, str]:
    """The labels of the terms the changes name (from ``kg.sources_for``, the fact itself)."""
    out = {}
    for c in changes:
        for term in (c.from_term, c.to_term):
            if term and term not in out:
                facts = kg.sources_for(term)
                out[term] = next((f.label for f in facts if f.relation == "the fact" and f.label), term)
    return out


def _basis(basis: Basis | None) -> str:
    if basis is None:
        return "not stated"
    return basis.kind + (" · secondary only" if basis.secondary_only else "")


def _reports(basis: Basis | None) -> list[str]:
    """A reported side's reports, one line each: publisher, title, published, read, URL (as text)."""
    if basis is None:
        return []
    return [
        f"reported by {c.publisher}, “{c.title}” ({c.published}; read {c.read}) {c.url}"
        for c in basis.citations
    ]


def _cite(e: Evidence) -> str:
    return f"{e.publisher or e.file}{' (primary)' if e.primary else ''}"


def _md(text: str) -> str:
    """Text safe in a Markdown table cell or paragraph (no markup of its own)."""
    out = text.replace("\\", "\\\\")
    for ch in "|*_~`[]<>#":
        out = out.replace(ch, "\\" + ch)
    return out


def _md_runs(runs: Marked) -> str:
    marks = {"same": "{}", "del": "~~{}~~", "ins": "**{}**"}
    return " ".join(marks[kind].format(_md(text)) for kind, text in runs)


def redline_md(changes: Sequence[Change], labels: Mapping[str, str], title: str, summary: str) -> str:
    """The redline as Markdown: per clause, a two-column table (before, after), the changed
    attributes, each side's basis and quotes."""
    out = [f"# {_md(title)}", "", _md(summary), ""]
    for c in changes:
        out += [f"## {_md(c.clause_label)} — {c.status}", ""]
        old = labels.get(c.from_term or "", "") if c.from_term else ""
        new = labels.get(c.to_term or "", "") if c.to_term else ""
        left, right = word_diff(old, new) if old and new else ([["same", old]], [["same", new]])
        out += ["| Before | After |", "| --- | --- |"]
        out.append(
            f"| {_md_runs(left) if old else '(not stated)'} | {_md_runs(right) if new else '(not stated)'} |"
        )
        out.append(f"| basis: {_basis(c.from_basis)} | basis: {_basis(c.to_basis)} |")
        out.append("")
        for d in c.differences:
            out.append(f"- {_md(d.attribute)}: ~~{_md(d.old)}~~ → **{_md(d.new)}**")
        if c.change_note:
            out.append(f"- note: {_md(c.change_note)}")
        for side, evidence, basis in (
            ("Before", c.from_evidence, c.from_basis),
            ("After", c.to_evidence, c.to_basis),
        ):
            for e in evidence:
                out.append(f"> {side}: “{_md(e.quote)}” — {_md(_cite(e))}")
            out += [f"> {side}: {_md(line)}" for line in _reports(basis)]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


_STYLE = (
    "body{font:15px/1.45 system-ui,sans-serif;color:#1d2330;max-width:1100px;margin:24px auto;padding:0 16px}"
    "table{border-collapse:collapse;width:100%}td,th{border:1px solid #d9dee5;padding:8px;vertical-align:top;"
    "width:50%;text-align:left}del{background:#f8d4d3;color:#9b2c2c}ins{background:#c8eed6;color:#1d6b3c;"
    "text-decoration:none}.basis{font-size:12px;color:#5b6576}blockquote{margin:6px 0;padding-left:10px;"
    "border-left:3px solid #d9dee5;font-size:13px}.cite{color:#5b6576}"
)


def _html_runs(runs: Marked) -> str:
    tags = {"same": "{}", "del": "<del>{}</del>", "ins": "<ins>{}</ins>"}
    return " ".join(tags[kind].format(escape(text)) for kind, text in runs)


def _quotes(evidence: Sequence[Evidence], basis: Basis | None) -> str:
    quotes = "".join(
        f"<blockquote>“{escape(e.quote)}” <span class=cite>— {escape(_cite(e))}</span></blockquote>"
        for e in evidence
    )
    return quotes + "".join(f"<p class=cite>{escape(line)}</p>" for line in _reports(basis))


def redline_html(changes: Sequence[Change], labels: Mapping[str, str], title: str, summary: str) -> str:
    """The redline as one self-contained HTML page (no request; every text escaped)."""
    from graph._csp import STATIC_PAGE

    rows = []
    for c in changes:
        old = labels.get(c.from_term or "", "") if c.from_term else ""
        new = labels.get(c.to_term or "", "") if c.to_term else ""
        left, right = word_diff(old, new) if old and new else ([["same", old]], [["same", new]])
        diffs = "".join(
            f"<li>{escape(d.attribute)}: <del>{escape(d.old)}</del> → <ins>{escape(d.new)}</ins></li>"
            for d in c.differences
        )
        note = f"<p>{escape(c.change_note)}</p>" if c.change_note else ""
        rows.append(
            f"<section class=clause data-status='{escape(c.status)}'><h2>{escape(c.clause_label)} — "
            f"{escape(c.status)}</h2><table><tr><th>Before</th><th>After</th></tr><tr>"
            f"<td>{_html_runs(left) if old else '<em>not stated</em>'}"
            f"<div class=basis>basis: {escape(_basis(c.from_basis))}</div>{_quotes(c.from_evidence, c.from_basis)}</td>"
            f"<td>{_html_runs(right) if new else '<em>not stated</em>'}"
            f"<div class=basis>basis: {escape(_basis(c.to_basis))}</div>{_quotes(c.to_evidence, c.to_basis)}</td>"
            f"</tr></table>{f'<ul>{diffs}</ul>' if diffs else ''}{note}</section>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{STATIC_PAGE}">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{escape(title)}</h1><p>{escape(summary)}</p>{''.join(rows)}</body></html>\n"
    )
