"""The sheet format in one place: every key of a ``kg add`` sheet, what it takes and an example.

``kg add --help`` lists these keys; ``sheet_schema()`` is the JSON Schema shipped as
``graph/authoring/sheet.schema.json`` (``python -m graph.authoring._schema`` rewrites it), so
that an editor can check a sheet while it is typed. The sheet reader refuses any other key.
"""

from __future__ import annotations

import json
from typing import Any

_ID = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"}
_IDS = {"anyOf": [_ID, {"type": "array", "items": _ID, "minItems": 1}]}
_TEXT = {"type": "string", "minLength": 1}
_TEXTS = {"anyOf": [_TEXT, {"type": "array", "items": _TEXT, "minItems": 1}]}
_DATE = {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}
_DAY = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
_URL = {"type": "string", "pattern": r"^https?://[^\s]+$"}
_BOOL = {"enum": ["true", "false", True, False]}


def _enum(scheme: str) -> dict[str, Any]:
    """A closed vocabulary's sheet keys, read from the ontology's SKOS scheme (its one copy)."""
    from graph._schemes import keyed

    return {"enum": list(keyed(scheme))}


_NUMBER = {"anyOf": [{"type": "number", "minimum": 0}, {"type": "string", "pattern": r"^[0-9]+(\.[0-9]+)?$"}]}

BASIS: dict[str, tuple[Any, str, str]] = {
    "quote": (_TEXTS, "Microsoft and OpenAI today amend their agreement", "verbatim from source: (stated)"),
    "reported-in": (_IDS, "[example-news, example-wire]", "keys of reports: (reported)"),
    "rule": (_ID, "rule-superseded-by-later-version", "a named rule (inferred, with reasoning and premises)"),
    "reasoning": (_TEXT, "The later version narrows it.", "why the rule gives it"),
    "premises": (_IDS, "[term-2025-10-azure-cloud]", "the facts it follows from"),
}
"""The keys that give a fact's basis: exactly one of quote, reported-in, or rule with reasoning and premises."""

