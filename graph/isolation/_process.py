"""What a process does to itself before it runs untrusted input, and what it can ask the kernel.

Leave the network (Linux ``unshare(CLONE_NEWNET)``: a namespace of its own whose only interface,
loopback, is down), cap the address space (``RLIMIT_AS``), die with its parent
(``PR_SET_PDEATHSIG``). Whether a process has left the network is asked of the kernel each time
(:func:`network_is_cut`), never remembered in a flag.
"""

from __future__ import annotations

import contextlib
import os
import sys
from functools import cache

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from typing import Any

_CLONE_NEWNET = 0x40000000
_CLONE_NEWUSER = 0x10000000
_PR_SET_PDEATHSIG = 1
_SIOCGIFFLAGS = 0x8913
_IFF_UP = 0x1
_LINUX = sys.platform.startswith("linux")
_MOST_BYTES = 2**62


def default_memory() -> int:
    """Half of this machine's memory (or 4 GiB where it cannot be read)."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2
    except (ValueError, OSError, AttributeError):
        return 4 * 2**30


def network_is_cut() -> bool:
    """Whether this process can reach no network: its namespace holds only a loopback interface,
    and that is down (so every connection fails before a packet is sent)."""
    if not _LINUX:
        return False
    import fcntl
    import socket
    import struct

    try:
        if [name for _, name in socket.if_nameindex()] != ["lo"]:
            return False
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            asked = struct.pack("16sH", b"lo", 0)
            flags = struct.unpack_from("16sH", fcntl.ioctl(probe, _SIOCGIFFLAGS, asked))[1]
    except OSError:
        return False
    return not flags & _IFF_UP


def cut_network() -> bool:
    """Move this process into a network namespace of its own; True if it now has no network.

    As a non-root user a user namespace is created as well (where the kernel allows).
    """
    if network_is_cut():
        return True
    if not _LINUX:
        return False
    unshare = _libc_function("unshare")
    if unshare is None:
        return False
    flags = [_CLONE_NEWNET] if os.geteuid() == 0 else [_CLONE_NEWUSER | _CLONE_NEWNET, _CLONE_NEWNET]
    return any(unshare(flag) == 0 for flag in flags) and network_is_cut()


def limit_memory(limit: int | None) -> None:
    """Cap this process's address space at ``limit`` bytes (RLIMIT_AS; nothing where unsupported)."""
    if not limit:
        return
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if limit >= _MOST_BYTES:
            return  # more than any address space: no limit (setrlimit would overflow)
        cap = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when ``parent`` exits (Linux); exit now if it already has."""
    if _LINUX:
        prctl = _libc_function("prctl")
        if prctl is not None:
            import signal

            prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def single_threaded() -> bool:
    """Whether this process runs one thread only, native threads counted (RocksDB's, Rust's):
    only then may it fork, since a child inherits every lock another thread held at that moment."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        import threading

        return threading.active_count() == 1 and not _LINUX


@cache
def can_cut_network() -> bool:
    """Whether a child process here can leave the network (probed once, in a fresh child)."""
    if not _LINUX:
        return False
    import subprocess

    probe = (
        "import sys; from graph.isolation._process import cut_network; sys.exit(0 if cut_network() else 1)"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", probe], env=child_environment(), capture_output=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def child_environment() -> dict[str, str]:
    """The environment for a fresh Python child: this one's, with this process's import path."""
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}


@cache
def _libc_function(name: str) -> Any:
    import ctypes

    try:
        return getattr(ctypes.CDLL(None, use_errno=True), name)
    except (OSError, AttributeError):
        return None
