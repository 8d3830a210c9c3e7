"""What an update changed, as text: a table, JSON, or an Atom feed with one entry per changed
answer (so that a reader can subscribe to "who hosts what")."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

from graph.diff._compare import AnswerDiff

FEED_ID = "tag:w3id.org,2026:partnership-kg/diff"


def _summary(row: dict[str, str]) -> str:
    """A row in a few words: its label-like fields."""
    for names in (
        ("provider", "role", "hosted", "exclusivity", "status"),
        ("label", "status"),
        ("clause_label", "status"),
    ):
        parts = [row[n] for n in names if row.get(n)]
        if len(parts) > 1:
            return ", ".join(parts)
    return ", ".join(v for v in list(row.values())[:3] if v)


def lines(diff: AnswerDiff) -> list[str]:
    """One answer's changes as lines: ``+ key: summary``, ``- key: summary``, ``~ key: field: old → new``."""
    out = [f"+ {k}: {_summary(row)}" for k, row in diff.added]
    out += [f"- {k}: {_summary(row)}" for k, row in diff.removed]
    for c in diff.changed:
        out += [
            f"~ {c.key}: {f}: {o or '(none)'} → {n or '(none)'}" for f, o, n in c.fields if f != "evidence"
        ]
        if any(f == "evidence" for f, _, _ in c.fields):
            out.append(f"~ {c.key}: evidence changed")
    return out


def table(diffs: list[AnswerDiff]) -> str:
    """Every changed answer: its title, then its rows' changes."""
    if not diffs:
        return "no headline answer changed"
    blocks = ["\n".join([f"{d.question.title}:", *("  " + line for line in lines(d))]) for d in diffs]
    return "\n\n".join(blocks) + f"\n\n({len(diffs)} answers changed)"


def as_json(diffs: list[AnswerDiff]) -> str:
    """The changed answers as a JSON list."""
    return json.dumps([d.to_dict() for d in diffs], indent=2, ensure_ascii=False)


def atom(diffs: list[AnswerDiff], *, old: str, new: str, updated: str) -> str:
    """An Atom 1.0 feed (RFC 4287): one entry per changed answer, all text escaped.

    ``updated`` is a date (YYYY-MM-DD), the newer graph's horizon, so that the same two graphs
    give the same feed.
    """
    stamp = f"{updated}T00:00:00Z"
    entries = []
    for d in diffs:
        text = "\n".join(lines(d))
        entries.append(
            "  <entry>\n"
            f"    <id>{escape(FEED_ID)}/{escape(d.question.id)}</id>\n"
            f"    <title>{escape(d.question.title)}: {len(d.added)} added, {len(d.removed)} removed, "
            f"{len(d.changed)} changed</title>\n"
            f"    <updated>{stamp}</updated>\n"
            f'    <content type="text">{escape(text)}</content>\n'
            "  </entry>"
        )
    head = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"  <id>{escape(FEED_ID)}</id>\n"
        f"  <title>partnership-kg: what changed from {escape(old)} to {escape(new)}</title>\n"
        f"  <updated>{stamp}</updated>\n"
        "  <author><name>partnership-kg</name></author>\n"
    )
    return head + "\n".join(entries) + ("\n" if entries else "") + "</feed>\n"
