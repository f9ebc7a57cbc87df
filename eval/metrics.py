"""Metric functions with exact, hand-checkable definitions (see tests/test_eval_metrics.py).

Conventions: a ranked list of IDs and a set of relevant IDs; an empty ranking scores 0;
a case with no relevant IDs is an error (a suite must say what is relevant).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence


def _check(relevant: Iterable[str]) -> set[str]:
    rel = set(relevant)
    if not rel:
        raise ValueError("a case needs at least one relevant ID")
    return rel


def recall_at_k(ranked: Sequence[str], relevant: Iterable[str], k: int) -> float:
    """Share of the relevant IDs found in the first ``k`` results."""
    rel = _check(relevant)
    return len(rel & set(ranked[:k])) / len(rel)


def precision_at_k(ranked: Sequence[str], relevant: Iterable[str], k: int) -> float:
    """Share of the first ``k`` results that are relevant (divided by k, not by len)."""
    rel = _check(relevant)
    return len(rel & set(ranked[:k])) / k if k > 0 else 0.0


def reciprocal_rank(ranked: Sequence[str], relevant: Iterable[str]) -> float:
    """1 / rank of the first relevant result; 0 when none is found."""
    rel = _check(relevant)
    for rank, item in enumerate(ranked, start=1):
        if item in rel:
            return 1.0 / rank
    return 0.0


def ndcg_at_k(ranked: Sequence[str], relevant: Iterable[str], k: int) -> float:
    """Normalised discounted cumulative gain with binary relevance."""
    rel = _check(relevant)
    dcg = sum(1.0 / math.log2(i + 2) for i, item in enumerate(ranked[:k]) if item in rel)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(len(rel), k)))
    return dcg / ideal


def set_scores(found: Iterable[str], expected: Iterable[str]) -> dict[str, float]:
    """Precision, recall and exact-set accuracy of a returned set against the truth.

    Empty output scores 0 precision and 0 recall (and exact only if nothing was expected).
    """
    got, want = set(found), set(expected)
    tp = len(got & want)
    precision = tp / len(got) if got else (1.0 if not want else 0.0)
    recall = tp / len(want) if want else 1.0
    if not got and want:
        precision = 0.0
    return {"precision": precision, "recall": recall, "exact": float(got == want)}


def mean(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def prf(true_positives: int, found: int, expected: int) -> dict[str, float]:
    """Micro precision, recall and F1 from counts.

    Nothing found while something was expected scores 0 on all three; nothing found and
    nothing expected scores 1 (there was nothing to get wrong).
    """
    if true_positives < 0 or true_positives > min(found, expected):
        raise ValueError("true positives must lie between 0 and min(found, expected)")
    if found == 0 and expected == 0:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    precision = true_positives / found if found else 0.0
    recall = true_positives / expected if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def percentile(values: Iterable[float], q: float) -> float:
    """The ``q``-th percentile (0–100) with linear interpolation between closest ranks.

    The same definition as ``numpy.percentile``'s default; an empty list gives 0.
    """
    if not 0 <= q <= 100:
        raise ValueError("q must lie between 0 and 100")
    ordered = sorted(values)
    if not ordered:
        return 0.0
    pos = (len(ordered) - 1) * q / 100
    low = math.floor(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)
