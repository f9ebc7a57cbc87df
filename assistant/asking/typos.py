"""Misspelled question words: 'wich drafts mentoin AVRR' reads as 'which drafts mention AVRR'.

Only the question's own words are corrected (``vocabulary.KEYWORDS``), and only when the
corpus does not hold the typed word, so a term being asked about is never changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.asking.vocabulary import KEYWORDS
from index.wordforms import WORD


def corrected(message: str, knows: Callable[[str], bool]) -> str:
    """The message with each misspelled question word replaced by the keyword it misspells."""

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        low = word.lower()
        if low in KEYWORDS or len(low) < 4 or not word[1:].islower() or knows(low):
            return word
        best = [k for k in KEYWORDS if abs(len(k) - len(low)) <= 2 and _close(low, k)]
        return min(best, key=lambda k: (_distance(low, k), k)) if best else word

    return WORD.sub(fix, message)


def _close(word: str, key: str) -> bool:
    limit = 1 if len(key) < 8 else 2
    return _distance(word, key) <= limit


def _distance(a: str, b: str) -> int:
    """Edit distance with adjacent transpositions (optimal string alignment)."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]
