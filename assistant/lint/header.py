"""Header rules (CW501–CW503): the opening line names the body and ends with a comma.

"The General Assembly," opens a General Assembly resolution (including drafts from its
main committees); other bodies open with their own name ("The Human Rights Council,").
A generic opening ("The Committee,") names no body. An opening close to, but not the
same as, the body in the header ("The International Organization of Migration," under
"Committee: International Organization for Migration") is a misnaming. A different body
altogether is left alone: a committee may draft for its parent organ.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from assistant.lint.context import Context, edit
from assistant.lint.diagnostic import TextEdit
from assistant.lint.source import Span

_GENERIC = {
    "the",
    "committee",
    "council",
    "assembly",
    "commission",
    "conference",
    "organization",
    "organisation",
    "body",
    "delegation",
    "forum",
    "plenary",
}
_GA = re.compile(
    r"general assembly|\b(?:first|second|third|fourth|fifth|sixth) committee\b|\bDISEC\b"
    r"|\bSPECPOL\b|\bSOCHUM\b|\bECOFIN\b|\bLegal Committee\b|\bGA\d?\b",
    re.I,
)
_LOOSE = re.compile(r"^(?P<pre>[\s\d\-•*_]*)(?P<o>The\s+[A-Z][^,;:.]{2,120}?)[*_]*\s*$")


def expected_opening(body: str | None) -> str | None:
    """The opening line the header's body calls for, if the header names one."""
    if not body:
        return None
    if _GA.search(body):
        return "The General Assembly,"
    name = re.sub(r"^the\s+", "", body.strip(" ,.;:*_"), flags=re.I)
    return f"The {name}," if name else None


def opening_span(ctx: Context, res: Any) -> tuple[Span, bool]:
    """Where the opening line's text stands in the source, and whether it was found there
    (if not, the line's start: a diagnostic can point at it, a fix cannot replace it)."""
    raw = ctx.source.text(res.opening_line)
    pos = raw.find(res.opening)
    if pos < 0:
        return Span(res.opening_line, 1, 1), False
    return Span(res.opening_line, pos + 1, pos + 1 + len(res.opening)), True


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z]+", text.lower().replace("organisation", "organization")))


def check_header(ctx: Context) -> None:
    """Report a missing, generic, misnamed or unpunctuated opening line."""
    res = ctx.res
    want = expected_opening(res.body)
    if res.opening is None or res.opening_line is None:
        if ctx.profile.opening == "required":
            _missing(ctx, want)
        return
    at, found = opening_span(ctx, res)
    fix = [edit(at, want)] if want and found else None
    name = _norm(res.opening)
    if set(name.split()) <= _GENERIC:
        hint = f"; write {want!r}" if want else ""
        ctx.report(
            "CW501", at, f"opening line {res.opening!r} does not name the body{hint}", fix=fix
        )
        return
    if want and _misnamed(name, _norm(want), _norm(res.body or "")):
        ctx.report(
            "CW502",
            at,
            f"opening line {res.opening!r} misnames the body {res.body!r}; write {want!r}",
            fix=fix,
        )


def _misnamed(name: str, wanted: str, body: str) -> bool:
    if name == wanted or name in body or (body and body in name):
        return False
    return SequenceMatcher(None, name, wanted).ratio() >= 0.75


def _missing(ctx: Context, want: str | None) -> None:
    clauses = ctx.res.clauses()
    if not clauses:
        return
    first = min(clauses, key=lambda c: c.lines[0])
    line = ctx.source.start(first)[0]
    loose = _loose_opening(ctx, line)
    if loose is not None:
        ctx.report("CW503", loose, "opening line does not end with a comma", fix=[edit(loose, ",")])
        return
    at = Span(line, 1, 1)
    hint = f" such as {want!r}" if want else " ('The General Assembly,')"
    fix = [TextEdit.insert(line, 1, f"{want}\n\n")] if want else None
    ctx.report(
        "CW501", at, f"no opening line naming the body before the first clause{hint}", fix=fix
    )


def _loose_opening(ctx: Context, first_clause_line: int) -> Span | None:
    """Where a comma is missing on an opening line ('The General Assembly')."""
    for no in range(first_clause_line - 1, max(ctx.res.lines[0], 1) - 1, -1):
        raw = ctx.source.text(no)
        if not raw.strip():
            continue
        m = _LOOSE.match(raw)
        if m and len(m.group("o").split()) <= 12:
            end = m.end("o")
            return Span(no, end + 1, end + 1)
        return None
    return None
