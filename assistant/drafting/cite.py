"""Step 6 — cite: the precedent clauses that support a proposal, judged independently.

The drafter's wording comes from the request, the frames and the model's ranking; the
citation check looks only at the finished clause and each relevant precedent: a
precedent supports the clause when it is close in meaning (dense cosine of the two
texts, MiniLM by default) *and* shares the clause's key terms (the content words of the
request's topic, without the vocabulary every resolution shares), and it names every
resolution number, year and multi-word proper name the clause names (a clause recalling
resolution 660 (1990) is not supported by one recalling resolution 713, nor one on the
Comprehensive Nuclear-Test-Ban Treaty by one on the Treaty on the Prohibition of Nuclear
Weapons). Whether only precedent of the
clause's own section (preambular or operative) may support it is, like the
cut-offs, chosen on the tuning half of the drafting suite against hand labels
(docs/eval.md). A proposal with no supporting precedent is labelled unprecedented.

Also here: ``[ID]`` markers in a chat model's answer (kept only when they resolve).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.drafting.proposals import Citation
from assistant.drafting.retrieve import Found, PrecedentSearch
from index.clause_ids import normalize_id, section
from index.wordforms import STOP_WORDS, content_words, fold

# A proper name of two capitalised words or more ("Awaza Programme of Action").
NAME = re.compile(
    r"\b[A-Z][\w’'-]*(?:\s+(?:(?:of|the|and|for|on|in|against|to)\s+)*[A-Z][\w’'-]*)+"
)
# Name words every resolution uses: they tell one instrument from another by nothing.
NAME_GENERIC = frozenset(
    "un united nations general assembly security council secretary member states state "
    "resolution resolutions organization organisation international human rights "
    "government governments".split()
)
EXAMPLE = re.compile(
    r"\b(?:like|such\s+as|e\.\s?g\.|for\s+example|for\s+instance)\s+(?:the\s+)?"
    r"(?:[A-Z][\w’'-]*(?:\s+(?:(?:of|the|and|for|on|in|against|to)\s+)*[A-Z][\w’'-]*)*)"
)
NUMBER = re.compile(r"(?<![\w/.,-])(?:\d+/\d+|\d{3,})(?![\w/]|[.,]\d)")  # 660, 1990, 71/167
MARKER = re.compile(r"\s*\[([^\[\]\n]{2,80})\]")
GENERIC = frozenset(
    "member state united nation international resolution general assembly committee "
    "country organization also further encourage urge call upon request recommend invite "
    "support including include order ensure well all relevant effort measure need "
    "importance role present implementation".split()
)


@dataclass(frozen=True)
class SupportRule:
    """The cut-offs of the support check (chosen on the tuning half)."""

    min_cosine: float = 0.40
    min_terms: float = 0.34  # share of the topic's key terms the precedent contains
    limit: int = 1  # citations at most
    margin: float = 9.0  # cite only within this strength of the strongest precedent
    same_kind: bool = True  # cite only precedent of the proposal's section
    names: bool = False  # the precedent must name the clause's proper names (numbers always)


@dataclass(frozen=True)
class Measure:
    """How one precedent relates to a finished clause."""

    clause_id: str
    similarity: float  # dense cosine of the precedent to the request's topic
    cosine: float  # dense cosine of the precedent to the finished clause
    terms: float  # share of the topic's key terms the precedent contains, weighted by rarity
    same_kind: bool  # the precedent is in the proposal's section (preambular / operative)
    preferred: bool = False  # marked by the model that wrote the clause
    numbers_agree: bool = True  # names every resolution number and year the clause names
    names_agree: bool = True  # and every multi-word proper name

    @property
    def strength(self) -> float:
        """How strongly the precedent supports the clause: the ordering chosen on the
        tuning half among five (by cosine, by similarity, by both, by both and terms, by
        terms then cosine; see docs/eval.md)."""
        return self.similarity + self.cosine + 0.5 * self.terms


def select(measures: Sequence[Measure], rule: SupportRule) -> list[Measure]:
    """The precedents ``rule`` accepts as support, strongest first (the one place this is
    decided: the drafter cites with it and ``eval tune`` scores its grid with it)."""
    passing = [
        m
        for m in measures
        if m.cosine >= rule.min_cosine
        and m.terms >= rule.min_terms
        and m.numbers_agree
        and (m.names_agree or not rule.names)
        and (m.same_kind or not rule.same_kind)
    ]
    passing.sort(key=lambda m: (not m.preferred, -m.strength))
    if not passing:
        return []
    best = max(m.strength for m in passing)
    return [m for m in passing if m.strength >= best - rule.margin][: rule.limit]


def key_terms(text: str) -> set[str]:
    """The words a clause's support is judged on (no generic resolution vocabulary)."""
    return {w for w in content_words(text) if w not in GENERIC and not w.isdigit()}


