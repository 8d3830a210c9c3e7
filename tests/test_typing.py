"""The package is typed for its users: ``mypy --strict`` passes on it, and on code that uses it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

USER_CODE = """
import graph

kg = graph.load()
reveal_type(kg)
reveal_type(kg.hosts("stateless-apis"))
reveal_type(kg.changes("agreement-2025-10", "agreement-2026-02-27"))
reveal_type(graph.connect("http://127.0.0.1:9/sparql", check=False))
reveal_type(kg.validate())
reveal_type(kg.verify_sources("sources"))
reveal_type(graph.explore)
first: graph.HostRole = kg.hosts()[0]
provider: str = first.provider
"""


def mypy(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run mypy --strict as a user would, in ``cwd``."""
    pytest.importorskip("mypy")
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
    )


@pytest.mark.slow
def test_mypy_strict_is_clean_on_the_package(tmp_path):
    done = mypy("--cache-dir", str(tmp_path / "cache"), "graph", cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""


@pytest.mark.slow
def test_a_users_mypy_sees_the_real_types(tmp_path):
    # Outside the repository, mypy finds graph only as an installed package: through py.typed.
    (tmp_path / "user.py").write_text(USER_CODE, encoding="utf-8")
    done = mypy("--cache-dir", str(tmp_path / "cache"), "user.py", cwd=tmp_path)
    revealed = [line.split(": note: ", 1)[1] for line in done.stdout.splitlines() if ": note: " in line]
    assert revealed[:6] == [
        'Revealed type is "graph._graph.PartnershipGraph"',
        'Revealed type is "graph.answers._display.Answers[graph.answers._types.HostRole]"',
        'Revealed type is "graph.answers._display.Answers[graph.answers._records.Change]"',
        'Revealed type is "graph._graph.PartnershipGraph"',
        'Revealed type is "graph.checks._shacl.ValidationReport"',
        'Revealed type is "graph.checks._quotes.VerificationReport"',
    ]
    assert revealed[6].startswith('Revealed type is "def (')  # explore: a typed function, not object
    assert [line for line in done.stdout.splitlines() if ": error: " in line] == []
