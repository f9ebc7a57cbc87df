"""Defect detectors for proposed clauses, written for the evaluation alone.

They share no code with the drafter's own checks (``assistant.drafting.verify``): a
metric that reused the drafter's deciding code could not disagree with it. Each takes a
clause as a user would paste it (``"5. *Requests* the Secretary-General to …;"``) and
returns a message per defect found. Their tests hold known-bad clauses (the ones users
reported) and known-good clauses from adopted resolutions.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable

# Phrases that must be followed by "<someone> to <verb>".
ADDRESSING = (
    "calls upon",
    "calls on",
    "urges",
    "encourages",
    "requests",
    "invites",
    "authorizes",
    "appeals to",
    "directs",
    "instructs",
)
# Phrases that take a noun phrase or a that-clause (never a bare verb or an infinitive).
NAMING = (
    "welcomes",
    "condemns",
    "notes",
    "recalls",
    "recalling",
    "reaffirming",
    "recognizing",
    "recognizes",
    "noting",
    "noting with concern",
    "welcoming",
    "emphasizing",
    "supports",
    "endorses",
    "concerned about",
    "alarmed by",
    "takes note of",
    "calls for",
    "deplores",
)
FORMULAS = {
    "decides to remain seized of the matter",
    "decides to remain actively seized of the matter",
}
ECHO_WORDS = re.compile(
    r"\b(?:propose|proposal|clause|clauses|paragraph|paragraphs|please|operative|"
    r"preambulatory|preambular|preamble|precedent|precedents)\b",
    re.I,
)
# The kind of clause asked for: never part of a clause, even when the request says it.
KIND_WORDS = re.compile(r"operative|preambulatory|preambular|preamble", re.I)
FUNCTION_END = re.compile(
    r"\b(?:and|or|to|of|the|a|an|for|with|by|in|on|at|such|such as|including|which|that|"
    r"as|from|their|its|is|are|be|whose|while)\s*[;,.]?\s*$",
    re.I,
)
BARE_VERBS = frozenset(
    "express ensure provide fund support strengthen establish take adopt develop "
    "promote protect combat prevent urge call request encourage invite condemn welcome "
    "note recall decide".split()
)
ACTORS = re.compile(
    r"\b(?:(?i:states?|governments?|countries|parties|community|organi[sz]ations?|agencies|"
    r"entities|bodies|donors|secretariat|secretary-general|director-general|members|society|"
    r"sector|institutions|"
    r"stakeholders|partners|authorities|council|assembly|commission|committee|office|"
    r"programmes?|funds?|courts?|tribunals?|banks|mission|forces|mediator|envoy|"
    r"representatives?|rapporteurs?|businesses|enterprises|groups|militias|factions)|"
    r"[A-Z]{2,})\b"
)
_HEAD = re.compile(r"^\s*(?:\d+\.\s*)?[*_]{0,2}(?P<phrase>[^*_]+?)[*_]{0,2}\s+(?P<body>.*)$", re.S)


def split_clause(clause: str) -> tuple[str, str]:
    """(phrase, body) of a clause written with an emphasised phrase."""
    m = re.match(r"^\s*(?:\d+\.\s*)?([*_]{1,2})(?P<phrase>.+?)\1\s*(?P<body>.*)$", clause, re.S)
    if m:
        return m.group("phrase").strip(), m.group("body").strip()
    m = _HEAD.match(clause)
    return (m.group("phrase"), m.group("body")) if m else ("", clause)


def missing_complement(clause: str) -> list[str]:
    phrase, body = split_clause(clause)
    p = re.sub(r"^(?:further|also|strongly|once again|deeply|gravely)\s+", "", phrase.lower())
    text = body.strip().rstrip(";,.")
    words = text.split()
    if p in FORMULAS or f"{p} {text}".lower().strip() in FORMULAS:
        return (
            []
            if not text or text.lower().startswith("to remain")
            else [f"'{phrase}' is a formula, but text follows it"]
        )
    if p in ADDRESSING and not (p == "requests" and re.match(r"(?:a|an)\s", text, re.I)):
        # ("Requests a report …", "Requests an advisory opinion …": a request for a thing)
        m = re.match(r"(?P<who>(?:\S+\s+){0,24}?\S+)\s+(?:not\s+)?to\s+\w+", text)
        if not m:
            return [f"'{phrase}' without '<addressee> to <verb>'"]
        if not ACTORS.search(m.group("who")):
            return [f"'{phrase}' addresses '{m.group('who')}', which is not an actor"]
    if p in NAMING and words:
        first = words[0].lower()
        if first == "to" or (
            first in BARE_VERBS and (len(words) < 2 or words[1] not in ("for", "of"))
        ):
            return [f"'{phrase}' followed by a verb ('{words[0]}'), not a noun phrase"]
    inner = re.search(
        r"\bto\s+(provide|give|offer|fund|establish|support|strengthen|promote|ensure)\s+"
        r"(?:\S+\s+){0,6}?(?:States|states|parties|governments|Governments|Secretary-General|"
        r"[A-Z]{2,})\s+to\s+[a-z]+",
        text,
    )
    if inner:
        return [f"'to {inner.group(1)} … to …': an addressee inside an infinitive"]
    second = re.search(r"\band\s+(condemns|supports|urges|requests|decides|welcomes|calls)\b", text)
    if second:
        return [f"a second operative verb '{second.group(1)}': two clauses in one"]
    gerund = re.search(r"\bto\s+(provide|ensure|support|promote|strengthen)\s+(\w+ing)\b", text)
    if gerund and gerund.group(2) not in (
        "funding",
        "training",
        "housing",
        "financing",
        "counselling",
        "counseling",
        "screening",
        "building",
    ):
        return [f"two verbs run together: 'to {gerund.group(1)} {gerund.group(2)}'"]
    return []


def request_echo(clause: str, request: str) -> list[str]:
    _, body = split_clause(clause)
    found = [
        m.group(0)
        for m in ECHO_WORDS.finditer(body)
        if m.group(0).lower() not in request.lower() or KIND_WORDS.fullmatch(m.group(0))
    ]
    opening = re.match(r"\s*(?:please\s+)?(ask|tell|get|make|have)\s+", request, re.I)
    if opening and re.search(rf"\b{opening.group(1)}\b", body, re.I):
        found.append(opening.group(1))
    # the body opens with a label or an imperative the delegate addressed to the assistant
    typed = re.match(
        r"\s*(?:[A-Za-z]{2,10}:\s*)?(ask|tell|get|urge|encourage|invite|call\s+on|recommend|"
        r"request|demand|condemn|welcome|note|recall)\s+(?:the|all|member|states|for|on)\b",
        body,
        re.I,
    )
    label = re.match(r"\s*([A-Za-z]{2,10}):\s", body)
    if typed:
        found.append(typed.group(1))
    elif label:
        found.append(label.group(0).strip())
    return [f"instruction word in the clause: '{w}'" for w in found[:1]]


INFORMAL = re.compile(
    r"\b\w+n['’]t\b|\b\w+['’](?:re|ve|ll|m|d)\b|"
    r"\b(?:dont|doesnt|didnt|isnt|arent|wasnt|werent|havent|hasnt|cant|shouldnt|couldnt|"
    r"wouldnt|ppl|pls|plz|thx|pics|kids|gonna|wanna|asap|rehab|govt|govts)\b|"
    r"\b(?:we|i)\s+(?:are|am|really|feel|think|want|need)\b|\?",
    re.I,
)
# Phrases after which a noun phrase (or an explicit "that") must come, and the
# prepositions some of them need first.
PREPOSITIONS = {
    "guided": ("by",),
    "encouraged": ("by",),
    "alarmed": ("by", "at", "that"),
    "deeply alarmed": ("by", "at", "that"),
    "concerned": ("by", "about", "at", "over", "that"),
    "deeply concerned": ("by", "about", "at", "over", "that"),
    "gravely concerned": ("by", "about", "at", "over", "that"),
    "aware": ("of", "that"),
    "mindful": ("of", "that"),
    "convinced": ("that", "of"),
}
TOP_LEVEL_VERB = re.compile(
    r"\s(?:is|are|was|were|has|have|can|cannot|will|should|must|do\s+not|does\s+not|"
    r"did\s+not)\s",
    re.I,
)
OPENS_CLAUSE = re.compile(
    r"\b(?:that|who|which|whose|whom|where|when|while|how|whether|as|if|"
    r"because|so|since|until|unless|although|once|after|before)\b|,",
    re.I,
)


def informal(clause: str) -> list[str]:
    """Contractions, chat words, first-person feelings or a question: not resolution text."""
    _phrase, body = split_clause(clause)
    m = INFORMAL.search(re.sub(r"[“\"][^”\"]*[”\"]", " ", body))  # a quoted title is not ours
    return [f"informal wording: '{m.group(0)}'"] if m else []


# Chat notes pasted into a clause: symbols and words a delegate types that resolutions
# never use, and the speaker's own person ("we", "our", "you").
CHAT_FRAGMENT = re.compile(
    r"(?P<amp>\s&\s|(?<=[a-z])&(?=[a-z]))|"
    r"(?P<plus>(?<![\d\s])(?:,\s*|\s+)plus\s+(?=[a-z]))|"
    r"(?P<etc>\betc\b\.?|\band\s+so\s+(?:on|forth)\b)|"
    r"(?P<pls>\b(?:pls|plz|thx|thanx|btw|fyi|lol|imo)\b)|"
    r"(?P<running>\bup\s+and\s+running\b|\bhelp\s+get\b)|"
    r"(?P<let>\bso\s+let\b|\blet['’]s\b|\blet\s+us\b)|"
    r"(?P<person>\b(?:we|our|ours|us|you|your|yours|my|mine)\b)|"
    r"(?P<slash>(?<![\w./:-])(?!(?:and|or)/)[a-z]{2,}/(?!(?:and|or)\b)[a-z]{2,}(?![\w/-]))|"
    r"(?P<eg>\be\.\s?g\.|\bi\.\s?e\.)",
)
# A dash that opens an aside and nothing closes: "… in 2026 - smooth transition …"; an
# adopted text's dash goes on with a preposition or a conjunction ("… suspended – for
# Afghanistan …").
DANGLING_DASH = re.compile(
    r"\s[-–—]{1,2}\s(?!(?:for|in|at|on|by|to|from|with|under|within|as|and|or|but|namely|"
    r"including|in\s+particular|particularly|especially|notably|inter\s+alia)\b)",
    re.I,
)
ANY_DASH = re.compile(r"\s[-–—]{1,2}\s")


def chat_fragment(clause: str) -> list[str]:
    """Chat notes left in a clause: '&', 'plus' joining phrases, 'etc', 'pls', 'up and
    running', 'so let', 'we'/'our'/'you', 'webinars/online forums', 'e.g.', or a dash
    aside that no second dash closes."""
    _phrase, body = split_clause(clause)
    text = re.sub(r"[“\"][^”\"]*[”\"]", " ", body)  # a quoted title is not ours
    m = CHAT_FRAGMENT.search(text)
    if m:
        return [f"chat fragment in the clause: '{m.group(0).strip()}'"]
    dash = DANGLING_DASH.search(text)
    if dash and len(ANY_DASH.findall(text)) % 2:
        return [f"a dash aside that nothing closes: '{text[dash.start() :][:30].strip()}'"]
    return []


def sentence_as_object(clause: str) -> list[str]:
    """A phrase that takes a noun phrase followed by a whole sentence without 'that'
    ('*Takes note of* the delegation cannot attend'), or by no preposition it needs
    ('*Guided* the report')."""
    phrase, body = split_clause(clause)
    key = phrase.lower().strip()
    needed = PREPOSITIONS.get(key)
    first = body.split()[0].lower().strip(",;:") if body.split() else ""
    if needed and first not in needed:
        return [f"'{phrase}' needs '{needed[0]}' before its object"]
    if key not in NAMING and key not in PREPOSITIONS:
        return []
    text = " " + re.sub(r"^(?:by|about|at|over|of)\s+", "", body.strip(), flags=re.I)
    verb = TOP_LEVEL_VERB.search(text)
    if verb and not OPENS_CLAUSE.search(text[: verb.start()]):
        return [
            f"a sentence where '{phrase}' needs a noun phrase or 'that': '{verb.group(0).strip()}'"
        ]
    return []


def repetition(clause: str) -> list[str]:
    """A two-word sequence said twice. Numbers are words ("Article 96 of … Article 65 of"
    repeats nothing), and a name is not its common noun ("the General Assembly … the
    general debate"): only a word opening the clause body is compared in lower case."""
    words = [_case(w) for w in re.findall(r"[A-Za-z0-9’'-]+", clause)]
    bigrams = Counter(itertools.pairwise(words))
    stop = {"the", "of", "and", "to", "in", "a", "on", "for", "by"}
    loops = [b for b, n in bigrams.items() if n >= 2 and not {w.lower() for w in b} <= stop]
    return [f"'{' '.join(loops[0])}' repeated"] if loops else []


def _case(word: str) -> str:
    """A word as compared for repetition: names keep their capital, other words do not
    (the leading phrase's capital is dropped: "Calls" and "calls" are one word)."""
    return word if word[:1].isupper() and not word.isupper() and len(word) > 1 else word.lower()


def cut_off(clause: str) -> list[str]:
    text = clause.strip()
    if not text or text[-1] not in ";,.:":
        return ["no closing punctuation"]
    body = text[:-1]
    if FUNCTION_END.search(body):
        return [f"ends on '{body.split()[-1]}'"]
    if body.count("(") != body.count(")"):
        return ["unclosed parenthesis"]
    return []


def invented_facts(clause: str, evidence: Iterable[str]) -> list[str]:
    """Digits, acronyms and capitalised names not in any evidence text (case-insensitive).
    A name written in full is in the evidence when the evidence has its acronym: "the
    International Organization for Migration" for "IOM" (see :func:`spelled_out_words`)."""
    _phrase, body = split_clause(clause)
    texts = list(evidence)
    pool = " ".join(texts).lower()
    # a word opening a quotation ("question: “Are …") is capitalised by position only
    tokens = [
        m.group(0)
        for m in re.finditer(r"\b\d[\d,./]*\b|\b[A-Z][A-Za-z’'-]*\b", body)
        if not (body[max(0, m.start() - 1) : m.start()] in '“"' and m.start() > 0)
        or m.group(0).isupper()
    ]
    tokens = [re.sub(r"['’]s?$", "", t) for t in tokens]  # "Organization's", "Refugees'"
    allowed = {"member", "states", "secretary-general", "general", "assembly", "united", "nations"}
    allowed |= spelled_out_words(body, re.findall(r"\b[A-Z][A-Za-z]*[A-Z]s?\b", " ".join(texts)))
    missing = [t for t in tokens if t.lower() not in allowed and t.lower() not in pool]
    # a body's first word may be capitalised by position only
    first = body.split()[0] if body.split() else ""
    missing = [t for t in missing if not (t == first and not t.isupper())]
    return [f"'{t}' not in the request, the draft or the cited precedent" for t in missing]


# Words a long form may write without giving its acronym a letter.
_LINKS = frozenset("of for on the and against in to de".split())
_NAME_RUN = re.compile(
    r"[A-Z][\w’'-]*(?:\s+(?:(?:of|for|on|the|and|against|in|to|de)\s+)*[A-Z][\w’'-]*)*"
)


def spelled_out_words(text: str, acronyms: Iterable[str], any_case: bool = False) -> set[str]:
    """The words (lower case) of ``text`` that write one of ``acronyms`` in full: a run of
    capitalised words, from one whose initial is the acronym's first letter, whose
    initials (or the initials of hyphenated parts) give the acronym's letters in order —
    "Treaty on the Prohibition of Nuclear Weapons" for "TPNW", "Inter-Agency Coordination
    Group against Trafficking in Persons" for "ICAT". The evaluation's own rule: it
    shares nothing with how the drafter chose to spell a name out. With ``any_case``,
    lower-case long forms count too ("non-governmental organizations" for "NGO")."""
    letters = {re.sub(r"s$", "", a).lower() for a in acronyms if len(a) >= 2}
    out: set[str] = set()
    runs = [text] if any_case else [m.group(0) for m in _NAME_RUN.finditer(text)]
    for run in runs:
        words = re.findall(r"[\w’'-]+", run)
        for start in range(len(words)):
            for acronym in letters:
                end = _spelled_to(words[start:], acronym)
                if end:
                    out |= {w.lower().strip("’'") for w in words[start : start + end]}
                    out |= {re.sub(r"['’]s?$", "", w).lower() for w in words[start : start + end]}
    return out


def _spelled_to(words: list[str], acronym: str) -> int:
    """How many of ``words`` spell ``acronym`` from the first word on (0 if they do not)."""
    if not words or words[0][:1].lower() != acronym[:1]:
        return 0
    i = 0
    for n, word in enumerate(words):
        initials = [p[:1].lower() for p in word.split("-") if p]
        for c in initials:
            if i < len(acronym) and c == acronym[i]:
                i += 1
        if i == len(acronym):
            return _tail_of_name(words, n + 1)
    return 0


def _tail_of_name(words: list[str], end: int) -> int:
    """The name goes on over "in Persons", "of Nuclear Weapons" (not over "and …")."""
    while end < len(words):
        j = end  # (any_case: a lower-case word ends the name)
        while j < len(words) and words[j] in _LINKS and words[j] != "and":
            j += 1
        if j == end or j >= len(words) or not words[j][:1].isupper():
            break
        end = j + 1
    return end


def defects(clause: str, request: str, evidence: Iterable[str]) -> dict[str, list[str]]:
    """Every detector's findings, by detector name (empty lists dropped)."""
    found = {
        "missing-complement": missing_complement(clause),
        "request-echo": request_echo(clause, request),
        "repetition": repetition(clause),
        "cut-off": cut_off(clause),
        "invented-fact": invented_facts(clause, [request, *evidence]),
        "informal": informal(clause),
        "sentence-as-object": sentence_as_object(clause),
        "chat-fragment": chat_fragment(clause),
    }
    return {k: v for k, v in found.items() if v}
