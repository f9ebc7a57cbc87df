"""The conversational assistant: one entry point for what users ask while drafting.

- "which drafts mention AVRR?" → the exhaustive mention search (never top-k);
- "propose an operative clause urging …" → the drafting chain;
- "strengthen clause 3" / "shorten: 4. *Encourages* …" → revisions;
- anything else → precedent search, answered with citations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.drafting.cite import MARKER, extract_markers
from assistant.drafting.generate import ScoringModel, StreamingModel
from assistant.drafting.proposals import (
    Citation,
    DraftRequest,
    Kind,
    NotProposed,
    Proposal,
    Proposed,
    Writing,
)
from assistant.drafting.understand import understand
from assistant.export import written
from assistant.revising import ACTIONS

if TYPE_CHECKING:
    from assistant.drafting.chain import Drafter
    from assistant.prompts import PromptLibrary
    from assistant.revising import Reviser
    from index.search.hybrid import HybridSearch
    from index.search.mentions import MentionSearch

_MENTION = re.compile(
    r"^(?:which|what)\b.*?\b(?:drafts?|resolutions?|clauses?|documents?|texts?)\b.*?"
    r"\b(?:mentions?|mentioning|refers?\s+to|referring\s+to|cites?|contains?|uses?)"
    r"\s+(?P<term>.+?)\s*\??$"
    r"|^(?:find\s+|list\s+|show\s+)?(?:all\s+)?mentions?\s+of\s+(?P<term2>.+?)\s*\??$"
    r"|^where\s+(?:is|are|do(?:es)?)\s+(?P<term3>.+?)\s+(?:mentioned|appear|used)\s*\??$",
    re.I,
)
_PROPOSE = re.compile(
    r"\b(propose|draft|write|suggest|give\s+me|need|add)\b.*\b(clauses?|"
    r"paragraphs?)\b|\b(operative|preambulatory)\s+clauses?\b",
    re.I,
)
_QUESTION = re.compile(
    r"^\s*(?:which|what|who|where|when|how|why|is|are|does|do|can|show|find|list|search)\b"
    r"|\?\s*$",
    re.I,
)


def _asks_for_a_stance(message: str) -> bool:
    """'urge states to fund shelters', 'we are alarmed by …': a request that names what
    the resolution should say (read by the drafting chain's own understanding step), not
    a question about the corpus."""
    return not _QUESTION.search(message) and understand(message).stance is not None


_REVISE = re.compile(rf"^\s*(?P<action>{'|'.join(ACTIONS)})\b\s*(?P<rest>.*)$", re.I | re.S)
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


@dataclass
class Answer:
    """What the assistant says back: text, citations, proposals (and mention hits)."""

    kind: str  # mentions | proposals | revision | answer
    text: str
    citations: list[Citation] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    mentions: Any = None


@dataclass(frozen=True)
class ChatToken:
    """Text of the answer as it is written."""

    text: str


@dataclass(frozen=True)
class ChatAnswer:
    """The finished answer."""

    answer: Answer


ChatEvent = ChatToken | ChatAnswer


class ChatAssistant:
    """Routes a message to the right service and words the answer."""

    def __init__(
        self,
        drafter: Drafter,
        mentions: MentionSearch,
        index: HybridSearch,
        reviser: Reviser,
        model: StreamingModel | None = None,
        prompts: PromptLibrary | None = None,
        k: int = 6,
    ) -> None:
        self.drafter = drafter
        self.mentions = mentions
        self.index = index
        self.reviser = reviser
        self.model = model
        self.prompts = prompts
        self.k = k
        # a model that only ranks (the embedded one) does not word answers; a chat model does
        self.words_answers = model is not None and not isinstance(model, ScoringModel)

    def respond(
        self,
        message: str,
        draft_text: str | None = None,
        profile: str | None = None,
        precedents: int | None = None,
    ) -> Answer:
        answer = None
        for event in self.stream(message, draft_text, profile, precedents):
            if isinstance(event, ChatAnswer):
                answer = event.answer
        assert answer is not None
        return answer

    def stream(
        self,
        message: str,
        draft_text: str | None = None,
        profile: str | None = None,
        precedents: int | None = None,
    ) -> Iterator[ChatEvent]:
        """Events: :class:`ChatToken` while writing, then one :class:`ChatAnswer`."""
        message = message.strip()
        if not message:
            yield ChatAnswer(Answer("answer", "Ask about the corpus, or ask for a clause."))
            return
        if m := _MENTION.match(message):
            term = (m.group("term") or m.group("term2") or m.group("term3")).strip(" \"'“”?")
            yield ChatAnswer(self._mentions(term))
        elif m := _REVISE.match(message):
            yield ChatAnswer(
                self._revise(m.group("action").lower(), m.group("rest"), draft_text, profile)
            )
        elif _PROPOSE.search(message) or _asks_for_a_stance(message):
            yield from self._propose(message, draft_text, profile, precedents)
        else:
            yield from self._answer(message, precedents or self.k)

    # -- routes --------------------------------------------------------------------------

    def _mentions(self, term: str) -> Answer:
        result = self.mentions.search(term)
        lines = [result.message]
        citations = []
        for symbol, hits in result.groups:
            lines.append(f"\n**{symbol}**")
            for hit in hits:
                lines.append(f"- `{hit.clause_id}` {hit.highlighted('markdown', 50)}")
                citations.append(self._citation(hit.clause_id))
        return Answer("mentions", "\n".join(lines), [c for c in citations if c], mentions=result)

    def _propose(
        self, message: str, draft_text: str | None, profile: str | None, precedents: int | None
    ) -> Iterator[ChatEvent]:
        kind: Kind = "preambulatory" if re.search(r"\bpreamb", message, re.I) else "operative"
        req = DraftRequest(message, kind, _count(message), draft_text, profile, precedents)
        proposals: list[Proposal] = []
        notes: list[str] = []
        for event in self.drafter.stream(req):
            if isinstance(event, Writing):
                yield ChatToken(event.text)
            elif isinstance(event, Proposed):
                proposals.append(event.proposal)
                yield ChatToken("\n")
            elif isinstance(event, NotProposed):
                notes.append(event.render())
        text = "\n\n".join([*(p.render() for p in proposals), *notes])
        cites = _unique([c for p in proposals for c in p.citations])
        yield ChatAnswer(Answer("proposals", text, cites, proposals))

    def _revise(
        self, action: str, rest: str, draft_text: str | None, profile: str | None
    ) -> Answer:
        clauses = _target_clauses(rest, draft_text, self.drafter.parser)
        if not clauses:
            return Answer(
                "revision",
                f"Say which clause to {action}: paste it after "
                f"'{action}:' or name it (e.g. '{action} clause 3').",
            )
        kind: Kind = "preambulatory" if not re.match(r"^\s*\d", clauses[0]) else "operative"
        try:
            proposals = self.reviser.revise(action, clauses, kind, draft_text, profile)
        except ValueError as exc:
            return Answer("revision", f"Cannot {action} that: {exc}.")
        text = "\n\n".join(p.render() for p in proposals)
        cites = _unique([c for p in proposals for c in p.citations])
        return Answer("revision", text, cites, proposals)

    def _answer(self, question: str, k: int) -> Iterator[ChatEvent]:
        hits = self.index.hybrid(question, k)
        if not hits:
            yield ChatAnswer(Answer("answer", "Nothing in the corpus matches that question."))
            return
        if self.words_answers and self.model is not None and self.prompts is not None:
            yield from self._answer_with_model(question, hits)
            return
        lines = ["The closest precedent in the corpus:"]
        lines += [f"- `{h.clause_id}` {h.text}" for h in hits]
        citations = [c for c in (self._citation(h.clause_id) for h in hits) if c]
        yield ChatAnswer(Answer("answer", "\n".join(lines), citations))

    def _answer_with_model(self, question: str, hits: list[Any]) -> Iterator[ChatEvent]:
        assert self.model is not None and self.prompts is not None  # checked by the caller
        listing = "\n".join(f"[{h.clause_id}] {h.text}" for h in hits)
        messages = self.prompts["answer_chat"].messages(question=question, precedents=listing)
        text = ""
        for chunk in self.model.stream(messages):
            piece = str(chunk.content)
            text += piece
            yield ChatToken(piece)
        allowed = [h.clause_id for h in hits]
        cited = _cited_in_order(text, allowed)
        _clean, _ids, removed = extract_markers(text, allowed)
        note = (
            f"\n\n({removed} citation(s) to clauses not retrieved were removed.)" if removed else ""
        )
        shown = _strip_unknown_markers(text, allowed)
        citations = [c for c in (self._citation(i) for i in cited) if c]
        yield ChatAnswer(Answer("answer", shown + note, citations))

    def _citation(self, clause_id: str) -> Citation | None:
        record = self.index.record(clause_id)
        if record is None:
            return None
        return Citation.from_record(clause_id, *record)


def _count(message: str) -> int:
    m = re.search(
        r"\b(\d|one|two|three|four|five)\s+(?:\w+\s+)?(?:clauses|paragraphs)\b", message, re.I
    )
    if not m:
        return 1
    word = m.group(1).lower()
    return max(1, min(5, int(word) if word.isdigit() else _NUMBERS[word]))


def _unique(citations: list[Citation]) -> list[Citation]:
    seen: dict[str, Citation] = {}
    for c in citations:
        seen.setdefault(c.id, c)
    return list(seen.values())


def _target_clauses(rest: str, draft_text: str | None, parser: Any) -> list[str]:
    """The clause texts a revision names: pasted after ':' or 'clause N' of the draft."""
    rest = rest.strip()
    pasted = re.sub(r"^(?:clauses?|this|these|the following)?\s*:?\s*", "", rest, flags=re.I)
    numbers = (
        [
            int(n)
            for n in re.findall(
                r"\b(?:clause|op|operative|paragraph)s?\s*(\d+)"
                r"(?:\s*(?:and|&|,)\s*(\d+))?",
                rest,
                re.I,
            )[0]
            if n
        ]
        if re.search(r"\b(?:clause|op|operative|paragraph)s?\s*\d", rest, re.I)
        else []
    )
    if numbers and draft_text:
        try:
            res = parser.parse_text(draft_text, "<draft>")[0]
        except Exception:  # the draft does not parse: nothing to name
            return []
        by_number = {c.number: c for c in res.operative}
        return [_render(by_number[n]) for n in numbers if n in by_number]
    parts = [p.strip() for p in re.split(r"\n\s*\n|\s+\+\s+", pasted) if p.strip()]
    return parts


def _render(clause: Any) -> str:
    return "\n".join(written(c) for c in clause.walk())


def _cited_in_order(text: str, allowed: list[str]) -> list[str]:
    _clean, ids, _removed = extract_markers(text, allowed)
    return ids


def _strip_unknown_markers(text: str, allowed: list[str]) -> str:
    from index.clause_ids import normalize_id

    known = {normalize_id(a) for a in allowed}

    def keep(m: re.Match[str]) -> str:
        return m.group(0) if normalize_id(m.group(1)) in known else ""

    return MARKER.sub(keep, text)
