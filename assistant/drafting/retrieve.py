"""Step 2 — retrieve: precedent for the intent's topic, and which of it counts.

``Precedents.find`` runs the hybrid search for the topic (the request without its
instruction words, addressee or stance), keeps the hits whose dense similarity reaches
``min_similarity`` as *relevant*, and turns them into examples for a completion prompt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from assistant.drafting.proposals import Kind
from index.search.hybrid import RankedHit


class PrecedentSearch(Protocol):
    """What the drafting chain needs of the ranked search (``HybridSearch``)."""

    def hybrid(
        self, query: str, k: int = 10, filters: Any = None, *, vector: np.ndarray | None = None
    ) -> list[RankedHit]: ...

    def query_vector(self, text: str) -> np.ndarray: ...

    def cosine(self, clause_id: str, vector: np.ndarray) -> float: ...

    def rarity(self, word: str) -> float: ...

    def record(self, clause_id: str) -> tuple[str, dict[str, Any]] | None: ...


@dataclass(frozen=True)
class Example:
    """A precedent clause shown to the model, written as it stands in a resolution."""

    id: str
    text: str


@dataclass
class Found:
    """What retrieval returned for one request, and which of it counts as precedent."""

    hits: list[RankedHit]
    relevant: list[RankedHit]
    similarity: dict[str, float] = field(default_factory=dict)

    def phrases(self, kind: Kind) -> list[str]:
        return [
            h.metadata.get("phrase", "") for h in self.relevant if h.metadata.get("kind") == kind
        ]

    def texts(self) -> list[str]:
        return [h.text for h in self.relevant]


class Precedents:
    """Retrieval and relevance for the drafting chain."""

    def __init__(self, search: PrecedentSearch, min_similarity: float) -> None:
        self.search = search
        self.min_similarity = min_similarity

    def find(self, topic: str, k: int) -> Found:
        vector = self.search.query_vector(topic)
        hits = self.search.hybrid(topic, k, vector=vector)
        similarity = {h.clause_id: self.search.cosine(h.clause_id, vector) for h in hits}
        relevant = [h for h in hits if similarity[h.clause_id] >= self.min_similarity]
        return Found(hits, relevant, similarity)

    def examples(self, found: Found, kind: Kind, limit: int, mark: str) -> list[Example]:
        """Top-level clauses of the wanted kind among (or above) the relevant hits."""
        out: list[Example] = []
        seen: set[str] = set()
        for hit in found.relevant:
            root_id, text, meta = self.root(hit)
            if meta.get("kind") != kind or root_id in seen:
                continue
            seen.add(root_id)
            phrase = meta.get("phrase") or ""
            rest = text[len(phrase) :].strip() if phrase and text.startswith(phrase) else text
            rest = re.sub(r"[:;,.]$", ";" if kind == "operative" else ",", rest)
            head = f"{mark}{phrase}{mark} " if phrase else ""
            out.append(Example(root_id, f"{head}{rest}"))
            if len(out) >= limit:
                break
        return out

    def root(self, hit: RankedHit) -> tuple[str, str, dict[str, Any]]:
        """The top-level clause a hit belongs to: (id, text, metadata)."""
        clause_id, text, meta = hit.clause_id, hit.text, hit.metadata
        while meta.get("parent"):
            record = self.search.record(meta["parent"])
            if record is None:
                break
            clause_id = meta["parent"]
            text, meta = record
        return clause_id, text, meta
