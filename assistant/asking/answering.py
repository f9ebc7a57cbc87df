"""Answering each typed request with the engine that answers it exactly.

Mentions come from the exhaustive mention index (every alternative searched, then the
scope applied clause by clause); ranked questions from hybrid search, said to be ranked;
clauses to show by ID; facts from the parsed corpus; proposals from the drafting chain.
"Nothing found" always says what was searched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from assistant.asking.answers import Answer, clarify_text
from assistant.asking.corpus_facts import CorpusFacts
from assistant.asking.mention_terms import (
    longest_piece,
    said_otherwise,
    says,
    with_joined,
    without_united_nations,
)
from assistant.asking.requests import (
    CheckDraft,
    Clarify,
    CorpusFact,
    FindMentions,
    FindSimilar,
    Request,
    Scope,
    ShowClause,
)
from index.clause_ids import normalize_id
from index.errors import UnknownClauseError
from index.wordforms import content_words

if TYPE_CHECKING:
    from assistant.drafting.proposals import Citation
    from index.clause_tree import Clause, Corpus
    from index.search.hybrid import Filters, HybridSearch
    from index.search.mentions import MentionSearch

RANKED_K = 10
# words that say how a clause is described, not what it says
_DESCRIBING = frozenset(content_words("talks talk says say deals deal about mentions concerning"))
_RESOLUTION_TERM = re.compile(r"^(?:UN\s+|SC\s+|GA\s+)?resolutions?\s+(?P<n>\d+(?:/\d+)?)$", re.I)


@dataclass
class Engines:
    """What answers questions about the corpus."""

    corpus: Corpus
    mentions: MentionSearch
    ranked: HybridSearch
    citation: Callable[[str], Citation | None]


class Answerer:
    """Answers the requests about the corpus (drafting and revising stay with the chat)."""

    def __init__(self, engines: Engines) -> None:
        self.e = engines
        self.facts = CorpusFacts(engines.corpus)
        self._by_id = engines.corpus.by_id()
        self._order = {cid: n for n, cid in enumerate(self._by_id)}

    def answer(self, request: Request) -> Iterator[Answer]:
        if isinstance(request, FindMentions):
            yield self.mentions(request)
        elif isinstance(request, FindSimilar):
            yield self.similar(request)
        elif isinstance(request, ShowClause):
            yield self.show(request)
        elif isinstance(request, CorpusFact):
            yield self.fact(request)
        elif isinstance(request, CheckDraft):
            yield Answer("check", "", request=request)
        elif isinstance(request, Clarify):
            yield Answer("clarify", clarify_text(request.said), request=request)

    # -- mentions ----------------------------------------------------------------------

    def mention_ids(self, request: FindMentions) -> tuple[list[str], list[str]]:
        """Every clause ID that mentions a term of the request within its scope (corpus
        order), and the variants searched."""
        found: set[str] = set()
        searched: list[str] = []
        if not request.terms and request.scope.phrase:  # every clause led by that verb
            led = [cid for cid in self._by_id if self.facts.in_scope(cid, request.scope)]
            return led, []
        if request.every and len(request.terms) > 1:  # 'both X and Y': each term's clauses
            each = [
                self.mention_ids(replace(request, terms=(t,), every=False)) for t in request.terms
            ]
            common = set.intersection(*(set(ids) for ids, _ in each))
            return [cid for cid in each[0][0] if cid in common], [v for _, vs in each for v in vs]
        for term in request.terms:
            found.update(self._references(term))
        knows = self.e.mentions.knows
        terms = request.terms if request.exact else said_otherwise(request, knows)
        for term in with_joined(terms, knows):
            listed = "," in term  # the engine's phrases never span a comma: check by text
            result = self.e.mentions.search(longest_piece(term) if listed else term)
            searched += [v for v in result.variants_searched if v not in searched]
            for cid in result.clause_ids():
                if (request.exact or listed) and not says(self._by_id[cid].text, term):
                    continue
                found.add(cid)
            if request.exact:
                continue
            for short in without_united_nations(result.variants_searched):
                searched += [short] if short not in searched else []
                found.update(self.e.mentions.search(short).clause_ids())
        if (
            not found
            and len(request.terms) == 1
            and re.fullmatch(r"[A-Z]+/[A-Z/]+", request.terms[0])
        ):
            parts = tuple(request.terms[0].split("/"))  # 'UMIRR/FEVIMTRA' said as one
            return self.mention_ids(FindMentions(parts, request.scope, request.exact))
        kept = [cid for cid in found if self.facts.in_scope(cid, request.scope)]
        return sorted(kept, key=self._order.__getitem__), searched

    def _references(self, term: str) -> list[str]:
        """Clauses citing a resolution a term names ('resolution 2388' is cited in
        'resolutions 2331 (2016) and 2388 (2017)')."""
        m = _RESOLUTION_TERM.match(term)
        if not m:
            return []
        number = re.escape(m.group("n"))
        listed = (
            r"(?:\d+(?:/\d+)?(?:\s*\(\d{4}\))?(?:\s+of\s+\d{4})?(?:\s*,\s*(?:and\s+)?|\s+and\s+))*"
        )
        cited = re.compile(rf"\bresolutions?\s+{listed}{number}(?![\w/]|\.\d)", re.I)
        return [cid for cid, clause in self._by_id.items() if cited.search(clause.text)]

    def mentions(self, request: FindMentions) -> Answer:
        ids, searched = self.mention_ids(request)
        if not ids and request.bare:  # only a term was typed, and no clause names it
            topic = " ".join(request.terms)
            ranked = self.similar(FindSimilar(topic, request.scope))
            ranked.text = f"No clause mentions {topic!r} as written. {ranked.text}"
            return ranked
        joined = " and " if request.every else " or "
        terms = joined.join(repr(t) for t in request.terms) or "anything"
        where = request.scope.describe()
        if not request.terms and not request.scope.phrase:
            return Answer("mentions", "Say what to look for.", request=request)
        if not ids:
            also = ", ".join(searched[:12])
            text = (
                f"No clause {where + ' ' if where else ''}mentions {terms}"
                f"{' exactly as written' if request.exact else ''}. Searched: {also or terms} "
                "(any case, singular and plural, British and American spelling, acronyms "
                "and their long forms)."
            )
            return Answer("mentions", text, request=request, ids=[])
        groups = self._grouped(ids)
        said = f"mention{'s' * (len(ids) == 1)} {terms}" if request.terms else "are"
        head = (
            f"{len(ids)} clause{'s' * (len(ids) != 1)} in {len(groups)} "
            f"resolution{'s' * (len(groups) != 1)} {said}"
            f"{' ' + where if where else ''} — every one is listed."
        )
        return Answer(
            "mentions", self._listing(head, groups), self._cites(ids), request=request, ids=ids
        )

    # -- ranked --------------------------------------------------------------------------

    def similar(self, request: FindSimilar) -> Answer:
        from index.search.hybrid import Filters

        scope = request.scope
        filters = Filters(resolution=[scope.symbol]) if scope.symbol else None
        hits = self.e.ranked.hybrid(self._as_clauses_say(request.topic), 200, filters)
        kept = [h for h in hits if self.facts.in_scope(h.clause_id, scope)]
        shown = kept[:RANKED_K]
        if not shown:
            return Answer(
                "similar", f"Nothing in the corpus is close to {request.topic!r}.", request=request
            )
        ids = [h.clause_id for h in shown]
        more = len(kept) - len(shown)
        head = (
            f"The {len(shown)} clauses closest to {request.topic!r}"
            f"{' ' + scope.describe() if not scope.is_empty() else ''}, ranked by similarity "
            f"(best first){f'; {more} more ranked lower' if more > 0 else ''}. "
            "For every clause that names a term, ask 'which drafts mention …'."
        )
        lines = [head, *(f"{n}. `{h.clause_id}` {_short(h.text)}" for n, h in enumerate(shown, 1))]
        return Answer("similar", "\n".join(lines), self._cites(ids), request=request, ids=ids)

    def _as_clauses_say(self, topic: str) -> str:
        """A topic that opens with an action in '-ing' said as clauses say it ('extending
        a mission's mandate' → 'extend a mission's mandate': 'Decides to extend …'), when
        the corpus writes that verb."""
        first, _, rest = topic.partition(" ")
        if not (first.islower() and first.endswith("ing") and len(first) > 5):
            return topic
        stem = first[:-3]
        doubled = stem[:-1] if stem[-1] == stem[-2] else ""  # 'stopping' → 'stop'
        for base in (stem, stem + "e", doubled):
            if base and self.e.mentions.knows(base):
                return f"{base} {rest}".strip()
        return topic

    # -- show ------------------------------------------------------------------------------

    def show(self, request: ShowClause) -> Answer:
        if request.clause_id:
            return self._show_clause(request, request.clause_id)
        symbol = request.symbol or ""
        if request.description:
            scope = Scope(symbol=symbol)
            hits = self.e.ranked.hybrid(request.description, 20, _filters(symbol))
            ids = self._naming_first(
                request.description,
                [h.clause_id for h in hits if self.facts.in_scope(h.clause_id, scope)],
            )
            if not ids:
                return Answer("show", f"No clause of {symbol} fits that.", request=request)
            best = ids[0]
            parent = self._paragraph_of(best)
            near = set(ids[:3])
            own = set(content_words(self._by_id[parent].text)) if parent in self._by_id else set()
            whole = parent in near and bool(own & set(content_words(request.description)))
            return self._show_clause(request, parent if whole else best, ranked=True)
        resolution = self.facts.resolution(symbol)
        if resolution is None:
            return Answer(
                "show", f"There is no resolution {symbol!r} in the corpus.", request=request
            )
        ids = [c.id for c in resolution.clauses()]
        text = "\n\n".join(_full(c) for c in [*resolution.preambulatory, *resolution.operative])
        head = f"**{symbol}**" + (f" — {resolution.topic}" if resolution.topic else "")
        return Answer("show", f"{head}\n\n{text}", request=request, ids=ids)

    def _naming_first(self, description: str, ranked: list[str]) -> list[str]:
        """Ranked clause IDs, those that name more of the description's words first (each
        word as the mention engine finds it: 'ceasefire' ~ 'cease-fire'); ties keep their
        rank."""
        said = dict.fromkeys(w for w in content_words(description) if w not in _DESCRIBING)
        holding = [set(self.e.mentions.search(w).clause_ids()) for w in said]
        named = {cid: sum(cid in ids for ids in holding) for cid in ranked}
        return sorted(ranked, key=lambda cid: -named[cid])

    def _show_clause(self, request: ShowClause, wanted: str, ranked: bool = False) -> Answer:
        wanted = self._last_or(wanted)
        try:
            clause = self._resolve(wanted)
        except UnknownClauseError as exc:
            nested = self._nested(wanted)
            if nested is None:
                return Answer("show", str(exc), request=request)
            clause = self._by_id[nested]
        ids = [c.id for c in clause.walk()]
        note = " (the closest match in that resolution)" if ranked else ""
        text = f"`{clause.id}`{note}\n\n{_full(clause)}"
        return Answer("show", text, self._cites([clause.id]), request=request, ids=ids)

    def _nested(self, wanted: str) -> str | None:
        """The one sub-clause a typed ID names when it skips a level of labels ('op 4(5)'
        for 'op 4(a)(5)'): the only ID of that paragraph whose labels end with the typed
        ones."""
        m = re.match(r"^(?P<head>.+ (?:op|pre) \d+)(?P<labels>(?:\([^()]+\))+)$", wanted)
        if m is None:
            return None
        head, labels = m.group("head").casefold(), m.group("labels").casefold()
        found = [
            cid
            for cid in self._by_id
            if (low := cid.casefold()).startswith(head + "(") and low.endswith(labels)
        ]
        return found[0] if len(found) == 1 else None

    def _paragraph_of(self, clause_id: str) -> str:
        """The numbered paragraph a sub-clause belongs to ('op 11(b)' → 'op 11'): a
        paragraph described in words is shown whole, with its sub-clauses."""
        return re.sub(r"(\s(?:op|pre)\s\d+)\(.*$", r"\1", clause_id)

    def _resolve(self, wanted: str) -> Clause:
        from index.clause_ids import resolve

        return resolve(self.e.corpus, wanted, self._by_id)

    def _last_or(self, wanted: str) -> str:
        """'SYMBOL op -1' (the last operative clause) → its real ID."""
        m = re.match(r"^(?P<symbol>.+) (?P<kind>op|pre) -1$", wanted)
        if not m:
            return normalize_id(wanted)
        res = self.facts.resolution(m.group("symbol"))
        part = (res.operative if m.group("kind") == "op" else res.preambulatory) if res else []
        return part[-1].id if part else wanted

    # -- facts --------------------------------------------------------------------------

    def fact(self, request: CorpusFact) -> Answer:
        count_ids: list[str] = []
        if request.terms:
            count_ids, _ = self.mention_ids(FindMentions(request.terms, request.scope))
        value, text = self.facts.answer(request, count_ids)
        ids = count_ids if request.fact == "count_mentioning_clauses" else []
        return Answer("facts", text, request=request, ids=ids, value=value)

    # -- helpers ------------------------------------------------------------------------

    def _grouped(self, ids: list[str]) -> list[tuple[str, list[str]]]:
        groups: dict[str, list[str]] = {}
        for cid in ids:
            res = self.e.corpus.resolution_of(cid)
            groups.setdefault(res.symbol if res else "?", []).append(cid)
        return list(groups.items())

    def _listing(self, head: str, groups: list[tuple[str, list[str]]]) -> str:
        lines = [head]
        for symbol, ids in groups:
            res = self.facts.resolution(symbol)
            title = f" — {res.topic}" if res and res.topic else ""
            lines.append(f"\n**{symbol}**{title} ({len(ids)})")
            lines += [f"- `{cid}` {_short(self._by_id[cid].text)}" for cid in ids]
        return "\n".join(lines)

    def _cites(self, ids: list[str]) -> list[Citation]:
        return [c for c in (self.e.citation(i) for i in ids) if c is not None]


def _filters(symbol: str) -> Filters | None:
    from index.search.hybrid import Filters as _Filters

    return _Filters(resolution=[symbol]) if symbol else None


def _short(text: str, width: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + " …"


def _full(clause: Clause) -> str:
    from assistant.export import written

    return "\n".join(written(c) for c in clause.walk())
