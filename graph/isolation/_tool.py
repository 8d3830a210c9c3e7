"""The isolation tool: run a callable, or a whole ``kg`` command, in a child process that has no
network, at most so much memory and so many seconds, and that dies with its parent."""

from __future__ import annotations

import os
import sys

from graph._errors import GraphError
from graph.isolation._process import (
    can_cut_network,
    child_environment,
    cut_network,
    default_memory,
    die_with_parent,
    limit_memory,
    network_is_cut,
    single_threaded,
)
from graph.isolation._report import crash_message, kill

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

DEFAULT_TIMEOUT = 600.0
"""Seconds a child may run unless told otherwise (``kg``'s ``--time-limit`` default too)."""
NO_CUT = "cannot cut the query process off the network here"


class Crashed(GraphError):
    """The process running a query died: the query engine aborted or ran out of memory."""


class TimeLimit(GraphError):
    """A query ran past its time limit and was stopped."""


class Isolation:
    """Where untrusted input runs: a child with no network (unless ``network``), at most ``memory``
    bytes (None: half the machine's; 0: no cap) and ``timeout`` seconds (None: no limit).

    ``call`` runs a function and returns its result; ``command`` runs a ``kg`` command and relays
    its output; ``enter`` turns the calling process itself into such a place (a server's worker).
    A child is forked only from a process that runs a single thread; from any other it is a fresh
    interpreter, so it never inherits a lock another thread held (the function and its arguments
    then travel pickled).

    >>> Isolation(timeout=60).call(divmod, 7, 2)
    (3, 1)

    A server's worker process isolates itself at start: ``if not Isolation(memory=limit).enter(
    parent=os.getppid()): refuse to serve`` (``Isolation.available()`` says beforehand whether
    it can).
    """

    def __init__(
        self,
        *,
        memory: int | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        network: bool = False,
        hint: str = "",
    ) -> None:
        self.memory = default_memory() if memory is None else memory
        self.timeout = timeout
        self.network = network
        self.hint = hint

    @staticmethod
    def available() -> bool:
        """Whether a child here can leave the network (not so on macOS or where namespaces are forbidden)."""
        return can_cut_network()

    @staticmethod
    def here() -> bool:
        """Whether this very process has no network (a child of this tool, a server's worker)."""
        return network_is_cut()

    def enter(self, parent: int | None = None) -> bool:
        """Make this process an isolated one: leave the network (unless allowed), cap memory, die
        with ``parent``; returns whether it now has no network."""
        handler = sys.modules.get("faulthandler")
        if handler is not None:
            handler.disable()  # the parent reports a crash in one line, not a Python dump
        if parent is not None:
            die_with_parent(parent)
        cut = not self.network and cut_network()
        limit_memory(self.memory)
        return cut

    # -- a function ---------------------------------------------------------------------------

    def call(self, func: Callable[..., Any], *args: Any) -> Any:
        """``func(*args)`` in an isolated child; its result, or the exception it raised.

        Raises Crashed or TimeLimit (GraphErrors) when the child dies or runs too long, and
        GraphError where the child cannot leave the network.
        """
        import pickle

        if single_threaded() and hasattr(os, "fork"):
            status, payload, errors = self._fork_call(func, args)
        else:
            status, payload, errors = self._spawn_call(func, args)
        if status is None:
            raise TimeLimit(f"the query ran longer than the {self.timeout:g} s allowed and was stopped")
        if status != 0 or not payload:
            if NO_CUT in errors:
                raise GraphError(NO_CUT)
            raise Crashed(crash_message(status, errors, self.memory))
        ok, value = pickle.loads(payload)
        if ok:
            return value
        raise value

    def _fork_call(self, func: Callable[..., Any], args: tuple[Any, ...]) -> tuple[int | None, bytes, str]:
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(out_r)
            os.close(err_r)
            os.dup2(err_w, 2)
            code = 1
            try:
                if not self.enter(parent) and not self.network:
                    raise GraphError(NO_CUT)
                _write_all(out_w, outcome(func, args))
                code = 0
            except BaseException as exc:
                os.write(2, f"{type(exc).__name__}: {exc}\n".encode("utf-8", "replace"))
            os._exit(code)
        os.close(out_w)
        os.close(err_w)
        try:
            status, out, err = _collect(pid, out_r, err_r, self.timeout)
        finally:
            os.close(out_r)
            os.close(err_r)
        return status, out, err.decode("utf-8", "replace")

    def _spawn_call(self, func: Callable[..., Any], args: tuple[Any, ...]) -> tuple[int | None, bytes, str]:
        import pickle
        import subprocess

        payload = pickle.dumps((func, args))
        command = [sys.executable, "-m", "graph.isolation._spawned", str(os.getpid()), str(self.memory)]
        child = subprocess.Popen(
            [*command, "network" if self.network else "none"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**child_environment(), "RUST_BACKTRACE": "0"},
        )
        assert child.stdin is not None and child.stdout is not None and child.stderr is not None
        try:
            try:
                child.stdin.write(payload)
                child.stdin.close()
            except BrokenPipeError:
                pass  # the child died early: its stderr says why
            status, out, errors = _collect(
                child.pid, child.stdout.fileno(), child.stderr.fileno(), self.timeout
            )
        finally:
            if child.poll() is None:
                child.kill()
            child.wait()
            child.stdout.close()
            child.stderr.close()
        return status, out, errors.decode("utf-8", "replace")

    # -- a command ----------------------------------------------------------------------------

    def command(self, run: Callable[[], int], argv: list[str] | None = None) -> int:
        """Run a ``kg`` command (``run()`` returns its exit code) in an isolated child; its exit code.

        The child's stdout and kg's messages (its ``sys.stderr``) are relayed; what else reaches
        its stderr (the C++ runtime, a Rust panic) is never shown; a crash, the memory limit or the
        time limit becomes one line ending with ``hint``, and exit code 2. SIGTERM and SIGHUP are passed on
        (the child cleans up; it is killed if it has not ended 5 s later), and the child dies
        with this process even on ``kill -9``. From a process that runs more than one thread
        (``kg`` called as a library, with a store open) the command runs instead as ``python -m
        graph.cli ARGV``, a fresh process that isolates itself the same way. Where ``os.fork``
        is missing the command runs here.
        """
        from graph.isolation._command import run_command

        return run_command(self, run, argv)


