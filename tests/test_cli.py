"""The kg command line as a user calls it: every command, every format, every error path."""

from __future__ import annotations

import csv
import io
import json
import re

import pyoxigraph as ox
import pytest

from graph.cli import COMMANDS as ALL_COMMANDS
from graph.cli import STANDALONE
from graph.questions import NAMES
from tests.conftest import PREFIXES, SOURCES, write

# The answers asserted here are the five corpus documents' (issue 21: reports read outside the
# corpus change several; tests/test_reported_timeline.py asserts those): kg and cli use --corpus-only.
CORPUS_ONLY = True


COMMANDS = [
    "query",
    *NAMES,  # the questions (graph.questions)
    "queries",
    "validate",
    "verify-sources",
    "export",
    "build",
]


def clean_error(run) -> str:
    """The message of a run that failed cleanly: exit 2, one or two lines on stderr, no traceback."""
    assert run.code == 2, (run.code, run.out, run.err)
    assert 1 <= len(run.err.strip().splitlines()) <= 2, run.err
    assert "Traceback" not in run.err
    return run.err


def test_version_and_help(cli) -> None:
    with pytest.raises(SystemExit):
        from graph.cli import main

        main(["--version"])
    run = cli("--help")
    assert run.code == 0
    for command in COMMANDS:
        assert command in run.out


def test_the_command_index_names_the_module_that_declares_each_command() -> None:
    import importlib

    from graph.cli._command import DEFERRED, REGISTRY, registered

    for module in set(ALL_COMMANDS.values()):
        importlib.import_module(module)
    assert {name: registered(name)[0].__module__ for name in [*REGISTRY, *DEFERRED]} == ALL_COMMANDS


@pytest.mark.parametrize("command", sorted(ALL_COMMANDS))
def test_every_command_has_help(cli, command: str) -> None:
    run = cli(command, "--help")
    assert run.code == 0 and run.out.startswith("usage: kg " + command)
    assert ("--data" in run.out) == (command not in STANDALONE)


# -- kg query ------------------------------------------------------------------------------------


def test_query_named_json_is_sparql_results_json(cli) -> None:
    run = cli("query", "who-hosts-what", "--format", "json")
    assert run.code == 0
    doc = json.loads(run.out)
    assert "providerLabel" in doc["head"]["vars"]
    rows = [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]
    assert {
        "providerLabel": "Microsoft Azure",
        "hostedLabel": "Stateless OpenAI APIs",
        "exclusivity": "exclusive",
    }.items() <= next(
        r for r in rows if r["hostedLabel"] == "Stateless OpenAI APIs" and r["roleType"] == "hosts"
    ).items()


@pytest.mark.parametrize("fmt", ["csv", "tsv", "xml"])
def test_query_result_formats_parse_back(cli, fmt: str) -> None:
    run = cli("query", "who-hosts-what", "--param", "subject=Frontier", "--format", fmt)
    assert run.code == 0
    if fmt == "csv":  # W3C CSV is lossy (no term types): read it as plain CSV
        labels = {r["hostedLabel"] for r in csv.DictReader(io.StringIO(run.out))}
    else:
        parsed = ox.parse_query_results(
            run.out.encode(), format={"tsv": ox.QueryResultsFormat.TSV, "xml": ox.QueryResultsFormat.XML}[fmt]
        )
        labels = {s["hostedLabel"].value for s in parsed}
    assert labels == {"Frontier", "OpenAI first-party products"}


def test_query_table_shows_rows(cli) -> None:
    run = cli("query", "conflicts", "--format", "table")
    assert run.code == 0
    assert "2024-10" in run.out and "2025-10" in run.out and "(2 rows)" in run.out


def test_query_construct_as_turtle(cli) -> None:
    run = cli(
        "query",
        "CONSTRUCT { ?r kg:provider ?p } WHERE { ?r a kg:CloudRole ; kg:provider ?p }",
        "--format",
        "ttl",
    )
    assert run.code == 0
    triples = list(ox.parse(run.out.encode(), format=ox.RdfFormat.TURTLE))
    assert len(triples) == 12


def test_query_ask(cli) -> None:
    run = cli("query", "ASK { pk:azure kg:operatedBy pk:microsoft }", "--format", "json")
    assert json.loads(run.out)["boolean"] is True


