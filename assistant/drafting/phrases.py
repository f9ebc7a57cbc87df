"""Choosing leading phrases: from the request's own verbs, from precedent, by strength.

"propose an operative clause urging reintegration support" → ``Urges``: a word of the
request whose stem matches a lexicon phrase of the wanted kind wins; then the phrases
the retrieved precedent of that kind opens with; then a neutral default.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from index.parsing.lexicon import Lexicon
from index.wordforms import stem

DEFAULTS = {
    "operative": ["Encourages", "Calls upon", "Requests", "Recommends", "Invites", "Urges"],
    "preambulatory": ["Recognizing", "Recalling", "Noting", "Bearing in mind", "Concerned"],
}
# weakest → strongest (revisions move along these ladders)
LADDERS = {
    "operative": [
        "Takes note of",
        "Invites",
        "Recommends",
        "Encourages",
        "Calls upon",
        "Urges",
        "Strongly urges",
        "Demands",
    ],
    "preambulatory": [
        "Noting",
        "Recognizing",
        "Concerned",
        "Deeply concerned",
        "Alarmed by",
        "Gravely concerned",
    ],
}
_NEUTRAL = {
    "clause",
    "clauses",
    "operative",
    "preambulatory",
    "propose",
    "proposing",
    "draft",
    "drafting",
    "write",
    "writing",
    "suggest",
    "give",
    "make",
    "precedent",
    "citing",
}


class PhraseChooser:
    """Picks the leading phrases of proposals."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def from_request(self, request: str, kind: str) -> str | None:
        """A phrase named by a verb of the request ('urging' → 'Urges'), if any."""
        words = [w for w in re.findall(r"[A-Za-z]+", request) if w.lower() not in _NEUTRAL]
        stems = [stem(w) for w in words]
        best: tuple[int, int, str] | None = None  # (-position, length, phrase)
        for phrase in self.lexicon.phrases[kind]:  # type: ignore[index]
            pstems = [stem(w) for w in phrase.split()]
            if pstems[0] in ("also", "further", "strongly", "deeply"):
                continue
            for i in range(len(stems) - len(pstems) + 1):
                if len(words[i]) <= 3:  # "not" is no "Notes"
                    continue
                if stems[i : i + len(pstems)] == pstems:
                    key = (-i, len(pstems), phrase)
                    if best is None or key[:2] > best[:2]:
                        best = key
                    break
        return best[2] if best else None

    def choose(
        self, request: str, kind: str, precedent_phrases: Sequence[str], n: int
    ) -> list[str]:
        """``n`` distinct phrases, best first."""
        out: list[str] = []
        named = self.from_request(request, kind)
        if named:
            out.append(named)
        for phrase, _count in Counter(p for p in precedent_phrases if p).most_common():
            if self.lexicon.kind_of(phrase) == kind and phrase not in out:
                out.append(_canonical_case(phrase))
        for phrase in DEFAULTS[kind]:
            if phrase not in out:
                out.append(phrase)
        unique = list(dict.fromkeys(out))
        return [unique[i % len(unique)] for i in range(n)]

    def stronger(self, phrase: str, kind: str, step: int = 1) -> str:
        """The phrase ``step`` rungs up (negative: down) the ladder of its kind."""
        ladder = LADDERS[kind]
        plain = phrase.strip("*_ ")
        lower = [p.lower() for p in ladder]
        if plain.lower() in lower:
            i = lower.index(plain.lower())
        else:
            i = ladder.index("Encourages") if kind == "operative" else 1
        return ladder[max(0, min(len(ladder) - 1, i + step))]


def _canonical_case(phrase: str) -> str:
    """'Further Recommends' → 'Further recommends' (sentence case, as UN documents write)."""
    words = phrase.split()
    return " ".join([words[0], *[w.lower() for w in words[1:]]])


_TO_VERBS = {
    "urge",
    "encourage",
    "call upon",
    "request",
    "invite",
    "appeal to",
    "recommend",
    "advise",
    "authorize",
    "direct",
    "instruct",
    "remind",
    "demand",
}


def body_lead(phrase: str, kind: str) -> str:
    """How the body conventionally opens after a phrase: 'Member States to', 'the', …

    Writing these words ourselves keeps a small model on the clause's grammar.
    """
    words = [
        w
        for w in phrase.lower().split()
        if w not in ("also", "further", "strongly", "once", "again")
    ]
    base = " ".join(stem(w) for w in words)
    if kind == "operative":
        if any(base == " ".join(stem(w) for w in v.split()) for v in _TO_VERBS):
            return "Member States to"
        return "the"
    if base.endswith(("concern", "alarm", "convinc", "awar", "consciou")) or base in (
        "not",
        "recogniz",
        "emphasiz",
        "stress",
        "affirm",
        "reaffirm",
    ):
        return "that"
    return "the"


