"""Real SPARQL servers on free loopback ports, for the conformance run and the tests.

``oxigraph serve`` (``pip install oxigraph``), Debian's Virtuoso (``virtuoso-t`` with a config
written to a temporary folder, never the system service) and ``kg serve``. Each is a context
manager that yields the server's base URL and always stops the process it started.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

VIRTUOSO = os.environ.get("KG_VIRTUOSO", "/usr/bin/virtuoso-t")
"""Debian's Virtuoso server (``apt-get install virtuoso-opensource``)."""
ISQL = os.environ.get("KG_ISQL", "/usr/bin/isql-vt")
VIRTUOSO_VAD = "/usr/share/virtuoso-opensource-7/vad"

_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = ., {vad}
VADInstallDir = {vad}/
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {dir}/vsp
ServerThreads = 10
MaxClientConnections = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_up(url: str, process: subprocess.Popen[Any], seconds: float = 60.0) -> None:
    """Poll a URL until it answers 200; RuntimeError if the process exits or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            time.sleep(0.2)
    raise RuntimeError(f"{url.split('?')[0]} did not come up within {seconds:g} s")


def stop(process: subprocess.Popen[Any]) -> None:
    """Terminate a server process we started, then kill it if it lingers."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` server executable (``pip install oxigraph``), or None."""
    return shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))


def virtuoso_binary() -> str | None:
    """Debian's ``virtuoso-t`` and ``isql-vt``, if both are installed: the server's path."""
    return VIRTUOSO if os.path.exists(VIRTUOSO) and os.path.exists(ISQL) else None


@contextmanager
def oxigraph_server() -> Iterator[str]:
    """An empty in-folder Oxigraph server on a free loopback port: its base URL."""
    binary = oxigraph_binary()
    if binary is None:
        raise RuntimeError("the Oxigraph server binary is not installed (pip install oxigraph)")
    with tempfile.TemporaryDirectory(prefix="kg-oxigraph-") as folder:
        port = free_port()
        process = subprocess.Popen(
            [binary, "serve", "--location", folder, "--bind", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base + "/query?query=ASK%7B%7D", process)
            yield base
        finally:
            stop(process)


@contextmanager
def virtuoso_server() -> Iterator[tuple[str, str]]:
    """A fresh Virtuoso on free loopback ports with a user allowed to update.

    Yields the base URL and the user as ``NAME:PASSWORD`` (a random password, for digest auth
    on ``/sparql-auth`` and ``/sparql-graph-crud-auth``).
    """
    binary = virtuoso_binary()
    if binary is None:
        raise RuntimeError("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    with tempfile.TemporaryDirectory(prefix="kg-virtuoso-") as folder:
        sql, http = free_port(), free_port()
        os.makedirs(os.path.join(folder, "vsp"))
        ini = os.path.join(folder, "virtuoso.ini")
        with open(ini, "w", encoding="utf-8") as handle:
            handle.write(_INI.format(dir=folder, sql=sql, http=http, vad=VIRTUOSO_VAD))
        process = subprocess.Popen(
            [binary, "+configfile", ini, "+foreground"],
            cwd=folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{http}"
            wait_until_up(base + "/sparql?query=ASK%7B%7D", process, seconds=120)
            password = secrets.token_hex(12)
            _isql(
                sql,
                f"DB.DBA.USER_CREATE('kg', '{password}'); "
                'GRANT SPARQL_SELECT TO "kg"; GRANT SPARQL_UPDATE TO "kg";',
            )
            yield base, f"kg:{password}"
        finally:
            stop(process)


def _isql(port: int, statements: str) -> None:
    """Run SQL statements as Virtuoso's initial dba account (on loopback only)."""
    done = subprocess.run(
        [ISQL, f"127.0.0.1:{port}", "dba", "dba", f"exec={statements}"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if done.returncode != 0 or "Error" in done.stdout + done.stderr:
        raise RuntimeError(f"isql failed: {(done.stdout + done.stderr).strip()[:300]}")


@contextmanager
def kg_serve(*args: str) -> Iterator[str]:
    """``kg serve --port 0 ARGS`` in a child process: its base URL (read from its first line)."""
    import select

    process = subprocess.Popen(
        [sys.executable, "-m", "graph.cli", "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], 120)
        line = process.stdout.readline() if ready else ""
        if not line.startswith("kg serve: http://"):
            raise RuntimeError(f"kg serve did not start: {line!r}")
        yield line.split()[2].rstrip("/")
    finally:
        stop(process)


__all__ = ["kg_serve", "oxigraph_binary", "oxigraph_server", "virtuoso_binary", "virtuoso_server"]