def test_query_from_file_and_stdin(tmp_path, kg_process) -> None:
    query = write(tmp_path / "mine.rq", "# Azure's roles\nSELECT ?r WHERE { ?r kg:provider pk:azure }\n")
    from_file = kg_process("query", str(query), "--format", "csv", "--corpus-only")
    assert from_file.returncode == 0 and len(from_file.stdout.strip().splitlines()) == 7
    from_stdin = kg_process("query", "-", "--format", "csv", "--corpus-only", stdin=query.read_text())
    assert from_stdin.stdout == from_file.stdout


def test_query_file_with_typed_parameters(tmp_path, cli) -> None:
    query = write(
        tmp_path / "by.rq",
        "# Roles by a provider\n# @param who entity required  The provider\n"
        "SELECT ?r ?who WHERE { ?r kg:provider ?who }\n",
    )
    run = cli("query", str(query), "--param", "who=AWS", "--format", "csv")
    assert run.code == 0 and len(run.out.strip().splitlines()) == 4


def test_malformed_sparql_gives_line_and_column(cli) -> None:
    assert "SPARQL syntax error at line 2, column" in clean_error(cli("query", "SELECT * WHERE {\n ?s ?p }"))


def test_a_long_list_of_expected_tokens_stays_on_one_line(cli) -> None:
    run = cli("query", "SELECT ?x WHERE {")  # the parser lists every token and character class
    message = clean_error(run)
    assert "line 1, column 18: expected one of" in message and '"{"' in message and "a letter" in message
    assert len(message.strip().splitlines()) == 1 and "u{" not in message


def test_unknown_query_name_lists_near_names(cli) -> None:
    message = clean_error(cli("query", "who-host-what"))
    assert message.strip() == "kg: error: unknown query 'who-host-what'; did you mean: who-hosts-what"


def test_missing_parameter_is_named(cli) -> None:
    assert "needs parameter 'to'" in clean_error(cli("query", "what-changed", "--param", "from=2025-10"))


def test_unknown_parameter_lists_accepted(cli) -> None:
    message = clean_error(cli("query", "who-hosts-what", "--param", "subjekt=x"))
    assert "no parameter 'subjekt'; accepted: subject, asOf" in message


def test_unknown_agreement_says_what_is_accepted(cli) -> None:
    message = clean_error(cli("changes", "agreement-1999", "2026-02-27"))
    assert "unknown agreement 'agreement-1999'" in message
    assert "agreement-2025-10" in message and "YYYY-MM" in message


def test_malformed_date_says_what_is_accepted(cli) -> None:
    message = clean_error(cli("hosts", "--as-of", "27/02/2026"))
    assert "malformed date '27/02/2026'" in message and "YYYY-MM-DD" in message
    assert "malformed date '2026-13'" in clean_error(cli("query", "terms-as-of", "--param", "asOf=2026-13"))


def test_bad_param_syntax(cli) -> None:
    assert "NAME=VALUE" in clean_error(cli("query", "who-hosts-what", "--param", "subject"))


@pytest.mark.parametrize(
    "hostile",
    [
        '"} ; DROP ALL ; SELECT * { ?s ?p ?o',
        "> } UNION { ?role ?p ?o } #",
        "pk:azure> . ?x ?y ?z",
    ],
)
def test_hostile_parameter_is_bound_as_a_term_and_matches_nothing(cli, hostile: str) -> None:
    run = cli("query", "who-hosts-what", "--param", f"subject={hostile}", "--format", "json")
    assert run.code == 0
    assert json.loads(run.out)["results"]["bindings"] == []
    assert f"no entity matches '{hostile}'" in clean_error(cli("hosts", hostile, "--format", "json"))
    assert (
        len(json.loads(cli("query", "who-hosts-what", "--format", "json").out)["results"]["bindings"]) == 11
    )


def test_unknown_format_is_a_usage_error(cli) -> None:
    run = cli("hosts", "--format", "yaml")
    assert run.code == 2 and "invalid choice" in run.err


# -- the library's questions -------------------------------------------------------------------


def test_hosts_json_fields(cli) -> None:
    data = json.loads(cli("hosts", "Frontier", "--format", "json").out)
    azure = next(d for d in data if d["provider"] == "Microsoft Azure")
    assert set(azure) >= {
        "id",
        "provider",
        "provider_id",
        "operator",
        "role",
        "hosted",
        "hosted_id",
        "exclusivity",
        "since",
        "since_label",
        "since_date",
        "until",
        "rank",
        "qualifier",
        "evidence",
    }
    assert set(azure["evidence"][0]) == {"source", "file", "publisher", "title", "url", "quote", "primary"}


