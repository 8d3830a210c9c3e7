"""Sheets that change the world and facts reported outside the corpus (issue 20): a bare end
fails validation, a reported fact round-trips, bad sheets are one line at their line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import graph
from tests.conftest import REPO, write
from tests.test_journey import add_journey

JOURNEY = REPO / "tests" / "journey"
CITATIONS = [
    {
        "id": "citation-example-news",
        "url": "https://news.example.org/2028/03/02/openai-aws",
        "publisher": "Example News (fictional)",
        "title": "OpenAI's APIs to be sold through AWS as well (fictional)",
        "published": "2028-03-02",
        "read": "2028-03-05",
        "cites": ["https://openai.example.com/2028/update"],
    },
    {
        "id": "citation-example-wire",
        "url": "https://wire.example.net/2028/openai-aws-distribution",
        "publisher": "Example Wire (fictional)",
        "title": "AWS adds OpenAI's stateless APIs to its catalogue (fictional)",
        "published": "2028-03-03",
        "read": "2028-03-05",
        "cites": [],
    },
]
REPORTED_ROLE = "role-aws-distributes-stateless-apis-2028-03-01"


@pytest.fixture
def journey(tmp_path: Path, cli) -> tuple[Path, Path]:
    """The journey's folder copied, its text registered and its sheet added (corpus-only)."""
    return add_journey(cli, tmp_path)


@pytest.mark.parametrize("engine", ["sparql", pytest.param("pyshacl", marks=pytest.mark.slow)])
def test_a_bare_until_fails_validation_naming_the_node_and_the_shape(cli, tmp_path: Path, engine: str) -> None:
    write(
        tmp_path / "patch.ttl",
        "@prefix kg: <https://w3id.org/partnership-kg/ns#> .\n@prefix pk: <https://w3id.org/partnership-kg/id/> .\n"
        "pk:role-azure-hosts-stateless-apis kg:until pk:agreement-2026-02-27 .\n",
    )
    # (--corpus-only: the reported data already ends this role with the amended agreement)
    run = cli("validate", "--data", str(tmp_path), "--engine", engine, "--corpus-only")  # (pySHACL: slow)
    assert run.code == 2 and run.out == ""
    assert run.err.startswith("kg: error: shape kgsh:EndingHasBasis: node pk:role-azure-hosts-stateless-apis"), run.err
    assert "kg:until and kg:supersededBy each need their own basis" in run.err


def test_a_reported_fact_round_trips_and_corpus_only_leaves_it_out(cli, journey) -> None:
    folder, data = journey
    run = cli("add", str(folder / "aws-distributes.yaml"), "--data", str(data), "--corpus-only")
    assert (run.code, run.out) == (0, f"wrote {data / 'aws-distributes.reported.ttl'}: valid\n"), run.err
    assert not (data / "aws-distributes.ttl").exists()
    # (--corpus-only: the packaged reports already end Azure's role with the amended agreement of
    # April 2026, so this fictional 2028 end only fits the corpus graph)
    assert cli("validate", "--data", str(data), "--corpus-only").code == 0
    reported = {"kind": "reported", "secondary_only": True, "rules": [], "reasoning": None, "premises": []}
    reported["citations"] = CITATIONS

    def answer(*args: str) -> list[dict]:
        run = cli(*args, "--data", str(data), "--format", "json")
        assert run.code == 0, run.err
        return json.loads(run.out)

    hosts = {r["id"]: r for r in answer("hosts", "stateless-apis")}
    role = hosts[REPORTED_ROLE]
    assert (role["provider"], role["role"], role["exclusivity"], role["evidence"]) == (
        "AWS", "distributes", "non-exclusive", [],
    )  # fmt: skip
    assert role["basis"] == reported
    as_of = {r["id"]: r for r in answer("hosts", "stateless-apis", "--as-of", "2028-04")}
    assert (as_of[REPORTED_ROLE]["status"], as_of[REPORTED_ROLE]["basis"]) == ("in force", reported)
    sources = answer("sources", REPORTED_ROLE)
    assert [(f["id"], f["basis"]) for f in sources if f["id"] == REPORTED_ROLE] == [(REPORTED_ROLE, reported)]
    secondary = [f for f in answer("secondary") if f["id"] == REPORTED_ROLE]
    assert [f["basis"]["kind"] for f in secondary] == ["reported"]
    table = cli("hosts", "stateless-apis", "--data", str(data), "--format", "tsv", "--columns", "id,basis")
    assert (
        f"{REPORTED_ROLE}\t[reported] Example News (fictional) (2028-03-02), "
        "Example Wire (fictional) (2028-03-03) · secondary only"
    ) in table.out.splitlines()
    corpus = cli("hosts", "stateless-apis", "--data", str(data), "--corpus-only", "--format", "json")
    assert REPORTED_ROLE not in {r["id"] for r in json.loads(corpus.out)}
    assert REPORTED_ROLE not in {r.id for r in graph.load(data, corpus_only=True).hosts("stateless-apis")}
    assert REPORTED_ROLE in {r.id for r in graph.load(data).hosts("stateless-apis")}


