"""kg diff OLD NEW on the test journey's before/after folders (tests/diff/): the changed
answers, whole, as a table, JSON and an Atom feed (golden files beside the folders)."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.conftest import REPO

DIFF = REPO / "tests" / "diff"
ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_after_folder_is_what_the_journey_writes(cli, tmp_path: Path) -> None:
    folder = tmp_path / "journey"
    shutil.copytree(REPO / "tests" / "journey", folder)
    data = tmp_path / "data"
    args = ("--publisher", "partnership-kg tests (fictional)", "--primary")
    assert cli("source", "add", str(folder / "statement-2028-03.txt"), "--data", str(data), *args).code == 0
    assert cli("add", str(folder / "journey.yaml"), "--data", str(data), "--corpus-only").code == 0
    for name in ("sources.ttl", "journey.ttl"):
        assert (data / name).read_text() == (DIFF / "after" / name).read_text(), name
    assert (DIFF / "before" / "base.ttl").read_text() == (DIFF / "after" / "base.ttl").read_text()


def test_diff_lists_exactly_the_changed_answers(cli) -> None:
    before, after = str(DIFF / "before"), str(DIFF / "after")
    table = cli("diff", before, after)
    assert (table.code, table.err) == (0, "")
    assert table.out == (DIFF / "expected.table").read_text()
    run = cli("diff", before, after, "--format", "json")
    answers = json.loads(run.out)
    assert answers == json.loads((DIFF / "expected.json").read_text())
    assert [a["id"] for a in answers] == [
        "hosts",
        "hosts/as_of=2025-10",
        "hosts/as_of=2028-03-01",
        "timeline",
        "changes/from=agreement-2025-10/to=agreement-2028-03-01",
    ]
    ended = answers[2]["changed"][0]
    assert (ended["key"], ended["fields"]["status"]) == (
        "role-azure-hosts-stateless-apis",
        {"old": "in force", "new": "ended"},
    )
    assert cli("diff", before, before).out == "no headline answer changed\n"


def test_the_atom_feed_is_xml_with_one_entry_per_changed_answer(cli) -> None:
    run = cli("diff", str(DIFF / "before"), str(DIFF / "after"), "--format", "atom")
    assert run.code == 0
    feed = ET.fromstring(run.out)
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    answers = json.loads((DIFF / "expected.json").read_text())
    assert [e.findtext(f"{ATOM}id") for e in entries] == [
        f"tag:w3id.org,2026:partnership-kg/diff/{a['id']}" for a in answers
    ]
    assert all(e.findtext(f"{ATOM}updated") == "2028-03-01T00:00:00Z" for e in entries)
    expected = (DIFF / "expected.atom").read_text()
    shown = run.out.replace(str(DIFF / "before"), "BEFORE").replace(str(DIFF / "after"), "AFTER")
    assert shown == expected


def test_diff_takes_git_revisions_and_refuses_what_is_neither(cli) -> None:
    run = cli("diff", "HEAD", "HEAD")
    assert (run.code, run.out) == (0, "no headline answer changed\n"), run.err
    run = cli("diff", "--no-such-rev", "HEAD")
    assert run.code == 2
    run = cli("diff", "no-such-revision-xyz", "HEAD")
    assert (run.code, run.err) == (
        2,
        "kg: error: 'no-such-revision-xyz' is neither a data folder nor a git revision with a data/ folder\n",
    )
