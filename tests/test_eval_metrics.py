"""Metric code against hand-computed values, including the cases that must score 0 and 1."""

from __future__ import annotations

import math

import pytest

from eval.metrics import (
    mean,
    ndcg_at_k,
    percentile,
    precision_at_k,
    prf,
    recall_at_k,
    reciprocal_rank,
    set_scores,
)

REL = {"a", "b"}


# -- ranking ---------------------------------------------------------------------------


def test_recall_at_k_hand_values():
    assert recall_at_k(["a", "x", "b"], REL, 1) == 0.5
    assert recall_at_k(["a", "x", "b"], REL, 3) == 1.0
    assert recall_at_k(["x", "y", "a"], REL, 2) == 0.0
    assert recall_at_k(["x", "b", "a"], {"a", "b", "c", "d"}, 3) == 0.5


def test_precision_at_k_divides_by_k():
    assert precision_at_k(["a", "x", "b", "y"], REL, 4) == 0.5
    assert precision_at_k(["a"], REL, 5) == 0.2  # a short list is not rewarded
    assert precision_at_k(["a", "b"], REL, 2) == 1.0
    assert precision_at_k(["x"], REL, 0) == 0.0


def test_reciprocal_rank_hand_values():
    assert reciprocal_rank(["a", "b"], REL) == 1.0
    assert reciprocal_rank(["x", "y", "b"], REL) == pytest.approx(1 / 3)
    assert reciprocal_rank(["x", "y"], REL) == 0.0


def test_ndcg_hand_values():
    # dcg = 1/log2(2) + 1/log2(4) = 1.5; ideal = 1 + 1/log2(3) = 1.6309…
    assert ndcg_at_k(["a", "x", "b"], REL, 3) == pytest.approx(1.5 / (1 + 1 / math.log2(3)))
    assert ndcg_at_k(["b", "a", "x"], REL, 3) == 1.0
    assert ndcg_at_k(["x", "y", "z"], REL, 3) == 0.0
    # only one relevant result can fit in k=1, so the ideal is 1
    assert ndcg_at_k(["x", "a"], REL, 1) == 0.0
    assert ndcg_at_k(["a", "x"], REL, 1) == 1.0


def test_empty_ranking_scores_zero_everywhere():
    assert recall_at_k([], REL, 10) == 0.0
    assert precision_at_k([], REL, 10) == 0.0
    assert reciprocal_rank([], REL) == 0.0
    assert ndcg_at_k([], REL, 10) == 0.0


def test_a_case_must_say_what_is_relevant():
    with pytest.raises(ValueError):
        recall_at_k(["a"], [], 5)


# -- sets and counts ---------------------------------------------------------------------


def test_set_scores_hand_values():
    assert set_scores({"a", "x"}, {"a", "b"}) == {"precision": 0.5, "recall": 0.5, "exact": 0.0}
    assert set_scores({"a", "b"}, {"a", "b"}) == {"precision": 1.0, "recall": 1.0, "exact": 1.0}
    assert set_scores({"x"}, {"a"}) == {"precision": 0.0, "recall": 0.0, "exact": 0.0}
    assert set_scores({"a", "b", "c", "d"}, {"a"})["precision"] == 0.25


def test_set_scores_empty_output_scores_zero():
    assert set_scores([], {"a"}) == {"precision": 0.0, "recall": 0.0, "exact": 0.0}
    # … but returning nothing is exactly right when nothing should be found
    assert set_scores([], []) == {"precision": 1.0, "recall": 1.0, "exact": 1.0}
    assert set_scores({"a"}, [])["exact"] == 0.0


def test_prf_hand_values():
    assert prf(3, 4, 6) == pytest.approx({"precision": 0.75, "recall": 0.5, "f1": 0.6})
    assert prf(5, 5, 5) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert prf(0, 3, 2) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert prf(0, 0, 4) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert prf(0, 0, 0) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert prf(0, 2, 0) == {"precision": 0.0, "recall": 1.0, "f1": 0.0}
    with pytest.raises(ValueError):
        prf(3, 2, 5)


def test_mean_and_percentile():
    assert mean([1.0, 2.0, 6.0]) == 3.0
    assert mean([]) == 0.0
    values = [4.0, 1.0, 3.0, 2.0]
    assert percentile(values, 50) == 2.5
    assert percentile(values, 0) == 1.0
    assert percentile(values, 100) == 4.0
    assert percentile(values, 95) == pytest.approx(3.85)  # 3 + 0.85 * (4 - 3)
    assert percentile([7.0], 95) == 7.0
    assert percentile([], 50) == 0.0
    with pytest.raises(ValueError):
        percentile(values, 101)


# -- ALCE citation recall and precision ---------------------------------------------------

STATEMENT = set("abcd")
