"""Exhaustive mention search: every clause that names a term, never the top k.

"Which drafts mention AVRR?" needs an exact answer. ``MentionSearch`` is built once over
a corpus: an inverted index from folded words (``index.search.acronyms.fold``: case, plural,
British/American spelling) to the clauses that hold them, plus each clause's folded words
and their character spans. A query becomes a small automaton of alternatives:

* the query words, each folded;
* an acronym's long forms and a long form's acronym (``AcronymTable``), so "AVRR" also
  finds "Assisted Voluntary Return and Reintegration" and the other way round;
* hyphen and word-break variants: "anti-trafficking" ~ "anti trafficking" ~
  "antitrafficking" (compounds are learned from the hyphenated words of the corpus);
* an all-capitals query word that is also an ordinary word ("WHO", "US") only matches
  all-capitals text.

Candidate clauses come from the postings of the rarest word of each alternative; each
candidate is then checked word by word, so the answer is exact. Consecutive words of a
phrase may be separated by spaces, line breaks or a hyphen, never by a comma or a full
stop. A clause's hit is on its own text: a sub-clause is reported under its own ID.
"""

from __future__ import annotations

import logging
import re
import sys
from array import array
from typing import NamedTuple

from index.clause_tree import Corpus
from index.search.acronyms import AcronymTable
from index.search.mention_parts import ClauseLists, ClauseRows, MentionParts, Postings, Surfaces
from index.search.mention_results import MentionHit, MentionResult
from index.wordforms import HYPHENS, STOP_WORDS, Tokenizer

log = logging.getLogger(__name__)

PREFIXES = tuple(re.findall(r"\w+", "anti counter cross cyber intra multi non self semi socio"))
_ORDINARY = STOP_WORDS | frozenset(
    re.findall(r"\w+", "all am as be can do he is it may me my no so up us we who will aids")
)
_HYPHEN = re.compile(f"[{re.escape(''.join(sorted(HYPHENS)))}]")
_GAP = re.compile(r"(?:['’]s)?(?:\s*[-‐‑–—/&]\s*|\s+)|\.|")
_MAX_PATHS = 256
_MAX_SPAN = 12


class _Edge(NamedTuple):
    to: int
    word: str
    upper: bool  # only an all-capitals occurrence counts
    surface: str


class _Automaton:
    """Alternatives of a query as word edges from node 0 to node 1."""

    def __init__(self) -> None:
        self.edges: dict[int, list[_Edge]] = {}
        self._count = 2

    def chain(self, a: int, b: int, items: list[tuple[str, bool, str]]) -> None:
        """Words in a row from node ``a`` to node ``b``."""
        for n, (word, upper, surface) in enumerate(items):
            to = b if n == len(items) - 1 else self._new()
            edge = _Edge(to, sys.intern(word), upper, surface)
            if edge not in self.edges.setdefault(a, []):
                self.edges[a].append(edge)
            a = to

    def _new(self) -> int:
        self._count += 1
        return self._count - 1

    def nodes(self, a: int, b: int, n: int) -> list[int]:
        """Nodes for positions 0..n of an n-word phrase from node ``a`` to node ``b``."""
        return [a, *(self._new() for _ in range(n - 1)), b]

    def paths(self, limit: int) -> list[list[_Edge]] | None:
        """Every path from 0 to 1, or None if there are more than ``limit``."""
        out: list[list[_Edge]] = []
        stack: list[tuple[int, list[_Edge]]] = [(0, [])]
        while stack:
            node, path = stack.pop()
            if node == 1:
                out.append(path)
                if len(out) > limit:
                    return None
                continue
            stack += [(e.to, [*path, e]) for e in reversed(self.edges.get(node, []))]
        return out


