"""A ``kg`` command in an isolated child: its output and kg's own messages relayed, what else
reaches its stderr (the C++ runtime, a Rust panic) kept back, its end reported in one line."""

from __future__ import annotations

import contextlib
import os
import signal
import sys

from graph.isolation._process import child_environment, single_threaded
from graph.isolation._report import Relay, crash_message, cut, is_crash_report, kill

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any, Protocol, TextIO

    class Isolation(Protocol):
        """What the runner needs of graph.isolation.Isolation (named here, not imported: no cycle)."""

        memory: int
        timeout: float | None
        hint: str

        def enter(self, parent: int | None = None) -> bool:
            """Isolate this process."""
            ...


DIE_WITH = "KG_DIE_WITH_PARENT"
"""Set for a ``kg`` run as a fresh process: the pid it must not outlive (see graph.cli.main)."""
MESSAGES = "KG_MESSAGES_FD"
"""Set with DIE_WITH: the pipe (a file descriptor) a fresh ``kg`` writes its messages to."""
GRACE = 5.0
"""Seconds a child may take to clean up after SIGTERM is passed on, before it is killed."""
_PASSED_ON = (signal.SIGTERM, signal.SIGHUP)


class _Stopped(Exception):
    """This process was asked to stop (SIGTERM, SIGHUP) while its child ran."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def run_command(isolation: Isolation, run: Callable[[], int], argv: list[str] | None) -> int:
    """See :meth:`Isolation.command`."""
    if not hasattr(os, "fork"):
        return run()
    if argv is not None and not single_threaded():
        return _fresh_command(isolation, argv)
    sys.stdout.flush()
    sys.stderr.flush()
    message_r, message_w = os.pipe()  # kg's messages: the child's sys.stderr
    native_r, native_w = os.pipe()  # the child's file descriptor 2: kept back
    relay_out = not has_fd(sys.stdout)  # e.g. a test's captured stdout: the parent copies it over
    out_r, out_w = os.pipe() if relay_out else (-1, -1)
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        _close(message_r, native_r, out_r)
        os._exit(_child(isolation, run, parent, (message_w, native_w, out_w)))
    _close(message_w, native_w, out_w)
    reading = (message_r, native_r, out_r)
    relay = Relay()
    try:
        with _passing_on():
            status = relay_command(pid, reading, relay, isolation.timeout)
    except KeyboardInterrupt:
        kill(pid)
        return 130
    except _Stopped as stop:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, stop.signum)
        relay_command(pid, reading, relay, GRACE)  # its last words; killed when the grace ends
        return 128 + stop.signum
    finally:
        _close(*reading)
    return _exit_code(isolation, status, relay)


def _close(*fds: int) -> None:
    for fd in fds:
        if fd >= 0:
            os.close(fd)


@contextlib.contextmanager
def _passing_on() -> Iterator[None]:
    """SIGTERM and SIGHUP raise _Stopped here while the block runs (main thread only)."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, _frame: object) -> None:
        raise _Stopped(signum)

    old = {sig: signal.signal(sig, stop) for sig in _PASSED_ON}
    try:
        yield
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)


def _child(isolation: Isolation, run: Callable[[], int], parent: int, writing: tuple[int, int, int]) -> int:
    """The child's side: isolate, run, and end with a code (never a silent exit). ``writing``:
    the pipes for kg's messages, for everything else written to stderr, and for stdout (or -1)."""
    import io  # pragma: no cover - the child

    message_w, native_w, out_w = writing
    if native_w != 2:
        os.dup2(native_w, 2)
        os.close(native_w)
    sys.stderr = messages(message_w)
    if out_w >= 0:
        sys.stdout = io.TextIOWrapper(os.fdopen(out_w, "wb"), encoding="utf-8")

    def terminated(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)  # cleanups (``finally``, temporary files) still run

    for sig in _PASSED_ON:
        signal.signal(sig, terminated)
    _keep_back_tracebacks()
    code = 1
    try:
        isolation.enter(parent)  # where it cannot leave the network, queries are checked by grammar
        code = run()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except MemoryError:
        os.write(2, b"MemoryError\n")  # for the parent, which says it in its own words
    except BaseException as exc:  # one line, as the parent would print it
        with contextlib.suppress(Exception):
            sys.stderr.write(f"kg: internal error: {cut(f'{type(exc).__name__}: {exc}', 600)}\n")
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
    return code


