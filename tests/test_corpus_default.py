"""The corpus by default (kg build, kg verify-sources) and kg evidence add --for (issue 20)."""

from __future__ import annotations

from pathlib import Path

import graph
import graph.checks._corpus as corpus
from tests.conftest import REPO, SOURCES

QUOTES = "checked 73 quotes (73 at their positions) in 5 sources: all verified"


def test_verify_sources_and_build_find_the_corpus_beside_the_checkout(
    cli, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.delenv("KG_SOURCES", raising=False)
    run = cli("verify-sources")
    assert (run.code, run.out, run.err) == (0, QUOTES + "\n", "")
    build = cli("build", "--out", str(tmp_path / "out"))
    assert build.code == 0, build.err
    assert build.out.splitlines()[1] == f"verified: {QUOTES} ({SOURCES.resolve()})"


def test_kg_sources_names_the_corpus_and_a_missing_one_is_said(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("KG_SOURCES", str(SOURCES))
    assert cli("verify-sources").out == QUOTES + "\n"
    monkeypatch.setenv("KG_SOURCES", str(tmp_path / "nowhere"))
    run = cli("verify-sources")
    assert (run.code, run.err) == (2, f"kg: error: $KG_SOURCES: no such folder: {tmp_path / 'nowhere'}\n")
    monkeypatch.delenv("KG_SOURCES")
    monkeypatch.setattr(corpus, "_BESIDE", Path("no-such-corpus-here"))
    run = cli("verify-sources")
    assert (run.code, run.err) == (2, f"kg: error: {corpus.NOT_FOUND}\n")
    build = cli("build", "--out", str(tmp_path / "out"))
    assert build.code == 0, build.err
    assert build.out.splitlines()[1] == (
        "quotes not verified: no corpus of source texts found (set $KG_SOURCES; default ../shared/sources)"
    )


def test_build_stops_on_a_quote_the_corpus_does_not_hold(cli, tmp_path: Path, monkeypatch) -> None:
    copy = tmp_path / "sources"
    copy.mkdir()
    for text in SOURCES.glob("*.txt"):
        (copy / text.name).write_bytes(text.read_bytes())
    first = sorted(copy.glob("003_*.txt"))[0]
    first.write_text(
        first.read_text().replace("Azure remains the exclusive cloud provider", "Azure is a cloud")
    )
    monkeypatch.setenv("KG_SOURCES", str(copy))
    run = cli("build", "--out", str(tmp_path / "out"))
    assert run.code == 2 and "failed" in run.err.splitlines()[0]
    assert not (tmp_path / "out" / "answers.json").exists()


def test_evidence_add_for_a_fact_links_the_quote_to_it(cli, tmp_path: Path) -> None:
    text = REPO / "tests" / "journey" / "statement-2028-03.txt"
    data = tmp_path / "data"
    assert (
        cli("source", "add", str(text), "--data", str(data), "--publisher", "T (fictional)", "--primary").code
        == 0
    )
    quote = "alongside other cloud providers"
    run = cli("evidence", "add", str(text), quote, "--for", "azure-hosts-stateless-apis", "--data", str(data))
    assert (run.code, run.err) == (0, "")
    assert run.out == (
        "added ev-statement-2028-03-alongside-other-cloud-providers: characters 414-445 of statement-2028-03.txt;"
        " the fact azure-hosts-stateless-apis cites it\n"
    )
    facts = graph.load(data).sources_for("role-azure-hosts-stateless-apis")
    assert quote in [e.quote for e in facts[0].evidence]
    run = cli("evidence", "add", str(text), "From today", "--for", "no-such-fact", "--data", str(data))
    assert (run.code, run.err) == (
        2,
        "kg: error: --for no-such-fact: no fact with that id in the graph (kg sources ID shows one)\n",
    )


def test_evidence_add_for_an_inferred_fact_is_refused_by_the_shapes(cli, tmp_path: Path) -> None:
    text = REPO / "tests" / "journey" / "statement-2028-03.txt"
    data = tmp_path / "data"
    assert cli("source", "add", str(text), "--data", str(data), "--publisher", "T (fictional)").code == 0
    run = cli("evidence", "add", str(text), "From today", "--for", "claim-role-azure-all-workloads-until-2025-10",
              "--data", str(data))  # fmt: skip
    assert run.code == 2 and "not written" in run.err and "borrows no quote" in run.err, run.err
