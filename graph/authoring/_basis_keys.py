"""The basis of one fact of a sheet: a quote (stated), reports (reported) or a rule (inferred).

Every fact a sheet writes gives exactly one of ``quote:``, ``reported-in:`` or ``rule:`` with
``reasoning:`` and ``premises:`` — for a nested value (an end, a supersession, a change type)
under that value's own keys (``change-quote:``, ``change-reported-in:``; the keys of an
``ends:`` entry or a ``supersedes:`` mapping).
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.authoring._context import Context, stated
from graph.authoring._folder import lit, pk
from graph.authoring._lookup import evidence_of
from graph.authoring._reports import cite
from graph.authoring._schema import BASIS
from graph.authoring._sheet import Table

BASIS_KEYS = tuple(BASIS)


@dataclass(frozen=True)
class FactBasis:
    """A fact's basis as Turtle lines (the last one ends the node), and whether it is reported."""

    kind: str
    lines: tuple[str, ...]
    reported: bool


def read_basis(
    ctx: Context, t: Table, what: str, *, prefix: str = "", extra: tuple[str, ...] = (), publishers: int = 2
) -> FactBasis | None:
    """The basis ``t`` gives under ``prefix`` (None when it gives none); ``extra`` quotes (already
    read) join a stated basis."""
    read = ctx.read
    q, r, rule = prefix + "quote", prefix + "reported-in", prefix + "rule"
    given = [k for k in (q, r, rule) if k in t.items]
    if len(given) > 1:
        raise read.error(t.keys[given[1]], f"{what}: give one basis, {' or '.join(given)}, not both")
    if r in t.items:
        if extra:
            raise read.error(t.keys[r], f"{what}: a reported fact cites reports, not quotes")
        keys = cite(ctx, read.texts(t, r), at=t.keys[r], publishers=publishers)
        lines = ("    kg:basis kg:Reported ;", f"    kg:citation {', '.join(map(pk, keys))} .")
        return FactBasis("reported", lines, True)
    if rule in t.items:
        return _inferred(ctx, t, what, prefix, extra)
    quotes = [*extra, *(ctx.quote(v) for v in read.texts(t, q))]
    if not quotes:
        return None
    return FactBasis("stated", tuple(stated(ctx, quotes)), False)


def require_basis(ctx: Context, t: Table, what: str, **kwargs: object) -> FactBasis:
    """The basis ``t`` gives, or a SheetError at its line saying which keys give one."""
    found = read_basis(ctx, t, what, **kwargs)  # type: ignore[arg-type]
    if found is None:
        prefix = str(kwargs.get("prefix", ""))
        raise ctx.read.error(
            t.line,
            f"{what} needs its basis: {prefix}quote: (from the source), {prefix}reported-in: (reports), "
            f"or {prefix}rule: with {prefix}reasoning: and {prefix}premises:",
        )
    return found


def _inferred(ctx: Context, t: Table, what: str, prefix: str, extra: tuple[str, ...]) -> FactBasis:
    read = ctx.read
    rule = read.text(t, prefix + "rule", required=True)
    why = read.text(t, prefix + "reasoning", required=True)
    premises = [ctx.key(v) for v in read.texts(t, prefix + "premises", required=True)]
    assert rule is not None and why is not None
    if extra or (prefix + "quote") in t.items:
        raise read.error(t.line, f"{what}: an inferred fact cites no quote: its premises do")
    lines: tuple[str, ...]
    if ctx.basis:
        lines = (
            "    kg:basis kg:Inferred ;",
            f"    kg:rule {pk(ctx.key(rule, 'InferenceRule'))} ;",
            f"    kg:reasoning {lit(why.text)} ;",
            f"    kg:inferredFrom {', '.join(map(pk, premises))} .",
        )
        return FactBasis("inferred", lines, False)
    evidence = evidence_of(ctx.kg, premises)
    if not evidence:
        raise read.error(t.line, "the premises cite no evidence")
    lines = (
        "    kg:inferred true ;",
        f"    kg:reasoning {lit(why.text)} ;",
        f"    kg:evidence {', '.join(map(pk, evidence))} .",
    )
    return FactBasis("inferred", lines, False)


def claim_block(
    ctx: Context,
    key: str,
    label: str,
    subject: str,
    prop: str,
    value: str,
    basis: FactBasis,
    *,
    literal: bool = False,
    rank: str = "PreferredRank",
) -> None:
    """A kg:Claim giving ``subject``'s ``prop`` (a kg: local name) the value ``value`` (Turtle: a
    node, or a literal with ``literal``), with its basis."""
    given = "kg:claimValue" if literal else "kg:claimObject"
    ctx.add(
        "\n".join(
            [
                f"{pk(key)} a kg:Claim ;",
                f"    rdfs:label {lit(label)} ;",
                f"    kg:claimSubject {pk(subject)} ; kg:claimProperty kg:{prop} ; {given} {value} ;",
                f"    kg:rank kg:{rank} ;",
                *basis.lines,
            ]
        ),
        reported=basis.reported,
    )
