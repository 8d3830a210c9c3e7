"""The explorer's vendored vis-network: checked before it is inlined, and the same as npm gives it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import graph
from graph._errors import GraphError
from graph.explorer import _vendor

REPO = Path(__file__).resolve().parent.parent


def test_a_changed_copy_is_refused_with_a_one_line_message(monkeypatch: pytest.MonkeyPatch) -> None:
    real = _vendor._vendor_file

    def tampered(name: str) -> bytes:
        data = real(name)
        return data.replace(b"vis-network", b"vis-netw0rk", 1) if name == _vendor.SCRIPT else data

    monkeypatch.setattr(_vendor, "_vendor_file", tampered)
    _vendor.vis_script.cache_clear()
    try:
        with pytest.raises(GraphError) as caught:
            graph.explore(graph.load())
    finally:
        _vendor.vis_script.cache_clear()
    assert str(caught.value) == (
        "graph/explorer/vendor/vis-network.js: does not match its SHA-256 in vis-network.json; reinstall"
    )


def test_every_part_is_declared_in_page_order_and_every_page_carries_its_licence() -> None:
    declared = _vendor.manifest()["parts"]
    order = [p["package"] for p in declared]
    # vis-util wants component-emitter and Hammer; vis-data wants vis-util and uuidv4; vis-network all.
    assert order.index("component-emitter") < order.index("vis-util") < order.index("vis-data")
    assert order.index("@egjs/hammerjs") < order.index("vis-util") and order[-1] == "vis-network"
    files = [p["file"] for p in declared]
    assert files.index("dist/umd/uuid.min.js") < files.index("dist/umd/uuidv4.min.js") < order.index("vis-data")
    script = graph.explore(graph.load()).html
    notices = _vendor.notices(_vendor.vis_script())
    assert notices in script and notices.startswith("/*!") and notices.endswith("*/")
    assert notices.count("*/") == 1
    for part in declared:
        assert f"\n{part['package']}@{part['version']}\n" in notices
        assert part["integrity"].startswith("sha512-") and len(part["sha256"]) == 64
    # the MIT licence's notice, once a package (uuid gives two parts)
    assert notices.count("The above copyright notice and this permission notice shall be") == len(set(order))


def test_without_npm_the_rebuild_says_so_in_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "graph.explorer._vendor", "--check"],
        cwd=REPO,
        env={"PATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "vendored vis-network: npm is not installed (it fetches the declared packages)\n"


def _npm_registry() -> bool:
    """Whether npm is installed and its registry answers."""
    if shutil.which("npm") is None:
        return False
    try:
        asked = subprocess.run(
            ["npm", "view", "vis-network@9.1.2", "version"], capture_output=True, timeout=60, check=False
        )
    except subprocess.TimeoutExpired:
        return False
    return asked.returncode == 0


@pytest.mark.slow
def test_the_vendored_files_are_what_npm_gives() -> None:
    if not _npm_registry():
        pytest.skip("npm or its registry cannot be reached (the check fetches the declared packages)")
    done = subprocess.run(
        [sys.executable, "-m", "graph.explorer._vendor", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "vendored vis-network: as npm gives it\n", "")
