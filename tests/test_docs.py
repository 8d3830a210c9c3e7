"""The README: every command documented, every example runnable, the CI runs its test command."""

from __future__ import annotations

import contextlib
import io
import re
import shlex

import pytest

from graph.cli import COMMANDS
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, re.S)


CONSOLE = [line[2:] for block in blocks("console") for line in block.splitlines() if line.startswith("$ kg ")]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_is_in_the_readme(command: str) -> None:
    assert re.search(rf"\bkg {re.escape(command)}\b", README), (
        f"`kg {command}` is not documented in README.md"
    )


@pytest.mark.parametrize("line", CONSOLE)
def test_readme_console_examples_run(cli, line: str, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    run = cli(*shlex.split(line)[1:])
    assert run.code == 0, run.err
    assert run.out.strip()


def test_readme_python_examples_run(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # examples may write files: keep them out of the working tree
    out = io.StringIO()
    namespace: dict[str, object] = {}
    with contextlib.redirect_stdout(out):
        for code in blocks("python"):
            exec(compile(code, "README.md", "exec"), namespace)
    assert "<iframe" in namespace["page"]._repr_html_()  # type: ignore[attr-defined]
    assert "Microsoft Azure exclusive 2025-01-21" in out.getvalue()
    assert "amended IP license [('exclusivity', 'exclusive', 'non-exclusive')]" in out.getvalue()


def test_the_data_model_s_turtle_example_is_valid_data(tmp_path) -> None:
    import graph

    model = (REPO / "docs" / "data-model.md").read_text(encoding="utf-8")
    [turtle] = re.findall(r"```turtle\n(.*?)```", model, re.S)
    (tmp_path / "acme.ttl").write_text(turtle.replace("…64 hex digits of the file…", "0" * 64))
    kg = graph.load(tmp_path)
    assert "Acme Cloud" in {h.provider for h in kg.hosts("Frontier")}
    assert kg.validate().conforms


def test_ci_runs_the_readme_test_command() -> None:
    commands = [
        line for block in blocks("sh") for line in block.splitlines() if line and not line.startswith("#")
    ]
    assert len(commands) == 2, "the README has exactly two set-up commands"
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci
    assert "kg verify-sources ../shared/sources" in ci


def test_the_readme_is_at_most_200_lines() -> None:
    assert len(README.splitlines()) <= 200


def _generator():  # docs/generate.py, which is not a module of the package
    import importlib.util

    spec = importlib.util.spec_from_file_location("generate_docs", REPO / "docs" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_docs_question_tables_are_the_registry_s(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")  # the generator sets it for argparse; put back afterwards
    # the README's and docs/cli.md's tables of questions, commands and outputs are generated:
    # python docs/generate.py rewrites them; a question added, renamed or changed fails here first
    generate = _generator()
    assert generate.readme(README) == README, "README.md is stale: run python docs/generate.py"
    cli_md = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert generate.cli_reference() == cli_md, "docs/cli.md is stale: run python docs/generate.py"
    from graph.questions import registry

    table = README.split("<!-- generated: questions -->")[1].split("<!-- /generated -->")[0]
    listed = re.findall(r"^\| `([a-z-]+)` \|", table, re.M)
    assert listed == list(registry()) and table in cli_md.replace("../queries/", "queries/")
