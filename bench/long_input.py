"""Parse time of one very long paragraph: 1, 2, 5, 10 and 20 MB in a single clause.

Each file holds a short header and one operative clause wrapped over lines of about 60
characters, with PDF-style word breaks (``sustain-`` / ``able``), prefixes kept
hyphenated (``anti-`` / ``trafficking``) and italic spans. Every line is different (a
short line repeated on many pages would be taken for a running header). Prints, per
size, the parse time and seconds per MB, next to a floor measured in the same run
(Python reading the same file and splitting it into lines), and the ratio of the time
per MB at the largest size to that at the smallest: flat (target <= 1.5) when parsing
is linear in paragraph length.

``--shapes`` also times other shapes that were once quadratic (one long line cut at
every comma, stray ``*`` markers, a long run of letters, repeated operative numbers,
sub-clauses nested by the thousand) at two sizes and prints the same ratio.

    python bench/long_input.py [--mb 1 2 5 10 20] [--repeat 3] [--shapes]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from index.parsing.parser import Parser

HEAD = (
    "Code: GA/1/1\nCommittee: General Assembly\nTopic: Long input\n\n"
    "The General Assembly,\n\nRecalling its earlier resolutions,\n\n"
)
LINES = [
    "consider in area {i} the sustain-",
    "able development of region {i} and anti-",
    "trafficking measures {i}, in cooperation with",
    "regional partners and *civil society* {i} as well as",
]


def _fill(unit: Callable[[int], str], mb: float) -> str:
    """Units ``unit(0)``, ``unit(1)`` … until they make ``mb`` megabytes (UTF-8)."""
    parts, size, i = [], 0, 0
    while size < mb * 1e6:
        parts.append(unit(i))
        size += len(parts[-1].encode("utf-8"))
        i += 1
    return "".join(parts)


def one_paragraph(mb: float) -> str:
    body = _fill(lambda i: LINES[i % len(LINES)].format(i=i) + "\n", mb)
    return f"{HEAD}1. Calls upon all Member States to\n{body}report;\n"


SHAPES: dict[str, Callable[[float], str]] = {
    "one long line": lambda mb: (
        f"{HEAD}1. Calls upon all States to "
        + _fill(lambda i: f"consider {i}, in cooperation with partners, ", mb)
        + "act;\n"
    ),
    "stray * markers": lambda mb: f"{HEAD}1. Urges States to\n" + _fill(lambda i: "*a ", mb),
    "run of letters": lambda mb: f"{HEAD}1. Urges States to\n" + "a" * int(mb * 1e6) + ";\n",
    "repeated op 1": lambda mb: HEAD + _fill(lambda i: f"1. Urges States to act {i};\n", mb),
    "nested (a)": lambda mb: f"{HEAD}1. Decides:\n" + _fill(lambda i: f"(a) Level {i};\n", mb),
}


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def measure(path: Path, text: str, repeat: int, parser: Parser) -> tuple[float, float, float]:
    """(MB, floor seconds, parse seconds) of one text written to ``path``."""
    path.write_text(text, "utf-8")
    mb = path.stat().st_size / 1e6
    floor_s = best_of(repeat, lambda: path.read_text("utf-8").split("\n"))
    parse_s = best_of(repeat, lambda: parser.parse_file(path))
    return mb, floor_s, parse_s


def run(name: str, make: Callable[[float], str], sizes: list[float], repeat: int) -> float:
    """Print one row per size; return the per-MB ratio of the largest size to the smallest."""
    parser = Parser()
    per_mb = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            mb, floor_s, parse_s = measure(Path(tmp) / "long.txt", make(size), repeat, parser)
            per_mb.append(parse_s / mb)
            print(
                f"{name:>16}  {mb:6.1f} MB  parse {parse_s:7.2f} s = {parse_s / mb:5.2f} s/MB"
                f"  floor {floor_s * 1000:6.1f} ms  parse/floor {parse_s / floor_s:6,.0f}x",
                flush=True,
            )
    ratio = per_mb[-1] / per_mb[0]
    print(f"{name:>16}  s/MB at {sizes[-1]:g} MB / at {sizes[0]:g} MB: {ratio:.2f}", flush=True)
    return ratio


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, nargs="+", default=[1, 2, 5, 10, 20])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--shapes", action="store_true", help="also time the other shapes")
    args = ap.parse_args()
    sizes = sorted(args.mb)
    ratio = run("one paragraph", one_paragraph, sizes, args.repeat)
    print(f"target: ratio <= 1.5 ({'met' if ratio <= 1.5 else 'NOT met'})")
    if args.shapes:
        for name, make in SHAPES.items():
            run(name, make, [0.5, 2], args.repeat)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