def test_disputed_dates_from_reports_keep_both_and_date_the_agreement(cli, tmp_path: Path) -> None:
    sheet = tmp_path / "dates.yaml"
    write(
        sheet,
        """reports:
  a:
    url: https://a.example.org/x
    publisher: A (fictional)
    title: A report (fictional)
    published: 2023-01-24
    read: 2026-12-07
  b:
    url: https://b.example.org/y
    publisher: B (fictional)
    title: B report (fictional)
    published: 2023-01-23
    read: 2026-12-07
dates:
  - agreement: multi-year-extension
    date: 2023-01-23
    preferred: true
    reported-in: a
  - agreement: multi-year-extension
    date: 2023-01
    reported-in: b
""",
    )
    data = tmp_path / "data"
    # (--corpus-only: the reported data already dates the extension)
    run = cli("add", str(sheet), "--data", str(data), "--corpus-only")
    assert (run.code, run.err) == (0, ""), run.err
    # The corpus files with the folder's reported dates (the packaged reports date the extension).
    from graph.store._files import data_files

    kg = graph.load(*data_files((), corpus_only=True), data, packaged=False)
    timeline = {e.agreement: e for e in kg.timeline()}
    entry = timeline["agreement-multi-year-extension"].to_dict()
    assert entry["date"] == "2023-01-23"
    claims = [(v["value"], v["basis"]["kind"]) for v in entry["value_bases"] if v["property"] == "date"]
    assert sorted(claims) == [("2023-01", "disputed"), ("2023-01-23", "disputed")]
    corpus = {e.agreement: e for e in graph.load(data, corpus_only=True).timeline()}
    assert corpus["agreement-multi-year-extension"].date is None


def test_change_continued_is_taken(cli, journey) -> None:
    # continued: in force before, in a version the graph lacks (the partnership has no earlier
    # version of this clause; where it has one, kg add says unchanged or amended: test_authoring_sheet)
    folder, data = journey
    text = (folder / "journey.yaml").read_text().split("roles:")[0]
    write(
        folder / "continued.yaml",
        text.replace("2028-03-01", "2028-05-01").replace("1 March 2028", "1 May 2028")
        + """terms:
  - clause: trainium-compute
    label: Trainium compute continued (fictional, 2028)
    change: continued
    change-quote: Microsoft and OpenAI today amend their agreement
""",
    )
    run = cli("add", str(folder / "continued.yaml"), "--data", str(data), "--corpus-only")
    assert run.out.splitlines()[0] == "term-2028-05-01-trainium-compute: continued, as the source states", run.err
    kg = graph.load(data, corpus_only=True)
    rows = kg.query(
        "SELECT ?c ?u WHERE { pk:term-2028-05-01-trainium-compute kg:changeType ?c ; kg:previousVersionUnknown ?u }"
    ).values()
    assert rows == [{"c": "https://w3id.org/partnership-kg/ns#Continued", "u": "true"}]


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b]\n"


