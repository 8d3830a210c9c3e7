"""The answer types of ``changes``, ``timeline``, ``conflicts``, ``secondary`` (and ``sources``)
and ``partners``, as graph.answers._types describes them; kept apart from the types every answer
shares (and ``hosts``' and ``terms``') because creating a record type costs start-up time, and a
``kg`` command creates only the types its answer uses."""

from __future__ import annotations

from collections.abc import Sequence

from graph.answers._types import STATED, Answer, AttributeChange, Basis, ClaimValue, Evidence, ValueBasis


class Change(Answer):
    """How one clause differs between two agreements."""

    COLUMNS = ("status", "clause_label", "differences", "change_note", "to_basis", "to_evidence")
    BRIEF = ("status", "clause_label", "differences", "to_basis")

    clause: str
    clause_label: str
    status: str
    """``added``, ``continued`` (in force before), ``removed``, ``amended``, ``unchanged``, ``not restated``."""
    from_term: str | None
    to_term: str | None
    change_note: str | None
    differences: tuple[AttributeChange, ...]
    from_evidence: tuple[Evidence, ...]
    to_evidence: tuple[Evidence, ...]
    from_basis: Basis | None = None
    """The basis of the earlier term (None when FROM does not state the clause)."""
    to_basis: Basis | None = None
    """The basis of the later term (None when TO does not state the clause)."""
    reversed: bool = False
    """True when FROM is the later agreement: each status is the inverse of the forward change."""
    order_known: bool = True
    """False when neither dates nor inferred orders say which came first: FROM is taken as earlier."""
    from_agreement: str | None = None  # the agreement FROM is (a date: the one in force then)
    to_agreement: str | None = None
    may_fall_between: tuple[str, ...] = ()  # undated agreements that may fall between: not compared

    def cited(self) -> list[tuple[str, tuple[Evidence, ...]]]:
        """The clause, with the later side's evidence (the earlier side's when it was removed)."""
        return [(f"{self.clause_label} ({self.status})", self.to_evidence or self.from_evidence)]

    @classmethod
    def summarise(cls, items: Sequence[Answer]) -> str:
        """How many clauses have each status."""
        counts: dict[str, int] = {}
        for i in items:
            if isinstance(i, Change):
                counts[i.status] = counts.get(i.status, 0) + 1
        return ", ".join(f"{n} {s}" for s, n in counts.items())


class TimelineEntry(Answer):
    """An agreement or announcement, with its date as precise as the sources give it."""

    COLUMNS = ("date", "precision", "placement", "label", "type", "parties", "inferred_order", "other_dates")

    agreement: str
    label: str
    type: str | None
    date: str | None
    precision: str
    """``year``, ``month``, ``day`` or ``undated``."""
    earliest: str | None
    latest: str | None
    partnership: str | None
    parties: tuple[str, ...]
    inferred_order: tuple[str, ...]
    other_dates: tuple[str, ...]
    """Dates other sources claim, each ``VALUE (source file)``; empty when the sources agree."""
    evidence: tuple[Evidence, ...]
    basis: Basis = STATED
    value_bases: tuple[ValueBasis, ...] = ()
    """The date's claims (``disputed`` when sources disagree) and any inferred type."""
    placement: str = "dated"
    """``dated``, ``inferred`` (placed by inferred orders on both sides) or ``order unknown``."""


class Conflict(Answer):
    """A subject and property on which sources disagree, with each side."""

    COLUMNS = ("subject_label", "property", "claims")

    subject: str
    subject_label: str
    property: str
    claims: tuple[ClaimValue, ...]

    def cited(self) -> list[tuple[str, tuple[Evidence, ...]]]:
        """Each claimed value, with its evidence."""
        return [
            (f"{self.subject_label}, {self.property} {claim.value} ({claim.rank})", claim.evidence)
            for claim in self.claims
        ]


class Fact(Answer):
    """A fact (entity or statement) and the evidence behind it."""

    COLUMNS = ("relation", "id", "type", "label", "basis", "reasoning", "evidence")

    id: str
    label: str | None
    type: str | None
    evidence: tuple[Evidence, ...]
    basis: Basis = STATED
    reasoning: str | None = None
    """An inferred fact's reasoning in words (also in ``basis``); None for a stated one."""
    relation: str = "the fact"
    """In ``sources_for``: ``the fact`` asked about, a ``premise`` of it, or a fact that ``names it``
    or ``rests on it`` (has it as a premise)."""


class Partner(Answer):
    """An organisation's partner and in what capacity."""

    COLUMNS = ("partner_label", "kind", "capacity", "basis")

    partner: str
    partner_label: str
    kind: str
    capacity: str
    via: str
    via_label: str
    evidence: tuple[Evidence, ...]  # the link's quotes, then those of values with a claim of their own
    basis: Basis = STATED
    value_bases: tuple[ValueBasis, ...] = ()


from graph.answers._repr import short_repr  # noqa: E402  (after the types it names)

for _type in (Change, TimelineEntry, Conflict, Fact, Partner):
    _type.__repr__ = short_repr  # type: ignore[method-assign]  # one line each, not every field
