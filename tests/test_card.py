"""Answer cards (``kg card QUESTION ... -o FILE``): one answer, self-contained and embeddable,
with its rows, basis, citations, date and data release; nothing loaded, hostile text shown as text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.test_redline_chart import HOSTILE, Marks


@pytest.fixture
def hostile_data(tmp_path: Path) -> Path:
    folder = tmp_path / "hostile"
    folder.mkdir()
    quoted = HOSTILE.replace('"', '\\"')
    (folder / "hostile.ttl").write_text(
        "@prefix kg: <https://w3id.org/partnership-kg/ns#> .\n"
        "@prefix pk: <https://w3id.org/partnership-kg/id/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        f'pk:hostile-cloud a kg:CloudPlatform ; rdfs:label "{quoted}" ; kg:evidence pk:ev-003-title .\n'
        f'pk:role-hostile a kg:CloudRole ; rdfs:label "{quoted}" ; kg:provider pk:hostile-cloud ;\n'
        "    kg:roleType kg:Hosts ; kg:hostedThing pk:frontier ; kg:since pk:agreement-2026-02-27 ;\n"
        "    kg:rank kg:NormalRank ; kg:basis kg:Stated ;\n"
        "    kg:evidence pk:ev-003-title .\n",
        encoding="utf-8",
    )
    return folder


def test_html_card_of_who_hosts_what_in_2025_06(cli, kg, tmp_path: Path) -> None:
    out = tmp_path / "hosts.html"
    run = cli("card", "hosts", "--as-of", "2025-06", "-o", str(out))
    assert run.code == 0 and run.out == f"wrote {out} ({len(kg.hosts(as_of='2025-06'))} rows)\n"
    page = out.read_text(encoding="utf-8")
    assert "As of 2025-06" in page and "partnership-kg " in page and "data sha256 " in page
    for role in kg.hosts(as_of="2025-06"):
        assert role.hosted.replace("'", "&#x27;") in page
    assert "OpenAI (primary): “OpenAI&#x27;s first party products, including Frontier" in page
    assert "stated · secondary only" in page  # the basis badge
    parsed = Marks()
    parsed.feed(page)
    assert parsed.found["script"] == [] and not [v for k, v in parsed.attrs if k in ("src", "href")]


def test_the_release_hash_changes_with_the_data(cli, tmp_path: Path, hostile_data: Path) -> None:
    plain, more = tmp_path / "a.html", tmp_path / "b.html"
    cli("card", "timeline", "-o", str(plain))
    cli("card", "timeline", "--data", str(hostile_data), "-o", str(more))

    def release(path: Path) -> str:
        return path.read_text(encoding="utf-8").split("data sha256 ", 1)[1][:12]

    assert release(plain) != release(more) and len(release(plain)) == 12


def test_svg_card_and_a_hostile_label(cli, tmp_path: Path, hostile_data: Path) -> None:
    out = tmp_path / "hosts.svg"
    run = cli("card", "hosts", "--data", str(hostile_data), "-o", str(out))
    assert run.code == 0, run.err
    text = out.read_text(encoding="utf-8")
    assert "<script" not in text
    root = ET.fromstring(text)  # well formed: the hostile label is escaped
    lines = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert any(HOSTILE in line for line in lines)


def test_bad_card_requests_are_one_line_errors(cli, tmp_path: Path) -> None:
    run = cli("card", "hosts", "-o", str(tmp_path / "x.pdf"))
    assert run.code == 2 and run.err.endswith("unknown card format '.pdf'; accepted: .html, .svg, .png\n")
    run = cli("card", "changes", "2025-10", "-o", str(tmp_path / "x.html"))
    assert run.code == 2 and run.err == "kg: error: kg card changes takes FROM TO; got 1\n"
    assert not (tmp_path / "x.html").exists()


@pytest.mark.browser
def test_a_card_renders_offline_with_zero_requests(cli, tmp_path: Path, hostile_data: Path) -> None:
    from tests.harness import CHROMIUM, CHROMIUM_ARGS
    from tests.test_explorer_browser import _playwright

    out = tmp_path / "hosts.html"
    assert cli("card", "hosts", "--data", str(hostile_data), "-o", str(out)).code == 0
    with _playwright()() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        requests: list[str] = []
        dialogs: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(out.as_uri())
        page.wait_for_timeout(200)
        assert requests == [out.as_uri()] and dialogs == []
        assert page.locator("img").count() == 0 and page.locator("script").count() == 0
        assert HOSTILE in page.inner_text("article")  # the label, as text
        rows = page.locator("tr").count()
        browser.close()
    import graph

    hosts = graph.load(hostile_data).hosts()
    assert "role-hostile" in {h.id for h in hosts}
    assert rows == 1 + len(hosts)  # the header and every role the library answers, the hostile one too


def test_png_card(cli, tmp_path: Path) -> None:
    from tests.harness import CHROMIUM

    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    out = tmp_path / "hosts.png"
    run = cli("card", "hosts", "--as-of", "2025-06", "-o", str(out))
    assert run.code == 0, run.err
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 10_000