@pytest.mark.parametrize(
    ("sheet", "message"),
    [
        ("agreement:\n  colour: blue\n", ":2: unknown key 'colour' in agreement:; known: "),
        ("ends:\n  - id: azure-hosts-stateless-apis\n    until: 2031-07-09\n    quote: x\n",
         ":3: no Agreement pk:agreement-2031-07-09 in the graph"),
        ("reports:\n  r:\n    publisher: P\n    title: T\n    published: 2028-01-01\n    read: 2028-01-02\n",
         ":3: 'url' is required here"),
        ("reports:\n  r:\n    url: https://r.example.org\n    publisher: P\n    title: T\n    read: 2028-01-02\n",
         ":3: 'published' is required here"),
        ("reports:\n  r:\n    url: r.example.org\n", ":3: not an http(s) URL: 'r.example.org'"),
        (BOMB, ":1: anchors and aliases (&name, *name) are not supported"),
        ("a:\n" + "".join("  " * i + "- \n" for i in range(1, 12)), ":9: nested more than 8 levels deep"),
        ("roles:\n  - provider: aws\n    role: hosts\n    hosted: frontier\n    label: x\n    since: 2026-02-27\n"
         "    quote: []\n", ":7: 'quote' takes at least one value (an empty list [] says nothing)"),
        ("x: !!python/object:os.system ls\n", ":1: tags (!name) are not supported"),
    ],
)  # fmt: skip
def test_a_bad_sheet_is_one_line_at_its_line_and_writes_nothing(cli, tmp_path: Path, sheet, message) -> None:
    path = tmp_path / "sheet.yaml"
    write(path, sheet)
    data = tmp_path / "data"
    run = cli("add", str(path), "--data", str(data))
    assert (run.code, run.out) == (2, "")
    assert run.err.startswith(f"kg: error: {path}{message}"), run.err
    assert run.err.count("\n") == 1
    assert not data.exists() or not any(data.iterdir())


def test_a_10_mb_sheet_is_refused_before_it_is_parsed(cli, tmp_path: Path) -> None:
    path = tmp_path / "sheet.yaml"
    path.write_text("# padding\n" * 1_000_000)
    run = cli("add", str(path), "--data", str(tmp_path / "data"))
    assert (run.code, run.out) == (2, "")
    assert (
        run.err
        == f"kg: error: {path}:100001: the sheet is larger than 1000 kB; a sheet holds one announcement\n"
    )


def test_a_negative_stake_and_a_single_publisher_are_refused(cli, journey) -> None:
    folder, data = journey
    base = (folder / "journey.yaml").read_text().split("roles:")[0].replace("2028-03-01", "2028-06-01")
    write(
        folder / "stake.yaml",
        base
        + "terms:\n  - clause: microsoft-investment\n    label: x\n    stake-percent: -27\n    quote: Microsoft and OpenAI today amend their agreement\n",
    )
    run = cli("add", str(folder / "stake.yaml"), "--data", str(data), "--corpus-only")
    assert (run.code, run.err) == (
        2,
        f"kg: error: {folder / 'stake.yaml'}:15: stake-percent is from 0 to 100: '-27'\n",
    )
    one = (
        (JOURNEY / "aws-distributes.yaml")
        .read_text()
        .replace("[example-news, example-wire]", "[example-news]")
    )
    write(folder / "one.yaml", one)
    run = cli("add", str(folder / "one.yaml"), "--data", str(data), "--corpus-only")
    assert run.code == 2
    assert run.err.endswith(
        ":24: a reported fact needs reports from 2 independent publishers or more that you read; these are from 1\n"
    ), run.err


def test_ids_are_taken_without_their_kind_prefix_on_the_command_line(cli, journey) -> None:
    _, data = journey
    run = cli("changes", "2025-10", "2028-03-01", "--data", str(data), "--corpus-only", "--format", "json")
    assert run.code == 0, run.err
    assert {
        (c["from_term"], c["to_term"]) for c in json.loads(run.out) if c["clause"] == "clause-azure-cloud"
    } == {("term-2025-10-azure-cloud", None)}
    facts = json.loads(cli("sources", "azure-hosts-stateless-apis", "--format", "json").out)
    assert facts[0]["id"] == "role-azure-hosts-stateless-apis"
