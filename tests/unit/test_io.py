"""graph._io: files are written whole or not at all."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from graph._errors import GraphError
from graph._io import atomic_file, write_atomic


def test_write_atomic_replaces_the_file_with_usual_permissions(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "out.txt"
    write_atomic(path, "first")
    write_atomic(path, b"second")
    assert path.read_bytes() == b"second"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert sorted(p.name for p in path.parent.iterdir()) == ["out.txt"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_file(path) as handle:
        handle.write("half")
        raise RuntimeError("stopped")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_an_unwritable_place_is_a_one_line_graph_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(GraphError, match=r"file/out\.txt: cannot write"):
        write_atomic(blocker / "out.txt", "x")
