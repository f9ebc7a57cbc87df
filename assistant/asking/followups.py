"""Follow-ups: a message read against the previous turn.

- "and in the preamble?", "only the Security Council ones", "just IOM/1/4" → the last
  search or fact again, narrowed;
- "and AVRR?", "what about TSS?" → the last search or fact with a new term;
- "how many is that?", "how many resolutions?" → a count of the last answer;
- "show me the first one", "the third" → that clause of the last answer;
- "propose one like the second" → a proposal modelled on that clause;
- "give me three alternatives", "another one", "two more" → the last proposal again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, TypeVar

from assistant.asking.references import ORDINALS
from assistant.asking.requests import (
    CorpusFact,
    FindMentions,
    FindSimilar,
    Kind,
    ProposeClauses,
    Request,
    ReviseClause,
    ShowClause,
    rescoped,
)
from assistant.asking.scope_words import scope_of
from assistant.asking.terms import alternatives
from assistant.asking.vocabulary import NUMBER_WORDS, REVISE_WORDS

if TYPE_CHECKING:
    from assistant.asking.reading import Reader


T = TypeVar("T")


@dataclass
class Turn:
    """What the last answer was: its request and the clause IDs it listed, in order."""

    request: Request
    ids: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # id → clause text (for 'like the 2nd')


_NARROW = re.compile(
    r"^\s*(?:(?:and|but|ok|okay|now|what\s+about|how\s+about)\s+)*(?:only|just|then|also)?\s*"
    r"(?:(?:in|from|of|for|among|within)\s+)?(?P<rest>.*?)\s*(?:only|then|too)?\s*[?.!]*\s*$",
    re.I,
)
_ANOTHER_TERM = re.compile(
    r"^\s*(?:(?:and|but|ok|okay|now)\s+)?(?:what\s+about|how\s+about|and|same\s+for|now)\s+"
    r"(?P<term>.+?)\s*[?.!]*\s*$",
    re.I,
)
_HOW_MANY = re.compile(
    r"^\s*(?:and\s+|so\s+)?how\s+many(?:\s+(?P<what>resolutions?|drafts?|documents?|texts?|"
    r"clauses?|paragraphs?))?(?:\s+(?:is|are|was|were)\s+(?:that|those|there|these|they))?"
    r"(?:\s+in\s+total)?\s*[?.!]*\s*$",
    re.I,
)
_NTH = re.compile(
    rf"^\s*(?:(?:ok|okay|and|now)\s+)?(?:show|open|read|display|quote|give)?\s*(?:me\s+)?"
    rf"(?:the\s+)?(?P<ord>{'|'.join(ORDINALS)}|#?\d+(?:st|nd|rd|th)?)"
    rf"(?:\s+(?:one|clause|hit|result|paragraph))?\s*(?:in\s+full)?[?.!]*\s*$"
    r"|^\s*(?:(?:ok|okay|and|now)\s+)?(?:show|open|read|display|quote)\s+(?:me\s+)?"
    r"(?P<that>that|this|it)(?:\s+one)?\s*(?:in\s+full)?[?.!]*\s*$",
    re.I,
)
_LIKE_NTH = re.compile(
    rf"\b(?:propose|draft|write|suggest|give\s+me)\b.*\b(?:like|based\s+on|modell?ed\s+on|"
    rf"similar\s+to)\s+(?:the\s+)?(?P<ord>{'|'.join(ORDINALS)}|#?\d+(?:st|nd|rd|th)?)\b",
    re.I,
)
_AGAIN = re.compile(
    r"^\s*(?:(?:give|show|get)\s+me\s+|(?:can|could)\s+(?:you|i)\s+(?:get|have)\s+|"
    r"i\s+(?:want|need)\s+)?(?P<n>\d|one|two|three|four|five|an?|some)?\s*(?:more|other|"
    r"another|different|alternative|new)?\s*(?:alternatives?|versions?|options?|ones?|"
    r"variants?|more|tries|takes?)\s*(?:please|pls)?[?.!]*\s*$"
    r"|^\s*(?:another|try\s+again|again|more)\b.{0,20}$",
    re.I,
)
_FILLER = re.compile(
    r"\b(?:ones?|those|them|resolutions?|drafts?|clauses?|paragraphs?|the|an?|please|pls)\b", re.I
)
_NEXT = re.compile(
    r"^\s*(?:(?:and|ok|okay|now)\s+)?(?:show\s+(?:me\s+)?)?(?:the\s+)?(?P<dir>next|following|"
    r"previous|preceding)\s*(?:one|paragraph|clause|para)?\s*[?.!]*\s*$",
    re.I,
)
_KIND_ONE = re.compile(
    rf"^\s*(?:(?:and|ok|okay|now)\s+)?(?:(?:show|open|read)\s+(?:me\s+)?)?(?:the\s+)?"
    rf"(?:(?P<ord>{'|'.join(ORDINALS)})\s+)?"
    r"(?P<kind>operative|preambular|preambulatory|op|pre)\s+(?:one|clause|paragraph)\s*[?.!]*\s*$",
    re.I,
)
_REVISE_NTH = re.compile(
    rf"\b(?:the\s+)?(?P<ord>{'|'.join(ORDINALS)}|#?\d+(?:st|nd|rd|th)?)\s+(?:one|proposal|clause)?"
    rf".*?\b(?P<how>{'|'.join(re.escape(w) for ws in REVISE_WORDS.values() for w in ws)})\b",
    re.I,
)

_REVISE_VERBS = {"strengthen": "strengthen", "soften": "soften", "shorten": "shorten",
                 "merge": "merge", "split": "split", "tone down": "soften",
                 "cut down": "shorten", "trim": "shorten", "condense": "shorten"}  # fmt: skip
_HOW = "|".join(
    re.escape(w)
    for w in sorted([*_REVISE_VERBS, *(w for ws in REVISE_WORDS.values() for w in ws)], key=len)[
        ::-1
    ]
)
# 'shorten the last one', 'tone down number 2', 'make it shorter', 'soften option 2'
_REVISE_NAMED = re.compile(
    rf"\b(?P<how>{_HOW})\b.*?\b(?:(?:the\s+)?(?P<ord>{'|'.join(ORDINALS)})\b"
    r"|(?:number|no\.?|option|proposal|version|#)\s*(?P<n>\d)\b|(?P<it>it|this|that|them|these|those)\b)"
    rf"|\b(?:make|get)\s+(?P<it2>it|this|that|them|these|those)\s+(?:a\s+(?:bit|little)\s+)?(?P<how2>{_HOW})\b",
    re.I,
)


def _revision_of_a_proposal(text: str) -> ReviseClause | None:
    """A revision of one of the proposals just made, named by its place or as 'it'."""
    m = _REVISE_NAMED.search(text)
    if m is None:
        return None
    said = (m.group("how") or m.group("how2")).lower()
    action = _REVISE_VERBS.get(said) or next(
        (a for a, words in REVISE_WORDS.items() if said in words), None
    )
    if action is None:
        return None
    it = (m.group("it") or m.group("it2") or "").lower()
    if it in ("them", "these", "those"):
        return ReviseClause(action, "")  # all of them: the chat asks which one
    return ReviseClause(action, f"proposal {m.group('ord') or m.group('n') or 'last'}")


def follow_up(text: str, last: Turn, reader: Reader) -> Request | None:
    """The request a follow-up makes, or None when the message stands on its own."""
    request = last.request
    if isinstance(request, ProposeClauses) and (m := _AGAIN.match(text)):
        n = m.groupdict().get("n")
        count = NUMBER_WORDS.get(n.lower(), 0) if n and not n.isdigit() else int(n) if n else 0
        return replace(request, count=max(1, min(5, count or 3)))
    if isinstance(request, ProposeClauses) and (m := _REVISE_NTH.search(text)):
        said = m.group("how").lower()
        action = next(a for a, words in REVISE_WORDS.items() if said in words)
        return ReviseClause(action, f"proposal {m.group('ord')}")
    if isinstance(request, ProposeClauses) and (revision := _revision_of_a_proposal(text)):
        return revision
    if last.ids and (m := _LIKE_NTH.search(text)):
        chosen = _nth(m.group("ord"), last.ids)
        if chosen:
            like = last.texts.get(chosen, chosen)
            return ProposeClauses(f"a clause like {chosen}: {like}", _kind(chosen), 1)
    if last.ids and (m := _NEXT.match(text)):
        return ShowClause(clause_id=_step(last.ids[0], 1 if m.group("dir")[0] in "nf" else -1))
    if last.ids and (m := _KIND_ONE.match(text)):
        part = " op " if m.group("kind").lower().startswith("op") else " pre "
        chosen = _nth(m.group("ord") or "first", [i for i in last.ids if part in i])
        return ShowClause(clause_id=chosen) if chosen else None
    if last.ids and (m := _NTH.match(text)):
        chosen = last.ids[0] if m.group("that") else _nth(m.group("ord"), last.ids)
        return ShowClause(clause_id=chosen) if chosen else None
    if (m := _HOW_MANY.match(text)) and isinstance(request, FindMentions | FindSimilar):
        what = (m.group("what") or "clauses").lower()
        fact = (
            "count_resolutions"
            if what[:3] in ("res", "dra", "doc", "tex")
            else ("count_mentioning_clauses")
        )
        terms = request.terms if isinstance(request, FindMentions) else ()
        return CorpusFact(fact, request.scope, terms)  # type: ignore[arg-type]
    if not isinstance(request, FindMentions | FindSimilar | CorpusFact):
        return None
    return _narrowed(text, request, reader)


def _narrowed(text: str, request: Request, reader: Reader) -> Request | None:
    m = _NARROW.match(text)
    if m is None or len(text.split()) > 9:
        return None
    scope, rest = scope_of(m.group("rest"), reader.names)
    rest = _FILLER.sub("", rest)
    if not scope.is_empty() and not rest.strip(" ?.!,"):
        return rescoped(request, scope)
    t = _ANOTHER_TERM.match(text)
    if t and isinstance(request, FindMentions | CorpusFact) and scope.is_empty():
        terms = alternatives(t.group("term"))
        if terms and len(t.group("term").split()) <= 6:
            return replace(request, terms=terms)
    return None


def _step(clause_id: str, by: int) -> str:
    """The paragraph ``by`` places after (or before) a clause's numbered paragraph."""
    m = re.match(r"^(?P<head>.+ (?:op|pre) )(?P<n>\d+)", clause_id)
    return f"{m.group('head')}{max(1, int(m.group('n')) + by)}" if m else clause_id


def _nth(said: str, ids: list[str]) -> str | None:
    return nth(said, ids)


def nth(said: str, items: list[T]) -> T | None:
    """The item an ordinal names ('second', '2nd', '#2', 'last'), or None."""
    word = said.lower().lstrip("#")
    n = ORDINALS.get(word) or int(re.sub(r"\D", "", word) or 0)
    if n == -1:
        return items[-1] if items else None
    return items[n - 1] if 0 < n <= len(items) else None


def _kind(clause_id: str) -> Kind:
    return "preambulatory" if " pre " in clause_id else "operative"
