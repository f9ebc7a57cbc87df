"""Throughput of the offline MiniLM embedder against a plain NumPy forward pass.

    .venv/bin/python bench/embed.py [--texts 2000] [--threads 2] [--batch-size 32]

Texts are clause-like: sentences of the shipped corpus (index/corpus/*.txt) joined
into 40-80 word passages. Prints texts/s of the ONNX embedder, of a NumPy forward
pass of the same weights (on a subset, same tokens and batching), their ratio, the
largest cosine gap between the two, and the peak RSS. When torch and
sentence-transformers are importable in this interpreter it also times those.
"""

from __future__ import annotations

import argparse
import ctypes
import importlib.util
import json
import math
import re
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.embedding.minilm import MiniLMEmbedder  # noqa: E402
from index.embedding.minilm_graph import read_safetensors  # noqa: E402

_LINE_NUMBER = re.compile(r"^\s*\d+\s+(?=\S)")
_SENTENCE_END = re.compile(r"(?<=[.;:,])\s+(?=[*A-Z0-9(])")


def corpus_sentences() -> list[str]:
    """Sentences of the shipped corpus, with line numbers and markdown stars removed."""
    sentences: list[str] = []
    for path in sorted((ROOT / "index" / "corpus").glob("*.txt")):
        lines = [_LINE_NUMBER.sub("", ln).strip() for ln in path.read_text("utf-8").splitlines()]
        text = " ".join(ln for ln in lines if ln and not ln.isdigit()).replace("*", "")
        sentences += [s.strip() for s in _SENTENCE_END.split(text) if len(s.split()) >= 3]
    return sentences


def clause_texts(count: int, seed: int = 7) -> list[str]:
    """``count`` passages of 40-80 words, each a run of consecutive corpus sentences."""
    sentences = corpus_sentences()
    rng = np.random.default_rng(seed)
    texts = []
    for i in range(count):
        target, words, j = int(rng.integers(40, 81)), [], i % len(sentences)
        while len(words) < target:
            words += sentences[j % len(sentences)].split()
            j += 1
        texts.append(" ".join(words[:target]))
    return texts


def _erf(x: np.ndarray) -> np.ndarray:
    """Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7); NumPy has no erf."""
    sign, a = np.sign(x), np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    return sign * (1.0 - poly * np.exp(-a * a))


def numpy_forward(w: dict, cfg: dict, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """BERT encoder + mean pooling + L2 normalisation in plain NumPy (float32)."""
    eps, heads, (b, s) = cfg["layer_norm_eps"], cfg["num_attention_heads"], ids.shape

    def ln(x: np.ndarray, p: str) -> np.ndarray:
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + eps) * w[p + ".weight"] + w[p + ".bias"]

    def dense(x: np.ndarray, p: str) -> np.ndarray:
        return x @ w[p + ".wT"] + w[p + ".bias"]

    x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:s]
    x = ln(x + w["embeddings.token_type_embeddings.weight"][0], "embeddings.LayerNorm")
    bias = ((1.0 - mask) * -1e9)[:, None, None, :].astype(np.float32)
    size = x.shape[-1] // heads
    for i in range(cfg["num_hidden_layers"]):
        p = f"encoder.layer.{i}."
        q, k, v = (
            dense(x, f"{p}attention.self.{n}").reshape(b, s, heads, size).transpose(0, 2, 1, 3)
            for n in ("query", "key", "value")
        )
        att = q @ k.transpose(0, 1, 3, 2) / np.float32(math.sqrt(size)) + bias
        att = np.exp(att - att.max(-1, keepdims=True))
        att /= att.sum(-1, keepdims=True)
        ctx = (att @ v).transpose(0, 2, 1, 3).reshape(b, s, -1)
        x = ln(dense(ctx, f"{p}attention.output.dense") + x, f"{p}attention.output.LayerNorm")
        h = dense(x, f"{p}intermediate.dense")
        h = 0.5 * h * (1.0 + _erf(h / np.float32(math.sqrt(2.0))))
        x = ln(dense(h, f"{p}output.dense") + x, f"{p}output.LayerNorm")
    m = mask[..., None].astype(np.float32)
    pooled = (x * m).sum(1) / np.maximum(m.sum(1), 1e-9)
    return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