SECTIONS: dict[str, dict[str, tuple[Any, str, str]]] = {
    "the sheet": {
        "source": (_TEXT, "announcement.txt", "the text the quotes come from (kg source add it first)"),
        "reports": (
            {"type": "object"},
            "{example-news: {url: ..., ...}}",
            "reports read outside the corpus, by your key",
        ),
        "agreement": (
            {"anyOf": [{"type": "object"}, _ID]},
            "{id: 2028-03-01, ...}",
            "the agreement the sheet announces, or the id of one in the graph its terms and roles join",
        ),
        "terms": ({"type": "array"}, "[{clause: azure-cloud, ...}]", "clauses as the agreement states them"),
        "roles": ({"type": "array"}, "[{provider: aws, role: hosts, ...}]", "cloud roles it starts"),
        "ends": ({"type": "array"}, "[{id: azure-hosts-stateless-apis, quote: ...}]", "roles it ends"),
        "dates": (
            {"type": "array"},
            "[{agreement: multi-year-extension, date: 2023-01-23, ...}]",
            "dates of undated agreements",
        ),
        "supersessions": (
            {"type": "array"},
            "[{id: term-2026-02-27-ip-license, superseded-by: term-amended-ip-license, ...}]",
            "terms or roles of the graph superseded by others",
        ),
        "types": (
            {"type": "array"},
            "[{agreement: research-on-azure, type: partnership-start, ...}]",
            "agreement types corrected",
        ),
        "changes": (
            {"type": "array"},
            "[{term: 2019-collaboration, change: amended, ...}]",
            "change types of terms in the graph",
        ),
        "starts": (
            {"type": "array"},
            "[{id: azure-hosts-stateless-apis, since: 2025-01-21, ...}]",
            "role starts corrected",
        ),
    },
    "a report (reports: KEY:)": {
        "url": (_URL, "https://news.example.org/2028/03/02/openai-aws", "where it was published"),
        "publisher": (_TEXT, "Example News", "who published it (independent publishers differ)"),
        "title": (_TEXT, "OpenAI's APIs to be sold through AWS as well", "its title"),
        "published": (_DATE, "2028-03-02", "its publication date"),
        "read": (_DAY, "2028-03-05", "the day you read it"),
        "cites": (
            {"anyOf": [_URL, {"type": "array", "items": _URL}]},
            "[https://openai.example.com/post]",
            "posts it points to, not read",
        ),
    },
    "agreement:": {
        "id": (_ID, "2028-03-01", "its key: pk:agreement-ID (default: its date)"),
        "label": (_TEXT, "Amendment of 1 March 2028", "its name"),
        "partnership": (_ID, "microsoft-openai", "the partnership (prefix optional)"),
        "type": (
            _enum("AgreementTypes"),
            "amendment",
            "its kind",
        ),
        "date": (_DATE, "2028-03-01", "YYYY, YYYY-MM or YYYY-MM-DD"),
        "parties": (_IDS, "[microsoft, openai]", "the organisations party to it"),
        "announced-by": (_IDS, "[microsoft, openai]", "who announced it"),
    },
    "a term (terms:)": {
        "clause": (_ID, "azure-cloud", "the clause (prefix optional)"),
        "label": (_TEXT, "Azure non-exclusive for the stateless APIs", "its name"),
        "change": (
            _enum("ChangeTypes"),
            "continued",
            "its change type (else inferred)",
        ),
        "change-quote": (_TEXTS, "Azure remains the primary cloud", "the quote that states the change"),
        "change-reported-in": (_IDS, "[example-news, example-wire]", "reports that state the change"),
        "change-note": (_TEXT, "now non-exclusive", "what changed, in words"),
        "previous": (_ID, "term-2026-02-27-azure-cloud", "its previous version (default: the latest)"),
        "supersedes": (
            {"type": "object"},
            "{id: term-2026-02-27-ip-license, quote: ...}",
            "the term it replaces, with a basis",
        ),
        "disputed": (
            {"type": "object"},
            "{condition: [{value: ..., reported-in: [...]}, {value: ..., reported-in: [...]}]}",
            "an attribute (scope, condition) the reports word differently: each wording with its basis",
        ),
        "basis": (
            {"enum": ["stated", "inferred", "reported"]},
            "inferred",
            "optional: the basis its keys give",
        ),
        "scope": (_TEXT, "stateless APIs", "attribute: what it covers, in words"),
        "condition": (_TEXT, "where Microsoft cannot support them", "attribute: its condition"),
        "exclusivity": (_enum("Exclusivities"), "non-exclusive", "attribute"),
        "end-year": ({"type": ["string", "integer"], "pattern": "^[0-9]{4}$"}, "2032", "attribute: a year"),
        "amount-usd": (_NUMBER, "135000000000", "attribute: 0 or more"),
        "stake-percent": (_NUMBER, "27", "attribute: 0 to 100"),
        "grantor": (_ID, "openai", "attribute: a node"),
        "grantee": (_ID, "microsoft", "attribute: a node"),
        "covers": (_IDS, "stateless-apis", "attribute: nodes"),
        "example": (_IDS, "[gpt-5]", "attribute: nodes"),
        "binding": (_BOOL, "false", "attribute: true or false"),
        "includes-other-cloud-revenue": (_BOOL, "true", "attribute: true or false"),
    },
    "a role (roles:)": {
        "provider": (_ID, "aws", "who hosts, serves, distributes or supplies compute"),
        "role": (_enum("RoleTypes"), "hosts", "its kind"),
        "hosted": (_ID, "stateless-apis", "what it is for"),
        "exclusivity": (
            _enum("Exclusivities"),
            "non-exclusive",
            "if the texts say",
        ),
        "label": (_TEXT, "AWS hosts OpenAI's stateless APIs", "its name"),
        "qualifier": (_TEXT, "for enterprise customers", "a qualification, in the texts' words"),
        "since": (_ID, "2028-03-01", "its first agreement (default: the sheet's)"),
        "supersedes": (
            {"type": "object"},
            "{id: azure-hosts-stateless-apis, quote: ...}",
            "the role it replaces (that ends then)",
        ),
    },
    "an end (ends:)": {
        "id": (_ID, "azure-hosts-stateless-apis", "the role that ends (prefix optional)"),
        "until": (_ID, "2028-03-01", "the agreement that ends it (default: the sheet's)"),
        "superseded-by": (_ID, "aws-hosts-stateless-apis-2028-03-01", "the role that replaces it"),
        "replaces": (
            _IDS,
            "[claim-role-azure-all-workloads-until-2025-10]",
            "claims on its end it corrects (default: all)",
        ),
    },
    "supersedes:": {"id": (_ID, "azure-hosts-stateless-apis", "the role or term replaced")},
    "a supersession (supersessions:)": {
        "id": (_ID, "term-2026-02-27-ip-license", "the term (term-...) or role superseded"),
        "superseded-by": (_ID, "term-amended-ip-license", "the term or role that supersedes it"),
    },
    "a disputed value (disputed: ATTRIBUTE:)": {
        "value": (_TEXT, "unless Microsoft cannot support the capabilities needed", "one wording"),
        "note": (_TEXT, "Example News attributes it to the company's post", "who gives it, in words"),
    },
    "a date (dates:)": {
        "agreement": (_ID, "multi-year-extension", "an undated agreement (prefix optional)"),
        "date": (_DATE, "2023-01-23", "its date"),
        "preferred": (_BOOL, "true", "the preferred one where reports disagree"),
        "refines": (_BOOL, "true", "a more precise date for a dated agreement: its claims give way"),
        "supersedes": (
            _IDS,
            "[claim-agreement-2025-10-date-2024-10]",
            "with refines: the claims it corrects (default: all)",
        ),
    },
    "a type (types:)": {
        "agreement": (_ID, "research-on-azure", "an agreement of the graph (prefix optional)"),
        "type": (
            _enum("AgreementTypes"),
            "partnership-start",
            "its type",
        ),
        "supersedes": (_IDS, "[claim-agreement-2019-partnership-start]", "the claims it corrects"),
    },
    "a change (changes:)": {
        "term": (_ID, "2019-collaboration", "a term of the graph (prefix optional)"),
        "change": (
            _enum("ChangeTypes"),
            "amended",
            "its change type",
        ),
        "previous": (_ID, "research-on-azure-collaboration", "its previous version"),
        "change-note": (_TEXT, "now also builds supercomputers", "what changed, in words"),
        "supersedes": (_IDS, "[claim-2019-collaboration-new]", "the claims it corrects"),
    },
    "a start (starts:)": {
        "id": (_ID, "azure-hosts-stateless-apis", "a role of the graph (prefix optional)"),
        "since": (_ID, "2025-01-21", "the agreement it starts with (at the latest, with may-be-earlier)"),
        "may-be-earlier": (_BOOL, "true", "the role may have begun before"),
        "no-earlier-than": (_ID, "2019", "though not before this agreement"),
        "replaces": (
            _IDS,
            "[claim-role-azure-stateless-since-2025-10]",
            "the claims on its start it corrects (default: all)",
        ),
    },
}
"""Each part of a sheet: its keys, each (JSON Schema, example, what it is). Facts (agreement,
terms, roles, ends, supersedes, dates) also take the BASIS keys."""

