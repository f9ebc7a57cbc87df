"""Step 5 — verify: every candidate clause checked before a user sees it.

A candidate is rejected for any :class:`Defect`: the phrase followed by the wrong
complement (the frames of ``index/data/frames.toml``), two verbs run together, repeated
words, a cut-off ending, the request's instruction words echoed, imperative text
addressed to a model or a citation-like ID in the body (corpus text is data, never
instruction), and — the fact guard — a number, date, month, acronym or capitalised
name that appears in none of the evidence: the request, the user's draft and the
precedent the clause cites.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.drafting.clause_form import DANGLING_WORDS
from assistant.drafting.wording import BASE_VERBS, base_verb
from index.parsing.frames import FrameBook, complement_problem
from index.parsing.lexicon import PhraseKind
from index.wordforms import STOP_WORDS, fold

DEFECT_CODES = (
    "frame",
    "two-verbs",
    "repetition",
    "cut-off",
    "echo",
    "injection",
    "invented-fact",
    "ungrounded",
    "two-clauses",
)
# Capitalised words a clause may use without evidence: how resolutions name their
# addressees and organs.
ALWAYS_ALLOWED = frozenset(
    fold(w)
    for w in (
        "Member States Secretary-General Secretariat General Assembly Security Council "
        "United Nations Governments States Parties Council Assembly Committee Organization"
    ).split()
)
_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|first|second|"
    r"third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\w+tieth|\w+-\w+th"
)
_MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"
_FACT = re.compile(
    rf"\b\d[\d.,/]*%?|\b(?:{_NUMBER_WORDS})\b|\b(?:{_MONTHS})\b|\b[A-Z]{{2,}}s?\b|"
    r"\b[A-Z][A-Za-z’']+(?:-[A-Za-z]+)*(?:\s+(?:(?:of|the|and|for|on|in|against|to)\s+)*"
    r"[A-Z][A-Za-z’']+(?:-[A-Za-z]+)*)*",
)
_INSTRUCTION_ECHO = re.compile(
    r"\b(?:propose|proposal|clauses?|paragraphs?|please|preambulatory|preambular|operative|"
    r"citing|precedents?|draft\s+me|write\s+me)\b",
    re.I,
)
_INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget)\b.{0,40}\b(?:instructions?|previous|above|rules)\b|"
    r"\b(?:your|the)\s+(?:answer|response|reply|output|prompt)\b|\bas\s+an?\s+(?:ai|assistant|"
    r"language\s+model)\b|\byou\s+(?:must|should|are|will)\b|\bsystem\s+prompt\b|"
    r"\b(?:start|begin|end)\s+(?:with|by)\s+(?:the\s+)?word\b|\bas\s+the\s+only\s+precedent\b",
    re.I,
)
_CITATION_LIKE = re.compile(
    r"\[[^\]]{2,80}\]|\b[A-Z][A-Za-z]{1,9}/[\w.]+(?:/[\w.]+)*(?:\s+(?:op|pre|annex)\s+\d+)?|"
    r"\b(?:op|pre)\s+\d+(?:\([a-z]+\))?",
)
_DANGLING = re.compile(rf"\b(?:{DANGLING_WORDS})$", re.I)
_GERUND_AFTER_VERB = re.compile(r"\bto\s+(?P<verb>[a-z]+)\s+(?P<ing>[a-z]+ing)\b", re.I)
_TAKES_GERUND = frozenset("stop start continue consider avoid keep begin cease finish".split())
# A second operative verb joined on ("…, and condemns those who …"): two clauses in one.
_SECOND_CLAUSE = re.compile(
    r"(?:,|;)?\s+and\s+(?:further\s+|also\s+|strongly\s+)?(?P<verb>condemns|supports|urges|"
    r"calls|requests|encourages|invites|decides|welcomes|notes|recognizes|recognises|"
    r"emphasizes|emphasises|stresses|reaffirms|recalls|demands|deplores|endorses|"
    r"recommends|commends|affirms|underlines|appeals)\b",
    re.I,
)


@dataclass(frozen=True)
class Defect:
    """Why a candidate cannot be shown as it is."""

    code: str  # one of DEFECT_CODES
    message: str


class Verifier:
    """Checks a candidate clause (phrase and body) against its frame; the fact guard,
    which needs the cited evidence, is :func:`unsupported_facts`."""

    def __init__(self, frames: FrameBook) -> None:
        self.frames = frames

    def form(self, phrase: str, kind: PhraseKind, body: str, request: str = "") -> list[Defect]:
        """The defects that need no evidence to see."""
        out: list[Defect] = []
        problem = complement_problem(self.frames.frame(phrase, kind), body, BASE_VERBS)
        if problem:
            out.append(Defect("frame", problem))
        out += [Defect("two-verbs", m) for m in _two_verbs(body)]
        second = _SECOND_CLAUSE.search(body)
        if second:
            out.append(
                Defect("two-clauses", f"a second clause begins at '{second.group(0).strip()}'")
            )
        out += [Defect("repetition", m) for m in repetitions(body, request)]
        if _cut_off(body):
            out.append(Defect("cut-off", f"the clause breaks off: '…{body[-30:]}'"))
        echoed = [
            m.group(0)
            for m in _INSTRUCTION_ECHO.finditer(body)
            if m.group(0).lower() not in request.lower()
        ]
        if echoed:
            out.append(
                Defect("echo", f"the request's instruction words are in the clause: {echoed[0]!r}")
            )
        out += [Defect("injection", m) for m in injected_text(body)]
        return out


def unsupported_facts(text: str, evidence: Iterable[str]) -> list[str]:
    """Numbers, dates, acronyms and names in ``text`` that no evidence text contains."""
    pool = " ".join(evidence)
    tokens = [fold(w) for w in re.findall(r"[\w’']+", pool)] + re.findall(r"\d+", pool)
    folded_pool = " " + " ".join(tokens) + " "  # "81st" also gives "81"
    out = []
    for m in _FACT.finditer(text):
        fact = m.group(0).strip()
        words = [fold(w) for w in re.findall(r"[\w’']+", fact)]  # "COVID-19": covid, 19
        if not words or all(w in ALWAYS_ALLOWED or w in STOP_WORDS for w in words):
            continue
        if m.start() == 0 and len(words) == 1 and fact[:1].isupper() and not fact.isupper():
            continue  # the first word of a body is capitalised by position only
        if f" {' '.join(words)} " not in folded_pool:
            out.append(f"'{fact}' is in neither the request, the draft nor the cited precedent")
    return out


def injected_text(text: str) -> list[str]:
    """Text addressed to a model, or citation-like IDs, inside a clause body."""
    out = []
    m = _INJECTION.search(text)
    if m:
        out.append(f"text addressed to a model: '{m.group(0)}'")
    c = _CITATION_LIKE.search(text)
    if c:
        out.append(f"a citation-like ID in the clause text: '{c.group(0)}'")
    return out


def repetitions(text: str, request: str = "") -> list[str]:
    """A repeated three-word sequence, or a content word used three times or more, that
    the request does not repeat itself (the delegate's own wording is theirs to keep)."""
    words = _words(text)
    asked = _words(request)
    asked_grams = Counter(tuple(asked[i : i + 3]) for i in range(len(asked) - 2))
    out = []
    grams = Counter(tuple(words[i : i + 3]) for i in range(len(words) - 2))
    repeated = [
        g for g, n in grams.items() if n > 1 and n > asked_grams[g] and not set(g) <= STOP_WORDS
    ]
    if repeated:
        out.append(f"'{' '.join(repeated[0])}' is repeated")
    counts = Counter(w for w in words if w not in STOP_WORDS and len(w) > 3)
    mine = Counter(asked)
    many = [w for w, n in counts.items() if n >= 3 and n > mine[w]]
    if many:
        out.append(f"'{many[0]}' is used {counts[many[0]]} times")
    return out


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[\w’'-]+", text)]


def _two_verbs(text: str) -> list[str]:
    """'to provide protecting witnesses': a verb followed by another verb's -ing form."""
    out = []
    for m in _GERUND_AFTER_VERB.finditer(text):
        verb, ing = m.group("verb").lower(), m.group("ing").lower()
        if verb in BASE_VERBS and verb not in _TAKES_GERUND and base_verb(ing) in BASE_VERBS:
            out.append(f"two verbs run together: 'to {verb} {ing}'")
    return out


def _cut_off(body: str) -> bool:
    text = body.strip().rstrip(";,.:")
    if not text:
        return False
    if text.count("(") != text.count(")") or text.count("“") != text.count("”"):
        return True
    return bool(_DANGLING.search(text))
