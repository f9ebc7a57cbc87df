"""Punctuation rules (CW201–CW206): how each clause and sub-clause ends.

Preambulatory clauses end with a comma, operative clauses with a semicolon and the last
operative clause with a period. Text followed by sub-clauses (a chapeau) ends with a
colon. A sub-clause ends with the profile's sub-clause mark (a semicolon; a comma in
THIMUN style), except the last one of a clause, which ends as the clause would.
"""

from __future__ import annotations

import re

from assistant.lint.context import Context, edit
from assistant.lint.source import Ending
from index.clause_tree import Clause

_NAMES = {",": "a comma", ";": "a semicolon", ":": "a colon", ".": "a period"}


def check_punctuation(ctx: Context) -> None:
    """Report clauses and sub-clauses whose closing mark is wrong or missing."""
    profile = ctx.profile
    for clause in ctx.res.preambulatory:
        _tree(ctx, clause, profile.preambulatory_end, profile.preambulatory_subclause_ends, "CW201")
    ops = ctx.res.operative
    for i, clause in enumerate(ops):
        last = i == len(ops) - 1 and ctx.final_operative
        final = profile.last_operative_end if last else profile.operative_end
        _tree(ctx, clause, final, profile.subclause_ends, "CW203" if last else "CW202")


def _tree(ctx: Context, clause: Clause, final: str, sub_ends: list[str], code: str) -> None:
    if not clause.subclauses:
        _end(ctx, clause, [final], code, final=True, what=_what(code))
        return
    leaves = [c for c in clause.walk()[1:] if not c.subclauses]
    for node in clause.walk():
        if node.subclauses:
            _end(
                ctx,
                node,
                [ctx.profile.chapeau_end],
                "CW204",
                final=False,
                what="the text before the sub-clauses",
            )
        elif node is leaves[-1]:
            _end(
                ctx,
                node,
                [final],
                "CW205",
                final=True,
                what=f"the last sub-clause of {_what(code)}",
            )
        else:
            _end(ctx, node, sub_ends, "CW205", final=False, what="a sub-clause")


def _what(code: str) -> str:
    if code == "CW201":
        return "a preambulatory clause"
    return "the last operative clause" if code == "CW203" else "an operative clause"


def _end(
    ctx: Context, clause: Clause, accepted: list[str], code: str, final: bool, what: str
) -> None:
    ending = ctx.source.ending(clause)
    if ending.conjunction is not None and ending.mark == ";" and ";" in accepted and not final:
        _conjunction(ctx, clause, ending, what)
        return
    if ending.mark in accepted and not (final and ending.trailing_conjunction):
        return
    want = accepted[0]
    if ending.trailing_conjunction:
        ctx.report(code, ending.at, f"{what} ends with '; and'; end it with {_NAMES[want]}", clause)
        return
    found = f"ends with {ending.mark!r}" if ending.mark else "has no closing punctuation"
    ctx.report(
        code,
        ending.at,
        f"{what} {found}; end it with {_NAMES[want]} ({want!r})",
        clause,
        [edit(ending.at, want)],
    )


def _conjunction(ctx: Context, clause: Clause, ending: Ending, what: str) -> None:
    """', and;' closing a sub-clause. Not fixed: moving the word is a wording change, and a
    sub-clause ending in '; and' does not end a paragraph for the parser."""
    assert ending.conjunction is not None
    span = ending.conjunction
    raw = ctx.source.text(span.line)
    word = re.search(r"and|or", raw[span.col - 1 : span.end_col - 1])
    conj = word.group() if word else "and"
    ctx.report(
        "CW206",
        span,
        f"{what} ends with ', {conj};'; end it with ';' and drop "
        f"'{conj}' or move it into the next sub-clause",
        clause,
    )
