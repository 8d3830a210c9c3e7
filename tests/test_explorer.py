"""The explorer page as HTML: offline, escaped, and carrying the library's own answers.

The page is written once per module by ``kg explore --data DIR`` with a data folder that adds
hostile text (markup in a label, a script-closing quote, a javascript: URL); the HTML is then
parsed with html.parser, never string-matched where structure matters.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
from html.parser import HTMLParser
from itertools import combinations
from pathlib import Path

import pytest

import graph
from graph._errors import GraphError
from graph.cli import main
from graph.explorer import Explorer, explore, write_explorer
from graph.explorer._layout import box_for
from graph.explorer._page import json_for_script
from graph.explorer._vendor import manifest, notices, parts, vis_script

HOSTILE = "<img src=x onerror=alert(1)>"
HOSTILE_QUOTE = "</script><script>alert(2)</script><!--"
HOSTILE_DATA = f"""@prefix kg: <https://w3id.org/partnership-kg/ns#> .
@prefix pk: <https://w3id.org/partnership-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <http://schema.org/> .

pk:hostile a kg:Organization ; rdfs:label "{HOSTILE}" ;
    kg:evidence pk:ev-003-title, pk:ev-hostile .
pk:hostile-source a kg:Source ; rdfs:label "A hostile source" ; kg:fileName "hostile.txt" ;
    schema:url "javascript:alert(3)" .
pk:ev-hostile a kg:Evidence ; kg:source pk:hostile-source ; kg:primary false ;
    kg:quote "{HOSTILE_QUOTE}" .
pk:clause-hostile a kg:Clause ; skos:prefLabel "Clause & <b>bold</b> \\u2028 line" .
"""
AGREEMENTS = 8


class Page(HTMLParser):
    """The parts of a page the tests look at: every start tag, and each script's text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None
        self._text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script, self._text = dict(attrs), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._text)))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._text.append(data)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        """Attributes of every ``tag`` element."""
        return [attrs for name, attrs in self.tags if name == tag]

    def data(self) -> dict:
        """The JSON the page embeds, unpacked as the page does (graph/explorer/_pack.py)."""
        from graph.explorer._pack import unpack

        (text,) = [text for attrs, text in self.scripts if attrs.get("id") == "kg-data"]
        return unpack(json.loads(text))


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-data")
    (folder / "hostile.ttl").write_text(HOSTILE_DATA, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def kg(hostile_dir: Path) -> graph.PartnershipGraph:
    # The explorer's answers asserted here are the five corpus documents' (issue 21: --corpus-only)
    return graph.load(hostile_dir, corpus_only=True)


@pytest.fixture(scope="module")
def written(hostile_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, Path]:
    """``kg explore -o FILE --data DIR``: exit code, what it printed, the file."""
    target = tmp_path_factory.mktemp("out") / "explorer.html"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["explore", "-o", str(target), "--data", str(hostile_dir), "--corpus-only"])
    return code, out.getvalue(), target


@pytest.fixture(scope="module")
def html(written: tuple[int, str, Path]) -> str:
    return written[2].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page(html: str) -> Page:
    return Page(html)


@pytest.fixture(scope="module")
def data(page: Page) -> dict:
    return page.data()


def plain(answers: list) -> list:
    """Library answers as the JSON they are embedded as (tuples become lists)."""
    return json.loads(json.dumps([a.to_dict() for a in answers]))


def resolved(answer: dict, evidence: list[dict]) -> dict:
    """An embedded answer with its evidence positions turned back into the quotes."""
    out = dict(answer)
    for name in ("evidence", "from_evidence", "to_evidence"):
        if name in out:
            out[name] = [evidence[i] for i in out[name]]
    for name in ("basis", "from_basis", "to_basis"):
        if out.get(name):
            out[name] = resolved_basis(out[name], evidence)
    if "value_bases" in out:
        out["value_bases"] = [
            {**v, "basis": resolved_basis(v["basis"], evidence)} for v in out["value_bases"]
        ]
    return out


def resolved_basis(basis: dict, evidence: list[dict]) -> dict:
    """An embedded basis with its premises' evidence positions turned back into the quotes."""
    return {
        **basis,
        "premises": [{**p, "evidence": [evidence[i] for i in p["evidence"]]} for p in basis["premises"]],
    }


# -- the command ---------------------------------------------------------------------------------


