"""The terms a mention question is searched by: what was typed, and the forms the exact
engine cannot find on its own — each from explicit data or a written rule, never fuzzy.

* other names listed in ``related_terms`` (a short title and its full one, synonyms,
  an action noun's verb for phrase-led questions);
* a plural in '-oes' that the corpus writes in '-o' ('embargoes' → 'embargo': the
  engine's folding keeps the 'e');
* two or three words the corpus writes as one ('hot line' → 'hotline'), 'UN …' spelled
  'United Nations …', and a 'United Nations …' long form said without it, as UN texts
  name their organs ('United Nations Security Council' → 'Security Council');
* a name with commas in it ('Protocol to Prevent, Suppress and Punish …'): the engine's
  phrases never span a comma, so its longest piece is searched and the whole checked
  against the clause text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.asking.related_terms import acted, same_as
from assistant.asking.requests import FindMentions

_O_PLURAL = re.compile(r"(?<=[a-z]{3})oes\b", re.I)  # 'embargoes', 'vetoes', 'heroes'
_UNITED_NATIONS = re.compile(r"^(?:the\s+)?United\s+Nations\s+(?P<rest>\S+\s+\S.*)$", re.I)


def said_otherwise(request: FindMentions, knows: Callable[[str], bool]) -> tuple[str, ...]:
    """The request's terms, the other names listed for each, each '-oes' plural as the
    corpus writes it, and, for a phrase-led question, the verb of an action noun
    ('demand a withdrawal' → 'withdraw'). ``knows``: whether the corpus has a word."""
    out = list(request.terms)
    for term in request.terms:
        out += same_as(term)
        if request.scope.phrase:
            out += acted(term)
        singular = _O_PLURAL.sub("o", term)
        if singular != term and all(knows(w) for w in singular.split()):
            out.append(singular)
    return tuple(dict.fromkeys(out))


def with_joined(terms: tuple[str, ...], knows: Callable[[str], bool]) -> list[str]:
    """Each term, 'UN …' spelled out, and a two- or three-word term written as one word
    when the corpus writes it so ('hot line' → 'hotline')."""
    out = list(terms)
    for term in terms:
        if re.match(r"UN\s", term):  # 'UN High Commissioner' ~ 'United Nations High …'
            out.append("United Nations " + term[3:])
        parts = term.split()
        joined = "".join(parts)
        if 1 < len(parts) <= 3 and joined.isalpha() and knows(joined):
            out.append(joined)
    return out


def longest_piece(listed: str) -> str:
    """The longest run of a comma-listed name with no comma or 'and' in it ('Protocol to
    Prevent, Suppress and Punish Trafficking in Persons' → 'Punish Trafficking in
    Persons'): what the engine can find whichever way the list is punctuated."""
    pieces = re.split(r"\s*,\s*|\s+and\s+", listed)
    return max(pieces, key=len).strip()


def without_united_nations(variants: list[str]) -> list[str]:
    """A long form that begins 'United Nations' said without it ('UNSC' → 'United
    Nations Security Council' → 'Security Council'); only when two or more words are
    left."""
    return [m.group("rest") for v in variants if (m := _UNITED_NATIONS.match(v))]


def says(text: str, phrase: str) -> bool:
    """Whether ``text`` holds the words of ``phrase`` in order, whatever stands between
    them (spaces, commas, markup)."""
    words = re.findall(r"\w+", phrase)
    pattern = r"\b" + r"\W+".join(re.escape(w) for w in words) + r"\b"
    return bool(words) and re.search(pattern, text, re.I) is not None
