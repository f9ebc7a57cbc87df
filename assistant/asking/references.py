"""Resolutions and clauses named inside a message.

A resolution is named by its symbol as cited ("IOM/1/4", "sc-660") or as delegates say
it: "resolution 660", "S/RES/660 (1990)", "SCR 660", "A/RES/80/10", "80/10",
"WHA66.11". A clause is named as ``index.clause_ids`` reads IDs ("IOM/1/4 op 8(a)") or
in words: "op 8 of IOM/1/4", "operative paragraph 8 in IOM/1/4", "preambular paragraph 3
of IOM/1/1", "the second operative clause of IOM/1/2".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from index.clause_tree import Resolution
from index.wordforms import content_words

BODIES: dict[str, tuple[str, ...]] = {
    # canonical body → how messages and headers name it (matched as whole words)
    "Security Council": ("security council", "sc", "unsc"),
    "General Assembly": ("general assembly", "ga", "unga"),
    "World Health Assembly": ("world health assembly", "wha"),
    "Human Rights Council": ("human rights council", "hrc"),
    "Economic and Social Council": ("economic and social council", "ecosoc"),
    "Model UN": ("model un", "model united nations", "mun"),
}
# a text with an official symbol was adopted by a UN organ; any other is a Model UN text
_OFFICIAL = re.compile(r"^(?:[AS]/RES/|WHA|E/RES/|A/HRC/|(?:sc|ga|wha)-\d)", re.I)
_NUMBERED = re.compile(
    r"\b(?:(?P<sc>s/res/|(?:un)?scr?\s*|security\s+council\s+resolution\s*)(?P<scn>\d{1,4})"
    r"|(?P<ga>a/res/)?(?P<gas>\d{2})/(?P<gan>\d{1,3})"
    r"|wha\s*(?P<wha>\d{2}\.\d{1,2})"
    r"|res(?:olution)?s?\.?\s+(?P<n>\d{1,4}))\b",
    re.I,
)
_DESCRIBED = re.compile(
    r"\b(?:the|this|that|of|in|from)\s+(?P<desc>(?:[\w'’.()/-]+\s+){0,7}?)(?:draft\s+)?(?:resolution|draft|"
    r"sample|example|text|document|one)s?\b(?P<tail>\s+(?:on|about|for|concerning)\s+"
    r"(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,4})?",
    re.I,
)
_GENERIC = frozenset(
    content_words(
        "un mun model united nations resolution draft sample example text guide last first "
        "second third preambular preambulatory operative paragraph clause clauses paragraphs "
        "how many who sponsored sponsors show me what does say signatories signatory signed "
        "signers cosponsors committee body organ adopted submitted topic subject title"
    )
)
# a run of resolutions named by the start of their symbols: 'the A/RES/80 ones', 'WHA66
# resolutions', 'IOM drafts' (the words after it say it names resolutions)
_SERIES = re.compile(
    r"\b(?:a/res/(?P<ga>\d{2,3})(?![\d/.])|wha\s*(?P<wha>\d{2})(?![\d.])"
    r"|(?P<lead>[a-z][a-z0-9.]*(?:[/-][a-z0-9.]+)*))"
    r"(?=\s*(?:'s\s+)?(?:resolutions?|drafts?|ones|texts?|documents?|series)\b)",
    re.I,
)
_SYMBOL_YEAR = re.compile(r"(?:^|[-_/])(?P<y>19[4-9]\d|20\d\d)(?=$|[-_/])")
_TITLE_YEAR = re.compile(r"\((?P<y>19[4-9]\d|20\d\d)\)")
_FALLBACK = re.compile(r"^(?P<body>sc|ga|wha)-(?P<a>\d+)(?:-(?P<b>\d+))?", re.I)
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "last": -1,
}  # fmt: skip
_ORDINAL = "|".join(ORDINALS)
_OP = r"op(?:erative)?s?\.?|o\.?p\.?"
_PRE = r"pre(?:amb(?:le|ular|ulatory)?s?)?\.?|pp\.?"
_PARA = r"(?:\s+(?:clauses?|paragraphs?|paras?\.?))?"
# sub-clause labels as typed: 'op 8(a)(ii)', 'op 8 (a)', 'op 8a', 'op 8.a.ii'
_SUB = r"(?:\s*\(\s*[a-z0-9]{1,4}\s*\)|(?<=\d)[a-z](?![\w/])|\.(?:[a-z]|[ivx]{2,4})(?![\w/]))*"
_CLAUSE_WORDS = re.compile(
    rf"\b(?:(?P<op>{_OP})|(?P<pre>{_PRE})){_PARA}\s*(?:no\.?\s*|number\s*|#\s*)?(?P<num>\d+)(?P<sub>{_SUB})"
    rf"|\b(?P<ord>{_ORDINAL})\s+(?:(?P<op2>{_OP})|(?P<pre2>{_PRE})){_PARA}"
    rf"|\b(?:paragraph|para\.?|clause)\s*(?P<num2>\d+)(?P<sub2>{_SUB})",
    re.I,
)


@dataclass(frozen=True)
class Named:
    """A resolution named in a message, and where."""

    symbol: str
    start: int
    end: int


@dataclass(frozen=True)
class ClauseRef:
    """A clause named in words: its section, number (or ordinal) and sub-clause labels."""

    section: str | None  # "op" | "pre" | None (a bare 'paragraph 3' reads as operative)
    number: int
    labels: tuple[str, ...]
    start: int
    end: int


def is_model_un(resolution: Resolution) -> bool:
    """Whether a text is a Model UN draft: it has no official UN document symbol."""
    return is_model_un_symbol(resolution.symbol)


def body_of(resolution: Resolution) -> str | None:
    """The organ a resolution is addressed from (or, for a Model UN draft, simulates),
    read from its header, opening line or symbol."""
    said = " ".join(
        s for s in (resolution.opening, resolution.body, resolution.topic, resolution.symbol) if s
    ).casefold()
    for body, names in BODIES.items():
        if names[0] in said:
            return body
    if re.match(r"s/res/|sc-", resolution.symbol, re.I):
        return "Security Council"
    if re.match(r"a/res/|ga-", resolution.symbol, re.I):
        return "General Assembly"
    if re.search(r"\bwha\s*\d", said):
        return "World Health Assembly"
    return resolution.body


def year_of(resolution: Resolution) -> int | None:
    """The year a resolution was adopted (a Model UN draft: written): a year in its
    symbol ('kingmun-2018-…'), '(1990)' after its number in its header or title, or its
    session — General Assembly session N opens in 1945 + N, World Health Assembly N meets
    in 1947 + N. None when the text does not say."""
    m = _SYMBOL_YEAR.search(resolution.symbol)
    if m and is_model_un(resolution):
        return int(m.group("y"))
    said = " ".join(s for s in (resolution.topic, resolution.body, resolution.opening) if s)
    m = _TITLE_YEAR.search(said)
    if m:
        return int(m.group("y"))
    for key in sorted(_keys_of(resolution)):
        if key.startswith("ga:"):
            return 1945 + int(key[3:].split("/")[0])
        if key.startswith("wha:"):
            return 1947 + int(key[4:].split(".")[0])
    return None


def in_series(resolution: Resolution, series: str) -> bool:
    """Whether a resolution is of a series: a session ('ga:80/', 'wha:66.') or the start
    of its symbol ('IOM/', 'tnymca-')."""
    if re.match(r"(?:ga|wha|sc):", series):
        return any(k.startswith(series) for k in _keys_of(resolution))
    return resolution.symbol.casefold().startswith(series.casefold())


class ResolutionNames:
    """Every way a message can name each resolution of a corpus."""

    def __init__(self, resolutions: list[Resolution]) -> None:
        self.symbols = [r.symbol for r in resolutions]
        self._keys: dict[str, str] = {}
        for r in resolutions:
            for key in _keys_of(r):
                self._keys.setdefault(key, r.symbol)
        tails = _printed_tails(self.symbols)
        by_length = sorted([*self.symbols, *tails], key=len, reverse=True)
        self._symbol = re.compile(
            "|".join(rf"(?<![\w/]){_spaced(s)}(?![\w/])" for s in by_length) or r"(?!x)x", re.I
        )
        self._canonical = {s.casefold(): s for s in self.symbols}
        self._loose = {_loose(s): s for s in self.symbols}
        self._loose.update({_loose(t): s for t, s in tails.items() if _loose(t) not in self._loose})
        self._words = {r.symbol: _name_words(r) for r in resolutions}

    def _typed(self, said: str) -> str | None:
        """The symbol a typed form names ('iom 1/3' → 'IOM/1/3')."""
        key = re.sub(r"\s+", "", said).casefold()
        if key in self._canonical:
            return self._canonical[key]
        return self._loose.get(_loose(said))

    def described(self, message: str) -> Named | None:
        """The resolution a message describes ('the Haiti independence debt resolution',
        'the KingMUN draft', 'the CIMUN financing for development sample'): the one whose
        symbol, topic and text hold most of the describing words, weighted by how few
        resolutions hold each, when it clearly beats the next best."""
        m = _DESCRIBED.search(message)
        if m is None or not self._words:
            return None
        named = [w for w in content_words(m.group("desc")) if w not in _GENERIC]
        said = named or [w for w in content_words(m.group("tail") or "") if w not in _GENERIC]
        if not said:
            return None
        n = len(self._words)
        weight = {w: math.log(1 + n / (1 + sum(w in ws for ws in self._words))) for w in said}
        scores = sorted(
            ((sum(weight[w] for w in said if w in ws), s) for s, ws in self._words.items()),
            reverse=True,
        )
        best, second = scores[0][0], scores[1][0] if len(scores) > 1 else 0.0
        if best <= 0 or best < 0.5 * sum(weight.values()) or best < 1.3 * second:
            return None
        start = m.start()
        for w in re.finditer(r"[\w'’.()/-]+", m.group(0)):
            if set(content_words(w.group(0))) - _GENERIC:
                start = m.start() + w.start()
                break
        lead = re.search(r"(?:\b(?:the|of|in|from)\s+)+$", message[:start], re.I)
        return Named(scores[0][1], lead.start() if lead else start, m.end())

    def series(self, message: str) -> Named | None:
        """A series of resolutions a message names ('the A/RES/80 ones' → 'ga:80/', 'IOM
        resolutions' → 'IOM/'): a session, or the start of two or more symbols."""
        for m in _SERIES.finditer(message):
            if m.group("ga"):
                return Named(f"ga:{m.group('ga')}/", *m.span())
            if m.group("wha"):
                return Named(f"wha:{m.group('wha')}.", *m.span())
            lead = m.group("lead").casefold()
            starts = [s for s in self.symbols if re.match(rf"{re.escape(lead)}[/-]", s, re.I)]
            if len(starts) >= 2 and lead not in self._canonical:
                return Named(starts[0][: len(lead) + 1], *m.span())
        return None

    def find(self, message: str) -> list[Named]:
        """The resolutions a message names, in order."""
        found = [
            Named(symbol, *m.span())
            for m in self._symbol.finditer(message)
            if (symbol := self._typed(m.group(0))) is not None
        ]
        taken = [(n.start, n.end) for n in found]
        for m in _NUMBERED.finditer(message):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            symbol = self._keys.get(_key(m))
            if symbol:
                found.append(Named(symbol, *m.span()))
        return sorted(found, key=lambda n: n.start)


def _loose(symbol: str) -> str:
    return re.sub(r"[\s/-]+", "", symbol).casefold()


def _printed_tails(symbols: list[str]) -> dict[str, str]:
    """The symbol printed in a text cited by its file name: the end of the file name from
    a word with a number after it ('tnymca-munb-2023-rga-23-1-4' was printed
    'RGA/23-1-4'), typed with '/', '-' or spaces; kept only when one symbol ends so."""
    found: dict[str, list[str]] = {}
    for symbol in symbols:
        if not is_model_un_symbol(symbol):
            continue
        parts = symbol.split("-")
        for n in range(1, len(parts) - 1):
            tail = parts[n:]
            if tail[0].isalpha() and len(tail[0]) >= 2 and any(p[:1].isdigit() for p in tail):
                found.setdefault("-".join(tail), []).append(symbol)
    return {tail: owners[0] for tail, owners in found.items() if len(set(owners)) == 1}


def is_model_un_symbol(symbol: str) -> bool:
    """Whether a symbol is not an official UN document symbol."""
    return not _OFFICIAL.match(symbol)


def _name_words(r: Resolution) -> frozenset[str]:
    """The words a description of a resolution may use: symbol, topic, body, text."""
    said = [r.symbol.replace("-", " ").replace("/", " "), r.topic or "", r.body or ""]
    said += [c.text for c in r.clauses()]
    return frozenset(content_words(" ".join(said)))


def find_clause_ref(message: str) -> ClauseRef | None:
    """The first clause named in words ('op 8(a)', 'second operative', 'paragraph 3')."""
    m = _CLAUSE_WORDS.search(message)
    if not m:
        return None
    if m.group("ord"):
        part = "op" if m.group("op2") else "pre"
        return ClauseRef(part, ORDINALS[m.group("ord").lower()], (), *m.span())
    number = int(m.group("num") or m.group("num2"))
    section = "op" if m.group("op") else "pre" if m.group("pre") else None
    labels = tuple(re.findall(r"[a-z0-9]+", (m.group("sub") or m.group("sub2") or "").lower()))
    return ClauseRef(section, number, labels, *m.span())


def _spaced(symbol: str) -> str:
    """A symbol as typed: any case, spaces anywhere, its first '/' or '-' said as a space
    or as the other one ('iom 1/3', 'GA 3/1.1', 'RGA/23-1-4' for 'rga-23-1-4')."""
    chars = [c for c in symbol if not c.isspace()]
    out, first = [], True
    for c in chars:
        if c in "/-" and first:
            out.append(r"(?:\s*[/-]\s*|\s+)")
            first = False
        else:
            out.append(re.escape(c))
    return r"\s*".join(out)


def _keys_of(r: Resolution) -> set[str]:
    keys = set()
    said = " ".join(s for s in (r.symbol, r.body or "", r.topic or "") if s)
    for m in _NUMBERED.finditer(said):
        keys.add(_key(m))
    f = _FALLBACK.match(r.symbol)
    if f:
        body, a, b = f.group("body").lower(), f.group("a"), f.group("b")
        keys.add(f"sc:{int(a)}" if body == "sc" else f"ga:{a}/{b}" if body == "ga" else "")
        if body == "wha" and b:
            keys.add(f"wha:{a}.{b}")
    keys.discard("")
    return keys


def _key(m: re.Match[str]) -> str:
    if m.group("scn"):
        return f"sc:{int(m.group('scn'))}"
    if m.group("gan"):
        return f"ga:{m.group('gas')}/{int(m.group('gan'))}"
    if m.group("wha"):
        return f"wha:{m.group('wha')}"
    return f"sc:{int(m.group('n'))}"  # 'resolution 660' means a numbered SC resolution