_BASE_VERBS = frozenset(
    "provide fund establish create strengthen ensure support adopt share develop expand "
    "promote increase train protect cooperate implement improve invest raise allocate "
    "facilitate consider take set design build enhance prioritize prioritise offer grant make "
    "collect prevent combat end assist help integrate reintegrate coordinate monitor review "
    "report prosecute identify educate finance encourage engage join ratify criminalize "
    "criminalise regulate recognize recognise address reduce eliminate guarantee use teach "
    "warn inform give deliver hold launch run open close reform revise update upgrade "
    "harmonize harmonise align extend renew restore rescue repatriate return resettle "
    "shelter house feed treat screen detect investigate punish sanction ban prohibit "
    "limit restrict require oblige mandate enable empower involve include exclude respect "
    "uphold honour honor safeguard secure defend advocate publish disseminate translate "
    "study research assess evaluate measure track record register certify license "
    "accredit recruit hire employ pay compensate reward refer connect link partner "
    "host organize organise convene participate contribute donate mobilize mobilise "
    "streamline simplify digitize digitise standardize standardise".split()
)
_DETERMINERS = ("the ", "that ", "a ", "an ", "its ", "their ", "all ")


def steer(phrase: str, kind: str, topic: str) -> str:
    """The opening words of the body, built from the request's topic.

    After a to-verb ("Urges"), a verbal topic is used as it is ("Member States to fund
    …") and a nominal one gets "to provide"; after a noun-taking verb ("Calls for") a
    nominal topic stands alone. In the preamble, a phrase ending in a preposition
    ("Alarmed by") takes the topic directly.
    """
    rest = drop_phrase_words(phrase, topic).strip(" ,;:.")
    rest = re.sub(
        r"^(?:all\s+)?(?:member\s+)?(?:states|governments|countries)\s+to\s+", "", rest, flags=re.I
    )
    if not rest:
        return body_lead(phrase, kind)
    negated = re.match(r"^(?:do\s+)?not\s+(.+)$", rest, re.I)
    if negated:
        rest = negated.group(1)
    words = rest.split()
    after = words[1].lower() if len(words) > 1 else ""
    base = _base_form(words[0].lower())
    if base and after not in (
        "for",
        "of",
        "on",
        "in",
        "at",
        "by",
        "with",
        "to",
        "and",
    ):  # "protecting witnesses" → "protect witnesses"
        words[0] = base
        rest = " ".join(words)
    first = words[0].lower()
    verbal = first in _BASE_VERBS
    if kind == "operative":
        if body_lead(phrase, kind) == "Member States to":
            verb = rest if verbal else f"provide {rest}"
            return f"Member States not to {verb}" if negated else f"Member States to {verb}"
        if verbal:
            return f"measures not to {rest}" if negated else f"measures to {rest}"
        return rest
    if re.search(
        r"\b(?:by|about|of|at|to|with|for|in|that)$", phrase, re.I
    ) or rest.lower().startswith(_DETERMINERS):
        return rest
    if verbal:
        return f"the need not to {rest}" if negated else f"the need to {rest}"
    return f"the importance of {rest}"


def _base_form(word: str) -> str | None:
    """The base verb of a gerund we know ('protecting' → 'protect', 'providing' → 'provide')."""
    if not word.endswith("ing") or len(word) < 6:
        return None
    stem_ = word[:-3]
    for candidate in (stem_, stem_ + "e", stem_[:-1] if stem_[-1:] == stem_[-2:-1] else ""):
        if candidate in _BASE_VERBS:
            return candidate
    return None


def drop_phrase_words(phrase: str, topic: str) -> str:  # public: the drafter uses it too
    """The topic without the phrase's own words at its start ('urging …' after Urges)."""
    words = topic.split()
    pstems = [stem(w) for w in phrase.split()]
    i = 0
    while (
        i < len(words)
        and i < len(pstems) + 2
        and (
            stem(words[i].strip(",;:")) in pstems
            or (words[i].lower() in ("upon", "for", "to") and i > 0)
        )
    ):
        i += 1
    return " ".join(words[i:])
