"""A deterministic, weight-free embedder: hashed word and word-pair features.

It is the ``hash`` embeddings mode: instant, dependency-free and stable across runs,
for fast tests and for machines where even the shipped MiniLM weights are unwanted.
It knows nothing of meaning beyond shared words, so the default stays MiniLM.
"""

from __future__ import annotations

import hashlib
import re
from itertools import pairwise

import numpy as np
from langchain_core.embeddings import Embeddings

_TOKEN = re.compile(r"[a-z0-9]+")


class HashEmbedder(Embeddings):
    """Feature-hashing embedder (unigrams and bigrams, signed, L2-normalised)."""

    def __init__(self, dim: int = 384) -> None:
        self.dim = dim

    @property
    def model_id(self) -> str:
        return f"hash-{self.dim}"

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dim, dtype=np.float32)
        tokens = _TOKEN.findall(text.lower())
        feats = tokens + [f"{a} {b}" for a, b in pairwise(tokens)]
        for feat in feats:
            digest = hashlib.blake2b(feat.encode(), digest_size=8).digest()
            h = int.from_bytes(digest, "little")
            vec[h % self.dim] += 1.0 if (h >> 63) & 1 else -1.0
        norm = float(np.linalg.norm(vec))
        return vec / norm if norm else vec

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t).tolist() for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text).tolist()
