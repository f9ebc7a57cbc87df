"""Chat notes a delegate types around the substance of a request, written as resolution
English: "plus webinars/online forums" → "as well as webinars and online forums",
"police & investigators" → "police and investigators", "… - smooth transition from the
OEWG" → "…, ensuring a smooth transition from the OEWG", "e.g. a, b, c" → "such as a, b
and c", "list of warning signs officials can use" → "a list of warning signs that
officials can use", "X can't attend, so let Y speak" → "that, as X cannot attend, Y may
speak". What cannot be written without guessing ("etc", "and that's great", a pronoun
note in brackets with nothing to refer to) is dropped; nothing is added that the request
does not say (a short form is written out only where the fact guard finds no new name).

``written_english`` runs on a request's content after its instruction words are gone
and its spoken words written out (``spoken``); ``reason_and_let``, ``let_decision`` and
``with_article`` serve the understanding step. Deterministic, no model call.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.drafting.verify import unsupported_facts
from assistant.drafting.wording import gerund, is_base_verb

# -- words --------------------------------------------------------------------------------

# Short forms of the names of the organs, written out where the long form names nothing
# the request does not (the fact guard reads a capitalised run as one name: "GA Hall" stays).
_SHORT_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bmember\s+states\b", re.I), "Member States"),
    (re.compile(r"\bGA\b(?![-'’])"), "General Assembly"),
    (re.compile(r"\bUN\b(?![-'’])(?!\s+Women\b)"), "United Nations"),
)

# -- chatter ------------------------------------------------------------------------------

# Open-list tails and evaluative asides: nothing a resolution could say for them.
_DROP = re.compile(
    r",?\s*\b(?:etc\b\.?|et\s+cetera\b|and\s+so\s+on\b|and\s+so\s+forth\b|and\s+stuff\b|"
    r"and\s+things\s+like\s+that\b|or\s+something(?:\s+like\s+that)?\b|or\s+whatever\b)|"
    r",?\s+and\s+that(?:\s+is|['’]s)\s+(?:really\s+|very\s+|so\s+)?(?:great|good|nice|awesome|"
    r"amazing|welcome|important|positive)\b",
    re.I,
)
# "police, judges, prosecutors etc.": the list closes on its last item.
_OPEN_LIST = re.compile(
    r",\s+(?P<last>[^,;()]+?),?\s+(?:etc\b\.?|et\s+cetera\b|and\s+so\s+(?:on|forth)\b)", re.I
)
# A note in brackets that begins with a pronoun: "(it can fund itself, …)".
_PRONOUN_NOTE = re.compile(r"\s*\((?P<pron>it|they|this|that|which)\s+(?P<note>[^()]+)\)", re.I)
_INSTRUMENT = re.compile(
    r"\b(?:constitution|charter|convention|statute|treaty|protocol|agreement|articles?|"
    r"law|act|resolution|rules|regulations|mandate|framework)\b",
    re.I,
)
_NAME = re.compile(r"\b(?:[A-Z]{2,}[a-z]?|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+)\b")

# -- conjunctions -------------------------------------------------------------------------

_AMPERSAND = re.compile(r"\s+&\s+|(?<=[a-z])&(?=[a-z])")
_PLUS = re.compile(r"(?<![\d\s])(?P<comma>,?)\s+plus\s+(?=[A-Za-z])|^plus\s+", re.I)
_SLASH = re.compile(
    r"(?<![\w./:-])(?P<a>[a-z][a-z-]+)/(?P<b>[a-z][a-z-]+)(?![\w/-]|\.\w)",
)
_EITHER = frozenset("he she him her his hers they them their".split())
_EG = re.compile(
    r"(?:,\s*|\s+|\()\b(?:e\.\s?g\.|eg\.|e\.g|for\s+example|for\s+instance),?\s+", re.I
)
_IE = re.compile(r"(?:,\s*|\s+)\b(?:i\.\s?e\.|ie\.|i\.e),?\s+", re.I)
_BUT_GERUND = re.compile(r",\s+but\s+(?=\w+ing\b)", re.I)
_OUR = re.compile(r"\bour\b(?!\s+own\b)")

_SO_LET = re.compile(r"^(?P<reason>.+?),?\s+so\s+(?:let|allow)\s+(?P<rest>.+)$", re.I)
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|can|cannot|could|will|would|do\s+not|does\s+not|"
    r"did\s+not|may|must|should)\b",
    re.I,
)
_HAVE_DO = re.compile(
    r",?\s+and\s+have\s+(?P<who>(?:the\s+)?[\w-]+(?:\s+of\s+the\s+[\w\s-]+?)?)\s+"
    r"(?P<verb>[a-z]+)\b"
)

# -- noun phrases -------------------------------------------------------------------------

# "warning signs officials can use …": a relative clause without "that".
_REDUCED_RELATIVE = re.compile(
    r"\b(?P<noun>(?!(?:ensures?|makes?|helps?|lets?|means?|says?|shows?|finds?|thinks?|"
    r"feels?|knows?|notes?|believes?|stresses|hopes?|is|was|has|does|as|this|thus|its|"
    r"his|hers|ours|yours|theirs|whereas|unless|besides|across|towards|perhaps)\b)[a-z]+s|"
    r"support|help|information|training|protection|assistance|services|tools)\s+"
    r"(?P<who>officials|people|victims|survivors|migrants|they|police|authorities|judges|"
    r"teachers|doctors|nurses|parents|children|women|girls|workers|inspectors|officers)\s+"
    r"(?=(?:can|could|will|would|may|might|must|should|need|use|face|have|get|report)\b)"
)
_LIST_TAIL = re.compile(
    r"(?P<lead>\b(?:such\s+as|including|namely)\s+)(?P<items>[^,;()]+(?:,\s*[^,;()]+){1,})$",
    re.I,
)
_DASH = re.compile(r"\s+(?:-{1,2}|–|—)\s+|\s+(?:–|—)|(?:–|—)\s+")
_PROCESS = (
    r"(?:smooth|orderly|seamless|rapid|swift|timely|gradual|effective|full|close|better|"
    r"proper|early)?\s*(?:transition|handover|hand-over|coordination|cooperation|continuity|"
    r"follow-up|implementation|participation|oversight|transparency|accountability|"
    r"inclusion|consistency|coherence|complementarity|sustainability|funding|financing)\b"
)
_EVALUATIVE = re.compile(
    r"^(?:(?:a|the|our|my)\s+)?(?:top|high|main|first|key|real|big|huge|very|really|super|"
    r"so|most)?\s*(?:priority|important|urgent|essential|crucial|critical|vital|key|great|"
    r"good|nice|important\s+point|must|asap|now|thanks?|thank\s+you|cheers)\s*[!.]*$",
    re.I,
)
_ASIDE_LEAD = re.compile(
    r"^(?:especially|particularly|notably|in\s+particular|including|such\s+as|namely|"
    r"mainly|mostly|above\s+all|e\.\s?g\.|for\s+example|for\s+instance)\b",
    re.I,
)
_PREPOSITION = re.compile(
    r"^(?:in|at|on|for|with|by|from|under|through|via|within|during|before|after|without|"
    r"across|among|between|against|towards?|into|throughout|beyond)\b",
    re.I,
)
_CONJUNCTION = re.compile(r"^(?:and|or|but|while|whereas)\b", re.I)
_VERB_LEAD = re.compile(r"^(?:do\s+not|don['’]?t|never|always)\b|^[a-z]+\b", re.I)
_IMPERATIVES = frozenset("do get be check avoid tell talk turn keep stay think".split())

# Singular nouns that need an article where a delegate drops it ("list of …" →
# "a list of …"), and the determiners after which none is added.
COUNT_NOUNS = frozenset(
    "list register registry database network mechanism summit conference meeting forum "
    "hotline helpline campaign programme program framework fund ranking system platform "
    "portal centre center plan strategy study review report code body unit office "
    "tribunal court commission committee panel group moratorium ban zone standard index "
    "map toolkit guide handbook manual course curriculum scheme initiative partnership "
    "agreement roadmap mission team division post ambassador envoy rapporteur "
    "representative coordinator award prize label certificate certification assessment "
    "audit survey census inquiry investigation transition process dialogue consultation "
    "handover hand-over workshop seminar session webinar application website tool cap quota "
    "limit tax levy fee target deadline timeline ceasefire cease-fire truce embargo task force "
    "observatory secretariat trust facility compact charter checklist directory "
    "clearinghouse repository registry ombudsman ombudsperson focal point mapping "
    "definition".split()
)
_DETERMINERS = frozenset(
    "a an the this that these those its their his her our my your some any no each every "
    "all both either neither more most further additional increased greater enhanced "
    "such other another many several few much less fewer enough own".split()
)


def written_english(text: str) -> str:
    """``text`` (a request without its instruction words) with its chat fragments
    written out or dropped."""
    for step in _STEPS:
        text = step(text)
    return re.sub(r"\s{2,}", " ", re.sub(r"\s+([,;.])", r"\1", text)).strip(" ,;")


def reason_and_let(text: str, kind: str = "operative") -> tuple[str, str | None]:
    """'the delegation cannot attend, so let its President speak' → ('let its President
    speak', 'the delegation cannot attend'): the decision, and the reason given for it
    (None when ``text`` is not of that form). '… and have X do Y' becomes '… and that X
    shall do Y'. A preambular paragraph decides nothing: 'so let …' is dropped."""
    m = _SO_LET.match(text)
    if not m or not _FINITE.search(m.group("reason")):
        return text, None
    if kind != "operative":
        return m.group("reason").strip(" ,"), None
    rest = _HAVE_DO.sub(lambda h: f", and that {h['who']} shall {h['verb']}", m.group("rest"))
    return "let " + rest, m.group("reason").strip(" ,")


def let_decision(rest: str, reason: str | None = None) -> str | None:
    """'a member behind on its dues keep its vote' → 'that a member behind on its dues
    may keep its vote' (with ``reason``: 'that as R, …': the frames read the word after
    'Decides' to tell a that-clause); None when no verb is found."""
    words = rest.split()
    at = next(
        (
            i
            for i, word in enumerate(words[1:], start=1)
            if is_base_verb(word) and words[i - 1].lower() not in ("to", "may", "can", "will")
        ),
        None,
    )
    if at is None and len(words) > 2 and words[0].lower() in _DETERMINERS:
        third = words[2].strip(",;")
        at = 2 if third.isalpha() and third.islower() else None  # "its President send"
    if at is None and len(words) > 1 and words[0][:1].isupper() and words[1].islower():
        at = 1  # "Palestine speak"
    if at is None:
        return None
    as_ = f" as {reason}," if reason else ""
    return f"that{as_} {' '.join(words[:at])} may {' '.join(words[at:])}"


def with_article(noun_phrase: str) -> str:
    """A singular noun phrase a delegate wrote without a determiner, with the article
    English needs: 'list of warning signs' → 'a list of warning signs', 'international
    conference on peace' → 'an international conference on peace', 'debt bondage of
    migrant workers' → 'the debt bondage of migrant workers'. Plural and proper noun
    phrases, and phrases that already open with a determiner, are left as they are."""
    words = noun_phrase.split()
    if not words or not words[0][:1].islower() or words[0].lower() in _DETERMINERS:
        return noun_phrase
    if re.match(r"(?:that|how|whether|why|what|where|when|if|to|of|for|on|about|by)\b", words[0]):
        return noun_phrase
    for i, word in enumerate(words[:4]):
        w = word.lower().strip(",;")
        after = words[i + 1].lower() if i + 1 < len(words) else ""
        ends = not after or word.endswith(",") or after in _PHRASE_BREAK
        if w in COUNT_NOUNS and ends:
            definite = after in ("of", "by") and _names_its_owner(words[i + 2 :])
            return f"{'the' if definite else _indefinite(words[0])} {noun_phrase}"
        if after == "of" and not w.endswith("s") and w.isalpha() and not w.endswith("ing"):
            return f"the {noun_phrase}"  # "cessation of hostilities", "use of force"
        if not word.isalpha() or not word.islower() or w in _PHRASE_BREAK:
            return noun_phrase
    return noun_phrase


_PHRASE_BREAK = frozenset(
    "of on for to in at with by from under about against between among that which where "
    "who whose organised organized held run led set to".split()
)


def _names_its_owner(words: list[str]) -> bool:
    """'… of the Group of Experts', 'by the Secretary-General': a particular one."""
    text = " ".join(words[:4])
    return bool(re.match(r"(?:the|its)\s+[A-Z]|[A-Z]", text))


def _indefinite(word: str) -> str:
    w = word.lower()
    if re.match(r"(?:uni|use|usu|eu|one|ur)", w):
        return "a"
    if re.match(r"[aeiou]|hour|honest|honou?r", w):
        return "an"
    return "a"


# -- steps --------------------------------------------------------------------------------


def _short_forms(text: str) -> str:
    for pattern, written in _SHORT_FORMS:
        longer = pattern.sub(written, text)
        if not unsupported_facts(_lower_first(longer), [text]):  # it names nothing new
            text = longer
    return text


def _lower_first(text: str) -> str:
    """The fact guard reads 'Recalling General Assembly' as one name; a clause body starts
    after the leading phrase."""
    return text[:1].lower() + text[1:]


def _chatter(text: str) -> str:
    text = _OPEN_LIST.sub(lambda m: f" and {m['last']}", text)
    text = _DROP.sub("", text)
    return _PRONOUN_NOTE.sub(_pronoun_note, text)


def _pronoun_note(m: re.Match[str]) -> str:
    """'articles 26 and 27 of the IOM constitution (it can fund itself)' → '…, under
    which it can fund itself' (the delegate's 'it': the body the instrument names); with
    no instrument and name to refer to: dropped."""
    before = m.string[: m.start()]
    if (
        m.group("pron").lower() == "it"
        and _NAME.search(before[-80:])
        and _INSTRUMENT.search(before[-60:])
    ):
        return f", under which it {m.group('note').strip()}"
    return ""


def _conjunctions(text: str) -> str:
    text = _AMPERSAND.sub(" and ", text)
    text = _PLUS.sub(
        lambda m: ", as well as " if m.group("comma") else " and " if m.start() else "", text
    )
    text = _SLASH.sub(_slash, text)
    text = _EG.sub(lambda m: " (such as " if m.group(0).startswith("(") else ", such as ", text)
    text = re.sub(r"\(\s*\(such as", "(such as", text)
    text = _IE.sub(", namely ", text)
    text = _BUT_GERUND.sub(", while ", text)
    return _OUR.sub("its", text)


def _slash(m: re.Match[str]) -> str:
    a, b = m.group("a"), m.group("b")
    if {a, b} & {"and", "or"} or a == b:
        return m.group(0)
    joiner = "or" if a in _EITHER or b in _EITHER else "and"
    return f"{a} {joiner} {b}"


def _asides(text: str) -> str:
    """A dash aside written as part of the sentence, or dropped."""
    parts = _DASH.split(text, maxsplit=2)
    if len(parts) == 1:
        return text
    head, aside = parts[0].rstrip(" ,"), parts[1].strip(" ,")
    tail = f", {parts[2].strip(' ,')}" if len(parts) > 2 and parts[2].strip(" ,") else ""
    return f"{head}{_aside(aside)}{tail}"


def _aside(aside: str) -> str:
    if not aside or _EVALUATIVE.match(aside):
        return ""
    if _CONJUNCTION.match(aside):
        return f", {aside}"
    if _ASIDE_LEAD.match(aside):
        return f", {aside}"
    if _PREPOSITION.match(aside):
        return f" {aside}"
    items = [i.strip() for i in re.split(r",\s*", aside) if i.strip()]
    if len(items) > 1 and _imperative(items[0]):  # "- do not give out X, Y, do Z, use W"
        steps: list[str] = []
        for item in items:
            if _imperative(item) or not steps:
                steps.append(item)
            else:
                steps[-1] += f", {item}"
        return ", including on " + _series([_gerund_item(i) for i in steps])
    if _FINITE.search(aside):
        return ""  # a sentence of its own: nothing the clause can say for it
    if len(items) == 1 and re.match(rf"^{_PROCESS}", aside, re.I):
        return f", ensuring {with_article(aside)}"
    words = aside.split()
    if len(items) == 1 and len(words) <= 2 and words[-1].lower() in COUNT_NOUNS:
        return ""  # "- new body": a label, not content
    return ", including " + _series(items)


def _imperative(item: str) -> bool:
    m = _VERB_LEAD.match(item)
    if not m:
        return False
    lead = m.group(0).lower()
    return (
        lead.startswith(("do not", "don", "never", "always"))
        or lead in _IMPERATIVES
        or is_base_verb(lead)
    )


def _gerund_item(item: str) -> str:
    m = re.match(r"(?:do\s+not|don['’]?t|never)\s+(\w+)(.*)$", item, re.I)
    if m:
        return f"not {gerund(m.group(1))}{m.group(2)}"
    words = item.split()
    if words[0].lower() == "always":
        words = words[1:]
    rest = " ".join(words[1:])
    rest = re.sub(r"\bif\s+(?:they|you|it|we)\s+can\b", "where possible", rest)
    return " ".join(w for w in (gerund(words[0]), rest) if w)


def _series(items: list[str]) -> str:
    """'a', 'b', 'c' → 'a, b and c' (a last item that already opens with 'and' kept)."""
    items = [
        re.sub(r"^(?:and|or)\s+", "", i) if n == len(items) - 1 else i for n, i in enumerate(items)
    ]
    if len(items) == 1:
        return items[0]
    if re.search(r"\b(?:and|or)\s", items[-1]):  # "a, b and c": already joined
        return ", ".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _lists(text: str) -> str:
    """'such as trauma, heavy debt, disorientation' → '… heavy debt and disorientation'."""
    m = _LIST_TAIL.search(text)
    if not m:
        return text
    items = [i.strip() for i in m.group("items").split(",")]
    if re.search(r"\b(?:and|or)\s", items[-1]):
        return text
    return text[: m.start("items")] + _series(items)


def _relatives(text: str) -> str:
    return _REDUCED_RELATIVE.sub(lambda m: f"{m['noun']} that {m['who']} ", text)


_STEPS: tuple[Callable[[str], str], ...] = (
    _chatter,
    _short_forms,
    _conjunctions,
    _asides,
    _lists,
    _relatives,
)
