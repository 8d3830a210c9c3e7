"""One-line reprs of the answers: their main fields and how much evidence each carries."""

from __future__ import annotations

_SUMMARY = {
    "HostRole": ("provider", "role", "hosted", "exclusivity", "since"),
    "Change": ("clause_label", "status"),
    "TermState": ("label", "status"),
    "TimelineEntry": ("date", "label"),
    "Conflict": ("subject_label", "property"),
    "Fact": ("id", "label"),
    "Partner": ("partner_label", "kind"),
    "Evidence": ("file", "quote"),
    "ClaimValue": ("value", "rank"),
    "AttributeChange": ("attribute", "old", "new"),
}


def _clip(value: object, limit: int = 60) -> str:
    if isinstance(value, str) and len(value) > limit:
        value = value[: limit - 1] + "…"
    return repr(value)


def short_repr(answer: object) -> str:
    """A one-line repr naming the answer's main fields and how much evidence it carries.

    >>> from graph.answers._records import Fact
    >>> short_repr(Fact(id="azure", label="Microsoft Azure", type="CloudPlatform", evidence=()))
    "Fact(id='azure', label='Microsoft Azure', evidence=0)"
    """
    name = type(answer).__name__
    shown = _SUMMARY.get(name) or tuple(getattr(answer, "FIELDS", vars(answer)))[:3]
    parts = [f"{f}={_clip(getattr(answer, f))}" for f in shown]
    for f in ("evidence", "to_evidence"):
        if hasattr(answer, f):
            parts.append(f"{f}={len(getattr(answer, f))}")
    return f"{name}({', '.join(parts)})"