def outcome(func: Callable[..., Any], args: tuple[Any, ...]) -> bytes:
    """``func(*args)`` as a pickled ``(True, result)``, or ``(False, the exception)``."""
    import pickle

    try:
        result: tuple[bool, Any] = (True, func(*args))
    except Exception as err:
        result = (False, err)
    try:
        return pickle.dumps(result)
    except Exception as err:
        return pickle.dumps((False, GraphError(f"{type(err).__name__}: {err}")))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _collect(pid: int, out_r: int, err_r: int, timeout: float | None) -> tuple[int | None, bytes, bytes]:
    """Read a child's result and stderr until both close; kill it at the deadline (status None)."""
    import select
    import time

    deadline = None if timeout is None else time.monotonic() + timeout
    chunks: dict[int, list[bytes]] = {out_r: [], err_r: []}
    open_fds = [out_r, err_r]
    try:
        while open_fds:
            wait = None if deadline is None else deadline - time.monotonic()
            if wait is not None and wait <= 0:
                kill(pid)
                return None, b"", b""
            ready, _, _ = select.select(open_fds, [], [], wait)
            for fd in ready:
                data = os.read(fd, 1 << 16)
                if data:
                    chunks[fd].append(data)
                else:
                    open_fds.remove(fd)
    except BaseException:
        kill(pid)  # never an orphan, whatever stopped the wait
        raise
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), b"".join(chunks[out_r]), b"".join(chunks[err_r])
