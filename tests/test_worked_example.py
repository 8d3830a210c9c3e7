"""The README's worked example, run exactly as written (its commands are parsed from the README)."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, SOURCES, needs_sources


def readme_steps() -> list[list[str]]:
    """The ``kg`` command lines between the worked-example markers of docs/data-model.md."""
    text = (REPO / "docs" / "data-model.md").read_text(encoding="utf-8")
    section = text.split("<!-- worked-example:start -->")[1].split("<!-- worked-example:end -->")[0]
    blocks = re.findall(r"```shell\n(.*?)```", section, re.S)
    return [shlex.split(line) for block in blocks for line in block.splitlines() if line.strip()]


def test_the_readme_gives_at_most_five_commands_to_a_compared_announcement() -> None:
    steps = readme_steps()
    assert all(step[0] == "kg" for step in steps)
    to_changes = [step[1] for step in steps][: [step[1] for step in steps].index("changes") + 1]
    assert to_changes == ["source", "add", "verify-sources", "changes"]
    assert [step[1] for step in steps][4:] == ["hosts", "explore"]


@needs_sources
def test_the_worked_example_runs_as_written(tmp_path: Path) -> None:
    repo = tmp_path / "repo"  # laid out like the repository, so that the README's paths hold
    shutil.copytree(REPO / "docs" / "examples", repo / "docs" / "examples")
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "sources").symlink_to(SOURCES)
    outputs = []
    for step in readme_steps():
        run = subprocess.run(
            [sys.executable, "-m", "graph.cli", *step[1:]],
            cwd=repo,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert run.returncode == 0, (step, run.stderr)
        outputs.append(run.stdout)
    source, add, verify, changes, hosts, explore = outputs
    assert (
        source
        == f"added source-fictional-2027-06-statement (fictional-2027-06-statement.txt) to {Path('my-data') / 'sources.ttl'}\n"
    )
    assert add.splitlines()[0] == (
        "term-fictional-2027-06-01-ip-license: unchanged, inferred: compared with term-amended-ip-license: "
        "covers, exclusivity, grantee, grantor the same"
    )
    assert add.splitlines()[-1] == f"wrote {Path('my-data') / 'fictional-2027-06.ttl'}: valid"
    assert verify.endswith(" in 6 sources: all verified\n") and "(0 at their positions)" not in verify
    rows = [line.split("\t") for line in changes.splitlines()]
    header = rows[0]
    status = {
        r[header.index("clause")]: (r[header.index("status")], r[header.index("differences")])
        for r in rows[1:]
    }
    assert status["clause-azure-cloud"] == ("amended", "exclusivity: primary → exclusive")
    assert status["clause-ip-license"][0] == status["clause-revenue-share"][0] == "unchanged"
    assert "role-azure-hosts-frontier-fictional-2027-06-01" in hosts
    assert explore == f"{Path('my-explorer.html')}\n"
    page = (repo / "my-explorer.html").read_text(encoding="utf-8")
    assert '"match":"Microsoft\'s license to OpenAI\'s intellectual property becomes non-exclusive"' in page
