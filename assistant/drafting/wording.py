"""English word forms the drafter needs: base verbs, gerunds, sentence case.

A small closed list of verbs that open the action of a clause ("Member States to *fund*
…") and the rules that turn a gerund into its verb ("protecting" → "protect") and back
("fund" → "funding").
"""

from __future__ import annotations

import re

from index.parsing.frames import ACTION_VERBS as BASE_VERBS

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
