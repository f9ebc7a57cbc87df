"""English word forms the drafter needs: base verbs, gerunds, articles.

A small closed list of verbs that open the action of a clause ("Member States to *fund*
…") and the rules that turn a gerund into its verb ("protecting" → "protect") and back
("fund" → "funding").
"""

from __future__ import annotations

import re

BASE_VERBS = frozenset(
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
    "streamline simplify digitize digitise standardize standardise submit present "
    "continue refrain cease stop withdraw comply abide accede sign consult exchange "
    "explore pursue adapt apply maintain sustain scale foster mainstream protect "
    "abolish decriminalize decriminalise ensure expedite accelerate work act "
    "redouble intensify step reinforce bolster boost upscale express detain deport "
    "note welcome recall decide condemn urge request invite call demand deplore regret "
    "reaffirm affirm emphasize emphasise stress underline commend acknowledge".split()
)
_DOUBLED = re.compile(r"([bdgmnprt])\1$")


def is_base_verb(word: str) -> bool:
    return word.lower() in BASE_VERBS


def base_verb(word: str) -> str | None:
    """The base form of a verb we know, from its base, -s, -ing or -ed form."""
    w = word.lower().strip(",;:.")
    if w in BASE_VERBS:
        return w
    candidates: list[str] = []
    if w.endswith("ing") and len(w) > 5:
        stem = w[:-3]
        candidates += [stem, stem + "e"]
        if _DOUBLED.search(stem):
            candidates.append(stem[:-1])
    if w.endswith("ies") and len(w) > 4:
        candidates.append(w[:-3] + "y")
    if w.endswith("es"):
        candidates.append(w[:-2])
    if w.endswith("s"):
        candidates.append(w[:-1])
    if w.endswith("ied"):
        candidates.append(w[:-3] + "y")
    if w.endswith("ed"):
        candidates += [w[:-2], w[:-1]]
    for candidate in candidates:
        if candidate in BASE_VERBS:
            return candidate
    return None


def gerund(verb: str) -> str:
    """'fund' → 'funding', 'provide' → 'providing', 'combat' → 'combating'."""
    v = verb.lower()
    if v.endswith("ie"):
        return v[:-2] + "ying"
    if v.endswith("e") and not v.endswith(("ee", "ye", "oe")):
        return v[:-1] + "ing"
    if re.search(r"[^aeiou][aeiou][bdgmnpt]$", v) and len(v) <= 4:
        return v + v[-1] + "ing"  # 'stop' → 'stopping', 'plan' → 'planning'
    return v + "ing"


def gerund_phrase(action: str) -> str:
    """A verb phrase as a gerund phrase: 'fund shelters' → 'funding shelters'."""
    words = action.split()
    return " ".join([gerund(words[0]), *words[1:]]) if words else action


def sentence_case(phrase: str) -> str:
    """'Further Recommends' → 'Further recommends' (as UN documents write)."""
    words = phrase.split()
    return " ".join([words[0], *[w if w.isupper() else w.lower() for w in words[1:]]])
