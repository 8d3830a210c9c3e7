"""SERVICE calls disguised every way we know, as a hypothesis strategy, and a loopback listener.

Each generated query is a SELECT whose WHERE group reaches, somewhere, a ``SERVICE`` pattern
aimed at a listener on 127.0.0.1: the keyword in any letter case, optionally SILENT; the target as an IRI
(dotted, short or decimal host), a prefixed name or a relative IRI under BASE; tokens separated by spaces, tabs, CR, LF, and comments holding ``>``, ``<``, quotes
and braces; preceded by ``<`` used as an operator (the bypass of issue 13), strings with quotes
and escaped prefixed names; and nested in OPTIONAL, UNION, GRAPH, MINUS, sub-queries and
FILTER EXISTS.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import strategies as st

KEYWORDS = ["SERVICE", "service", "Service", "sErViCe", "SERVICe", "serviCE"]
GAPS = [" ", "\t", "\n", "\r", "\r\n", "#>\n", "#}\r", "# SERVICE \"'\n", "#<\n", "#\\\n", "  \n  "]
BEFORE = [
    "",
    "BIND(1 AS ?a) BIND(2 AS ?b) FILTER(?a<?b)",
    "?s ?p ?o . BIND(1 AS ?a) FILTER(?a<3)",
    "BIND(1 AS ?a) FILTER(?a<2)",
    "FILTER(1<2)",
    "?s ?p ?o . BIND(2 AS ?a) FILTER(?a<3 && 3>?a)",
    '?s ?p ?o FILTER(?o != "SERVICE")',
    "?s ?p ?o FILTER(?o != 'a\\'b')",
    '?s ?p ?o FILTER(?o != """x"y""")',
    "?s ?p ?o FILTER(STR(?o) != '#')",
    "OPTIONAL { ?s ?p ?o }",
    'VALUES ?z { "}" }',
    "?s ?p ?o . FILTER(?o != lp:a\\#b)",
    "?s ?p ?o . FILTER(?o != lp:a\\'b)",
]
WRAPS = [
    "@",
    "OPTIONAL { @ }",
    "{ SELECT * WHERE { @ } }",
    "{ ?s ?p ?o } UNION { @ }",
    "OPTIONAL { GRAPH ?g { ?s ?p ?o } } @",
    "?s ?p ?o MINUS { @ }",
    "FILTER EXISTS { @ }",
    "FILTER NOT EXISTS { @ }",
    "{ { @ } }",
    "?s ?p ?o . { @ } UNION { ?s ?p ?o }",
]


def targets(port: int) -> list[str]:
    """Ways to name the listener as a SERVICE target (the prologue declares lp: and BASE)."""
    return [
        f"<http://127.0.0.1:{port}/>",
        f"<http://127.0.0.1:{port}/sparql>",
        "lp:",
        "lp:sparql",
        "<sparql>",
        f"<http://127.1:{port}/sparql>",
        f"<http://2130706433:{port}/sparql>",
    ]


@st.composite
def service_queries(draw: st.DrawFn, port: int) -> str:
    """One SELECT query that calls the listener on ``port`` with a disguised SERVICE."""
    gap = st.lists(st.sampled_from(GAPS), min_size=1, max_size=3).map("".join)
    keyword = draw(st.sampled_from(KEYWORDS))
    silent = draw(st.sampled_from(["", " SILENT", " silent"]))
    target = draw(st.sampled_from(targets(port)))
    pattern = f"{keyword}{silent}{draw(gap)}{target}{draw(gap)}{{ ?s ?p ?o }}"
    body = draw(st.sampled_from(WRAPS)).replace("@", pattern)
    prologue = f"PREFIX lp: <http://127.0.0.1:{port}/>{draw(gap)}BASE <http://127.0.0.1:{port}/>{draw(gap)}"
    before = draw(st.sampled_from(BEFORE))
    return f"{prologue}SELECT * WHERE {{ {before}{draw(gap)}{body}{draw(gap)}}} LIMIT 3"


class Listener:
    """A loopback TCP listener counting the connections it accepts (each is closed at once)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port: int = self.sock.getsockname()[1]
        self.connections = 0
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread
        self.sock.close()


@contextmanager
def listening() -> Iterator[Listener]:
    """A Listener for the duration of the block."""
    listener = Listener()
    try:
        yield listener
    finally:
        listener.close()


ISSUE_BYPASS = (
    "SELECT ?s WHERE {{ BIND(1 AS ?a) BIND(2 AS ?b) FILTER(?a<?b)SERVICE#>\n"
    "<http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}"
)
"""The bypass issue 13 reports, with the listener's port to fill in."""
