"""The sheet format's one description (graph/authoring/_schema.py): the shipped JSON Schema, the
keys `kg add --help` lists, and the example sheets it accepts."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from graph.authoring._schema import BASIS, SECTIONS, sheet_schema
from tests.conftest import REPO

SHIPPED = REPO / "graph" / "authoring" / "sheet.schema.json"
SHEETS = [
    REPO / "docs" / "examples" / "fictional-2027-06.yaml",
    REPO / "tests" / "journey" / "journey.yaml",
    REPO / "tests" / "journey" / "aws-distributes.yaml",
]


def test_the_shipped_schema_is_the_one_the_code_describes() -> None:
    assert json.loads(SHIPPED.read_text()) == sheet_schema(), "python -m graph.authoring._schema > " + str(
        SHIPPED
    )
    jsonschema.Draft202012Validator.check_schema(sheet_schema())


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda p: p.name)
def test_the_example_sheets_validate(sheet: Path) -> None:
    data = yaml.load(sheet.read_text(), Loader=yaml.BaseLoader)
    assert list(jsonschema.Draft202012Validator(sheet_schema()).iter_errors(data)) == []


def test_the_schema_refuses_what_kg_add_refuses() -> None:
    validator = jsonschema.Draft202012Validator(sheet_schema())
    bad = {
        "agreement": {"colour": "blue"},
        "reports": {"r": {"publisher": "P", "title": "T", "published": "2028", "read": "2028-01"}},
        "roles": [],
    }
    errors = list(validator.iter_errors(bad))
    found = sorted(e.message for e in errors)
    # agreement: is a mapping or the id of an agreement in the graph; the mapping's error says why
    [agreement] = [e for e in errors if list(e.path) == ["agreement"]]
    assert agreement.message == "{'colour': 'blue'} is not valid under any of the given schemas"
    assert "Additional properties are not allowed ('colour' was unexpected)" in [c.message for c in agreement.context]
    assert "'url' is a required property" in found
    assert "[] should be non-empty" in found
    assert any("'2028-01' does not match" in m for m in found)


def test_kg_add_help_lists_every_key_with_its_example(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    run = cli("add", "--help")
    assert run.code == 0
    lines = run.out.splitlines()
    assert max(len(line) for line in lines) <= 80  # wrapped to the terminal
    # each key's entry: its line and the continuation lines under it, as one text
    entries: list[str] = []
    for line in lines:
        if line.startswith("    ") and not line.startswith("     ") and line.split()[0].endswith(":"):
            entries.append(line.strip())
        elif entries and line.startswith(" " * 27) and line.strip():
            entries[-1] += " " + line.strip()
    texts = [" ".join(e.split()) for e in entries]
    for section in (*SECTIONS.values(), BASIS):
        for key, (_, example, what) in section.items():
            assert any(t.startswith(f"{key}: ") and f"{what} (e.g. {example})" in t for t in texts), key
