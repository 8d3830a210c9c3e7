"""What the parent makes of a child: its output and kg's own messages copied through as they
come, what else reached the child's stderr kept back (never shown), and its end in one line."""

from __future__ import annotations

import codecs
import contextlib
import os
import signal
import sys

CRASH_HINT = "see docs/endpoint.md, 'Known Oxigraph crashes'"
NATIVE_KEPT = 32 * 1024
"""Bytes kept of the start and of the end of what a child wrote to its stderr outside kg's messages."""


def cut(text: str, limit: int = 200) -> str:
    """``text`` cut to about ``limit`` characters, saying how much was left out.

    >>> cut("x" * 300, 10)
    'xxxxxxxxxx… (290 more characters)'
    """
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit} more characters)"


def crash_message(status: int, stderr: str, memory: int | None) -> str:
    """One line saying why a child died, from its exit status and what it wrote to stderr.

    >>> crash_message(-6, "thread '<unnamed>' panicked at x.rs:1:5:\\nuser-provided comparison ...\\n", None)
    "the query engine (Oxigraph) crashed on this query: user-provided comparison ...; see docs/endpoint.md, 'Known Oxigraph crashes'"
    >>> crash_message(-6, "terminate called after throwing an instance of 'std::bad_alloc'\\n", 2**30)
    'the query needed more memory than its limit of 1024 MB and was stopped'
    """
    lines = stderr.splitlines()
    if any(_out_of_memory(line) for line in lines):
        limit = f" of {memory // 2**20} MB" if memory else ""
        return f"the query needed more memory than its limit{limit} and was stopped"
    for i, line in enumerate(lines):
        if "panicked at" in line and i + 1 < len(lines):
            return (
                f"the query engine (Oxigraph) crashed on this query: {cut(lines[i + 1], 160)}; {CRASH_HINT}"
            )
    if status == -signal.SIGKILL:
        return "the query process was killed (out of memory?)"
    return f"the query process stopped unexpectedly (status {status})"


def _out_of_memory(line: str) -> bool:
    """Rust's, C++'s or Python's report of an allocation that failed."""
    return "memory allocation of" in line or "std::bad_alloc" in line or line == "MemoryError"


def is_crash_report(stderr: str) -> bool:
    """Whether a child's stderr holds a crash report (a Rust panic, an allocation that failed)."""
    return any("panicked at" in line or _out_of_memory(line) for line in stderr.splitlines())


class Relay:
    """One child's output as it comes. Its stdout (``out``) and kg's own messages (``message``:
    what its Python code wrote to ``sys.stderr``) are copied through; what else reached its
    stderr (``native``: the file descriptor 2 that Rust, C++, RocksDB and Python's fatal errors
    write to) is kept, its start and end, for the parent to read and never shown."""

    def __init__(self) -> None:
        self.texts = {name: codecs.getincrementaldecoder("utf-8")("replace") for name in ("out", "message")}
        self.line_ended = True
        self.head = b""
        self.tail = b""
        self.skipped = 0

    def out(self, data: bytes) -> None:
        """Copy the child's output to this process's stdout, bytes or (a StringIO, say) text."""
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is not None:
            sys.stdout.flush()
            buffer.write(data)
            buffer.flush()
        else:
            sys.stdout.write(self.texts["out"].decode(data))

    def message(self, data: bytes) -> None:
        """Copy kg's own messages to this process's stderr."""
        text = self.texts["message"].decode(data, final=not data)
        if text:
            sys.stderr.write(text)
            sys.stderr.flush()
            self.line_ended = text.endswith("\n")

    def native(self, data: bytes) -> None:
        """Keep what else the child wrote to its stderr (the first and last NATIVE_KEPT bytes)."""
        room = max(NATIVE_KEPT - len(self.head), 0)
        self.head += data[:room]
        data = data[room:]
        kept = self.tail + data
        self.skipped += max(len(kept) - NATIVE_KEPT, 0)
        self.tail = kept[-NATIVE_KEPT:]

    def finish(self) -> str:
        """What the child wrote to its stderr outside kg's messages, as text ('' if nothing)."""
        self.message(b"")  # the end of a message cut inside a character
        gap = f"\n... ({self.skipped} bytes left out)\n".encode() if self.skipped else b""
        return (self.head + gap + self.tail).decode("utf-8", "replace")

    def end_line(self) -> None:
        """End the line kg's messages left open, before the parent's own line."""
        if not self.line_ended:
            sys.stderr.write("\n")
            self.line_ended = True


def kill(pid: int) -> None:
    """Kill a child and reap it (nothing if it is already gone)."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