class MentionSearch:
    """An inverted index of a corpus's clauses for exact, exhaustive mention search."""

    def __init__(
        self,
        corpus: Corpus,
        acronyms: AcronymTable | None = None,
        tokenizer: Tokenizer | None = None,
    ) -> None:
        self._tok = tokenizer or Tokenizer()
        if acronyms is None:
            acronyms = AcronymTable(self._tok)
            acronyms.learn(corpus)
        self.acronyms = acronyms
        lists = ClauseLists()
        self._clauses: ClauseRows = lists
        self._postings: Postings = {}  # folded word -> clauses holding it, ascending
        self._compounds: dict[str, tuple[str, ...]] = {}
        self._symbols = [r.symbol for r in corpus.resolutions]
        self._titles = {r.symbol: r.topic for r in corpus.resolutions if r.topic}
        for n, res in enumerate(corpus.resolutions):
            for clause in res.clauses():
                self._add(lists, n, clause.id, clause.text)
        self._surfaces: Surfaces = self._tok.surfaces()
        log.info("mention index: %d clauses, %d distinct words", len(lists), len(self._postings))

    @classmethod
    def from_parts(cls, parts: MentionParts, acronyms: AcronymTable) -> MentionSearch:
        """A search over an index built before (``index.search.mention_store``): its
        clauses, postings and surface forms are read as a query needs them."""
        self = cls.__new__(cls)
        self._tok = Tokenizer()
        self.acronyms = acronyms
        self._clauses = parts.clauses
        self._postings = parts.postings
        self._compounds = parts.compounds
        self._symbols = parts.symbols
        self._titles = parts.titles
        self._surfaces = parts.surfaces
        return self

    def parts(self) -> MentionParts:
        """What this index holds, for ``mention_store`` to save."""
        return MentionParts(
            self._clauses,
            self._postings,
            self._compounds,
            self._symbols,
            self._titles,
            self._surfaces,
        )

    def __len__(self) -> int:
        return len(self._clauses)

    def knows(self, word: str) -> bool:
        """Whether some clause of the corpus holds ``word`` (folded)."""
        return self._tok.fold(word) in self._postings

    def _add(self, lists: ClauseLists, group: int, clause_id: str, text: str) -> None:
        idx = len(lists)
        keys, starts, ends = self._tok.split(text)
        lists.append(clause_id, text, group, keys, starts, ends)
        postings = self._postings
        assert isinstance(postings, dict)
        for w in set(keys):
            found = postings.get(w)
            if found is None:
                found = postings[w] = array("I")
            found.append(idx)
        if _HYPHEN.search(text):
            self._learn_compounds(text, keys, starts, ends)

    def _learn_compounds(
        self, text: str, keys: list[str], starts: list[int], ends: list[int]
    ) -> None:
        """Record hyphenated words ("anti-trafficking") so "antitrafficking" finds them."""
        i = 0
        while i < len(keys) - 1:
            j = i
            while j + 1 < len(keys) and text[ends[j] : starts[j + 1]] in HYPHENS:
                j += 1
            if j > i:
                joined = self._tok.fold("".join(text[starts[k] : ends[k]] for k in range(i, j + 1)))
                self._compounds.setdefault(joined, tuple(keys[i : j + 1]))
            i = j + 1

    def search(self, query: str) -> MentionResult:
        """Every clause whose own text mentions ``query`` or one of its variants."""
        auto = self._compile(query)
        if not auto.edges:
            return MentionResult(query, [], [], self._titles)
        paths = auto.paths(_MAX_PATHS)
        firsts = {e.word for e in auto.edges[0]}
        groups: list[tuple[str, list[MentionHit]]] = []
        last = -1
        found = self._candidates(auto, paths)  # ascending, so resolutions come in order
        for clause_id, text, group, words, offsets in self._clauses.rows(found):
            spans = _spans(auto, firsts, words, offsets, text)
            if spans:
                if group != last:
                    last = group
                    groups.append((self._symbols[last], []))
                groups[-1][1].append(MentionHit(clause_id, spans, text))
        caps = sorted({e.surface for edges in auto.edges.values() for e in edges if e.upper})
        variants = self._variants(paths) if paths else [query]
        return MentionResult(query, groups, variants, self._titles, caps)

    def _compile(self, query: str) -> _Automaton:
        auto = _Automaton()
        toks = self._tok.tokens(query)
        if not toks:
            return auto
        nodes = auto.nodes(0, 1, len(toks))
        self._add_words(auto, nodes, query, toks)
        words = tuple(t[0] for t in toks)
        for i in range(len(words)):
            for j in range(i + 1, min(len(words), i + _MAX_SPAN) + 1):
                for _, display in self.acronyms.equivalents(words[i:j]):
                    inner = self._tok.tokens(display)
                    between = auto.nodes(nodes[i], nodes[j], len(inner))
                    self._add_words(auto, between, display, inner)
        return auto

    def _add_words(
        self, auto: _Automaton, nodes: list[int], text: str, toks: list[tuple[str, int, int]]
    ) -> None:
        """Each word (or its compound parts) between its nodes; hyphen chains and prefix
        pairs also joined into one word. A lone all-capitals word that is also an ordinary
        word ("WHO", "US") only matches in capitals."""
        raws = [text[s:e] for _, s, e in toks]
        for i, (word, raw) in enumerate(zip([t[0] for t in toks], raws, strict=True)):
            upper = len(toks) == 1 and len(raw) > 1 and raw.isupper() and raw.lower() in _ORDINARY
            auto.chain(nodes[i], nodes[i + 1], [(word, upper, raw)])
            parts = self._split(word)
            if parts:
                auto.chain(nodes[i], nodes[i + 1], [(p, False, p) for p in parts])
        for i in range(len(toks) - 1):
            for j in range(i + 2, len(toks) + 1):
                gap = text[toks[j - 2][2] : toks[j - 1][1]]
                joined = self._tok.fold("".join(raws[i:j]))
                pair = j == i + 2 and gap.isspace()
                if gap in HYPHENS or (
                    pair and (raws[i].lower() in PREFIXES or joined in self._compounds)
                ):
                    auto.chain(nodes[i], nodes[j], [(joined, False, "".join(raws[i:j]))])
                else:
                    break

    def _split(self, word: str) -> tuple[str, ...] | None:
        if word in self._compounds:
            return self._compounds[word]
        for prefix in PREFIXES:
            rest = word[len(prefix) :]
            if word.startswith(prefix) and len(rest) >= 3 and rest in self._postings:
                return (prefix, rest)
        return None

    def _candidates(self, auto: _Automaton, paths: list[list[_Edge]] | None) -> list[int]:
        """Clauses that hold every word of some path: a superset of the answer."""
        if paths is None:  # too many alternatives: every path starts with a first word
            paths = [[e] for e in auto.edges[0]]
        found: set[int] = set()
        for path in paths:
            if any(e.word not in self._postings for e in path):
                continue
            lists = sorted({e.word: self._postings[e.word] for e in path}.values(), key=len)
            both = set(lists[0])
            for more in lists[1:]:
                if len(more) > 64 * len(both):  # checking each candidate is cheaper
                    break
                both.intersection_update(more)
            if len(path) > 1:  # the words must also be consecutive
                needle = f" {' '.join(e.word for e in path)} "
                both = set(self._clauses.holding(needle, sorted(both)))
            found |= both
        return sorted(found)

    def _variants(self, paths: list[list[_Edge]]) -> list[str]:
        """The alternatives searched, as text; a one-word one with its forms in the corpus."""
        seen: dict[str, str] = {}
        for path in paths[:20]:
            forms = [" ".join(e.surface for e in path)]
            if len(path) == 1:
                plural = forms[0][:-1] if forms[0].endswith("s") else forms[0] + "s"
                if self._tok.fold(plural) == path[0].word:
                    forms.append(plural)
                forms += self._surfaces.get(path[0].word, [])
            for form in forms:
                seen.setdefault(form.casefold(), form)
        return list(seen.values())


