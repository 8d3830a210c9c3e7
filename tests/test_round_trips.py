"""Answers cost a fixed number of SPARQL round trips, whatever their number of rows: the
evidence and bases of all rows are read in one VALUES query per kind (graph.answers._basis)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox

import graph
from graph import PartnershipGraph


class CountingBackend:
    """A backend that counts the queries it is sent, and passes them on."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.sent: list[str] = []

    def query(self, text: str, bindings: Mapping[str, Any]) -> Any:
        self.sent.append(text)
        return self.inner.query(text, bindings)

    def dump(self, fmt: ox.RdfFormat) -> bytes:
        return bytes(self.inner.dump(fmt))

    def triples(self) -> int:
        return int(self.inner.triples())


def counted(kg: PartnershipGraph) -> tuple[PartnershipGraph, CountingBackend]:
    backend = CountingBackend(kg.backend)
    return PartnershipGraph(backend), backend  # type: ignore[arg-type]


def test_hosts_as_of_a_date_takes_at_most_five_round_trips(kg: PartnershipGraph) -> None:
    asked, backend = counted(kg)
    answer = asked.hosts(as_of="2025-06")
    assert len(backend.sent) <= 5, len(backend.sent)
    assert answer == kg.hosts(as_of="2025-06")
    assert len(answer) >= 5 and all(role.evidence or role.basis.kind == "inferred" for role in answer)


def test_changes_between_two_dates_takes_at_most_eight_round_trips(kg: PartnershipGraph) -> None:
    asked, backend = counted(kg)
    answer = asked.changes("2025-10", "2026-02-27")
    assert len(backend.sent) <= 8, len(backend.sent)
    assert answer == kg.changes("2025-10", "2026-02-27")
    assert len(answer) >= 10 and any(change.to_evidence for change in answer)


def test_the_round_trips_do_not_grow_with_the_rows() -> None:
    asked, backend = counted(graph.load())
    asked.hosts()
    every_role = len(backend.sent)
    backend.sent.clear()
    asked.hosts("stateless-apis")
    assert len(backend.sent) <= every_role + 1  # the subject's name is resolved once
