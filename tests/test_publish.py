"""``kg publish DIR``: the entity documents as static files, the same as ``kg serve`` answers."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.compare import to_isomorphic

from graph.linked._describe import describe
from graph.linked._document import render

PK = "https://w3id.org/partnership-kg/id/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from graph.cli import main

    folder = tmp_path_factory.mktemp("site") / "out"
    assert main(["publish", str(folder), "--base-url", "https://example.org/pkg/"]) == 0
    return folder


def test_every_entity_has_four_documents_with_the_same_triples(site: Path, kg) -> None:
    keys = sorted({p.stem for p in (site / "id").iterdir()})
    subjects = {str(s) for s in kg.to_rdflib().subjects() if str(s).startswith(PK)}
    assert keys == sorted(s[len(PK) :] for s in subjects)
    for key in (
        "agreement-2026-02-27",
        "microsoft",
        "role-aws-distributes-frontier",
        "term-2019-collaboration",
    ):
        graphs = [
            rdflib.Graph().parse(site / "id" / f"{key}.{suffix}", format=fmt)
            for suffix, fmt in (("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt"))
        ]
        assert to_isomorphic(graphs[0]) == to_isomorphic(graphs[1]) == to_isomorphic(graphs[2])
        node = rdflib.URIRef(PK + key)
        assert set(graphs[0].triples((node, None, None))) == set(kg.to_rdflib().triples((node, None, None)))
        page = (site / "id" / f"{key}.html").read_text(encoding="utf-8")
        assert f'<a href="../explorer.html#node={key}">' in page
        assert page == render("html", describe(kg.store, PK + key), key, "../explorer.html").decode()


def test_the_site_has_dumps_void_and_redirects(site: Path, kg) -> None:
    dump = rdflib.Graph().parse(site / "partnership.ttl")
    assert len(dump) == len(kg)
    void = rdflib.Graph().parse(site / "void.ttl")
    VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
    dataset = rdflib.URIRef("https://w3id.org/partnership-kg/dataset")
    assert int(void.value(dataset, VOID.triples)) == len(kg)
    assert rdflib.URIRef("https://example.org/pkg/partnership.ttl") in set(
        void.objects(dataset, VOID.dataDump)
    )
    w3id = (site / "w3id" / ".htaccess").read_text()
    assert "RewriteRule ^id/([A-Za-z0-9._~-]+)$ https://example.org/pkg/id/$1.ttl [R=303,L]" in w3id
    host = (site / ".htaccess").read_text()
    assert (
        "RewriteCond %{HTTP_ACCEPT} application/ld\\+json\nRewriteRule ^id/([A-Za-z0-9._~-]+)$ id/$1.jsonld [L]"
        in host
    )
    assert (site / "explorer.html").is_file() and (site / "index.html").is_file()


def test_publish_refuses_a_folder_it_did_not_write(tmp_path: Path, cli) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    code, _, err = cli("publish", str(tmp_path), "--base-url", "https://example.org/")
    assert code == 2 and "exists and is not a kg publish folder" in err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    code, _, err = cli("publish", str(tmp_path / "new"), "--base-url", "example.org")
    assert code == 2 and "give the http(s) URL" in err and not (tmp_path / "new").exists()


def test_publish_again_replaces_the_earlier_site(site: Path, cli) -> None:
    (site / "id" / "stale.html").write_text("old")
    code, _, _ = cli("publish", str(site), "--base-url", "https://example.org/pkg")
    assert code == 0 and not (site / "id" / "stale.html").exists()
    assert [p.name for p in site.parent.iterdir()] == ["out"]  # no temporary folder left


def test_build_writes_a_void_description_of_its_dumps(packaged_build, kg) -> None:
    out, run = packaged_build
    assert run.code == 0, run.err
    assert f"described: {out}/void.ttl" in run.out
    void = rdflib.Graph().parse(out / "void.ttl")
    ns = rdflib.Namespace("http://rdfs.org/ns/void#")
    dataset = rdflib.URIRef("https://w3id.org/partnership-kg/dataset")
    assert int(void.value(dataset, ns.triples)) == len(kg)
    dumps = {
        rdflib.URIRef((out / f"partnership.{f}").as_uri())
        for f in ("ttl", "trig", "jsonld", "nq")
    }
    assert set(void.objects(dataset, ns.dataDump)) == dumps
    assert int(void.value(dataset, ns.entities)) == len(
        {s for s in kg.to_rdflib().subjects() if str(s).startswith(PK)}
    )


def test_an_entity_page_escapes_what_the_data_says(tmp_path: Path) -> None:
    import graph

    hostile = "<script>alert(1)</script>"
    evil_iri = "https://example.org/'onclick='x"
    data = (
        "@prefix kg: <https://w3id.org/partnership-kg/ns#> .\n"
        "@prefix pk: <https://w3id.org/partnership-kg/id/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        f'pk:hostile rdfs:label "{hostile}" ; rdfs:seeAlso <javascript:alert(2)> , <{evil_iri}> ;\n'
        f'    kg:evidence pk:ev-hostile . pk:ev-hostile kg:quote "</blockquote>{hostile}" .\n'
    )
    (tmp_path / "h.ttl").write_text(data, encoding="utf-8")
    kg = graph.load(tmp_path)
    page = render("html", describe(kg.store, PK + "hostile"), "hostile").decode()
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page and "'onclick='x" not in page
    assert "https://example.org/&#x27;onclick=&#x27;x" in page
