"""The library's answers: frozen records (graph._record) of plain Python values, each carrying its evidence.

Every answer type has ``to_dict()``; the CLI's JSON output is exactly that dict, so the field
names below are a stable interface (documented in the README). Each type also says how it is
shown: ``COLUMNS`` (its table's columns), ``flat()`` (each field as one line of text: its CSV
and TSV row), ``cited()`` (what each row rests on) and ``summarise()`` (a list in one line).
"""

from __future__ import annotations

from collections.abc import Sequence

from graph._record import Record, as_dict
from graph.answers._citation import Citation as Citation
from graph.answers._citation import Evidence as Evidence
from graph.answers._citation import citation_text, pruned
from graph.answers._citation import evidence_text as evidence_text

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from typing import Any, ClassVar



def _claim_sources(c: ClaimValue) -> str:
    """Where a claimed value comes from: its corpus files (``003, 001``), then its reports."""
    files = [e.file.split("_")[0] for e in c.evidence]
    reports = [f"{r.publisher} {r.published}" for r in c.basis.citations]
    return ", ".join(files + (["reported: " + ", ".join(reports)] if reports else []))


def flat(value: Any) -> str:
    """A field's value as one line of text (a table cell, a CSV field)."""
    if value is None:
        return ""
    if isinstance(value, tuple) and value and isinstance(value[0], Evidence):
        return evidence_text(value)
    if isinstance(value, tuple) and value and isinstance(value[0], AttributeChange):
        return "; ".join(f"{d.attribute}: {d.old} → {d.new}" for d in value)
    if isinstance(value, tuple) and value and isinstance(value[0], ClaimValue):
        return "; ".join(f"{c.value} ({c.rank}; {_claim_sources(c)})" for c in value)
    if isinstance(value, Basis):
        return basis_text(value)
    if isinstance(value, tuple) and value and isinstance(value[0], ValueBasis):
        return "; ".join(f"{v.property} {v.value}: {basis_text(v.basis)}" for v in value)
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def basis_text(basis: Basis) -> str:
    """A basis as one cell: ``stated``, or ``INFERRED (rule) from premise, ...``; ``· secondary only``."""
    text = citation_text(basis.citations) if basis.citations else basis.kind
    if basis.inferred:
        text = f"INFERRED ({'; '.join(basis.rules)}) from {', '.join(p.id for p in basis.premises)}"
    quoted = "".join(f' "{q.quote}" ({q.file})' for q in basis.quotes)
    return text + (" · secondary only" if basis.secondary_only else "") + quoted


class Answer(Record):
    """Base of the answer types: a dict form for JSON output, and how the answer is shown."""

    if TYPE_CHECKING:  # (ClassVar: not fields)
        COLUMNS: ClassVar[tuple[str, ...]]
        BRIEF: ClassVar[tuple[str, ...]]
    COLUMNS = ()
    """The columns of this answer's table (``kg hosts`` and the like), in order."""
    BRIEF = ()
    """The columns of a short table (``kg build``'s headline answers); COLUMNS when empty."""

    def to_dict(self) -> dict[str, Any]:
        """This answer as a JSON-ready dict (nested records become dicts)."""
        found: dict[str, Any] = pruned(as_dict(self))
        return found

    def flat(self) -> dict[str, str]:
        """Every field as one line of text, in field order: a CSV or TSV row, a table's cells."""
        return {name: flat(getattr(self, name)) for name in self.FIELDS if name != "horizon"}

    def cited(self) -> list[tuple[str, tuple[Evidence, ...]]]:
        """Each row this answer stands for, with the evidence behind it (primary first)."""
        row = self.flat()
        label = " ".join(row[c] for c in self.COLUMNS[:2] if row.get(c))
        return [(label, getattr(self, "evidence", ()))]

    @classmethod
    def summarise(cls, items: Sequence[Answer]) -> str:
        """A list of these answers in one line."""
        return f"{len(items)} items"


class Premise(Answer):
    """A fact an inferred fact rests on, with its own basis."""

    id: str
    label: str | None
    basis: str
    """``stated``, ``inferred`` or ``disputed``."""
    secondary_only: bool
    evidence: tuple[Evidence, ...]
    """The premise's own quotes (a stated premise); empty for an inferred one."""
    premises: tuple[str, ...]
    """Ids of the premise's own premises (an inferred premise); ``kg sources ID`` shows each."""


