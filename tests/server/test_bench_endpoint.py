"""A small, bounded version of benchmarks/bench_endpoint.py: 200 named-query requests at
concurrency 16 against kg serve (and the same mix against Oxigraph), and a small soak whose
error rate is bounded (a shared machine can lose a request; the benchmarks keep the zero)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from graph.remote._backend import DEFAULT_GRAPH_IRI

pytestmark = pytest.mark.server

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_endpoint.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_endpoint", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_endpoint"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_200_named_query_requests_at_concurrency_16_without_errors(kg_server: str, bench: ModuleType) -> None:
    stats = bench.run_load(bench.named_requests(kg_server), total=200, concurrency=16)
    assert (stats.requests, stats.errors) == (200, 0), stats.first_error
    assert len(stats.latencies) == 200
    assert stats.per_second > 0
    assert "kg serve" in bench.table([("kg serve", stats)])


def test_the_same_sparql_mix_runs_on_both_servers(kg_server: str, pushed: str, bench: ModuleType) -> None:
    for mix in (
        bench.sparql_requests(kg_server + "/sparql"),
        bench.sparql_requests(pushed + "/query", DEFAULT_GRAPH_IRI),
    ):
        stats = bench.run_load(mix, total=len(mix), concurrency=4)
        assert stats.errors == 0, stats.first_error


def test_percentiles_use_the_nearest_rank(bench: ModuleType) -> None:
    stats = bench.Stats(100, 1, 0, 1.0, tuple(i / 1000 for i in range(1, 101)))
    assert (stats.percentile(50), stats.percentile(99), stats.per_second) == (50.0, 99.0, 100.0)


def test_runs_combine_into_one_figure(bench: ModuleType) -> None:
    first = bench.Stats(10, 16, 0, 1.0, (0.01,) * 10)
    second = bench.Stats(20, 16, 1, 1.0, (0.03,) * 20, "HTTP 503")
    both = bench.combine([first, second])
    assert (both.requests, both.errors, both.per_second, both.first_error) == (30, 1, 15.0, "HTTP 503")
    assert both.percentile(50) == 30.0


def test_a_small_soak_loses_almost_no_good_request(kg_server: str, bench: ModuleType) -> None:
    import asyncio

    sys.path.insert(0, str(SCRIPT.parent))
    from soak import soak

    stats, hostile = asyncio.run(soak(bench, kg_server, 300, 16))
    # At most 1 % on a shared machine (benchmarks/attack.py keeps the zero-error figure).
    assert stats.requests == 300 and stats.errors <= 3, stats.first_error
    assert hostile.service > 0 and hostile.stalled >= 200 and hostile.slow >= 1
    assert hostile.service_connections == 0