def test_hosts_as_of_and_table(cli) -> None:
    run = cli("hosts", "--as-of", "2025-10", "--format", "table")
    assert run.code == 0 and "(6 rows)" in run.out and "possibly" in run.out
    data = json.loads(cli("hosts", "--as-of", "2025-10", "--format", "json").out)
    assert [(d["id"], d["status"]) for d in data] == [
        ("role-aws-supplies-compute", "possibly in force"),  # 'expanded use': begun before the deal
        ("role-microsoft-hosts-frontier-models", "possibly in force"),  # its start may be earlier
        ("role-azure-hosts-all-openai-workloads", "ended"),  # until the October 2025 agreement
        ("role-azure-hosts-first-party-products", "in force"),
        ("role-azure-hosts-research-experiments", "possibly in force"),  # an undated agreement
        ("role-azure-hosts-stateless-apis", "in force"),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("hosts", "Nonexistent Cloud"),
            "no entity matches 'Nonexistent Cloud'; give an id (frontier) or a name",
        ),
        (
            ("sources", "Stargte"),
            "no entity matches 'Stargte'; did you mean: Stargate, stated, Statement?",
        ),
        (("partners", "Nobody"), "no organisation matches 'Nobody'; give an id (openai) or a name"),
        (
            ("timeline", "--partnership", "partnership-openai-amazo"),
            "no partnership matches 'partnership-openai-amazo'; did you mean: partnership-openai-amazon, "
            "partnership-microsoft-openai, Partnership?",
        ),
    ],
)
def test_every_command_refuses_an_unknown_entity_the_same_way(cli, args, message) -> None:
    run = cli(*args, "--format", "json")
    assert clean_error(run) == f"kg: error: {message}\n" and run.out == ""


def test_changes_by_dates(cli) -> None:
    data = json.loads(cli("changes", "2025-10", "2026-02-27", "--format", "json").out)
    assert {d["status"] for d in data} == {"unchanged"} and len(data) == 10
    assert set(data[0]) >= {
        "clause",
        "clause_label",
        "status",
        "from_term",
        "to_term",
        "change_note",
        "differences",
        "from_evidence",
        "to_evidence",
        "from_basis",
        "to_basis",
        "reversed",
    }


def test_changes_by_dates_say_which_agreements_the_dates_are(cli, kg) -> None:
    # Two dates after the statement both resolve to it: the answer says so, and names the
    # amended agreement (undated, inferred to follow the statement) that may fall between them.
    run = cli("changes", "2026-03", "2026-12", "--format", "json")
    assert run.code == 0 and run.err == (
        "kg: 2026-03 is agreement-2026-02-27; 2026-12 is agreement-2026-02-27"
        " (the same agreement: each clause is compared with itself)\n"
        "kg: warning: agreement-amended, agreement-research-on-azure (undated) may fall between them;"
        " the changes do not include them\n"
    )
    data = json.loads(run.out)
    assert {(d["from_agreement"], d["to_agreement"]) for d in data} == {("agreement-2026-02-27",) * 2}
    assert {tuple(d["may_fall_between"]) for d in data} == {
        ("agreement-amended", "agreement-research-on-azure")
    }
    # June 2025 is the 2019 start (the undated agreements may be later), November 2025 October's.
    run = cli("changes", "2025-06", "2025-11")
    assert run.err == (
        "kg: 2025-06 is agreement-2019; 2025-11 is agreement-2025-10\n"
        "kg: warning: agreement-mou, agreement-multi-year-extension, agreement-research-on-azure (undated)"
        " may fall between them; the changes do not include them\n"
    )
    # The library gives the same: the agreements the dates resolved to, and those between.
    first = kg.changes("2025-06", "2025-11")[0]
    assert (first.from_agreement, first.to_agreement, first.may_fall_between) == (
        "agreement-2019",
        "agreement-2025-10",
        ("agreement-mou", "agreement-multi-year-extension", "agreement-research-on-azure"),
    )
    # Ids say nothing of resolving; the amended agreement, inferred to follow, is not between.
    run = cli("changes", "agreement-2025-10", "agreement-2026-02-27")
    assert run.err == (
        "kg: warning: agreement-research-on-azure (undated) may fall between them;"
        " the changes do not include them\n"
    )


