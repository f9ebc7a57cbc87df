"""Ranked precedent search: BM25 and dense legs fused by a convex combination of their
min-max normalised scores (reciprocal rank fusion is the ``rrf`` mode).

``HybridSearch`` is an in-memory view of the committed records of a ``ClauseStore``:
unit vectors as one normalised matrix (exact cosine search, a few milliseconds at
100,000 clauses) and a BM25 index over the same units. Filters (resolution, body, kind,
phrase) are boolean masks applied to both legs before ranking.
"""

from __future__ import annotations

import json
import logging
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from index.wordforms import content_words

log = logging.getLogger(__name__)


@dataclass
class Filters:
    """Restrict a search; every given field must match (lists mean any of)."""

    resolution: list[str] | None = None
    body: str | None = None
    kind: list[str] | None = None
    phrase: str | None = None

    def mask(self, metas: list[dict[str, Any]]) -> np.ndarray | None:
        if not any((self.resolution, self.body, self.kind, self.phrase)):
            return None
        res = {r.upper() for r in self.resolution or []}
        kinds = set(self.kind or [])
        body = (self.body or "").lower()
        phrase = (self.phrase or "").lower()
        keep = [
            (not res or m["symbol"].upper() in res)
            and (not kinds or m["kind"] in kinds)
            and (not body or body in m["body"].lower())
            and (not phrase or m["phrase"].lower().startswith(phrase))
            for m in metas
        ]
        return np.array(keep, dtype=bool)


@dataclass
class RankedHit:
    """One retrieved clause with its fused score and the ranks in each leg."""

    clause_id: str
    text: str
    score: float
    metadata: dict[str, Any]
    dense_score: float | None = None
    lexical_score: float | None = None
    ranks: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.clause_id,
            "score": round(self.score, 6),
            "text": self.text,
            "dense_score": self.dense_score,
            "lexical_score": self.lexical_score,
            "ranks": self.ranks,
            "source": self.metadata.get("source"),
            "lines": [self.metadata.get("line_start"), self.metadata.get("line_end")],
        }


