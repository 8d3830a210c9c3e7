"""The headline answers of two graphs, compared row by row.

The headline questions: who hosts what now and as of each agreement's date, the terms in force
on each agreement's date, the timeline, and what changed between consecutive agreements. A row
is known by its key (a role, a term, an agreement, a clause); a row of one side only is added
or removed, a row whose fields differ is changed (with each differing field's old and new
value, as one line of text).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import pairwise
from typing import Any

from graph._graph import PartnershipGraph
from graph.answers._types import Answer

_KEYS = {"hosts": "id", "terms": "term", "timeline": "agreement", "changes": "clause"}
_IGNORED = frozenset({"horizon"})


@dataclass(frozen=True)
class Question:
    """One headline question: its kind, its parameters as text, and how to ask it."""

    kind: str
    params: tuple[tuple[str, str], ...]
    ask: Callable[[PartnershipGraph], Sequence[Answer]]

    @property
    def title(self) -> str:
        """The question in words."""
        words = {"hosts": "who hosts what", "terms": "the terms in force", "timeline": "the timeline"}
        given = dict(self.params)
        if self.kind == "changes":
            return f"what changed from {given['from']} to {given['to']}"
        return words[self.kind] + (f" as of {given['as_of']}" if "as_of" in given else "")

    @property
    def id(self) -> str:
        """A stable id: the kind and its parameters."""
        return "/".join([self.kind, *(f"{k}={v}" for k, v in self.params)])


@dataclass(frozen=True)
class Changed:
    """A row on both sides whose fields differ: field name, old text, new text."""

    key: str
    fields: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class AnswerDiff:
    """What changed in the answer to one question."""

    question: Question
    added: tuple[tuple[str, dict[str, str]], ...]
    removed: tuple[tuple[str, dict[str, str]], ...]
    changed: tuple[Changed, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON form: the question, and each row added, removed or changed."""
        return {
            "question": self.question.kind,
            "id": self.question.id,
            "title": self.question.title,
            "params": dict(self.question.params),
            "added": [{"key": k, "row": row} for k, row in self.added],
            "removed": [{"key": k, "row": row} for k, row in self.removed],
            "changed": [
                {"key": c.key, "fields": {f: {"old": o, "new": n} for f, o, n in c.fields}}
                for c in self.changed
            ],
        }


def questions(old: PartnershipGraph, new: PartnershipGraph) -> list[Question]:
    """The headline questions for the two graphs: dates and pairs taken from both timelines."""
    found = [Question("hosts", (), lambda kg: kg.hosts())]
    dates = sorted({e.date for kg in (old, new) for e in kg.timeline() if e.date})
    for date in dates:
        found.append(Question("hosts", (("as_of", date),), partial(_hosts_as_of, date)))
    for date in dates:
        found.append(Question("terms", (("as_of", date),), partial(_terms_as_of, date)))
    found.append(Question("timeline", (), lambda kg: kg.timeline()))
    pairs: dict[tuple[str, str], None] = {}
    for kg in (old, new):  # consecutive agreements of each partnership, on either side
        by_partnership: dict[str, list[str]] = {}
        for e in kg.timeline():
            by_partnership.setdefault(e.partnership or "", []).append(e.agreement)
        for agreements in by_partnership.values():
            pairs.update(dict.fromkeys(pairwise(agreements)))
    for a, b in pairs:
        found.append(Question("changes", (("from", a), ("to", b)), partial(_changes, a, b)))
    return found


def _hosts_as_of(date: str, kg: PartnershipGraph) -> Sequence[Answer]:
    return kg.hosts(as_of=date)


def _terms_as_of(date: str, kg: PartnershipGraph) -> Sequence[Answer]:
    return kg.terms(date)


def _changes(old: str, new: str, kg: PartnershipGraph) -> Sequence[Answer]:
    return kg.changes(old, new)


def _rows(kg: PartnershipGraph, question: Question) -> dict[str, dict[str, str]] | None:
    """The answer's rows by key, each as its fields' text; None when the graph cannot answer
    (an agreement of the other side only)."""
    from graph._errors import GraphError

    try:
        answer = question.ask(kg)
    except GraphError:
        return None
    key = _KEYS[question.kind]
    return {
        str(row.flat()[key]): {k: v for k, v in row.flat().items() if k not in _IGNORED} for row in answer
    }


def compare(old: PartnershipGraph, new: PartnershipGraph) -> list[AnswerDiff]:
    """The answers that differ, each with its added, removed and changed rows."""
    diffs = []
    for question in questions(old, new):
        before, after = _rows(old, question) or {}, _rows(new, question) or {}
        added = tuple((k, after[k]) for k in sorted(after.keys() - before.keys()))
        removed = tuple((k, before[k]) for k in sorted(before.keys() - after.keys()))
        changed = tuple(
            Changed(
                k,
                tuple((f, before[k].get(f, ""), v) for f, v in after[k].items() if before[k].get(f, "") != v),
            )
            for k in sorted(before.keys() & after.keys())
            if before[k] != after[k]
        )
        if added or removed or changed:
            diffs.append(AnswerDiff(question, added, removed, changed))
    return diffs
