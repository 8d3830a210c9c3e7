"""``kg cite``: the sources behind a fact or an answer, and the graph's release, as citations.

The citations are the corpus documents whose quotes state the fact (or the rows of the answer,
or the premises they are inferred from), the public reports a reported fact rests on (with the
date each was published and read), and the graph itself: its version, the sha256 of its data and
the date it was cited. They come out as BibTeX (written by bibtexparser), CSL-JSON (the
citation-style-language data model, which Zotero, pandoc and citeproc read) or RIS.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graph._errors import ParameterError
from graph._vocab import KG, PK, RDF, RDFS
from graph.answers import Answer, Basis, Citation, Evidence
from graph.linked._release import Release

if TYPE_CHECKING:
    from graph._graph import PartnershipGraph

FORMATS = ("bibtex", "csl-json", "ris")
TITLE = "Microsoft–OpenAI partnership knowledge graph"
DATASET_URL = "https://w3id.org/partnership-kg/dataset"


@dataclass(frozen=True)
class Work:
    """One thing to cite: a corpus document, a report read outside the corpus, or the graph's release."""

    key: str
    kind: str
    """``document``, ``report`` or ``dataset``."""
    title: str
    publisher: str | None = None
    url: str | None = None
    note: str = ""
    version: str | None = None
    published: str | None = None
    """A report's publication date, YYYY[-MM[-DD]]."""
    read: str | None = None
    """The date a report was read, YYYY-MM-DD."""


QUESTIONS: dict[str, tuple[int, int]] = {
    "hosts": (0, 1),
    "changes": (2, 2),
    "terms": (1, 1),
    "timeline": (0, 0),
    "sources": (1, 1),
    "conflicts": (0, 0),
    "secondary": (0, 0),
    "partners": (1, 1),
}
"""The questions ``kg cite`` takes (as the commands of the same name) and how many arguments each."""


def answers_for(
    kg: PartnershipGraph, what: str, params: Sequence[str], as_of: str | None = None
) -> Sequence[Answer]:
    """The answer to a question (``hosts``, ``changes`` ...), or for an entity id or name the fact
    and its premises. GraphError (a ParameterError) for the wrong number of arguments."""
    low, high = QUESTIONS.get(what, (0, 0))
    if not low <= len(params) <= high:
        span = str(low) if low == high else f"{low} to {high}"
        raise ParameterError(f"kg cite {what} takes {span} argument(s), got {len(params)}")
    if as_of and what != "hosts":
        raise ParameterError("--as-of goes with kg cite hosts")
    first = params[0] if params else None
    if what == "hosts":
        return kg.hosts(first, as_of)
    if what == "changes":
        return kg.changes(params[0], params[1])
    if what == "terms":
        return kg.terms(params[0])
    if what == "partners":
        return kg.partners(params[0])
    if what == "timeline":
        return kg.timeline()
    if what == "conflicts":
        return kg.conflicts()
    if what == "secondary":
        return kg.secondary_only()
    entity = first if what == "sources" else what
    return [f for f in kg.sources_for(entity or "") if f.relation in ("the fact", "premise")]


def evidence_of(answers: Iterable[Answer]) -> list[Evidence]:
    """Every quote behind the answers: each row's own, and its premises' for an inferred row."""
    found: list[Evidence] = []
    for answer in answers:
        for _, evidence in answer.cited():
            found.extend(evidence)
        for name in ("basis", "from_basis", "to_basis"):
            basis = getattr(answer, name, None)
            if isinstance(basis, Basis):
                for premise in basis.premises:
                    found.extend(premise.evidence)
    return found


def _bases(answer: Answer) -> list[Basis]:
    found = [
        b
        for b in (getattr(answer, n, None) for n in ("basis", "from_basis", "to_basis"))
        if isinstance(b, Basis)
    ]
    for name in ("value_bases", "from_value_bases", "to_value_bases"):
        found.extend(v.basis for v in getattr(answer, name, ()) or ())
    return found


def citations_of(answers: Iterable[Answer]) -> list[Citation]:
    """Every report behind the answers (a reported row, or a reported value of a row), once each."""
    seen: dict[str, Citation] = {}
    for answer in answers:
        for basis in _bases(answer):
            for citation in basis.citations:
                seen.setdefault(citation.id, citation)
    return list(seen.values())


