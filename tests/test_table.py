"""Terminal tables fit the terminal, cut nothing and break no word: at 80 and 100 columns every
question command's table has only whole words (a long id may break after a hyphen), at 200
columns every cell reads back whole; headers are words, not field names; ``kg hosts`` takes two
lines a role at 100 columns and ``kg changes`` ends with its summary."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from graph.answers._types import flat
from graph.output._cells import basis_cell, quotes_cell, sources_cell
from graph.output._table import LONG

# The answers asserted here are the five corpus documents' (issue 21): kg and cli use --corpus-only.
CORPUS_ONLY = True

COMMANDS = [
    (("terms", "--as-of", "2026-03"), lambda kg: kg.terms("2026-03")),
    (("timeline",), lambda kg: kg.timeline()),
    (("hosts",), lambda kg: kg.hosts()),
    (("hosts", "--as-of", "2025-06"), lambda kg: kg.hosts(as_of="2025-06")),
    (
        ("changes", "agreement-multi-year-extension", "agreement-2025-10"),
        lambda kg: kg.changes("agreement-multi-year-extension", "agreement-2025-10"),
    ),
    (("changes", "2025-10", "2026-02-27"), lambda kg: kg.changes("2025-10", "2026-02-27")),
    (("sources", "Stargate"), lambda kg: kg.sources_for("Stargate")),
    (("conflicts",), lambda kg: kg.conflicts()),
    (("partners", "OpenAI"), lambda kg: kg.partners("OpenAI")),
    (("secondary",), lambda kg: kg.secondary_only()),
]
IDS = [" ".join(c[0][:2]) for c in COMMANDS]


def read_back(text: str, rows: int = 0) -> tuple[list[str], list[list[str]]]:
    """The headers and the cells of a table printed by kg, each wrapped cell joined again."""
    lines = text.rstrip("\n").split("\n")
    assert (lines[-1].startswith("(") and lines[-1].endswith(("row)", "rows)"))) or re.fullmatch(
        r"\d+ [a-z ]+(, \d+ [a-z ]+)*", lines[-1]
    )
    lines = lines[:-1]
    rule = next(i for i, line in enumerate(lines) if set(line) <= {"-", " "} and line)
    spans, start = [], None
    for i, ch in enumerate(lines[rule] + " "):
        if ch == "-" and start is None:
            start = i
        elif ch != "-" and start is not None:
            spans.append((start, i))
            start = None

    def join(block: list[str]) -> list[str]:
        return [" ".join(s for s in (line[a:b].strip() for line in block) if s) for a, b in spans]

    body = lines[rule + 1 :]
    blocks: list[list[str]] = [[]]
    if rows == 1:
        blocks = [body]
    elif "" in body:
        for line in body:
            if line:
                blocks[-1].append(line)
            else:
                blocks.append([])
    else:  # rows of at most two lines: a row starts where its first cell does
        blocks = []
        for line in body:
            if line[: spans[0][1]].strip() or not blocks:
                blocks.append([line])
            else:
                blocks[-1].append(line)
    return join(lines[:rule]), [join(b) for b in blocks if b]


def squash(text: str) -> str:
    return "".join(text.split())


def words(text: str) -> Counter[str]:
    """The words of a table, a long id's hyphen-broken pieces joined again."""
    found: Counter[str] = Counter()
    pending = ""
    for token in text.split():
        if set(token) <= {"-"}:
            continue  # the rule under the headers
        if pending and len(pending) >= 1:
            token, pending = pending + token, ""
        if token.endswith("-") and not token.endswith("--") and (len(token) > 1):
            pending = token
            continue
        found[token] += 1
    if pending:
        found[pending] += 1
    return found


@pytest.mark.parametrize("width", [80, 100])
@pytest.mark.parametrize(("args", "ask"), COMMANDS, ids=IDS)
def test_no_word_is_broken(cli, monkeypatch, width: int, args, ask) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    run = cli(*args, "--format", "table")
    wide = cli(*args, "--format", "table", "--wide")
    assert run.code == 0 and wide.code == 0, run.err
    assert max(len(line) for line in run.out.splitlines()) <= width
    whole = set(words(wide.out))
    for token in run.out.split():
        if set(token) <= {"-"}:
            continue
        assert token in whole or any(len(w) > LONG and token in w for w in whole), (width, token)
    # every word of the wide table is printed once, and only those (hyphen pieces joined back;
    # the headers aside: rows too wide for a table repeat them in each record)
    heads = set(wide.out.split("\n")[0].split())
    assert {w: n for w, n in words(run.out).items() if w not in heads} == {
        w: n for w, n in words(wide.out).items() if w not in heads
    }


