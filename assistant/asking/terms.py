"""The term slot of a question: what to look for, with its alternatives.

"UNODC (UN Office on Drugs and Crime)" → UNODC | UN Office on Drugs and Crime;
"the 1951 Refugee Convention / the Convention relating to the Status of Refugees" → two
alternatives; "trafficking or smuggling" → two; a quoted phrase is kept as one exact term.
"HIV/AIDS" stays one term (an unspaced slash between capitals is part of a name).
"""

from __future__ import annotations

import re

_QUOTED = re.compile(r"[\"“”„]([^\"“”„]{2,}?)[\"“”]|(?<![\w])['‘]([^'‘’]{2,}?)['’](?![\w])")
_LEAD_LABEL = re.compile(r"^(?:the\s+)?(?:word|term|phrase|acronym|expression)s?\s+", re.I)
_PAREN = re.compile(r"^(?P<a>[^()]+?)\s*\((?P<b>[^()]+)\)$")
_OR = re.compile(r"\s*,?\s+(?:or|and/or)\s+|\s+/\s+|\s*;\s*", re.I)
_SLASH = re.compile(r"(?<=[a-z]{3})/(?=[a-z]{3})")
_ACRONYM = re.compile(r"[A-Z]{2,}s?")
_TRAIL = re.compile(r"[\s?!.,;:]+$")
_AKA = re.compile(r"\s*,?\s+(?:aka|a\.k\.a\.|also\s+known\s+as|i\.e\.|that\s+is)\s+", re.I)


def quoted(message: str) -> str | None:
    """A phrase the message quotes, if any."""
    m = _QUOTED.search(message)
    return (m.group(1) or m.group(2)).strip() if m else None


_BOTH = re.compile(r"^\s*both\s+(?P<a>.+?)\s+and\s+(?P<b>.+?)\s*$", re.I)


def every_of(term: str) -> tuple[str, ...] | None:
    """'both Iraq and Kuwait' → ('Iraq', 'Kuwait'): terms a clause must all mention."""
    m = _BOTH.match(_TRAIL.sub("", term))
    if m is None:
        return None
    return tuple(_clean(t) for t in (m.group("a"), m.group("b")) if _clean(t)) or None


def alternatives(term: str) -> tuple[str, ...]:
    """The alternatives a term slot names, each cleaned of articles and punctuation."""
    term = _TRAIL.sub("", term.strip().strip("\"'“”‘’"))
    parts: list[str] = []
    for piece in _OR.split(_AKA.sub(" / ", term)):
        piece = _SLASH.sub(" / ", piece)
        for sub in piece.split(" / "):
            m = _PAREN.match(sub.strip())
            expands = m and (
                len(m.group("b").split()) > 1 or re.fullmatch(r"[A-Z]{2,}s?", m.group("b"))
            )
            parts += [m.group("a"), m.group("b")] if m and expands else [sub]
    out: list[str] = []
    for part in parts:
        part = _clean(part)
        if part and part.casefold() not in (o.casefold() for o in out):
            out.append(part)
    return tuple(out)


def _clean(part: str) -> str:
    part = _TRAIL.sub("", part.strip().strip("\"'“”‘’"))
    part = _LEAD_LABEL.sub("", part)
    part = re.sub(r"^(?:the|a|an|any)\s+", "", part, flags=re.I)
    return part.strip()
