"""Ranked precedent search: BM25 and dense legs fused by a convex combination of their
min-max normalised scores (reciprocal rank fusion is the ``rrf`` mode).

``HybridSearch`` is a view of the committed records of a ``ClauseStore``: unit vectors
as one normalised matrix (exact cosine search, a few milliseconds at 100,000 clauses)
and a BM25 index over the same units, built in memory (``from_store``) or opened from
the index ``index.search.ranked_store`` saved (``from_parts``: memory-mapped, units read
as hits need them). Filters (resolution, body, kind,
phrase) are boolean masks applied to both legs before ranking.

Context: a clause is found by what it introduces as well as by what it says. Its vector
embeds its chapeau and its sub-clauses (``index.store.records.embed_text``), and BM25
indexes its text with its direct sub-clauses' texts. The lexical leg also looks for what
the query names in other words (``expand``), at ``EXPANSION_WEIGHT`` of the query's own
words: the long forms of its acronyms and the acronyms of its long forms
(``AcronymTable.query_expansions``: the built-in table and the definitions written in the
indexed clauses), and compounds written apart or together ("watchlist" ~ "watch list",
"hot line" ~ "hotline") when only the other form is indexed. The choices were made on
the ``tune`` cases of the retrieval suite (docs in ``eval/suite_retrieval.py``).
"""

from __future__ import annotations

import json
import logging
import math
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from index.search.acronyms import AcronymTable
from index.search.fusion import convex, normalise, rrf, top
from index.search.unit_rows import UnitLists, UnitRows
from index.store.records import EMBED_TEXT_VERSION, outdated, units_from_stored
from index.wordforms import content_words

log = logging.getLogger(__name__)


