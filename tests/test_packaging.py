"""A built wheel, installed away from the source tree, finds its data and named queries."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from tests.conftest import REPO

CHECK = """
import graph, graph._paths as p
assert "site" in graph.__file__, graph.__file__
assert p.data_dir().startswith(p._root()) and "_packaged" in p.data_dir(), p.data_dir()
kg = graph.load()
print([h.provider for h in kg.hosts("stateless-apis") if h.role == "hosts"])
print(len(kg.query("timeline").rows))
"""


@pytest.mark.slow
def test_wheel_ships_data_and_queries(tmp_path) -> None:
    pytest.importorskip("hatchling")
    wheel_dir, site = tmp_path / "wheel", tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(wheel_dir),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = wheel_dir.glob("*.whl")
    assert "graph/py.typed" in zipfile.ZipFile(wheel).namelist()  # PEP 561: the package is typed
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(site), "PARTNERSHIP_KG_CACHE": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", CHECK], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["['Microsoft Azure']", "8"]
