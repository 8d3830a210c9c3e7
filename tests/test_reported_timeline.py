"""Issue 21: the partnership today, from the corpus and the reports read outside it.

The whole answers of the done-when questions: who hosts what in June 2026 and the terms in
December 2026 (the state after the amended agreement of 27 April 2026), every agreement's date,
the changes between consecutive agreements, and the corpus-only answers that leave reports out.
"""

from __future__ import annotations

import csv
import io

import pytest

AGREEMENTS = [
    ("agreement-research-on-azure", "start of partnership", "2016-11", "month"),
    ("agreement-2019", "partnership announcement", "2019-07-22", "day"),
    ("agreement-multi-year-extension", "extension", "2023-01-23", "day"),
    ("agreement-2025-01-21", "amended agreement", "2025-01-21", "day"),
    ("agreement-mou", "memorandum of understanding", "2025-09-11", "day"),
    ("agreement-2025-10", "definitive agreement", "2025-10-28", "day"),
    ("agreement-2026-02-27", "joint statement", "2026-02-27", "day"),
    ("agreement-openai-amazon-2026-02-27", "partnership announcement", "2026-02-27", "day"),
    ("agreement-amended", "amended agreement", "2026-04-27", "day"),
]


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), delimiter="\t"))


def test_every_agreement_is_dated_at_its_precision(cli) -> None:
    run = cli("timeline")
    assert run.code == 0, run.err
    got = [(r["agreement"], r["type"], r["date"], r["precision"]) for r in rows(run.out)]
    assert got == AGREEMENTS


def test_hosts_as_of_june_2026_is_the_state_after_the_amended_agreement(cli) -> None:
    run = cli("hosts", "--as-of", "2026-06")
    assert run.code == 0, run.err
    got = sorted((r["id"], r["exclusivity"], r["since"], r["status"]) for r in rows(run.out))
    # No exclusive Azure role in force: the stateless-API exclusivity and the third-party calls
    # ended with the amended agreement; Azure is the primary cloud, products ship there first.
    assert got == [
        ("role-aws-distributes-frontier", "exclusive", "agreement-openai-amazon-2026-02-27", "announced"),
        ("role-aws-hosts-stateful-runtime", "", "agreement-openai-amazon-2026-02-27", "announced"),
        ("role-aws-supplies-compute", "", "agreement-openai-amazon-2026-02-27", "in force"),
        ("role-azure-hosts-all-openai-workloads", "exclusive", "agreement-multi-year-extension", "ended"),
        ("role-azure-hosts-first-party-products", "", "agreement-2025-10", "ended"),
        ("role-azure-hosts-first-party-products-amended", "primary", "agreement-amended", "in force"),
        ("role-azure-hosts-research-experiments", "primary", "agreement-research-on-azure", "ended"),
        ("role-azure-hosts-stateless-apis", "exclusive", "agreement-2025-01-21", "ended"),
        ("role-azure-hosts-stateless-apis-amended", "primary", "agreement-amended", "in force"),
        ("role-azure-hosts-third-party-stateless-calls", "exclusive", "agreement-2026-02-27", "ended"),
        ("role-azure-serves-openai-models", "", "agreement-2026-02-27", "in force"),
        ("role-microsoft-distributes-stateless-apis", "non-exclusive", "agreement-2026-02-27", "in force"),
        ("role-microsoft-hosts-frontier-models", "primary", "agreement-2026-02-27", "in force"),
        ("role-openai-distributes-stateless-apis", "non-exclusive", "agreement-2026-02-27", "in force"),
    ]


def test_stateless_apis_exclusive_until_april_2026_then_primary(cli) -> None:
    before = rows(cli("hosts", "stateless APIs", "--as-of", "2025-06").out)
    assert [(r["id"], r["exclusivity"], r["since"], r["until"], r["status"]) for r in before] == [
        ("role-azure-hosts-all-openai-workloads", "exclusive", "agreement-multi-year-extension",
         "agreement-2025-01-21", "ended"),
        ("role-azure-hosts-stateless-apis", "exclusive", "agreement-2025-01-21", "agreement-amended", "in force"),
    ]  # fmt: skip
    after = rows(cli("hosts", "stateless APIs", "--as-of", "2026-06").out)
    got = {(r["id"], r["exclusivity"], r["status"]) for r in after}
    assert ("role-azure-hosts-stateless-apis-amended", "primary", "in force") in got
    assert not any(r["exclusivity"] == "exclusive" and r["status"] == "in force" for r in after
                   if r["provider"] == "Microsoft Azure")


