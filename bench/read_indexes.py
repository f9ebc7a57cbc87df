"""In-process reads of a large store: the saved indexes against the in-memory engines.

Over the store ``bench/cli_reads.py`` built under ``CACHE`` (``CACHE/data``, hash
embeddings), opens the saved ranked and mention indexes (``ranked_store``,
``mention_store``) and builds the engines every CLI call built before
(``HybridSearch.from_store``; ``MentionSearch`` over the parsed corpus). Prints the open
and build times, the p50 of each query kind in process, the dense leg's recall@10 of
the saved index against exact search in memory, and whether every ranked list and
every mention answer is identical.

    python -m bench.read_indexes /tmp/bench-100k [--queries 50]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

QUERIES = ["AVRR", "shelter", "anti-trafficking", "Member States", "victims of trafficking"]


def timed(fn, *args):
    started = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - started


def p50_ms(fn, queries) -> float:
    times = []
    for q in queries:
        times.append(timed(fn, q)[1])
    return 1000 * statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("cache", type=Path)
    ap.add_argument("--queries", type=int, default=50)
    args = ap.parse_args()

    from index.embedding.hashed import HashEmbedder
    from index.parsing.parser import Parser
    from index.search.acronyms import AcronymTable
    from index.search.hybrid import HybridSearch
    from index.search.mention_store import mention_search
    from index.search.mentions import MentionSearch
    from index.search.ranked_store import ranked_search
    from index.store.clause_store import ClauseStore
    from index.store.source_reading import parse_sources

    emb = HashEmbedder()
    store = ClauseStore.open_local(args.cache / "data" / "chroma", emb, emb.model_id)
    cache = args.cache / "data" / "cache"
    new, t_open = timed(ranked_search, store, cache)
    mentions, t_mopen = timed(mention_search, store, cache)
    old, t_build = timed(HybridSearch.from_store, store)
    print(
        f"{len(new)} units; saved ranked index opened in {t_open:.3f} s, mention index in "
        f"{t_mopen:.3f} s; in-memory HybridSearch built in {t_build:.1f} s"
    )

    rng = random.Random(3)
    words = [w for t in rng.sample(old.texts, args.queries) for w in t.split()[2:5]]
    queries = [" ".join(words[n : n + 3]) for n in range(0, 3 * args.queries, 3)]
    for name, fn_new, fn_old in [
        ("hybrid top-10", lambda q: new.hybrid(q, 10), lambda q: old.hybrid(q, 10)),
        ("lexical top-10", lambda q: new.lexical(q, 10), lambda q: old.lexical(q, 10)),
        ("dense top-10", lambda q: new.dense(q, 10), lambda q: old.dense(q, 10)),
    ]:
        print(
            f"{name:<15} p50 saved {p50_ms(fn_new, queries):7.1f} ms   "
            f"in memory {p50_ms(fn_old, queries):7.1f} ms"
        )
    recall = statistics.mean(
        len({i for i, _ in new.dense(q, 10)} & {i for i, _ in old.dense(q, 10)}) / 10
        for q in queries
    )
    same = all(
        [h.to_dict() for h in new.hybrid(q, 10)] == [h.to_dict() for h in old.hybrid(q, 10)]
        for q in queries
    )
    print(
        f"dense recall@10 of the saved index vs exact in memory: {recall:.3f}; "
        f"hybrid lists identical: {same}"
    )

    manifest = store.manifest()
    encodings = {e.source: e.encoding for e in manifest.values()}
    report, t_parse = timed(parse_sources, sorted(encodings), Parser(), None, encodings)
    table = AcronymTable.builtin()
    table.learn(report.corpus)
    parsed, t_mbuild = timed(MentionSearch, report.corpus, table)
    print(f"parsing the corpus {t_parse:.1f} s, in-memory mention index {t_mbuild:.1f} s")
    print(
        f"mentions p50 saved {p50_ms(mentions.search, QUERIES):7.1f} ms   "
        f"in memory {p50_ms(parsed.search, QUERIES):7.1f} ms"
    )
    identical = all(mentions.search(q).to_dict() == parsed.search(q).to_dict() for q in QUERIES)
    print(f"mention answers identical: {identical}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
