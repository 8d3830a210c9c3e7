"""A question command's arguments read without argparse, when they are plain.

Importing argparse and building its parser is a large part of the start-up time of ``kg hosts``.
A question command's arguments are a few positionals and ``--flag [VALUE]`` options, declared
once (graph.cli._command.Option); :func:`parse` reads them from those declarations when every
word is plain: the positionals first, then options spelt in full, each value a word that does
not start with ``-``, each value of its type and among its choices, every required one given.
Anything else (``--help``, ``--flag=value``, an abbreviation, an unknown option, a bad value, a
missing argument) it leaves to argparse (graph.cli._parser), which reads it, or says what is
wrong, as it always has: the result is the same either way (tests/test_cli_quick.py).
"""

from __future__ import annotations

from graph.cli._command import OneOf
from graph.cli._commands import declared

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from argparse import Namespace as _Base
    from collections.abc import Sequence
    from typing import Any

    from graph.cli._command import Option
else:
    _Base = object


class Arguments(_Base):
    """The parsed arguments, as argparse's ``Namespace`` holds them (one attribute each)."""

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)

    def __eq__(self, other: object) -> bool:
        return vars(self) == vars(other) if hasattr(other, "__dict__") else NotImplemented

    def __contains__(self, key: str) -> bool:
        return key in self.__dict__

    def __repr__(self) -> str:
        return f"Namespace({', '.join(f'{k}={v!r}' for k, v in sorted(vars(self).items()))})"


def _dest(option: Option) -> str:
    """The attribute an option sets, as argparse names it."""
    dest: str | None = option.settings.get("dest")
    if dest:
        return dest
    flag = next((f for f in option.flags if f.startswith("--")), option.flags[0])
    return flag.lstrip("-").replace("-", "_")


def parse(argv: Sequence[str]) -> Arguments | None:
    """The arguments of ``kg COMMAND ...`` as argparse would read them, or None to let it."""
    run, options = declared(argv[0])
    values: dict[str, Any] = {"command": argv[0], "func": run}
    positionals: list[Option] = []
    flags: dict[str, Option] = {}
    for option in options:
        if isinstance(option, OneOf) or not set(option.settings) <= _UNDERSTOOD:
            return None
        action = option.settings.get("action", "store")
        if option.flags[0].startswith("-"):
            if action not in _ACTIONS or "nargs" in option.settings:
                return None
            flags.update(dict.fromkeys(option.flags, option))
            values[_dest(option)] = option.settings.get("default", False if action == "store_true" else None)
        else:
            if action != "store" or option.settings.get("nargs", "?") != "?" or _CHECKED & set(option.settings):
                return None
            positionals.append(option)
            values[option.flags[0]] = option.settings.get("default")
    given: set[str] = set()
    words = list(argv[1:])
    while words and not words[0].startswith("-") and len(given) < len(positionals):
        option = positionals[len(given)]
        given.add(option.flags[0])
        values[option.flags[0]] = words.pop(0)
    while words:
        flag = flags.get(words.pop(0))  # an option spelt in full, without ``=``
        if flag is None:
            return None
        dest = _dest(flag)
        given.add(dest)
        action = flag.settings.get("action", "store")
        if action == "store_true":
            values[dest] = True
            continue
        if not words or words[0].startswith("-"):
            return None
        value = _value(flag, words.pop(0))
        if value is _REFUSED:
            return None
        values[dest] = [*(values[dest] or ()), value] if action == "append" else value
    for option in (*positionals, *flags.values()):
        dest = option.flags[0] if option in positionals else _dest(option)
        required = option.settings.get("required", option in positionals and "nargs" not in option.settings)
        if required and dest not in given:
            return None
    for option in flags.values():  # argparse converts a default given as text, unless it was given
        dest, default = _dest(option), option.settings.get("default")
        if isinstance(default, str) and "type" in option.settings and dest not in given:
            values[dest] = _value(option, default)
            if values[dest] is _REFUSED:
                return None
    return Arguments(**values)


_UNDERSTOOD = frozenset({"action", "default", "type", "choices", "metavar", "help", "required", "nargs", "dest"})
"""The settings of an option that :func:`parse` reads as argparse does (any other: argparse)."""

_ACTIONS = frozenset({"store", "store_true", "append"})

_CHECKED = frozenset({"type", "choices"})
"""(a positional with a type or choices is left to argparse)"""

_REFUSED = object()


def _value(option: Option, text: str) -> Any:
    """``text`` converted by the option's type, or _REFUSED where argparse would have something
    to say (a conversion that fails, a value outside the choices)."""
    kind = option.settings.get("type")
    try:
        value = kind(text) if kind else text
    except Exception:  # argparse reads it again, and says what is wrong
        return _REFUSED
    choices = option.settings.get("choices")
    return _REFUSED if choices is not None and value not in choices else value
