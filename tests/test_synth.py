"""The synthetic-graph generator: valid under the shapes, answerable, deterministic, clearly synthetic."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest

import graph
from graph._errors import GraphError
from graph._vocab import KG, PK
from graph.synth import FILE_NAME, companies_for_triples, generate, nt_literal

SOURCE = ox.NamedNode(KG + "Source")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About ten thousand synthetic triples (twelve companies, seed 7)."""
    folder = tmp_path_factory.mktemp("synth")
    generate(folder, companies=12, seed=7)
    return folder


@pytest.fixture(scope="module")
def kg(synthetic: Path) -> graph.PartnershipGraph:
    return graph.load(synthetic)


def triples(folder: Path) -> list[ox.Triple]:
    return list(ox.parse(path=str(folder / FILE_NAME), format=ox.RdfFormat.N_TRIPLES))


def ids(kg: graph.PartnershipGraph, sparql: str) -> list[str]:
    return [row[0].value[len(PK) :] for row in kg.query(sparql).rows]


def test_generated_graph_conforms_to_the_shapes(tmp_path: Path) -> None:
    # Four companies (a cloud and three labs, with their partnerships) show every shape at work;
    # SHACL validation (pySHACL) is the slow part, so the graph is kept small.
    generate(tmp_path, companies=4, seed=7)
    small = graph.load(tmp_path)
    assert 1_500 < len(small) - len(graph.load()) < 2_500
    assert small.query("SELECT (COUNT(?p) AS ?n) WHERE { ?p a kg:Partnership }").values() == [{"n": "5"}]
    report = small.validate()
    assert report.conforms, report.summary()


def test_twelve_companies_make_about_ten_thousand_triples(kg: graph.PartnershipGraph) -> None:
    assert 8_000 < len(kg) < 16_000


def test_hosts_answers_for_a_synthetic_product(kg: graph.PartnershipGraph) -> None:
    hosted = ids(
        kg, "SELECT DISTINCT ?t WHERE { ?r a kg:CloudRole ; kg:hostedThing ?t ; kg:rank kg:PreferredRank }"
    )
    product = next(t for t in hosted if re.fullmatch(r"synth-co\d+-product-\d+", t))
    roles = kg.hosts(product)
    assert roles and all(r.provider.startswith("Synthetic Cloud ") for r in roles)
    assert all(r.evidence and all(e.file.startswith("synth-source-") for e in r.evidence) for r in roles)
    by_provider = kg.hosts(roles[0].provider_id)
    assert {r.id for r in roles if r.provider_id == roles[0].provider_id} <= {r.id for r in by_provider}


def test_changes_and_terms_of_a_synthetic_partnership(kg: graph.PartnershipGraph) -> None:
    partnership = ids(kg, "SELECT ?p WHERE { ?p a kg:Partnership } ORDER BY ?p")[-1]
    assert partnership.startswith("synth-partnership-")
    agreements = ids(
        kg,
        f"SELECT ?a WHERE {{ ?a kg:partnership pk:{partnership} ; kg:earliestPossibleDate ?d }} ORDER BY ?d",
    )
    found = kg.changes(agreements[0], agreements[-1], partnership=partnership)
    assert found and {c.status for c in found} <= {"amended", "added", "removed", "unchanged", "not restated"}
    for change in found:
        assert change.from_term or change.to_term
        assert all(d.old != d.new for d in change.differences)
    last_year = kg.timeline(partnership)[-1].latest[:4]
    terms = kg.terms(last_year, partnership=partnership)
    assert terms and {t.status for t in terms} <= {"in force", "possibly in force"}
    assert {t.agreement for t in terms} <= set(agreements)


def test_every_change_type_and_an_undated_agreement_occur(kg: graph.PartnershipGraph) -> None:
    kinds = ids(kg, "SELECT DISTINCT ?c WHERE { ?t a kg:Term ; kg:changeType ?c }")
    # (kg:Continued comes from the packaged data, which the fixture loads with the synthetic.)
    assert {k.rsplit("#", 1)[-1] for k in kinds} == {"New", "Unchanged", "Amended", "Removed", "Continued"}
    assert ids(kg, "SELECT ?a WHERE { ?a kg:undated true ; kg:latestPossibleDate ?d }")


def test_synthetic_data_is_clearly_synthetic(synthetic: Path) -> None:
    found = triples(synthetic)
    assert all(t.subject.value.startswith(PK + "synth-") for t in found)
    labels = [t.object.value for t in found if t.predicate.value.endswith("#label")]
    assert all("ynthetic" in label for label in labels)
    sources = {t.subject for t in found if t.object == SOURCE}
    hashes = [t.object.value for t in found if t.subject in sources and t.predicate.value == KG + "sha256"]
    assert len(hashes) == len(sources) and all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes)
    assert (synthetic / "SYNTHETIC.txt").read_text().startswith("SYNTHETIC DATA")


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", companies=6, seed=3).read_bytes()
    assert generate(tmp_path / "b", companies=6, seed=3).read_bytes() == first
    assert generate(tmp_path / "c", companies=6, seed=4).read_bytes() != first


def test_size_follows_the_requested_triples(tmp_path: Path) -> None:
    companies = companies_for_triples(30_000)
    seen: list[tuple[int, int, int]] = []
    path = generate(tmp_path, companies, progress=lambda *p: seen.append(p))
    lines = path.read_text(encoding="utf-8").count("\n")
    assert 27_000 < lines < 36_000
    assert seen[-1] == (companies, companies, lines)
    assert {p.name for p in tmp_path.iterdir()} == {FILE_NAME, "SYNTHETIC.txt"}  # no temporary file left


