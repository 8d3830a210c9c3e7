"""Running one ``kg`` command in a child process that has no network and bounded memory and time.

The parent only watches: it forks, relays the child's standard error line by line, and waits.
The child leaves the network (graph._sandbox), caps its address space and runs the command, so
a query can never call another server, a runaway evaluation (a damaged store, a huge join) is
stopped at the memory or time limit, and a crash of the query engine (a Rust panic aborts the
whole process) becomes one line on standard error and exit code 2 instead of a backtrace.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import sys

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from collections.abc import Callable


def default_memory() -> int:
    """Half of this machine's memory (or 4 GiB where it cannot be read)."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2
    except (ValueError, OSError, AttributeError):
        return 4 * 2**30


def supervise(
    run: Callable[[], int], *, network: bool, timeout: float | None, memory: int | None, hint: str = ""
) -> int:
    """Run ``run()`` (which returns an exit code) in a watched child; returns the exit code.

    Without ``network`` the child leaves the network before it runs a user's query text (see
    graph._sandbox.may_cut_self; the named questions make no outside calls). ``hint`` ends the message printed
    when the child is stopped or crashes (for example, what to do about a damaged store). Where ``os.fork`` is missing the
    command runs in this process, unbounded.
    """
    if not hasattr(os, "fork"):
        return run()
    sys.stdout.flush()
    sys.stderr.flush()
    err_r, err_w = os.pipe()
    relay = not _has_fd(sys.stdout)  # e.g. a test's captured stdout: the parent copies it over
    out_r, out_w = os.pipe() if relay else (-1, -1)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        import io

        from graph import _sandbox

        os.close(err_r)
        os.dup2(err_w, 2)
        if not _has_fd(sys.stderr):
            sys.stderr = io.TextIOWrapper(os.fdopen(err_w, "wb"), encoding="utf-8", line_buffering=True)
        if relay:
            os.close(out_r)
            sys.stdout = io.TextIOWrapper(os.fdopen(out_w, "wb"), encoding="utf-8")
        code = 1
        try:
            handler = sys.modules.get("faulthandler")
            if handler is not None:
                handler.disable()  # the parent reports a crash in one line, not a Python dump
            _sandbox.may_cut_self(not network)
            _sandbox.limit_memory(memory)
            code = run()
        except MemoryError:
            os.write(2, b"MemoryError\n")
        except BaseException as exc:  # never a silent exit: one line, as the parent would print it
            os.write(2, f"kg: internal error: {type(exc).__name__}: {exc}\n".encode("utf-8", "replace"))
        finally:
            with contextlib.suppress(Exception):
                sys.stdout.flush()
            os._exit(code)
    import signal

    from graph._sandbox import crash_message

    os.close(err_w)
    if relay:
        os.close(out_w)
    try:
        status, held = _watch(pid, err_r, out_r, timeout)
    except KeyboardInterrupt:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        return 130
    finally:
        os.close(err_r)
        if relay:
            os.close(out_r)
    if status is None:
        print(
            f"kg: error: the command ran longer than the {timeout:g} s allowed (--time-limit) and was stopped{hint}",
            file=sys.stderr,
        )
        return 2
    if status < 0 or held:
        if status == -signal.SIGINT:
            return 130
        print(f"kg: error: {crash_message(status, held, memory)}{hint}", file=sys.stderr)
        return 2
    return status


def _has_fd(stream: object) -> bool:
    try:
        return isinstance(stream.fileno(), int)  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False


_DECODER = codecs.getincrementaldecoder("utf-8")("replace")


def _write_out(data: bytes) -> None:
    """Copy the child's output to this process's stdout, bytes or (a StringIO, say) text."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        sys.stdout.flush()
        buffer.write(data)
        buffer.flush()
    else:
        sys.stdout.write(_DECODER.decode(data))


def _watch(pid: int, err_r: int, out_r: int, timeout: float | None) -> tuple[int | None, str]:
    """Relay the child's stderr (and stdout, when ``out_r`` is a pipe) until they close; hold back
    a Rust panic's report. Kill the child at the deadline."""
    import select
    import signal
    import time

    deadline = None if timeout is None else time.monotonic() + timeout
    pending = b""
    held: list[str] = []
    blank = 0
    watched = [err_r] if out_r < 0 else [err_r, out_r]
    while err_r in watched:
        wait = None if deadline is None else deadline - time.monotonic()
        if wait is not None and wait <= 0:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return None, ""
        ready, _, _ = select.select(watched, [], [], wait)
        if out_r in ready:
            data = os.read(out_r, 1 << 16)
            if data:
                _write_out(data)
            else:
                watched.remove(out_r)
        if err_r not in ready:
            continue
        data = os.read(err_r, 1 << 16)
        if not data:
            watched.remove(err_r)
            break
        pending += data
        *lines, pending = pending.split(b"\n")
        for raw in lines:
            line = raw.decode("utf-8", "replace")
            if held or "panicked at" in line or "memory allocation of" in line or line == "MemoryError":
                held.append(line)
            elif not line:
                blank += 1  # Rust starts a panic's report with an empty line: wait and see
            else:
                sys.stderr.write("\n" * blank + line + "\n")
                sys.stderr.flush()
                blank = 0
    while out_r in watched:  # what the child wrote to stdout after closing stderr
        data = os.read(out_r, 1 << 16)
        if not data:
            break
        _write_out(data)
    if pending and held:
        held.append(pending.decode("utf-8", "replace"))
    elif pending or blank:
        sys.stderr.write("\n" * (0 if held else blank) + pending.decode("utf-8", "replace"))
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), "\n".join(held)


__all__ = ["default_memory", "supervise"]