def numbers(text: str) -> set[str]:
    """The resolution numbers and years a text names ('660', '1990', '71/167'; not '1.')."""
    return set(NUMBER.findall(text))


def named(text: str) -> set[str]:
    """What a precedent must name to support ``text``: its resolution numbers and years,
    and the distinctive words of its multi-word proper names ('awaza', 'test', 'ban'). A name
    given as an example ("laws like the Helms-Burton Act") is not what the clause is about."""
    text = EXAMPLE.sub(" ", text)
    words = {
        fold(w)
        for m in NAME.finditer(text)
        for w in re.findall(r"[^\W\d_]+", m.group(0))
        if w[:1].isupper()
    }
    generic = {fold(w) for w in NAME_GENERIC}
    return numbers(text) | {w for w in words if w not in generic and w not in STOP_WORDS}


def names_in(text: str) -> set[str]:
    """Every number and folded word of ``text`` (what ``named`` is checked against)."""
    return numbers(text) | {fold(w) for w in re.findall(r"[^\W\d_]+", text)}


def shared_terms(wanted: set[str], have: set[str]) -> int:
    """How many ``wanted`` terms ``have`` contains, a word matching its longer forms
    ('protect' ~ 'protection', 'fund' ~ 'funding')."""
    return sum(1 for w in wanted if w in have or any(_same_root(w, h) for h in have))


def _same_root(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.startswith(short)


class Citer:
    """Chooses the relevant precedents that support a finished clause."""

    def __init__(self, search: PrecedentSearch, rule: SupportRule | None = None) -> None:
        self.search = search
        self.rule = rule or SupportRule()

    def cite(
        self,
        clause: str,
        topic: str,
        kind: str,
        found: Found,
        preferred: Sequence[str] = (),
    ) -> list[Citation]:
        """Supporting precedents, strongest first (``preferred``: a chat model's own markers)."""
        hits = {h.clause_id: h for h in found.relevant}
        chosen = select(self.measure(clause, topic, kind, found, preferred), self.rule)
        return [
            Citation.from_record(
                m.clause_id, hits[m.clause_id].text, hits[m.clause_id].metadata, m.cosine, m.terms
            )
            for m in chosen
        ]

    def measure(
        self, clause: str, topic: str, kind: str, found: Found, preferred: Sequence[str] = ()
    ) -> list[Measure]:
        """The support measures of every relevant hit for ``clause``."""
        vector = self.search.query_vector(clause)
        terms = key_terms(topic) or key_terms(clause)
        weight = {t: self.search.rarity(t) + 0.1 for t in terms}  # rare terms say more
        total = sum(weight.values())
        wanted = named(_body(clause))
        figures = numbers(clause)
        out = []
        for hit in found.relevant:
            have = key_terms(hit.text)
            matched = [t for t in terms if shared_terms({t}, have)]
            share = sum(weight[t] for t in matched) / total if total else 0.0
            out.append(
                Measure(
                    hit.clause_id,
                    found.similarity.get(hit.clause_id, 0.0),
                    self.search.cosine(hit.clause_id, vector),
                    share,
                    section(hit.clause_id) in (kind, None),
                    hit.clause_id in preferred,
                    figures <= numbers(hit.text),
                    wanted <= names_in(hit.text),
                )
            )
        return out


def _body(clause: str) -> str:
    """A finished clause without its number and leading phrase (whose capitals name nothing)."""
    text = re.sub(r"^\s*\d+\.\s*", "", clause)
    m = re.match(r"\*[^*]+\*\s*", text)
    if m:
        return text[m.end() :]
    words = text.split()
    return " ".join(words[1:]) if words else ""


def extract_markers(text: str, allowed: Sequence[str]) -> tuple[str, list[str], int]:
    """Take ``[ID]`` markers out of ``text``.

    Returns the text without markers, the cited IDs that resolve to ``allowed`` (in
    order, without repeats), and how many markers did not resolve (removed).
    """
    known = {normalize_id(a): a for a in allowed}
    cited: list[str] = []
    removed = 0
    for m in MARKER.finditer(text):
        target = known.get(normalize_id(m.group(1)))
        if target is None:
            removed += 1
        elif target not in cited:
            cited.append(target)
    clean = MARKER.sub("", text)
    clean = re.sub(r"\s+([;:,.])", r"\1", clean)
    return re.sub(r"\s{2,}", " ", clean).strip(), cited, removed
