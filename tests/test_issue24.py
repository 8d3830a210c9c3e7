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


def test_library_calls_take_dates_and_refuse_wrong_types(kg: Any) -> None:
    """H2: a datetime.date is a day wherever a date is taken; any other wrong type is a
    ParameterError or QueryError (GraphErrors) naming what was expected, never AttributeError."""
    import datetime

    import graph
    from graph._errors import GraphError

    day = datetime.date(2025, 6, 30)
    assert kg.hosts(as_of=day) == kg.hosts(as_of="2025-06-30")
    assert kg.terms(day) == kg.terms("2025-06-30")
    assert kg.terms(datetime.datetime(2025, 6, 30, 12)) == kg.terms("2025-06-30")
    assert kg.changes(datetime.date(2025, 10, 31), datetime.date(2026, 2, 27)) == kg.changes(
        "2025-10-31", "2026-02-27"
    )
    assert kg.agreement_in_force(day) == kg.agreement_in_force("2025-06-30")
    assert kg.resolve_agreement(day) == kg.resolve_agreement("2025-06-30")
    assert (
        kg.query("who-hosts-what", {"asOf": day}).values()
        == kg.query("who-hosts-what", {"asOf": "2025-06-30"}).values()
    )
    wrong = {
        "hosts(1)": (lambda: kg.hosts(1), "expected an id or a name (text), got int 1"),
        "timeline(1)": (lambda: kg.timeline(1), "expected an id or a name (text), got int 1"),
        "sources_for(None)": (
            lambda: kg.sources_for(None),
            "expected an id or a name (text), got NoneType None",
        ),
        "partners(1.5)": (lambda: kg.partners(1.5), "expected an id or a name (text), got float 1.5"),
        "resolve(b'x')": (lambda: kg.resolve(b"x"), "expected an id or a name (text), got bytes b'x'"),
        "changes(1, 2)": (lambda: kg.changes(1, 2), "expected a date (YYYY, YYYY-MM or YYYY-MM-DD"),
        "agreement_in_force(1)": (lambda: kg.agreement_in_force(1), "expected a date (YYYY"),
        "query(1)": (lambda: kg.query(1), "expected a named query or SPARQL text, got int"),
        "verify_sources(1)": (lambda: kg.verify_sources(1), "expected a folder (a path), got int 1"),
        "load(1)": (lambda: graph.load(1), "expected a data file or folder (a path), got int 1"),
    }
    for name, (call, message) in wrong.items():
        try:
            call()
        except GraphError as err:
            assert str(err).startswith(message), (name, str(err))
        else:
            raise AssertionError(f"{name} raised nothing")