def shown(item, column: str, quoted: bool = False) -> str:
    """What the table shows in a column by default."""
    if column == "sources":
        return sources_cell(item)
    if column in ("basis", "to_basis") and not quoted:
        return basis_cell(getattr(item, column))
    if column == "since_label":
        return mark(item, column) + (item.since_date or "undated")
    return mark(item, column) + flat(getattr(item, column))


@pytest.mark.parametrize(("args", "ask"), COMMANDS, ids=IDS)
def test_tables_fit_the_terminal_and_cut_no_cell(cli, kg, monkeypatch, args, ask) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    run = cli(*args, "--format", "table")
    assert run.code == 0, run.err
    assert "…" not in run.out
    assert max(len(line) for line in run.out.splitlines()) <= 200
    items = ask(kg)
    columns = list(type(items[0]).COLUMNS)
    if args[0] == "secondary":
        columns = ["type", "label", "basis", "evidence"]
    if args[:2] == ("hosts", "--as-of"):
        columns = list(type(items[0]).AS_OF_COLUMNS)
    if args[0] != "sources":  # kg sources shows the quotes; the others a Sources cell
        columns = ["sources" if c.endswith("evidence") else c for c in columns]
    if "exclusivity" in columns:
        columns.remove("exclusivity")
    columns = [c for c in columns if c != "rank"]  # for the data's keepers: JSON, CSV, notebooks
    headers, rows = read_back(run.out, len(items))
    assert "_" not in " ".join(headers) and headers[0][0].isupper()
    assert len(rows) == len(items)
    for row, item in zip(rows, items):
        expected = []
        for c in columns:
            if c == "role":
                expected.append(item.role + (f" · {item.exclusivity}" if item.exclusivity else ""))
            elif c == "evidence":
                expected.append(quotes_cell(item.evidence))
            else:
                expected.append(shown(item, c, quoted=args[0] == "sources"))
        assert [squash(c) for c in row] == [squash(e) for e in expected]