def test_terms_as_of_december_2026(cli) -> None:
    run = cli("terms", "--as-of", "2026-12")
    assert run.code == 0, run.err
    got = sorted((r["term"], r["status"], r["change_type"]) for r in rows(run.out))
    assert got == sorted([
        ("term-2026-02-27-agi", "in force", "unchanged"),
        ("term-openai-amazon-investment", "in force", "new"),
        ("term-amended-azure-cloud", "in force", "amended"),
        ("term-openai-amazon-frontier-distribution", "announced", "new"),
        ("term-amended-first-party-hosting", "in force", "amended"),
        ("term-amended-ip-license", "in force", "amended"),
        ("term-2026-02-27-independence", "in force", "unchanged"),
        ("term-multi-year-extension-azure-investment", "in force", "continued"),
        ("term-2026-02-27-microsoft-investment", "in force", "unchanged"),
        ("term-2026-02-27-azure-services-commitment", "in force", "unchanged"),
        ("term-2026-02-27-compute-flexibility", "in force", "unchanged"),
        ("term-amended-revenue-share", "in force", "amended"),
        ("term-amended-revenue-share-microsoft-to-openai", "in force", "removed"),
        ("term-amended-collaboration", "in force", "amended"),
        ("term-openai-amazon-stateful-runtime", "announced", "new"),
        ("term-openai-amazon-trainium", "in force", "continued"),
    ])
    assert "term-2026-02-27-ip-license" not in {r["term"] for r in rows(run.out)}  # exclusive license ended


CONSECUTIVE = {
    ("agreement-research-on-azure", "agreement-2019"): {
        "clause-collaboration": "amended", "clause-azure-cloud": "amended"},
    ("agreement-2019", "agreement-multi-year-extension"): {
        "clause-azure-cloud": "unchanged", "clause-azure-investment": "continued",
        "clause-collaboration": "not restated"},
    ("agreement-multi-year-extension", "agreement-2025-01-21"): {
        "clause-azure-cloud": "amended", "clause-ip-license": "continued",
        "clause-microsoft-investment": "continued", "clause-revenue-share": "continued",
        "clause-azure-investment": "not restated"},
    ("agreement-2025-01-21", "agreement-mou"): {
        "clause-next-phase": "added", "clause-azure-cloud": "not restated",
        "clause-ip-license": "not restated", "clause-microsoft-investment": "not restated",
        "clause-revenue-share": "not restated"},
    ("agreement-mou", "agreement-2025-10"): {
        "clause-azure-cloud": "amended", "clause-collaboration": "amended", "clause-agi": "added",
        "clause-azure-services-commitment": "added", "clause-compute-flexibility": "added",
        "clause-first-party-hosting": "continued", "clause-ip-license": "continued",
        "clause-independence": "continued", "clause-microsoft-investment": "continued",
        "clause-revenue-share": "continued", "clause-next-phase": "not restated"},
    ("agreement-2025-10", "agreement-2026-02-27"): {
        c: "unchanged" for c in (
            "clause-agi", "clause-azure-cloud", "clause-first-party-hosting", "clause-ip-license",
            "clause-independence", "clause-microsoft-investment", "clause-azure-services-commitment",
            "clause-compute-flexibility", "clause-revenue-share", "clause-collaboration")},
    ("agreement-2026-02-27", "agreement-amended"): {
        "clause-azure-cloud": "amended", "clause-first-party-hosting": "amended",
        "clause-ip-license": "amended", "clause-revenue-share": "amended",
        "clause-collaboration": "amended", "clause-revenue-share-microsoft-to-openai": "removed",
        "clause-agi": "not restated", "clause-independence": "not restated",
        "clause-microsoft-investment": "not restated",
        "clause-azure-services-commitment": "not restated",
        "clause-compute-flexibility": "not restated"},
}


@pytest.mark.parametrize("pair", list(CONSECUTIVE), ids=lambda p: f"{p[0]}->{p[1]}")
def test_changes_between_consecutive_agreements(cli, pair: tuple[str, str]) -> None:
    run = cli("changes", *pair)
    assert run.code == 0, run.err
    got = {r["clause"]: r["status"] for r in rows(run.out)}
    assert got == CONSECUTIVE[pair]


def test_corpus_only_keeps_the_five_documents_answers(cli) -> None:
    run = cli("hosts", "stateless APIs", "--as-of", "2026-06", "--corpus-only")
    assert run.code == 0, run.err
    got = [(r["id"], r["exclusivity"], r["status"]) for r in rows(run.out)]
    assert ("role-azure-hosts-stateless-apis", "exclusive", "in force") in got
    assert not any(r[0].endswith("-amended") for r in got)
    timeline = rows(cli("timeline", "--corpus-only").out)
    undated = sorted(r["agreement"] for r in timeline if r["precision"] == "undated")
    assert undated == ["agreement-amended", "agreement-mou", "agreement-multi-year-extension",
                       "agreement-research-on-azure"]
    assert "agreement-2025-01-21" not in {r["agreement"] for r in timeline}


def test_validate_passes_with_the_reported_facts(cli) -> None:
    run = cli("validate")
    assert run.code == 0, run.err
    assert run.out.startswith("valid:")
