"""Running untrusted queries where they can do no harm: no network, bounded memory and time.

Oxigraph evaluates ``SERVICE <url> { ... }`` by making an HTTP request, and pyoxigraph has no
switch to turn that off. Rather than recognise every way of spelling SERVICE, a process that
evaluates a user's query first leaves the network: :func:`cut_network` moves it into a network
namespace of its own (Linux ``unshare(CLONE_NEWNET)``, as root or in a new user namespace), which
holds only a loopback interface that is down, so any connection fails before a packet is sent.
Pipes and files that were already open keep working.

:func:`run_isolated` forks a child that cuts its network, limits its address space
(``RLIMIT_AS``) and runs one function; the parent waits at most ``timeout`` seconds and turns a
crash of the child (a Rust panic that aborts, an allocation past the limit) into a GraphError of
one line. Where namespaces are not available, :func:`network_can_be_cut` says so and callers
fall back (see docs/endpoint.md, "SERVICE").
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable

from graph._errors import GraphError

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from typing import Any

_CLONE_NEWNET = 0x40000000
_CLONE_NEWUSER = 0x10000000
_ISOLATED = False
_MAY_CUT_SELF = False
_CAN_CUT: bool | None = None
CRASH_HINT = "see docs/endpoint.md, 'Known Oxigraph crashes'"


class Crashed(GraphError):
    """The process running a query died: the query engine aborted or ran out of memory."""


class TimeLimit(GraphError):
    """A query ran past its time limit and was stopped."""


def cut_network() -> bool:
    """Move this process into a network namespace of its own; True if it now has no network.

    Idempotent. As a non-root user a user namespace is created as well (where the kernel allows).
    """
    global _ISOLATED
    if _ISOLATED:
        return True
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        unshare = libc.unshare
    except (OSError, AttributeError):
        return False
    flags = [_CLONE_NEWNET] if os.geteuid() == 0 else [_CLONE_NEWUSER | _CLONE_NEWNET, _CLONE_NEWNET]
    for flag in flags:
        if unshare(flag) == 0:
            _ISOLATED = True
            return True
    return False


def isolated() -> bool:
    """Whether this process has already left the network (so SERVICE can only fail)."""
    return _ISOLATED


def may_cut_self(allowed: bool | None = None) -> bool:
    """Whether this process may leave the network itself before running a user's query.

    A ``kg`` command's child process (graph._supervise) says so: it needs no network, and
    leaving it only when a query text is about to run keeps other commands fast.
    """
    global _MAY_CUT_SELF
    if allowed is not None:
        _MAY_CUT_SELF = allowed
    return _MAY_CUT_SELF


def network_can_be_cut() -> bool:
    """Whether a child process here can leave the network (probed once, in a throw-away fork)."""
    global _CAN_CUT
    if _CAN_CUT is None:
        if not hasattr(os, "fork") or not sys.platform.startswith("linux"):
            _CAN_CUT = False
        else:
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child
                os._exit(0 if cut_network() else 1)
            _, status = os.waitpid(pid, 0)
            _CAN_CUT = os.waitstatus_to_exitcode(status) == 0
    return _CAN_CUT


def limit_memory(limit: int | None) -> None:
    """Cap this process's address space at ``limit`` bytes (RLIMIT_AS; nothing where unsupported)."""
    if not limit:
        return
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


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


def cut(text: str, limit: int = 200) -> str:
    """``text`` cut to about ``limit`` characters, saying how much was left out.

    >>> cut("x" * 300, 10)
    'xxxxxxxxxx… (290 more characters)'
    """
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit} more characters)"


def run_isolated(
    func: Callable[..., Any], *args: Any, timeout: float | None = None, memory: int | None = None
) -> Any:
    """``func(*args)`` in a forked child with no network, at most ``memory`` bytes and ``timeout`` s.

    The result (or the exception) comes back pickled. Raises Crashed or TimeLimit (GraphErrors)
    when the child dies or runs too long; GraphError if this platform cannot fork.
    """
    import pickle

    if not hasattr(os, "fork"):
        raise GraphError("isolated queries need os.fork (Linux or macOS)")
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        _child(func, args, memory, out_r, out_w, err_r, err_w)
    os.close(out_w)
    os.close(err_w)
    try:
        payload, errors, status = _collect(pid, out_r, err_r, timeout)
    finally:
        os.close(out_r)
        os.close(err_r)
    if status is None:
        raise TimeLimit(f"the query ran longer than the {timeout:g} s allowed and was stopped")
    if status != 0 or not payload:
        raise Crashed(crash_message(status, errors.decode("utf-8", "replace"), memory))
    ok, value = pickle.loads(payload)
    if ok:
        return value
    raise value


def _child(
    func: Callable[..., Any],
    args: tuple[Any, ...],
    memory: int | None,
    out_r: int,
    out_w: int,
    err_r: int,
    err_w: int,
) -> None:  # pragma: no cover - runs in the forked child
    import pickle

    code = 0
    try:
        os.close(out_r)
        os.close(err_r)
        os.dup2(err_w, 2)
        handler = sys.modules.get("faulthandler")
        if handler is not None:
            handler.disable()  # the parent turns a crash into one line
        if not cut_network():
            raise GraphError("cannot cut the query process off the network here")
        limit_memory(memory)
        try:
            result: tuple[bool, Any] = (True, func(*args))
        except Exception as err:
            result = (False, err)
        try:
            data = pickle.dumps(result)
        except Exception as err:
            data = pickle.dumps((False, GraphError(f"{type(err).__name__}: {err}")))
        view = memoryview(data)
        while view:
            view = view[os.write(out_w, view) :]
    except BaseException as err:
        with contextlib.suppress(Exception):
            os.write(2, f"{type(err).__name__}: {err}\n".encode())
        code = 1
    os._exit(code)


def _collect(pid: int, out_r: int, err_r: int, timeout: float | None) -> tuple[bytes, bytes, int | None]:
    """Read the child's result and stderr until both close; kill it at the deadline."""
    import select
    import time

    deadline = None if timeout is None else time.monotonic() + timeout
    chunks: dict[int, list[bytes]] = {out_r: [], err_r: []}
    open_fds = [out_r, err_r]
    while open_fds:
        wait = None if deadline is None else deadline - time.monotonic()
        if wait is not None and wait <= 0:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return b"", b"", None
        ready, _, _ = select.select(open_fds, [], [], wait)
        for fd in ready:
            data = os.read(fd, 1 << 16)
            if data:
                chunks[fd].append(data)
            else:
                open_fds.remove(fd)
    _, status = os.waitpid(pid, 0)
    return b"".join(chunks[out_r]), b"".join(chunks[err_r]), os.waitstatus_to_exitcode(status)


__all__ = [
    "Crashed",
    "TimeLimit",
    "crash_message",
    "cut",
    "cut_network",
    "isolated",
    "limit_memory",
    "may_cut_self",
    "network_can_be_cut",
    "run_isolated",
]