def works(
    evidence: Sequence[Evidence],
    release: Release,
    labels: Mapping[str, str],
    citations: Sequence[Citation] = (),
) -> list[Work]:
    """The documents the quotes come from (in order of first use), the reports, then the graph's release.

    ``labels`` names a source id's document where its quotes give no title.
    """
    seen: dict[str, dict[str, Evidence]] = {}
    for e in evidence:
        seen.setdefault(e.source, {}).setdefault(e.quote, e)
    out = []
    for source, by_quote in seen.items():
        quotes = list(by_quote.values())
        first = quotes[0]
        kind = "primary" if any(q.primary for q in quotes) else "secondary"
        note = f"Corpus file {first.file}; {kind} source; {len(quotes)} quote(s) cited by the graph"
        title = first.title or labels.get(source) or first.file
        out.append(Work(source, "document", title, first.publisher, first.url, note))
    for c in citations:
        pointed = f"; points to {', '.join(c.cites)} (not read)" if c.cites else ""
        note = f"Public report outside the corpus, read {c.read}{pointed}"
        out.append(
            Work(c.id, "report", c.title, c.publisher, c.url, note, published=c.published, read=c.read)
        )
    out.append(
        Work(
            f"partnership-kg-{release.version}",
            "dataset",
            TITLE,
            "partnership-kg",
            DATASET_URL,
            f"Data sha256 {release.data_sha256} ({release.triples} triples)",
            release.version,
        )
    )
    return out


def source_labels(store: ox.Store) -> dict[str, str]:
    """Each corpus document's id and label (``source-004``: ``GadgetBond: analysis ...``)."""
    found = store.quads_for_pattern(None, ox.NamedNode(RDFS + "label"), None)
    kinds = {
        q.subject
        for q in store.quads_for_pattern(None, ox.NamedNode(RDF + "type"), ox.NamedNode(KG + "Source"))
    }
    return {
        q.subject.value[len(PK) :]: q.object.value
        for q in found
        if q.subject in kinds
        and isinstance(q.subject, ox.NamedNode)
        and isinstance(q.object, ox.Literal)
        and q.subject.value.startswith(PK)
    }


def render(items: Sequence[Work], fmt: str, accessed: date) -> str:
    """The citations in ``fmt`` (bibtex, csl-json or ris)."""
    if fmt == "bibtex":
        return _bibtex(items, accessed)
    if fmt == "csl-json":
        return json.dumps([_csl(w, accessed) for w in items], indent=2, ensure_ascii=False) + "\n"
    return "".join(_ris(w, accessed) for w in items)


def _bibtex(items: Sequence[Work], accessed: date) -> str:
    from bibtexparser.entrypoint import write_string
    from bibtexparser.library import Library
    from bibtexparser.model import Entry, Field

    library = Library()
    for w in items:
        fields = {
            "title": "{" + _latex(w.title) + "}",
            "publisher": _latex(w.publisher) if w.publisher else None,
            "url": w.url,
            "version": w.version,
            "note": _latex(w.note),
            "date": w.published,
            "urldate": accessed.isoformat() if w.kind == "dataset" else w.read,
        }
        kept = [Field(k, v) for k, v in fields.items() if v]
        library.add(Entry("dataset" if w.kind == "dataset" else "online", w.key, kept))
    return str(write_string(library))


_LATEX = {c: "\\" + c for c in "&%$#_{}"}


def _latex(text: str) -> str:
    """Text with LaTeX's special characters escaped (as a BibTeX field's value is LaTeX).

    >>> _latex("AI & Machine Learning Blog, 003_x.txt")
    'AI \\\\& Machine Learning Blog, 003\\\\_x.txt'
    """
    return "".join(_LATEX.get(c, c) for c in text)


def _csl(w: Work, accessed: date) -> dict[str, object]:
    item: dict[str, object] = {
        "id": w.key,
        "type": "dataset" if w.kind == "dataset" else "webpage",
        "title": w.title,
    }
    if w.publisher:
        item["publisher"] = w.publisher
    if w.url:
        item["URL"] = w.url
    if w.version:
        item["version"] = w.version
    item["note"] = w.note
    if w.published:
        item["issued"] = {"date-parts": [_parts(w.published)]}
    if w.kind == "dataset":  # the day the graph was cited; the documents' own reading dates are unknown
        item["accessed"] = {"date-parts": [[accessed.year, accessed.month, accessed.day]]}
    elif w.read:
        item["accessed"] = {"date-parts": [_parts(w.read)]}
    return item


def _parts(day: str) -> list[int]:
    """``2026-04`` as CSL date parts, ``[2026, 4]``."""
    return [int(p) for p in day.split("-")]


def _ris(w: Work, accessed: date) -> str:
    lines = [("TY", "DATA" if w.kind == "dataset" else "ELEC"), ("ID", w.key), ("TI", w.title)]
    lines += [(tag, value) for tag, value in (("PB", w.publisher), ("UR", w.url), ("ET", w.version)) if value]
    if w.published:
        lines.append(("DA", w.published.replace("-", "/")))
    lines.append(("N1", w.note))
    if w.kind == "dataset":
        lines.append(("Y2", accessed.strftime("%Y/%m/%d")))
    elif w.read:
        lines.append(("Y2", w.read.replace("-", "/")))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {' '.join(value.split())}".rstrip() + "\n" for tag, value in lines)


__all__ = [
    "FORMATS",
    "QUESTIONS",
    "Work",
    "answers_for",
    "citations_of",
    "evidence_of",
    "render",
    "source_labels",
    "works",
]
