"""A clause redline (``kg changes A B --format md|html``) and the timeline as SVG (``kg chart``):
the changed words marked, each side's basis and quotes, every text escaped, nothing fetched."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

HOSTILE = '<script>alert(1)</script> & "co"'


class Marks(HTMLParser):
    """The texts inside each tag of interest, and every tag and attribute seen."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.found: dict[str, list[str]] = {"del": [], "ins": [], "h2": [], "script": []}
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.open.append(tag)
        self.attrs += attrs
        if tag in self.found:
            self.found[tag].append("")

    def handle_endtag(self, tag):
        if self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_data(self, data):
        if self.open and self.open[-1] in self.found:
            self.found[self.open[-1]][-1] += data


def test_markdown_redline_of_the_ip_license(cli) -> None:
    run = cli("changes", "agreement-2026-02-27", "agreement-amended", "--format", "md")
    assert run.code == 0, run.err
    text = run.out
    # the amended agreement of April 2026 (reported) restates five clauses, drops one
    assert text.splitlines()[2] == "5 amended, 1 removed, 5 not restated"
    cloud = text.split("## Azure as OpenAI's cloud provider — amended\n", 1)[1].split("\n## ", 1)[0]
    assert "- exclusivity: ~~exclusive~~ → **primary**" in cloud
    assert "| basis: stated | basis: reported · secondary only |" in cloud
    assert "> After: reported by Newscord, “OpenAI And Microsoft Revamp Partnership" in cloud
    ip = text.split("## IP license — amended\n", 1)[1].split("\n## ", 1)[0]
    assert (
        "| ~~Exclusive~~ IP license, ~~unchanged (2026)~~ | **Non-exclusive** IP license **through 2032** |"
        in ip
    )
    assert "| basis: stated | basis: stated · secondary only |" in ip
    assert "- exclusivity: ~~exclusive~~ → **non-exclusive**" in ip
    assert "> Before: “Our IP relationship continues unchanged.” — OpenAI (primary)" in ip
    assert re.search(
        r"> After: “Microsoft and OpenAI have announced an amended partnership agreement.*— OpenAI$", ip, re.M
    )


def test_html_redline_marks_words_and_makes_no_request(cli) -> None:
    run = cli("changes", "agreement-2026-02-27", "agreement-amended", "--format", "html")
    assert run.code == 0 and run.out.startswith("<!DOCTYPE html>")
    page = Marks()
    page.feed(run.out)
    assert page.found["script"] == [] and "default-src 'none'" in run.out
    assert not [v for k, v in page.attrs if k in ("src", "href") and v]
    assert "IP license — amended" in page.found["h2"]
    ip = Marks()
    ip.feed(run.out.split("<h2>IP license — amended</h2>", 1)[1].split("<section", 1)[0])
    assert ip.found["del"][:2] == ["Exclusive", "unchanged (2026)"]
    assert ip.found["ins"][:2] == ["Non-exclusive", "through 2032"]


def test_redline_escapes_a_hostile_label() -> None:
    from graph.answers import Change
    from graph.output._redline import redline_html, redline_md

    change = Change("c", HOSTILE, "amended", "a", "b", HOSTILE, (), (), ())
    labels = {"a": HOSTILE, "b": HOSTILE + " now"}
    html = redline_html([change], labels, HOSTILE, "1 amended")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;" in html
    page = Marks()
    page.feed(html)
    assert page.found["script"] == [] and page.found["ins"] == ["now"]
    md = redline_md([change], labels, HOSTILE, "1 amended")
    assert "<script>" not in md and "\\<script\\>" in md


@pytest.fixture
def hostile_data(tmp_path):
    (tmp_path / "hostile.ttl").write_text(
        "@prefix kg: <https://w3id.org/partnership-kg/ns#> .\n"
        "@prefix pk: <https://w3id.org/partnership-kg/id/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        f'pk:agreement-hostile a kg:Agreement ; rdfs:label "{HOSTILE.replace(chr(34), chr(92) + chr(34))}" ;\n'
        "    kg:partnership pk:partnership-microsoft-openai ; kg:evidence pk:ev-003-title .\n",
        encoding="utf-8",
    )
    return tmp_path


def test_chart_is_the_timeline_as_svg(cli, kg, hostile_data, tmp_path) -> None:
    out = tmp_path / "timeline.svg"
    run = cli("chart", "--data", str(hostile_data), "-o", str(out))
    assert run.code == 0, run.err
    root = ET.parse(out).getroot()
    ns = {"s": "http://www.w3.org/2000/svg"}
    labels = [t.text for t in root.iterfind(".//s:text[@class='label']", ns)]
    assert HOSTILE in labels  # escaped in the file, the same text when read
    assert "<script" not in out.read_text() and "href=" not in out.read_text().replace("url(#", "")
    heads = [t.text for t in root.iterfind(".//s:text[@class='head']", ns)]
    assert heads == ["Agreements (undated: hatched over the dates they may have)", "Roles", "Clauses"]
    # a lane per agreement (and the hostile one), per role version and per clause
    history = kg.ask("history")
    roles = {v.id for v in history if v.kind == "role"}
    clauses = {v.thing for v in history if v.kind == "term"}
    assert len(labels) == len(kg.timeline()) + 1 + len(roles) + len(clauses)
    # an undated agreement is hatched over its bounds; the October 2025 agreement is a mark
    hatched = [r for r in root.iterfind(".//s:rect[@fill='url(#hatch-agreement)']", ns)]
    assert len(hatched) == 1 + sum(1 for t in kg.timeline() if not t.date)


def test_chart_to_standard_output(cli) -> None:
    run = cli("chart")
    assert run.code == 0 and run.out.startswith("<svg xmlns=")
    ET.fromstring(run.out)
