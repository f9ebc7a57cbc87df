"""Reading a chat message into a typed request — deterministic, no model call.

The order of the checks is the order of precedence: a follow-up of the last turn, a
revision, a draft check, a clause or resolution to show, a corpus fact, clauses that
mention something (exhaustive), a request for new clauses, then a ranked search for a
topic. A message with no words that say what is wanted gets ``Clarify`` — never a
drafted clause.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.asking import facts_reading, show_reading
from assistant.asking.followups import Turn, follow_up
from assistant.asking.references import ORDINALS, ResolutionNames
from assistant.asking.requests import (
    CheckDraft,
    Clarify,
    FindMentions,
    FindSimilar,
    Kind,
    ProposeClauses,
    Request,
    ReviseClause,
    Scope,
    rescoped,
)
from assistant.asking.scope_words import read_phrase, scope_of
from assistant.asking.terms import alternatives, every_of, quoted
from assistant.asking.typos import corrected
from assistant.asking.vocabulary import (
    ADDRESSEES,
    MENTION_VERBS,
    NUMBER_WORDS,
    REVISE_WORDS,
    SECTIONS,
    VAGUE,
)
from assistant.revising import ACTIONS
from index.parsing.lexicon import Lexicon
from index.wordforms import STOP_WORDS, WORD

_REVISE = re.compile(
    rf"^\s*(?:(?:please|pls|can\s+you|could\s+you)\s+)?(?P<action>{'|'.join(ACTIONS)})\b"
    r"\s*(?P<rest>.*)$",
    re.I | re.S,
)
# how a revision is said without its action word: 'make op 2 stronger', 'cut op 6 down'
_REVISE_SAID = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for words in REVISE_WORDS.values() for w in words) + r")\b",
    re.I,
)
_NAMED_CLAUSE = re.compile(
    rf"\b(?:clause|op|operative|paragraph|para)s?\.?\s*\d+|:\s*\S"
    rf"|\b(?:{'|'.join(ORDINALS)})\s+(?:operative\s+)?(?:clause|op|paragraph|para|one)\b",
    re.I,
)
_NUMBERED = re.compile(
    rf"\b(?:clause|op|operative|paragraph|para)s?\.?\s*(?P<n>\d+)"
    rf"(?:\s*(?:and|&|,|\+)\s*(?:(?:clause|op|operative|paragraph|para)\.?\s*)?(?P<m>\d+))?"
    rf"|\b(?P<ord>{'|'.join(o for o in ORDINALS if o != 'last')})\s+(?:operative\s+)?"
    rf"(?:clause|op|paragraph|para)\b",
    re.I,
)
_CHECK = re.compile(
    r"\b(?:check|lint|review|proofread|validate|look\s+over|go\s+over)\b.{0,20}\b(?:my|the|this)"
    r"\s+(?:draft|resolution|text|document|paper)\b|\b(?:problems?|issues?|errors?|mistakes?)"
    r"\s+(?:with|in)\s+(?:my|the|this)\s+(?:draft|resolution|text)\b|^\s*(?:check|lint)\s*[.!?]?$",
    re.I,
)
_MENTION_LEAD = re.compile(
    rf"\b(?:{SECTIONS})\s+(?:(?:that|which|where)\s+)?(?:also\s+|explicitly\s+|actually\s+)?"
    rf"(?:{MENTION_VERBS})\s+(?P<term>.+)$"
    rf"|^\s*(?:(?:find|list|show|search|get|give\s+me)\s+(?:me\s+)?)?(?:all\s+|every\s+|the\s+|"
    rf"any\s+)?(?:mentions?|references?|occurrences?|uses?)\s+(?:of|to)\s+(?P<term2>.+)$"
    rf"|^\s*(?:is|are|was|were)\s+(?P<term9>.+?)\s+(?:ever\s+)?(?:mentioned|cited|referenced|"
    rf"named|referred\s+to|used)\b"
    rf"|^\s*where\s+(?:is|are|do(?:es)?|did)\s+(?P<term3>.+?)\s+(?:mentioned|appear|used|"
    rf"come\s+up|referred\s+to|cited)\b"
    rf"|^\s*(?:any|do\s+any|does\s+any)\s+{SECTIONS}\s+(?:{MENTION_VERBS})\s+(?P<term4>.+)$"
    r"|^\s*(?:mentions?|mentioning|refers?\s+to|referring\s+to|cites?|citing)\s+(?P<term6>.+)$"
    r"|^\s*where\s+(?:does|do|did|is|are)?\s*(?:it|they|\S+)?\s*(?:mention|refer\s+to|"
    r"talk\s+about|cite|say\s+anything\s+about)\s+(?P<term7>.+)$"
    rf"|^\s*(?:search|grep|find|look)\s+(?:for\s+)?(?:the\s+(?:word|term|phrase|acronym)\s+)?"
    rf"(?P<term5>[\"“'‘].+)$",
    re.I,
)
_PROPOSE = re.compile(
    r"\b(?:propose|draft|write|suggest|give\s+me|need|add|want|come\s+up\s+with|make|create)"
    r"\b.*\b(?:clauses?|paragraphs?|paras?|preambs?|ops?|alternatives?|versions?|options?)\b"
    r"|\b(?:operative|preambular|preambulatory)\s+clauses?\s+(?:on|about|for|urging|calling)\b"
    r"|^\s*(?:draft|write|propose|suggest)\b",
    re.I,
)
_SIMILAR = re.compile(
    r"\b(?:clauses?|paragraphs?|something|anything|wording|language|examples?|precedents?|"
    r"text)\s+(?:like|similar\s+to|close\s+to|about|on|regarding|concerning|for|dealing\s+with|"
    r"that\s+(?:deal|deals)\s+with|related\s+to)\s+(?P<topic>.+)$"
    r"|^\s*(?:anything|something|precedents?|examples?)\s+(?:on|about|for)\s+(?P<topic2>.+)$",
    re.I,
)
_QUESTION = re.compile(
    r"^\s*(?:which|what|who|where|when|how|why|is|are|does|do|did|can|could|show|find|list|"
    r"search|any)\b|\?\s*$",
    re.I,
)
_BARE_FILLER = re.compile(
    rf"(?:^|\s)(?:in\s+the|in|the)?\s*{SECTIONS}(?=\s|$)|^\s*(?:and|or|also)\s"
    r"|\s(?:mentions?|references?|anywhere|please|pls)\s*[?.!]*$",
    re.I,
)
# 'find Kuwait', 'search for AVRR', 'look up UNDOF': only a term to look for
_FIND = re.compile(
    r"^\s*(?:find|search(?:\s+for)?|look\s+(?:for|up)|grep(?:\s+for)?)\s+(?!.*\blike\b)", re.I
)
_LOOSE_LEAD = re.compile(
    r"^(?:(?:anything|something|things?|stuff|matters?)\s+)?(?:(?:with|involving|regarding|"
    r"concerning|about|on|related\s+to|to\s+do\s+with|relating\s+to|for|of)\s+)+",
    re.I,
)
_VAGUE_OBJECT = re.compile(
    r"\s*(?:to\s+(?:do|act\s+on)\s+)?(?:something|anything|stuff|things?)\s*[?.!]*$"
    r"|\s+in\s+(?:it|them)\s*[?.!]*$",
    re.I,
)
# who speaks before a stance: 'we are deeply concerned …', 'I am alarmed …'
_SPEAKER = re.compile(r"^(?:we\s+are|we['’]re|i\s+am|i['’]m|we|the\s+committee\s+is)\s+", re.I)
_COUNT = re.compile(
    r"\b(\d|one|two|three|four|five|a|an)\s+(?:\w+\s+){0,2}?(?:clauses?|paragraphs?|paras?|"
    r"preambs?|ops?|alternatives?|versions?|options?|more)\b",
    re.I,
)


class Reader:
    """Reads messages over one corpus: its resolution names and its vocabulary."""

    def __init__(
        self,
        names: ResolutionNames,
        knows: Callable[[str], bool] = lambda word: False,
        asks_for_a_stance: Callable[[str], bool] = lambda message: False,
    ) -> None:
        self.names = names
        self.knows = knows
        self.asks_for_a_stance = asks_for_a_stance
        self._lexicon: Lexicon | None = None  # the leading phrases, read when first needed

    def read(self, message: str, last: Turn | None = None) -> Request:
        """The typed request a message makes (``last``: the previous turn, for follow-ups)."""
        said = message.strip()
        text = corrected(said, self.knows)
        if not _has_content(text):
            return Clarify(said)
        if last is not None and (request := follow_up(text, last, self)) is not None:
            return request
        for step in (
            self._revision,
            self._check,
            lambda t: show_reading.show(t, self.names),
            lambda t: facts_reading.fact(t, self),
            self._mentions,
            self._proposal,
            self._bare_term,
            self._similar,
        ):
            request = step(text)
            if request is not None:
                return _about_the_same(request, text, last)
        return Clarify(said)

    # -- the steps ---------------------------------------------------------------------

    def _revision(self, text: str) -> Request | None:
        m = _REVISE.match(text)
        if m:
            action, rest = m.group("action").lower(), m.group("rest")
        elif (said := _REVISE_SAID.search(text)) and _NAMED_CLAUSE.search(text):
            action = next(a for a, words in REVISE_WORDS.items() if said.group(0).lower() in words)
            rest = text
        else:
            return None
        number = _NUMBERED.search(rest)
        if number is None:
            return ReviseClause(action, rest, None)
        if number.group("ord"):
            named = ORDINALS[number.group("ord").lower()]
            target = f"clause {named}"  # 'the third operative clause' as the draft numbers it
        else:
            named = int(number.group("n"))
            both = number.group("m")
            target = f"clauses {named} and {both}" if both else rest  # 'op 2 and op 3'
        return ReviseClause(action, target, named)

    def _check(self, text: str) -> Request | None:
        return CheckDraft() if _CHECK.search(text) else None

    def _mentions(self, text: str) -> Request | None:
        phrase_said = quoted(text)
        scope, rest = scope_of(text, self.names)
        verb, before, after = read_phrase(rest)
        if verb is not None and not _PROPOSE.search(before):
            term = _object_of(after)
            terms = (phrase_said,) if phrase_said else alternatives(term)
            if not phrase_said and _VAGUE_OBJECT.fullmatch(" " + term):
                terms = ()  # 'what does resolution 598 demand (anything)?': every such clause
            return FindMentions(terms, _with(scope, phrase=verb), exact=bool(phrase_said))
        m = _MENTION_LEAD.search(rest)
        if m is None:
            if phrase_said and _QUESTION.search(text):
                return FindMentions((phrase_said,), scope, exact=True)
            return None
        term = next(g for g in m.groups() if g)
        said_before = re.match(r"^\s*(?P<t>[^-–—:]+?)\s*[-–—:]\s", rest)
        if (
            re.fullmatch(r"\s*(?:it|they|them|this|that|these|those)\W*", term, re.I)
            and said_before
        ):
            term = said_before.group("t")  # 'UNDOF (…) - which clauses mention it'
        if phrase_said:
            return FindMentions((phrase_said,), scope, exact=True)
        term = _LOOSE_LEAD.sub("", term.strip())
        if every := every_of(term):
            return FindMentions(every, scope, every=True)
        terms = alternatives(term)
        return FindMentions(terms, scope) if terms else None

    def _bare_term(self, text: str) -> Request | None:
        """Only a term ('AVRR', 'greenhouse gases', 'Mediterranean in the preamble?'):
        every clause that names it (or, when none does, the closest ones)."""
        if _SIMILAR.search(text):
            return None
        scope, rest = scope_of(text, self.names)
        bare = _BARE_FILLER.sub(" ", _FIND.sub("", rest)).strip(" ?.!,")
        name = bare[:1].isupper()  # 'State of Palestine' is a name, not 'state that …'
        if _is_bare_term(bare) and (name or not self.asks_for_a_stance(bare)):
            return FindMentions(alternatives(bare), scope, bare=True)
        return None

    def _proposal(self, text: str) -> Request | None:
        stance = not _QUESTION.search(text) and not _is_name(text) and self.asks_for_a_stance(text)
        if not (_PROPOSE.search(text) or stance):
            return None
        kind = kind_asked(text)
        if stance and not _PROPOSE.search(text) and self._said_as_a_preamble(text):
            kind = "preambulatory"
        return ProposeClauses(text, kind, count_asked(text))

    def _said_as_a_preamble(self, text: str) -> bool:
        """'we are deeply concerned by …', 'recalling the Palermo Protocol': a stance that
        opens with a preambular phrase (and no operative one) asks for a preambular clause."""
        if self._lexicon is None:
            self._lexicon = Lexicon.default()
        said = _SPEAKER.sub("", text.strip())
        found = self._lexicon.match(said[:1].upper() + said[1:])
        return found is not None and found.kind == "preambulatory"

    def _similar(self, text: str) -> Request | None:
        scope, rest = scope_of(text, self.names)
        m = _SIMILAR.search(rest)
        topic = next(g for g in m.groups() if g) if m else rest
        topic = re.sub(r"^(?:which|what|any|show\s+me|find|list)\s+", "", topic.strip(), flags=re.I)
        topic = re.sub(rf"\s+(?:in|of|from)?\s*(?:the\s+)?{SECTIONS}$", "", topic.strip(" ?.!"))
        if not _has_content(topic):
            return None
        short = m and len(WORD.findall(topic)) <= 2 and not m.group("topic2")
        if short:  # 'any clause on land mines': a term; 'anything on seaweed farming': a topic
            return FindMentions(alternatives(topic), scope, bare=True)
        return FindSimilar(topic, scope)


_SAME = re.compile(
    r"\b(?:it|this\s+one|that\s+one|this\s+resolution|that\s+resolution|"
    r"the\s+same\s+(?:one|resolution|draft))\b",
    re.I,
)


def _about_the_same(request: Request, text: str, last: Turn | None) -> Request:
    """'how many operative clauses does it have' after a question about one resolution:
    that resolution."""
    symbol = getattr(getattr(last.request, "scope", None), "symbol", None) if last else None
    symbol = symbol or (getattr(last.request, "symbol", None) if last else None)
    scope = getattr(request, "scope", None)
    follow = re.match(r"^\s*(?:and|what\s+about|how\s+about)\b", text, re.I)
    if symbol and scope is not None and not scope.symbol and (_SAME.search(text) or follow):
        return rescoped(request, Scope(symbol=symbol))
    return request


def kind_asked(text: str) -> Kind:
    """The section a request for clauses asks for (operative unless it says preamble)."""
    return (
        "preambulatory"
        if re.search(r"\bpre-?amb|\bpre\s+(?:clause|para)", text, re.I)
        else "operative"
    )


def count_asked(text: str) -> int:
    """How many clauses a request asks for, 1 to 5."""
    m = _COUNT.search(text)
    if not m:
        return 1
    word = m.group(1).lower()
    return max(1, min(5, int(word) if word.isdigit() else NUMBER_WORDS[word]))


def _object_of(after: str) -> str:
    """'states to ratify the Palermo Protocol' → 'Palermo Protocol'; 'an immediate
    ceasefire' → 'immediate ceasefire'; 'Member States' alone → 'Member States'."""
    rest = ADDRESSEES.sub("", after.strip())
    rest = _VAGUE_OBJECT.sub("", rest)
    if not rest.strip(" ?.!"):
        return after.strip(" ?.!")
    only_verb = re.fullmatch(r"\s*to\s+([a-z]+)\s*[?.!]*", rest, re.I)
    if only_verb:  # 'calling on states to ratify': what they are called on to do
        return only_verb.group(1)
    rest = re.sub(r"^to\s+[a-z]+\s+|^(?:for|that|on|upon)\s+", "", rest, flags=re.I)
    return _LOOSE_LEAD.sub("", rest)


def _is_bare_term(text: str) -> bool:
    """'Mediterranean', 'NGOs', 'AVRR' — a term with no question around it."""
    found = WORD.findall(re.sub(r"\([^()]*\)|\s(?:or|/)\s.*$", "", text, flags=re.I))
    return (
        0 < len(found) <= (7 if _is_name(text) else 4)
        and not _QUESTION.search(text)
        and not re.search(r"\b(?:i|we|you|me|my|our|please|pls)\b", text, re.I)
    )


def _is_name(text: str) -> bool:
    """'State of Palestine', 'Intergovernmental Panel on Climate Change': every word that
    is not a function word is capitalised (a proper name, not an instruction)."""
    found = [w for w in WORD.findall(text) if w.lower() not in STOP_WORDS]
    return len(found) >= 2 and all(w[:1].isupper() for w in found)


def _with(scope: Scope, phrase: str) -> Scope:
    return replace(scope, phrase=phrase)


def _has_content(text: str) -> bool:
    return any(w.lower() not in VAGUE for w in WORD.findall(text))