@dataclass
class Filters:
    """Restrict a search; every given field must match (lists mean any of)."""

    resolution: list[str] | None = None
    body: str | None = None
    kind: list[str] | None = None
    phrase: str | None = None

    def active(self) -> bool:
        """Whether any field restricts the search."""
        return any((self.resolution, self.body, self.kind, self.phrase))

    def mask(self, metas: list[dict[str, Any]]) -> np.ndarray | None:
        if not self.active():
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
        acronyms: AcronymTable | None = None,
    ) -> None:
        """``acronyms``: the table queries are expanded with (default: the built-in one and
        the definitions written in ``texts``, learned on first use)."""
        import bm25s

        # bm25s sets its own logger to DEBUG on import; keep it at our level.
        logging.getLogger("bm25s").setLevel(max(log.getEffectiveLevel(), logging.INFO))
        self._units: UnitRows = UnitLists(texts, metas)
        self.vectors = normalise(vectors.astype(np.float32, copy=False))
        self.embedder = embedder
        self._acronyms = acronyms
        self._document_frequency: Counter[str] | None = None
        self.bm25 = bm25s.BM25()
        if texts:
            lexical = [content_words(t) or ["∅"] for t in self.lexical_texts()]
            self.bm25.index(lexical, show_progress=False)
        self.vocabulary: set[str] = set(self.bm25.vocab_dict or {}) if texts else set()

    @classmethod
    def from_parts(
        cls,
        units: UnitRows,
        unit_vectors: np.ndarray,
        bm25: Any,
        embedder: Embeddings,
        acronyms: AcronymTable | None = None,
    ) -> HybridSearch:
        """A search over an index built before (``index.search.ranked_store``): ``units``
        read as hits need them, ``unit_vectors`` already of unit length (memory-mapped),
        ``bm25`` the saved index (None when there are no units)."""
        import bm25s

        logging.getLogger("bm25s").setLevel(max(log.getEffectiveLevel(), logging.INFO))
        self = cls.__new__(cls)
        self._units = units
        self.vectors = unit_vectors
        self.embedder = embedder
        self._acronyms = acronyms
        self._document_frequency = None
        self.bm25 = bm25 if bm25 is not None else bm25s.BM25()
        self.vocabulary = set(bm25.vocab_dict or {}) if bm25 is not None else set()
        return self

    # the units (loaded whole from a saved index only when one of these is asked for)

    @property
    def texts(self) -> list[str]:
        return self._units.texts

    @property
    def metas(self) -> list[dict[str, Any]]:
        return self._units.metas

    @property
    def clause_ids(self) -> list[str]:
        return self._units.clause_ids

    @property
    def position(self) -> dict[str, int]:
        return self._units.position

    def lexical_texts(self) -> list[str]:
        """What BM25 indexes for each unit: its text, then its direct sub-clauses' texts."""
        parts = [[t] for t in self.texts]
        for n, meta in enumerate(self.metas):
            parent = self.position.get(meta.get("parent") or "")
            if parent is not None:
                parts[parent].append(self.texts[n])
        return [" ".join(p) for p in parts]

    def expand(self, query: str) -> list[str]:
        """Other words for what ``query`` names (see the module docstring), each once."""
        if self._acronyms is None:
            table = AcronymTable.builtin()
            for acronym, expansion, source in self._units.definitions():  # as learn_text
                table.add(acronym, expansion, source)
            self._acronyms = table
        found = self._acronyms.query_expansions(query)
        return list(dict.fromkeys(found + _compounds(content_words(query), self.vocabulary)))

    def __len__(self) -> int:
        return len(self._units)

    @classmethod
    def from_store(cls, store: Any, cache_dir: str | Path | None = None) -> HybridSearch:
        """Load the committed records (from a cache keyed by the store's fingerprint).

        Units whose vectors were embedded under an older ``embed_text`` are embedded again
        here (and the cache keeps the result), so an index built by an earlier version
        is searched as if built now; ``clausewright index rebuild`` stores them anew."""
        key = f"view-{store.fingerprint()}-e{EMBED_TEXT_VERSION}"
        cache = Path(cache_dir) / key if cache_dir else None
        if cache is not None and (cache / "vectors.npy").is_file():
            try:
                records = json.loads((cache / "records.json").read_text("utf-8"))
                vectors = np.load(cache / "vectors.npy")
                if not outdated(records["metas"]):
                    return cls(records["texts"], records["metas"], vectors, store.embedder)
            except (OSError, ValueError, KeyError) as exc:
                log.warning("ignoring a broken index cache at %s: %s", cache, exc)
        got = store.committed_records()
        dim = len(got["embeddings"][0]) if len(got["embeddings"]) else 1
        vectors = np.asarray(got["embeddings"], dtype=np.float32).reshape(-1, dim)
        texts, metas = got["documents"], got["metadatas"]
        metas, vectors = embed_outdated(texts, metas, vectors, store.embedder)
        if cache is not None:
            _write_cache(cache, texts, metas, vectors)
        return cls(texts, metas, vectors, store.embedder)

    # -- legs ------------------------------------------------------------------

    def lexical(
        self, query: str, k: int, mask: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        if not len(self):
            return []
        tokens = [t for t in content_words(query) if t in self.vocabulary]
        other = content_words(" ".join(self.expand(query)))
        extra = [t for t in dict.fromkeys(other) if t in self.vocabulary and t not in tokens]
        if not tokens and not extra:
            return []
        scores = np.zeros(len(self), np.float32)
        if tokens:
            scores += self.bm25.get_scores(tokens)
        if extra:
            scores += EXPANSION_WEIGHT * self.bm25.get_scores(extra)
        return top(scores, k, mask, positive_only=True)

    def dense(
        self, query: str | np.ndarray, k: int, mask: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        if not len(self):
            return []
        vec = (
            query
            if isinstance(query, np.ndarray)
            else np.asarray(self.embedder.embed_query(query), dtype=np.float32)
        )
        scores = self.vectors @ normalise(vec.reshape(1, -1))[0]
        return top(scores, k, mask)

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
        labelled seed queries' tune split (eval/suites/retrieval.json) convex fusion at
        alpha 0.5 beats both legs on recall@10 and MRR, and alpha 0.4 / 0.6 / 0.7 and RRF
        with k=60 do less well (the retrieval suite reports both modes:
        ``clausewright eval run retrieval``, modes ``hybrid`` and ``rrf``).
        """
        mask = filters.mask(self._units.filter_fields()) if filters and filters.active() else None
        dense_query = vector if vector is not None else query
        legs = {
            "lexical": self.lexical(query, pool, mask),
            "dense": self.dense(dense_query, pool, mask),
        }
        if fusion == "rrf":
            fused = rrf(legs.values(), rrf_k)
        elif fusion == "convex":
            fused = convex(legs["lexical"], legs["dense"], alpha)
        else:
            raise ValueError(f"unknown fusion {fusion!r}: use convex or rrf")
        ids = dict(zip(fused, self._units.ids_of(list(fused)), strict=True))
        order = sorted(fused, key=lambda i: (-fused[i], ids[i]))[:k]
        return [self._hit(i, fused[i], legs) for i in order]

    def search(
        self, query: str, k: int = 10, filters: Filters | None = None, mode: str = "hybrid"
    ) -> list[RankedHit]:
        """``mode`` is hybrid (convex fusion), rrf (reciprocal rank fusion), lexical or dense."""
        if mode in ("hybrid", "rrf"):
            return self.hybrid(query, k, filters, fusion="convex" if mode == "hybrid" else "rrf")
        mask = filters.mask(self._units.filter_fields()) if filters and filters.active() else None
        ranked = self.lexical(query, k, mask) if mode == "lexical" else self.dense(query, k, mask)
        return [self._hit(i, s, {mode: ranked}) for i, s in ranked]

    def _hit(self, idx: int, score: float, legs: dict[str, list[tuple[int, float]]]) -> RankedHit:
        clause_id, text, meta = self._units.row(idx)
        hit = RankedHit(clause_id, text, float(score), meta)
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
        return normalise(vec.reshape(1, -1))[0]

    def cosine(self, clause_id: str, vector: np.ndarray) -> float:
        """Cosine similarity of a stored clause to a unit ``vector`` (0 if unknown)."""
        n = self._units.index_of(clause_id)
        return float(self.vectors[n] @ vector) if n is not None else 0.0

    def record(self, clause_id: str) -> tuple[str, dict[str, Any]] | None:
        n = self._units.index_of(clause_id)
        return self._units.row(n)[1:] if n is not None else None


EXPANSION_WEIGHT = 0.5  # of a word the query only names in other words (``expand``)
MIN_COMPOUND_PART = 4


def _compounds(words: list[str], vocabulary: set[str]) -> list[str]:
    """Compounds written the other way than indexed: an unknown word that is two known
    words ("watchlist" → "watch list"), two words that are one known word ("hot line" →
    "hotline"); parts of at least ``MIN_COMPOUND_PART`` letters."""
    out = []
    least = MIN_COMPOUND_PART
    for word in words:
        if word in vocabulary or len(word) < 2 * least:
            continue
        for cut in range(least, len(word) - least + 1):
            head, tail = word[:cut], word[cut:]
            if head in vocabulary and tail in vocabulary:
                out.append(f"{head} {tail}")
                break
    out += [a + b for a, b in pairwise(words) if a + b in vocabulary]
    return out


def embed_outdated(
    texts: list[str], metas: list[dict[str, Any]], vectors: np.ndarray, embedder: Embeddings
) -> tuple[list[dict[str, Any]], np.ndarray]:
    """``metas`` and ``vectors`` with the units embedded under an older ``embed_text``
    embedded again (their embedded text rebuilt from the clauses around them)."""
    stale = outdated(metas)
    if not stale:
        return metas, vectors
    log.warning(
        "%d of %d indexed clauses were embedded by an earlier version; embedding them again "
        "(`clausewright index rebuild` stores the new vectors)",
        len(stale),
        len(metas),
    )
    ids = [m["clause_id"] for m in metas]
    units = units_from_stored(ids, texts, metas)
    fresh = np.asarray(embedder.embed_documents([units[n].embed_text for n in stale]), np.float32)
    vectors = vectors.copy()
    vectors[stale] = fresh
    return [u.metadata for u in units], vectors


def _write_cache(cache: Path, texts: list[str], metas: list[dict], vectors: np.ndarray) -> None:
    try:
        tmp = cache.with_name(cache.name + ".tmp")
        tmp.mkdir(parents=True, exist_ok=True)
        np.save(tmp / "vectors.npy", vectors)
        (tmp / "records.json").write_text(json.dumps({"texts": texts, "metas": metas}), "utf-8")
        tmp.replace(cache)
    except OSError as exc:
        log.warning("could not write the index cache %s: %s", cache, exc)
