"""Reading a question about the corpus itself: counts, lists, committees, sponsors.

"how many operative clauses does IOM/1/3 have?", "how many resolutions mention AVRR?",
"which resolutions are from the Security Council?", "which drafts are about trafficking?",
"who sponsored IOM/1/2?", "what committee is IOM/1/1 from?", "what is IOM/1/3 about?".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.asking.requests import CorpusFact, Scope
from assistant.asking.scope_words import scope_of
from assistant.asking.terms import alternatives

if TYPE_CHECKING:
    from assistant.asking.reading import Reader

_HOW_MANY = re.compile(
    r"\bhow\s+many\b|\b(?:the\s+)?number\s+of(?=\s+(?:\w+\s+)?(?:clauses|resolutions|drafts|"
    r"paragraphs|sub-?clauses|documents))|^\s*count\s+(?:the\s+)?",
    re.I,
)
# what stands between 'how many' and what is counted: 'how many of the IOM resolutions'
_COUNTED_LEAD = re.compile(r"^(?:of\s+)?(?:the\s+|these\s+|those\s+)?", re.I)
_SUB_CLAUSES = re.compile(r"\bsub-?\s?(?:clauses?|paragraphs?|paras?|points?)\b", re.I)
_RESOLUTIONS = re.compile(r"\b(?:resolutions?|drafts?|documents?|texts?|ones)\b", re.I)
_MENTIONING = re.compile(
    r"\b(?:mentions?|mentioning|refers?\s+to|referring\s+to|cites?|citing|contains?|containing|"
    r"talks?\s+about|names?|naming|uses?|using|includes?|including)\s+(?P<term>.+)$",
    re.I,
)
_SPONSORS = re.compile(
    r"\b(?:who|which\s+(?:countries|country|states|state|delegations?|member\s+states?))\s+"
    r"(?:\w+\s+)?"
    r"(?:sponsor(?:ed|s)?|co-?sponsor(?:ed|s)?|submitted|put\s+forward|proposed|wrote)"
    r"|\bsponsors?\s+(?:of|for)\b|\bsponsored\s+by\b",
    re.I,
)
_SIGNATORIES = re.compile(r"\bsign(?:ed|atories|atory|ers)\b", re.I)
_COMMITTEE = re.compile(
    r"\b(?:which|what)\s+(?:committee|body|organ|council|assembly)\b|\bwho\s+adopted\b|"
    r"\bcommittee\s+(?:of|for|is)\b",
    re.I,
)
_TOPIC = re.compile(
    r"\bwhat(?:'s|\s+is|\s+was)\s+(?P<x>.+?)\s+about\b|\b(?:topic|subject|title)\s+of\b", re.I
)
_WHICH = re.compile(
    rf"^\s*(?:which|what|list|name|show\s+me)\s+(?:of\s+)?(?:all\s+)?(?:the\s+)?(?:\w+\s+)?"
    rf"{_RESOLUTIONS.pattern}(?P<rest>.*)$",
    re.I,
)
_ABOUT = re.compile(
    r"^\s*(?:are|were|is)?\s*(?:about|on|concerning|regarding|deal\s+with|address|cover|"
    r"dealing\s+with|addressing|covering|on\s+the\s+topic\s+of)\s+(?P<topic>.+?)[?.!]*$",
    re.I,
)
_BARE = re.compile(
    r"^\s*(?:are|were)?\s*(?:there|in\s+the\s+corpus|do\s+you\s+have|from|by|adopted)?"
    r"\s*(?:ones|resolutions|drafts)?\s*[?.!]*$",
    re.I,
)
_ALL = re.compile(r"\bthere\b|\bcorpus\b|\bhave\b|^\s*$", re.I)


def fact(text: str, reader: Reader) -> CorpusFact | None:
    """A corpus-fact question, or None."""
    scope, rest = scope_of(text, reader.names)
    if _SPONSORS.search(text):
        return CorpusFact("signatories" if _SIGNATORIES.search(text) else "sponsors", scope)
    if _SIGNATORIES.search(text) and re.search(r"\bwho\b|\bwhich\b|\blist\b", text, re.I):
        return CorpusFact("signatories", scope)
    if _COMMITTEE.search(text) and scope.symbol:
        return CorpusFact("committee", scope)
    if _TOPIC.search(text) and scope.symbol:
        return CorpusFact("topic", scope)
    if _HOW_MANY.search(text):
        return _count(text, rest, scope)
    m = _WHICH.match(rest)
    if m:
        rest_of = re.sub(r"\([^()]*\)", "", m.group("rest"))
        about = _ABOUT.match(rest_of)
        if about:
            return CorpusFact("list_resolutions", scope, topic=about.group("topic"))
        bare = not rest_of.strip(" ?.!") or _BARE.match(rest_of)
        if bare and (not scope.is_empty() or _ALL.search(rest_of)):
            return CorpusFact("list_resolutions", scope)
    return None


def _count(text: str, rest: str, scope: Scope) -> CorpusFact:
    after = _HOW_MANY.split(rest, maxsplit=1)[-1]
    mentioning = _MENTIONING.search(after)
    terms = alternatives(mentioning.group("term")) if mentioning else ()
    counted = _COUNTED_LEAD.sub("", _HOW_MANY.split(text, maxsplit=1)[-1].strip())
    if _SUB_CLAUSES.match(counted):
        return CorpusFact("count_subclauses", scope, terms)
    left = _COUNTED_LEAD.sub("", after.strip())  # 'how many [SC] resolutions', 'of the [IOM] ones'
    if _RESOLUTIONS.match(counted) or _RESOLUTIONS.match(left):
        return CorpusFact("count_resolutions", scope, terms)
    if terms:
        return CorpusFact("count_mentioning_clauses", scope, terms)
    return CorpusFact("count_clauses", scope)
