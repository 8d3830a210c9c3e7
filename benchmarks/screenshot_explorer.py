"""Write the explorer's screenshots for the docs, in headless Chromium, from the page ``kg explore``
writes for the packaged graph.

At 1600×1000: docs/explorer.png (Microsoft Azure selected, its sources in the details panel) and
docs/explorer-changes.png (the multi-year extension against the October 2025 agreement). At
1400×900 and 1280×720: the page as it opens (who hosts what, every label at least 11 px), the
timeline as of June 2025, and the redline of the 27 February 2026 statement against the amended
agreement.

Run:  PYTHONPATH=. python benchmarks/screenshot_explorer.py [--out docs]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # tests/harness.py

from harness import CHROMIUM, CHROMIUM_ARGS

import graph
from graph.explorer import write_explorer

BIG, LARGE, SMALL = (1600, 1000), (1400, 900), (1280, 720)
TIMELINE = "explorer.setView('timeline'); explorer.setMonth('2025-06')"
REDLINE = "explorer.switchTab('changes'); explorer.compare('agreement-2026-02-27', 'agreement-amended')"
SHOTS = {
    "explorer.png": (BIG, "explorer.select('azure')"),
    "explorer-changes.png": (
        BIG,
        "explorer.switchTab('changes');explorer.compare('agreement-multi-year-extension', 'agreement-2025-10')",
    ),
    "explorer-1400x900.png": (LARGE, ""),
    "explorer-1280x720.png": (SMALL, ""),
    "explorer-timeline-1400x900.png": (LARGE, TIMELINE),
    "explorer-timeline-1280x720.png": (SMALL, TIMELINE),
    "explorer-redline-1400x900.png": (LARGE, REDLINE),
    "explorer-redline-1280x720.png": (SMALL, REDLINE),
}


def main(argv: list[str] | None = None) -> int:
    """Write the page to a temporary folder and take each screenshot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="docs", help="folder for the PNG files (default docs/)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    page_file = write_explorer(
        graph.load(), Path(tempfile.mkdtemp(prefix="explorer-shot-")) / "explorer.html"
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, ((width, height), action) in SHOTS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(page_file.as_uri())
            page.wait_for_function("() => window.explorer && window.explorer.ready === true")
            if action:
                page.evaluate(action)
            page.wait_for_timeout(300)
            page.screenshot(path=str(out / name))
            page.close()
            print(out / name)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
