"""The conversational assistant: one entry point for what users ask while drafting.

A message is read into a typed request (``assistant.asking.reading``) — against the
conversation's last turn for follow-ups — and answered by the engine that answers that
request exactly: mentions (exhaustive), ranked precedent, a clause shown by ID, corpus
facts, the drafting chain, the reviser, the draft check. The conversation (messages,
last turn, accumulated proposals) is the caller's: pass one to keep memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from assistant.asking.answering import Answerer, Engines
from assistant.asking.answers import Answer
from assistant.asking.followups import Turn, nth
from assistant.asking.memory import Conversation
from assistant.asking.reading import Reader
from assistant.asking.references import ORDINALS, ResolutionNames
from assistant.asking.requests import (
    CheckDraft,
    FindSimilar,
    ProposeClauses,
    Request,
    ReviseClause,
)
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

if TYPE_CHECKING:
    from assistant.drafting.chain import Drafter
    from assistant.prompts import PromptLibrary
    from assistant.revising import Reviser
    from index.clause_tree import Corpus
    from index.search.hybrid import HybridSearch
    from index.search.mentions import MentionSearch

__all__ = ["Answer", "ChatAnswer", "ChatAssistant", "ChatToken", "Conversation"]


def _asks_for_a_stance(message: str) -> bool:
    """'urge states to fund shelters', 'we are alarmed by …': a request that names what
    the resolution should say (read by the drafting chain's own understanding step)."""
    return understand(message).stance is not None


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
    """Reads a message, answers it with the right engine, and remembers the turn."""

    def __init__(
        self,
        drafter: Drafter,
        mentions: MentionSearch,
        index: HybridSearch,
        reviser: Reviser,
        corpus: Corpus,
        model: StreamingModel | None = None,
        prompts: PromptLibrary | None = None,
        k: int = 6,
        linter: Any = None,
    ) -> None:
        self.drafter = drafter
        self.mentions = mentions
        self.index = index
        self.reviser = reviser
        self.model = model
        self.prompts = prompts
        self.k = k
        self.linter = linter
        self.reader = Reader(
            ResolutionNames(corpus.resolutions), mentions.knows, _asks_for_a_stance
        )
        self.answerer = Answerer(Engines(corpus, mentions, index, self._citation))
        # a model that only ranks (the embedded one) does not word answers; a chat model does
        self.words_answers = model is not None and not isinstance(model, ScoringModel)

    def read(self, message: str, conversation: Conversation | None = None) -> Request:
        """The typed request a message makes (what the question suite checks)."""
        return self.reader.read(message, conversation.last if conversation else None)

    def respond(
        self,
        message: str,
        draft_text: str | None = None,
        profile: str | None = None,
        precedents: int | None = None,
        conversation: Conversation | None = None,
    ) -> Answer:
        answer = None
        for event in self.stream(message, draft_text, profile, precedents, conversation):
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
        conversation: Conversation | None = None,
    ) -> Iterator[ChatEvent]:
        """Events: :class:`ChatToken` while writing, then one :class:`ChatAnswer`."""
        conversation = conversation if conversation is not None else Conversation()
        request = self.read(message, conversation)
        answer: Answer | None = None
        if isinstance(request, ReviseClause):
            request = _proposal_named(request, conversation)
        for event in self._route(request, draft_text, profile, precedents):
            if isinstance(event, ChatAnswer):
                answer = event.answer
                answer.request = request
            yield event
        if answer is not None:
            self._remember(conversation, message, request, answer)

    # -- routes --------------------------------------------------------------------------

    def _route(
        self, request: Request, draft_text: str | None, profile: str | None, precedents: int | None
    ) -> Iterator[ChatEvent]:
        if isinstance(request, ProposeClauses):
            yield from self._propose(request, draft_text, profile, precedents)
        elif isinstance(request, ReviseClause):
            yield ChatAnswer(self._revise(request, draft_text, profile))
        elif isinstance(request, CheckDraft):
            yield ChatAnswer(self._check(draft_text, profile))
        elif isinstance(request, FindSimilar) and self.words_answers and not request.scope.symbol:
            yield from self._answer_with_model(request.topic, precedents or self.k)
        else:
            for answer in self.answerer.answer(request):
                yield ChatAnswer(answer)

    def _propose(
        self,
        request: ProposeClauses,
        draft_text: str | None,
        profile: str | None,
        precedents: int | None,
    ) -> Iterator[ChatEvent]:
        req = DraftRequest(
            request.request, request.kind, request.count, draft_text, profile, precedents
        )
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

    def _revise(self, request: ReviseClause, draft_text: str | None, profile: str | None) -> Answer:
        action = request.action
        clauses = _target_clauses(request.target, draft_text, self.drafter.parser)
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

    def _check(self, draft_text: str | None, profile: str | None) -> Answer:
        from assistant.draft_document import DraftDocument

        if not (draft_text or "").strip() or self.linter is None:
            return Answer("check", "There is no draft to check yet: write or paste one first.")
        doc = DraftDocument(draft_text or "", self.linter, self.drafter.parser, profile)
        found = doc.lint()
        if not found:
            return Answer("check", "No problems found in your draft.")
        fixable = sum(1 for d in found if getattr(d, "fix", None))
        lines = [f"{len(found)} problem(s) in your draft ({fixable} with a one-click fix):"]
        lines += [f"- {d.render()}" for d in found]
        return Answer("check", "\n".join(lines))

    def _answer_with_model(self, question: str, k: int) -> Iterator[ChatEvent]:
        hits = self.index.hybrid(question, k)
        if not hits or self.model is None or self.prompts is None:
            yield from (ChatAnswer(a) for a in self.answerer.answer(FindSimilar(question)))
            return
        listing = "\n".join(f"[{h.clause_id}] {h.text}" for h in hits)
        messages = self.prompts["answer_chat"].messages(question=question, precedents=listing)
        text = ""
        for chunk in self.model.stream(messages):
            piece = str(chunk.content)
            text += piece
            yield ChatToken(piece)
        allowed = [h.clause_id for h in hits]
        _clean, cited, removed = extract_markers(text, allowed)
        note = (
            f"\n\n({removed} citation(s) to clauses not retrieved were removed.)" if removed else ""
        )
        shown = _strip_unknown_markers(text, allowed)
        citations = [c for c in (self._citation(i) for i in cited) if c]
        yield ChatAnswer(Answer("answer", shown + note, citations, ids=cited))

    # -- memory --------------------------------------------------------------------------

    def _remember(
        self, conversation: Conversation, message: str, request: Request, answer: Answer
    ) -> None:
        conversation.messages += [
            {"role": "user", "content": message},
            {"role": "assistant", "content": answer.text},
        ]
        texts = {}
        for cid in answer.ids[:50]:
            record = self.index.record(cid)
            if record is not None:
                texts[cid] = record[0]
        if answer.kind not in ("clarify", "check", "revision"):
            conversation.last = Turn(request, list(answer.ids), texts)
        conversation.add_proposals(answer.proposals)

    def _citation(self, clause_id: str) -> Citation | None:
        record = self.index.record(clause_id)
        if record is None:
            return None
        return Citation.from_record(clause_id, *record)


