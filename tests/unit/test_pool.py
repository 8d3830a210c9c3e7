"""graph.serve._pool: worker processes that answer one job at a time, stopped and replaced when late."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from graph.serve._jobs import Job
from graph.serve._pool import Busy, TimedOut, WorkerPool, prepare_source

ASK = Job("sparql", text="ASK { ?s a <https://w3id.org/partnership-kg/ns#Agreement> }")
SLOW = Job("sparql", text="SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")


def test_a_pool_answers_times_out_replaces_and_refuses_when_busy(tmp_path: Path) -> None:
    source, _ = prepare_source((), None, str(tmp_path))  # the graph fixed at start, as a snapshot

    async def scenario() -> None:
        pool = WorkerPool(source, workers=1)
        await pool.start()
        try:
            assert pool.triples > 1000
            reply = await pool.run(ASK, 30)
            assert (reply.status, reply.kind, reply.fmt) == ("ok", "ask", "json")
            assert json.loads(reply.body)["boolean"] is True
            with pytest.raises(TimedOut, match=r"longer than the 0\.5 s allowed"):
                await pool.run(SLOW, 0.5)
            assert json.loads((await pool.run(ASK, 60)).body)["boolean"] is True  # its replacement
            health = pool.health()
            assert (health["status"], health["workers"], health["restarts"]) == ("ok", 1, 1)
            slow = asyncio.ensure_future(pool.run(SLOW, 2))
            await asyncio.sleep(0.2)
            with pytest.raises(Busy, match=r"all 1 query workers stayed busy for 0\.3 s"):
                await pool.run(ASK, 0.3)
            with pytest.raises(TimedOut):
                await slow
        finally:
            await pool.close()

    asyncio.run(scenario())