class HybridSearch:
    """Lexical, dense and hybrid search over the committed clause units."""

    def __init__(
        self,
        texts: list[str],
        metas: list[dict[str, Any]],
        vectors: np.ndarray,
        embedder: Embeddings,
    ) -> None:
        import bm25s

        # bm25s sets its own logger to DEBUG on import; keep it at our level.
        logging.getLogger("bm25s").setLevel(max(log.getEffectiveLevel(), logging.INFO))
        self.texts = texts
        self.metas = metas
        self.clause_ids = [m["clause_id"] for m in metas]
        self.position = {cid: n for n, cid in enumerate(self.clause_ids)}
        self.vectors = _normalise(vectors.astype(np.float32, copy=False))
        self.embedder = embedder
        self._document_frequency: Counter[str] | None = None
        self.bm25 = bm25s.BM25()
        if texts:
            self.bm25.index([content_words(t) or ["∅"] for t in texts], show_progress=False)

    def __len__(self) -> int:
        return len(self.texts)

    @classmethod
    def from_store(cls, store: Any, cache_dir: str | Path | None = None) -> HybridSearch:
        """Load the committed records (from a cache keyed by the store's fingerprint)."""
        cache = Path(cache_dir) / f"view-{store.fingerprint()}" if cache_dir else None
        if cache is not None and (cache / "vectors.npy").is_file():
            try:
                records = json.loads((cache / "records.json").read_text("utf-8"))
                vectors = np.load(cache / "vectors.npy")
                return cls(records["texts"], records["metas"], vectors, store.embedder)
            except (OSError, ValueError, KeyError) as exc:
                log.warning("ignoring a broken index cache at %s: %s", cache, exc)
        got = store.committed_records()
        dim = len(got["embeddings"][0]) if len(got["embeddings"]) else 1
        vectors = np.asarray(got["embeddings"], dtype=np.float32).reshape(-1, dim)
        if cache is not None:
            _write_cache(cache, got["documents"], got["metadatas"], vectors)
        return cls(got["documents"], got["metadatas"], vectors, store.embedder)

    # -- legs ------------------------------------------------------------------

    def lexical(
        self, query: str, k: int, mask: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        tokens = content_words(query)
        if not tokens or not self.texts:
            return []
        scores = self.bm25.get_scores(tokens)
        return _top(scores, k, mask, positive_only=True)

    def dense(
        self, query: str | np.ndarray, k: int, mask: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        if not self.texts:
            return []
        vec = (
            query
            if isinstance(query, np.ndarray)
            else np.asarray(self.embedder.embed_query(query), dtype=np.float32)
        )
        scores = self.vectors @ _normalise(vec.reshape(1, -1))[0]
        return _top(scores, k, mask)

    def hybrid(
        self,
        query: str,
        k: int = 10,
        filters: Filters | None = None,
        pool: int = 100,
        fusion: str = "convex",
        alpha: float = 0.5,
        rrf_k: int = 60,
        vector: np.ndarray | None = None,
    ) -> list[RankedHit]:
        """Fuse the lexical and dense top-``pool`` lists.

        ``vector``: the query's embedding when the caller already has it.
        ``convex`` (default): min-max normalise each leg's scores over its pool and take
        ``alpha * dense + (1 - alpha) * lexical`` (a clause missing from a leg scores 0
        there). ``rrf``: reciprocal rank fusion, ``sum 1 / (rrf_k + rank)``. On the
        labelled seed queries (eval/suites/retrieval.json) convex fusion beats both legs
        on recall@10 and MRR; RRF with k=60 did not (the retrieval suite reports both:
        ``clausewright eval run --suite retrieval``, modes ``hybrid`` and ``rrf``).
        """
        mask = filters.mask(self.metas) if filters else None
        dense_query = vector if vector is not None else query
        legs = {
            "lexical": self.lexical(query, pool, mask),
            "dense": self.dense(dense_query, pool, mask),
        }
        if fusion == "rrf":
            fused = _rrf(legs.values(), rrf_k)
        elif fusion == "convex":
            fused = _convex(legs["lexical"], legs["dense"], alpha)
        else:
            raise ValueError(f"unknown fusion {fusion!r}: use convex or rrf")
        order = sorted(fused, key=lambda i: (-fused[i], self.clause_ids[i]))[:k]
        return [self._hit(i, fused[i], legs) for i in order]

    def search(
        self, query: str, k: int = 10, filters: Filters | None = None, mode: str = "hybrid"
    ) -> list[RankedHit]:
        """``mode`` is hybrid (convex fusion), rrf (reciprocal rank fusion), lexical or dense."""
        if mode in ("hybrid", "rrf"):
            return self.hybrid(query, k, filters, fusion="convex" if mode == "hybrid" else "rrf")
        mask = filters.mask(self.metas) if filters else None
        ranked = self.lexical(query, k, mask) if mode == "lexical" else self.dense(query, k, mask)
        return [self._hit(i, s, {mode: ranked}) for i, s in ranked]

    def _hit(self, idx: int, score: float, legs: dict[str, list[tuple[int, float]]]) -> RankedHit:
        hit = RankedHit(self.clause_ids[idx], self.texts[idx], float(score), self.metas[idx])
        for name, ranked in legs.items():
            for rank, (i, s) in enumerate(ranked, start=1):
                if i == idx:
                    hit.ranks[name] = rank
                    setattr(hit, f"{name}_score", round(float(s), 6))
                    break
        return hit

    def rarity(self, word: str) -> float:
        """Inverse document frequency of a folded content word over the indexed clauses
        (``log(N / (1 + df))``, at least 0); the table is built on first use."""
        if self._document_frequency is None:
            table: Counter[str] = Counter()
            for text in self.texts:
                table.update(set(content_words(text)))
            self._document_frequency = table
        n = len(self.texts)
        return max(0.0, math.log(n / (1 + self._document_frequency.get(word, 0)))) if n else 0.0

    def query_vector(self, text: str) -> np.ndarray:
        """The unit-length embedding of ``text`` (as the dense leg compares it)."""
        vec = np.asarray(self.embedder.embed_query(text), dtype=np.float32)
        return _normalise(vec.reshape(1, -1))[0]

    def cosine(self, clause_id: str, vector: np.ndarray) -> float:
        """Cosine similarity of a stored clause to a unit ``vector`` (0 if unknown)."""
        n = self.position.get(clause_id)
        return float(self.vectors[n] @ vector) if n is not None else 0.0

    def record(self, clause_id: str) -> tuple[str, dict[str, Any]] | None:
        n = self.position.get(clause_id)
        return (self.texts[n], self.metas[n]) if n is not None else None


def _rrf(legs, rrf_k: int) -> dict[int, float]:
    fused: dict[int, float] = {}
    for ranked in legs:
        for rank, (idx, _score) in enumerate(ranked, start=1):
            fused[idx] = fused.get(idx, 0.0) + 1.0 / (rrf_k + rank)
    return fused


def _minmax(ranked: list[tuple[int, float]]) -> dict[int, float]:
    if not ranked:
        return {}
    values = [s for _, s in ranked]
    lo, hi = min(values), max(values)
    span = hi - lo
    return {i: (s - lo) / span if span > 0 else 1.0 for i, s in ranked}


def _convex(
    lexical: list[tuple[int, float]], dense: list[tuple[int, float]], alpha: float
) -> dict[int, float]:
    lex, den = _minmax(lexical), _minmax(dense)
    return {i: alpha * den.get(i, 0.0) + (1 - alpha) * lex.get(i, 0.0) for i in {*lex, *den}}


def _normalise(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return m / norms


def _top(
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


def _write_cache(cache: Path, texts: list[str], metas: list[dict], vectors: np.ndarray) -> None:
    try:
        tmp = cache.with_name(cache.name + ".tmp")
        tmp.mkdir(parents=True, exist_ok=True)
        np.save(tmp / "vectors.npy", vectors)
        (tmp / "records.json").write_text(json.dumps({"texts": texts, "metas": metas}), "utf-8")
        tmp.replace(cache)
    except OSError as exc:
        log.warning("could not write the index cache %s: %s", cache, exc)
