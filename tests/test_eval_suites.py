"""The suite data files: big enough, every clause ID exists, all five seed resolutions."""

from __future__ import annotations

import pytest

from assistant.lint import RULES
from eval.suites import (
    MIN_CASES,
    SEED_SYMBOLS,
    SUITE_NAMES,
    load_suite,
    symbols_covered,
    validate_suite,
)

PROFILES = {"un", "nmun", "thimun", "plain"}


@pytest.fixture(scope="module")
def known_ids(seed_corpus):
    return set(seed_corpus.by_id())


@pytest.mark.parametrize("name", SUITE_NAMES)
def test_every_suite_is_valid(name, known_ids):
    suite = load_suite(name)
    assert suite["suite"] == name
    assert validate_suite(name, suite, known_ids) == []
    assert len(suite["cases"]) >= MIN_CASES[name]


def test_issue_sizes():
    assert len(load_suite("drafting")["cases"]) >= 30
    assert len(load_suite("retrieval")["cases"]) >= 30
    assert len(load_suite("mentions")["cases"]) >= 15


@pytest.mark.parametrize("name", ["retrieval", "mentions", "drafting"])
def test_suites_cover_all_five_seed_resolutions(name):
    assert symbols_covered(name, load_suite(name)) == set(SEED_SYMBOLS)


def test_validation_catches_bad_suites(known_ids):
    suite = {"cases": [{"id": "a", "query": "q", "relevant": ["IOM/1/9 op 1"]}, {"id": "a"}]}
    problems = validate_suite("retrieval", suite, known_ids)
    assert any("unknown clause ID 'IOM/1/9 op 1'" in p for p in problems)
    assert any("repeated case id 'a'" in p for p in problems)
    assert any("at least 30 needed" in p for p in problems)


def test_mentions_cases_hold_the_issue_examples():
    cases = {c["query"]: c for c in load_suite("mentions")["cases"]}
    assert set(cases["AVRR"]["expected"]) == {
        "IOM/1/4 op 8",
        "IOM/1/4 op 8(a)",
        "IOM/1/4 op 8(b)",
        "IOM/1/3 op 9",
    }
    assert cases["traffiking"]["expected"] == []  # a misspelling mentions nothing
    variants = {c["variant"] for c in cases.values()}
    assert {"acronym", "spelled-out", "plural", "misspelling", "hyphen"} <= variants


def test_linting_cases_use_known_codes_and_profiles():
    cases = load_suite("linting")["cases"]
    codes = {code for c in cases for _, code in c["expected"]}
    assert codes <= set(RULES)
    assert len(codes) >= 15  # most rules are exercised
    assert all(c.get("profile") in PROFILES | {None} for c in cases)
    assert any(not c["expected"] for c in cases)  # clean texts catch false positives
    assert {"lines", "corpus_file", "clause"} <= {k for c in cases for k in c}


def test_drafting_cases_are_well_formed():
    cases = load_suite("drafting")["cases"]
    for c in cases:
        assert c["kind"] in ("operative", "preambulatory"), c["id"]
        assert c["check_profile"] in PROFILES, c["id"]
        assert c.get("profile") in PROFILES | {None}, c["id"]
        assert bool(c.get("unprecedented")) != bool(c["precedents"]), c["id"]
        if c.get("draft") and c["kind"] == "operative":
            assert isinstance(c.get("expect_number"), int), c["id"]
    assert sum(bool(c.get("unprecedented")) for c in cases) >= 3
    assert sum(bool(c.get("draft")) for c in cases) >= 3
    assert sum(c["kind"] == "preambulatory" for c in cases) >= 3
    assert len({c["check_profile"] for c in cases}) >= 3
