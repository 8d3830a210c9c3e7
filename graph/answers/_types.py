"""The library's answers: frozen dataclasses of plain Python values, each carrying its evidence.

Every answer type has ``to_dict()``; the CLI's JSON output is exactly that dict, so the field
names below are a stable interface (documented in the README).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Evidence:
    """One verbatim quote from one source document."""

    source: str
    """Id of the source node (``source-003``)."""
    file: str
    """The source's file name in the corpus folder."""
    publisher: str | None
    title: str | None
    url: str | None
    quote: str
    primary: bool
    """True when the quoted passage is primary (the parties' own words)."""


@dataclass(frozen=True)
class Answer:
    """Base of the answer types: a dict form for JSON output."""

    def to_dict(self) -> dict[str, Any]:
        """This answer as a JSON-ready dict (nested dataclasses become dicts)."""
        return asdict(self)


@dataclass(frozen=True)
class HostRole(Answer):
    """Who hosts, serves, distributes or supplies compute for what."""

    id: str
    provider: str
    provider_id: str
    operator: str | None
    role: str
    """``hosts``, ``serves``, ``distributes`` or ``supplies compute``."""
    hosted: str
    hosted_id: str
    exclusivity: str | None
    """``exclusive``, ``non-exclusive``, ``primary``, or None where the sources do not say."""
    since: str
    since_label: str
    since_date: str | None
    until: str | None
    rank: str
    qualifier: str | None
    evidence: tuple[Evidence, ...]

    @property
    def exclusive(self) -> bool | None:
        """True if exclusive, False if stated non-exclusive or primary, None if not stated."""
        if self.exclusivity is None:
            return None
        return self.exclusivity == "exclusive"


@dataclass(frozen=True)
class AttributeChange(Answer):
    """One attribute of a clause whose value differs between two agreements."""

    attribute: str
    old: str
    new: str


@dataclass(frozen=True)
class Change(Answer):
    """How one clause differs between two agreements."""

    clause: str
    clause_label: str
    status: str
    """``added``, ``removed``, ``amended``, ``unchanged`` or ``not restated``."""
    from_term: str | None
    to_term: str | None
    change_note: str | None
    differences: tuple[AttributeChange, ...]
    from_evidence: tuple[Evidence, ...]
    to_evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class TermState(Answer):
    """A term as it stands on a date."""

    term: str
    label: str
    clause: str
    clause_label: str
    agreement: str
    agreement_label: str
    status: str
    """``in force`` (its agreement was certainly made by then) or ``possibly in force``."""
    change_type: str | None
    may_be_superseded_by: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class TimelineEntry(Answer):
    """An agreement or announcement, with its date as precise as the sources give it."""

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


@dataclass(frozen=True)
class ClaimValue(Answer):
    """One value that some sources claim."""

    claim: str
    value: str
    rank: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Conflict(Answer):
    """A subject and property on which sources disagree, with each side."""

    subject: str
    subject_label: str
    property: str
    claims: tuple[ClaimValue, ...]


@dataclass(frozen=True)
class Fact(Answer):
    """A fact (entity or statement) and the evidence behind it."""

    id: str
    label: str | None
    type: str | None
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Partner(Answer):
    """An organisation's partner and in what capacity."""

    partner: str
    partner_label: str
    kind: str
    capacity: str
    via: str
    via_label: str
    evidence: tuple[Evidence, ...]
