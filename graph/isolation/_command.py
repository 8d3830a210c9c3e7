"""A ``kg`` command in an isolated child: its output relayed, its end reported in one line."""

from __future__ import annotations

import contextlib
import os
import signal
import sys

from graph.isolation._process import child_environment, single_threaded
from graph.isolation._report import Relay, crash_message, kill, write_out

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Protocol

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
        return _fresh_command(argv)
    sys.stdout.flush()
    sys.stderr.flush()
    err_r, err_w = os.pipe()
    relay = not has_fd(sys.stdout)  # e.g. a test's captured stdout: the parent copies it over
    out_r, out_w = os.pipe() if relay else (-1, -1)
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(err_r)
        if relay:
            os.close(out_r)
        os._exit(_child(isolation, run, parent, err_w, out_w))
    os.close(err_w)
    if relay:
        os.close(out_w)
    try:
        with _passing_on():
            status, held = relay_command(pid, err_r, out_r, isolation.timeout)
    except KeyboardInterrupt:
        kill(pid)
        return 130
    except _Stopped as stop:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, stop.signum)
        relay_command(pid, err_r, out_r, GRACE)  # its last words; killed when the grace ends
        return 128 + stop.signum
    finally:
        os.close(err_r)
        if relay:
            os.close(out_r)
    return _exit_code(isolation, status, held)


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


def _child(isolation: Isolation, run: Callable[[], int], parent: int, err_w: int, out_w: int) -> int:
    """The child's side: isolate, run, and end with a code (never a silent exit)."""
    import io  # pragma: no cover - the child

    os.dup2(err_w, 2)
    if not has_fd(sys.stderr):
        sys.stderr = io.TextIOWrapper(os.fdopen(err_w, "wb"), encoding="utf-8", line_buffering=True)
    if out_w >= 0:
        sys.stdout = io.TextIOWrapper(os.fdopen(out_w, "wb"), encoding="utf-8")

    def terminated(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)  # cleanups (``finally``, temporary files) still run

    for sig in _PASSED_ON:
        signal.signal(sig, terminated)
    code = 1
    try:
        isolation.enter(parent)  # where it cannot leave the network, queries are checked by grammar
        code = run()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except MemoryError:
        os.write(2, b"MemoryError\n")
    except BaseException as exc:  # one line, as the parent would print it
        os.write(2, f"kg: internal error: {type(exc).__name__}: {exc}\n".encode("utf-8", "replace"))
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
    return code


def _exit_code(isolation: Isolation, status: int | None, held: str) -> int:
    if status is None:
        print(
            f"kg: error: the command ran longer than the {isolation.timeout:g} s allowed (--time-limit) "
            f"and was stopped{isolation.hint}",
            file=sys.stderr,
        )
        return 2
    if status < 0 or held:
        if status == -signal.SIGINT:
            return 130
        print(f"kg: error: {crash_message(status, held, isolation.memory)}{isolation.hint}", file=sys.stderr)
        return 2
    return status


def _fresh_command(argv: list[str]) -> int:
    """``python -m graph.cli ARGV`` in a fresh process, its output relayed; its exit code."""
    import subprocess

    sys.stdout.flush()
    sys.stderr.flush()
    child = subprocess.Popen(
        [sys.executable, "-m", "graph.cli", *argv],
        stdout=None if has_fd(sys.stdout) else subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**child_environment(), DIE_WITH: str(os.getpid())},
    )
    assert child.stderr is not None
    try:
        status, _ = relay_command(
            child.pid, child.stderr.fileno(), child.stdout.fileno() if child.stdout else -1, None
        )
    except KeyboardInterrupt:
        kill(child.pid)
        return 130
    finally:
        child.returncode = 0  # reaped above (os.waitpid): Popen must not wait again
        child.stderr.close()
        if child.stdout:
            child.stdout.close()
    return status if status is not None else 2


def has_fd(stream: object) -> bool:
    """Whether a stream has a file descriptor (a test's captured output has none)."""
    try:
        return isinstance(stream.fileno(), int)  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False


def relay_command(pid: int, err_r: int, out_r: int, timeout: float | None) -> tuple[int | None, str]:
    """Relay a command child's stderr (and stdout, when ``out_r`` is a pipe) until they close,
    holding back a crash report; kill it at the deadline (status None)."""
    import select
    import time

    deadline = None if timeout is None else time.monotonic() + timeout
    relay = Relay()
    watched = [err_r] if out_r < 0 else [err_r, out_r]
    while err_r in watched:
        wait = None if deadline is None else deadline - time.monotonic()
        if wait is not None and wait <= 0:
            kill(pid)
            return None, ""
        ready, _, _ = select.select(watched, [], [], wait)
        if out_r in ready:
            data = os.read(out_r, 1 << 16)
            if data:
                write_out(data)
            else:
                watched.remove(out_r)
        if err_r in ready:
            data = os.read(err_r, 1 << 16)
            if data:
                relay.feed(data)
            else:
                watched.remove(err_r)
    while out_r in watched:  # what the child wrote to stdout after closing stderr
        data = os.read(out_r, 1 << 16)
        if not data:
            break
        write_out(data)
    held = relay.finish()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), held
