"""Suite runners scored on fake services with hand-computed results; empty output scores 0."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest

from eval.suite_drafting import DraftingSuite
from eval.suite_linting import LintingSuite
from eval.suite_mentions import MentionsSuite
from eval.suite_retrieval import RetrievalSuite

# -- retrieval -------------------------------------------------------------------------


class FakeIndex:
    def __init__(self, rankings):
        self.rankings = rankings

    def search(self, query, k=10, mode="hybrid"):
        return [SimpleNamespace(clause_id=i) for i in self.rankings.get((query, mode), [])[:k]]


RET_CASES = [
    {"id": "r1", "query": "q1", "relevant": ["A", "B"]},
    {"id": "r2", "query": "q2", "relevant": ["C"]},
]


def test_retrieval_scores_by_hand():
    index = FakeIndex(
        {("q1", "hybrid"): ["A", "x", "B"], ("q2", "hybrid"): ["x", "C"], ("q1", "lexical"): ["B"]}
    )
    result = RetrievalSuite(index, modes=("hybrid", "lexical")).run(RET_CASES)
    m = result.metrics
    assert m["recall_at_10"] == 1.0
    assert m["mrr"] == pytest.approx((1 + 0.5) / 2)
    assert m["lexical_recall_at_10"] == pytest.approx((0.5 + 0.0) / 2)
    assert m["lexical_mrr"] == pytest.approx(0.5)
    assert result.cases[0]["hybrid"]["found"] == ["A", "B"]


def test_retrieval_returning_nothing_scores_zero():
    result = RetrievalSuite(FakeIndex({}), modes=("hybrid",)).run(RET_CASES)
    assert all(v == 0.0 for k, v in result.metrics.items() if not k.endswith("_s"))


# -- mentions --------------------------------------------------------------------------


class FakeMentions:
    def __init__(self, answers):
        self.answers = answers

    def search(self, term):
        return SimpleNamespace(clause_ids=lambda: list(self.answers.get(term, [])))


MEN_CASES = [
    {"id": "m1", "query": "AVRR", "variant": "acronym", "expected": ["X/1 op 1", "X/1 op 2"]},
    {"id": "m2", "query": "TSS", "variant": "acronym", "expected": ["Y/2 op 1"]},
    {"id": "m3", "query": "traffiking", "variant": "misspelling", "expected": []},
]


def test_mentions_scores_by_hand():
    answers = {"AVRR": ["X/1 op 1", "X/1 op 2"], "TSS": ["Y/2 op 1", "Z/3 op 4"]}
    result = MentionsSuite(FakeMentions(answers)).run(MEN_CASES)
    m = result.metrics
    assert m["exact_accuracy"] == pytest.approx(2 / 3)  # m1 and m3 exact, m2 has an extra
    assert m["precision"] == pytest.approx((1.0 + 0.5) / 2)  # over cases expecting something
    assert m["recall"] == 1.0
    assert m["resolution_accuracy"] == pytest.approx(2 / 3)
    assert result.cases[1]["extra"] == ["Z/3 op 4"]
    assert result.info["exact_by_variant"] == {"acronym": 0.5, "misspelling": 1.0}


def test_mentions_returning_nothing_scores_zero_where_something_is_expected():
    m = MentionsSuite(FakeMentions({})).run(MEN_CASES).metrics
    assert m["precision"] == 0.0 and m["recall"] == 0.0
    assert m["exact_accuracy"] == pytest.approx(1 / 3)  # only the misspelling is right


# -- linting ---------------------------------------------------------------------------


def diag(line, code, severity="error"):
    return SimpleNamespace(line=line, code=code, severity=severity, message="m")


class FakeLinter:
    def __init__(self, found):
        self.found = found

    def lint_text(self, text, source):
        return self.found.get(text, [])

    def lint_file(self, path):
        return self.found.get(path.name, [])


LINT_CASES = [
    {"id": "l1", "lines": ["t1"], "expected": [[3, "CW201"], [7, "CW202"]]},
    {"id": "l2", "lines": ["t2"], "expected": []},
    {"id": "l3", "corpus_file": "f.txt", "expected": [[1, "CW501"]]},
    {"id": "c1", "clause": "9. x;", "kind": "operative", "number": 9, "expected": [[1, "CW401"]]},
]


def test_linting_micro_precision_recall_by_hand(tmp_path):
    found = {
        "t1": [diag(3, "CW201"), diag(9, "CW203")],
        "t2": [diag(1, "CW103", "warning"), diag(2, "CW901", "info")],  # info not counted
        "f.txt": [diag(1, "CW501", "warning")],
    }

    def lint_clause(text, kind, number, is_last, profile):
        return [diag(1, "CW401")]

    suite = LintingSuite(lambda profile: FakeLinter(found), lint_clause, tmp_path)
    result = suite.run(LINT_CASES)
    # found 5 counted (3,201)(9,203)(1,103)(1,501)(1,401); expected 4; 3 true positives
    assert result.metrics["precision"] == pytest.approx(3 / 5)
    assert result.metrics["recall"] == pytest.approx(3 / 4)
    assert result.metrics["case_accuracy"] == pytest.approx(2 / 4)
    assert result.info["recall_by_code"]["CW202"] == 0.0


def test_linting_that_finds_nothing_scores_zero(tmp_path):
    suite = LintingSuite(lambda profile: FakeLinter({}), lambda *a, **k: [], tmp_path)
    m = suite.run(LINT_CASES).metrics
    assert m["precision"] == 0.0 and m["recall"] == 0.0


# -- drafting --------------------------------------------------------------------------


@dataclass
class FakeProposal:
    text: str
    body: str
    kind: str = "operative"
    number: int | None = 1
    citations: list = field(default_factory=list)
    retrieved: list = field(default_factory=list)
    unprecedented: bool = False
    diagnostics: list = field(default_factory=list)


class FakeDrafter:
    def __init__(self, answers):
        self.answers = answers
        self.requests = []

    def propose(self, request):
        self.requests.append(request)
        answer = self.answers.get(request.request, [])
        if isinstance(answer, Exception):
            raise answer
        return answer


TEXTS = {
    "A op 1": "shelters for survivors of trafficking",
    "A op 2": "return home reintegration programmes",
    "A op 3": "unrelated maritime zone",
}


def words_support(statement, evidence):
    """Share of the statement's words found in the evidence."""
    words = set(statement.split())
    have = set(" ".join(evidence).split())
    return len(words & have) / len(words)


