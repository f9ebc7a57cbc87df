"""Emphasis rules (CW401–CW402): the leading phrase in the profile's style.

Only the leading phrase of preambulatory and operative clauses is checked; an emphasis
span that runs on past the phrase (a treaty title in the same italics) is accepted.
Markers are Markdown-like: ``*italic*``, ``_underline_``, ``**bold**``.
"""

from __future__ import annotations

from assistant.lint.context import Context, edit, top_clauses
from assistant.lint.diagnostic import TextEdit
from assistant.lint.profile import EMPHASIS_MARKERS
from assistant.lint.source import Head
from index.clause_tree import Clause


def check_emphasis(ctx: Context) -> None:
    """Report leading phrases that are not emphasised, or emphasised in another style."""
    for clause in top_clauses(ctx.res):
        accepted = ctx.profile.accepted_emphasis(clause.kind)
        if not accepted or clause.emphasis in accepted:
            continue
        want = accepted[0]
        head = ctx.head(clause)
        if clause.emphasis == "none":
            _missing(ctx, clause, head, want)
        else:
            _wrong(ctx, clause, head, want)


def _missing(ctx: Context, clause: Clause, head: Head, want: str) -> None:
    found = ctx.phrase(clause)
    if found is None:
        return  # no known phrase: CW103 says so, and there is no span to emphasise
    marker = EMPHASIS_MARKERS[want]
    fix: list[TextEdit] | None = None
    if head.phrase is not None:
        raw = ctx.source.text(head.phrase.line)
        inner = raw[head.phrase.col - 1 : head.phrase.end_col - 1]
        if "*" not in inner and "_" not in inner:
            p = head.phrase
            fix = [
                TextEdit.insert(p.line, p.col, marker),
                TextEdit.insert(p.line, p.end_col, marker),
            ]
    ctx.report(
        "CW401",
        head.phrase or head.start,
        f"leading phrase {found.written!r} is not in {want} "
        f"({marker}{found.written}{marker}), as the {ctx.profile.name} profile requires",
        clause,
        fix,
    )


def _wrong(ctx: Context, clause: Clause, head: Head, want: str) -> None:
    marker = EMPHASIS_MARKERS[want]
    fix: list[TextEdit] | None = None
    if head.open_marker is not None and head.close_marker is not None:
        fix = [edit(head.open_marker, marker), edit(head.close_marker, marker)]
    ctx.report(
        "CW402",
        head.open_marker or head.start,
        f"leading phrase is in {clause.emphasis}; the {ctx.profile.name} profile "
        f"uses {want} ({marker}…{marker})",
        clause,
        fix,
    )