def _proposal_named(request: ReviseClause, conversation: Conversation) -> ReviseClause:
    """'make the second one shorter' after proposals: that proposal's text, pasted."""
    m = re.fullmatch(r"proposal (\S+)", request.target)
    last = conversation.last.request if conversation.last else None
    if not m or not isinstance(last, ProposeClauses) or not conversation.proposals:
        return request
    chosen = nth(m.group(1), conversation.proposals[-last.count :])
    return replace(request, target=f": {chosen.text}") if chosen else request


def _unique(citations: list[Citation]) -> list[Citation]:
    seen: dict[str, Citation] = {}
    for c in citations:
        seen.setdefault(c.id, c)
    return list(seen.values())


def _target_clauses(rest: str, draft_text: str | None, parser: Any) -> list[str]:
    """The clause texts a revision names: pasted after ':' or 'clause N' of the draft."""
    rest = rest.strip()
    pasted = re.sub(r"^(?:clauses?|this|these|the following)?\s*:?\s*", "", rest, flags=re.I)
    named = re.search(r"\b(?:clause|op|operative|paragraph)s?\s*\d", rest, re.I)
    numbers = (
        [
            int(n)
            for n in re.findall(
                r"\b(?:clause|op|operative|paragraph)s?\s*(\d+)(?:\s*(?:and|&|,)\s*(\d+))?",
                rest,
                re.I,
            )[0]
            if n
        ]
        if named
        else []
    )
    ordinal = _ORDINAL_CLAUSE.search(rest)
    if (numbers or ordinal) and draft_text:
        try:
            res = parser.parse_text(draft_text, "<draft>")[0]
        except Exception:  # the draft does not parse: nothing to name
            return []
        if not numbers and ordinal:  # "the last clause", "the second operative paragraph"
            chosen = nth(ordinal.group("ord"), list(res.operative))
            return [_render(chosen)] if chosen is not None else []
        by_number = {c.number: c for c in res.operative}
        return [_render(by_number[n]) for n in numbers if n in by_number]
    if ordinal or not (":" in rest or _LOOKS_LIKE_CLAUSE.match(pasted)):
        return []  # a clause described, not pasted: nothing to revise without the draft
    parts = [p.strip() for p in re.split(r"\n\s*\n|\s+\+\s+", pasted) if p.strip()]
    return parts


# "the last clause", "the 2nd operative paragraph": a clause of the draft by its place.
_ORDINAL_CLAUSE = re.compile(
    rf"\b(?P<ord>{'|'.join(ORDINALS)}|\d+(?:st|nd|rd|th))\s+(?:operative\s+)?"
    r"(?:clause|paragraph|operative|op)\b",
    re.I,
)
# Pasted text that is a clause: numbered, emphasised, or a sentence of some length.
_LOOKS_LIKE_CLAUSE = re.compile(r"^\s*(?:\d+\.|[*_]|\S+(?:\s+\S+){5,})")


def _render(clause: Any) -> str:
    return "\n".join(written(c) for c in clause.walk())


def _strip_unknown_markers(text: str, allowed: list[str]) -> str:
    from index.clause_ids import normalize_id

    known = {normalize_id(a) for a in allowed}

    def keep(m: re.Match[str]) -> str:
        return m.group(0) if normalize_id(m.group(1)) in known else ""

    return MARKER.sub(keep, text)
