"""Checking evidence against the source texts: file hashes and verbatim quotes."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from graph._vocab import KG, OA, SCHEMA, local_id
from graph.checks._anchors import check_anchor, normalise

if TYPE_CHECKING:
    from graph.store import Backend


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
    anchored: int = 0
    """Quotes whose selectors (position and exact text) were checked too."""

    @property
    def ok(self) -> bool:
        """True when every quote and hash checked out."""
        return not self.failures

    def summary(self) -> str:
        """One line when all is well; a line per failure otherwise."""
        head = f"checked {self.quotes} quotes ({self.anchored} at their positions) in {self.sources} sources"
        if self.unchecked:
            head += f" ({self.unchecked} more quotes not checked: their source file is missing)"
        if self.ok:
            return f"{head}: all verified"
        return "\n".join([f"{head}: {len(self.failures)} failed", *map(str, self.failures)])


def verify_sources(backend: Backend, folder: Path | Sequence[Path]) -> VerificationReport:
    """Check each source's sha256 and each evidence quote against the files in ``folder`` (or in
    the first of several folders that holds each file)."""
    folders = [Path(folder)] if isinstance(folder, (str, Path)) else [Path(f) for f in folder]
    folder = folders[0] if len(folders) == 1 else Path(", ".join(map(str, folders)))
    sources = backend.query(
        f"SELECT ?s ?file ?sha WHERE {{ ?s a <{KG}Source> ; <{KG}fileName> ?file . "
        f"OPTIONAL {{ ?s <{KG}sha256> ?sha }} }}",
        {},
    ).values()
    from graph._errors import GraphError

    for each in folders:
        if not each.is_dir():
            raise GraphError(f"{each}: no such folder (give the folder holding the source texts)")
    present = [s for s in sources if any((f / (s["file"] or "")).is_file() for f in folders)]
    if sources and not present:
        raise GraphError(
            f"{folder}: holds none of the {len(sources)} source files (e.g. {sources[0]['file']})"
        )
    texts: dict[str, str] = {}
    failures: list[Failure] = []
    for s in sources:
        path = next((f / s["file"] for f in folders if (f / (s["file"] or "")).is_file()), folder / "-")
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
    failures.extend(_unlinked_urls(backend, texts))
    anchored = _check_positions(backend, texts, failures)
    return VerificationReport(
        checked, len(texts), tuple(failures), unchecked=len(quotes) - checked, anchored=anchored
    )


def _check_positions(backend: Backend, texts: dict[str, str], failures: list[Failure]) -> int:
    """Check each quote's selectors in its text; a failure names the expected and found offsets.
    A quote already reported as not found is not reported again."""
    missing = {f.item for f in failures}
    rows = backend.query(
        f"SELECT ?e ?s ?file ?quote ?start ?end ?exact WHERE {{ ?e <{KG}source> ?s ; <{KG}quote> ?quote ; "
        f"<{OA}hasSelector> ?p, ?x . ?p <{OA}start> ?start ; <{OA}end> ?end . ?x <{OA}exact> ?exact . "
        f"?s <{KG}fileName> ?file }} ORDER BY ?e",
        {},
    ).values()
    checked = 0
    for r in rows:
        text = texts.get(r["s"])
        if text is None:
            continue
        checked += 1
        if local_id(r["e"]) in missing:
            continue
        problem = check_anchor(text, r["quote"], int(r["start"]), int(r["end"]), r["exact"])
        if problem:
            failures.append(Failure(local_id(r["e"]), r["file"], problem))
    return checked


def _unlinked_urls(backend: Backend, texts: dict[str, str]) -> list[Failure]:
    """A fact's URL (not a source's own) must occur in the text of a source its quotes come from."""
    rows = backend.query(
        f"SELECT ?fact ?url ?s ?file WHERE {{ ?fact <{SCHEMA}url> ?url ; <{KG}evidence>/<{KG}source> ?s . "
        f"?s <{KG}fileName> ?file FILTER NOT EXISTS {{ ?fact a <{KG}Source> }} }} ORDER BY ?fact",
        {},
    ).values()
    found: dict[tuple[str, str], bool] = {}
    files: dict[tuple[str, str], str] = {}
    for r in rows:
        text = texts.get(r["s"])
        if text is None:  # a source that is not in the folder is not checked
            continue
        key = (r["fact"], r["url"])
        files.setdefault(key, r["file"])
        found[key] = found.get(key, False) or r["url"] in text
    return [
        Failure(local_id(fact), files[(fact, url)], f"URL not in the cited source: {url}")
        for (fact, url), ok in found.items()
        if not ok
    ]
