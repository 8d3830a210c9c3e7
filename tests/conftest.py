"""Shared fixtures: a fresh compiled-graph cache per session, the loaded graph, a CLI runner.

Every test directory uses these; tests/server/conftest.py adds only the servers.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

REPO = Path(__file__).resolve().parent.parent
SOURCES = Path(os.environ.get("KG_SOURCES") or REPO.parent / "shared" / "sources")
"""The source corpus (CI has it beside the repository; KG_SOURCES=/nowhere runs the tests without it)."""
needs_sources = pytest.mark.skipif(
    not SOURCES.is_dir(), reason=f"the corpus folder {SOURCES} is not there (../shared/sources)"
)
"""Marks a test that reads the source corpus: skipped, with the reason, where it is absent."""


def pytest_configure(config: pytest.Config) -> None:
    """Keep compiled graphs out of the user's home and the working tree."""
    if "PARTNERSHIP_KG_CACHE" not in os.environ:
        os.environ["PARTNERSHIP_KG_CACHE"] = tempfile.mkdtemp(prefix="kg-cache-")


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A compiled-graph cache folder of this test's own, empty at its start (the session's is
    shared, so a test that counts or damages cache files takes this one)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("PARTNERSHIP_KG_CACHE", str(folder))
    return folder


@pytest.fixture(scope="session")
def kg_full():
    """The packaged partnership graph, loaded once."""
    import graph

    return graph.load()


@pytest.fixture(scope="module")
def kg(request: pytest.FixtureRequest, kg_full, kg_corpus):  # type: ignore[no-untyped-def]
    """The packaged graph; the corpus documents' graph alone in a module that sets
    ``CORPUS_ONLY = True`` (its answers are the five documents')."""
    return kg_corpus if getattr(request.module, "CORPUS_ONLY", False) else kg_full


class Run(NamedTuple):
    """What a CLI invocation printed and returned (``run.code`` or ``code, out, err = run``)."""

    code: int
    out: str
    err: str


CliRunner = Callable[..., Run]
"""The type of the ``cli`` fixture: ``cli(*args)`` runs ``kg ARGS``."""


@pytest.fixture
def cli(request: pytest.FixtureRequest, cli_any: CliRunner, cli_corpus: CliRunner) -> CliRunner:
    """Run ``kg ARGS`` in-process; with ``--corpus-only`` in a module that sets ``CORPUS_ONLY``."""
    return cli_corpus if getattr(request.module, "CORPUS_ONLY", False) else cli_any


@pytest.fixture
def cli_any(capsys: pytest.CaptureFixture[str]) -> CliRunner:
    """Run ``kg ARGS`` in-process, as the console script does."""
    from graph.cli import main

    def invoke(*args: str) -> Run:
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse usage errors
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return invoke


@pytest.fixture(scope="session")
def kg_corpus():
    """The graph of the five corpus documents alone (no reported facts), loaded once."""
    import graph

    return graph.load(corpus_only=True)


CORPUS_COMMANDS = {"query", "hosts", "changes", "terms", "timeline", "sources", "conflicts",
                   "secondary", "partners", "export", "build", "validate", "explore"}
"""The commands that take ``--corpus-only``."""


@pytest.fixture
def cli_corpus(cli_any: CliRunner) -> CliRunner:
    """Run ``kg COMMAND --corpus-only ARGS``: the five corpus documents' answers alone."""

    def invoke(*args: str) -> Run:
        if args and args[0] in CORPUS_COMMANDS:
            return cli_any(args[0], "--corpus-only", *args[1:])
        return cli_any(*args)

    return invoke


class _Captured(io.TextIOWrapper):
    """A text stream with a byte buffer, as pytest's captured standard output has."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8", newline="", write_through=True)

    def text(self) -> str:
        value: bytes = self.buffer.getvalue()  # type: ignore[attr-defined]
        return value.decode("utf-8")


@pytest.fixture(scope="session")
def _builds() -> dict[bool, tuple[Path, Run]]:
    """The session's packaged builds, by whether they are corpus-only."""
    return {}


@pytest.fixture
def packaged_build(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, _builds: dict[bool, tuple[Path, Run]]
) -> tuple[Path, Run]:
    """``kg build --out DIR`` of the packaged data (``--corpus-only`` in a module that sets
    ``CORPUS_ONLY``), run once a session (in-process) for the tests that read what it writes or
    copy the folder: the folder and what the run printed (read it, never change it)."""
    from graph.cli import main

    corpus_only = bool(getattr(request.module, "CORPUS_ONLY", False))
    if corpus_only not in _builds:
        out = tmp_path_factory.mktemp("build") / "out"
        stdout, stderr = _Captured(), _Captured()
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = main(["build", *(["--corpus-only"] if corpus_only else []), "--out", str(out)])
        _builds[corpus_only] = out, Run(code, stdout.text(), stderr.text())
    return _builds[corpus_only]


@pytest.fixture
def kg_process() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``kg ARGS`` as a separate process (``python -m graph.cli``), standard input optional."""

    def invoke(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "graph.cli", *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=120,
        )

    return invoke


def write(path: Path, text: str) -> Path:
    """Write a small data file for a test."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


PREFIXES = """@prefix kg: <https://w3id.org/partnership-kg/ns#> .
@prefix pk: <https://w3id.org/partnership-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