_WITH_BASIS = {
    "agreement:",
    "a term (terms:)",
    "a role (roles:)",
    "an end (ends:)",
    "supersedes:",
    "a date (dates:)",
    "a supersession (supersessions:)",
    "a disputed value (disputed: ATTRIBUTE:)",
    "a type (types:)",
    "a change (changes:)",
    "a start (starts:)",
}
_REQUIRED = {
    "a report (reports: KEY:)": ["url", "publisher", "title", "published", "read"],
    "agreement:": ["label", "partnership", "type", "date", "parties"],
    "a term (terms:)": ["clause", "label"],
    "a role (roles:)": ["provider", "role", "hosted", "label"],
    "a supersession (supersessions:)": ["id", "superseded-by"],
    "a disputed value (disputed: ATTRIBUTE:)": ["value"],
    "a type (types:)": ["agreement", "type"],
    "a change (changes:)": ["term", "change"],
    "a start (starts:)": ["id", "since"],
    "an end (ends:)": ["id"],
    "supersedes:": ["id"],
    "a date (dates:)": ["agreement", "date"],
}


def keys(section: str) -> set[str]:
    """The keys a part of the sheet takes (with the basis keys where it is a fact)."""
    return set(SECTIONS[section]) | (set(BASIS) if section in _WITH_BASIS else set())


