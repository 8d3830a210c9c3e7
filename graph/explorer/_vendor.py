"""The explorer's copy of vis-network: what it is made of, where each part came from, its check.

The page inlines vis-network 9.1.2's ``esnext`` build (modern JavaScript without polyfills: it
starts in about a third of the time of the standalone build pyvis ships) and the seven packages
that build expects beside it, at the versions vis-network's own standalone build bundles. Each part
is an unmodified file of its npm package, less a trailing source-map comment (there is no map to
point at), with LF line ends (as a browser reads them). ``vendor/vis-network.json`` declares the
parts in page order (package, version, file, the licence file whose terms we use — MIT for all, the
vis packages being dual-licensed — the package's npm integrity, the part's SHA-256 and its length
in characters, not bytes) and the whole file's SHA-256. vis-network's file also carries tslib's
helpers with their own notice in place (Microsoft, 0BSD, which asks for none). ``vendor/vis-network.js`` is a comment holding each package's licence
text (so every page carries the notices) and then the parts, joined by newlines.

``python -m graph.explorer._vendor`` fetches the declared packages with ``npm pack``, checks each
against its recorded integrity and rewrites both files; ``--check`` writes nothing and exits 1 when
the committed files differ from what npm gives.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from graph._errors import GraphError

SCRIPT = "vis-network.js"
MANIFEST = "vis-network.json"
_SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S+\s*$")
_HEADER = "/*! vis-network and the packages it needs, as published on npm, each used under the MIT licence:\n"


def _vendor_file(name: str) -> bytes:
    return resources.files("graph.explorer").joinpath("vendor", name).read_bytes()


@cache
def manifest() -> dict[str, Any]:
    """The declaration of the vendored parts (``vendor/vis-network.json``)."""
    loaded: dict[str, Any] = json.loads(_vendor_file(MANIFEST))
    return loaded


@cache
def vis_script() -> str:
    """The vendored vis-network with its packages, checked against its manifest's SHA-256."""
    raw = _vendor_file(SCRIPT)
    if hashlib.sha256(raw).hexdigest() != manifest()["sha256"]:
        raise GraphError(f"graph/explorer/vendor/{SCRIPT}: does not match its SHA-256 in {MANIFEST}; reinstall")
    script = raw.decode("utf-8")
    if re.search(r"</script|<!--", script, re.IGNORECASE):
        raise GraphError(f"graph/explorer/vendor/{SCRIPT}: cannot be inlined (it contains '</script' or '<!--')")
    return script


def notices(script: str) -> str:
    """The licence comment the bundle opens with."""
    return script[: manifest()["notices_length"]]


def parts(script: str) -> list[str]:
    """The bundle's parts after its licence comment, cut by the lengths the manifest records."""
    found, at = [], manifest()["notices_length"] + 1
    for part in manifest()["parts"]:
        found.append(script[at : at + part["length"]])
        at += part["length"] + 1
    return found


def _npm_pack(spec: str, folder: Path) -> tuple[Path, str]:
    """``npm pack SPEC`` into ``folder``: the tarball and its integrity as npm reports it."""
    try:
        done = subprocess.run(
            ["npm", "pack", "--json", "--pack-destination", str(folder), spec],
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        raise GraphError("npm is not installed (it fetches the declared packages)") from None
    if done.returncode != 0:
        raise GraphError(f"npm pack {spec}: {' '.join(done.stderr.strip().splitlines()[-1:])}")
    info = json.loads(done.stdout)[0]
    return folder / info["filename"], info["integrity"]


def _integrity(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def _member(archive: tarfile.TarFile, name: str) -> str:
    try:
        member = archive.extractfile(f"package/{name}")
    except KeyError:
        member = None
    if member is None:
        raise GraphError(f"{Path(str(archive.name)).name}: has no file package/{name}")
    return member.read().decode("utf-8").replace("\r\n", "\n")


def build(declared: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    """The manifest and the bundle that npm gives for the declared parts."""
    texts: list[str] = []
    licences: dict[str, str] = {}
    recorded: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="kg-vendor-") as tmp:
        packed: dict[str, tuple[Path, str]] = {}
        for part in declared["parts"]:
            spec = f"{part['package']}@{part['version']}"
            if spec not in packed:
                packed[spec] = _npm_pack(spec, Path(tmp))
            tarball, integrity = packed[spec]
            if _integrity(tarball) != integrity or part.get("integrity", integrity) != integrity:
                raise GraphError(f"{spec}: npm gives integrity {integrity}, not the recorded {part['integrity']}")
            with tarfile.open(tarball) as archive:
                text = _SOURCE_MAP.sub("", _member(archive, part["file"]).rstrip("\n"))
                licences[spec] = _member(archive, part["licence"]).strip()
            texts.append(text)
            recorded.append(
                {
                    **part,
                    "integrity": integrity,
                    "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                    "length": len(text),
                }
            )
    notice = _HEADER + "".join(f"\n{spec}\n\n{text}\n" for spec, text in licences.items()) + "*/"
    if "*/" in notice[:-2]:
        raise GraphError("a licence text closes the comment it is written in ('*/')")
    script = "\n".join([notice, *texts]).encode("utf-8") + b"\n"
    out = {**declared, "notices_length": len(notice), "parts": recorded}
    out["sha256"] = hashlib.sha256(script).hexdigest()
    return out, script


def main(argv: list[str] | None = None) -> int:
    """Rebuild (or, with ``--check``, compare) the vendored files from npm."""
    args = sys.argv[1:] if argv is None else argv
    check = args == ["--check"]
    if args and not check:
        print("usage: python -m graph.explorer._vendor [--check]", file=sys.stderr)
        return 2
    folder = Path(__file__).parent / "vendor"
    try:
        declared = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        out, script = build(declared)
    except (OSError, ValueError, KeyError, TypeError) as err:
        print(f"vendored vis-network: {folder / MANIFEST}: cannot be read as the declaration: {err}", file=sys.stderr)
        return 2
    except GraphError as err:
        print(f"vendored vis-network: {err}", file=sys.stderr)
        return 2
    files = {MANIFEST: (json.dumps(out, indent=2, ensure_ascii=False) + "\n").encode("utf-8"), SCRIPT: script}
    if check:
        differ = [name for name, data in files.items() if (folder / name).read_bytes() != data]
        print("vendored vis-network: " + (f"differs from npm: {', '.join(differ)}" if differ else "as npm gives it"))
        return 1 if differ else 0
    for name, data in files.items():
        (folder / name).write_bytes(data)
    print(f"wrote {', '.join(files)} in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