def numpy_embed(embedder: MiniLMEmbedder, texts: list[str], batch_size: int) -> np.ndarray:
    """Same tokens, length-sorted batches and per-batch padding as the ONNX embedder."""
    w = read_safetensors(embedder.model_dir / "model.safetensors")
    for name in [n for n in w if n.endswith(".weight") and w[n].ndim == 2 and "dense" in n]:
        w[name[: -len(".weight")] + ".wT"] = np.ascontiguousarray(w[name].T)
    for name in [n for n in w if "self." in n and n.endswith(".weight")]:
        w[name[: -len(".weight")] + ".wT"] = np.ascontiguousarray(w[name].T)
    cfg = json.loads((embedder.model_dir / "config.json").read_text("utf-8"))
    ids = embedder.tokenize(texts)
    order = np.argsort([len(i) for i in ids], kind="stable")
    out = np.empty((len(texts), cfg["hidden_size"]), np.float32)
    for start in range(0, len(order), batch_size):
        batch = order[start : start + batch_size]
        width = max(len(ids[i]) for i in batch)
        tok = np.zeros((len(batch), width), np.int64)
        for row, i in enumerate(batch):
            tok[row, : len(ids[i])] = ids[i]
        out[batch] = numpy_forward(w, cfg, tok, (tok != 0).astype(np.float32))
    return out


class Timing:
    """Wall-clock and CPU rates of one run."""

    def __init__(self, count: int, wall: float, cpu: float) -> None:
        self.rate, self.per_cpu, self.busy = count / wall, count / cpu, cpu / wall


def timed(
    label: str, run: Callable[[list[str]], np.ndarray], texts: list[str], repeat: int = 1
) -> tuple[Timing, np.ndarray]:
    """Best of ``repeat`` runs; print texts/s (wall) and texts per CPU-second (all threads)."""
    best: Timing | None = None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        vectors = np.asarray(run(texts), np.float32)
        timing = Timing(len(texts), time.perf_counter() - wall, time.process_time() - cpu)
        best = timing if best is None or timing.rate > best.rate else best
    assert best is not None
    print(
        f"{label:<32} {best.rate:7.1f} texts/s wall, {best.per_cpu:6.1f} per CPU-second, "
        f"{best.busy:.2f} cores busy ({len(texts)} texts, best of {repeat})"
    )
    return best, vectors


def compare(name: str, ours: Timing, theirs: Timing, gap: float) -> None:
    print(
        f"onnxruntime vs {name}: {ours.rate / theirs.rate:.2f}x wall, "
        f"{ours.per_cpu / theirs.per_cpu:.2f}x per CPU-second; max cosine gap {gap:.2e}"
    )


def keep_freed_memory() -> None:
    """Ask glibc to reuse freed heap instead of unmapping it: NumPy's large temporaries
    otherwise page-fault afresh on every op, which made the baseline 2-3x slower and
    its timing erratic. Applies to both sides of the comparison."""
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return
    libc.mallopt(-3, 1 << 30)  # M_MMAP_THRESHOLD
    libc.mallopt(-1, 1 << 30)  # M_TRIM_THRESHOLD


def main() -> None:
    keep_freed_memory()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--baseline-texts", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--cache-dir", type=Path, default=ROOT / "bench" / "out" / "models")
    args = parser.parse_args()

    texts = clause_texts(args.texts)
    start = time.perf_counter()
    embedder = MiniLMEmbedder(args.cache_dir, threads=args.threads, batch_size=args.batch_size)
    print(f"load (graph cached in {embedder.onnx_path.name}): {time.perf_counter() - start:.2f} s")
    tokens = [len(ids) for ids in embedder.tokenize(texts)]
    words = [len(t.split()) for t in texts]
    print(
        f"{len(texts)} texts: {np.mean(words):.0f} words, {np.mean(tokens):.0f} tokens on average"
    )
    embedder.embed(texts[:64])  # warm-up
    _, onnx_vecs = timed("onnxruntime (MiniLMEmbedder)", embedder.embed, texts, args.repeat)

    # Baseline on a subset, timed back to back with the embedder on the same subset.
    subset = texts[: args.baseline_texts]
    ours, _ = timed("onnxruntime, baseline subset", embedder.embed, subset)
    theirs, np_vecs = timed(
        "numpy forward pass (baseline)", lambda t: numpy_embed(embedder, t, args.batch_size), subset
    )
    compare("numpy", ours, theirs, 1.0 - float((np_vecs * onnx_vecs[: len(subset)]).sum(1).min()))

    if importlib.util.find_spec("torch") and importlib.util.find_spec("sentence_transformers"):
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(str(embedder.model_dir), device="cpu")
        encode = lambda t: model.encode(t, batch_size=args.batch_size)  # noqa: E731
        encode(texts[:64])
        ours, _ = timed("onnxruntime (again)", embedder.embed, texts)
        theirs, st_vecs = timed("sentence-transformers (torch)", encode, texts)
        compare(
            "sentence-transformers", ours, theirs, 1.0 - float((st_vecs * onnx_vecs).sum(1).min())
        )
    else:
        print("sentence-transformers: skipped (torch not importable here)")
    print("(wall rates depend on other load on the machine; per-CPU-second rates much less)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