def test_a_truncated_compiled_cache_is_rebuilt(tmp_path: Path, monkeypatch: Any) -> None:
    """A4: the compiled graph cut at a line boundary still parses (as half the graph); its
    recorded size and checksum no longer match, so it is rebuilt, not used."""
    import graph

    monkeypatch.setenv("PARTNERSHIP_KG_CACHE", str(tmp_path))
    whole = len(graph.load())
    (cached,) = tmp_path.glob("*.nq")
    data = cached.read_bytes()
    half = data[: data.index(b"\n", len(data) // 2) + 1]
    for damaged in (half, half.replace(b"Microsoft", b"Macrosoft")):
        cached.write_bytes(damaged)
        assert len(graph.load()) == whole
        assert cached.read_bytes() == data  # rewritten whole


VALIDATE_STORE = """
import sys, graph
from graph._errors import StoreDamagedError
try:
    graph.load(store=sys.argv[1]).validate()
except StoreDamagedError as err:
    print("StoreDamagedError:", err)
else:
    print("validated")
"""


def test_a_damaged_store_is_never_called_valid(tmp_path: Path, cli: Any) -> None:
    """E1: 16 bytes overwritten in any table, the file's time put back (unseen by the fast
    fingerprint): ``kg validate`` says in one line that the store is damaged, exit 2, never
    "valid" nor an internal error; the library raises StoreDamagedError."""
    store = tmp_path / "store"
    assert cli("hosts", "--store", str(store), "--format", "json").code == 0
    tables = sorted(store.glob("store-*/*.sst"), key=lambda p: -p.stat().st_size)
    assert len(tables) >= 3
    for table in tables[:3]:
        stat = table.stat()
        original = table.read_bytes()
        with open(table, "r+b") as handle:
            handle.seek(stat.st_size // 2)
            handle.write(b"\xff" * 16)
        os.utime(table, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        done = cli("validate", "--store", str(store), "--time-limit", "60")
        assert (done.code, done.out) == (2, ""), table.name
        assert done.err.startswith(f"kg: error: the store in {store} is damaged ("), done.err
        assert done.err.endswith(f"); delete {store} to rebuild it\n") and done.err.count("\n") == 1
        library = subprocess.run(  # in a process of its own: RocksDB's threads stay there
            [sys.executable, "-c", VALIDATE_STORE, str(store)],
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=120,
        )
        assert library.stdout.startswith("StoreDamagedError: the store in"), (
            table.name,
            library.stdout,
            library.stderr,
        )
        table.write_bytes(original)
        os.utime(table, ns=(stat.st_atime_ns, stat.st_mtime_ns))


ENTITIES = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY a "aaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
 <rdf:Description rdf:about="https://w3id.org/partnership-kg/id/lol"><rdfs:comment>&c;</rdfs:comment></rdf:Description>
</rdf:RDF>
"""


def test_rdf_xml_entities_are_refused_before_they_expand(tmp_path: Path, cli: Any) -> None:
    """A1: three nested entities already make 1,000 characters of 10 (ten make gigabytes); any
    entity declaration is refused, naming the file and line, before the parser sees it."""
    import pytest

    import graph
    from graph._errors import DataError

    data = tmp_path / "data"
    write(data / "lol.rdf", ENTITIES)
    message = f"{data / 'lol.rdf'}:3: XML entity declarations are refused (they can expand without bound)"
    with pytest.raises(DataError) as raised:
        graph.load(data)
    assert str(raised.value) == message
    for command in (("hosts",), ("push", "--endpoint", "http://127.0.0.1:9/sparql")):
        done = cli(*command, "--data", str(data))
        assert (done.code, done.out, done.err) == (2, "", f"kg: error: {message}\n"), command
    plain = ENTITIES.replace('<!DOCTYPE rdf:RDF [\n <!ENTITY a "aaaaaaaaaa">', "<!DOCTYPE rdf:RDF [")
    plain = plain.replace(
        ' <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">\n', ""
    )
    write(data / "lol.rdf", plain.replace("&c;", "no entities"))
    assert len(graph.load(data, packaged=False)) == 1


def test_a_failed_build_leaves_the_folder_as_it_was(
    tmp_path: Path, cli: Any, monkeypatch: Any, packaged_build: Any
) -> None:
    """E3: a build that fails at its last step (the explorer) changes nothing in --out: no new
    exports beside old answers, no staging folder left."""
    import shutil

    import graph.explorer
    from graph._errors import GraphError

    out = tmp_path / "out"
    assert packaged_build[1].code == 0
    shutil.copytree(packaged_build[0], out)  # an earlier build's folder (files and times as written)
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir()}
    assert "explorer.html" in before and "partnership.ttl" in before

    def broken(*_: Any) -> None:
        raise GraphError("the disk is full (simulated)")

    monkeypatch.setattr(graph.explorer, "write_explorer", broken)
    done = cli("build", "--out", str(out))
    assert (done.code, done.err) == (2, "kg: error: the disk is full (simulated)\n")
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_synth_is_bounded_and_sigterm_leaves_no_temporary_file(tmp_path: Path, cli: Any) -> None:
    """B5: a size past the bound is refused at once; SIGTERM while writing removes the hidden
    temporary file."""
    import signal
    import time

    done = cli("synth", "--companies", "10000000", "-o", str(tmp_path / "huge"))
    assert (done.code, done.out) == (2, "")
    assert done.err == "kg: error: at most 100,000 companies (about 90,000,000 triples), got 10,000,000\n"
    assert not (tmp_path / "huge").exists()
    out = tmp_path / "synth"
    synth = subprocess.Popen(
        [sys.executable, "-m", "graph.cli", "synth", "--companies", "20000", "-o", str(out)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not list(out.glob(".synthetic.nt.*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(out.glob(".synthetic.nt.*.tmp")), "the temporary file never appeared"
    time.sleep(0.3)
    synth.send_signal(signal.SIGTERM)
    synth.communicate(timeout=30)
    assert synth.returncode == 128 + signal.SIGTERM
    assert list(out.iterdir()) == []


def test_unreadable_data_is_named_not_blamed_on_the_output(tmp_path: Path, cli: Any) -> None:
    """A2: a symbolic link loop and an unreadable folder: the path and the reason, exit 2."""
    import shutil

    data = tmp_path / "data"
    data.mkdir()
    (data / "loop.ttl").symlink_to("loop")
    (data / "loop").symlink_to("loop.ttl")
    done = cli("hosts", "--data", str(data))
    assert (done.code, done.out) == (2, "")
    assert done.err == f"kg: error: {data / 'loop.ttl'}: cannot read: Too many levels of symbolic links\n"
    import tempfile

    open_parent = Path(tempfile.mkdtemp(prefix="kg-a2-"))  # in /tmp, which anyone may traverse
    open_parent.chmod(0o755)
    locked = open_parent / "locked"
    locked.mkdir(mode=0o000)
    command = [sys.executable, "-m", "graph.cli", "hosts", "--data", str(locked)]
    if os.geteuid() == 0:  # root reads anything: run as nobody
        if shutil.which("setpriv") is None:
            return
        command = ["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups", *command]
    try:
        run = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=120)
    finally:
        locked.chmod(0o755)
        shutil.rmtree(open_parent)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == f"kg: error: {locked}: cannot read the folder: Permission denied\n"


def test_a_fifo_and_an_empty_output_path_are_refused(tmp_path: Path, cli: Any) -> None:
    """B8: ``kg source add`` on a FIFO waited forever for a writer; ``-o ''`` wrote to standard
    output (export) or into the current folder (synth)."""
    fifo = tmp_path / "text.txt"
    os.mkfifo(fifo)
    (tmp_path / "data").mkdir()
    done = cli("source", "add", str(fifo), "--publisher", "X", "--data", str(tmp_path / "data"))
    assert (done.code, done.out, done.err) == (2, "", f"kg: error: {fifo}: not a regular file\n")
    for command, flag in ((("export", "-o", ""), "output"), (("synth", "--companies", "4", "-o", ""), "out")):
        done = cli(*command)
        assert (done.code, done.out) == (2, "")
        assert done.err.endswith(f"kg: error: -o/--{flag} needs a path, not an empty string\n")


def test_a_syntax_error_with_parameters_points_into_the_users_text(cli: Any) -> None:
    """B8: the position was that of the rewritten query (terms substituted, a VALUES row added)."""
    text = "SELECT ?x WHERE {\n ?s ?p ?x .\n FILTER(?p = ?q &&)\n}"
    plain = cli("query", text)
    bound = cli("query", text, "--param", "p=pk:microsoft", "--param", "q=hello")
    assert plain.code == bound.code == 2
    assert plain.err.startswith("kg: error: SPARQL syntax error at line 4, column 2: expected one of")
    assert bound.err.startswith("kg: error: SPARQL syntax error at line 4, column 2: expected one of")
    inline = cli("query", "SELECT ?x WHERE { BIND(?p AS ?x) FILTER(?x > ) }", "--param", "p=1")
    assert inline.err.startswith("kg: error: SPARQL syntax error at line 1, column 49: ")


DEEP_BRACES = "SELECT * WHERE " + "{" * 20000 + "}" * 20000
TOO_DEEP = (
    "the query nests too deeply (brackets and operators 40001 deep; at most 500 are accepted): "
    "flatten it, or use VALUES for long lists of alternatives"
)


def test_kg_query_refuses_pathological_nesting_in_one_line(kg_process: Any) -> None:
    """C4 through ``kg query``: one line and exit 2, not a crashed child (status -11), with or
    without --allow-service (whose query may run in this very process)."""
    for extra in ((), ("--allow-service",)):
        done = kg_process("query", DEEP_BRACES, *extra)
        assert (done.returncode, done.stdout, done.stderr) == (2, "", f"kg: error: {TOO_DEEP}\n")
    nested = "ASK { " + "{ " * 60 + "?s ?p ?o" + " }" * 60 + " }"  # deep, but not pathological
    done = kg_process("query", nested, "--format", "json")
    assert (done.returncode, done.stderr) == (0, "")
    assert '"boolean":true' in done.stdout.replace(" ", "")


def test_the_library_refuses_pathological_nesting_before_any_engine_reads_it(tmp_path: Path) -> None:
    """C4 through ``PartnershipGraph.query`` and a user's query file: QueryError, one line; with
    ``allow_service=True`` the query would run in the calling process and overflow its stack."""
    script = f"""
import graph
from graph._errors import QueryError
from graph.sparql import load_query_file
kg = graph.load()
text = {DEEP_BRACES!r}
for run in (lambda: kg.query(text), lambda: kg.query(text, allow_service=True),
            lambda: kg.run_named(load_query_file({str(tmp_path / "deep.rq")!r}), {{}})):
    try:
        run()
    except QueryError as err:
        print(err)
"""
    (tmp_path / "deep.rq").write_text("# @param who text optional\n" + DEEP_BRACES + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == f"{TOO_DEEP}\n" * 3
