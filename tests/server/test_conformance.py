"""One answer on every engine: every case of the golden files, asked of the embedded store (in
memory and on disk), kg serve, the Oxigraph server and Virtuoso (both after kg push), is equal."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import graph
from conformance._cases import cases
from conformance._run import ask_all, golden, main
from graph._vocab import DEFAULT_GRAPH_IRI
from graph.remote._backend import connect

pytestmark = pytest.mark.server

GOLDEN = Path(__file__).parents[1] / "golden"
EXPECTED = golden(GOLDEN)
CASES = cases(graph.load())


def _not_equal(cells: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """The cells that are not "equal", and a missing-cases marker when a case went unasked."""
    missing = {("missing", f"{len(CASES) - len(cells)} cases"): "unasked"} if len(cells) != len(CASES) else {}
    return {k: v for k, v in cells.items() if v != "equal"} | missing


def test_the_embedded_store_on_disk() -> None:
    # In a child process, as a user runs it: an on-disk store opened in this (pytest) process
    # starts RocksDB's background threads, and a later kg command with --store, which forks, then
    # waits forever in the child for a flush that no thread runs (test_hardening's rebuild test).
    done = subprocess.run(
        [sys.executable, "-m", "conformance", "--engine", "on disk", "--golden", str(GOLDEN)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    lines = done.stdout.splitlines()
    assert done.returncode == 0
    assert re.fullmatch(rf"on disk: {len(CASES)}/{len(CASES)} equal \(\d+\.\d s\)\n", done.stderr), (
        done.stderr
    )
    assert [line.split()[-1] for line in lines[1:-2]] == ["equal"] * len(CASES)
    assert lines[-2].split() == ["equal", f"{len(CASES)}/{len(CASES)}"]


def test_kg_serve_asked_for_the_pushed_graph_name(kg_server: str) -> None:
    assert _not_equal(ask_all(connect(kg_server + "/sparql", graph=DEFAULT_GRAPH_IRI), CASES, EXPECTED)) == {}


def test_the_oxigraph_server_after_kg_push(pushed: str) -> None:
    assert _not_equal(ask_all(connect(pushed, graph=DEFAULT_GRAPH_IRI), CASES, EXPECTED)) == {}


def test_virtuoso_after_kg_push_with_digest_auth(virtuoso_pushed: tuple[str, str]) -> None:
    url, user = virtuoso_pushed
    assert _not_equal(ask_all(connect(url, user=user), CASES, EXPECTED)) == {}


def test_the_command_prints_the_table_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--engine", "embedded", "--golden", str(GOLDEN)])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[0].split() == ["case", "embedded"]
    assert out[1].split()[-1] == "equal"
    assert out[-2].split() == ["equal", f"{len(CASES)}/{len(CASES)}"]
    assert len(out) == len(CASES) + 3


def test_a_difference_is_shown_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for path in GOLDEN.glob("*.json"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    conflicts: dict[str, Any] = json.loads((tmp_path / "conflicts.json").read_text(encoding="utf-8"))
    conflicts["all"] = conflicts["all"][1:]
    (tmp_path / "conflicts.json").write_text(json.dumps(conflicts), encoding="utf-8")
    assert main(["--engine", "embedded", "--golden", str(tmp_path)]) == 1
    printed = capsys.readouterr()
    rows = [line.split() for line in printed.out.splitlines()]
    assert ["conflicts:", "all", "differs"] in rows
    expected = len(conflicts["all"])
    assert printed.err.splitlines() == [  # where it differs, then the engine's total
        f"embedded: conflicts: all: differs: answer: {expected} items expected, {expected + 1} given",
        f"embedded: {len(CASES) - 1}/{len(CASES)} equal" + printed.err.splitlines()[-1].split("equal", 1)[1],
    ]


def test_without_golden_files_it_says_how_to_write_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--golden", str(tmp_path)]) == 2
    assert "--write-golden" in capsys.readouterr().err


def test_every_engine_in_corpus_only_mode() -> None:
    """The five documents' answers alone (issue 21), on every engine, each started and pushed by
    the conformance command itself, as a user runs it."""
    from tests.server.conftest import virtuoso_binary

    virtuoso_binary()  # skip without Debian's Virtuoso (fail on CI)
    golden_dir = GOLDEN / "corpus-only"
    expected = len(cases(graph.load(corpus_only=True)))
    done = subprocess.run(
        [sys.executable, "-m", "conformance", "--corpus-only", "--golden", str(golden_dir)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr
    last = done.stdout.splitlines()[-2].split()
    assert last == ["equal"] + [f"{expected}/{expected}"] * 5, done.stdout[-2000:]
