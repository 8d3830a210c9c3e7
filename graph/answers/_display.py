"""Answer lists in notebooks and pandas: :class:`Answers`, a list that shows as an escaped HTML
table with a *Sources* column and converts to a typed DataFrame; the headers readers see."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from graph.answers._types import Answer, Evidence, flat

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from typing import Any, TypeVar

    T = TypeVar("T")
_DAY = r"\d{4}-\d{2}-\d{2}"  # (compiled on first use, by re's cache: importing re costs start-up time)
_HEADERS = {
    "since_label": "since",
    "clause_label": "clause",
    "agreement_label": "agreement",
    "subject_label": "subject",
    "partner_label": "partner",
    "to_evidence": "evidence",
    "from_evidence": "earlier evidence",
    "change_note": "note",
    "may_be_superseded_by": "may be superseded by",
    "inferred_order": "inferred order",
    "other_dates": "other claimed dates",
    "hosted": "hosted thing",
}


def header(field: str) -> str:
    """The header a reader sees for a field: ``may_be_superseded_by`` -> ``May be superseded by``.

    >>> [header(f) for f in ("since_label", "may_be_superseded_by", "provider")]
    ['Since', 'May be superseded by', 'Provider']
    """
    text = _HEADERS.get(field, field.replace("_", " "))
    return text[:1].upper() + text[1:]


def sources(evidence: Iterable[Evidence]) -> str:
    """The sources behind some evidence, once each: ``OpenAI (primary), GadgetBond``."""
    seen: dict[str, bool] = {}
    for e in evidence:
        name = e.publisher or e.file
        seen[name] = seen.get(name, False) or e.primary
    return ", ".join(f"{n} (primary)" if primary else n for n, primary in seen.items())


def _evidence_of(item: object) -> tuple[Evidence, ...]:
    found: list[Evidence] = []
    for f in ("evidence", "to_evidence", "from_evidence"):
        found += getattr(item, f, ())
    for claim in getattr(item, "claims", ()):
        found += claim.evidence
    return tuple(found)


class Answers(list["T"]):  # (a string: typing costs start-up time)
    """A list of answers that shows as a table in Jupyter and converts to a pandas DataFrame."""

    def _repr_html_(self) -> str:
        from graph.sparql import SHOWN_ROWS, html_table  # (here: a question's answer needs neither)

        if not self:
            return "<p>no answers</p>"
        columns: tuple[str, ...] = getattr(self[0], "COLUMNS", ()) or tuple(vars(self[0]))
        fields = [c for c in columns if "evidence" not in c and c != "claims"]
        if "claims" in columns:
            fields.append("claims")
        rows = [[flat(getattr(i, f)) for f in fields] + [sources(_evidence_of(i))] for i in self[:SHOWN_ROWS]]
        return html_table([header(f) for f in fields] + ["Sources"], rows, len(self))

    def __repr__(self) -> str:
        if not self:
            return "Answers([])"
        shown = ",\n  ".join(repr(i) for i in self[:10])
        more = f",\n  … {len(self) - 10} more" if len(self) > 10 else ""
        return f"Answers({len(self)} × {type(self[0]).__name__}: [\n  {shown}{more}\n])"

    def to_dataframe(self) -> Any:
        """Every field as a column (nested values as text, evidence as ``sources``), typed."""
        return answers_dataframe(self)


def answers_dataframe(items: Sequence[Any]) -> Any:
    """A DataFrame of answers: one column per field, evidence as a ``sources`` column; columns
    holding only full dates become datetimes, booleans booleans."""
    from graph.sparql import pandas

    pd = pandas()
    records = []
    for item in items:
        row: dict[str, Any] = {}
        for field, value in vars(item).items():
            if "evidence" in field:
                continue
            row[field] = value if value is None or isinstance(value, (bool, int, float)) else flat(value)
        row["sources"] = sources(_evidence_of(item))
        records.append(row)
    frame = pd.DataFrame.from_records(records)
    for column in frame.columns:
        values = [v for v in frame[column] if v is not None and v == v]
        import re

        if values and all(isinstance(v, str) and re.fullmatch(_DAY, v) for v in values):
            frame[column] = pd.to_datetime(frame[column])
    return frame


__all__ = ["Answer", "Answers", "answers_dataframe", "header", "sources"]
