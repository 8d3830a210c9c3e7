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
import json
doc = json.loads(kg.serialize("jsonld"))
assert p.context_file().startswith(p.data_dir()), p.context_file()
print(doc["@context"]["provider"])
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
    shipped = zipfile.ZipFile(wheel).namelist()
    assert "graph/py.typed" in shipped  # PEP 561: the package is typed
    assert not [n for n in shipped if "conformance" in n or n.startswith("tests/")]  # test harness stays out
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
    assert done.stdout.splitlines() == ["['Microsoft Azure']", "9", "{'@id': 'kg:provider', '@type': '@id'}"]


@pytest.mark.slow
def test_sdist_ships_docs_license_and_what_the_readme_links(tmp_path) -> None:
    import re
    import tarfile

    pytest.importorskip("hatchling")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(tmp_path)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    [sdist] = tmp_path.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {n.split("/", 1)[1] for n in archive.getnames() if "/" in n}
        license_text = archive.extractfile(
            next(m for m in archive.getmembers() if m.name.endswith("/LICENSE"))
        )
        assert license_text is not None and license_text.read().startswith(b"MIT License")
    assert {
        "LICENSE",
        "docs/scale.md",
        "docs/explorer.png",
        "docs/notebook.ipynb",
        "data/context.jsonld",
    } <= names
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    links = {m for m in re.findall(r"\]\(([^)#:]+)\)", readme)}
    assert links and {link for link in links if link not in names} == set()
