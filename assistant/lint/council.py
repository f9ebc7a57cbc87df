"""Security Council style (CW631–CW633), for resolutions opening "The Security Council,".

A Security Council resolution ends with *Decides to remain seized of the matter.* (R11
in the style reference): CW631 when that clause stands elsewhere (the fix moves it to
the end), CW632 when there is none (the fix appends it). CW633 (information) suggests a
reporting clause, *Requests the Secretary-General to report …* (R12), when no operative
clause asks the Secretary-General to report, brief or keep the Council informed.
"""

from __future__ import annotations

import re

from assistant.lint.context import Context
from assistant.lint.diagnostic import TextEdit
from assistant.lint.source import Span
from index.clause_tree import Clause

_SEIZED = re.compile(
    r"\bremain\w*\s+(?:actively\s+)?seized\s+of\s+(?:the|this)\s+(?:matter|question|situation)",
    re.I,
)
# other closing formulas of adopted resolutions: CW632 is not raised over them
_CLOSING = re.compile(
    r"^(?:decides\s+to\s+(?:meet\s+again|reconvene|keep\b[^;]{0,40}under\s+review)"
    r"|requests\b[^;]{0,40}Secretary-General\s+to\s+report)",
    re.I,
)
_ADOPTED = re.compile(r"^\W*Adopted\b", re.I)
_REPORTING = re.compile(
    r"\brequests\b[^;]{0,80}\bSecretary-General\b[^;]{0,300}"
    r"\b(?:report|brief|inform|update)",
    re.I,
)
SEIZED_TEXT = "Decides to remain seized of the matter."


def is_security_council(ctx: Context) -> bool:
    return bool(ctx.res.opening) and re.sub(
        r"[^a-z ]", "", (ctx.res.opening or "").lower()
    ).strip() in ("the security council", "security council")


def adopted(ctx: Context) -> bool:
    """Whether the text says it was adopted ("Adopted by the Security Council at its …"):
    an adopted resolution is not a draft, and its closing is not for a chair to change."""
    inside = {n for c in ctx.res.clauses() for n in range(c.lines[0], c.lines[1] + 1)}
    first, last = ctx.res.lines
    return any(
        _ADOPTED.search(ctx.source.text(no)) for no in range(first, last + 1) if no not in inside
    )


def _without_number(text: str) -> str:
    return re.sub(r"^\s*\d{1,3}\.\s*|[*_]", "", text).strip()


def _last_leaf(clause: Clause) -> Clause:
    while clause.subclauses:
        clause = clause.subclauses[-1]
    return clause


def _seized_clause(ctx: Context, number: int | None) -> str:
    marker = {"italic": "*", "underline": "_", "bold": "**"}
    styles = ctx.profile.accepted_emphasis("operative")
    m = marker.get(styles[0], "") if styles else ""
    head = f"{number}. " if number is not None else ""
    return f"{head}{m}Decides{m} to remain seized of the matter."


def check_council(ctx: Context) -> None:
    """Report a missing or misplaced 'remain seized' clause and a missing reporting one."""
    if not is_security_council(ctx) or not ctx.res.operative or adopted(ctx):
        return
    ops = ctx.res.operative
    last = ops[-1]
    seized = [c for c in ops if _SEIZED.search(c.text)]
    if not any(_REPORTING.search(c.full_text()) for c in ops):
        line, pos = ctx.source.start(ops[0])
        ctx.report(
            "CW633",
            Span(line, pos + 1, pos + 1),
            "no clause asks for a report; a Security Council resolution usually "
            "*Requests the Secretary-General to report* to it on the implementation",
        )
    if seized and seized[-1] is last:
        return
    number = (last.number + 1) if last.numbered and last.number is not None else None
    end = _end_edits(ctx, last, number)
    if seized:
        clause = seized[-1]
        line, pos = ctx.source.start(clause)
        removal = _removal(ctx, clause)
        ctx.report(
            "CW631",
            Span(line, pos + 1, pos + 1),
            f"'{SEIZED_TEXT}' must be the last clause of a Security Council resolution",
            clause,
            fix=[*removal, *end] if removal and end else None,
        )
        return
    if _CLOSING.search(_without_number(last.text)):
        return
    line, pos = ctx.source.start(last)
    ctx.report(
        "CW632",
        Span(line, pos + 1, pos + 1),
        f"a Security Council resolution ends with '{SEIZED_TEXT}'; add it as the last clause",
        last,
        fix=end or None,
    )


def _end_edits(ctx: Context, last: Clause, number: int | None) -> list[TextEdit]:
    """The last clause closed with ';' and the 'remain seized' clause added after it."""
    leaf = _last_leaf(last)
    ending = ctx.source.ending(leaf)
    final_line = max(c.lines[1] for c in ctx.res.clauses())
    out: list[TextEdit] = []
    if ending.mark == ".":
        out.append(TextEdit(ending.at.line, ending.at.col, ending.at.line, ending.at.end_col, ";"))
    elif ending.mark is None:
        out.append(TextEdit.insert(ending.at.line, ending.at.col, ";"))
    else:
        return []
    eol = len(ctx.source.text(final_line)) + 1
    out.append(TextEdit.insert(final_line, eol, f"\n\n{_seized_clause(ctx, number)}"))
    return out


def _removal(ctx: Context, clause: Clause) -> list[TextEdit]:
    """Deleting a clause standing on lines of its own (none when it shares a line)."""
    first = clause.lines[0]
    last = max(c.lines[1] for c in _walk(clause))
    line, pos = ctx.source.start(clause)
    if ctx.source.text(line)[:pos].strip():
        return []
    nxt = last + 1
    while nxt <= len(ctx.source.lines) and not ctx.source.text(nxt).strip():
        nxt += 1
    if nxt > len(ctx.source.lines):
        return []
    return [TextEdit(first, 1, nxt, 1, "")]


def _walk(clause: Clause) -> list[Clause]:
    return [clause, *(d for s in clause.subclauses for d in _walk(s))]
