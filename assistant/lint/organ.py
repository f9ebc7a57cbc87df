"""The opening line names the body of the header (CW621).

A header naming one body ("Committee: International Organization for Migration") over
an opening line naming another ("The General Assembly,") is a draft put under the wrong
committee or opened with the wrong organ: nobody checked it before. CW502 already
covers a near miss of the same name, and a committee drafting for its parent organ is
left alone: a General Assembly main committee or the Human Rights Council for the
General Assembly, a functional commission for the Economic and Social Council. The fix
writes the opening line the header's body calls for.
"""

from __future__ import annotations

import re

from assistant.lint.context import Context, edit
from assistant.lint.header import expected_opening, opening_span

# parent organ (as the opening line names it) → bodies in the header that draft for it
_PARENTS: dict[str, re.Pattern[str]] = {
    "general assembly": re.compile(
        r"general assembly|committee|\bDISEC\b|\bSPECPOL\b|\bSOCHUM\b|\bECOFIN\b|\bGA\d?\b"
        r"|human rights council|plenary",
        re.I,
    ),
    "economic and social council": re.compile(
        r"economic and social|\bECOSOC\b|commission|\bCSW\b|\bCND\b|\bCSTD\b", re.I
    ),
    "security council": re.compile(r"security council|\bUNSC\b|\bSC\b", re.I),
}


def _words(text: str) -> str:
    text = re.sub(r"^\s*the\s+", "", text.lower().replace("organisation", "organization"))
    return " ".join(re.findall(r"[a-z]+", text))


def check_opening_body(ctx: Context) -> None:
    """Report an opening line naming a body other than the header's (or its parent)."""
    res = ctx.res
    if not res.body or not res.opening or res.opening_line is None:
        return
    if any(d.code in ("CW501", "CW502") for d in ctx.diagnostics):
        return
    want = expected_opening(res.body)
    if want is None:
        return
    named, wanted, body = _words(res.opening), _words(want), _words(res.body)
    if named == wanted or (named and (named in body or body in named)):
        return
    parent = _PARENTS.get(named)
    if parent is not None and parent.search(res.body):
        return
    if parent is None and named not in _PARENTS and len(named.split()) < 2:
        return  # "The Committee," and the like: CW501's business
    at, found = opening_span(ctx, res)
    ctx.report(
        "CW621",
        at,
        f"the opening line {res.opening!r} names another body than the header's "
        f"{res.body!r}; write {want!r} (or correct the header)",
        fix=[edit(at, want)] if found else None,
    )
