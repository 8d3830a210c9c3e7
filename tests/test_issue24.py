"""Issue 24's medium and low defects outside the server, each reproduced: a control character in a
GraphML export, a non-UTF-8 query file, a huge --memory-limit, a missing folder of source texts,
escape sequences reaching a terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from tests.conftest import PREFIXES, REPO, write

CONTROL = PREFIXES + 'pk:x rdfs:label "bad\\u0001label\\u001b]0;pwned\\u0007\\u202eevil" .\n'


def test_a_control_character_does_not_break_graphml(tmp_path: Path, cli: Any) -> None:
    """A3: XML 1.0 cannot hold U+0001; the export writes it as \\u0001 and stays well-formed."""
    write(tmp_path / "data" / "x.ttl", CONTROL)
    out = tmp_path / "g.graphml"
    done = cli("export", "--format", "graphml", "--data", str(tmp_path / "data"), "-o", str(out))
    assert (done.code, done.err) == (0, "")
    labels = [e.text for e in ET.parse(out).iter() if e.text and e.text.startswith("bad")]
    assert labels == ["bad\\u0001label\\u001b]0;pwned\\u0007\u202eevil"]


def test_a_query_file_that_is_not_utf8(tmp_path: Path, cli: Any) -> None:
    """B2: one line naming the file, the line and the byte; exit 2."""
    path = tmp_path / "bad.rq"
    path.write_bytes(b"# A query.\nSELECT * WHERE { ?s ?p ?o } # \xff\xfe\n")
    done = cli("query", str(path))
    assert (done.code, done.out) == (2, "")
    assert done.err == f"kg: error: {path}:2: not UTF-8 text (byte 41)\n"


def test_a_huge_memory_limit_is_no_limit(cli: Any) -> None:
    """B3: more megabytes than any address space: the command runs (no OverflowError)."""
    done = cli("query", "ASK {}", "--memory-limit", "99999999999999999999", "--format", "json")
    assert (done.code, done.err) == (0, "")
    assert '"boolean":true' in done.out.replace(" ", "")


def test_anchoring_from_a_missing_folder_fails(tmp_path: Path, cli: Any) -> None:
    """B7: exit 2 and no selectors file, not 'anchored 0 quotes'."""
    (tmp_path / "data").mkdir()
    done = cli("evidence", "anchor", str(tmp_path / "nonexistent"), "--data", str(tmp_path / "data"))
    assert (done.code, done.out) == (2, "")
    assert done.err == f"kg: error: {tmp_path / 'nonexistent'}: no such folder of source texts\n"
    assert list((tmp_path / "data").iterdir()) == []


def _on_a_terminal(*args: str) -> tuple[int, bytes]:
    leader, follower = pty.openpty()
    child = subprocess.Popen(
        [sys.executable, "-m", "graph.cli", *args], stdout=follower, stderr=follower, cwd=REPO
    )
    os.close(follower)
    out = b""
    while True:
        try:
            data = os.read(leader, 1 << 16)
        except OSError:  # the terminal closed with the child
            break
        if not data:
            break
        out += data
    os.close(leader)
    return child.wait(timeout=120), out


def test_escape_sequences_do_not_reach_the_terminal(tmp_path: Path) -> None:
    """B6: from the data and from the arguments, shown as \\uXXXX."""
    write(tmp_path / "data" / "x.ttl", CONTROL)
    code, out = _on_a_terminal(
        "query", "SELECT ?l WHERE { pk:x rdfs:label ?l }", "--data", str(tmp_path / "data"), "--wide"
    )
    assert code == 0
    assert b"bad\\u0001label\\u001b]0;pwned\\u0007\\u202eevil" in out
    code, out = _on_a_terminal("hosts", "\x1b[2J\x1b]0;title\x07")
    assert code == 2
    assert b"\\u001b[2J\\u001b]0;title\\u0007" in out
    for raw in (b"\x1b", b"\x07", b"\x01", "\u202e".encode()):
        assert raw not in out