def test_cli_writes_the_page_and_prints_its_path(written: tuple[int, str, Path]) -> None:
    code, printed, target = written
    assert code == 0
    assert printed.strip() == str(target)
    assert target.stat().st_size > 100_000


@pytest.mark.parametrize("where", ["folder", "under-a-file"])
def test_unwritable_output_is_a_one_line_error(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a-file").write_text("x")
    target = tmp_path if where == "folder" else tmp_path / "a-file" / "explorer.html"
    assert main(["explore", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kg: error: ") and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_write_explorer_refuses_a_folder_before_building(tmp_path: Path) -> None:
    with pytest.raises(GraphError, match="is a folder"):
        write_explorer(object(), tmp_path)  # type: ignore[arg-type]  # fails before touching kg


# -- offline and safe ----------------------------------------------------------------------------


def test_content_security_policy_forbids_every_request(page: Page) -> None:
    (meta,) = [
        m for m in page.named("meta") if (m.get("http-equiv") or "").lower() == "content-security-policy"
    ]
    policy = {d.split()[0]: d.split()[1:] for d in (meta["content"] or "").split(";") if d.strip()}
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'unsafe-inline'"]
    assert policy["style-src"] == ["'unsafe-inline'"]
    assert policy["img-src"] == ["data:"]
    assert not any(src.startswith("http") for sources in policy.values() for src in sources)


def test_nothing_is_loaded_from_elsewhere(page: Page, html: str) -> None:
    for tag, attrs in page.tags:
        for name in ("src", "href", "srcset", "action", "data", "poster"):
            assert name not in attrs, (tag, attrs)
    assert not page.named("link")
    assert not page.named("iframe") and not page.named("img") and not page.named("object")
    assert [attrs.get("src") for attrs, _ in page.scripts] == [None, None, None]
    styles = html[html.index("<style>") : html.index("</style>")]
    assert "@import" not in styles and "url(http" not in styles


def test_vis_network_is_inlined_from_the_vendored_build(page: Page) -> None:
    code = [text for attrs, text in page.scripts if not attrs]
    assert code[0] == vis_script()
    assert hashlib.sha256(code[0].encode("utf-8")).hexdigest() == manifest()["sha256"]
    pieces = parts(code[0])
    assert [(p["package"], p["version"]) for p in manifest()["parts"]][-1] == ("vis-network", "9.1.2")
    assert "@version 9.1.2" in pieces[-1] and "vis-network" in pieces[-1][:200]
    for part, text in zip(manifest()["parts"], pieces):
        assert hashlib.sha256(text.encode("utf-8")).hexdigest() == part["sha256"], part["file"]
        assert "sourceMappingURL" not in text  # nothing the page could try to fetch
    assert notices(code[0]) + "".join("\n" + text for text in pieces) + "\n" == code[0]


def test_hostile_label_appears_only_escaped(page: Page, html: str, data: dict) -> None:
    assert HOSTILE not in html
    assert "<script>alert" not in html and HOSTILE_QUOTE not in html
    assert not page.named("img")
    assert len(page.scripts) == 3  # the data, vis-network and the app; the quote closed nothing
    raw = next(text for attrs, text in page.scripts if attrs.get("id") == "kg-data")
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in raw
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert data["info"]["hostile"]["label"] == HOSTILE
    node = next(n for n in data["network"]["nodes"] if n["id"] == "hostile")
    assert node["label"] == HOSTILE and node["title"].startswith(HOSTILE)
    quotes = [data["evidence"][i]["quote"] for i in data["info"]["hostile"]["evidence"]]
    assert HOSTILE_QUOTE in quotes
    assert data["info"]["clause-hostile"]["label"] == "Clause & <b>bold</b> \u2028 line"


@pytest.mark.parametrize("text", ["</script>", "<!--", "a & b", "\u2028\u2029", '"quoted"', "\\"])
def test_json_for_script_round_trips_without_markup(text: str) -> None:
    encoded = json_for_script({"t": text})
    assert not set("<>&\u2028\u2029") & set(encoded)
    assert json.loads(encoded) == {"t": text}


# -- the library's answers, embedded ---------------------------------------------------------------


def test_hosts_are_the_librarys(kg: graph.PartnershipGraph, data: dict) -> None:
    embedded = [resolved(h, data["evidence"]) for h in data["hosts"]]
    assert embedded == plain(kg.hosts())
    stateless = [h for h in embedded if h["hosted_id"] == "stateless-apis" and h["role"] == "hosts"]
    assert [(h["provider"], h["exclusivity"]) for h in stateless] == [("Microsoft Azure", "exclusive")]
    assert any(e["primary"] and "exclusive cloud provider" in e["quote"] for e in stateless[0]["evidence"])


def test_changes_cover_every_ordered_pair(data: dict) -> None:
    ids = [t["agreement"] for t in data["timeline"]]
    assert len(ids) == AGREEMENTS
    assert set(data["changes"]) == {f"{a}|{b}" for a in ids for b in ids if a != b}
    assert all(isinstance(v, list) for v in data["changes"].values())


def test_extension_to_october_2025_narrows_azure(kg: graph.PartnershipGraph, data: dict) -> None:
    found = data["changes"]["agreement-multi-year-extension|agreement-2025-10"]
    azure = next(c for c in found if c["clause"] == "clause-azure-cloud")
    assert azure["status"] == "amended"
    scope = next(d for d in azure["differences"] if d["attribute"] == "scope")
    assert scope["old"].startswith("all OpenAI workloads") and scope["new"].startswith("stateless APIs")
    assert (azure["from_term"], azure["to_term"]) == (
        "term-multi-year-extension-azure-cloud",
        "term-2025-10-azure-cloud",
    )
    library = next(
        c
        for c in kg.changes("agreement-multi-year-extension", "agreement-2025-10")
        if c.clause == "clause-azure-cloud"
    )
    assert [resolved(azure, data["evidence"])] == plain([library])
    # The pair with the most amendments: October 2025 to the amended agreement (the IP license,
    # and the collaboration the amendment simplifies).
    assert data["default_pair"] == ["agreement-2025-10", "agreement-amended"]


def test_one_sided_changes_name_no_term_on_the_missing_side(data: dict) -> None:
    for found in data["changes"].values():
        for change in found:
            # Reversed pairs (FROM the later agreement) give the inverse change, from FROM's term.
            one_side = ("to_term", "to_evidence") if change["reversed"] else ("from_term", "from_evidence")
            if change["status"] in ("added", "removed"):
                assert change[one_side[0]] is None and change[one_side[1]] == []
            if change["status"] == "not restated" and not change["reversed"]:
                assert change["to_term"] is None and change["change_note"] is None


def test_snapshots_hold_terms_and_hosts_as_of_each_dated_agreement(
    kg: graph.PartnershipGraph, data: dict
) -> None:
    keys = [s["key"] for s in data["snapshots"]]
    assert keys[:3] == ["2019", "2025-10", "2026-02-27"]  # each dated agreement's, then the months':
    assert keys[3:] == ["2019-01", "2019-02", "2019-12", "2020-01", "2025-11", "2026-02", "2026-03"]
    june = dict(data["time"]["months"])["2025-06"]  # a month shares the snapshot of the last bound before it
    assert june == "2020-01"
    snap = next(s for s in data["snapshots"] if s["key"] == june)
    assert [resolved(h, data["evidence"]) for h in snap["hosts"]] == plain(kg.hosts(as_of="2025-06"))
    assert [resolved(t, data["evidence"]) for t in snap["terms"]] == plain(kg.terms("2025-06"))
    october = next(s for s in data["snapshots"] if s["key"] == "2025-10")
    assert [resolved(t, data["evidence"]) for t in october["terms"]] == plain(kg.terms("2025-10"))
    assert [resolved(h, data["evidence"]) for h in october["hosts"]] == plain(kg.hosts(as_of="2025-10"))
    in_force = {t["term"] for t in october["terms"] if t["status"] == "in force"}
    assert "term-2025-10-azure-cloud" in in_force and "term-multi-year-extension-azure-cloud" not in in_force


def test_node_details_carry_every_source(data: dict) -> None:
    azure = data["info"]["azure"]
    assert azure["kind"] == "cloud" and azure["alt"] == ["Azure"]
    quotes = [data["evidence"][i] for i in azure["evidence"]]
    assert {q["publisher"] for q in quotes} >= {"OpenAI"}
    assert all({"publisher", "primary", "quote", "url", "file"} <= set(q) for q in quotes)


def test_disagreeing_sources_are_both_shown_with_their_quotes(kg: graph.PartnershipGraph, data: dict) -> None:
    [conflict] = data["conflicts"]
    assert (conflict["subject"], conflict["property"]) == ("agreement-2025-10", "date")
    values = {c["value_label"]: c for c in conflict["claims"]}
    assert set(values) == {"Oct 2024", "Oct 2025"}
    assert (values["Oct 2025"]["rank"], values["Oct 2024"]["rank"]) == ("preferred", "normal")
    october_2024 = [data["evidence"][i] for i in values["Oct 2024"]["evidence"]]
    assert [(q["file"], q["primary"]) for q in october_2024] == [("001_a795f4d46e3df640.txt", False)]
    assert "joint blog post in October 2024" in october_2024[0]["quote"]
    assert {data["evidence"][i]["file"] for i in values["Oct 2025"]["evidence"]} >= {
        "003_7764993f1fc891bd.txt"
    }
    library = {c.value: {e.quote for e in c.evidence} for c in kg.conflicts()[0].claims}
    assert {
        c["value"]: {data["evidence"][i]["quote"] for i in c["evidence"]} for c in conflict["claims"]
    } == library


# -- the drawing -----------------------------------------------------------------------------------


def test_curated_view_leaves_evidence_out_of_the_graph(data: dict) -> None:
    kinds = {n["kind"] for n in data["info"].values()}
    assert kinds == {"organisation", "partnership", "cloud", "product", "role", "agreement", "clause", "term"}
    assert not [i for i in data["info"] if i.startswith(("ev-", "source-", "claim-"))]
    assert len(data["network"]["nodes"]) == len(data["info"])
    assert data["network"]["options"]["physics"]["enabled"] is False


def test_every_node_has_a_fixed_position_and_no_two_overlap(data: dict) -> None:
    boxes = []
    for node in data["network"]["nodes"]:
        assert isinstance(node["x"], float | int) and isinstance(node["y"], float | int)
        box = box_for(data["info"][node["id"]]["kind"], node["label"])
        boxes.append((node["id"], node["x"], node["y"], box.width / 2, box.height / 2))
    for (a, ax, ay, aw, ah), (b, bx, by, bw, bh) in combinations(boxes, 2):
        assert abs(ax - bx) >= aw + bw or abs(ay - by) >= ah + bh, (a, b)


def test_only_the_story_links_are_drawn_at_first(data: dict) -> None:
    shown = {e["id"].split("|")[1] for e in data["network"]["edges"] if not e["hidden"]}
    assert shown == {
        "kg:provider",
        "kg:hostedThing",
        "kg:operatedBy",
        "kg:partOf",
        "kg:mentions",
        "kg:party",
        "kg:previousVersion",
        "kg:clause",
    }
    assert any(e["hidden"] for e in data["network"]["edges"] if "|kg:since|" in e["id"])


# -- the library API and notebooks -----------------------------------------------------------------


def test_explore_gives_the_same_page_and_a_notebook_view(
    hostile_dir: Path, data: dict, tmp_path: Path
) -> None:
    found = explore(graph.load(hostile_dir, corpus_only=True), tmp_path / "page.html")
    assert isinstance(found, Explorer)
    assert found.path == tmp_path / "page.html"
    assert found.path.read_text(encoding="utf-8") == found.html
    again = Page(found.html).data()
    for part in ("network", "info", "hosts", "snapshots", "changes", "evidence"):
        assert again[part] == data[part], part  # the same page, whichever way it is made
    frame = Page(found._repr_html_())
    (iframe,) = frame.named("iframe")
    assert iframe["srcdoc"] == found.html
    assert set((iframe["sandbox"] or "").split()) == {"allow-scripts", "allow-popups"}  # no same-origin
    assert not frame.named("img") and not frame.named("script")


def test_layout_places_user_data_that_fits_no_grid() -> None:
    from graph.explorer._layout import layout
    from graph.explorer._view import View, ViewEdge, ViewNode

    nodes = {
        "a1": ViewNode("a1", "urn:a1", "agreement", "First", "Agreement"),
        "c1": ViewNode("c1", "urn:c1", "clause", "A clause", "Clause"),
        "t1": ViewNode("t1", "urn:t1", "term", "A term of the first agreement", "Term"),
        "t2": ViewNode("t2", "urn:t2", "term", "A term with no agreement", "Term"),
        "o1": ViewNode("o1", "urn:o1", "organisation", "Alone", "Organisation"),
        "o2": ViewNode("o2", "urn:o2", "organisation", "Operator", "Organisation"),
        "k1": ViewNode("k1", "urn:k1", "cloud", "A cloud", "Cloud platform"),
    }
    edges = [
        ViewEdge("t1|kg:agreement|a1", "a1", "t1", "kg:agreement", "agreement", "t1", False),
        ViewEdge("t1|kg:clause|c1", "c1", "t1", "kg:clause", "clause", "t1", False),
        ViewEdge("t2|kg:clause|c1", "c1", "t2", "kg:clause", "clause", "t2", False),
        ViewEdge("k1|kg:operatedBy|o2", "o2", "k1", "kg:operatedBy", "operated by", "k1", True),
    ]
    placed = layout(View(nodes, edges), {n: v.label for n, v in nodes.items()}, ["a1"])
    assert set(placed.positions) == set(nodes)
    assert placed.shown_clause_links == {"t1|kg:clause|c1"}
    (ax, _), (tx, _) = placed.positions["a1"], placed.positions["t1"]
    assert ax == tx  # the term sits in its agreement's column
    ox, _ = placed.positions["o2"]
    kx, _ = placed.positions["k1"]
    assert ox < kx  # organisations left of the clouds they operate


def test_the_scripts_name_no_colour_and_share_only_what_they_pass() -> None:
    import re
    from importlib import resources

    templates = resources.files("graph.explorer").joinpath("templates")
    parts = ("network", "core", "details", "panels", "time")
    scripts = {p: templates.joinpath(f"explorer-{p}.js").read_text(encoding="utf-8") for p in parts}
    for script in scripts.values():
        assert re.findall(r"#[0-9a-fA-F]{3,6}\b", script) == []  # colours: graph/explorer/_palette.py
        assert re.findall(r"\bvar\b", script) == []  # const and let only
        assert script.lstrip().startswith("/*")  # each part says what it is
    assert "const core = (function () {" in scripts["core"]
    for part in ("details", "panels", "time"):  # each takes core and names what it uses
        assert "(function (core) {" in scripts[part] and scripts[part].rstrip().endswith("})(core);")


def test_undated_agreements_show_the_dates_they_may_have(kg: graph.PartnershipGraph, data: dict) -> None:
    """Their column in the grid is not a place in a chronology: the node says when they may have been made."""
    labels = {n["id"]: n["label"] for n in data["network"]["nodes"] if n["group"] == "agreement"}
    assert labels["agreement-multi-year-extension"].endswith("\nundated: Jan 2019 – Oct 2025")
    assert labels["agreement-amended"].endswith("\nundated: after Feb 2026")
    assert labels["agreement-2025-10"].endswith("\nOct 2025")
    # no corpus text bounds the research partnership on Azure (reports date it to November 2016)
    assert labels["agreement-research-on-azure"].endswith("\nundated")
    undated = {t.agreement for t in kg.timeline() if not t.date}
    assert {a for a, label in labels.items() if "\nundated" in label} == undated


def test_the_partnership_page_stays_under_one_mebibyte() -> None:
    """Chromium reads a larger file in two pieces and draws an empty frame between them: the first
    draw's budget (docs/explorer.md) counts on one piece. The whole packaged graph, reports included."""
    assert 800_000 < len(graph.explore(graph.load()).html.encode("utf-8")) < 1024 * 1024


def test_the_page_data_unpacks_to_the_whole_payload(
    kg: graph.PartnershipGraph, page: Page, data: dict
) -> None:
    """What the page's JSON leaves out (IRIs, tooltips, links' ends) it gets back as it starts."""
    from graph.explorer._payload import build_payload

    assert {k: v for k, v in data.items() if k != "rows"} == json.loads(json.dumps(build_payload(kg)))
    (text,) = [text for attrs, text in page.scripts if attrs.get("id") == "kg-data"]
    packed = json.loads(text)
    assert not any("iri" in node for node in packed["info"].values())
    assert sum("title" in n for n in packed["network"]["nodes"]) < len(packed["network"]["nodes"]) / 2
    assert sum("from" in e for e in packed["network"]["edges"]) < len(packed["network"]["edges"]) / 2
