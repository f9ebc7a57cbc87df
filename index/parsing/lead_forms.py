"""Leading phrases recognised by their form when the lexicon does not know them.

A preambular paragraph opens with a participle or an adjective, optionally after an
adverb (*Gravely distressed*, *Fully alarmed*, *Having considered*, *Mindful*); an
operative paragraph opens with a finite verb, optionally after an adverb (*Reinforces*,
*Strongly condemns*, *Entreats*). These guesses are only asked for where a paragraph can
start (the paragraph before has ended), so a capitalised word inside a wrapped sentence
is never read as one.

A transition line such as *The Delegation of Bahrain hereby:* (school MUN style) ends the
preamble: what follows is operative whatever its form.
"""

from __future__ import annotations

import re

# an adverb before the phrase: "Gravely", "Fully", "Further", "Also", "Once again"
_ADVERB = r"(?:[A-Z][a-z]+ly|Further|Also|Once again|Again|Still)"
_ADJECTIVES = (
    "aware|mindful|cognizant|cognisant|conscious|confident|anxious|alert|desirous|eager|"
    "hopeful|grateful|appreciative|sensitive|certain|sure|fearful|apprehensive|"
    "watchful|vigilant|keen|resolute|optimistic|supportive|attentive|respectful|"
    "concerned|alarmed|aggrieved"
)
# "Determining", "Gravely distressed", "Fully cognizant of", "Having considered"
_PARTICIPLE = re.compile(
    rf"^(?:(?P<adverb>{_ADVERB})\s+(?P<low>[a-z]+(?:ing|ed|en)|(?:{_ADJECTIVES}))"
    rf"|(?P<word>[A-Z][a-z]+(?:ing|ed)|(?i:{_ADJECTIVES})))"
    r"(?=[\s,]|$)"
)
# "Reinforces the …", "Strongly condemns …", "Entreats all …"
_VERB = re.compile(
    rf"^(?:{_ADVERB}\s+(?P<low>[a-z]{{2,}}(?<![su]s)s)"
    r"|(?P<word>[A-Z][a-z]+(?<![su]s)(?<!ss)s))"
    r"(?=\s+[a-z(“\"‘'$])"
)
# capitalised words ending in -s that open sentences but are not verbs
_NOT_VERBS = frozenset(
    "this thus has was its states nations members parties governments countries "
    "organizations organisations ngos is does as yes".split()
)
# "Seek to establish …": after a transition line, a bare verb opens an operative clause
_BARE_VERB = re.compile(r"^(?P<word>[A-Z][a-z]{2,})(?=\s+[a-z])")
_NOT_BARE_VERBS = frozenset(
    "the this that these those there their they its such each all any both every our "
    "for with from into upon when where while which who whose although because since "
    "however moreover furthermore therefore thus also and but not member states".split()
)
TRANSITION = re.compile(
    r"^[*_]*(?:we,?\s+)?the\s[^,;]{0,120}?\bhereby\b[*_\s]*[:,;]?[*_\s]*$", re.IGNORECASE
)


def preamble_form(text: str) -> str | None:
    """The opening words of ``text`` when they have the form of a preambular phrase."""
    m = _PARTICIPLE.match(text) if text[:1].isupper() else None
    if m is None:
        return None
    # one capitalised word before another is a name ('United States', 'United Nations')
    if m.group("word") and re.match(r"\s+[A-Z]", text[m.end() :]):
        return None
    return m.group(0)


def operative_form(text: str) -> str | None:
    """The opening words of ``text`` when they have the form of an operative verb."""
    m = _VERB.match(text)
    if m is None:
        return None
    verb = m.group("low") or m.group("word")
    return None if verb.lower() in _NOT_VERBS else m.group(0)


def is_transition(text: str) -> bool:
    """A line between preamble and operative part: 'The Delegation of X hereby:'."""
    return bool(TRANSITION.match(text)) and len(text.split()) <= 20


def bare_verb_form(text: str) -> str | None:
    """A capitalised word that can only be a bare verb here ('Seek to …', 'Ask that …')."""
    m = _BARE_VERB.match(text)
    return m.group(0) if m and m.group("word").lower() not in _NOT_BARE_VERBS else None
