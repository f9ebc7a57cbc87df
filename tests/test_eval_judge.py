"""The optional LLM judge: yes/no parsing, caching, and its place in the drafting scores."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from eval.judge import LLMJudge
from eval.suite_drafting import DraftingSuite


def test_answers_are_parsed_and_cached():
    judge = LLMJudge(FakeListChatModel(responses=["Yes, it is.", "No.", "Perhaps"]))
    assert judge.supports("s1", ["e1"]) is True
    assert judge.supports("s1", ["e1"]) is True  # cached: no second question
    assert judge.supports("s2", ["e1"]) is False
    assert judge.supports("s3", ["e1"]) is False  # neither yes nor no counts as no
    assert (judge.asked, judge.unparsed) == (3, 1)
    assert judge.supports("s4", []) is False  # no evidence, no question
    assert judge.asked == 3


def test_judge_scores_sit_beside_the_deterministic_ones():
    proposal = SimpleNamespace(
        text="1. *Urges* shelters;", body="shelters", kind="operative", number=1,
        citations=[SimpleNamespace(id="A op 1"), SimpleNamespace(id="A op 2")],
        retrieved=["A op 1", "A op 2"], unprecedented=False, diagnostics=[],
    )  # fmt: skip
    drafter = SimpleNamespace(propose=lambda request: [proposal])
    # asked in order: the union (yes), "A op 1" alone (yes), "A op 2" alone (no); the
    # rest without "A op 2" is "A op 1" alone again, answered from the cache
    judge = LLMJudge(FakeListChatModel(responses=["yes", "yes", "no"]))
    suite = DraftingSuite(
        drafter,
        {"A op 1": "shelters", "A op 2": "boats"},
        SimpleNamespace,
        lambda *a: [],
        lambda statement, evidence: 1.0,
        0.5,
        judge,
    )
    case = {"id": "d1", "request": "r", "kind": "operative", "check_profile": "nmun",
            "precedents": ["A op 1"]}  # fmt: skip
    result = suite.run([case])
    assert result.metrics["judge_citation_recall"] == 1.0
    assert result.metrics["judge_citation_precision"] == pytest.approx(0.5)
    assert result.metrics["citation_precision"] == 1.0  # the word measure says both support
    assert result.info["judge"] is True
    assert judge.asked == 3
