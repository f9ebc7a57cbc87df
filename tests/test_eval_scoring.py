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
    kind: str = "operative"
    number: int | None = 1
    citations: list = field(default_factory=list)
    unprecedented: bool = False
    source: str = "frame"
    model_share: float = 0.0


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
    "A op 1": "Urges Member States to fund shelters for survivors of trafficking",
    "A op 2": "Supports return home reintegration programmes",
    "A op 3": "Notes the unrelated maritime zone",
    "A op 4": "Calls for shelters for survivors",
}


def lint_ok(text, kind, number, is_last, profile):
    return [] if text.endswith((";", ",")) else [diag(1, "CW202")]


def cite(*ids):
    return [SimpleNamespace(id=i) for i in ids]


def drafting_suite(answers):
    return DraftingSuite(FakeDrafter(answers), TEXTS, SimpleNamespace, lint_ok)


DRAFT_CASES = [
    {"id": "d1", "request": "fund shelters for survivors", "kind": "operative", "split": "tune",
     "relevant": ["A op 1", "A op 4"], "must_mention": ["shelter"]},
    {"id": "d2", "request": "support return programmes", "kind": "operative", "split": "report",
     "relevant": ["A op 2"], "must_mention": ["return"]},
    {"id": "d3", "request": "asteroid mining", "kind": "operative", "split": "report",
     "relevant": [], "unprecedented": True, "must_mention": ["asteroid"]},
]  # fmt: skip


def test_drafting_scores_by_hand():
    answers = {
        "fund shelters for survivors": [
            FakeProposal(
                "1. *Urges* Member States to fund shelters for survivors;",
                citations=cite("A op 1", "A op 3"),
                model_share=0.25,
            )
        ],
        "support return programmes": [
            FakeProposal(  # invents a year and misses nothing else
                "1. *Supports* return programmes since 2019;", citations=cite("A op 2", "B op 9")
            )
        ],
        "asteroid mining": [
            FakeProposal("1. *Calls for* rules on asteroid mining;", unprecedented=True)
        ],
    }
    result = drafting_suite(answers).run(DRAFT_CASES)
    m = result.metrics
    assert m["answered"] == 1.0
    assert m["usable"] == pytest.approx(2 / 3)  # d2 invented "2019"
    assert m["invented_facts"] == 1.0
    # d1: 1 of 2 cited is labelled; d2: 1 of 2 (B op 9 is not even in the corpus)
    assert m["citation_precision"] == pytest.approx(0.5)
    # both cases with labelled precedent cite at least one labelled clause
    assert m["citation_recall"] == 1.0
    assert m["unprecedented_recall"] == 1.0 and m["precedented_labelled_so"] == 1.0
    assert m["unknown_citations"] == 1.0
    assert m["model_share"] == pytest.approx(0.25 / 3)
    assert m["report_cases"] == 2.0 and m["tune_cases"] == 1.0
    assert m["report_usable"] == pytest.approx(0.5) and m["tune_usable"] == 1.0


def test_a_proposal_without_the_asked_for_words_is_not_usable():
    answers = {
        "fund shelters for survivors": [
            FakeProposal("1. *Urges* Member States to cooperate fully;", citations=cite("A op 1"))
        ]
    }
    case = drafting_suite(answers).run(DRAFT_CASES[:1]).cases[0]
    assert case["usable"] is False and case["missing_words"] == ["shelter"]


def test_drafting_with_no_output_or_errors_scores_zero():
    answers = {"support return programmes": RuntimeError("model crashed")}
    result = drafting_suite(answers).run(DRAFT_CASES)
    m = result.metrics
    for key in ("answered", "usable", "citation_recall", "precedented_labelled_so"):
        assert m[key] == 0.0, key
    assert m["unprecedented_recall"] == 1.0  # no clause for a no-precedent case is honest
    assert "model crashed" in result.cases[1]["error"]


def test_citing_anything_for_a_no_precedent_case_is_wrong():
    answers = {
        "asteroid mining": [
            FakeProposal("1. *Calls for* asteroid rules;", citations=cite("A op 3"))
        ]
    }
    case = drafting_suite(answers).run(DRAFT_CASES[2:]).cases[0]
    assert case["citation_precision"] == 0.0
    assert case["unprecedented_correct"] is False
