"""Step 1 — understand: a delegate's drafting request → a typed clause intent.

"ask the Secretary-General to report back next session" →
``ClauseIntent(stance="Requests", addressee="the Secretary-General",
action="report", rest="at its next session")``. The request's own instruction words
("propose", "a clause", "ask", "please") never reach the clause: they are read here and
dropped. Deterministic, no model call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.drafting import chat_fragments as chat
from assistant.drafting import stances
from assistant.drafting.advisory import advisory_request
from assistant.drafting.proposals import Kind
from assistant.drafting.spoken import strip_instruction, written_form
from assistant.drafting.wording import base_verb, is_base_verb
from index.parsing.lexicon import Lexicon

# "require companies to …": only States can oblige others; the clause addresses them.
_COMPELS = re.compile(
    r"^(?:require|oblige|compel|force|mandate)\s+(?!(?:all\s+)?(?:member\s+)?states\b)"
    r"(?:[\w’'-]+\s+){0,10}?to\s+\w",
    re.I,
)
# "let X do Y": a decision that X may do Y.
_LET = re.compile(r"^let\s+(?!us\b|me\b)(?P<rest>.+)$", re.I)
# "make clear X", "clarify X": the clause affirms that X.
_MAKE_CLEAR = re.compile(
    r"^(?:make\s+(?:it\s+)?clear|clarify|state)\s+(?:that\s+)?(?P<rest>.+)$", re.I
)
# "so that X happens": the clause is to ensure that X happens.
_SO_THAT = re.compile(r"^so\s+that\s+(.+)$", re.I)

# An organ or agency named by its acronym or capitalised name ("IOM", "the Human Rights Council").
_ONE_NAMED = (
    r"(?:the\s+)?(?:[A-Z]{2,}[a-z]?|(?:[A-Z][a-z]+\s+){1,5}(?:Council|Assembly|Commission|"
    r"Organization|Organisation|Office|Programme|Fund|Committee|Agency|Court))\b"
)
# One named body, or several: "IOM", "the Human Rights Council", "IOM, UNHCR and UNICEF".
_NAMED = re.compile(rf"{_ONE_NAMED}(?:\s*,\s*{_ONE_NAMED})*(?:,?\s+and\s+{_ONE_NAMED})?")

_SOMEONE = re.compile(
    r"(?P<who>(?!to\b|that\b)(?!(?:\S+\s+){0,5}?(?:should|must|shall|will|can)\b)"
    r"(?:[\w’'-]+,?\s+){0,10}?[\w’'-]+)(?<!according)(?<!due)(?<!prior)(?<!owing)(?<!regard)"
    r"(?<!respect)(?<!relating)(?<!related)(?<!addition)\s+(?=(?:not\s+)?to\s+\w)",
    re.I,
)
_ACTOR_WORD = re.compile(
    r"\b(?:states|governments|countries|parties|sides|authorities|community|organi[sz]ations|"
    r"agencies|entities|donors|secretariat|members|institutions|stakeholders|partners|"
    r"groups|forces|militias|factions|combatants|enforcement|police|officials|judges|"
    r"prosecutors|employers|companies|businesses|operators|platforms|banks|mediator|envoy|"
    r"representatives?|rapporteurs?|commissioner|adviser|coordinator|registrar|tribunal|"
    r"court|council|commission|committee|board|mission|force|funds|programmes)\b",
    re.I,
)
# "X should Y", "X must Y": a sentence naming who acts.
_SHOULD = re.compile(
    r"^(?P<who>(?:[\w’'-]+\s+){0,5}?[\w’'-]+)\s+(?:should|must|need\s+to|ought\s+to|"
    r"have\s+to)\s+(?P<rest>.+)$",
    re.I,
)
_SHALL = re.compile(r"^(?:[\w’'-]+\s+){1,15}?shall\s+\w", re.I)
_SHOULD_NOT = re.compile(
    r"^(?P<who>(?:[\w’'-]+\s+){0,5}?[\w’'-]+)\s+(?:shouldn['’]?t|should\s+not|must\s+not|"
    r"mustn['’]?t)\s+(?P<rest>.+)$",
    re.I,
)
# "ask the ICJ for an advisory opinion": from whom, what, and what it is about.
_ASKED_FOR = re.compile(
    r"^(?P<who>.+?)\s+for\s+(?P<what>.+?)(?P<about>\s+(?:on|about|regarding|concerning)\s.+)?$"
)
_PROPER_NAME = re.compile(r"(?:the\s+)?(?:[A-Z]{2,}\w*|(?:[A-Z][\w-]+\s+){0,4}[A-Z][\w-]+)$")
# A noun phrase ending in a participle ("border officials trained") is not an addressee,
# unless the participle is one resolutions put after their addressees.
_PARTICIPLE_END = re.compile(
    r"\b(?!(?:concerned|involved|affected|interested|united)$)\w+ed$", re.I
)
# A finite verb at the top of a sentence, and what makes a verb after it subordinate.
_FINITE = re.compile(
    r"\s(?:is|are|was|were|has|have|had|can|cannot|could|will|would|should|must|do\s+not|"
    r"does\s+not|did\s+not|may|might)\s",
    re.I,
)
_MODAL = re.compile(r"\b(?:can|cannot|could|will|would|may|might|should|must)\b", re.I)
_SUBORDINATE = re.compile(
    r"\b(?:who|which|that|whose|whom|where|when|while|as|if|because|so|since|until|unless|"
    r"although|though|once|after|before|whether)\b|,|\(|\s[-–—](?:\s|$)"
)
_NOMINAL_HEADS = frozenset(
    "programmes programs mechanisms centres centers facilities sessions materials courses "
    "opportunities schemes systems services initiatives campaigns networks tools units "
    "workshops partnerships packages frameworks hotlines".split()
)

_TIME = (
    (
        re.compile(
            r"\b(?:back\s+)?(?:at|by|for|in|during|before)?\s*(?:the|its)?\s*next\s+session\b", re.I
        ),
        "at its next session",
    ),
    (
        re.compile(r"\b(?:back\s+)?(?:next|in\s+a)\s+year\b|\bwithin\s+(?:a|one)\s+year\b", re.I),
        "within one year",
    ),
    (re.compile(r"\bannually\b|\bevery\s+year\b|\beach\s+year\b", re.I), "annually"),
)
_SESSION = re.compile(
    r"\b(?:at\s+)?(?:its\s+|the\s+)?([a-z]+-[a-z]+|[a-z]+tieth|[a-z]+th|\d+(?:st|nd|rd|th))\s+session\b",
    re.I,
)


@dataclass(frozen=True)
class ClauseIntent:
    """What a request asks the clause to say, in parts the frames can put together."""

    kind: Kind
    request: str  # as the delegate wrote it
    content: str  # the request without its instruction words
    stance: str | None = None  # the leading phrase the request implies ("Requests"), if any
    addressee: str | None = None  # "the Secretary-General", "Member States"
    action: str | None = None  # a base-form verb phrase: "report", "fund shelters for …"
    object: str | None = None  # a noun phrase or that-clause: "debt bondage of migrant workers"
    when: str | None = None  # "at its next session"
    negated: bool = False
    remain_seized: bool = False
    formula: str | None = None  # a body written in a fixed form (R13: an advisory opinion)

    @property
    def topic(self) -> str:
        """What retrieval searches for and a clause must cover: the content without
        addressee and stance words (a fixed form's body says it in full)."""
        if self.formula:
            return self.formula
        parts = [self.action, self.object] if (self.action or self.object) else [self.content]
        return " ".join(p for p in parts if p)

    @property
    def verbal(self) -> bool:
        return bool(self.action)


def understand(
    request: str, kind: Kind = "operative", lexicon: Lexicon | None = None
) -> ClauseIntent:
    """The clause intent of ``request`` (a clause of ``kind``); with ``lexicon``, a request
    that opens with a leading phrase of that kind ("Noting with concern that …") keeps it."""
    content, reason = chat.reason_and_let(strip_instruction(written_form(request)), kind)
    content = chat.written_english(content)
    so_that = _SO_THAT.match(content)
    if so_that:
        content = "ensure that " + so_that.group(1)
    if re.search(r"\bremain\s+(?:actively\s+)?seized\b", content, re.I):
        return ClauseIntent(
            kind, request, content, "Decides to remain seized of the matter", remain_seized=True
        )
    advisory = advisory_request(content) if kind == "operative" else None
    if advisory:
        return ClauseIntent(kind, request, content, "Decides", formula=advisory)
    text, when = _take_time(content)
    said = _said_as_decision(text, kind, chat.written_english(reason) if reason else None)
    if said is not None:
        return ClauseIntent(kind, request, content, said[0], None, None, said[1], when)
    if _COMPELS.match(text):
        action = " ".join([text.split()[0].lower(), *text.split()[1:]])
        return ClauseIntent(kind, request, content, None, "Member States", action, None, when)
    stance, rest = _phrase_at_start(text, kind, lexicon, request)
    if stance is None:
        stance, rest = _take_stance(text, kind)
    if stance is None and kind == "operative" and _SHALL.match(rest):
        stance, rest = "Decides", "that " + rest  # "states in arrears shall …": a decision
    asked = _asked_for(rest) if stance == "Requests" else None
    if asked:  # "ask the ICJ for an advisory opinion on …"
        return ClauseIntent(kind, request, content, stance, None, None, asked, when)
    addressee: str | None = None
    if not rest.lower().startswith("that "):
        addressee, rest = _should_sentence(rest, stance is None)
    if addressee is None:
        addressee, rest = _take_addressee(rest)
    negated = False
    m = re.match(r"(?:to\s+)?(?:do\s+)?not\s+(.+)$", rest, re.I)
    if m:
        negated, rest = True, m.group(1)
    infinitive = bool(re.match(r"to\s+\w", rest, re.I))  # "to X": X is a verb, known or not
    rest = re.sub(r"^to\s+", "", rest, flags=re.I).strip(" ,;:.")
    if _mentions_report(rest) and addressee == "the Secretary-General":
        rest = re.sub(r"^report(?:\s+back)?\b", "report", rest, flags=re.I)
    first = rest.split()[0] if rest else ""
    verb = base_verb(first) if first else None
    if infinitive and first and not verb:
        verb = first.lower()
    if verb and (infinitive or (is_base_verb(verb) and not _is_noun_use(rest))):
        action = " ".join([verb, *rest.split()[1:]])
        return ClauseIntent(kind, request, content, stance, addressee, action, None, when, negated)
    return ClauseIntent(
        kind,
        request,
        content,
        stance,
        addressee,
        None,
        _as_object(rest) or None,
        when,
        negated,
    )


def _as_object(text: str) -> str:
    """A that-clause, or a noun phrase with the article English needs."""
    that = _as_that_clause(text)
    return that if that.lower().startswith("that ") else chat.with_article(that)


def _as_that_clause(text: str) -> str:
    """A sentence given where a noun phrase goes becomes a that-clause: 'they comply
    fully' → 'that they comply fully'; 'cooperation is growing' → 'that cooperation is
    growing'. A noun phrase ('victims who are …') is left as it is."""
    if not text or re.match(r"(?:that|how|whether|why|what|where|when|if)\b", text, re.I):
        return text
    if re.match(r"(?:they|it|we|he|she|there)\s+\w", text, re.I):
        return "that " + text
    return "that " + text if _is_sentence(text) else text


def _is_sentence(text: str) -> bool:
    """A finite verb at the top level: 'cooperation is growing', not 'States that have …'."""
    m = _FINITE.search(text)
    return bool(m and not _SUBORDINATE.search(text[: m.start()]))


def _asked_for(text: str) -> str | None:
    """'the ICJ for an advisory opinion on X' → 'an advisory opinion from the ICJ on X'."""
    m = _ASKED_FOR.match(text)
    if not m:
        return None
    who = next((w for p, w in stances.ADDRESSEES if re.fullmatch(p, m["who"], re.I)), None)
    if who is None and not _PROPER_NAME.fullmatch(m["who"]):
        return None
    return f"{m['what']} from {who or m['who']}{m['about'] or ''}"


def _said_as_decision(text: str, kind: Kind, reason: str | None) -> tuple[str, str] | None:
    """'let X keep Y' → (Decides, 'that X may keep Y'), with a ``reason`` → (Decides,
    'that as R, X may keep Y'); 'make clear X' → (Affirms, 'that X')."""
    clear = _MAKE_CLEAR.match(text)
    if clear:
        return ("Affirms" if kind == "operative" else "Affirming"), "that " + clear.group("rest")
    let = _LET.match(text)
    if let is None or kind != "operative":
        return None
    decided = chat.let_decision(let.group("rest"), reason)
    return ("Decides", decided) if decided else None


def _phrase_at_start(
    text: str, kind: Kind, lexicon: Lexicon | None, request: str
) -> tuple[str | None, str]:
    """A leading phrase the delegate typed themselves, written as the lexicon has it
    (not a verb the request was rewritten into: 'get X up and running' → 'establish X'
    is an action)."""
    if lexicon is None or not text[:1].isalpha():
        return None, text
    first = text.split()[0].lower()
    if not re.search(rf"\b{re.escape(first)}", request, re.I):
        return None, text
    if first in stances.STANCES or first.split("'")[0] in {v.split()[0] for v in stances.STANCES}:
        return None, text  # an imperative ("urge", "recall"): read as a stance verb
    found = lexicon.match(text, kind)
    if found is None or found.end >= len(text.rstrip(" ,.;")):
        return None, text
    tail = found.written.split()[-1].lower()
    if (
        tail in lexicon.continuations
        and len(found.written.split()) > 1
        and tail in ("that", "to")  # "Noting that …", "Decides to …"; never "Guided by"
    ):
        # "Noting that …": the continuation word belongs to the body
        written = found.written[: -len(tail)].rstrip()
        return _sentence(written), text[len(written) :].strip(" ,")
    phrase = _sentence(found.written)
    m = re.match(
        r"\s*with\s+(?:deep\s+|grave\s+)?(?:alarm|concern|regret|appreciation|satisfaction)\b",
        text[found.end :],
        re.I,
    )
    if m:  # "noting with alarm" is idiomatic even where the lexicon lacks it
        phrase += " " + m.group(0).strip().lower()
        return phrase, text[found.end + m.end() :].strip(" ,")
    return phrase, text[found.end :].strip(" ,")


def _sentence(phrase: str) -> str:
    words = phrase.split()
    return " ".join([words[0].capitalize(), *[w.lower() for w in words[1:]]])


def _take_time(text: str) -> tuple[str, str | None]:
    m = _SESSION.search(text)
    of_session = m is not None and re.search(r"\bof\s*$", text[: m.start()], re.I)
    if m and not of_session and not re.match(r"next$", m.group(1), re.I):
        return (text[: m.start()] + text[m.end() :]).strip(" ,"), f"at its {m.group(1)} session"
    for pattern, phrase in _TIME:
        found = pattern.search(text)
        if found:
            return (text[: found.start()] + text[found.end() :]).strip(" ,"), phrase
    return text, None


def _take_stance(text: str, kind: Kind) -> tuple[str | None, str]:
    """The leading phrase a request verb implies, and the text after that verb."""
    lower = text.lower()
    for adjective in sorted(stances.ADJECTIVES, key=len, reverse=True):
        m = re.match(
            rf"(?:(?:we\s+are|we['’]re|i\s+am|i['’]m|be|being|express(?:ing)?|"
            rf"{stances.BODY}\s+is)\s+)?"
            rf"(?:({stances.INTENSIFIERS})\s+)?{adjective}\s+"
            rf"(?:(?:{'|'.join(stances.ADJECTIVE_PREPS)})\s+)?(.+)$",
            lower,
        )
        if m:
            intensity = m.group(1) or ""
            key = adjective
            if intensity and f"deeply {adjective}" in stances.ADJECTIVES:
                key = f"{'gravely' if intensity == 'gravely' else 'deeply'} {adjective}"
            op, pre = stances.ADJECTIVES.get(key, stances.ADJECTIVES[adjective])
            return (op if kind == "operative" else pre), text[m.start(2) :]
    for verb in sorted(stances.STANCES, key=len, reverse=True):
        words = verb.split()
        forms = "|".join(re.escape(f) for f in _verb_forms(words[0]))
        tail = "".join(rf"\s+{re.escape(w)}" for w in words[1:])
        m = re.match(rf"(?:(?:we|it|the\s+committee)\s+)?(?:{forms}){tail}\b\s*(.*)$", lower)
        if m and m.group(1):
            op, pre = stances.STANCES[verb]
            return (op if kind == "operative" else pre), text[m.start(1) :]
    return None, text


def _verb_forms(verb: str) -> list[str]:
    forms = {verb, verb + "s", verb + "es", verb + "ing", verb + "ed"}
    if verb.endswith("e"):
        forms |= {verb + "d", verb[:-1] + "ing"}
    if verb.endswith("y"):
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    return sorted(forms, key=len, reverse=True)


def _take_addressee(text: str) -> tuple[str | None, str]:
    """An addressee at the start of ``text`` when a to-infinitive follows it."""
    for pattern, written in stances.ADDRESSEES:
        m = re.match(rf"({pattern})\s+(?=(?:to|not\s+to)\s)", text, re.I)
        if m:
            return written, text[m.end() :]
    m = _NAMED.match(text)
    if m and re.match(r"\s+(?:to|not\s+to)\s", text[m.end() :]):
        name = m.group(0).strip()
        return name, text[m.end() :].strip()
    m = _SOMEONE.match(text)  # "the two governments to …", "WHO Member States to …"
    if (
        m
        and _ACTOR_WORD.search(m.group("who"))
        and not _is_sentence(m.group("who") + " ")
        and not _PARTICIPLE_END.search(m.group("who"))  # "officials trained to identify …"
        and not _MODAL.search(m.group("who"))  # "signs that officials can use to …"
        and not (is_base_verb(m.group("who").split()[0]) and "," in m.group("who"))
    ):
        return _as_written(m.group("who").strip()), text[m.end("who") :].strip()
    return None, text


def _as_written(who: str) -> str:
    """An addressee as resolutions write it: 'member states cooperating with …' →
    'Member States cooperating with …', 'UN funds' → 'United Nations funds'."""
    who = re.sub(r"\bmember\s+states\b", "Member States", who, flags=re.I)
    who = re.sub(r"\b(?<!Member )states\b", "States", who)
    who = re.sub(r"\bgovernments\b", "Governments", who)
    who = re.sub(
        r"\blaw\s+enforcement\b(?!\s+(?:agencies|authorities|officials|officers|bodies))",
        "law enforcement authorities",
        who,
    )
    who = re.sub(r"\b(have|has) not yet$", r"\1 not yet done so", who)
    return re.sub(r"\bUN\b", "United Nations", who)


def _should_sentence(text: str, may_address: bool) -> tuple[str | None, str]:
    """'coastal states should pool …' → (coastal states, 'to pool …'); 'victims shouldn't
    be prosecuted' → (None, 'to ensure that victims are not prosecuted')."""
    negative = _SHOULD_NOT.match(text)
    if negative:
        return None, "to ensure that " + _indicative(
            negative.group("who"), negative.group("rest"), True
        )
    positive = _SHOULD.match(text)
    if not positive:
        return None, text
    who = positive.group("who")
    known = next((w for p, w in stances.ADDRESSEES if re.fullmatch(p, who, re.I)), None)
    if may_address and (known or _ACTOR_WORD.search(who)):
        return known or _as_written(who), "to " + positive.group("rest")
    return None, "to ensure that " + _indicative(positive.group("who"), positive.group("rest"))


def _indicative(who: str, rest: str, negated: bool = False) -> str:
    """'victims' + 'be prosecuted' → 'victims are not prosecuted' (a plural subject)."""
    m = re.match(r"be\s+(.+)$", rest, re.I)
    if m:
        return f"{who} are {'not ' if negated else ''}{m.group(1)}"
    return f"{who} {'do not ' if negated else ''}{rest}"


def _mentions_report(text: str) -> bool:
    return bool(re.match(r"report\b", text, re.I))


def _is_noun_use(text: str) -> bool:
    """'support for victims', 'return programmes', 'training of judges': a verb form
    used as a noun (followed by a preposition, or a noun compound)."""
    words = text.lower().split()
    if len(words) < 2:
        return False
    if words[1] in ("for", "of", "to", "from", "and", "or"):
        return True
    return words[0].endswith("ing") and words[1] in _NOMINAL_HEADS
