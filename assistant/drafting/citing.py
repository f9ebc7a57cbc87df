"""Citations: markers in model output, and the support measure that grounds them.

Support measure (deterministic, used by the drafting chain and the evaluation harness):
the *content words* of a text are its lower-cased word tokens without stop-words, with
plurals folded, and without the words every clause of a resolution shares (its leading
phrase, "Member States", "United Nations", …). The support a set of evidence clauses
gives a statement is the share of the statement's content words found among the
evidence's content words. A statement is *supported* when that share is at least
``SUPPORT_THRESHOLD``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.clause_ids import normalize_id
from index.wordforms import content_words as _words

SUPPORT_THRESHOLD = 0.5
GENERIC = frozenset(
    "member state states united nation nations international resolution general assembly "
    "committee country countries organization also further encourage encourages urge urges "
    "call calls upon request requests recommend recommends invite invites support supports "
    "including include order ensure well".split()
)
_MARKER = re.compile(r"\s*\[([^\[\]\n]{2,80})\]")


def content_words(text: str) -> set[str]:
    """The words a statement's support is judged on (no generic resolution vocabulary)."""
    return {t for t in _words(text) if t not in GENERIC and not t.isdigit()}


def support_score(statement: str, evidence: Sequence[str]) -> float:
    """Share of the statement's content words that the evidence contains (0 … 1)."""
    words = content_words(statement)
    if not words:
        return 0.0
    have: set[str] = set()
    for text in evidence:
        have |= content_words(text)
    return len(words & have) / len(words)


def extract_markers(text: str, allowed: Sequence[str]) -> tuple[str, list[str], int]:
    """Take ``[ID]`` markers out of ``text``.

    Returns the text without markers, the cited IDs that resolve to ``allowed`` (in
    order, without repeats), and how many markers did not resolve (removed).
    """
    known = {normalize_id(a): a for a in allowed}
    cited: list[str] = []
    removed = 0
    for m in _MARKER.finditer(text):
        target = known.get(normalize_id(m.group(1)))
        if target is None:
            removed += 1
        elif target not in cited:
            cited.append(target)
    clean = _MARKER.sub("", text)
    clean = re.sub(r"\s+([;:,.])", r"\1", clean)
    return re.sub(r"\s{2,}", " ", clean).strip(), cited, removed


def choose_support(
    statement: str,
    candidates: Sequence[tuple[str, str]],
    limit: int = 3,
    preferred: Sequence[str] = (),
) -> list[tuple[str, float]]:
    """Greedy choice of the candidates (id, text) that support ``statement`` best.

    ``preferred`` IDs (the model's own markers) are kept first when they support the
    statement on their own at all; then a candidate is taken only when it adds support
    (ALCE: a citation that adds nothing is irrelevant), at most ``limit`` in all.
    Returns (id, support it alone gives).
    """
    texts = dict(candidates)
    chosen: list[tuple[str, float]] = []
    for cid in preferred:
        alone = support_score(statement, [texts[cid]]) if cid in texts else 0.0
        if alone >= 0.2 and len(chosen) < limit:
            chosen.append((cid, alone))
    evidence = [texts[cid] for cid, _ in chosen]
    current = support_score(statement, evidence) if evidence else 0.0
    pool = [(c, t) for c, t in candidates if c not in texts or c not in dict(chosen)]
    while pool and len(chosen) < limit:
        gains = [
            (support_score(statement, [*evidence, text]) - current, cid, text) for cid, text in pool
        ]
        gain, cid, text = max(gains, key=lambda g: g[0])
        if gain <= 0.05:
            break
        chosen.append((cid, support_score(statement, [text])))
        evidence.append(text)
        current += gain
        pool = [(c, t) for c, t in pool if c != cid]
    return _prune(statement, chosen, texts)


def _prune(
    statement: str, chosen: list[tuple[str, float]], texts: dict[str, str]
) -> list[tuple[str, float]]:
    """Drop citations ALCE would call irrelevant: not supporting on their own, and the
    statement stays supported by the others without them."""
    kept = list(chosen)
    for cid, alone in reversed(chosen):
        if alone >= SUPPORT_THRESHOLD or len(kept) == 1:
            continue
        others = [texts[c] for c, _ in kept if c != cid]
        if support_score(statement, others) >= SUPPORT_THRESHOLD:
            kept = [(c, a) for c, a in kept if c != cid]
    return kept