def test_changes_csv_flattens_differences(cli) -> None:
    out = cli("changes", "agreement-2026-02-27", "agreement-amended", "--format", "csv").out
    rows = list(csv.DictReader(io.StringIO(out)))
    ip = next(r for r in rows if r["clause_label"] == "IP license")
    assert ip["status"] == "amended" and "exclusive → non-exclusive" in ip["differences"]


def test_terms_timeline_sources_conflicts_partners_secondary(cli) -> None:
    terms = json.loads(cli("terms", "--as-of", "2026-03", "--format", "json").out)
    assert any(
        t["label"] == "Exclusive IP license, unchanged (2026)" and t["status"] == "in force" for t in terms
    )
    timeline = json.loads(cli("timeline", "--format", "json").out)
    assert timeline[0]["date"] == "2019" and timeline[-1]["precision"] == "undated"
    assert "Since 2019" in timeline[0]["evidence"][0]["quote"]
    sources = json.loads(cli("sources", "Stargate", "--format", "json").out)
    assert {s["id"] for s in sources} >= {"stargate", "term-2026-02-27-compute-flexibility"}
    conflicts = json.loads(cli("conflicts", "--format", "json").out)
    assert {c["value"] for c in conflicts[0]["claims"]} == {"2024-10", "2025-10"}
    partners = json.loads(cli("partners", "OpenAI", "--format", "json").out)
    assert {"Microsoft", "Amazon"} <= {p["partner_label"] for p in partners}
    assert all(p["evidence"] and p["basis"]["kind"] == "stated" for p in partners)
    secondary = json.loads(cli("secondary", "--format", "json").out)
    assert any(f["id"] == "role-aws-distributes-frontier" for f in secondary)


def test_sources_of_unknown_entity_is_an_error(cli) -> None:
    assert "no entity matches 'Nobody'" in clean_error(cli("sources", "Nobody"))


def test_queries_lists_names_descriptions_parameters(cli) -> None:
    out = cli("queries").out
    for name in (
        "who-hosts-what",
        "what-changed",
        "terms-as-of",
        "timeline",
        "clauses-of",
        "sources-for",
        "conflicts",
        "secondary-only",
        "partners-of",
    ):
        assert re.search(rf"^{name}\n    \S", out, re.M), name
    assert "--param asOf=…  (date, optional)" in out


# -- checks, export, build ---------------------------------------------------------------------


def test_validate_and_verify_sources(cli) -> None:
    run = cli("validate")
    assert run.code == 0 and run.out.startswith("valid:")
    if SOURCES.is_dir():
        run = cli("verify-sources", str(SOURCES))
        assert run.code == 0 and "all verified" in run.out


@pytest.mark.parametrize(
    ("fmt", "rdf"),
    [
        ("ttl", ox.RdfFormat.TURTLE),
        ("trig", ox.RdfFormat.TRIG),
        ("nq", ox.RdfFormat.N_QUADS),
        ("jsonld", ox.RdfFormat.JSON_LD),
        ("nt", ox.RdfFormat.N_TRIPLES),
    ],
)
def test_export_round_trips(cli, kg, tmp_path, fmt: str, rdf) -> None:
    target = tmp_path / f"graph.{fmt}"
    assert cli("export", "--format", fmt, "-o", str(target)).code == 0
    assert len(list(ox.parse(path=str(target), format=rdf))) == len(kg)
    assert target.stat().st_mode & 0o777 == 0o644  # readable by others, as any written file
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left


def test_export_graphml(cli, tmp_path) -> None:
    import networkx as nx

    target = tmp_path / "graph.graphml"
    assert cli("export", "--format", "graphml", "-o", str(target)).code == 0
    g = nx.read_graphml(target)
    assert g.nodes["pk:azure"]["label"] == "Microsoft Azure"


