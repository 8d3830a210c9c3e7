"""Loading: packaged data, users' folders, formats, the compiled cache and derived date bounds."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import graph
from graph.store._files import cache_dir, data_files
from tests.conftest import PREFIXES, write

# The answers asserted here are the five corpus documents' (issue 21: reports read outside the
# corpus change several; tests/test_reported_timeline.py asserts those): kg and cli use --corpus-only.
CORPUS_ONLY = True


EXTRA = (
    PREFIXES
    + """
pk:acme a kg:Organization ; rdfs:label "Acme" ; kg:evidence pk:ev-003-title .
"""
)


def labels(kg: graph.PartnershipGraph) -> set[str]:
    return {r["l"] for r in kg.query("SELECT ?l WHERE { ?o a kg:Organization ; rdfs:label ?l }").values()}


def test_packaged_graph_has_the_model(kg: graph.PartnershipGraph) -> None:
    assert len(kg) > 1500
    assert {"Microsoft", "OpenAI", "Amazon", "NVIDIA", "SoftBank", "Oracle"} <= labels(kg)
    assert data_files() == sorted(data_files())


def test_user_folder_and_single_file_are_added(tmp_path) -> None:
    extra = write(tmp_path / "mine" / "acme.ttl", EXTRA)
    assert "Acme" in labels(graph.load(extra.parent))
    assert "Acme" in labels(graph.load(extra))
    assert "Acme" not in labels(graph.load())


@pytest.mark.parametrize("suffix", [".nt", ".nq", ".trig", ".jsonld"])
def test_other_rdf_formats(tmp_path, suffix: str) -> None:
    import pyoxigraph as ox

    triples = list(ox.parse(EXTRA.encode(), format=ox.RdfFormat.TURTLE))
    fmt = {
        ".nt": ox.RdfFormat.N_TRIPLES,
        ".nq": ox.RdfFormat.N_QUADS,
        ".trig": ox.RdfFormat.TRIG,
        ".jsonld": ox.RdfFormat.JSON_LD,
    }[suffix]
    if suffix in (".nq", ".trig"):
        g = ox.NamedNode("https://example.org/g")
        payload = ox.serialize([ox.Quad(t.subject, t.predicate, t.object, g) for t in triples], format=fmt)
    else:
        payload = ox.serialize(triples, format=fmt)
    (tmp_path / f"acme{suffix}").write_bytes(payload)
    assert "Acme" in labels(graph.load(tmp_path))  # named graphs are merged into the default graph


def test_unpackaged_load_reads_only_the_users_files(tmp_path) -> None:
    kg = graph.load(write(tmp_path / "a.ttl", EXTRA), packaged=False)
    assert labels(kg) == {"Acme"}


def test_compiled_cache_is_written_and_rebuilt_when_a_file_changes(tmp_path, fresh_cache, monkeypatch) -> None:
    extra = write(tmp_path / "mine" / "acme.ttl", EXTRA)
    graph.load(extra.parent)
    compiled = list(Path(cache_dir()).glob("*.nq"))
    assert len(compiled) == 1
    assert "Acme" in labels(graph.load(extra.parent))
    with monkeypatch.context() as patched:  # the data file is unchanged, so the cache is read
        patched.setattr("graph.store._files.load_file", lambda *_: pytest.fail("the data was parsed"))
        assert "Acme" in labels(graph.load(extra.parent))
    marked = compiled[0].read_text(encoding="utf-8").replace('"Acme"', '"Acme from the cache"')
    compiled[0].write_text(marked, encoding="utf-8")  # altered: no longer its recorded checksum
    assert "Acme from the cache" not in labels(graph.load(extra.parent))
    same_size = EXTRA.replace('"Acme"', '"Acmf"')  # only the modification time tells the change
    write(extra, same_size)
    os.utime(extra, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    assert "Acmf" in labels(graph.load(extra.parent))
    time.sleep(0.01)
    write(extra, EXTRA.replace('"Acme"', '"Acme Renamed"'))
    os.utime(extra, None)
    reloaded = graph.load(extra.parent)
    assert "Acme Renamed" in labels(reloaded) and "Acme" not in labels(reloaded)
    assert len(list(Path(cache_dir()).glob("*.nq"))) == 1  # older versions pruned (issue 13, item 11)


def test_damaged_cache_is_rebuilt(fresh_cache) -> None:
    graph.load()
    [compiled] = Path(cache_dir()).glob("*.nq")
    compiled.write_text("this is not n-quads")
    assert len(graph.load()) > 1500


def test_derived_date_bounds(kg: graph.PartnershipGraph) -> None:
    rows = {
        r["a"].rsplit("/", 1)[1]: (r["early"], r["late"])
        for r in kg.query(
            "SELECT ?a ?early ?late WHERE { ?a a kg:Agreement . OPTIONAL { ?a kg:earliestPossibleDate ?early } "
            "OPTIONAL { ?a kg:latestPossibleDate ?late } }"
        ).values()
    }
    assert rows["agreement-2025-10"] == ("2025-10-01", "2025-10-31")
    assert rows["agreement-2019"] == ("2019-01-01", "2019-12-31")
    # Inferred: after the partnership's start (2019), before October 2025.
    assert rows["agreement-multi-year-extension"] == ("2019-01-01", "2025-10-31")
    assert rows["agreement-amended"] == ("2026-02-27", None)  # inferred: after the statement
    # No text dates it and nothing bounds it (the 2019 bound was false: issue 21).
    assert rows["agreement-research-on-azure"] == (None, None)
    # Inferred: before the definitive agreement of October 2025 that finalises it.
    assert rows["agreement-mou"] == ("2019-01-01", "2025-10-31")


def test_resolve_names_ids_and_iris(kg: graph.PartnershipGraph) -> None:
    pk = "https://w3id.org/partnership-kg/id/"
    assert kg.resolve("frontier") == pk + "frontier"
    assert kg.resolve("pk:frontier") == pk + "frontier"
    assert kg.resolve("FRONTIER") == pk + "frontier"
    assert kg.resolve("AWS") == pk + "aws"
    assert kg.resolve("Amazon Web Services") is None  # no text spells it out
    assert kg.resolve(pk + "azure") == pk + "azure"
    assert kg.resolve("no such thing") is None
    assert kg.agreement_in_force("2026-03") == pk + "agreement-2026-02-27"
    assert kg.agreement_in_force("2018") is None
