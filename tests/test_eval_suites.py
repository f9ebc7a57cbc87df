"""The suite data files: big enough, every clause ID exists, all five seed resolutions."""

from __future__ import annotations

import pytest

from assistant.lint import RULES
from eval.suites import (
    MIN_CASES,
    SEED_SYMBOLS,
    SUITE_NAMES,
    load_suite,
    suite_corpus,
    symbols_covered,
    validate_suite,
)

PROFILES = {"un", "nmun", "thimun", "plain"}


@pytest.fixture(scope="module")
def known_ids(seed_corpus):
    return set(seed_corpus.by_id())


@pytest.fixture(scope="module")
def drafting_ids():
    """Clause IDs of the drafting suite's own corpus (seeds and real texts)."""
    from index.parsing.lexicon import Lexicon
    from index.parsing.parser import Parser, parse_paths

    corpus = parse_paths(suite_corpus(load_suite("drafting")), Parser(Lexicon.default())).corpus
    return set(corpus.by_id())


@pytest.mark.parametrize("name", SUITE_NAMES)
def test_every_suite_is_valid(name, known_ids, drafting_ids):
    suite = load_suite(name)
    assert suite["suite"] == name
    ids = drafting_ids if name == "drafting" else known_ids
    assert validate_suite(name, suite, ids) == []
    assert len(suite["cases"]) >= MIN_CASES[name]


def test_issue_sizes():
    assert len(load_suite("drafting")["cases"]) >= 30
    assert len(load_suite("retrieval")["cases"]) >= 30
    assert len(load_suite("mentions")["cases"]) >= 15


@pytest.mark.parametrize("name", ["retrieval", "mentions", "drafting"])
def test_suites_cover_all_five_seed_resolutions(name):
    assert symbols_covered(name, load_suite(name)) >= set(SEED_SYMBOLS)


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


def test_drafting_cases_are_well_formed_and_split():
    cases = load_suite("drafting")["cases"]
    for c in cases:
        assert c["kind"] in ("operative", "preambulatory"), c["id"]
        assert c.get("profile") in PROFILES | {None}, c["id"]
        assert c["split"] in ("tune", "report", "holdout") and c["must_mention"], c["id"]
        assert bool(c["unprecedented"]) == (not c["relevant"]), c["id"]
    for split in ("tune", "report", "holdout"):
        part = [c for c in cases if c["split"] == split]
        assert len(part) >= 30 and sum(c["unprecedented"] for c in part) >= 5
        assert {c["kind"] for c in part} == {"operative", "preambulatory"}
    assert len(cases) >= 60
