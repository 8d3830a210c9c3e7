"""The packaged data the sheets of ``data/sheets/`` build: ``kg add`` rebuilds each file byte for
byte (issue 21: the reported agreements and dates are added through sheets, not by hand)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import graph
from graph.authoring import add_sheet
from tests.conftest import REPO

DATA = REPO / "data"
BUILT = ["2016-11", "2019", "2025-01-21", "2026-04-27", "dates", "refinements", "supersessions"]
"""Sheets whose Turtle ``kg add data/sheets/NAME.yaml --data data`` writes: every reported file."""


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(DATA, folder)
    return folder


@pytest.mark.parametrize("name", BUILT)
def test_kg_add_rebuilds_the_packaged_file_byte_for_byte(name: str, copy: Path, monkeypatch) -> None:
    # the copy stands in for the packaged folder, so that the sheet's own file is the one replaced
    monkeypatch.setattr("graph.store._files.data_dir", lambda: str(copy))
    (copy / f"{name}.reported.ttl").unlink()
    written, _ = add_sheet(copy / "sheets" / f"{name}.yaml", copy)
    assert written == copy / f"{name}.reported.ttl"
    assert (copy / f"{name}.reported.ttl").read_bytes() == (DATA / f"{name}.reported.ttl").read_bytes()
    assert not (copy / f"{name}.ttl").exists()  # every fact of these sheets is reported


def test_every_reported_file_has_its_sheet() -> None:
    files = sorted(p.name.removesuffix(".reported.ttl") for p in DATA.glob("*.reported.ttl"))
    assert files == sorted(BUILT)
    for name in files:  # none written by hand
        first = (DATA / f"{name}.reported.ttl").read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# Written by `kg add {name}.yaml`: do not edit, edit the sheet and run it again."
    assert sorted(p.stem for p in (DATA / "sheets").glob("*.yaml")) == files


REPORTS = """reports:
  news-a:
    url: https://a.example.org/story
    publisher: Example A
    title: A story
    published: 2026-05-01
    read: 2026-12-07
  news-b:
    url: https://b.example.org/story
    publisher: Example B
    title: B story
    published: 2026-05-02
    read: 2026-12-07
"""


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("agreement: no-such\n", 14, "no Agreement pk:agreement-no-such in the graph"),
        (
            "supersessions:\n  - id: term-2026-02-27-ip-license\n    superseded-by: term-2025-10-ip-license\n"
            "    reported-in: [news-a, news-b]\n",
            15,
            "pk:term-2026-02-27-ip-license is already superseded (kg:supersededBy pk:term-amended-ip-license)",
        ),
        (
            "agreement: amended\nterms:\n  - clause: agi\n    label: AGI terms (example)\n"
            "    reported-in: [news-a, news-b]\n    disputed:\n      colour:\n        - value: blue\n"
            "          reported-in: [news-a]\n",
            20,
            "disputed: takes scope or condition, not 'colour'",
        ),
    ],
)
def test_the_new_keys_refuse_bad_input_in_one_line(cli, tmp_path: Path, body: str, line: int, message: str) -> None:
    sheet = tmp_path / "bad.yaml"
    sheet.write_text(REPORTS + body, encoding="utf-8")
    run = cli("add", str(sheet), "--data", str(tmp_path / "mine"))
    assert (run.code, run.out) == (2, "")
    assert run.err == f"kg: error: {sheet}:{line}: {message}\n"
    assert not (tmp_path / "mine").exists()


def test_a_disputed_condition_keeps_both_wordings_none_preferred(kg) -> None:
    rows = kg.query(
        "SELECT ?value ?rank (COUNT(?c) AS ?n) WHERE { ?claim kg:claimSubject pk:term-amended-first-party-hosting ;"
        " kg:claimProperty kg:condition ; kg:claimValue ?value ; kg:rank ?rank ; kg:citation ?c }"
        " GROUP BY ?value ?rank ORDER BY ?value"
    ).values()
    assert [(r["value"], r["rank"].rsplit("#")[1], r["n"]) for r in rows] == [
        ("unless Microsoft both cannot support the capabilities needed and chooses not to", "NormalRank", "3"),
        ("unless Microsoft cannot support the capabilities needed or chooses not to", "NormalRank", "4"),
    ]
    assert not kg.query("ASK { pk:term-amended-first-party-hosting kg:condition ?any }").boolean


def test_a_supersession_names_a_term_with_or_without_its_prefix(cli, tmp_path: Path) -> None:
    sheet = tmp_path / "s.yaml"
    sheet.write_text(
        REPORTS
        + "supersessions:\n  - id: 2025-10-agi\n    superseded-by: 2026-02-27-agi\n"
        + "    reported-in: [news-a, news-b]\n",
        encoding="utf-8",
    )
    run = cli("add", str(sheet), "--data", str(tmp_path / "mine"))
    assert (run.code, run.err) == (0, ""), run.err
    found = graph.load(tmp_path / "mine").query(
        "SELECT ?by WHERE { pk:term-2025-10-agi kg:supersededBy ?by }"
    ).values()
    assert found == [{"by": "https://w3id.org/partnership-kg/id/term-2026-02-27-agi"}]

