"""The examples each ``kg COMMAND --help`` ends with (real commands, runnable on the packaged data)."""

from __future__ import annotations

EXAMPLES: dict[str, tuple[str, ...]] = {
    "query": (
        "kg query who-hosts-what --param subject=Frontier --format json",
        'kg query "SELECT ?label WHERE { ?a a kg:Agreement ; rdfs:label ?label }" --format tsv',
    ),
    "hosts": (
        'kg hosts "stateless APIs"',
        "kg hosts Frontier --as-of 2026-03 --columns provider,role,exclusivity",
    ),
    "changes": (
        "kg changes 2025-10 2026-02-27",
        "kg changes agreement-multi-year-extension agreement-2025-10 --format json",
    ),
    "terms": ("kg terms --as-of 2026-03", "kg terms --as-of 2026-11 --wide"),
    "timeline": ("kg timeline", "kg timeline --format csv > timeline.csv"),
    "sources": ("kg sources Stargate", "kg sources frontier --format json"),
    "conflicts": ("kg conflicts", "kg conflicts --format json"),
    "secondary": ("kg secondary", "kg secondary --columns type,label"),
    "partners": ("kg partners OpenAI", "kg partners Microsoft --format json"),
    "queries": ("kg queries", "kg queries --format json"),
    "validate": ("kg validate", "kg validate --data my-data/ --engine pyshacl"),
    "verify-sources": ("kg verify-sources ../shared/sources",),
    "source": (
        'kg source add docs/examples/fictional-2027-06-statement.txt --data my-data --publisher "Example" --primary',
    ),
    "evidence": (
        'kg evidence add my-texts/statement.txt "the exact words" --data my-data',
        "kg evidence anchor ../shared/sources --data data",
    ),
    "add": ("kg add docs/examples/fictional-2027-06.yaml --data my-data",),
    "diff": (
        "kg diff tests/diff/before tests/diff/after",
        "kg diff HEAD~1 HEAD --format atom > who-hosts-what.atom",
    ),
    "export": (
        "kg export --format trig -o partnership.trig",
        "kg export --format graphml -o partnership.graphml",
    ),
    "explore": ("kg explore -o explorer.html", "kg explore --data my-data/ -o mine.html"),
    "chart": ("kg chart -o timeline.svg",),
    "card": (
        "kg card hosts --as-of 2025-06 -o hosts.html",
        "kg card changes 2026-02-27 agreement-amended -o ip.svg",
    ),
    "build": ("kg build --out out",),
    "publish": ("kg publish site/ --base-url https://example.org/partnership-kg",),
    "cite": (
        "kg cite hosts stateless-apis --format bibtex",
        "kg cite agreement-2025-10 --format csl-json",
        "kg cite changes 2025-10 2026-02-27 --format ris",
    ),
    "quickstatements": ("kg quickstatements -o batch.tsv",),
    "serve": ("kg serve --port 8765", "kg serve --store store/ --workers 4"),
    "push": ("kg push --endpoint http://127.0.0.1:7878",),
    "synth": ("kg synth --triples 100000 -o synth/", "kg synth --companies 50 --seed 1 -o synth/"),
    "completion": (
        "kg completion bash > ~/.local/share/bash-completion/completions/kg",
        "kg completion zsh > ~/.zfunc/_kg",
    ),
}


MAIN = (
    'kg hosts "stateless APIs"',
    "kg changes 2025-10 2026-02-27",
    "kg export --format jsonld -o partnership.jsonld",
    "kg COMMAND --help   (each command's options and examples)",
)
"""The examples ``kg --help`` ends with."""


def epilog(command: str) -> str | None:
    """The examples block for a command's help, or None."""
    found = MAIN if command == "kg" else EXAMPLES.get(command)
    if not found:
        return None
    return "examples:\n" + "\n".join(f"  {line}" for line in found)
