"""What reaches a terminal: a control character from the data or the arguments (an escape
sequence that sets the title or clears the screen, a right-to-left override) is shown as
``\\uXXXX``, never obeyed. Files and pipes get the bytes as they are."""

from __future__ import annotations

import sys

_UNSAFE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
"""(compiled on first use, by re's cache: compiling it costs start-up time)"""


def visible(text: str) -> str:
    """The text with control and direction-changing characters written as ``\\uXXXX``.

    >>> visible("a\\x1b]0;title\\x07b\\tc\\n")
    'a\\\\u001b]0;title\\\\u0007b\\tc\\n'
    """
    import re  # (only here: importing re costs start-up time)

    return re.sub(_UNSAFE, lambda m: f"\\u{ord(m.group(0)):04x}", text)


class _Bytes:
    """A terminal stream's ``buffer``: UTF-8 bytes shown as :func:`visible` text."""

    def __init__(self, raw: object) -> None:
        self._raw = raw

    def write(self, data: bytes) -> int:
        self._raw.write(visible(data.decode("utf-8", "replace")).encode("utf-8"))  # type: ignore[attr-defined]
        return len(data)

    def __getattr__(self, name: str) -> object:
        return getattr(self._raw, name)


class Visible:
    """A text stream on a terminal that writes everything through :func:`visible`."""

    def __init__(self, stream: object) -> None:
        self._stream = stream
        self.buffer = _Bytes(getattr(stream, "buffer", stream))

    def write(self, text: str) -> int:
        self._stream.write(visible(text))  # type: ignore[attr-defined]
        return len(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def guard_terminals() -> None:
    """Wrap standard output and error in :class:`Visible` where they are terminals."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        try:
            is_terminal = stream.isatty()
        except (AttributeError, ValueError, OSError):
            continue
        if is_terminal and not isinstance(stream, Visible):
            setattr(sys, name, Visible(stream))
