"""What the parent makes of a child that died: one line, and the child's stderr relayed without
a Rust panic's backtrace."""

from __future__ import annotations

import codecs
import contextlib
import os
import signal
import sys

CRASH_HINT = "see docs/endpoint.md, 'Known Oxigraph crashes'"


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
    """
    lines = stderr.splitlines()
    if any("memory allocation of" in line for line in lines) or "MemoryError" in stderr:
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


def is_crash_line(line: str) -> bool:
    """Whether a line of the child's stderr starts a crash report the parent sums up itself."""
    return "panicked at" in line or "memory allocation of" in line or line == "MemoryError"


_DECODER = codecs.getincrementaldecoder("utf-8")("replace")


def write_out(data: bytes) -> None:
    """Copy the child's output to this process's stdout, bytes or (a StringIO, say) text."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        sys.stdout.flush()
        buffer.write(data)
        buffer.flush()
    else:
        sys.stdout.write(_DECODER.decode(data))


class Relay:
    """The child's stderr copied line by line, a crash's report held back (Rust starts a panic's
    report with an empty line: blank lines wait until the next line shows what they begin)."""

    def __init__(self) -> None:
        self.pending = b""
        self.held: list[str] = []
        self.blank = 0

    def feed(self, data: bytes) -> None:
        """Relay the complete lines in ``data``."""
        self.pending += data
        *lines, self.pending = self.pending.split(b"\n")
        for raw in lines:
            line = raw.decode("utf-8", "replace")
            if self.held or is_crash_line(line):
                self.held.append(line)
            elif not line:
                self.blank += 1
            else:
                sys.stderr.write("\n" * self.blank + line + "\n")
                sys.stderr.flush()
                self.blank = 0

    def finish(self) -> str:
        """Write what is left; return the held-back crash report ('' if none)."""
        if self.pending and self.held:
            self.held.append(self.pending.decode("utf-8", "replace"))
        elif self.pending or self.blank:
            sys.stderr.write(
                "\n" * (0 if self.held else self.blank) + self.pending.decode("utf-8", "replace")
            )
        return "\n".join(self.held)


def kill(pid: int) -> None:
    """Kill a child and reap it (nothing if it is already gone)."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
