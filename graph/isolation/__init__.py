"""Running untrusted input where it can do no harm: a child with no network, bounded memory and time.

Oxigraph evaluates ``SERVICE <url> { ... }`` by making an HTTP request, and pyoxigraph has no
switch to turn that off. Rather than recognise every way of spelling SERVICE, a process that
evaluates a user's query text first leaves the network: it moves into a network namespace of its
own (Linux ``unshare(CLONE_NEWNET)``), which holds only a loopback interface that is down, so any
connection fails before a packet is sent. Pipes and files already open keep working.

:class:`Isolation` is the one tool: ``call`` (a function, as the library runs ad-hoc SPARQL),
``command`` (a ``kg`` command reading the user's text, data or store) and ``enter`` (a server's
worker isolating itself). Named questions on the packaged data run in the calling process.
Where namespaces are not available, ``Isolation.available()`` says so and callers fall back
(see docs/endpoint.md, "SERVICE"). No state is kept in module globals: whether a process has
left the network is asked of the kernel each time (``Isolation.here()``).
"""

from __future__ import annotations

from graph._lazy import lazy
from graph.isolation._process import default_memory
from graph.isolation._report import CRASH_HINT, crash_message, cut
from graph.isolation._tool import DEFAULT_TIMEOUT, Crashed, Isolation, TimeLimit

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from graph.isolation._command import join_parent
    from graph.isolation._process import die_with_parent

_HOMES = {  # `kg` run fresh (KG_DIE_WITH_PARENT)
    "die_with_parent": "graph.isolation._process",
    "join_parent": "graph.isolation._command",
}
__getattr__ = lazy(__name__, _HOMES)


__all__ = [
    "CRASH_HINT",
    "DEFAULT_TIMEOUT",
    "Crashed",
    "Isolation",
    "TimeLimit",
    "crash_message",
    "cut",
    "default_memory",
    "die_with_parent",
    "join_parent",
]
