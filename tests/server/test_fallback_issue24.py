"""Issue 24, C7, through ``kg serve --allow-network-fallback``: the grammar check reads the text
the engine runs, so the escaped-quote disguise is refused and the listener sees no connection."""

from __future__ import annotations

import time

import pytest

from tests.disguises import listening
from tests.test_isolation import C7_QUERY


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_the_fallback_refuses_the_escape_disguise(monkeypatch: pytest.MonkeyPatch) -> None:
    from starlette.testclient import TestClient

    from graph import _sandbox
    from graph.isolation import Isolation
    from graph.serve._app import ServeOptions, create_app

    monkeypatch.setattr(_sandbox, "network_can_be_cut", lambda: False)  # what graph.serve asks now
    monkeypatch.setattr(Isolation, "available", staticmethod(lambda: False))  # and once moved to Isolation
    with (
        listening() as listener,
        TestClient(create_app(ServeOptions(workers=1, allow_network_fallback=True))) as client,
    ):
        assert client.get("/health").json()["network_isolated"] is False
        answer = client.get("/sparql", params={"query": C7_QUERY.format(port=listener.port)})
        assert answer.status_code == 403
        assert answer.text.startswith("this query cannot be checked for SERVICE calls: it holds a \\u")
        time.sleep(0.1)
        assert listener.connections == 0
