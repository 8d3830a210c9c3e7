"""Checking evidence against the source texts: file hashes and verbatim quotes."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from graph._vocab import KG, local_id

if TYPE_CHECKING:
    from graph.store._backend import Backend

_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~])")
_CHARS = str.maketrans(
    {
        "\u2011": "-",
        "\u2010": "-",
        "\u00ad": "",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
    }
)


def normalise(text: str) -> str:
    """Text as quotes are compared: markdown links, escapes and bold removed, quotes and hyphens
    made plain, whitespace collapsed.

    >>> normalise("OpenAI\u2019s **first\u2011party** [blog](http://x)\\\\.")
    "OpenAI's first-party blog ."
    """
    text = _MD_LINK.sub(r" \1 ", text)
    text = _MD_ESCAPE.sub(r"\1", text).replace("**", "")
    return " ".join(text.translate(_CHARS).split())


def quote_in(quote: str, text: str) -> bool:
    """True when the quote occurs in the text after normalising both (runs of spacing are one space).

    >>> quote_in("Azure remains the  exclusive", "Azure remains the exclusive cloud"), quote_in("theexclusive", "the exclusive")
    (True, False)
    """
    return normalise(quote) in normalise(text)


@dataclass(frozen=True)
class Failure:
    """One evidence check that failed."""

    item: str
    file: str
    reason: str

    def __str__(self) -> str:
        return f"{self.item} ({self.file}): {self.reason}"


@dataclass(frozen=True)
class VerificationReport:
    """The outcome of checking every quote and hash against a folder of sources."""

    quotes: int
    sources: int
    failures: tuple[Failure, ...]
    unchecked: int = 0
    """Quotes not checked because their source file is missing."""

    @property
    def ok(self) -> bool:
        """True when every quote and hash checked out."""
        return not self.failures

    def summary(self) -> str:
        """One line when all is well; a line per failure otherwise."""
        head = f"checked {self.quotes} quotes in {self.sources} sources"
        if self.unchecked:
            head += f" ({self.unchecked} more quotes not checked: their source file is missing)"
        if self.ok:
            return f"{head}: all verified"
        return "\n".join([f"{head}: {len(self.failures)} failed", *map(str, self.failures)])


def verify_sources(backend: Backend, folder: Path) -> VerificationReport:
    """Check each source's sha256 and each evidence quote against the files in ``folder``."""
    sources = backend.query(
        f"SELECT ?s ?file ?sha WHERE {{ ?s a <{KG}Source> ; <{KG}fileName> ?file . "
        f"OPTIONAL {{ ?s <{KG}sha256> ?sha }} }}",
        {},
    ).values()
    from graph._errors import GraphError

    if not folder.is_dir():
        raise GraphError(f"{folder}: no such folder (give the folder holding the source texts)")
    present = [s for s in sources if (folder / (s["file"] or "")).is_file()]
    if sources and not present:
        raise GraphError(
            f"{folder}: holds none of the {len(sources)} source files (e.g. {sources[0]['file']})"
        )
    texts: dict[str, str] = {}
    failures: list[Failure] = []
    for s in sources:
        path = folder / (s["file"] or "")
        if not path.is_file():
            failures.append(Failure(local_id(s["s"]), s["file"] or "", f"no such file in {folder}"))
            continue
        raw = path.read_bytes()
        if s["sha"] and hashlib.sha256(raw).hexdigest() != s["sha"]:
            failures.append(
                Failure(local_id(s["s"]), s["file"], "sha256 of the file does not match the source node")
            )
        texts[s["s"]] = raw.decode("utf-8", errors="replace")
    quotes = backend.query(
        f"SELECT ?e ?s ?file ?quote WHERE {{ ?e <{KG}source> ?s ; <{KG}quote> ?quote . "
        f"?s <{KG}fileName> ?file }} ORDER BY ?e",
        {},
    ).values()
    checked = 0
    for q in quotes:
        text = texts.get(q["s"])
        if text is None:
            continue
        checked += 1
        if not quote_in(q["quote"], text):
            failures.append(Failure(local_id(q["e"]), q["file"], f'quote not found: "{q["quote"][:80]}"'))
    return VerificationReport(checked, len(texts), tuple(failures), unchecked=len(quotes) - checked)