def _keep_back_tracebacks() -> None:
    """A thread's uncaught exception, or one Python cannot raise (``Exception ignored in``),
    goes to file descriptor 2 with the rest that is kept back, not among kg's messages."""
    import threading

    def kept_back(args: Any) -> None:
        import traceback

        lines = traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)
        os.write(2, "".join(lines).encode("utf-8", "replace"))

    sys.unraisablehook = kept_back
    threading.excepthook = kept_back


def messages(fd: int) -> TextIO:
    """A line-buffered text stream onto the pipe ``fd`` that a parent copies to its stderr."""
    import io

    return io.TextIOWrapper(
        os.fdopen(fd, "wb"), encoding="utf-8", errors="backslashreplace", line_buffering=True
    )


def join_parent() -> None:
    """In a ``kg`` run fresh (DIE_WITH set): die with that parent, and write kg's messages to the
    pipe it copies through, as a forked child does (what else reaches stderr is kept back)."""
    from graph.isolation._process import die_with_parent

    die_with_parent(int(os.environ.pop(DIE_WITH)))
    fd = os.environ.pop(MESSAGES, None)
    if fd is not None:
        sys.stderr = messages(int(fd))


def _exit_code(isolation: Isolation, status: int | None, relay: Relay) -> int:
    """The command's exit code; a time limit or a crash said in one line, nothing else shown."""
    native = relay.finish()
    if status is None:
        relay.end_line()
        print(
            f"kg: error: the command ran longer than the {isolation.timeout:g} s allowed (--time-limit) "
            f"and was stopped{isolation.hint}",
            file=sys.stderr,
        )
        return 2
    if status < 0 or is_crash_report(native):
        if status == -signal.SIGINT:
            return 130
        relay.end_line()
        print(
            f"kg: error: {crash_message(status, native, isolation.memory)}{isolation.hint}", file=sys.stderr
        )
        return 2
    return status  # anything else the child wrote to stderr, outside kg's messages, is not shown


def _fresh_command(isolation: Isolation, argv: list[str]) -> int:
    """``python -m graph.cli ARGV`` in a fresh process, its output relayed; its exit code."""
    import subprocess

    sys.stdout.flush()
    sys.stderr.flush()
    message_r, message_w = os.pipe()
    try:
        child = subprocess.Popen(
            [sys.executable, "-m", "graph.cli", *argv],
            stdout=None if has_fd(sys.stdout) else subprocess.PIPE,
            stderr=subprocess.PIPE,
            pass_fds=(message_w,),
            env={**child_environment(), DIE_WITH: str(os.getpid()), MESSAGES: str(message_w)},
        )
    except BaseException:
        os.close(message_r)
        raise
    finally:
        os.close(message_w)
    assert child.stderr is not None
    relay = Relay()
    try:
        reading = (message_r, child.stderr.fileno(), child.stdout.fileno() if child.stdout else -1)
        status = relay_command(child.pid, reading, relay, None)  # the child keeps its own time limit
    except KeyboardInterrupt:
        kill(child.pid)
        return 130
    finally:
        child.returncode = 0  # reaped above (os.waitpid): Popen must not wait again
        os.close(message_r)
        child.stderr.close()
        if child.stdout:
            child.stdout.close()
    return _exit_code(isolation, status, relay)


def has_fd(stream: object) -> bool:
    """Whether a stream has a file descriptor (a test's captured output has none)."""
    try:
        return isinstance(stream.fileno(), int)  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False


def relay_command(pid: int, reading: tuple[int, int, int], relay: Relay, timeout: float | None) -> int | None:
    """Read a command child's pipes (kg's messages, the rest of its stderr, its stdout or -1) all
    at once, so none fills up, until they close; its exit status, or None once it was killed at
    the deadline."""
    import select
    import time

    message_r, native_r, out_r = reading
    deadline = None if timeout is None else time.monotonic() + timeout
    copy = {message_r: relay.message, native_r: relay.native}
    if out_r >= 0:
        copy[out_r] = relay.out
    while message_r in copy or native_r in copy:
        wait = None if deadline is None else deadline - time.monotonic()
        if wait is not None and wait <= 0:
            kill(pid)
            return None
        ready, _, _ = select.select(list(copy), [], [], wait)
        for fd in ready:
            data = os.read(fd, 1 << 16)
            if data:
                copy[fd](data)
            else:
                del copy[fd]
    while out_r in copy:  # what the child wrote to stdout after closing stderr
        data = os.read(out_r, 1 << 16)
        if not data:
            break
        relay.out(data)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)
