"""Parse throughput on the seed corpus replicated to >= 10 MB.

Prints clauses/s and MB/s of the parser, and the ratio to a floor measured in the same
run: Python only reading the same file and splitting it into lines.

    python bench/parse.py [--mb 10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

from index.parsing.parser import Parser, default_corpus_dir


def build_corpus(target_mb: float) -> str:
    seeds = [p.read_text("utf-8") for p in sorted(default_corpus_dir().glob("*.txt"))]
    chunks, size, n = [], 0, 0
    while size < target_mb * 1e6:
        for seed in seeds:
            # distinct symbols per copy, so every copy is its own resolution
            text = re.sub(r"(Code: \S+|Resolution \S+)", rf"\1-r{n}", seed)
            chunks.append(text)
            size += len(text.encode("utf-8"))
        n += 1
    return "\n\n".join(chunks)


def best_of(repeat: int, fn) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    text = build_corpus(args.mb)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.txt"
        path.write_text(text, "utf-8")
        mb = path.stat().st_size / 1e6
        floor_s, lines = best_of(args.repeat, lambda: path.read_text("utf-8").split("\n"))
        parser = Parser()
        parse_s, resolutions = best_of(args.repeat, lambda: parser.parse_file(path))
    clauses = sum(len(r.clauses()) for r in resolutions)
    floor_lines_per_s = len(lines) / floor_s
    print(
        f"corpus: {mb:.1f} MB, {len(lines):,} lines, {len(resolutions):,} resolutions, "
        f"{clauses:,} clauses"
    )
    print(
        f"floor (read + split lines): {floor_s * 1000:.1f} ms = {mb / floor_s:,.0f} MB/s, "
        f"{floor_lines_per_s:,.0f} lines/s"
    )
    print(
        f"parser: {parse_s:.2f} s = {clauses / parse_s:,.0f} clauses/s, {mb / parse_s:.2f} MB/s, "
        f"{len(lines) / parse_s:,.0f} lines/s"
    )
    print(f"ratio parser/floor time: {parse_s / floor_s:,.0f}x slower than read+split")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
