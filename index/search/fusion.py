"""How the legs of a ranked search become one list: each leg's top k (with a filter
mask), min-max normalisation, convex fusion and reciprocal rank fusion; unit-length
rows for the cosine of the dense leg."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np


def rrf(legs: Iterable[list[tuple[int, float]]], rrf_k: int) -> dict[int, float]:
    fused: dict[int, float] = {}
    for ranked in legs:
        for rank, (idx, _score) in enumerate(ranked, start=1):
            fused[idx] = fused.get(idx, 0.0) + 1.0 / (rrf_k + rank)
    return fused


def minmax(ranked: list[tuple[int, float]]) -> dict[int, float]:
    if not ranked:
        return {}
    values = [s for _, s in ranked]
    lo, hi = min(values), max(values)
    span = hi - lo
    return {i: (s - lo) / span if span > 0 else 1.0 for i, s in ranked}


def convex(
    lexical: list[tuple[int, float]], dense: list[tuple[int, float]], alpha: float
) -> dict[int, float]:
    lex, den = minmax(lexical), minmax(dense)
    return {i: alpha * den.get(i, 0.0) + (1 - alpha) * lex.get(i, 0.0) for i in {*lex, *den}}


def normalise(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return m / norms


def top(
    scores: np.ndarray, k: int, mask: np.ndarray | None, positive_only: bool = False
) -> list[tuple[int, float]]:
    scores = np.asarray(scores, dtype=np.float32)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    if positive_only:
        scores = np.where(scores > 0, scores, -np.inf)
    k = min(k, len(scores))
    if k <= 0:
        return []
    idx = np.argpartition(-scores, k - 1)[:k]
    idx = idx[np.argsort(-scores[idx], kind="stable")]
    return [(int(i), float(scores[i])) for i in idx if np.isfinite(scores[i])]
