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


# a resolution named right after a verb of citing is what is looked for, not where:
# 'which paragraphs cite resolution 242', 'which resolutions refer to resolution 338'
_CITING = re.compile(
    r"\b(?:mentions?|mentioning|cites?|citing|refers?\s+to|referring\s+to|references?|"
    r"referencing|recalls?|recalling)\s+(?:the\s+)?$",
    re.I,
)


def read_symbol(
    message: str, names: ResolutionNames, described_too: bool = True
) -> tuple[str | None, str]:
    """A resolution the question restricts to ('in IOM/1/3', 'of resolution 660');
    ``described_too``: also one described in words ('the Haiti debt resolution')."""
    found = [n for n in names.find(message) if not _CITING.search(message[: n.start])]
    described = names.described(message) if not found and described_too else None
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
        rf"explicitly\s+|actually\s+)?(?P<verb>{VERB_PATTERN})\b"
        rf"|^\s*what\s+(?:(?:does|do|did)\s+)?(?:(?:the|it|they|this|that)\s+)?(?:[\w-]+\s+){{0,3}}?"
        rf"(?:also\s+|strongly\s+)?(?P<verb2>{VERB_PATTERN})\b",
        message,
        re.I,
    )
    if not m:
        return None, message, ""
    group = "verb" if m.group("verb") else "verb2"
    verb = re.sub(r"\s+", " ", m.group(group).lower())
    return VERB_FORMS[verb], message[: m.start(group)], message[m.end(group) :]


_YEAR = r"(?:19[4-9]\d|20\d\d)"
_ADOPTED = r"(?:(?:adopted|passed|written|dated|dating|made|issued)\s+)?"
_YEARS = re.compile(
    rf"\b{_ADOPTED}(?:"
    rf"between\s+(?P<a>{_YEAR})\s+and\s+(?P<b>{_YEAR})"
    rf"|(?:in|from|during)\s+the\s+(?P<decade>(?:19[4-9]|20\d)0)['’]?s"
    rf"|(?P<to_excl>older\s+than|before|prior\s+to|earlier\s+than|pre-?)\s*(?P<y1>{_YEAR})"
    rf"|(?P<to_incl>up\s+to|until|till|by|in\s+or\s+before)\s+(?P<y2>{_YEAR})"
    rf"|(?P<from_excl>after|newer\s+than|later\s+than|more\s+recent\s+than|post-?)\s*"
    rf"(?P<y3>{_YEAR})"
    rf"|(?P<from_incl>since|in\s+or\s+after)\s+(?P<y4>{_YEAR})"
    rf"|from\s+(?P<c>{_YEAR})\s*(?:to|-|–)\s*(?P<d>{_YEAR})"
    rf"|(?:in|of|during|from)\s+(?P<y5>{_YEAR})"
    rf")\b",
    re.I,
)


def read_years(message: str) -> tuple[tuple[int | None, int | None], str]:
    """The years a question restricts to ('older than 1970' → up to 1969, 'adopted in
    2023', 'since 2000', 'between 1960 and 1980', 'in the 1990s'), and the rest."""
    m = _YEARS.search(message)
    if m is None:
        return (None, None), message
    g = m.groupdict()
    span: tuple[int | None, int | None]
    if g["a"] or g["c"]:
        lo, hi = sorted((int(g["a"] or g["c"]), int(g["b"] or g["d"])))
        span = (lo, hi)
    elif g["decade"]:
        span = (int(g["decade"]), int(g["decade"]) + 9)
    elif g["y1"]:
        span = (None, int(g["y1"]) - 1)
    elif g["y2"]:
        span = (None, int(g["y2"]))
    elif g["y3"]:
        span = (int(g["y3"]) + 1, None)
    elif g["y4"]:
        span = (int(g["y4"]), None)
    else:
        span = (int(g["y5"]), int(g["y5"]))
    return span, _cut(message, m)


def read_series(message: str, names: ResolutionNames) -> tuple[str | None, str]:
    """A series the question restricts to ('the A/RES/80 ones', 'IOM resolutions')."""
    named = names.series(message)
    if named is None:
        return None, message
    return named.symbol, _cut_span(message, named.start, named.end)


def scope_of(message: str, names: ResolutionNames) -> tuple[Scope, str]:
    """Every scope slot of a message, and what is left of it."""
    symbol, rest = read_symbol(message, names, described_too=names.series(message) is None)
    body, rest = read_body(rest)
    series, rest = read_series(rest, names) if symbol is None else (None, rest)
    (year_from, year_to), rest = read_years(rest)
    kind, rest = read_kind(rest)
    scope = Scope(kind, None, body, symbol, series, year_from, year_to)
    return scope, rest


def _cut_span(message: str, start: int, end: int) -> str:
    return re.sub(r"\s{2,}", " ", f"{message[:start]} {message[end:]}").strip()


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
