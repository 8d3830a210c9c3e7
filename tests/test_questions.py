"""The question registry (graph.questions): kg.ask answers every question as its typed method and
its command do, and refuses what a question does not take in one line."""

from __future__ import annotations

import json
import shlex

import pytest

from graph import ParameterError, PartnershipGraph, UnknownQueryError
from graph.questions import NAMES, get, registry

TYPED = {
    "hosts": lambda kg: kg.hosts("Frontier", as_of="2026-03"),
    "changes": lambda kg: kg.changes("agreement-2025-10", "agreement-2026-02-27"),
    "terms": lambda kg: kg.terms("2026-03"),
    "timeline": lambda kg: kg.timeline(),
    "sources": lambda kg: kg.sources_for("Frontier"),
    "conflicts": lambda kg: kg.conflicts(),
    "secondary": lambda kg: kg.secondary_only(),
    "partners": lambda kg: kg.partners("OpenAI"),
}
ASKED = {
    "hosts": {"subject": "Frontier", "as_of": "2026-03"},
    "changes": {"from_": "agreement-2025-10", "to": "agreement-2026-02-27"},
    "terms": {"as_of": "2026-03"},
    "sources": {"entity": "Frontier"},
    "partners": {"org": "OpenAI"},
}


@pytest.mark.parametrize("name", sorted(TYPED))
def test_ask_gives_what_the_typed_method_gives(kg: PartnershipGraph, name: str) -> None:
    answer = kg.ask(name, **ASKED.get(name, {}))
    assert answer and answer == TYPED[name](kg)
    assert all(isinstance(row, get(name).answer) for row in answer)


def test_every_question_s_help_examples_run(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert list(registry()) == list(NAMES)
    for question in registry().values():
        assert question.summary.endswith(".") and question.examples, question.name
        for line in question.examples:
            run = cli(*shlex.split(line.split(" > ")[0])[1:])  # the shell's redirection left out
            assert run.code == 0 and "error" not in run.err, (line, run.err)  # notes, as kg changes says
            assert run.out.strip(), line
            if "--format json" in line:
                assert json.loads(run.out), line


def test_an_unknown_question_names_the_nearest(kg: PartnershipGraph) -> None:
    with pytest.raises(UnknownQueryError, match=r"unknown query 'host'; did you mean: hosts"):
        kg.ask("host")


def test_a_parameter_the_question_lacks_or_needs_is_one_line(kg: PartnershipGraph) -> None:
    with pytest.raises(ParameterError, match=r"^question 'hosts' has no parameter 'colour'; accepted: subject, as_of$"):
        kg.ask("hosts", colour="blue")
    with pytest.raises(ParameterError, match=r"^question 'terms' needs parameter 'as_of': the date"):
        kg.ask("terms")


def test_the_history_question_bounds_each_version(kg: PartnershipGraph) -> None:
    versions = kg.ask("history", subject="clause-ip-license")
    assert [(v.start, v.end, v.change_type, v.exclusivity) for v in versions] == [
        # January 2025 (reported): Microsoft keeps its rights to OpenAI's IP; no exclusivity reported
        ("agreement-2025-01-21", "agreement-2025-10", "continued", None),
        # October 2025: IP rights through 2032, not 2030 (reported): amended since January
        ("agreement-2025-10", "agreement-2026-02-27", "amended", "exclusive"),
        ("agreement-2026-02-27", "agreement-amended", "unchanged", "exclusive"),
        ("agreement-amended", None, "amended", "non-exclusive"),
    ]
    first = versions[0]
    assert (first.start_earliest, first.start_latest, first.end_latest) == ("2025-01-21", "2025-01-21", "2025-10-28")
    assert {v.kind for v in kg.ask("history")} == {"role", "term"}
