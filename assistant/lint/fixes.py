"""Applying the text edits that diagnostics carry to the source text.

Edits are taken from every fixable diagnostic, identical edits (a renumbering carried by
several diagnostics) are applied once, and an edit that overlaps one already taken is
skipped (the next lint run reports what is left). Insertions at the same point keep the
order of the diagnostics, so ``4. `` lands before ``*`` when both are inserted there.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from assistant.lint.diagnostic import Diagnostic, TextEdit

log = logging.getLogger(__name__)


def collect_edits(diagnostics: Iterable[Diagnostic]) -> list[TextEdit]:
    """The edits of all fixable diagnostics, in diagnostic order, without duplicates."""
    seen: set[TextEdit] = set()
    out: list[TextEdit] = []
    for diag in diagnostics:
        for e in diag.fix or []:
            if e not in seen:
                seen.add(e)
                out.append(e)
    return out


def _offsets(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def _to_offset(starts: list[int], text: str, line: int, col: int) -> int:
    if line < 1 or line > len(starts):
        raise ValueError(f"edit at line {line}, outside the text (1-{len(starts)})")
    base = starts[line - 1]
    line_end = starts[line] - 1 if line < len(starts) else len(text)
    if col < 1 or base + col - 1 > line_end:
        raise ValueError(f"edit at {line}:{col}, outside the line")
    return base + col - 1


def _conflicts(a: tuple[int, int], b: tuple[int, int]) -> bool:
    (s1, e1), (s2, e2) = a, b
    if s1 == e1:
        return s2 < s1 < e2
    if s2 == e2:
        return s1 < s2 < e1
    return s1 < e2 and s2 < e1


def apply_fixes(text: str, diagnostics: Iterable[Diagnostic]) -> str:
    """The text with the fixes of ``diagnostics`` applied (positions refer to ``text``)."""
    starts = _offsets(text)
    taken: list[tuple[int, int, int, str]] = []
    for seq, e in enumerate(collect_edits(diagnostics)):
        try:
            start = _to_offset(starts, text, e.line, e.col)
            end = _to_offset(starts, text, e.end_line, e.end_col)
        except ValueError as exc:
            log.warning("skipping a fix: %s", exc)
            continue
        if end < start or any(_conflicts((start, end), (s, en)) for s, en, _, _ in taken):
            log.info("skipping an overlapping fix at %d:%d", e.line, e.col)
            continue
        taken.append((start, end, seq, e.replacement))
    out = text
    for start, end, _seq, replacement in sorted(
        taken, key=lambda t: (t[0], t[1], t[2]), reverse=True
    ):
        out = out[:start] + replacement + out[end:]
    return out
