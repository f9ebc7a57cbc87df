"""A synthetic resolution corpus built from the seeds: recombined and varied.

Each synthetic resolution has a header, preambulatory clauses and operative clauses
with sub-clauses. Clause bodies splice the first part of one seed clause onto the
rest of another, phrases are drawn from the lexicon, and a few words are varied, so
the corpus has the seeds' vocabulary and shapes without being copies of them.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from index.parsing.lexicon import Lexicon
from index.parsing.parser import default_corpus_dir, parse_paths

VARIANTS = {
    "Member States": ["States", "Governments", "Member States", "all States"],
    "human trafficking": ["trafficking in persons", "human trafficking", "migrant smuggling"],
    "victims": ["survivors", "victims", "affected persons"],
    "programs": ["programmes", "programs", "initiatives"],
}


def _bodies() -> list[str]:
    corpus = parse_paths([default_corpus_dir()]).corpus
    out = []
    for clause in corpus.by_id().values():
        words = clause.text.rstrip(",;:.").split()
        if clause.phrase:
            words = words[len(clause.phrase.split()) :]
        if len(words) >= 6:
            out.append(words)
    return out


def _body(rng: random.Random, bodies: list[list[str]]) -> str:
    a, b = rng.choice(bodies), rng.choice(bodies)
    text = " ".join(a[: max(3, len(a) // 2)] + b[len(b) // 2 :])
    for key, options in VARIANTS.items():
        if key in text and rng.random() < 0.5:
            text = text.replace(key, rng.choice(options), 1)
    return re.sub(r"\s+", " ", text)


def resolution_text(
    n: int,
    rng: random.Random,
    bodies: list[list[str]],
    phrases: dict[str, list[str]],
    pre: int,
    ops: int,
) -> tuple[str, int]:
    """One resolution in NMUN style; returns its text and its clause count."""
    lines = [
        f"Code: SYN/{n // 1000}/{n % 1000}",
        "Committee: Synthetic Committee",
        f"Topic: Synthetic topic {n % 17}",
        "",
        "The Synthetic Committee,",
        "",
    ]
    count = 0
    for _ in range(pre):
        lines += [f"*{rng.choice(phrases['preambulatory'])}* {_body(rng, bodies)},", ""]
        count += 1
    for k in range(1, ops + 1):
        subs = rng.choice([0, 0, 0, 2, 3])
        end = ":" if subs else (";" if k < ops else ".")
        lines += [f"{k}. *{rng.choice(phrases['operative'])}* {_body(rng, bodies)}{end}", ""]
        count += 1
        for s in range(subs):
            last = s == subs - 1
            punct = "." if last and k == ops else ";"
            lines += [f"{'abc'[s]}. {_body(rng, bodies).capitalize()}{punct}", ""]
            count += 1
    return "\n".join(lines), count


def write_corpus(folder: Path, n_clauses: int, per_file: int = 40, seed: int = 11) -> int:
    """Write resolution files holding at least ``n_clauses`` clauses; return the count."""
    rng = random.Random(seed)
    bodies = _bodies()
    lexicon = Lexicon.default()
    phrases = {k: sorted(v) for k, v in lexicon.phrases.items()}
    folder.mkdir(parents=True, exist_ok=True)
    total, n, file_no = 0, 0, 0
    while total < n_clauses:
        texts = []
        for _ in range(per_file):
            text, count = resolution_text(
                n, rng, bodies, phrases, rng.randint(4, 10), rng.randint(8, 16)
            )
            texts.append(text)
            total += count
            n += 1
            if total >= n_clauses:
                break
        (folder / f"syn_{file_no:04d}.txt").write_text("\n\n".join(texts), "utf-8")
        file_no += 1
    return total