def _spans(
    auto: _Automaton, firsts: set[str], words: tuple[str, ...], offs: array, text: str
) -> tuple[tuple[int, int], ...]:
    """Where the query matches in one clause: non-overlapping, longest first match."""
    starts = []
    for w in firsts:
        p = -1
        for _ in range(words.count(w)):
            p = words.index(w, p + 1)
            starts.append(p)
    if len(firsts) > 1:
        starts.sort()
    n = len(words)
    spans = []
    after = 0
    for p in starts:
        if p >= after:
            end = _match(auto, 0, words, offs, text, p, p)
            if end is not None:
                spans.append((offs[p], offs[n + end - 1]))
                after = end
    return tuple(spans)


def _match(
    auto: _Automaton, node: int, words: tuple[str, ...], offs: array, text: str, p: int, start: int
) -> int | None:
    """The furthest word position where a path from ``node`` at word ``p`` reaches node 1."""
    if node == 1:
        return p
    n = len(words)
    if p >= n:
        return None
    best, w = None, words[p]
    for edge in auto.edges.get(node, ()):
        if w != edge.word:
            continue
        if edge.upper and not text[offs[p] : offs[n + p]].isupper():
            continue
        if p > start and not _GAP.fullmatch(text, offs[n + p - 1], offs[p]):
            continue
        end = p + 1 if edge.to == 1 else _match(auto, edge.to, words, offs, text, p + 1, start)
        if end is not None and (best is None or end > best):
            best = end
    return best
