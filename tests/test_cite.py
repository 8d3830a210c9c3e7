"""``kg cite`` (BibTeX, CSL-JSON, RIS that parse with their own parsers), the Wikidata links and
their citations, and ``kg quickstatements``."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import bibtexparser
import pytest
import rdflib
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from graph.linked._release import release_of

REPO = Path(__file__).resolve().parent.parent
OWL_SAME_AS = rdflib.OWL.sameAs
KG = rdflib.Namespace("https://w3id.org/partnership-kg/ns#")
DCTERMS = rdflib.DCTERMS
WD = "http://www.wikidata.org/entity/"
# Only the links that a named public record confirms (docs/wikidata.md): OpenAI, Oracle and SoftBank
# have none, so no link.
LINKS = {
    "microsoft": "Q2283",
    "amazon": "Q3884",
    "nvidia": "Q182477",
    "azure": "Q725967",
    "aws": "Q456157",
}
# A citation a reader can check: a repository file at a commit and line, or a page's URL.
CHECKABLE = re.compile(r"https://github\.com/[\w.-]+/[\w.-]+/blob/[0-9a-f]{40}/\S+#L\d+|https://(?!github\.com)\S+")


def test_each_wikidata_link_has_a_claim_with_its_basis_and_citations(kg) -> None:
    g = kg.to_rdflib()
    pk = "https://w3id.org/partnership-kg/id/"
    links = {
        str(s)[len(pk) :]: str(o)[len(WD) :]
        for s, o in g.subject_objects(OWL_SAME_AS)
        if str(o).startswith(WD)
    }
    assert links == LINKS
    notes = (REPO / "docs" / "wikidata.md").read_text(encoding="utf-8")
    for key, qid in links.items():
        [claim] = list(g.subjects(KG.claimObject, rdflib.URIRef(WD + qid)))
        assert g.value(claim, KG.claimSubject) == rdflib.URIRef(pk + key)
        assert g.value(claim, KG.claimProperty) == OWL_SAME_AS
        assert g.value(claim, KG.basis) == KG.Inferred
        assert g.value(claim, KG.rule) == rdflib.URIRef(pk + "rule-wikidata-by-name")
        assert str(g.value(claim, DCTERMS.date)) == "2026-12-07"
        citations = [str(c) for c in g.objects(claim, DCTERMS.bibliographicCitation)]
        assert citations and all(CHECKABLE.search(c) and "file id" not in c for c in citations)
        assert any("github.com" in c and qid in c for c in citations)
        assert f"| {qid} |" in notes
    assert kg.validate().conforms


def test_quickstatements_give_each_stated_fact_with_its_reference(cli) -> None:
    code, out, err = cli("quickstatements")
    assert code == 0 and err == ""
    assert out == (
        'Q725967\tP137\tQ2283\tS854\t"https://openai.com/index/continuing-microsoft-partnership/"'
        '\tS1683\ten:"Azure remains the exclusive cloud provider of stateless OpenAI APIs"\n'
    )


def test_cite_an_entity_in_bibtex(cli, kg) -> None:
    code, out, _ = cli("cite", "agreement-2026-02-27")
    assert code == 0
    library = bibtexparser.parse_string(out)
    assert library.failed_blocks == []
    keys = [e.key for e in library.entries]
    assert keys == ["source-003", "source-000", "source-001", f"partnership-kg-{graph_version()}"]
    release = library.entries[-1]
    assert release.entry_type == "dataset"
    assert release.fields_dict["note"].value.startswith(f"Data sha256 {release_of(kg.backend).data_sha256} (")
    assert release.fields_dict["urldate"].value == date.today().isoformat()
    assert library.entries[1].fields_dict["publisher"].value == "AIssential (summarising OpenAI News)"


def graph_version() -> str:
    import graph

    return graph.__version__


def test_cite_an_answer_in_csl_json_renders_with_citeproc(cli) -> None:
    code, out, _ = cli("cite", "hosts", "stateless-apis", "--format", "csl-json")
    assert code == 0
    items = json.loads(out)
    assert [i["id"] for i in items] == [
        "source-003",
        "source-004",
        "citation-aiexpert-2026",
        "citation-newscord-2026-04-27",
        "citation-novara-2026",
        "citation-webindia123-2026-04-28",
        f"partnership-kg-{graph_version()}",
    ]
    # a report: published and read dates as CSL dates (the April 2026 amendment's role rests on it)
    newscord = items[3]
    assert (newscord["type"], newscord["publisher"]) == ("webpage", "Newscord")
    assert newscord["issued"] == {"date-parts": [[2026, 4, 27]]}
    assert newscord["accessed"] == {"date-parts": [[2026, 12, 7]]}
    assert newscord["note"] == "Public report outside the corpus, read 2026-12-07"
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == 7
    assert any("Newscord" in r and "2026" in r for r in rendered)
    assert any("GadgetBond: analysis of the statement and the OpenAI–Amazon deal" in r for r in rendered)
    assert any("Microsoft–OpenAI partnership knowledge graph" in r for r in rendered)


def test_cite_an_inferred_fact_cites_its_premises_in_ris(cli) -> None:
    code, out, _ = cli("cite", "term-2025-10-microsoft-investment", "--format", "ris")
    assert code == 0
    records = rispy.loads(out)
    assert [r["type_of_reference"] for r in records] == ["ELEC", "ELEC", "DATA"]
    assert records[0]["title"] == "Joint Statement from OpenAI and Microsoft"
    assert records[0]["urls"] == ["https://openai.com/index/continuing-microsoft-partnership/"]
    assert "primary source" in records[0]["notes"][0]
    assert records[1]["title"] == "GadgetBond: analysis of the statement and the OpenAI–Amazon deal"
    assert records[2]["edition"] == graph_version()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("changes", "2025-10"), "kg cite changes takes 2 argument(s), got 1"),
        (("timeline", "x"), "kg cite timeline takes 0 argument(s), got 1"),
        (("terms", "2026", "--as-of", "2026"), "--as-of goes with kg cite hosts"),
        (("no-such-thing",), "no-such-thing"),
    ],
)
def test_cite_refuses_bad_input_in_one_line(cli, args: tuple[str, ...], says: str) -> None:
    code, out, err = cli("cite", *args)
    assert code == 2 and out == "" and says in err and err.count("\n") == 1


def test_citation_cff_names_this_release() -> None:
    import yaml

    import graph

    cff = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert {"message", "title", "authors"} <= cff.keys() and cff["authors"]
    assert cff["version"] == graph.__version__
    assert cff["license"] == "MIT"


def test_cite_in_the_corpus_only_graph_cites_the_five_documents_alone(cli) -> None:
    code, out, _ = cli("cite", "hosts", "stateless-apis", "--format", "csl-json", "--corpus-only")
    assert code == 0
    assert [i["id"] for i in json.loads(out)] == [
        "source-003",
        "source-004",
        "source-000",
        "source-001",
        "source-002",
        f"partnership-kg-{graph_version()}",
    ]
