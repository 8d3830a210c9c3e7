"""kg source add and kg evidence add/anchor: registering a text, anchoring quotes in it."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

import graph
from graph.checks._anchors import find_anchor, normalise_mapped
from tests.conftest import SOURCES, needs_sources, write

TEXT = (
    "Contoso and Fabrikam (fictional) announce a deal.\n"
    "Fabrikam will host Contoso\u2019s models.  Later: Fabrikam will host Contoso\u2019s models.\n"
)
LATER = TEXT.index("Fabrikam will host", 60)


@pytest.fixture
def text(tmp_path: Path) -> Path:
    return write(tmp_path / "texts" / "demo-note.txt", TEXT)


def test_source_add_registers_hash_name_and_metadata(cli, text: Path, tmp_path: Path) -> None:
    data = tmp_path / "mine"
    run = cli(
        "source",
        "add",
        str(text),
        "--data",
        str(data),
        "--publisher",
        "Example Press",
        "--title",
        "A demo",
        "--url",
        "https://example.org/demo",
        "--date",
        "2027-03",
        "--primary",
    )
    assert (run.code, run.err) == (0, "")
    assert run.out == f"added source-demo-note (demo-note.txt) to {data / 'sources.ttl'}\n"
    kg = graph.load(data)
    row = kg.query(
        "SELECT ?file ?sha ?kind ?pub ?title ?url ?date WHERE { pk:source-demo-note kg:fileName ?file ; "
        "kg:sha256 ?sha ; kg:sourceKind ?kind ; dcterms:publisher ?pub ; dcterms:title ?title ; "
        "schema:url ?url ; dcterms:date ?date }"
    ).values()
    assert row == [
        {
            "file": "demo-note.txt",
            "sha": hashlib.sha256(text.read_bytes()).hexdigest(),
            "kind": "https://w3id.org/partnership-kg/ns#PrimarySource",
            "pub": "Example Press",
            "title": "A demo",
            "url": "https://example.org/demo",
            "date": "2027-03",
        }
    ]
    assert cli("validate", "--data", str(data)).code == 0


def test_source_add_refuses_a_file_already_registered(cli, text: Path, tmp_path: Path) -> None:
    data = tmp_path / "mine"
    assert cli("source", "add", str(text), "--data", str(data), "--publisher", "P").code == 0
    before = (data / "sources.ttl").read_text()
    copy = write(tmp_path / "other" / "renamed.txt", TEXT)
    run = cli("source", "add", str(copy), "--data", str(data), "--publisher", "P")
    assert (run.code, run.err) == (
        2,
        f"kg: error: {copy}: already registered as source-demo-note (demo-note.txt)\n",
    )
    assert (data / "sources.ttl").read_text() == before


@needs_sources
def test_source_add_names_the_packaged_source_of_a_corpus_file(cli, tmp_path: Path) -> None:
    run = cli(
        "source",
        "add",
        str(SOURCES / "003_7764993f1fc891bd.txt"),
        "--data",
        str(tmp_path / "d"),
        "--publisher",
        "P",
    )
    assert (run.code, run.err) == (
        2,
        f"kg: error: {SOURCES / '003_7764993f1fc891bd.txt'}: already registered as source-003 (003_7764993f1fc891bd.txt)\n",
    )
    assert not (tmp_path / "d").exists() or not any((tmp_path / "d").iterdir())


def test_bad_metadata_is_one_line_and_writes_nothing(cli, text: Path, tmp_path: Path) -> None:
    data = tmp_path / "mine"
    run = cli("source", "add", str(text), "--data", str(data), "--publisher", "P", "--date", "March 2027")
    assert (
        run.code == 2
        and run.err.startswith("kg: error: malformed date 'March 2027'")
        and run.err.count("\n") == 1
    )
    run = cli("source", "add", str(text), "--data", str(data), "--publisher", "P", "--url", "javascript:x")
    assert (run.code, run.err) == (2, "kg: error: --url: not an http(s) URL: 'javascript:x'\n")
    assert not (data / "sources.ttl").exists()


def test_evidence_add_anchors_the_quote_with_selectors(cli, text: Path, tmp_path: Path) -> None:
    data = tmp_path / "mine"
    cli("source", "add", str(text), "--data", str(data), "--publisher", "P")
    run = cli("evidence", "add", str(text), "Contoso and Fabrikam (fictional) announce", "--data", str(data))
    assert (run.code, run.err) == (0, "")
    assert (
        run.out
        == "added ev-demo-note-contoso-and-fabrikam-fictional-announce: characters 0-41 of demo-note.txt\n"
    )
    kg = graph.load(data)
    rows = kg.query(
        "PREFIX oa: <http://www.w3.org/ns/oa#> SELECT ?q ?exact ?prefix ?suffix ?start ?end ?primary WHERE { "
        "pk:ev-demo-note-contoso-and-fabrikam-fictional-announce kg:quote ?q ; kg:primary ?primary ; "
        "kg:source pk:source-demo-note ; oa:hasSelector ?qs, ?ps . ?qs a oa:TextQuoteSelector ; oa:exact ?exact ; "
        "oa:prefix ?prefix ; oa:suffix ?suffix . ?ps a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end }"
    ).values()
    assert rows == [
        {
            "q": "Contoso and Fabrikam (fictional) announce",
            "exact": "Contoso and Fabrikam (fictional) announce",
            "prefix": "",
            "suffix": " a deal.\nFabrikam will host Cont",
            "start": "0",
            "end": "41",
            "primary": "false",
        }
    ]


@needs_sources
def test_an_added_quote_verifies_beside_the_corpus(cli, text: Path, tmp_path: Path) -> None:
    data = tmp_path / "mine"
    cli("source", "add", str(text), "--data", str(data), "--publisher", "P")
    cli("evidence", "add", str(text), "Contoso and Fabrikam (fictional) announce", "--data", str(data))
    run = cli("verify-sources", str(SOURCES), str(text.parent), "--data", str(data))
    assert run.code == 0 and run.out.endswith("at their positions) in 6 sources: all verified\n")


def test_evidence_add_refuses_a_missing_or_repeated_quote(cli, text: Path, tmp_path: Path) -> None:
    data = tmp_path / "mine"
    cli("source", "add", str(text), "--data", str(data), "--publisher", "P")
    before = (data / "sources.ttl").read_text()
    run = cli("evidence", "add", str(text), "Fabrikam will host Azure", "--data", str(data))
    assert (run.code, run.err) == (2, 'kg: error: quote not found: "Fabrikam will host Azure"\n')
    run = cli("evidence", "add", str(text), "Fabrikam will host Contoso's models", "--data", str(data))
    assert (run.code, run.err) == (
        2,
        f"kg: error: the quote occurs 2 times (at characters 50, {LATER}); give --prefix or --suffix: words just before or after it\n",
    )
    assert (data / "sources.ttl").read_text() == before
    run = cli(
        "evidence",
        "add",
        str(text),
        "Fabrikam will host Contoso's models",
        "--prefix",
        "Later:",
        "--id",
        "later",
        "--data",
        str(data),
    )
    assert run.out == f"added ev-demo-note-later: characters {LATER}-{LATER + 35} of demo-note.txt\n"
    run = cli(
        "evidence",
        "add",
        str(text),
        "Fabrikam  will host Contoso’s models",
        "--prefix",
        "Later",
        "--data",
        str(data),
    )
    assert (run.code, run.err) == (2, "kg: error: this quote is already recorded as ev-demo-note-later\n")


def test_evidence_add_needs_a_registered_source(cli, text: Path, tmp_path: Path) -> None:
    run = cli("evidence", "add", str(text), "announce a deal", "--data", str(tmp_path / "d"))
    assert (run.code, run.err) == (
        2,
        f"kg: error: {text}: not a registered source (no source has its sha256); run kg source add {text} first\n",
    )


def test_positions_map_back_to_the_raw_text() -> None:
    raw = "See **the [joint blog](https://x.example/p)**: Azure\\-hosted\u00a0models."
    norm, spans = normalise_mapped(raw)
    assert spans[4] == (6, 7) and spans[8] == (11, 12)  # "t" of "the", "j" of "joint"
    assert norm == "See the joint blog : Azure-hosted models."
    a = find_anchor(raw, "the joint blog")
    assert (a.start, a.end, a.exact, a.prefix) == (6, 21, "the [joint blog", "See **")
    b = find_anchor(raw, "Azure-hosted models.")
    assert (b.start, b.end, b.exact) == (47, 68, "Azure\\-hosted\u00a0models.")


@needs_sources
def test_every_packaged_quote_has_selectors_and_a_moved_one_is_reported(cli, kg, tmp_path: Path) -> None:
    rows = kg.query(
        "PREFIX oa: <http://www.w3.org/ns/oa#> SELECT (COUNT(?e) AS ?all) (COUNT(?p) AS ?anchored) WHERE { "
        "?e a kg:Evidence OPTIONAL { ?e oa:hasSelector ?p . ?p oa:start ?s } }"
    ).values()
    assert rows[0]["all"] == rows[0]["anchored"] and int(rows[0]["all"]) >= 67
    copy = tmp_path / "sources"
    shutil.copytree(SOURCES, copy)
    path = copy / "003_7764993f1fc891bd.txt"
    text = path.read_text(encoding="utf-8")
    at = text.index("Our IP relationship continues unchanged")
    path.write_text(text[:at] + "(New words.) " + text[at:], encoding="utf-8")
    run = cli("verify-sources", str(copy))
    assert run.code == 2
    lines = run.out.splitlines()
    assert "source-003 (003_7764993f1fc891bd.txt): sha256 of the file does not match the source node" in lines
    a = find_anchor(text, "Our IP relationship continues unchanged.")
    assert (a.start, a.end) == (at, at + 41)  # the raw text has "unchanged\\."
    assert (
        f"ev-003-ip-unchanged (003_7764993f1fc891bd.txt): quote moved: selectors give characters "
        f"{at}-{at + 41}, found at {at + 13}-{at + 54} (+13)"
    ) in lines


@needs_sources
def test_evidence_anchor_regenerates_the_packaged_selectors(cli, tmp_path: Path) -> None:
    from graph._paths import data_dir

    packaged = Path(data_dir())
    out = tmp_path / "selectors.ttl"
    run = cli("evidence", "anchor", str(SOURCES), "--data", str(packaged), "-o", str(out))
    assert run.code == 0
    assert run.out == (
        "ev-003-work-closely (003_7764993f1fc891bd.txt): occurs 2 times; anchored at the first\n"
        f"anchored {len(graph.load().query('SELECT ?e WHERE {{ ?e kg:quote ?q }}').values())} quotes in {out}\n"
    )
    assert (
        out.read_text() == (packaged / "selectors.ttl").read_text()
    )  # the committed file is the command's output
    copy = tmp_path / "data"
    shutil.copytree(packaged, copy)
    run = cli("evidence", "anchor", str(SOURCES), "--data", str(copy))
    assert (
        run.out == f"anchored 0 quotes in {copy / 'selectors.ttl'}\n"
    )  # packaged quotes have theirs already


@needs_sources
def test_sources_context_prints_the_sentence_around_each_quote(cli) -> None:
    run = cli("sources", "frontier", "--context", str(SOURCES))
    assert run.code == 0
    lines = run.out.splitlines()
    assert lines[0] == "frontier  Frontier"
    assert (
        "  003_7764993f1fc891bd.txt [primary]: «OpenAI's first party products, including Frontier, "
        "will continue to be hosted on Azure»."
    ) in lines
    assert all(line.count("«") == line.count("»") == 1 for line in lines if line.startswith("  "))
