"""Regenerate the parts of the docs that the code decides: ``python docs/generate.py``.

* ``docs/cli.md``: ``kg --help`` and every ``kg COMMAND --help``, with the table of questions;
* the README's blocks between ``<!-- generated: NAME -->`` and ``<!-- /generated -->``: the table
  of questions (graph.questions), the table of commands, and a few commands with their real output.

``tests/test_docs.py`` fails when the committed files differ from what this writes (``--check``
here says the same without writing).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WIDTH = "100"
EXAMPLES = (
    ("kg", "hosts", "stateless APIs", "--format", "table", "--columns", "provider,role,hosted,exclusivity,since_label"),
    ("kg", "changes", "agreement-2026-02-27", "agreement-amended", "--format", "table", "--wide", "--columns",
     "status,clause_label,differences"),
    ("kg", "hosts", "--as-of", "2025-06", "--format", "table", "--wide", "--columns", "provider,role,hosted,status"),
)
"""The commands the README shows with their output."""


def _help(command: str | None) -> str:
    os.environ["COLUMNS"] = WIDTH  # argparse wraps to the terminal's width
    from graph.cli import build_parser

    parser = build_parser(command, examples=True)
    if command is None:
        return parser.format_help()
    sub = next(a for a in parser._actions if a.dest == "command")
    return str(sub.choices[command].format_help())  # type: ignore[attr-defined]


def _summary(command: str) -> str:
    from graph.cli import COMMANDS
    from graph.cli._command import registered

    __import__(COMMANDS[command])
    run, _ = registered(command)  # a question command is declared on first use
    return (run.__doc__ or "").strip().splitlines()[0]


def questions_table(root: str = "") -> str:
    """The questions, from the registry: command, Python call, named query, what it answers."""
    from graph.questions import registry

    rows = ["| question | `kg` command | Python | named query | answers |", "| --- | --- | --- | --- | --- |"]
    for q in registry().values():
        args = " ".join(
            (p.flag if p.required else f"[{p.flag}]") if p.positional else
            (f"{p.flag} {p.metavar or p.name.upper()}" if p.required else f"[{p.flag} {p.metavar or p.name.upper()}]")
            for p in q.params
        )
        call = ", ".join(f"{p.name}=…" for p in q.params)
        rows.append(
            f"| `{q.name}` | `kg {q.name}{' ' + args if args else ''}` | `kg.ask(\"{q.name}\"{', ' + call if call else ''})`"
            f" | [`{q.query}`]({root}queries/{q.query}.rq) | {q.summary} |"
        )
    return "\n".join(rows) + "\n"


def commands_table() -> str:
    """Every ``kg`` command with its one-line help."""
    from graph.cli import COMMANDS

    rows = ["| command | what it does |", "| --- | --- |"]
    rows += [f"| `kg {name}` | {_summary(name)} |" for name in COMMANDS]
    return "\n".join(rows) + "\n"


def examples() -> str:
    """A few commands with their real output on the packaged data."""
    env = {**os.environ, "COLUMNS": WIDTH, "PYTHONPATH": str(REPO)}
    parts = []
    for argv in EXAMPLES:
        done = subprocess.run(
            [sys.executable, "-m", "graph.cli", *argv[1:]], capture_output=True, text=True, env=env, check=True
        )
        shown = " ".join(f'"{a}"' if " " in a else a for a in argv)
        parts.append(f"```text\n$ {shown}\n{done.stdout.rstrip()}\n```\n")
    return "\n".join(parts)


def cli_reference() -> str:
    """docs/cli.md: every command's --help."""
    from graph.cli import COMMANDS

    parts = [
        "# `kg` command reference\n\n",
        "Generated from `--help` by `python docs/generate.py` (a test fails when it is stale).\n\n",
        "## Questions\n\n",
        questions_table("../"),
        "\n## `kg`\n\n```text\n",
        _help(None),
        "```\n",
    ]
    for name in COMMANDS:
        parts += [f"\n## `kg {name}`\n\n```text\n", _help(name), "```\n"]
    return "".join(parts)


def readme(text: str) -> str:
    """The README with its generated blocks rewritten."""
    blocks = {"questions": questions_table, "commands": commands_table, "examples": examples}

    def fill(match: re.Match[str]) -> str:
        return f"<!-- generated: {match.group(1)} -->\n{blocks[match.group(1)]()}<!-- /generated -->"

    return re.sub(r"<!-- generated: (\w+) -->\n.*?<!-- /generated -->", fill, text, flags=re.S)


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(REPO))
    targets = {REPO / "docs" / "cli.md": cli_reference(), REPO / "README.md": readme((REPO / "README.md").read_text())}
    stale = [path for path, text in targets.items() if not path.exists() or path.read_text() != text]
    if "--check" in argv:
        for path in stale:
            print(f"stale: {path.relative_to(REPO)} (run python docs/generate.py)")
        return 1 if stale else 0
    for path in stale:
        path.write_text(targets[path])
        print(f"wrote {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
