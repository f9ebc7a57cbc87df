"""Mention search time on a synthetic 100,000-clause corpus, against ``grep -c``.

The corpus recombines seed clause texts: each synthetic clause is the first half of one
seed clause and the second half of another (cut at a word), so about as many clauses
mention AVRR as in the seed. The same texts are written one per line to a temporary file,
and ``grep -c`` counts the matching lines there (process start included; it is what a
person would run), twice: the plain literal query (``grep -c -F AVRR``) and a regex with
the variants the search also covers. Prints the index build time, each query's time and
its ratio to both greps; the target is a search no slower than 3x grep.

    python bench/mentions.py [--clauses 100000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from index.clause_tree import Clause, Corpus, Resolution
from index.parsing.parser import default_corpus_dir, parse_paths
from index.search.acronyms import AcronymTable
from index.search.mentions import MentionSearch

QUERIES = [
    ("AVRR", ["-E", "AVRR|Assisted Voluntary Return and Reintegration"]),
    ("Assisted Voluntary Return and Reintegration", ["-E", "AVRR|Assisted Voluntary Return"]),
    ("shelter", ["-i", "shelter"]),
    ("anti-trafficking", ["-i", "-E", "anti[- ]?trafficking"]),
    ("XYZ", ["-i", "XYZ"]),
]


def synthetic_corpus(n_clauses: int, per_resolution: int = 50, seed: int = 7) -> Corpus:
    seeds = [
        c.text for r in parse_paths([default_corpus_dir()]).corpus.resolutions for c in r.clauses()
    ]
    rng = random.Random(seed)
    resolutions = []
    for r in range(0, n_clauses, per_resolution):
        clauses = []
        for k in range(min(per_resolution, n_clauses - r)):
            a, b = rng.choice(seeds).split(" "), rng.choice(seeds).split(" ")
            text = " ".join(a[: len(a) // 2] + b[len(b) // 2 :])
            clauses.append(
                Clause(
                    f"SYN/{r // per_resolution} op {k + 1}",
                    "operative",
                    text,
                    (k + 1, k + 1),
                    number=k + 1,
                )
            )
        resolutions.append(
            Resolution(f"SYN/{r // per_resolution}", "synthetic", (1, 1), operative=clauses)
        )
    return Corpus(resolutions)


def best_of(repeat: int, fn) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def grep_count(grep: str, args: list[str], path: Path) -> int:
    done = subprocess.run([grep, "-c", *args, str(path)], capture_output=True, text=True)
    return int(done.stdout.strip() or 0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--clauses", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    grep = shutil.which("grep")
    if grep is None:
        print("grep not found on PATH", file=sys.stderr)
        return 1
    corpus = synthetic_corpus(args.clauses)
    texts = [c.text for r in corpus.resolutions for c in r.clauses()]
    start = time.perf_counter()
    table = AcronymTable()
    table.learn(corpus)
    index = MentionSearch(corpus, table)
    build_s = time.perf_counter() - start
    mb = sum(len(t.encode("utf-8")) + 1 for t in texts) / 1e6
    print(
        f"corpus: {len(texts):,} clauses, {mb:.1f} MB; acronyms learned: {len(table)}; "
        f"index built in {build_s:.2f} s"
    )
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "clauses.txt"
        path.write_text("\n".join(texts) + "\n", "utf-8")
        for query, grep_args in QUERIES:
            grep_s, lines = best_of(args.repeat, lambda a=grep_args: grep_count(grep, a, path))
            plain_s, _ = best_of(args.repeat, lambda q=query: grep_count(grep, ["-F", q], path))
            search_s, result = best_of(args.repeat, lambda q=query: index.search(q))
            full_s, _ = best_of(args.repeat, lambda q=query: index.search(q).to_dict())
            ratio, plain = search_s / grep_s, search_s / plain_s
            worst = max(worst, plain)
            print(
                f"{query!r}: search {search_s * 1000:.2f} ms ({result.total:,} clauses), "
                f"with snippets+JSON {full_s * 1000:.2f} ms"
            )
            print(
                f"    grep -c -F {query!r}: {plain_s * 1000:.2f} ms -> ratio {plain:.2f}x; "
                f"grep -c {' '.join(grep_args)!r}: {grep_s * 1000:.2f} ms ({lines:,} lines) "
                f"-> ratio {ratio:.2f}x"
            )
    print(f"worst ratio search / plain grep -c: {worst:.2f}x (target <= 3x)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
