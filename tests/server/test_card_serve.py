"""``kg serve`` serves answer cards (``/card/QUESTION?as_of=…&arg=…``): the same card as
``kg card``, embeddable (no frame-ancestors limit, no script, nothing loaded), with the
``<iframe>`` snippet that embeds it; bad requests are refused with escaped messages."""

from __future__ import annotations

import html

import httpx


def test_a_card_at_a_url_with_its_iframe_snippet(kg_server: str, kg) -> None:
    answer = httpx.get(kg_server + "/card/hosts", params={"as_of": "2025-06"}, timeout=90)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html")
    policy = answer.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "frame-ancestors" not in policy and "script-src" not in policy
    page = answer.text
    assert "As of 2025-06" in page and "data sha256 " in page
    assert all(html.escape(r.hosted) in page for r in kg.hosts(as_of="2025-06"))
    snippet = html.unescape(page.split("<pre class=embed>", 1)[1].split("</pre>", 1)[0])
    src = html.unescape(snippet.split('src="', 1)[1].split('"', 1)[0])  # the snippet is HTML: &amp; in src
    assert src.startswith(kg_server + "/card/hosts?") and "embed=1" in src and "as_of=2025-06" in src
    alone = httpx.get(src, timeout=90)
    assert alone.status_code == 200 and "<pre class=embed>" not in alone.text
    assert (
        alone.text.split("<article", 1)[1]
        == page.split("<article", 1)[1].split("<p class=embed>")[0] + "</body></html>\n"
    )


def test_card_arguments_and_refusals(kg_server: str) -> None:
    changes = httpx.get(
        kg_server + "/card/changes",
        params=[("arg", "agreement-2026-02-27"), ("arg", "agreement-amended")],
        timeout=90,
    )
    assert (
        changes.status_code == 200
        and "What changed: agreement-2026-02-27 → agreement-amended" in changes.text
    )
    unknown = httpx.get(kg_server + "/card/weather", timeout=30)
    assert unknown.status_code == 400 and unknown.text.startswith("no card for 'weather'; accepted: hosts,")
    hostile = httpx.get(
        kg_server + "/card/hosts",
        params={"arg": "<script>alert(1)</script>"},
        headers={"Accept": "text/html"},
        timeout=30,
    )
    assert hostile.status_code == 400 and "<script>" not in hostile.text and "&lt;script&gt;" in hostile.text
