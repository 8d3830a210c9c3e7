"""kg add SHEET: an announcement from a YAML sheet (IRIs, previous versions, change types, errors)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import graph
from tests.conftest import REPO, write

EXAMPLES = REPO / "docs" / "examples"


@pytest.fixture
def sheet(tmp_path: Path, cli) -> tuple[Path, Path]:
    """The README's fictional example copied to a folder, its text registered in ``data``."""
    folder = tmp_path / "ex"
    shutil.copytree(EXAMPLES, folder)
    data = tmp_path / "data"
    run = cli(
        "source",
        "add",
        str(folder / "fictional-2027-06-statement.txt"),
        "--data",
        str(data),
        "--publisher",
        "partnership-kg documentation (fictional)",
        "--primary",
    )
    assert run.code == 0, run.err
    return folder / "fictional-2027-06.yaml", data


def test_add_writes_terms_linked_to_previous_versions_with_change_types(cli, sheet) -> None:
    path, data = sheet
    run = cli("add", str(path), "--data", str(data))
    assert (run.code, run.err) == (0, "")
    assert run.out.splitlines() == [
        "term-fictional-2027-06-01-ip-license: unchanged, inferred: compared with term-amended-ip-license: "
        "covers, exclusivity, grantee, grantor the same",
        "term-fictional-2027-06-01-azure-cloud: amended, inferred: compared with term-amended-azure-cloud: "
        "exclusivity differs",
        "term-fictional-2027-06-01-revenue-share: unchanged, as the source states",
        f"wrote {data / 'fictional-2027-06.ttl'}: valid",
    ]
    kg = graph.load(data)
    terms = kg.query(
        "SELECT ?t ?prev ?change WHERE { ?t kg:agreement pk:agreement-fictional-2027-06-01 ; "
        "kg:previousVersion ?prev ; kg:changeType ?change } ORDER BY ?t"
    ).values()
    assert [(t["t"][35:], t["prev"][35:], t["change"].rsplit("#")[1]) for t in terms] == [
        ("term-fictional-2027-06-01-azure-cloud", "term-amended-azure-cloud", "Amended"),
        ("term-fictional-2027-06-01-ip-license", "term-amended-ip-license", "Unchanged"),
        ("term-fictional-2027-06-01-revenue-share", "term-amended-revenue-share", "Unchanged"),
    ]
    claims = kg.query(
        "SELECT ?c ?why WHERE { ?c kg:claimSubject pk:term-fictional-2027-06-01-azure-cloud ; "
        "kg:claimProperty kg:changeType ; kg:reasoning ?why }"
    ).values()
    assert claims == [
        {
            "c": "https://w3id.org/partnership-kg/id/claim-term-fictional-2027-06-01-azure-cloud-change-type",
            "why": "Compared with term-amended-azure-cloud: exclusivity differs (kg add).",
        }
    ]
    first = (data / "fictional-2027-06.ttl").read_text()
    assert (
        cli("add", str(path), "--data", str(data)).code == 0
    )  # deterministic: a re-run writes the same file
    assert (data / "fictional-2027-06.ttl").read_text() == first


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            ("    covers: openai-ip", "    covers: openai-ip\n    end-year: soon"),
            ":20: end-year must be a year: 'soon'",
        ),
        (
            (
                "    quote: Azure remains the exclusive cloud provider for OpenAI's stateless APIs",
                "    quote: Azure is no longer the cloud provider",
            ),
            ':25: quote not found: "Azure is no longer the cloud provider"',
        ),
        (
            ("  - clause: clause-revenue-share", "  - clause: clause-royalties"),
            ":26: no Clause pk:clause-royalties in the graph",
        ),
        (
            ("    change: unchanged", "    change: tweaked"),
            ":28: change is one of new, continued, unchanged, amended, removed",
        ),
        (
            ("  type: joint-statement", "  type: press-release"),
            ":8: type is one of partnership-start, partnership-announcement, extension, "
            "memorandum-of-understanding, definitive-agreement, joint-statement, amendment",
        ),
        (
            ("    exclusivity: non-exclusive", "    exclusivity: sole"),
            ":16: exclusivity is one of exclusive, non-exclusive, primary",
        ),
        (
            ("    role: hosts", "    role: rents"),
            ":32: role is one of hosts, serves, distributes, supplies-compute",
        ),
        (
            ("    covers: openai-ip", "    covers: openai-ip\n    colour: blue"),
            ":20: unknown key 'colour' in a term; known: ",
        ),
        (("  date: 2027-06-01", "  date: June 2027"), ":9: malformed date 'June 2027'"),
        (
            ("parties: [microsoft, openai]", "parties: [microsoft, openai"),
            ":11: not YAML: expected ',' or ']'",
        ),
    ],
)
def test_a_bad_sheet_is_one_line_at_its_line_and_writes_nothing(cli, sheet, edit, message) -> None:
    path, data = sheet
    path.write_text(path.read_text().replace(*edit))
    run = cli("add", str(path), "--data", str(data))
    assert run.code == 2 and run.out == ""
    assert run.err.startswith(f"kg: error: {path}{message}"), run.err
    assert run.err.count("\n") == 1
    assert not (data / "fictional-2027-06.ttl").exists()


def test_a_sheet_that_breaks_the_shapes_is_not_written(cli, sheet) -> None:
    path, data = sheet
    text = path.read_text().replace("    change: unchanged\n", "    change: amended\n")
    write(path, text.replace("  - clause: clause-revenue-share", "  - clause: clause-trainium-compute"))
    run = cli("add", str(path), "--data", str(data))
    assert run.code == 2 and "not written" in run.err and "previous version" in run.err, run.err
    assert not (data / "fictional-2027-06.ttl").exists()


def test_change_continued_is_accepted_as_the_ontology_has_it(cli, sheet) -> None:
    # kg:Continued: in force before, in a version the graph does not hold (a clause of another
    # partnership has no earlier version in this one)
    path, data = sheet
    text = path.read_text().replace("    change: unchanged\n", "    change: continued\n")
    write(path, text.replace("  - clause: clause-revenue-share", "  - clause: clause-trainium-compute"))
    run = cli("add", str(path), "--data", str(data))
    assert (run.code, run.err) == (0, ""), run.err
    assert "term-fictional-2027-06-01-trainium-compute: continued, as the source states" in run.out.splitlines()
    found = graph.load(data).query(
        "SELECT ?change ?unknown WHERE { pk:term-fictional-2027-06-01-trainium-compute kg:changeType ?change ;"
        " kg:previousVersionUnknown ?unknown }"
    ).values()
    assert found == [{"change": "https://w3id.org/partnership-kg/ns#Continued", "unknown": "true"}]


def test_change_continued_with_an_earlier_version_in_the_graph_is_one_line(cli, sheet) -> None:
    path, data = sheet
    path.write_text(path.read_text().replace("    change: unchanged\n", "    change: continued\n"))
    run = cli("add", str(path), "--data", str(data))
    assert run.code == 2 and run.err.count("\n") == 1, run.err
    assert run.err.startswith(f"kg: error: {path}:28: change: continued is for a clause with no earlier version")
    assert "term-amended-revenue-share" in run.err
    assert not (data / "fictional-2027-06.ttl").exists()
