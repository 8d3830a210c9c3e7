"""Write the explorer's screenshots for the docs: docs/explorer.png (and docs/explorer-changes.png).

The first is the page as it opens, with Microsoft Azure selected so that the details panel shows
its sources; the second compares the multi-year extension with the October 2025 agreement.
Both in headless Chromium at 1600×1000, from the page ``kg explore`` writes for the packaged graph.

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

SHOTS = {
    "explorer.png": "explorer.select('azure')",
    "explorer-changes.png": (
        "explorer.switchTab('changes');"
        "explorer.compare('agreement-multi-year-extension', 'agreement-2025-10')"
    ),
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
        for name, action in SHOTS.items():
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            page.goto(page_file.as_uri())
            page.wait_for_function("window.explorer && window.explorer.ready === true")
            page.evaluate(action)
            page.wait_for_timeout(300)
            page.screenshot(path=str(out / name))
            page.close()
            print(out / name)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
