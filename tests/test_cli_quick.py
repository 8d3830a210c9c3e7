"""graph.cli._quick reads a question's plain arguments exactly as argparse does, and leaves the
rest to argparse: its answer, or its message, is the same either way (issue 19: start-up time)."""

from __future__ import annotations

import pytest

from graph.cli import build_parser
from graph.cli._quick import parse
from graph.questions import NAMES

PLAIN = [
    ["hosts"],
    ["hosts", "--format", "json"],
    ["hosts", "Frontier", "--as-of", "2026-03", "--columns", "provider,role,exclusivity"],
    ["hosts", "stateless APIs", "--wide", "--evidence", "--format", "table"],
    ["hosts", "--format", "json", "--format", "csv"],  # the last one counts
    ["hosts", "--data", "a", "--data", "b", "--corpus-only", "--time-limit", "5", "--memory-limit", "300"],
    ["hosts", "--endpoint", "http://localhost:1/sparql", "--graph", "default", "--http-timeout", "2.5"],
    ["hosts", "--http-method", "get", "--user", "me:secret", "--store", "db"],
    ["hosts", ""],  # an empty subject is a value (the library says what is wrong with it)
    ["changes", "2019", "2025-10", "--format", "json"],
    ["changes", "agreement-2019", "2026-03", "--partnership", "openai-microsoft", "--format", "md"],
    ["terms", "--as-of", "2025-06"],
    ["timeline"],
    ["sources", "stateless-apis", "--context", "../shared/sources"],
    ["conflicts", "--format", "tsv"],
    ["secondary"],
    ["partners", "openai"],
    ["history", "--format", "csv"],
]
"""Argument lists the quick reader takes (every question command among them)."""

LEFT_TO_ARGPARSE = [
    ["hosts", "--form", "json"],  # an abbreviation
    ["hosts", "--format=json"],
    ["hosts", "--format", "jsn"],  # not a choice
    ["hosts", "--format"],  # no value
    ["hosts", "--columns", "-x"],  # a value that looks like an option
    ["hosts", "--time-limit", "0"],  # refused by its type
    ["hosts", "--time-limit", "nan"],
    ["hosts", "--memory-limit", "lots"],
    ["hosts", "--wide", "Frontier"],  # a positional after an option
    ["hosts", "Frontier", "openai"],  # one positional too many
    ["hosts", "--nope"],
    ["hosts", "--"],
    ["hosts", "-"],
    ["hosts", "-5"],
    ["changes", "2019"],  # a required positional missing
    ["sources"],
    ["partners", "--format", "json"],
]
"""Argument lists the quick reader leaves to argparse (they are unusual, or wrong)."""


def argparse_reads(argv: list[str]) -> dict[str, object]:
    return vars(build_parser(argv[0], examples=False).parse_args(argv))


def test_every_question_command_is_read_quickly_somewhere() -> None:
    assert {argv[0] for argv in PLAIN} == set(NAMES)


@pytest.mark.parametrize("argv", PLAIN, ids=" ".join)
def test_plain_arguments_are_read_as_argparse_reads_them(argv: list[str]) -> None:
    quick = parse(argv)
    assert quick is not None
    assert vars(quick) == argparse_reads(argv)


@pytest.mark.parametrize("argv", LEFT_TO_ARGPARSE, ids=" ".join)
def test_anything_else_is_left_to_argparse(argv: list[str]) -> None:
    assert parse(argv) is None


def test_what_is_left_to_argparse_still_works_or_fails_as_before(cli) -> None:
    abbreviated = cli("hosts", "Frontier", "--form", "json")
    assert abbreviated.code == 0 and abbreviated.out == cli("hosts", "Frontier", "--format=json").out
    assert '"provider": "Microsoft Azure"' in abbreviated.out
    wrong = cli("hosts", "--format", "jsn")
    assert wrong.code == 2 and "argument --format: invalid choice: 'jsn'" in wrong.err
    assert wrong.err.startswith("usage: kg hosts")
    late = cli("hosts", "--format", "tsv", "Frontier")  # argparse takes a positional after options too
    assert late.code == 0 and late.out == cli("hosts", "Frontier", "--format", "tsv").out
    assert "\tMicrosoft Azure\tazure\tMicrosoft\thosts\t" in late.out
    extra = cli("hosts", "Frontier", "openai")
    assert extra.code == 2 and "unrecognized arguments: openai" in extra.err


def test_the_arguments_print_as_argparse_s_namespace() -> None:
    quick = parse(["hosts", "--format", "json"])
    assert quick is not None and "format" in quick and "nothing" not in quick
    assert repr(quick).startswith("Namespace(as_of=None, columns=None, command='hosts', corpus_only=False, ")
