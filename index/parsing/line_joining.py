"""Joining wrapped lines into clause text, repairing PDF word breaks and emphasis.

- ``sustain-`` + ``able`` → ``sustainable``; ``anti-`` + ``trafficking`` stays hyphenated
  (a known prefix, or the hyphenated form is used elsewhere in the file).
- ``traf ficking`` → ``trafficking`` when the joined word is used in the file and one
  half is not a word there.
- ``*italic*`` markers come off the text; their spans are kept.

No step reads the paragraph joined so far again for each line (that was quadratic in
its length): a wrapped line is looked at with the few characters before it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

_WORD = re.compile(r"[A-Za-z]+")
# a hyphenated word starts where no letter precedes it (else a long run of letters with
# no hyphen is tried from each of its letters: quadratic in the run)
_HYPHENATED = re.compile(r"(?<![A-Za-z])[A-Za-z]+-[A-Za-z]+")
_LOWER_WORD = re.compile(r"[a-z]+")
_MARK_CHAR = re.compile(r"[*_]")
_NEWLINE = re.compile(r"\n")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
MAX_WORD = 100  # letters; a longer run is no word the file could confirm
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
            vocab.hyphenated.update(m.lower() for m in _HYPHENATED.findall(text))
        return vocab

    def known(self, word: str) -> bool:
        return self.words[word.lower()] > 0


def join_lines(parts: list[str], vocab: Vocabulary) -> str:
    """Join the wrapped lines of one paragraph into one string."""
    pieces: list[str] = []  # the joined text, in pieces; a part is always the last piece
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if pieces:
            before = _broken_word(pieces) if pieces[-1].endswith("-") else None
            after = _LOWER_WORD.match(part)
            if before is not None and after:
                pieces[-1] = pieces[-1][:-1]
                keep = len(before) <= MAX_WORD and _keep_hyphen(before, after.group(), vocab)
                if keep:
                    pieces.append("-")
            else:
                pieces.append(" ")
        pieces.append(part)
    return repair_spaces("".join(pieces), vocab)


def _broken_word(pieces: list[str]) -> str | None:
    """The letters before the hyphen that ends the text so far, or None when there are none.

    Only the last ``MAX_WORD + 2`` characters are read: a run of more letters than
    ``MAX_WORD`` comes back ``MAX_WORD + 1`` letters long, which is enough to know it is
    too long to be a word.
    """
    tail = _tail(pieces, MAX_WORD + 2)
    start = len(tail) - 1
    while start > 0 and tail[start - 1] in _LETTERS:
        start -= 1
    return tail[start:-1] or None


def _tail(pieces: list[str], size: int) -> str:
    """The last ``size`` characters of the pieces joined (fewer if there are fewer)."""
    out: list[str] = []
    have = 0
    for piece in reversed(pieces):
        out.append(piece[-(size - have) :])
        have += len(out[-1])
        if have >= size:
            break
    return "".join(reversed(out))


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
    for span in marked_spans(text):
        out.append(text[pos : span.start])
        length += span.start - pos
        inner = text[span.inner_start : span.inner_end]
        spans.append((length, length + len(inner)))
        out.append(inner)
        length += len(inner)
        pos = span.end
    out.append(text[pos:])
    plain = "".join(out)
    if "*" in plain:
        plain = plain.replace("*", "")
        spans = []  # unbalanced markers: spans would be off; the text is what matters
    return re.sub(r"\s{2,}", " ", plain).strip(), spans


@dataclass(frozen=True)
class MarkedSpan:
    """``*inner*``: where the opening marker starts, the inner text, the closing marker ends."""

    start: int
    inner_start: int
    inner_end: int
    end: int


def marked_spans(text: str) -> list[MarkedSpan]:
    r"""The emphasis spans of ``text``, left to right, without overlaps.

    The spans ``re.finditer`` finds with the pattern

        (?<![\w*_])([*_]{1,2})(?=\S)(.+?)(?<=\S)\1(?![\w*])

    but in O(n log n): that pattern reads on from every marker that does not close to the
    end of the line, so a paragraph with many stray ``*`` took time quadratic in its
    length. Here a marker looks up the first place it closes in a sorted list.
    """
    marks = [m.start() for m in _MARK_CHAR.finditer(text)]
    if not marks:
        return []
    closers = _closing_marks(text, marks)
    newlines = [m.start() for m in _NEWLINE.finditer(text)]
    out: list[MarkedSpan] = []
    pos = 0
    for p in marks:
        if p < pos or (p > 0 and _word_or_marker(text[p - 1])):
            continue
        for width in (2, 1):
            marker = text[p : p + width]
            inner = p + width
            if len(marker) < width or marker.strip("*_") or inner >= len(text):
                continue
            if text[inner].isspace():
                continue
            closing = closers.get(marker, [])
            k = bisect_right(closing, inner)  # the inner text has at least one character
            if k == len(closing):
                continue
            close = closing[k]
            line_end = bisect_left(newlines, inner)
            if line_end < len(newlines) and newlines[line_end] < close:
                continue
            out.append(MarkedSpan(p, inner, close, close + width))
            pos = close + width
            break
    return out


def _closing_marks(text: str, marks: list[int]) -> dict[str, list[int]]:
    """Where each marker (``*``, ``**``, ``_``, ``*_`` …) may close a span; ``marks`` are
    the positions of every ``*`` and ``_``."""
    out: dict[str, list[int]] = {}
    for q in marks:
        if q == 0 or text[q - 1].isspace():
            continue
        for width in (1, 2):
            marker = text[q : q + width]
            if len(marker) < width or marker.strip("*_"):
                continue
            after = q + width
            if after < len(text) and _word_or_marker(text[after]):
                continue
            out.setdefault(marker, []).append(q)
    return out


def _word_or_marker(ch: str) -> bool:
    return ch.isalnum() or ch in "*_"