def test_hosts_takes_two_lines_a_role_at_100_columns(cli, kg, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    lines = cli("hosts", "--format", "table").out.rstrip("\n").split("\n")
    roles = kg.hosts()
    assert lines[0].split() == ["Provider", "Role", "Hosted", "thing", "Since", "Basis", "Sources"]
    assert len(lines) <= 2 + 2 * len(roles) + 1 and lines[-1] == f"({len(roles)} rows)"
    assert "Microsoft Azure  hosts ·" in "\n".join(lines)
    _, rows = read_back("\n".join(lines))
    assert [
        "Microsoft Azure",
        "hosts · exclusive",
        "Stateless OpenAI APIs",
        "[inferred] 2025-10",
        "stated",
        "5: OpenAI (primary) +4",
    ] in rows  # five sources, four publishers


def test_evidence_brings_the_quotes(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    plain = cli("hosts", "stateless-apis", "--format", "table").out
    quoted = cli("hosts", "stateless-apis", "--format", "table", "--evidence").out
    quote = "Azure remains the exclusive cloud provider of stateless OpenAI APIs"
    headers, rows = read_back(plain)
    assert headers[-1] == "Sources" and quote not in plain
    headers, rows = read_back(quoted)
    assert headers[-1] == "Evidence" and any(f"OpenAI (primary): “{quote}”" in row[-1] for row in rows)


def test_changes_end_with_their_summary(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    run = cli("changes", "2025-10", "2026-02-27", "--format", "table")
    assert run.out.rstrip("\n").split("\n")[-1] == "10 unchanged"
    run = cli("changes", "agreement-2026-02-27", "agreement-amended", "--format", "table")
    assert run.out.rstrip("\n").split("\n")[-1] == "2 amended, 1 removed, 8 not restated"


OWN_BASIS = {"since_label": "since", "date": "date", "type": "agreement type"}
OWN_BASIS |= {"change_type": "change type", "may_be_superseded_by": "superseded by", "until": "until"}
"""Columns whose value can have a basis of its own (a claim), and the property the claim is about."""


def mark(item, column: str) -> str:
    """The mark a table shows in front of an inferred or disputed value: ``[disputed] ``, ``[inferred] ``."""
    kinds = {v.basis.kind for v in getattr(item, "value_bases", ()) if v.property == OWN_BASIS.get(column)}
    if not getattr(item, column, None):
        return ""
    return next((f"[{k}] " for k in ("disputed", "inferred") if k in kinds), "")


def test_inferred_and_disputed_values_are_marked(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    _, rows = read_back(cli("timeline", "--format", "table").out)
    assert any(cell.startswith("[disputed] ") for row in rows for cell in row)
    _, rows = read_back(cli("terms", "--as-of", "2026-03", "--format", "table").out)
    assert any(cell.startswith("[inferred] ") for row in rows for cell in row)


def test_human_headers(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    headers, _ = read_back(cli("terms", "--as-of", "2026-03", "--format", "table").out)
    assert headers == [
        "Status",
        "Clause",
        "Label",
        "Agreement",
        "Earliest",
        "Latest",
        "Basis",
        "May be superseded by",
    ]
    headers, _ = read_back(cli("timeline", "--format", "table").out)
    assert headers == [
        "Date",
        "Precision",
        "Placement",
        "Label",
        "Type",
        "Parties",
        "Inferred order",
        "Other claimed dates",
    ]


def test_wide_keeps_each_row_on_one_line(cli, kg, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    run = cli("terms", "--as-of", "2026-03", "--format", "table", "--wide")
    lines = run.out.rstrip("\n").split("\n")
    assert len(lines) == 2 + len(kg.terms("2026-03")) + 1 and max(map(len, lines)) > 80


def test_columns_choose_fields(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    run = cli("hosts", "stateless-apis", "--format", "table", "--columns", "provider,role,exclusivity")
    headers, rows = read_back(run.out)
    assert headers == ["Provider", "Role", "Exclusivity"]
    assert ["Microsoft Azure", "hosts", "exclusive"] in rows
    run = cli("hosts", "stateless-apis", "--format", "tsv", "--columns", "provider,role")
    assert run.out.splitlines()[0] == "provider\trole" and "Microsoft Azure\thosts" in run.out.splitlines()
    run = cli("hosts", "--columns", "provider,colour")
    assert run.code == 2 and run.err.startswith("kg: error: unknown column 'colour'; accepted: id, provider,")
    # the headers are accepted too, and the Sources column
    headers, rows = read_back(
        cli("hosts", "stateless-apis", "--format", "table", "--columns", "Provider,hosted thing,sources").out
    )
    assert headers == ["Provider", "Hosted thing", "Sources"]
    assert ["Microsoft Azure", "Stateless OpenAI APIs", "5: OpenAI (primary) +4"] in rows
    run = cli("changes", "2025-10", "2026-02-27", "--format", "tsv", "--columns", "note,Status")
    assert run.out.splitlines()[0] == "change_note\tstatus"


# -- help, completion, kg queries --format ---------------------------------------------------


def test_every_help_ends_with_examples(cli) -> None:
    from graph.cli import COMMANDS

    top = cli("--help")
    assert top.code == 0 and 'examples:\n  kg hosts "stateless APIs"\n' in top.out

    for name in COMMANDS:
        run = cli(name, "--help")
        assert run.code == 0, name
        examples = run.out.split("examples:\n", 1)[1].splitlines()
        assert examples and all(line.startswith(f"  kg {name}") for line in examples), name


def test_shell_completion_scripts(cli, tmp_path) -> None:
    import shutil
    import subprocess

    bash = cli("completion", "bash")
    assert bash.code == 0 and "complete -o bashdefault -F _shtab_kg kg" in bash.out
    script = tmp_path / "kg.bash"
    script.write_text(bash.out, encoding="utf-8")
    if shutil.which("bash"):  # complete a command name and an option, as bash does on Tab
        probe = (
            f"source {script}; COMP_WORDS=(kg ver); COMP_CWORD=1; _shtab_kg; echo ${{COMPREPLY[@]}}; "
            "COMP_WORDS=(kg terms --as); COMP_CWORD=2; _shtab_kg; echo ${COMPREPLY[@]}"
        )
        done = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, check=True)
        assert done.stdout.splitlines() == ["verify-sources", "--as-of"]
    zsh = cli("completion", "zsh")
    assert zsh.code == 0 and zsh.out.startswith("#compdef kg")


def test_queries_listing_formats(cli) -> None:
    import json

    from graph.sparql._named import query_names

    listing = json.loads(cli("queries", "--format", "json").out)
    assert [q["name"] for q in listing] == sorted(query_names())
    hosts = next(q for q in listing if q["name"] == "who-hosts-what")
    assert [(p["name"], p["kind"], p["required"]) for p in hosts["parameters"]] == [
        ("subject", "entity", False),
        ("asOf", "date", False),
    ]
    tsv = cli("queries", "--format", "tsv").out.splitlines()
    assert tsv[0] == "name\tdescription\tparameters" and len(tsv) == len(listing) + 1
    assert any(
        line.startswith("who-hosts-what\t") and line.endswith("\tsubject:entity?,asOf:date?") for line in tsv
    )


def test_piped_output_imports_no_table_code() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from graph.cli import main; main(['hosts', 'Frontier', '--format', 'tsv']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'textwrap', 'shtab') "
        "or m == 'graph.output._table'), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip().splitlines()[-1] == "[]"
