"""The scope slots of a question: section, body, resolution, leading verb.

Each reader finds its slot in the message and returns the message with the words it
used cut out, so that what is left is the term or topic.
"""

from __future__ import annotations

import re

from assistant.asking.references import BODIES, ResolutionNames
from assistant.asking.requests import Kind, Scope
from assistant.asking.vocabulary import SECTIONS, VERB_FORMS, VERB_PATTERN

_OPERATIVE = re.compile(
    r"\b(?:(?:in|among|from|within)\s+(?:the\s+|an?\s+|any\s+)?)?"
    r"(?:operatives?|ops?)\b\s*(?:clauses?|paragraphs?|paras?|parts?|sections?|ones)?"
    r"|\b(?:in|among|from)\s+(?:the\s+)?(?:ops|operatives)\b",
    re.I,
)
_PREAMBLE = re.compile(
    r"\b(?:(?:in|among|from|within)\s+(?:the\s+|an?\s+|any\s+)?)?"
    r"(?:preamb(?:le|ular|ulatory|s)?|pre-?ambular|pre)\s*"
    r"(?:clauses?|paragraphs?|paras?|parts?|sections?|ones)?\b",
    re.I,
)


def read_kind(message: str) -> tuple[Kind | None, str]:
    """The section a question restricts to, and the message without those words."""
    for kind, pattern in (("operative", _OPERATIVE), ("preambulatory", _PREAMBLE)):
        m = pattern.search(message)
        if m and m.group(0).strip():
            if kind == "preambulatory" and m.group(0).strip().lower() == "pre":
                continue
            said = m.group(0).strip()
            keep = "" if re.match(r"(?:in|among|from|within)\b", said, re.I) else "clauses"
            return kind, _cut(message, m, keep)  # type: ignore[return-value]
    return None, message


def read_body(message: str) -> tuple[str | None, str]:
    """A body the question restricts to ('Security Council drafts', 'from the GA')."""
    for body, names in BODIES.items():
        alts = "|".join(re.escape(n) for n in names)
        pattern = re.compile(
            rf"\b(?:(?:from|by|of|in|adopted\s+by|passed\s+by)\s+)?(?:the\s+)?(?:{alts})"
            rf"(?:'s)?\s+{SECTIONS}\b(?!\s*\d)"
            rf"|\b(?:from|by|adopted\s+by|passed\s+by)\s+(?:the\s+)?(?:{alts})\b",
            re.I,
        )
        m = pattern.search(message)
        if m and _is_name(m.group(0), names):
            return body, _cut(message, m, keep=_section_word(m.group(0)))
    return None, message


def read_symbol(message: str, names: ResolutionNames) -> tuple[str | None, str]:
    """A resolution the question restricts to ('in IOM/1/3', 'of resolution 660')."""
    found = names.find(message)
    described = names.described(message) if not found else None
    if not found and described is None:
        return None, message
    n = found[0] if found else described
    assert n is not None
    start = n.start
    lead = re.search(
        r"(?:\b(?:in|of|from|within|for|does|did)\s+)?(?:(?:the\s+)?(?:draft|resolution|"
        r"text|document)\s+)?$",
        message[:start],
        re.I,
    )
    if lead:
        start = lead.start()
    return n.symbol, (message[:start] + " " + message[n.end :]).strip()


def read_phrase(message: str) -> tuple[str | None, str, str]:
    """A leading verb asked about ('which clauses urge …'): its key, the words before it
    and the words after it."""
    m = re.search(
        rf"\b{SECTIONS}\s+(?:(?:that|which|where\s+they|to)\s+)?(?:also\s+|strongly\s+|"
        rf"explicitly\s+|actually\s+)?(?P<verb>{VERB_PATTERN})\b",
        message,
        re.I,
    )
    if not m:
        return None, message, ""
    verb = re.sub(r"\s+", " ", m.group("verb").lower())
    return VERB_FORMS[verb], message[: m.start("verb")], message[m.end("verb") :]


def scope_of(message: str, names: ResolutionNames) -> tuple[Scope, str]:
    """Every scope slot of a message, and what is left of it."""
    symbol, rest = read_symbol(message, names)
    body, rest = read_body(rest)
    kind, rest = read_kind(rest)
    return Scope(kind=kind, body=body, symbol=symbol), rest


def _cut(message: str, m: re.Match[str], keep: str = "") -> str:
    return re.sub(r"\s{2,}", " ", f"{message[: m.start()]} {keep} {message[m.end() :]}").strip()


def _section_word(said: str) -> str:
    m = re.search(rf"{SECTIONS}$", said, re.I)
    return m.group(0) if m else ""


def _is_name(said: str, names: tuple[str, ...]) -> bool:
    """Short names ('SC', 'GA') only count in capitals: 'ga' in a sentence is not one."""
    for name in names:
        m = re.search(rf"\b{re.escape(name)}\b", said, re.I)
        if m:
            return len(name) > 3 or m.group(0).isupper() or name.startswith("un")
    return False
