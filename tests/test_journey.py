"""The update journey of issue 20, on a fictional text under tests/journey/ (never data/).

A new announcement ends Azure's exclusive role for the stateless APIs and adds AWS's: two
commands add it (``kg source add``, ``kg add``), a third asks who hosts the APIs. Run on the
corpus-only graph (``--corpus-only``), so that facts reported outside the corpus do not change
what the journey starts from.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO

JOURNEY = REPO / "tests" / "journey"
ENDING_QUOTE = "Azure's exclusivity for OpenAI's stateless APIs ends with this amendment"


def add_journey(cli, tmp_path: Path) -> tuple[Path, Path]:
    """The journey's folder copied, its text registered and its sheet added (commands 1 and 2):
    the folder and the data folder."""
    folder = tmp_path / "journey"
    shutil.copytree(JOURNEY, folder)
    data = tmp_path / "data"
    run = cli(
        "source", "add", str(folder / "statement-2028-03.txt"), "--data", str(data),
        "--publisher", "partnership-kg tests (fictional)", "--primary",
    )  # fmt: skip
    assert run.code == 0, run.err
    run = cli("add", str(folder / "journey.yaml"), "--data", str(data), "--corpus-only")
    assert (run.code, run.out, run.err) == (0, f"wrote {data / 'journey.ttl'}: valid\n", "")
    return folder, data


@pytest.fixture
def added(tmp_path: Path, cli) -> Path:
    """The data folder after the journey's two commands."""
    return add_journey(cli, tmp_path)[1]


def _hosts(cli, data: Path, *extra: str) -> list[dict]:
    run = cli("hosts", "stateless-apis", "--data", str(data), "--corpus-only", "--format", "json", *extra)
    assert run.code == 0, run.err
    return json.loads(run.out)


def _rows(answer: list[dict]) -> list[tuple]:
    return [(r["id"], r["exclusivity"], r.get("status"), r["until"], r["rank"]) for r in answer]


def test_a_sheet_ends_azures_exclusive_role_at_the_new_agreement(cli, added: Path) -> None:
    before = _hosts(cli, added, "--as-of", "2028-02")
    assert _rows(before) == [
        ("role-microsoft-distributes-stateless-apis", "non-exclusive", "in force", None, "normal"),
        ("role-azure-hosts-all-openai-workloads", "exclusive", "ended", "agreement-2025-10", "deprecated"),
        ("role-azure-hosts-stateless-apis", "exclusive", "in force", "agreement-2028-03-01", "deprecated"),
        ("role-openai-distributes-stateless-apis", "non-exclusive", "in force", None, "normal"),
    ]
    after = _hosts(cli, added, "--as-of", "2028-04")
    assert _rows(after) == [
        ("role-aws-hosts-stateless-apis-2028-03-01", "non-exclusive", "in force", None, "preferred"),
        ("role-microsoft-distributes-stateless-apis", "non-exclusive", "in force", None, "normal"),
        ("role-azure-hosts-all-openai-workloads", "exclusive", "ended", "agreement-2025-10", "deprecated"),
        ("role-azure-hosts-stateless-apis", "exclusive", "ended", "agreement-2028-03-01", "deprecated"),
        ("role-openai-distributes-stateless-apis", "non-exclusive", "in force", None, "normal"),
    ]
    quote = {
        "source": "source-statement-2028-03",
        "file": "statement-2028-03.txt",
        "publisher": "partnership-kg tests (fictional)",
        "title": None,
        "url": None,
        "quote": ENDING_QUOTE,
        "primary": True,
    }

    def stated(claim: str, prop: str, value: str) -> dict:
        basis = {"kind": "stated", "secondary_only": False, "rules": [], "reasoning": None, "premises": []}
        return {"property": prop, "value": value, "claim": claim, "basis": {**basis, "quotes": [quote]}}

    ended = after[3]
    endings = [v for v in ended["value_bases"] if v["property"] in ("until", "superseded by")]
    assert endings == [
        stated(
            "claim-role-azure-hosts-stateless-apis-superseded-by-role-aws-hosts-stateless-apis-2028-03-01",
            "superseded by",
            "role-aws-hosts-stateless-apis-2028-03-01",
        ),
        stated(
            "claim-role-azure-hosts-stateless-apis-until-agreement-2028-03-01",
            "until",
            "agreement-2028-03-01",
        ),
    ]
    aws = after[0]
    assert (aws["provider"], aws["role"], aws["since"], aws["basis"]["kind"]) == (
        "AWS", "hosts", "agreement-2028-03-01", "stated",
    )  # fmt: skip
    assert [e["quote"] for e in aws["evidence"]] == [
        "AWS will host OpenAI's stateless APIs on a non-exclusive basis"
    ]
    now = _hosts(cli, added)
    assert [(r["id"], r["rank"]) for r in now] == [
        ("role-aws-hosts-stateless-apis-2028-03-01", "preferred"),
        ("role-microsoft-distributes-stateless-apis", "normal"),
        ("role-openai-distributes-stateless-apis", "normal"),
    ]


def test_the_ending_quote_shows_in_the_table(cli, added: Path) -> None:
    run = cli(
        "hosts", "stateless-apis", "--as-of", "2028-04", "--data", str(added), "--corpus-only",
        "--format", "tsv", "--columns", "id,status,value_bases",
    )  # fmt: skip
    assert run.code == 0, run.err
    [row] = [
        r
        for r in csv.reader(io.StringIO(run.out), dialect="excel-tab")
        if r[0] == "role-azure-hosts-stateless-apis"
    ]
    assert row[:2] == ["role-azure-hosts-stateless-apis", "ended"]
    assert row[2].endswith(
        f'superseded by role-aws-hosts-stateless-apis-2028-03-01: stated "{ENDING_QUOTE}" (statement-2028-03.txt); '
        f'until agreement-2028-03-01: stated "{ENDING_QUOTE}" (statement-2028-03.txt)'
    )
