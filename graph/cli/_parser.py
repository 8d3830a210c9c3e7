"""The ``kg`` argument parser (argparse): for ``--help``, for errors, and for the commands that
graph.cli._quick does not read itself."""

from __future__ import annotations

import argparse
import os
import sys

from graph._version import __version__
from graph.cli._commands import COMMANDS, declared


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter (descriptions as written), as wide as the terminal: its width read as
    ``shutil.get_terminal_size`` reads it, without importing shutil (argparse makes a formatter
    for every option it adds, and shutil costs ``kg``'s start-up time)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


def _columns() -> int:
    """The terminal's columns: ``$COLUMNS``, else standard output's terminal, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def build_parser(only: str | None = None, examples: bool = True) -> argparse.ArgumentParser:
    """The ``kg`` argument parser (every command but the standalone ones takes ``--data DIR``);
    ``examples`` ends each help with its examples.

    With ``only``, just that command's sub-parser is built (and its module imported): argparse
    set-up is a noticeable part of ``kg``'s start-up time, and one command is all a run needs.
    """

    def epilog(name: str) -> str | None:
        if not examples:
            return None
        from graph.output import epilog as examples_of

        text = examples_of(name)
        if name == "add" and text:  # every key of a sheet, with an example, before the examples
            from graph.authoring import help_text

            text = help_text() + "\n\n" + text
        return text

    parser = argparse.ArgumentParser(
        prog="kg",
        description="Query and explore the Microsoft–OpenAI partnership knowledge graph.",
        epilog=epilog("kg"),
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        if only is not None and name != only:
            continue
        run, options = declared(name)
        doc = (run.__doc__ or "").strip().splitlines()[0]
        command = sub.add_parser(
            name,
            help=doc,
            description=doc,
            epilog=epilog(name),
            formatter_class=_Formatter,
        )
        command.set_defaults(func=run)
        for option in options:
            option.add_to(command)
    return parser
