"""What the benchmarks and the tests both need to drive servers and the browser.

Headless Chromium (Debian's, never a download) with the flags the project runs it with, and
server processes on free loopback ports: find a port, wait until a URL answers, stop the
process (the helpers of conformance._servers, which starts the conformance run's servers). Imported as ``tests.harness`` by the tests and as ``harness`` by the benchmark scripts
(which put tests/ on their path).
"""

from __future__ import annotations

import os

from conformance._servers import free_port, oxigraph_binary, stop, wait_until_up

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

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "free_port", "oxigraph_binary", "stop", "wait_until_up"]
