"""Where a clause's parts stand in the original source lines.

The clause tree holds joined, marker-free text; fixes must edit the file as written.
``SourceMap`` finds, on the physical lines, where each clause starts (its number,
label, emphasis markers and leading phrase) and where its own text ends (the closing
punctuation mark, or the point where one is missing). Lines may carry PDF line numbers,
bullets, several clauses (run-on lines) and footnote markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.clause_tree import Clause, Resolution
from index.parsing.labels import find_label, render

MARKS = ",;:."
_QUOTES = "\"”’'"
_CONJ_AFTER = re.compile(r";\s+(?:and|or)$")
_CONJ_BEFORE = re.compile(r",\s*(?:and|or)\s*$")


@dataclass(frozen=True)
class Span:
    """A piece of one physical line: 1-based line, 1-based columns, end exclusive."""

    line: int
    col: int
    end_col: int

    @property
    def length(self) -> int:
        return self.end_col - self.col


@dataclass(frozen=True)
class Head:
    """The opening of a clause as written: number or label, markers, phrase."""

    start: Span  # zero-width, where the clause starts
    number: Span | None = None
    label: Span | None = None
    open_marker: Span | None = None
    phrase: Span | None = None
    close_marker: Span | None = None
    marker: str = ""
    comma: Span | None = None  # a comma straight after the phrase (and its marker)


@dataclass(frozen=True)
class Ending:
    """How a clause's own text ends: the closing mark, or where one is missing."""

    mark: str | None
    at: Span  # the mark itself, or a zero-width insertion point
    conjunction: Span | None = None  # ', and' standing before the mark
    trailing_conjunction: bool = False  # '; and' after the mark


class SourceMap:
    """Locates the clauses of one resolution on the physical lines of its file."""

    def __init__(self, lines: list[str], res: Resolution) -> None:
        self.lines = lines
        self.order = res.clauses()
        self.starts: dict[int, tuple[int, int]] = {}
        self.on_line: dict[int, list[int]] = {}
        self._locate_starts()

    def text(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    # -- starts ----------------------------------------------------------------

    def _locate_starts(self) -> None:
        prev: tuple[int, int] = (0, -1)
        for clause in self.order:
            line = clause.lines[0]
            floor = prev[1] + 1 if prev[0] == line else 0
            pos = self._find_start(clause, self.text(line), max(clause.col - 1, floor), floor)
            self.starts[id(clause)] = (line, pos)
            self.on_line.setdefault(line, []).append(pos)
            prev = (line, pos)

    def _find_start(self, clause: Clause, raw: str, guess: int, floor: int) -> int:
        needle = _needle(clause)
        if not needle:
            return guess
        if raw.startswith(needle, guess) or _marked_at(raw, guess, needle):
            return guess
        for m in re.finditer(r"[*_]*" + re.escape(needle), raw[floor:]):
            return floor + m.start()
        return guess

    def start(self, clause: Clause) -> tuple[int, int]:
        """(line, 0-based index) where the clause starts."""
        return self.starts.get(id(clause), (clause.lines[0], clause.col - 1))

    def _bound(self, clause: Clause, line: int) -> int:
        """Index on ``line`` where the clause's own text stops (next clause or line end)."""
        own_line, own_pos = self.start(clause)
        floor = own_pos if own_line == line else -1
        later = [p for p in self.on_line.get(line, []) if p > floor]
        return min(later, default=len(self.text(line)))

    # -- head ------------------------------------------------------------------

    def head(self, clause: Clause, phrase: str | None) -> Head:
        """Number/label, emphasis markers and phrase of a clause on its first line."""
        line, pos = self.start(clause)
        raw = self.text(line)
        out: dict[str, object] = {"start": Span(line, pos + 1, pos + 1)}
        if clause.kind == "operative" and clause.numbered:
            m = re.match(r"(\d{1,3}\.)\s*", raw[pos:])
            if m:
                out["number"] = Span(line, pos + 1, pos + 1 + len(m.group(1)))
                pos += m.end()
        elif clause.kind == "subclause" and clause.label:
            found = find_label(raw[pos:])
            if found:
                width = len(render(found.text, found.form))
                out["label"] = Span(line, pos + 1, pos + 1 + width)
                pos += found.end
        m = re.match(r"\*\*|__|\*|_", raw[pos:])
        marker = m.group() if m else ""
        if marker:
            out["open_marker"] = Span(line, pos + 1, pos + 1 + len(marker))
            out["marker"] = marker
        if phrase:
            out.update(self._phrase(raw, line, pos + len(marker), phrase, marker))
        return Head(**out)  # type: ignore[arg-type]

    def _phrase(self, raw: str, line: int, pos: int, phrase: str, marker: str) -> dict:
        words = re.findall(r"[^\W\d_][\w'’\-]*", phrase)
        if not words:
            return {}
        pattern = r"[\s*_]+".join(re.escape(w) for w in words)
        m = re.compile(pattern, re.I).match(raw, pos)
        if not m:
            return {}
        out: dict[str, object] = {"phrase": Span(line, m.start() + 1, m.end() + 1)}
        after = m.end()
        if marker:
            close = raw.find(marker, m.start())
            if close >= 0 and (marker != "*" or raw[close : close + 2] != "**"):
                out["close_marker"] = Span(line, close + 1, close + 1 + len(marker))
                if close == after:
                    after = close + len(marker)
        while after < len(raw) and raw[after] in "*_":
            after += 1
        if raw[after : after + 1] == ",":
            out["comma"] = Span(line, after + 1, after + 2)
        return out

    # -- ending ----------------------------------------------------------------

    def ending(self, clause: Clause) -> Ending:
        """The closing mark of the clause's own text (before any sub-clauses)."""
        line = clause.lines[1]
        raw = self.text(line)
        own_line, own_pos = self.start(clause)
        lo = own_pos if own_line == line else 0
        seg = raw[: self._bound(clause, line)].rstrip()
        end = len(seg)
        digits = re.search(r"[,;:.](\d{1,2})$", seg)
        if digits and not clause.text.rstrip().endswith(digits.group(1)):
            end -= len(digits.group(1))
        conj = _CONJ_AFTER.search(seg[lo:end])
        if conj:
            at = lo + conj.start()
            return Ending(";", Span(line, at + 1, at + 2), trailing_conjunction=True)
        k = end
        while k > lo and seg[k - 1] in "*_":
            k -= 1
        if k - 1 > lo and seg[k - 1] in _QUOTES and seg[k - 2] in MARKS:
            k -= 1
        if k > lo and seg[k - 1] in MARKS:
            at = k - 1
            before = _CONJ_BEFORE.search(seg[lo:at])
            conj_span = Span(line, lo + before.start() + 1, at + 2) if before else None
            return Ending(seg[at], Span(line, at + 1, at + 2), conjunction=conj_span)
        return Ending(None, Span(line, end + 1, end + 1))


def _needle(clause: Clause) -> str:
    if clause.kind == "operative" and clause.numbered and clause.number is not None:
        return f"{clause.number}."
    if clause.kind == "subclause" and clause.label:
        return render(clause.label, clause.label_style or "dot")  # type: ignore[arg-type]
    words = clause.text.split()
    return words[0] if words else ""


def _marked_at(raw: str, pos: int, needle: str) -> bool:
    m = re.match(r"[*_]{1,2}", raw[pos:])
    return m is not None and raw.startswith(needle, pos + m.end())
