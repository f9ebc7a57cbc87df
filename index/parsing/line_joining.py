"""Joining wrapped lines into clause text, repairing PDF word breaks and emphasis.

- ``sustain-`` + ``able`` → ``sustainable``; ``anti-`` + ``trafficking`` stays hyphenated
  (a known prefix, or the hyphenated form is used elsewhere in the file).
- ``traf ficking`` → ``trafficking`` when the joined word is used in the file and one
  half is not a word there.
- ``*italic*`` markers come off the text; their spans are kept.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

_WORD = re.compile(r"[A-Za-z]+")
_PREFIXES = {
    "anti",
    "non",
    "co",
    "self",
    "cross",
    "multi",
    "well",
    "counter",
    "cyber",
    "pre",
    "post",
    "re",
    "inter",
    "intra",
    "sub",
    "socio",
    "ex",
    "mid",
    "long",
    "short",
    "high",
    "low",
    "state",
    "gender",
    "child",
    "human",
    "peace",
    "follow",
    "e",
    "so",
    "decision",
    "policy",
    "capacity",
    "community",
    "cost",
    "evidence",
    "first",
    "front",
    "large",
    "small",
    "two",
    "three",
    "public",
    "private",
    "up",
    "top",
    "age",
    "sex",
    "people",
    "victim",
}
_MARKER = re.compile(r"(?<![\w*_])([*_]{1,2})(?=\S)(.+?)(?<=\S)\1(?![\w*])")


@dataclass
class Vocabulary:
    """Word counts of one file, lower-cased, used to repair broken words."""

    words: Counter[str] = field(default_factory=Counter)
    hyphenated: set[str] = field(default_factory=set)

    @classmethod
    def from_lines(cls, lines: list[str]) -> Vocabulary:
        vocab = cls()
        for text in lines:
            vocab.words.update(w.lower() for w in _WORD.findall(text))
            vocab.hyphenated.update(m.lower() for m in re.findall(r"[A-Za-z]+-[A-Za-z]+", text))
        return vocab

    def known(self, word: str) -> bool:
        return self.words[word.lower()] > 0


def join_lines(parts: list[str], vocab: Vocabulary) -> str:
    """Join the wrapped lines of one paragraph into one string."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if not out:
            out = part
            continue
        m = re.search(r"([A-Za-z]+)-$", out)
        nxt = re.match(r"[a-z]+", part)
        if m and nxt:
            out = out[:-1] + ("-" if _keep_hyphen(m.group(1), nxt.group(), vocab) else "") + part
        else:
            out = f"{out} {part}"
    return repair_spaces(out, vocab)


def _keep_hyphen(before: str, after: str, vocab: Vocabulary) -> bool:
    joined = (before + after).lower()
    if f"{before}-{after}".lower() in vocab.hyphenated:
        return True
    if vocab.words[joined] > 0:
        return False
    return before.lower() in _PREFIXES


def repair_spaces(text: str, vocab: Vocabulary) -> str:
    """Join words split by a stray space when the file itself knows the whole word.

    Only a word seen once in the file (the broken half) can start a repair, so text
    made of known words is passed over quickly.
    """
    tokens = text.split(" ")
    if not any(vocab.words[t.strip(_EDGE).lower()] <= 1 for t in tokens):
        return text
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if i + 1 < len(tokens) and _split_word(tokens[i], tokens[i + 1], vocab):
            tokens[i + 1] = tokens[i] + tokens[i + 1]
        else:
            out.append(tokens[i])
        i += 1
    return " ".join(out)


_EDGE = ",.;:()[]'\"“”‘’*_"


def _split_word(a: str, b: str, vocab: Vocabulary) -> bool:
    if not (a.isalpha() and b[:1].islower()):
        return False
    b_word = b.rstrip(",.;:")
    if not b_word.isalpha():
        return False
    whole = (a + b_word).lower()
    return vocab.words[whole] >= 2 and min(vocab.words[a.lower()], vocab.words[b_word]) <= 1


def strip_markers(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Remove ``*...*``/``_..._`` emphasis markers; return text and the italic spans."""
    text = re.sub(r"([*_]{1,2}) \1", " ", text)  # "*Women and* *Children*" → one span
    spans: list[tuple[int, int]] = []
    out: list[str] = []
    pos = 0
    length = 0
    for m in _MARKER.finditer(text):
        out.append(text[pos : m.start()])
        length += m.start() - pos
        inner = m.group(2)
        spans.append((length, length + len(inner)))
        out.append(inner)
        length += len(inner)
        pos = m.end()
    out.append(text[pos:])
    plain = "".join(out)
    if "*" in plain:
        plain = plain.replace("*", "")
        spans = []  # unbalanced markers: spans would be off; the text is what matters
    return re.sub(r"\s{2,}", " ", plain).strip(), spans
