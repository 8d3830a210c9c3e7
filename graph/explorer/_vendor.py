"""The explorer's copy of vis-network: what it is made of, where each part came from, its check.

The page inlines vis-network 9.1.2's ``esnext`` build (modern JavaScript without polyfills: it
starts in about a third of the time of the standalone build pyvis ships) and the seven packages
that build expects beside it, at the versions vis-network's own standalone build bundles. Each part
is an unmodified file of its npm package, less a trailing source-map comment (there is no map to
point at), with LF line ends (as a browser reads them). ``vendor/vis-network.json`` declares the parts in page order (package, version, file,
the package's npm integrity, the part's SHA-256 and length) and the whole file's SHA-256;
``vendor/vis-network.js`` is the parts joined by newlines; ``vendor/LICENSES.txt`` holds every
part's licence texts.

``python -m graph.explorer._vendor`` fetches the declared packages with ``npm pack``, checks each
against its recorded integrity and rewrites the three files; ``--check`` writes nothing and exits 1
when the committed files differ from what npm gives.
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
LICENSES = "LICENSES.txt"
_SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S+\s*$")


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
    expected = manifest()["sha256"]
    if hashlib.sha256(raw).hexdigest() != expected:
        raise GraphError(
            f"graph/explorer/vendor/{SCRIPT}: does not match its SHA-256 in {MANIFEST}; reinstall"
        )
    script = raw.decode("utf-8")
    if re.search(r"</script|<!--", script, re.IGNORECASE):
        raise GraphError(
            f"graph/explorer/vendor/{SCRIPT}: cannot be inlined (it contains '</script' or '<!--')"
        )
    return script


def parts(script: str) -> list[str]:
    """The bundle cut back into its parts, by the lengths the manifest records."""
    found, at = [], 0
    for part in manifest()["parts"]:
        found.append(script[at : at + part["length"]])
        at += part["length"] + 1
    return found


def _npm_pack(spec: str, folder: Path) -> tuple[Path, str]:
    """``npm pack SPEC`` into ``folder``: the tarball and its integrity as npm reports it."""
    done = subprocess.run(
        ["npm", "pack", "--json", "--pack-destination", str(folder), spec],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise GraphError(f"npm pack {spec}: {done.stderr.strip().splitlines()[-1:]}")
    info = json.loads(done.stdout)[0]
    return folder / info["filename"], info["integrity"]


def _integrity(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def build(declared: dict[str, Any]) -> tuple[dict[str, Any], bytes, bytes]:
    """The manifest, bundle and licence text that npm gives for the declared parts."""
    texts: list[str] = []
    licences: list[str] = []
    recorded: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="kg-vendor-") as tmp:
        packed: dict[str, tuple[Path, str]] = {}
        licensed: set[str] = set()
        for part in declared["parts"]:
            spec = f"{part['package']}@{part['version']}"
            if spec not in packed:
                packed[spec] = _npm_pack(spec, Path(tmp))
            tarball, integrity = packed[spec]
            if _integrity(tarball) != integrity or part.get("integrity", integrity) != integrity:
                raise GraphError(f"{spec}: its integrity is not the recorded {part.get('integrity')}")
            with tarfile.open(tarball) as archive:
                text = _member(archive, part["file"]).decode("utf-8")
                text = _SOURCE_MAP.sub("", text.replace("\r\n", "\n").rstrip("\n"))
                if spec not in licensed:
                    licensed.add(spec)
                    for name in part["licenses"]:
                        licences.append(
                            f"==== {spec}: {name} ====\n\n{_member(archive, name).decode('utf-8').strip()}\n"
                        )
            texts.append(text)
            data = text.encode("utf-8")
            recorded.append(
                {
                    **part,
                    "integrity": integrity,
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "length": len(text),
                }
            )
    script = "\n".join(texts).encode("utf-8") + b"\n"
    out = {**declared, "parts": recorded, "sha256": hashlib.sha256(script).hexdigest()}
    return out, script, "\n".join(licences).encode("utf-8")


def _member(archive: tarfile.TarFile, name: str) -> bytes:
    member = archive.extractfile(f"package/{name}")
    if member is None:
        raise GraphError(f"{archive.name!s}: has no package/{name}")
    return member.read()


def main(argv: list[str] | None = None) -> int:
    """Rebuild (or, with ``--check``, compare) the vendored files from npm."""
    args = sys.argv[1:] if argv is None else argv
    check = args == ["--check"]
    if args and not check:
        print("usage: python -m graph.explorer._vendor [--check]", file=sys.stderr)
        return 2
    folder = Path(__file__).parent / "vendor"
    declared = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    out, script, licences = build(declared)
    files = {
        MANIFEST: (json.dumps(out, indent=2, ensure_ascii=False) + "\n").encode("utf-8"),
        SCRIPT: script,
        LICENSES: licences,
    }
    if check:
        differ = [name for name, data in files.items() if (folder / name).read_bytes() != data]
        print(
            "vendored vis-network: "
            + (f"differs from npm: {', '.join(differ)}" if differ else "as npm gives it")
        )
        return 1 if differ else 0
    for name, data in files.items():
        (folder / name).write_bytes(data)
    print(f"wrote {', '.join(files)} in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
