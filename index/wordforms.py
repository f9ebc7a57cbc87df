"""Word forms: how two words are compared, and text split into compared words.

The one home of word normalisation and the one stop-word list: lexicon matching,
mention search, BM25 tokens, citation support and phrase choice all compare words here.
``fold`` folds case, accents, possessives, plurals ("NGOs" ~ "NGO", "shelters" ~
"shelter") and British/American spelling ("programme" ~ "program", "organisation" ~
"organization", "labour" ~ "labor") to one key. ``Tokenizer`` splits text into folded
words with their character spans.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from itertools import accumulate

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SPLIT = re.compile(f"({WORD.pattern})")
HYPHENS = frozenset("-‐‑–")


def _table(text: str) -> dict[str, str]:
    return dict(pair.partition(":")[::2] for pair in text.split())


# Function words: skipped by BM25 and support scoring, and free to give or skip their
# letter in an acronym ("Office *on* Drugs and Crime" → UNODC).
STOP_WORDS = frozenset(
    "a against all an and any are as at be been by de del des du et for from has have in "
    "into is it its la le of on or such that the their them these this those to was were "
    "which will with within y".split()
)
_IRREGULAR = _table(
    "women:woman men:man children:child criteria:criterion phenomena:phenomenon indices:index"
)
_NOT_PLURAL = frozenset(
    _table(
        "aids always besides bias chaos ethos gas lens means news nevertheless perhaps "
        "physics politics economics series species thus towards unless whereas"
    )
)
_SPELLING = _table(
    "defence:defense offence:offense licence:license pretence:pretense "
    "judgement:judgment acknowledgement:acknowledgment ageing:aging enrolment:enrollment "
    "fulfil:fulfill fulfilment:fulfillment counselling:counseling travelling:traveling "
    "travelled:traveled modelling:modeling labelling:labeling cancelled:canceled grey:gray"
)
_IZE = re.compile(r"(?<=[a-z]{3})is(e|ed|es|ing|er|ers|ation)$")
_YZE = re.compile(r"ys(e|ed|ing)$")


def fold(word: str) -> str:
    """The comparison key of one word: lower case, singular, American spelling."""
    w = unicodedata.normalize("NFKD", word.lower())
    w = "".join(c for c in w if not unicodedata.combining(c)).replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.replace("'", "")
    w = _IRREGULAR.get(w) or _singular(w)
    return _american(w)


def _singular(w: str) -> str:
    if len(w) < 4 or w in _NOT_PLURAL or not w.endswith("s"):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "ches", "shes", "xes")):
        return w[:-2]
    if w.endswith(("ss", "us", "is")):
        return w
    return w[:-1]


def _american(w: str) -> str:
    if w in _SPELLING:
        return _SPELLING[w]
    if len(w) >= 5 and w.endswith("ie"):
        return w[:-2] + "y"
    if len(w) > 5 and w.endswith("mme"):
        return w[:-2]
    if len(w) >= 6 and w.endswith("our"):
        return w[:-2] + "r"
    if len(w) >= 5 and w.endswith(("tre", "bre")):
        return w[:-2] + "er"
    w = _IZE.sub(r"iz\1", w)
    return _YZE.sub(r"yz\1", w)


def words(text: str) -> list[str]:
    """The folded words of ``text`` (hyphens and slashes split words)."""
    return [fold(w) for w in WORD.findall(text)]


def content_words(text: str) -> list[str]:
    """The folded words of ``text`` without stop-words: what BM25 and support compare."""
    return [w for w in words(text) if w not in STOP_WORDS]


_VERB_ENDINGS = ("ing", "ed", "e")


def stem(word: str) -> str:
    """A verb's stem, shared by its forms: 'urges', 'urging', 'urge' → 'urg'."""
    w = fold(word)
    for ending in _VERB_ENDINGS:
        if len(w) > len(ending) + 2 and w.endswith(ending):
            return w[: -len(ending)]
    return w


class Tokenizer:
    """Splits text into folded words with (start, end) spans; remembers folds it made."""

    def __init__(self) -> None:
        self._memo: dict[str, str] = {}

    def fold(self, word: str) -> str:
        key = self._memo.get(word)
        if key is None:
            key = self._memo[word] = sys.intern(fold(word))
        return key

    def split(self, text: str) -> tuple[list[str], list[int], list[int]]:
        """Folded words, their start offsets and their end offsets (a possessive 's is not
        in the span). Kept to C-level loops: it runs over every clause of a corpus."""
        parts = _SPLIT.split(text)
        raws = parts[1::2]
        bounds = list(accumulate(map(len, parts)))
        starts, ends = bounds[0::2][: len(raws)], bounds[1::2]
        memo = self._memo
        found = list(map(memo.get, raws))
        keys: list[str] = (
            [k if k is not None else self.fold(r) for k, r in zip(found, raws, strict=True)]
            if None in found
            else found  # type: ignore[assignment]  # no None left
        )
        if "'" in text or "’" in text:
            for n, raw in enumerate(raws):
                if raw[-2:] in ("'s", "’s", "'S", "’S"):
                    ends[n] -= 2
        return keys, starts, ends

    def tokens(self, text: str) -> list[tuple[str, int, int]]:
        """(folded word, start, end) for every word; a possessive 's is not in the span."""
        return list(zip(*self.split(text), strict=True))

    def surfaces(self) -> dict[str, list[str]]:
        """Every word seen so far under its folded key ("program": programme, programs)."""
        out: dict[str, set[str]] = {}
        for raw, key in self._memo.items():
            if "'" not in raw and "’" not in raw:
                out.setdefault(key, set()).add(raw if raw.isupper() else raw.lower())
        return {key: sorted(forms) for key, forms in out.items()}

    def key(self, text: str) -> tuple[str, ...]:
        """The folded words of a phrase, as a lookup key."""
        return tuple(t for t, _, _ in self.tokens(text))
