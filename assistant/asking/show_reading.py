"""Reading a request to show a clause or a resolution.

"what does IOM/1/4 op 8 say?", "IOM/1/4 OP8(a)", "op 8 of IOM/1/4", "the second operative
clause of IOM/1/2", "show me IOM/1/2", "the paragraph of S/RES/660 that demands
withdrawal" (a description: the best match inside that resolution).
"""

from __future__ import annotations

import re

from assistant.asking.references import ResolutionNames, find_clause_ref
from assistant.asking.requests import ShowClause

_SHOW = re.compile(
    r"\b(?:show|display|open|read|quote|print|pull\s+up|look\s+up|bring\s+up|give\s+me|"
    r"text\s+of|wording\s+of|full\s+text|what\s+(?:does|did|do)\b.*\bsays?|what\s+is\s+in|"
    r"what's\s+in|what\s+(?:is|was|are)|say|says|see|view|tell\s+me)\b",
    re.I,
)
_DESCRIBED = re.compile(
    r"\b(?:the\s+)?(?:clause|paragraph|para|part|bit|one|sentence|provision|operative|"
    r"preambular)\s+(?:(?:of|in|from)\s+)?(?P<what>(?:that|which|where|about|on|with|"
    r"dealing\s+with|on\s+how|[a-z]+ing|[a-z]+s)\s+.+)$",
    re.I,
)
_STARTS_WITH_CLAUSE = re.compile(
    r"^\s*(?:(?:in|of|from|for)\b)?[\s,;:]*(?:(?:which|what|find)\s+(?:is\s+)?)?(?:the\s+)?"
    r"(?:clause|paragraph|para|"
    r"provision|one)\b",
    re.I,
)


def show(text: str, names: ResolutionNames) -> ShowClause | None:
    """A show request, or None when the message does not name something to show."""
    found = names.find(text)
    named = found[0] if found else names.described(text)
    if named is None:
        return None
    rest = text[: named.start] + " " * (named.end - named.start) + text[named.end :]
    ref = find_clause_ref(rest)
    if ref is not None and _describes_nothing_else(rest, ref.start, ref.end, text):
        section = ref.section or "op"
        labels = "".join(f"({label})" for label in ref.labels)
        return ShowClause(clause_id=f"{named.symbol} {section} {ref.number}{labels}")
    described = _DESCRIBED.search(rest)
    if not _SHOW.search(rest) and not (described and _STARTS_WITH_CLAUSE.match(rest)):
        return None
    if described:
        what = re.sub(r"^(?:that|which|where)\s+", "", described.group("what").strip(" ?.!"))
        what = re.sub(r"\s*[-–—,;]\s*(?:show|display|quote)\b.*$", "", what, flags=re.I)
        return ShowClause(symbol=named.symbol, description=what)
    if re.search(r"\b(?:mention|mentions|refer|contain|about|how\s+many|who|which)\b", rest, re.I):
        return None
    return ShowClause(symbol=named.symbol)


def _describes_nothing_else(rest: str, start: int, end: int, text: str) -> bool:
    """A clause reference is shown unless the message asks something else of it
    ('does op 8 of IOM/1/4 mention AVRR?' is a question about mentions)."""
    return not re.search(r"\b(?:mentions?|refers?\s+to|contains?|how\s+many)\b", text, re.I)