def _object(section: str) -> dict[str, Any]:
    props = {
        k: {**schema, "description": what, "examples": [example]}
        for k, (schema, example, what) in SECTIONS[section].items()
    }
    if section in _WITH_BASIS:
        props |= {
            k: {**schema, "description": what, "examples": [example]}
            for k, (schema, example, what) in BASIS.items()
        }
    return {
        "type": "object",
        "additionalProperties": False,
        "required": _REQUIRED.get(section, []),
        "properties": props,
    }


def sheet_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of a sheet."""
    top = _object("the sheet")
    top["properties"]["reports"] |= {"additionalProperties": _object("a report (reports: KEY:)")}
    agreement = top["properties"]["agreement"]
    agreement["anyOf"] = [_object("agreement:"), _ID]
    for key, part in (
        ("terms", "a term (terms:)"),
        ("roles", "a role (roles:)"),
        ("ends", "an end (ends:)"),
        ("dates", "a date (dates:)"),
        ("supersessions", "a supersession (supersessions:)"),
        ("types", "a type (types:)"),
        ("changes", "a change (changes:)"),
        ("starts", "a start (starts:)"),
    ):
        top["properties"][key] |= {"items": _object(part), "minItems": 1}
    for part in ("a term (terms:)", "a role (roles:)"):
        holder = top["properties"]["terms" if part.startswith("a term") else "roles"]["items"]
        holder["properties"]["supersedes"] |= _object("supersedes:")
    wordings = {"type": "array", "items": _object("a disputed value (disputed: ATTRIBUTE:)"), "minItems": 2}
    top["properties"]["terms"]["items"]["properties"]["disputed"] |= {
        "additionalProperties": False,
        "properties": {"scope": wordings, "condition": wordings},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://w3id.org/partnership-kg/sheet.schema.json",
        "title": "partnership-kg announcement sheet (kg add)",
        "description": "See docs/sheets.md. Every fact gives one basis: quote, reported-in, or rule with reasoning and premises.",
        **top,
    }


def help_text(width: int | None = None) -> str:
    """Every key of a sheet with what it takes and an example, for ``kg add --help``, wrapped to
    ``width`` (default: the terminal's, as argparse wraps the rest of the help)."""
    import shutil
    import textwrap

    width = max(60, (width or shutil.get_terminal_size((100, 24)).columns) - 2)
    lines = ["sheet keys (docs/sheets.md; JSON Schema: graph/authoring/sheet.schema.json):"]

    def entry(key: str, example: str, what: str) -> list[str]:
        head = f"    {key + ':':<22} "
        text = textwrap.wrap(
            f"{what} (e.g. {example})", width - len(head), break_on_hyphens=False, break_long_words=False
        ) or [""]
        return [head + text[0], *(" " * len(head) + t for t in text[1:])]

    for section, entries in SECTIONS.items():
        lines.append(f"  {section}")
        for k, (_, example, what) in entries.items():
            lines += entry(k, example, what)
    lines.append("  the basis of each fact (one of them)")
    for k, (_, example, what) in BASIS.items():
        lines += entry(k, example, what)
    return "\n".join(lines)


if __name__ == "__main__":  # python -m graph.authoring._schema > graph/authoring/sheet.schema.json
    print(json.dumps(sheet_schema(), indent=2, ensure_ascii=False))
