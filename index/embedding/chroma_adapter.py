"""chromadb adapter for the offline MiniLM embedder, registered for persistence.

chromadb stores each collection's embedding function as ``{"name", "config"}`` and,
when a collection is reopened without one, rebuilds it through its registry of known
names. Importing this module registers :class:`ChromaMiniLM` under ``NAME``, so
import it before ``PersistentClient.get_collection`` on a collection made with it.

The embedder itself is loaded on first use, so reopening a collection (and chromadb's
own ``build_from_config(get_config())`` checks) costs nothing until text is embedded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from chromadb.api.types import Documents, EmbeddingFunction, Embeddings, Space
from chromadb.utils.embedding_functions import register_embedding_function

from index.embedding.minilm import MiniLMEmbedder
from index.errors import ConfigurationError

NAME = "clausewright-minilm"
_CONFIG_KEYS = {"cache_dir", "threads", "batch_size"}


@register_embedding_function
class ChromaMiniLM(EmbeddingFunction[Documents]):
    """A chromadb ``EmbeddingFunction`` over :class:`MiniLMEmbedder` (cosine space).

    Args:
        cache_dir: where the built ONNX graph is kept (stored in the collection config).
        threads: onnxruntime intra-op threads.
        batch_size: texts per forward pass.
        embedder: an already loaded embedder to share; its settings win.
    """

    def __init__(
        self,
        cache_dir: str | Path,
        threads: int = 2,
        batch_size: int = 32,
        embedder: MiniLMEmbedder | None = None,
    ) -> None:
        if embedder is not None:
            cache_dir, threads, batch_size = (
                embedder.cache_dir,
                embedder.threads,
                embedder.batch_size,
            )
        self.cache_dir = Path(cache_dir)
        self.threads = int(threads)
        self.batch_size = int(batch_size)
        self._embedder = embedder

    @property
    def embedder(self) -> MiniLMEmbedder:
        """The underlying embedder, loaded on first access."""
        if self._embedder is None:
            self._embedder = MiniLMEmbedder(
                self.cache_dir, threads=self.threads, batch_size=self.batch_size
            )
        return self._embedder

    def __call__(self, input: Documents) -> Embeddings:  # chromadb passes `input=`
        """Embed documents: one unit-length float32 vector each."""
        return list(self.embedder.embed(input))

    @staticmethod
    def name() -> str:
        """The name chromadb persists and looks up in its registry."""
        return NAME

    def get_config(self) -> dict[str, Any]:
        """What chromadb persists to rebuild this function later."""
        return {
            "cache_dir": str(self.cache_dir),
            "threads": self.threads,
            "batch_size": self.batch_size,
        }

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> ChromaMiniLM:
        """Rebuild from a persisted :meth:`get_config` (without loading the model yet)."""
        ChromaMiniLM.validate_config(config)
        return ChromaMiniLM(
            cache_dir=config["cache_dir"],
            threads=int(config.get("threads", 2)),
            batch_size=int(config.get("batch_size", 32)),
        )

    @staticmethod
    def validate_config(config: dict[str, Any]) -> None:
        """Reject configs without a cache directory or with unknown keys."""
        if not isinstance(config.get("cache_dir"), str):
            raise ConfigurationError(f"{NAME}: config needs a string 'cache_dir', got {config}")
        unknown = set(config) - _CONFIG_KEYS
        if unknown:
            raise ConfigurationError(f"{NAME}: unknown config keys {sorted(unknown)}")

    def validate_config_update(
        self, old_config: dict[str, Any], new_config: dict[str, Any]
    ) -> None:
        """Any of the settings may change: they do not change the vectors."""
        self.validate_config({**old_config, **new_config})

    def default_space(self) -> Space:
        """Vectors are unit length, so cosine is the natural distance."""
        return "cosine"

    def supported_spaces(self) -> list[Space]:
        """All three spaces rank unit vectors the same way."""
        return ["cosine", "ip", "l2"]
