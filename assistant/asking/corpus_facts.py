"""Facts about the corpus read from its parsed resolutions: scope tests, counts, lists,
committees, sponsors. Counts of clauses are of paragraphs (sub-clauses are not counted),
as a delegate counts them."""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.asking.references import body_of, in_series, is_model_un, year_of
from assistant.asking.requests import CorpusFact, Scope
from index.clause_ids import section
from index.clause_tree import Clause, Corpus, Resolution
from index.wordforms import content_words, stem, words

_MODIFIERS = frozenset(words("also further strongly once again firmly deeply fully gravely"))


class CorpusFacts:
    """Answers facts and scope tests over one parsed corpus."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._symbols = {r.symbol.casefold(): r for r in corpus.resolutions}
        self._of: dict[str, Resolution] = {}
        self._clause: dict[str, Clause] = {}
        for r in corpus.resolutions:
            for c in r.clauses():
                self._of[c.id] = r
                self._clause[c.id] = c
        # "Security Council resolutions" means adopted ones when the corpus has any, and
        # the Model UN drafts written for that organ when it has none
        self._adopted = {body_of(r) for r in corpus.resolutions if not is_model_un(r)}

    def resolution(self, symbol: str) -> Resolution | None:
        return self._symbols.get(symbol.casefold())

    def in_scope(self, clause_id: str, scope: Scope) -> bool:
        """Whether a clause is in a scope: its section, resolution, body, leading verb."""
        res = self._of.get(clause_id)
        if res is None:
            return False
        if scope.kind and section(clause_id) != scope.kind:
            return False
        if scope.symbol and res.symbol.casefold() != scope.symbol.casefold():
            return False
        if not self.in_resolutions(res, scope):
            return False
        return not scope.phrase or leads_with(self._clause[clause_id], scope.phrase)

    def in_resolutions(self, res: Resolution, scope: Scope) -> bool:
        """Whether a resolution is in a scope's body, series and years."""
        if scope.body and not self.from_body(res, scope.body):
            return False
        if scope.series and not in_series(res, scope.series):
            return False
        if scope.year_from or scope.year_to:
            year = year_of(res)
            if year is None:
                return False
            return (scope.year_from or year) <= year <= (scope.year_to or year)
        return True

    def from_body(self, res: Resolution, body: str) -> bool:
        """Whether a resolution is one of a body's (see ``_adopted``)."""
        if body == "Model UN":
            return is_model_un(res)
        if body_of(res) != body:
            return False
        return not (body in self._adopted and is_model_un(res))

    def resolutions_in(self, scope: Scope) -> list[Resolution]:
        return [
            r
            for r in self.corpus.resolutions
            if (not scope.symbol or r.symbol.casefold() == scope.symbol.casefold())
            and self.in_resolutions(r, scope)
        ]

    def answer(
        self, request: CorpusFact, mention_ids: list[str]
    ) -> tuple[int | list[str] | str, str]:
        """The fact's value and a sentence saying it (``mention_ids``: the clauses that
        mention the request's terms, for facts about mentions)."""
        scope, where = request.scope, request.scope.describe()
        terms = " or ".join(repr(t) for t in request.terms)
        if request.fact == "count_mentioning_clauses":
            n = len(mention_ids)
            return n, f"{n} clause{'s' * (n != 1)} {where + ' ' if where else ''}mention {terms}."
        if request.fact == "count_resolutions":
            if request.terms:
                symbols = _unique(self._of[c].symbol for c in mention_ids)
                n = len(symbols)
                listed = f": {', '.join(symbols)}" if symbols else ""
                return n, f"{n} resolution{'s' * (n != 1)} mention {terms}{listed}."
            found = [r.symbol for r in self.resolutions_in(scope)]
            return len(found), f"{len(found)} resolution{'s' * (len(found) != 1)} {where}: " + (
                ", ".join(found)
            )
        if request.fact == "count_clauses":
            return self._count_clauses(scope)
        if request.fact == "count_subclauses":
            held = self.resolutions_in(scope)
            n = sum(len(c.walk()) - 1 for r in held for c in [*r.preambulatory, *r.operative])
            where = f"in {scope.symbol}" if scope.symbol else f"in {len(held)} resolutions"
            return n, f"{n} sub-clauses {where} (at every level)."
        if request.fact == "list_resolutions":
            found = self._listed(scope, request.topic)
            about = f" about {request.topic!r}" if request.topic else ""
            head = f"{len(found)} resolution{'s' * (len(found) != 1)}{about} {where}".rstrip()
            return found, head + (":\n" + "\n".join(f"- {s}" for s in found) if found else ".")
        return self._about_one(request)

    def _count_clauses(self, scope: Scope) -> tuple[int, str]:
        kinds = [scope.kind] if scope.kind else ["preambulatory", "operative"]
        found = self.resolutions_in(scope)
        per = [
            (
                r.symbol,
                sum(len(r.preambulatory if k == "preambulatory" else r.operative) for k in kinds),
            )
            for r in found
        ]
        n = sum(c for _, c in per)
        what = {"operative": "operative clauses", "preambulatory": "preambular clauses"}.get(
            scope.kind or "", "clauses (preambular and operative)"
        )
        where = f"in {scope.symbol}" if scope.symbol else f"in {len(found)} resolutions"
        detail = "" if len(per) == 1 else "\n" + "\n".join(f"- {s}: {c}" for s, c in per)
        return n, f"{n} {what} {where} (paragraphs; sub-clauses not counted).{detail}"

    def _listed(self, scope: Scope, topic: str | None) -> list[str]:
        found = self.resolutions_in(scope)
        if topic:
            wanted = {stem(w) for w in content_words(topic)}
            found = [r for r in found if _covers(r.topic or "", wanted)]
        return [r.symbol for r in found]

    def _about_one(self, request: CorpusFact) -> tuple[list[str] | str, str]:
        res = self.resolution(request.scope.symbol or "")
        if res is None:
            return "", "Name the resolution (for example: who sponsored IOM/1/2?)."
        if request.fact == "committee":
            body = res.body or body_of(res) or "not stated"
            return body, f"{res.symbol} is from: {body}."
        if request.fact == "topic":
            return res.topic or "", f"{res.symbol}: {res.topic or 'no topic stated'}."
        names = res.sponsors if request.fact == "sponsors" else res.signatories
        what = "Sponsors" if request.fact == "sponsors" else "Signatories"
        if not names:
            return [], f"{res.symbol} lists no {what.lower()}."
        return list(names), f"{what} of {res.symbol} ({len(names)}): {', '.join(names)}."


def leads_with(clause: Clause, verb: str) -> bool:
    """Whether a clause's leading phrase (or, without one, its first words) is a form of
    ``verb`` ('urge' ~ 'Strongly urges', 'Urging'; 'call upon' ~ 'Calls upon', 'Calls on')."""
    lead = clause.phrase or " ".join(re.findall(r"[A-Za-z]+", clause.text)[:4])
    said = [stem(w) for w in words(lead) if w not in _MODIFIERS]
    wanted = [stem(w) for w in verb.split()]
    if wanted[0] not in said[:2]:  # 'Takes note' leads with 'note'
        return False
    if len(wanted) == 1:
        return True
    particle = wanted[1]
    at = said.index(wanted[0])
    rest = said[at + 1 : at + 3]
    return particle in rest or (particle == "upon" and "on" in rest)


def _covers(topic: str, wanted: set[str]) -> bool:
    """Whether a resolution's topic holds most of the words asked about."""
    have = {stem(w) for w in content_words(topic)}
    return bool(wanted) and len(wanted & have) >= max(1, (len(wanted) + 1) // 2)


def _count_of(res: Resolution, kind: str) -> int:
    return len(res.preambulatory if kind == "preambulatory" else res.operative)


def _unique(items: Iterable[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out