class Basis(Answer):
    """How we know a fact: stated (a quote), inferred (rule, reasoning, premises), reported or disputed."""

    kind: str
    """``stated``, ``inferred``, ``reported`` (citations, no quote) or ``disputed``."""
    secondary_only: bool
    """True when no primary quote states the fact, directly or through all its premises."""
    rules: tuple[str, ...] = ()
    """The names of the rules an inferred fact follows."""
    reasoning: str | None = None
    premises: tuple[Premise, ...] = ()
    citations: tuple[Citation, ...] = ()
    quotes: tuple[Evidence, ...] = ()
    """A claim's own quotes (the value a claim gives is stated by them); JSON leaves both out when empty."""

    @property
    def inferred(self) -> bool:
        """True for an inferred fact."""
        return self.kind == "inferred"


STATED = Basis("stated", False)
"""The basis of a fact stated by a primary quote (used where a fact has no node of its own)."""


class ValueBasis(Answer):
    """The basis of one value of a fact, where it differs from the fact's own (a kg:Claim)."""

    property: str
    """The property's label (``since``, ``date``, ``agreement type``, ``superseded by`` ...)."""
    value: str
    """The value: an id, or a literal's text."""
    claim: str
    basis: Basis


class HostRole(Answer):
    """Who hosts, serves, distributes or supplies compute for what."""

    COLUMNS = ("provider", "role", "hosted", "exclusivity", "since_label", "rank", "basis", "evidence")
    BRIEF = ("provider", "role", "hosted", "exclusivity", "since_label", "basis")
    AS_OF_COLUMNS = (*COLUMNS[:4], "status", *COLUMNS[4:])
    """The columns with a date (``kg hosts --as-of``): also the status (bounds: JSON, CSV, TSV)."""

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
    basis: Basis = STATED
    value_bases: tuple[ValueBasis, ...] = ()
    """Values with a basis of their own (e.g. an inferred ``since``)."""
    status: str | None = None
    """``announced`` when the sources give it as not yet in effect; with a date: ``in force``, or ``possibly
    in force`` (an undated agreement, or a start that may be earlier: ``kg:startMayBeEarlier``)."""
    since_earliest: str | None = None
    """The first day the role can have begun (its start may be earlier: the bound); None when unbounded."""
    since_latest: str | None = None
    """The last day the ``since`` agreement can have been made (None when unbounded)."""
    horizon: str | None = None
    """The graph's horizon, when the date asked is after it (JSON leaves it out otherwise)."""

    @property
    def exclusive(self) -> bool | None:
        """True if exclusive, False if stated non-exclusive or primary, None if not stated."""
        if self.exclusivity is None:
            return None
        return self.exclusivity == "exclusive"

    def cited(self) -> list[tuple[str, tuple[Evidence, ...]]]:
        """The role, with its evidence."""
        return [(f"{self.provider} {self.role} {self.hosted}", self.evidence)]

    @classmethod
    def summarise(cls, items: Sequence[Answer]) -> str:
        """The providers that host, with their exclusivity."""
        hosts = {
            f"{i.provider} ({i.exclusivity or 'exclusivity not stated'})"
            for i in items
            if isinstance(i, HostRole) and i.role == "hosts"
        }
        return ", ".join(sorted(hosts))


class AttributeChange(Answer):
    """One attribute of a clause whose value differs between two agreements."""

    COLUMNS = ("attribute", "old", "new")

    attribute: str
    old: str
    new: str


class TermState(Answer):
    """A term as it stands on a date."""

    COLUMNS = (
        "status", "clause_label", "label", "agreement_label", "earliest", "latest", "basis",
        "may_be_superseded_by",
    )  # fmt: skip

    term: str
    label: str
    clause: str
    clause_label: str
    agreement: str
    agreement_label: str
    status: str
    """``in force``, ``possibly in force``, ``possibly in force (earlier version)`` or ``announced``."""
    change_type: str | None
    may_be_superseded_by: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    basis: Basis = STATED
    value_bases: tuple[ValueBasis, ...] = ()
    earliest: str | None = None
    """The first day the term's agreement can have been made (None when unbounded)."""
    latest: str | None = None
    """The last day the term's agreement can have been made (None when unbounded)."""
    horizon: str | None = None
    """The graph's horizon, when the date asked is after it (JSON leaves it out otherwise)."""


class ClaimValue(Answer):
    """One value that some sources claim."""

    COLUMNS = ("value", "rank", "evidence")

    claim: str
    value: str
    rank: str
    evidence: tuple[Evidence, ...]
    basis: Basis = STATED


from graph.answers._repr import short_repr  # noqa: E402  (after the types it names)

for _type in (Evidence, HostRole, AttributeChange, TermState, ClaimValue):
    _type.__repr__ = short_repr  # type: ignore[method-assign]  # one line each, not every field