def test_build_writes_everything(packaged_build) -> None:
    out, run = packaged_build
    assert run.code == 0, run.err
    assert "Microsoft Azure (exclusive)" in run.out
    for name in (
        "partnership.ttl",
        "partnership.trig",
        "partnership.jsonld",
        "partnership.nq",
        "answers.md",
        "answers.json",
        "validation.txt",
    ):
        assert (out / name).stat().st_size > 0
    answers = json.loads((out / "answers.json").read_text())
    assert answers[3]["question"].startswith("What did the 27 Feb 2026 statement change")
    assert {a["status"] for a in answers[3]["answer"]} == {"unchanged"}
    markdown = (out / "answers.md").read_text()
    first = markdown.split("## ")[1]  # who hosts the stateless APIs, and what that rests on
    assert (
        "- Microsoft Azure hosts Stateless OpenAI APIs: OpenAI, primary, `003_7764993f1fc891bd.txt`: "
        "“Azure remains the exclusive cloud provider of stateless OpenAI APIs”"
    ) in first
    disagreement = markdown.split("## ")[-1]
    assert "date 2024-10 (normal): Udaipur Freelancer" in disagreement and "(1 row)" in disagreement


# -- user data and bad data ----------------------------------------------------------------------


def test_data_folder_adds_a_users_facts(cli, tmp_path) -> None:
    write(
        tmp_path / "mine" / "extra.ttl",
        PREFIXES
        + """
pk:acme-cloud a kg:CloudPlatform ; rdfs:label "Acme Cloud" ; kg:basis kg:Stated ; kg:evidence pk:ev-003-title .
pk:role-acme-hosts-frontier a kg:CloudRole ; rdfs:label "Acme hosts Frontier" ;
    kg:provider pk:acme-cloud ; kg:roleType kg:Hosts ; kg:hostedThing pk:frontier ;
    kg:since pk:agreement-2026-02-27 ; kg:rank kg:NormalRank ; kg:basis kg:Stated ; kg:evidence pk:ev-003-title .
""",
    )
    data = json.loads(cli("hosts", "Frontier", "--data", str(tmp_path / "mine"), "--format", "json").out)
    assert "Acme Cloud" in {d["provider"] for d in data}
    assert cli("validate", "--data", str(tmp_path / "mine")).code == 0


def test_malformed_data_file_names_file_and_line(cli, tmp_path) -> None:
    bad = write(tmp_path / "bad" / "broken.ttl", PREFIXES + 'pk:x rdfs:label "unterminated .\n')
    assert clean_error(cli("hosts", "--data", str(bad.parent))).startswith(f"kg: error: {bad}:5: ")


def test_unknown_prefix_names_file_and_line(cli, tmp_path) -> None:
    bad = write(tmp_path / "bad" / "prefix.ttl", PREFIXES + '\nfoo:x rdfs:label "x" .\n')
    message = clean_error(cli("timeline", "--data", str(bad)))
    assert message.startswith(f"kg: error: {bad}:6: ") and "foo" in message


def test_missing_data_folder(cli, tmp_path) -> None:
    assert "no such file or folder" in clean_error(cli("hosts", "--data", str(tmp_path / "nope")))


def test_shacl_violation_names_shape_and_node(cli, tmp_path) -> None:
    write(
        tmp_path / "v" / "role.ttl",
        PREFIXES
        + """
pk:role-broken a kg:CloudRole ; rdfs:label "A role with no host" ;
    kg:roleType kg:Hosts ; kg:hostedThing pk:frontier ; kg:since pk:agreement-2026-02-27 ;
    kg:rank kg:NormalRank ; kg:evidence pk:ev-003-title .
""",
    )
    run = cli("validate", "--data", str(tmp_path / "v"))
    assert run.code == 2 and "Traceback" not in run.err
    assert "kgsh:CloudRole" in run.err and "pk:role-broken" in run.err and "provider" in run.err


def test_build_with_invalid_data_writes_nothing_half(cli, tmp_path) -> None:
    write(
        tmp_path / "v" / "agreement.ttl",
        PREFIXES
        + """
pk:agreement-x a kg:Agreement ; rdfs:label "No date, not undated" ; kg:party pk:openai ; kg:evidence pk:ev-003-title .
""",
    )
    out = tmp_path / "out"
    run = cli("build", "--data", str(tmp_path / "v"), "--out", str(out))
    assert run.code == 2 and "pk:agreement-x" in run.err
    assert not out.exists()  # nothing written, not even the report (the message holds it)
    assert list(tmp_path.iterdir()) == [tmp_path / "v"]  # nor any staging folder left


def test_export_to_unwritable_path(cli, tmp_path) -> None:
    blocker = write(tmp_path / "file", "x")
    assert "cannot write" in clean_error(cli("export", "-o", str(blocker / "sub" / "g.ttl")))
    assert not (tmp_path / "file").is_dir()  # nothing half-written in its place
