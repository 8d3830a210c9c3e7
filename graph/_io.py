"""Writing files without leaving half-written ones behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from graph._errors import GraphError


@contextmanager
def atomic_file(path: Path, binary: bool = False) -> Iterator[IO[Any]]:
    """A handle on a temporary file beside ``path``, renamed into place when the block ends.

    If the block raises, the temporary file is removed and ``path`` is left as it was. The file
    gets the usual permissions (0644), not the temporary file's 0600. OSError propagates.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` all at once or not at all; GraphError if it cannot be written.

    A symbolic link is followed (the file it points to is replaced, the link stays). A target
    that exists and is not a regular file (a FIFO, a device such as /dev/null, a terminal) is
    written through, as a shell redirection would, never replaced by a file.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = Path(os.path.realpath(path))
    try:
        if target.exists() and not target.is_file():
            if target.is_dir():
                raise GraphError(f"{path}: is a folder, not a file")
            with open(target, "wb") as handle:
                handle.write(payload)
            return
        with atomic_file(target, binary=True) as handle:
            handle.write(payload)
    except OSError as err:
        raise GraphError(f"{path}: cannot write: {err.strerror or err}") from None