def lint_ok(text, kind, number, is_last, profile):
    problems = [] if text.endswith(";") else [diag(1, "CW202")]
    if number is not None and not text.startswith(f"{number}."):
        problems.append(diag(1, "CW301"))
    return problems


def cite(*ids):
    return [SimpleNamespace(id=i) for i in ids]


def drafting_suite(answers):
    return DraftingSuite(FakeDrafter(answers), TEXTS, SimpleNamespace, lint_ok, words_support, 0.5)


DRAFT_CASES = [
    {"id": "d1", "request": "shelters", "kind": "operative", "check_profile": "nmun",
     "precedents": ["A op 1", "A op 2"]},
    {"id": "d2", "request": "return", "kind": "operative", "check_profile": "nmun",
     "draft": ["1. x;", "2. y;"], "expect_number": 3, "precedents": ["A op 2"]},
    {"id": "d3", "request": "asteroids", "kind": "operative", "check_profile": "nmun",
     "precedents": [], "unprecedented": True},
]  # fmt: skip


def test_drafting_scores_by_hand():
    answers = {
        "shelters": [
            FakeProposal(
                "1. Urges shelters for survivors;",
                "shelters for survivors",
                citations=cite("A op 1", "A op 3"),
                retrieved=["A op 1", "A op 3", "A op 2"],
            )
        ],
        "return": [
            FakeProposal(
                "2. Urges return home;",  # numbered 2 where 3 was expected
                "return home",
                number=2,
                citations=cite("A op 2", "B op 9"),  # B op 9 does not exist
                retrieved=["A op 2", "B op 9"],
            )
        ],
        "asteroids": [FakeProposal("1. Urges mining rules;", "mining rules", unprecedented=True)],
    }
    suite = drafting_suite(answers)
    result = suite.run(DRAFT_CASES)
    m = result.metrics
    assert m["format_validity"] == pytest.approx(2 / 3)
    assert m["citation_validity"] == pytest.approx(2 / 3)
    assert m["numbering_accuracy"] == 0.0
    # d1: supported by "A op 1" alone; "A op 3" adds nothing → precision 1/2
    # d2: "A op 2" supports alone; "B op 9" is not in the corpus, supports nothing → 1/2
    assert m["citation_recall"] == 1.0
    assert m["citation_precision"] == pytest.approx((0.5 + 0.5) / 2)
    # d1: both expected IDs retrieved; d2: its one ID cited
    assert m["precedent_recall"] == 1.0
    assert m["precedent_cited"] == pytest.approx((0.5 + 1.0) / 2)
    assert m["unprecedented_recall"] == 1.0
    assert m["unprecedented_accuracy"] == 1.0
    assert suite.drafter.requests[1].draft_text == "1. x;\n2. y;"
    assert result.cases[1]["proposals"][0]["invalid_citations"] == ["B op 9"]


def test_drafting_citing_nothing_without_saying_unprecedented_is_invalid():
    answers = {"shelters": [FakeProposal("1. Urges shelters;", "shelters")]}
    case = drafting_suite(answers).run(DRAFT_CASES[:1]).cases[0]
    assert case["citation_validity"] == 0.0
    assert case["citation_recall"] == 0.0
    assert case["unprecedented_correct"] is True  # it did not claim to be unprecedented


def test_drafting_with_no_output_or_errors_scores_zero():
    answers = {"return": RuntimeError("model crashed")}
    result = drafting_suite(answers).run(DRAFT_CASES)
    m = result.metrics
    for key in (
        "format_validity",
        "citation_validity",
        "citation_recall",
        "precedent_recall",
        "unprecedented_recall",
        "unprecedented_accuracy",
        "numbering_accuracy",
    ):
        assert m[key] == 0.0, key  # fmt: skip
    assert "model crashed" in result.cases[1]["error"]


def test_drafting_wrong_kind_or_cited_novel_case_is_wrong():
    answers = {
        "asteroids": [
            FakeProposal("1. Urges mining;", "mining", kind="preambulatory",
                         citations=cite("A op 3"), retrieved=["A op 3"])
        ]
    }  # fmt: skip
    case = drafting_suite(answers).run(DRAFT_CASES[2:]).cases[0]
    assert case["format_validity"] == 0.0
    assert case["unprecedented_correct"] is False
