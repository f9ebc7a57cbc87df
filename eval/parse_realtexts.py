"""Parsing the real-text corpus and comparing clause counts with the hand counts.

``python -m eval.parse_realtexts [FOLDER ...]`` parses every text listed in the
``manifest.json`` of each folder (by default ``eval/realtexts/un``,
``eval/realtexts/mun`` and ``eval/realtexts/parsing``) and prints the exact-match rate
(preambular *and* top-level operative counts both as counted by hand) per split
(tune / holdout) and per source family (the file-name prefix: ``ga``, ``sc``, ``wha``,
``tnymca`` …), then every file whose counts differ, with what the parser got against
what was wanted. Annex paragraph counts are shown beside them but are not part of the exact match.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from index.errors import ClausewrightError
from index.parsing.parser import Parser

DEFAULT_FOLDERS = ("eval/realtexts/un", "eval/realtexts/mun", "eval/realtexts/parsing")


@dataclass(frozen=True)
class Counts:
    pre: int
    op: int
    annex: int

    def __str__(self) -> str:
        return f"pre {self.pre} op {self.op} annex {self.annex}"


@dataclass(frozen=True)
class Outcome:
    """One text: what the parser counted (None when it refused the file) and what was wanted."""

    file: str
    split: str
    family: str
    want: Counts
    got: Counts | None
    error: str | None = None

    @property
    def exact(self) -> bool:
        return self.got is not None and (self.got.pre, self.got.op) == (
            self.want.pre,
            self.want.op,
        )


def family_of(name: str) -> str:
    """The source family of a corpus file: its name up to the first digit or dash."""
    m = re.match(r"[a-z]+", name.lower())
    return m.group(0) if m else name


def parse_counts(parser: Parser, path: Path) -> Counts:
    resolutions = parser.parse_file(path)
    return Counts(
        pre=sum(len(r.preambulatory) for r in resolutions),
        op=sum(len(r.operative) for r in resolutions),
        annex=sum(len(a.clauses) for r in resolutions for a in r.annexes),
    )


def measure(folders: list[Path], parser: Parser | None = None) -> list[Outcome]:
    """Parse every text listed in the folders' manifests."""
    parser = parser or Parser()
    out: list[Outcome] = []
    for folder in folders:
        entries = json.loads((folder / "manifest.json").read_text("utf-8"))
        for entry in entries:
            want = Counts(
                entry["counts"]["preambulatory"],
                entry["counts"]["operative"],
                entry["counts"].get("annex", 0),
            )
            name = entry["file"]
            common = {"file": name, "split": entry["split"], "family": family_of(name)}
            try:
                got = parse_counts(parser, folder / name)
            except ClausewrightError as exc:
                out.append(Outcome(**common, want=want, got=None, error=str(exc)))
                continue
            out.append(Outcome(**common, want=want, got=got))
    return out


def _rate(items: list[Outcome]) -> str:
    hits = sum(o.exact for o in items)
    return f"{hits}/{len(items)} ({100 * hits / len(items):.0f} %)" if items else "0/0"


def report(outcomes: list[Outcome]) -> str:
    lines = [f"all: {_rate(outcomes)} exact"]
    by_split: dict[str, list[Outcome]] = defaultdict(list)
    by_family: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_split[o.split].append(o)
        by_family[o.family].append(o)
    lines.append("per split:")
    lines += [f"  {split:10} {_rate(items)}" for split, items in sorted(by_split.items())]
    lines.append("per source family:")
    lines += [f"  {family:10} {_rate(items)}" for family, items in sorted(by_family.items())]
    failing = [o for o in outcomes if not o.exact]
    if failing:
        lines.append("not exact (got vs want):")
    for o in failing:
        got = o.got if o.got is not None else f"error: {o.error}"
        lines.append(f"  [{o.split}] {o.file}: {got} vs {o.want}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.parse_realtexts", description=__doc__)
    ap.add_argument("folders", nargs="*", default=list(DEFAULT_FOLDERS))
    args = ap.parse_args(argv)
    outcomes = measure([Path(f) for f in args.folders])
    sys.stdout.write(report(outcomes) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
