"""The on-disk store: same answers as the in-memory graph, reopened as is, rebuilt when data change."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import graph
from graph._errors import DataError, GraphError
from graph.store._files import data_files
from graph.store._ondisk import MANIFEST, is_current, read_manifest
from graph.synth import generate
from tests.conftest import PREFIXES, REPO, write

ACME = PREFIXES + 'pk:acme a kg:Organization ; rdfs:label "Acme" ; kg:evidence pk:ev-003-title .\n'

REOPEN = """
import json, sys, graph
kg = graph.load(*sys.argv[2:], store=sys.argv[1])
print(json.dumps([h.to_dict() for h in kg.hosts("frontier")] + [h.to_dict() for h in kg.hosts("synth-co1-products")]))
"""


def labels(kg: graph.PartnershipGraph) -> set[str]:
    return {r["l"] for r in kg.query("SELECT ?l WHERE { ?o a kg:Organization ; rdfs:label ?l }").values()}


def dicts(items: list) -> list[dict]:
    return [item.to_dict() for item in items]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synth")
    generate(folder, companies=5, seed=1)
    return folder


def test_store_answers_like_the_in_memory_graph(tmp_path: Path, synthetic: Path) -> None:
    memory = graph.load(synthetic)
    stored = graph.load(synthetic, store=tmp_path / "store")
    assert len(stored) == len(memory)
    assert dicts(stored.hosts()) == dicts(memory.hosts())
    assert dicts(stored.hosts("Frontier")) == dicts(memory.hosts("Frontier"))
    assert dicts(stored.changes("agreement-2025-10", "agreement-2026-02-27")) == dicts(
        memory.changes("agreement-2025-10", "agreement-2026-02-27")
    )
    assert dicts(stored.terms("2026-03")) == dicts(memory.terms("2026-03"))
    # GROUP_CONCAT order is unspecified in SPARQL (and differs between Oxigraph's in-memory and
    # on-disk indexes), so the timeline's joined lists are compared as sets.
    assert [(e.agreement, e.date, sorted(e.parties)) for e in stored.timeline()] == [
        (e.agreement, e.date, sorted(e.parties)) for e in memory.timeline()
    ]
    derived = "SELECT ?a ?d WHERE { ?a kg:latestPossibleDate ?d } ORDER BY ?a"
    assert stored.query(derived).values() == memory.query(derived).values()


def test_reopened_in_another_process_gives_the_same_hosts(tmp_path: Path, synthetic: Path) -> None:
    store = tmp_path / "store"
    memory = graph.load(synthetic)
    expected = json.loads(
        json.dumps(dicts(memory.hosts("frontier")) + dicts(memory.hosts("synth-co1-products")))
    )
    for _ in range(2):  # the first run builds the store, the second reopens it
        done = subprocess.run(
            [sys.executable, "-c", REOPEN, str(store), str(synthetic)],
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout) == expected
    manifest = read_manifest(str(store))
    assert manifest is not None and is_current(data_files([synthetic]), store)
    assert [p.name for p in store.iterdir() if p.name.startswith("store-")] == [manifest["store"]]


def test_a_changed_data_file_rebuilds_the_store(tmp_path: Path) -> None:
    extra = write(tmp_path / "mine" / "acme.ttl", ACME)
    store = tmp_path / "store"
    assert "Acme" in labels(graph.load(extra.parent, store=store))
    first = read_manifest(str(store))
    assert "Acme" in labels(graph.load(extra.parent, store=store))  # reopened, not rebuilt
    assert read_manifest(str(store)) == first
    write(extra, ACME.replace('"Acme"', '"Acmf"'))  # same size: only the modification time changes
    os.utime(extra, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    assert "Acmf" in labels(graph.load(extra.parent, store=store))
    write(extra, ACME.replace('"Acme"', '"Acme Renamed"'))
    os.utime(extra, ns=(time.time_ns() + 2 * 10**9, time.time_ns() + 2 * 10**9))
    assert not is_current(data_files([extra.parent]), store)
    renamed = labels(graph.load(extra.parent, store=store))
    assert "Acme Renamed" in renamed and "Acme" not in renamed
    second = read_manifest(str(store))
    assert second is not None and first is not None and second["store"] != first["store"]


def test_an_added_or_removed_file_rebuilds_the_store(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    write(folder / "acme.ttl", ACME)
    store = tmp_path / "store"
    graph.load(folder, store=store)
    write(folder / "beta.ttl", ACME.replace("acme", "beta").replace('"Acme"', '"Beta"'))
    assert {"Acme", "Beta"} <= labels(graph.load(folder, store=store))
    (folder / "acme.ttl").unlink()
    found = labels(graph.load(folder, store=store))
    assert "Beta" in found and "Acme" not in found
    assert "Acme" not in labels(graph.load(store=tmp_path / "packaged-only"))


def test_a_bad_data_file_leaves_no_half_built_store(tmp_path: Path) -> None:
    bad = write(tmp_path / "mine" / "bad.ttl", PREFIXES + "pk:x rdfs:label .\n")
    store = tmp_path / "store"
    with pytest.raises(DataError, match=r"bad\.ttl"):
        graph.load(bad.parent, store=store)
    assert not (store / MANIFEST).exists()
    assert not [p for p in store.iterdir() if p.name.startswith("store-")]


def test_a_folder_of_other_files_or_a_file_is_refused(tmp_path: Path) -> None:
    write(tmp_path / "notes" / "todo.txt", "keep me")
    with pytest.raises(GraphError, match="holds other files"):
        graph.load(store=tmp_path / "notes")
    assert (tmp_path / "notes" / "todo.txt").read_text() == "keep me"
    with pytest.raises(GraphError, match="not a folder"):
        graph.load(store=tmp_path / "notes" / "todo.txt")


def test_cli_store_option_builds_once_then_reopens(tmp_path: Path, kg_process) -> None:
    store = str(tmp_path / "store")
    first = kg_process("hosts", "Frontier", "--format", "json", "--store", store)
    assert first.returncode == 0, first.stderr
    assert "loading the data into the store" in first.stderr
    second = kg_process("hosts", "Frontier", "--format", "json", "--store", store)
    assert second.returncode == 0 and second.stderr == ""
    assert json.loads(second.stdout) == json.loads(first.stdout)
    assert {h["provider"] for h in json.loads(second.stdout)} == {"Microsoft Azure", "AWS"}
    refused = kg_process("hosts", "--store", str(REPO / "data"))
    assert refused.returncode == 2 and refused.stderr.startswith("kg: error:")


def test_read_only_opening_needs_a_built_store_and_shares_it(tmp_path: Path, synthetic: Path) -> None:
    store = tmp_path / "store"
    with pytest.raises(GraphError, match="does not hold the current data files"):
        graph.load(synthetic, store=store, read_only=True)
    built = graph.load(synthetic, store=store)
    expected = dicts(built.hosts("frontier"))
    readers = [graph.load(synthetic, store=store, read_only=True) for _ in range(2)]
    assert [dicts(r.hosts("frontier")) for r in readers] == [expected, expected]
    quad = next(iter(built.store.quads_for_pattern(None, None, None)))
    with pytest.raises(RuntimeError, match="read-write"):  # read-only: nothing can be written
        readers[0].store.remove(quad)
    assert len(readers[1]) == len(built)
