"""Retrieval at scale: ingest, hybrid latency, dense recall, memory — one run.

On a synthetic corpus of >= 100,000 clauses built from the seeds (bench/synthetic.py):

- ingest throughput (parse + embed + write to a persistent Chroma store) against the
  embedder alone on a sample of the same texts;
- hybrid top-10 latency p50/p95 against Chroma-only (HNSW) and exact NumPy search over
  the same vectors, and Chroma's recall@10 against the exact top-10;
- peak memory.

    python bench/retrieval.py [--clauses 100000] [--queries 200] [--embeddings embedded]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_corpus

from assistant.settings import Settings
from assistant.workspace import Workspace
from index.parsing.parser import parse_paths
from index.search.hybrid import HybridSearch
from index.store.records import resolution_hash, units_of


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values) * 1000, q))


def timed(fn, items):
    out, times = [], []
    for item in items:
        start = time.perf_counter()
        out.append(fn(item))
        times.append(time.perf_counter() - start)
    return out, times


def measure_ingest(ws: Workspace, folder: Path, sample: int) -> None:
    texts = [
        u.embed_text
        for r in parse_paths([folder]).corpus.resolutions
        for u in units_of(r, resolution_hash(r))
    ]
    rng = random.Random(3)
    subset = rng.sample(texts, min(sample, len(texts)))
    emb = ws.embedder[0]
    emb.embed_documents(subset[:64])  # warm up (and build the ONNX graph once)
    start = time.perf_counter()
    emb.embed_documents(subset)
    emb_rate = len(subset) / (time.perf_counter() - start)
    start = time.perf_counter()
    result = ws.ingest([folder])
    seconds = time.perf_counter() - start
    rate = result.units_written / seconds
    print(
        f"ingest: {result.units_written:,} clauses in {seconds:.0f} s = {rate:,.0f} clauses/s "
        f"(parse + embed + Chroma write)"
    )
    print(f"embedder alone: {emb_rate:,.0f} texts/s on {len(subset):,} of the same texts")
    print(f"ratio ingest/embedder: {rate / emb_rate:.0%} (target >= 80%)")


def measure_queries(ws: Workspace, n_queries: int) -> None:
    start = time.perf_counter()
    index = HybridSearch.from_store(ws.store)
    print(
        f"index load (Chroma → vectors + BM25): {time.perf_counter() - start:.1f} s, "
        f"{len(index):,} clauses"
    )
    rng = random.Random(5)
    queries = [" ".join(rng.choice(index.texts).split()[2:9]) for _ in range(n_queries)]
    vectors, t_embed = timed(
        lambda q: np.asarray(index.embedder.embed_query(q), np.float32), queries
    )
    exact, t_exact = timed(lambda v: [i for i, _ in index.dense(v, 10)], vectors)
    _, t_hybrid = timed(
        lambda qv: index.hybrid(qv[0], 10, vector=qv[1]), list(zip(queries, vectors, strict=True))
    )
    col = ws.store.units
    chroma, t_chroma = timed(
        lambda v: col.query(query_embeddings=[v.tolist()], n_results=10, include=["metadatas"]),
        vectors,
    )
    position = {cid: n for n, cid in enumerate(index.clause_ids)}
    recalls = []
    for got, want in zip(chroma, exact, strict=True):
        ids = {position[m["clause_id"]] for m in got["metadatas"][0]}
        recalls.append(len(ids & set(want)) / 10)
    print(f"query embedding: p50 {pct(t_embed, 50):.1f} ms, p95 {pct(t_embed, 95):.1f} ms")
    for name, t in (
        ("hybrid (BM25 + exact dense, fused)", t_hybrid),
        ("exact NumPy dense", t_exact),
        ("Chroma-only (HNSW)", t_chroma),
    ):
        print(f"{name}: top-10 p50 {pct(t, 50):.1f} ms, p95 {pct(t, 95):.1f} ms")
    print(
        f"hybrid p50 / Chroma-only p50: {pct(t_hybrid, 50) / pct(t_chroma, 50):.2f}; "
        f"hybrid p50 / exact p50: {pct(t_hybrid, 50) / pct(t_exact, 50):.2f} "
        f"(target hybrid p50 <= 20 ms)"
    )
    print(
        f"Chroma HNSW recall@10 vs exact search: {np.mean(recalls):.1%} "
        f"(ef_search=200); the dense leg searches exactly: 100%"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--clauses", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--sample", type=int, default=10_000, help="texts for the embedder alone")
    ap.add_argument("--embeddings", default="embedded", choices=["embedded", "hash"])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        n = write_corpus(folder, args.clauses)
        print(f"synthetic corpus: {n:,} clauses in {len(list(folder.iterdir()))} files")
        ws = Workspace(Settings(data_dir=Path(tmp) / "data", embeddings=args.embeddings))
        measure_ingest(ws, folder, args.sample)
        measure_queries(ws, args.queries)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