def test_literals_are_escaped_for_n_triples() -> None:
    hostile = 'a "quote", a back\\slash,\na newline, a tab\t and a bell \x07 – ok'
    line = f"<http://e/s> <http://e/p> {nt_literal(hostile)} .\n"
    [parsed] = ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    assert parsed.object.value == hostile
    typed = nt_literal("2019", "http://www.w3.org/2001/XMLSchema#gYear")
    assert typed == '"2019"^^<http://www.w3.org/2001/XMLSchema#gYear>'


def test_bad_sizes_and_targets_are_graph_errors(tmp_path: Path) -> None:
    with pytest.raises(GraphError, match="at least 1"):
        generate(tmp_path, companies=0)
    target = tmp_path / "a-file"
    target.write_text("x")
    with pytest.raises(GraphError, match="not a folder"):
        generate(target, companies=1)


def test_kg_synth_command(tmp_path: Path, cli) -> None:
    run = cli("synth", "--triples", "5000", "--seed", "2", "-o", str(tmp_path / "out"))
    assert run.code == 0, run.err
    assert (tmp_path / "out" / FILE_NAME).is_file() and "companies" in run.err
    assert str(tmp_path / "out") in run.out
    for args, message in (
        ((), "--companies N or --triples N"),
        (("--companies", "0"), "positive"),
    ):
        bad = cli("synth", *args, "-o", str(tmp_path / "bad"))
        assert bad.code == 2 and message in bad.err
    both = cli("synth", "--companies", "2", "--triples", "9", "-o", str(tmp_path / "bad"))
    assert both.code == 2


@pytest.mark.slow
def test_reshaped_queries_agree_with_rdflib(synthetic: Path, kg: graph.PartnershipGraph, monkeypatch) -> None:
    """The scale-critical queries (the three of the benchmark and the timeline) give rdflib's answers
    on a synthetic graph (row order and GROUP_CONCAT order aside): a guard against a plan that is
    fast but wrong."""
    import rdflib
    from rdflib.plugins.sparql import aggregates
    from rdflib.plugins.sparql.sparql import NotBoundError

    from graph._vocab import PREFIXES
    from graph.sparql._bind import bind_terms
    from graph.sparql._named import get_named_query

    original = aggregates.Accumulator.use_row

    def use_row(self, row) -> bool:  # rdflib#882: skip unbound values in DISTINCT aggregates
        try:
            return original(self, row)
        except NotBoundError:
            return False

    monkeypatch.setattr(aggregates.Accumulator, "use_row", use_row)
    g = rdflib.Graph()
    g.parse(data=kg.serialize("nt"), format="nt")
    # A partnership with an undated agreement, on a day it may or may not have been made by.
    [undated] = kg.query(
        "SELECT ?p ?e ?l WHERE { ?u kg:undated true ; kg:partnership ?p ;"
        " kg:earliestPossibleDate ?e ; kg:latestPossibleDate ?l } ORDER BY ?u LIMIT 1"
    ).rows
    partnership = undated[0].value[len(PK) :]
    first, last = (date.fromisoformat(t.value) for t in undated[1:])
    maybe_day = (first + (last - first) / 2).isoformat()
    deals = ids(
        kg,
        f"SELECT ?a WHERE {{ ?a kg:partnership pk:{partnership} ; kg:earliestPossibleDate ?d }} ORDER BY ?d",
    )
    product = ids(
        kg, "SELECT ?t WHERE { ?r kg:hostedThing ?t FILTER(CONTAINS(STR(?t), '-product-')) } ORDER BY ?t"
    )[0]
    day = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
    cases = [
        ("who-hosts-what", {"subject": ox.NamedNode(PK + product)}),
        ("who-hosts-what", {"asOf": ox.Literal("2015-12-31", datatype=day)}),
        ("what-changed", {"from": ox.NamedNode(PK + deals[0]), "to": ox.NamedNode(PK + deals[-1])}),
        ("what-changed", {"from": ox.NamedNode(PK + deals[-1]), "to": ox.NamedNode(PK + deals[1])}),
        (
            "terms-as-of",
            {"asOf": ox.Literal(maybe_day, datatype=day), "partnership": ox.NamedNode(PK + partnership)},
        ),
        ("timeline", {"partnership": ox.NamedNode(PK + partnership)}),
        ("timeline", {}),
    ]

    def norm(value: object) -> str:
        # GROUP_CONCAT's order is not defined: compare the words, separators (", " and "; ") aside
        return "" if value is None else " ".join(sorted(str(value).replace(",", " ").replace(";", " ").split()))

    for name, params in cases:
        text = get_named_query(name).text
        ours = kg.backend.query(text, params)
        unordered = text.split("\nORDER BY")[0]  # rows are compared sorted; rdflib cannot sort unbound keys
        # Bound as on every engine (graph.sparql._bind): rdflib's initBindings, like a VALUES
        # block, do not reach into the sub-SELECTs of the portable queries.
        theirs = g.query(bind_terms(unordered, params), initNs=PREFIXES)
        expected = sorted(tuple(norm(row[v]) for v in ours.variables) for row in theirs)
        assert expected, f"{name} {params}: no rows to compare"
        got = sorted(tuple(norm(None if t is None else t.value) for t in row) for row in ours.rows)
        assert got == expected, f"{name} {params}"
