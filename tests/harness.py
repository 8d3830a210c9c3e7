"""What the benchmarks and the tests both need to drive servers and the browser.

Headless Chromium (Debian's, never a download) with the flags the project runs it with, and
server processes on free loopback ports: find a port, wait until a URL answers, stop the
process. Imported as ``tests.harness`` by the tests and as ``harness`` by the benchmark scripts
(which put tests/ on their path).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
"""Debian's Chromium (``KG_CHROMIUM`` to use another)."""

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Headless, and nothing that would reach the network on its own."""


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` server executable (``pip install oxigraph``), or None."""
    return shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen[Any], seconds: float = 30.0) -> None:
    """Poll a URL until it answers 200; RuntimeError if the process exits or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up within {seconds:g} s")


def stop(process: subprocess.Popen[Any]) -> None:
    """Terminate a server process we started, then kill it if it lingers."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
