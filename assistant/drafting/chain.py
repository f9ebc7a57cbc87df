"""The drafting chain, one step per module, each called once and in order:

understand → retrieve → frame → generate → verify → cite → choose

``Drafter.propose(DraftRequest(...))`` returns verified clauses in correct form, numbered
to continue the user's draft, each citing only precedent that supports it (or labelled
unprecedented). When no candidate survives verification the chain says so
(:class:`NotProposed`) instead of showing a broken clause. ``Drafter.stream`` yields the
same work as typed events; ``Drafter.runnable()`` wraps it as a langchain runnable.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from langchain_core.runnables import RunnableGenerator

from assistant.drafting.choose import choose, distinct
from assistant.drafting.cite import Citer, SupportRule, extract_markers, key_terms
from assistant.drafting.clause_form import ClauseForm, Slot
from assistant.drafting.context import DraftContext
from assistant.drafting.dated_references import dated
from assistant.drafting.frame import Framer, Skeleton, organ_of
from assistant.drafting.generate import (
    Candidate,
    ChatWriter,
    CompletionWriter,
    Prompting,
    ScoringModel,
    StreamingModel,
)
from assistant.drafting.proposals import (
    Citation,
    DraftEvent,
    DraftRequest,
    NotProposed,
    Proposal,
    Proposed,
    Retrieved,
    Writing,
)
from assistant.drafting.retrieve import Found, Precedents, PrecedentSearch
from assistant.drafting.spelled_out import AcronymSpeller
from assistant.drafting.understand import ClauseIntent, understand
from assistant.drafting.verify import Defect, Verifier, injected_text, unsupported_facts
from assistant.prompts import PromptLibrary
from index.parsing.frames import FrameBook
from index.parsing.lexicon import Lexicon
from index.parsing.parser import Parser

if TYPE_CHECKING:
    from assistant.backends.tokens import TokenCounter
    from assistant.lint.linter import Linter

log = logging.getLogger(__name__)


_NOTHING_ASKED = (
    "the request names no subject; say what the clause should do or be about, e.g. "
    "'urge states to fund shelters for trafficking survivors'"
)


@dataclass
class DraftingOptions:
    precedents: int = 6  # precedent clauses shown to a chat model
    examples: int = 3  # precedent clauses a completion model reads before ranking (speed)
    min_similarity: float = 0.30  # dense cosine below which a hit is not precedent
    seed: int = 7
    n_ctx: int = 8192
    tails: bool = True  # let a completion model extend the best skeleton
    support: SupportRule = field(default_factory=SupportRule)


class Drafter:
    """Proposes clauses for a request, grounded in the indexed corpus."""

    def __init__(
        self,
        search: PrecedentSearch,
        model: StreamingModel,
        prompts: PromptLibrary,
        linter: Linter,
        lexicon: Lexicon,
        parser: Parser,
        frames: FrameBook | None = None,
        counter: TokenCounter | None = None,
        options: DraftingOptions | None = None,
        speller: AcronymSpeller | None = None,
    ) -> None:
        self.options = options or DraftingOptions()
        self.speller = speller or AcronymSpeller()
        self.frames = frames or FrameBook.default()
        self.parser = parser
        self.linter = linter
        self.lexicon = lexicon
        self.precedents = Precedents(search, self.options.min_similarity)
        self.framer = Framer(lexicon, self.frames)
        self.form = ClauseForm(linter, lexicon)
        self.verifier = Verifier(self.frames)
        self.citer = Citer(search, self.options.support)
        self.completion = isinstance(model, ScoringModel)
        self.completion_writer = CompletionWriter(
            model, prompts, self.options.tails, self.options.seed
        )
        self.chat_writer = ChatWriter(model, prompts, counter, self.options.n_ctx)

    # -- public API ----------------------------------------------------------------------

    def propose(self, req: DraftRequest) -> list[Proposal]:
        return [e.proposal for e in self.stream(req) if isinstance(e, Proposed)]

    def runnable(self) -> RunnableGenerator:
        """The chain as a langchain runnable: input a DraftRequest, output events."""

        def run(inputs: Iterator[DraftRequest]) -> Iterator[DraftEvent]:
            for req in inputs:
                yield from self.stream(req)

        return RunnableGenerator(run)

    def stream(self, req: DraftRequest) -> Iterator[DraftEvent]:
        if req.kind not in ("operative", "preambulatory"):
            raise ValueError(f"kind must be operative or preambulatory, not {req.kind!r}")
        started = time.perf_counter()
        ctx = DraftContext.of(req, self.parser, self.linter)
        intent = understand(req.request, req.kind, self.lexicon)  # 1
        if not (intent.remain_seized or key_terms(intent.topic)):
            yield NotProposed(req.request, [_NOTHING_ASKED])
            return
        limit = req.precedents or self.options.precedents
        found = self.precedents.find(intent.topic, limit * 2)  # 2
        yield Retrieved(found.hits, found.relevant, found.similarity)
        skeletons = self.framer.skeletons(  # 3
            intent, found.phrases(req.kind), found.texts(), organ_of(ctx.opening), req.n + 2
        )
        candidates: list[Candidate] = []
        markers: list[str] = []
        for step in self._generate(req, ctx, intent, skeletons, found):  # 4
            if isinstance(step, Writing):
                yield step
            else:
                candidates, markers = step
        for c in candidates:  # 5
            c.defects = self.verifier.form(c.phrase, req.kind, c.body, req.request)
        accepted: list[Candidate] = []
        for candidate in choose(candidates, intent.topic):  # 7
            if not distinct(candidate, accepted):
                continue
            number = ctx.next_number + len(accepted) if req.kind == "operative" else None
            proposal = self._finish(ctx, req, intent, candidate, number, found, markers)  # 6
            if proposal is None:
                continue
            proposal.considered = len(candidates)
            proposal.rejected = sorted({d.code for c in candidates for d in c.defects})
            proposal.latency_s = time.perf_counter() - started
            yield Writing(number, proposal.text)
            yield Proposed(proposal)
            accepted.append(candidate)
            if len(accepted) >= req.n:
                return
        reasons = [d.message for c in candidates for d in c.defects][:3]
        yield NotProposed(req.request, reasons)

    # -- steps ---------------------------------------------------------------------------

    def _generate(
        self,
        req: DraftRequest,
        ctx: DraftContext,
        intent: ClauseIntent,
        skeletons: Sequence[Skeleton],
        found: Found,
    ) -> Iterator[Writing | tuple[list[Candidate], list[str]]]:
        """Writing events while a chat model writes, then (candidates, its markers)."""
        examples = [
            e
            for e in self.precedents.examples(
                found, req.kind, req.precedents or self.options.precedents, ctx.emphasis(req.kind)
            )
            if not injected_text(e.text)  # corpus text that talks to a model is not shown
        ]
        number = ctx.next_number if req.kind == "operative" else None
        if self.completion:
            prompting = Prompting(
                ctx.opening,
                intent.topic,
                examples[: self.options.examples],
                number,
                ctx.emphasis(req.kind),
                ctx.terminal(req.kind),
            )
            yield self.completion_writer.candidates(skeletons, prompting), []
            return
        messages = self.chat_writer.messages(
            kind=req.kind,
            count=req.n,
            first_number=number,
            rules=ctx.rules(req.kind),
            precedents=examples,
            request=req.request,
            draft=req.draft_text or "",
            guidance=_opening(skeletons[0], ctx, req.kind) if skeletons else "",
        )
        pieces = []
        for piece in self.chat_writer.lines(messages):
            pieces.append(piece)
            yield Writing(number, piece)
        yield self._parse_chat("".join(pieces), req, found)

    def _parse_chat(
        self, text: str, req: DraftRequest, found: Found
    ) -> tuple[list[Candidate], list[str]]:
        """A chat model's answer as candidates (one per line) and the IDs it marked."""
        allowed = [h.clause_id for h in found.relevant]
        out: list[Candidate] = []
        markers: list[str] = []
        for line in [ln.strip() for ln in text.split("\n") if ln.strip()][: req.n + 4]:
            clean, cited, _removed = extract_markers(line, allowed)
            markers += cited
            phrase, body = self.form.split_clause(clean, Slot(req.kind, None, "", "", ""))
            body = self.form.clean_body(body, phrase)
            if phrase and body:
                out.append(Candidate(phrase, body, "model", "chat", len(body.split())))
        return out, markers

    def _finish(
        self,
        ctx: DraftContext,
        req: DraftRequest,
        intent: ClauseIntent,
        candidate: Candidate,
        number: int | None,
        found: Found,
        markers: list[str],
    ) -> Proposal | None:
        slot = Slot(
            req.kind, number, candidate.phrase, ctx.terminal(req.kind), ctx.emphasis(req.kind)
        )
        spelling = self.speller.spell_out(candidate.body, req.draft_text or "")
        body, years = dated(spelling.text, found.texts())
        proposal = self.form.finish(ctx, slot, body)
        if any(d.severity == "error" for d in proposal.diagnostics):
            candidate.defects.append(Defect("frame", proposal.diagnostics[0].message))
            return None
        if candidate.added:
            said = key_terms(" ".join([req.request, req.draft_text or "", *found.texts()]))
            new = sorted(key_terms(candidate.added) - said)
            if new:  # a small model's words must come from the request or the precedent
                candidate.defects.append(Defect("ungrounded", f"words from nowhere: {new[:3]}"))
                return None
        citations = self.citer.cite(proposal.plain, intent.topic, req.kind, found, markers)
        # the code's own wording of the request ("SG" → "the Secretary-General") is not invented
        written = [intent.addressee or "", intent.when or "", intent.formula or ""]
        written += [*spelling.written, *years, self.speller.spell_out(req.request).text]
        evidence = [req.request, candidate.phrase, req.draft_text or "", *written]
        invented = unsupported_facts(proposal.body, [*evidence, *(c.text for c in citations)])
        if invented and markers:  # a fact the model took from a precedent it marked: cite it
            marked = [h for h in found.relevant if h.clause_id in markers]
            for hit in marked:
                if hit.clause_id not in {c.id for c in citations} and not unsupported_facts(
                    proposal.body, [*evidence, *(c.text for c in citations), hit.text]
                ):
                    citations.append(Citation.from_record(hit.clause_id, hit.text, hit.metadata))
                    break
            invented = unsupported_facts(proposal.body, [*evidence, *(c.text for c in citations)])
        if invented:
            candidate.defects += [Defect("invented-fact", m) for m in invented]
            return None
        proposal.citations = citations
        proposal.unprecedented = not citations
        proposal.retrieved = [h.clause_id for h in found.hits]
        proposal.source = candidate.source
        proposal.model_words = candidate.model_words
        proposal.raw = candidate.body
        return proposal


def _opening(skeleton: Skeleton, ctx: DraftContext, kind: str) -> str:
    mark = ctx.emphasis(kind)
    words = skeleton.body.split()
    head = " ".join(words[: min(len(words), 6)])
    return f"{mark}{skeleton.phrase}{mark} {head} …"
