"""Clauses run together by a missing mark (CW201, CW202, CW204, CW205).

The parser starts a new paragraph only after a line that ends with punctuation, so a
clause that lacks its closing mark swallows the next one ("*Noting* the goal" followed
by "*Recalling* …,"). Inside a clause's lines, a line that opens like a clause — an
emphasised leading phrase, or after a blank line a known phrase, an operative number
and phrase, or the next sub-clause label — shows where the mark is missing.
"""

from __future__ import annotations

import re

from assistant.lint.context import Context, edit
from assistant.lint.source import MARKS, Span
from index.clause_tree import Clause
from index.parsing.labels import Label, find_label

_PREFIX = re.compile(r"^[\s\-•▪◦●·]*(?:\d{1,4}\s+(?!\d*\.))?")
_OP_NUMBER = re.compile(r"^\d{1,3}\.\s+")


def check_run_together(ctx: Context) -> None:
    """Report a missing mark where a clause's text runs into what opens another."""
    for top in (*ctx.res.preambulatory, *ctx.res.operative):
        for clause in top.walk():
            _scan(ctx, clause)


def _scan(ctx: Context, clause: Clause) -> None:
    first, last = clause.lines
    for no in range(first + 1, last + 1):
        raw = ctx.source.text(no)
        body = raw[_PREFIX.match(raw).end() :]  # type: ignore[union-attr]
        if not body.strip() or (no in ctx.source.on_line and no != first):
            continue
        found = _opening(ctx, clause, body, blank_before=not ctx.source.text(no - 1).strip())
        if found is None:
            continue
        prev = next(n for n in range(no - 1, first - 1, -1) if ctx.source.text(n).strip())
        tail = ctx.source.text(prev).rstrip()
        if tail.rstrip("*_\"”’'")[-1:] in MARKS:
            continue
        code, mark, what = found
        at = Span(prev, len(tail) + 1, len(tail) + 1)
        ctx.report(
            code,
            at,
            f"{what} has no closing punctuation, so it runs into line {no}; end it with {mark!r}",
            clause,
            [edit(at, mark)],
        )


def _opening(
    ctx: Context, clause: Clause, body: str, blank_before: bool
) -> tuple[str, str, str] | None:
    """(code, mark, what) when ``body`` opens a clause the mark-less text ran into."""
    label = find_label(body)
    if label is not None and blank_before:
        readings = label.readings()
        if any(n == 1 for _, n in readings):
            return "CW204", ctx.profile.chapeau_end, "the text before the sub-clauses"
        own = Label(clause.label or "", clause.label_style or "dot", 0).readings()  # type: ignore[arg-type]
        if clause.kind == "subclause" and any((k, n + 1) in readings for k, n in own):
            return "CW205", ctx.profile.subclause_ends[0], "a sub-clause"
        return None
    if clause.kind == "subclause":
        return None
    if clause.kind == "operative":
        m = _OP_NUMBER.match(body)
        if m:
            body, blank_before = body[m.end() :], True
    marked = body[:1] in "*_"
    text = body.lstrip("*_")
    found = ctx.lexicon.match(text, clause.kind)  # type: ignore[arg-type]
    if found is None or not text[:1].isupper() or not (marked or blank_before):
        return None
    if text[found.end : found.end + 1] not in ("", " ", "*", "_", ","):
        return None
    if clause.kind == "preambulatory":
        return "CW201", ctx.profile.preambulatory_end, "a preambulatory clause"
    return "CW202", ctx.profile.operative_end, "an operative clause"
