"""The drafting chain: retrieve → prompt → generate → parse → validate → repair → fix → cite.

``Drafter.propose(DraftRequest(...))`` returns clauses in correct form, numbered to
continue the user's draft, each citing only precedent that retrieval returned for this
request and that supports its wording; when retrieval finds nothing relevant, the
clause is still well-formed and is marked as unprecedented. ``Drafter.stream`` yields
the same work as events (retrieved precedents, text as it is written, proposals), and
``Drafter.runnable()`` wraps it as a langchain runnable.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from langchain_core.runnables import RunnableGenerator

from assistant.drafting.citing import extract_markers
from assistant.drafting.context import DraftContext, Precedents
from assistant.drafting.finishing import Finisher
from assistant.drafting.phrases import PhraseChooser, drop_phrase_words, steer
from assistant.drafting.proposals import DraftRequest, Proposal
from assistant.drafting.writers import BODY_MAX, ChatWriter, CompletionWriter, Example, Slot

log = logging.getLogger(__name__)


@dataclass
class DraftingOptions:
    precedents: int = 6  # precedent clauses shown to the model
    min_similarity: float = 0.45  # dense cosine below which a hit is not precedent
    seed: int = 7
    n_ctx: int = 8192
    max_tokens: int = 120


class Drafter:
    """Proposes clauses for a request, grounded in the indexed corpus."""

    def __init__(
        self,
        index: Any,
        model: Any,
        style: str,
        prompts: Any,
        linter: Any,
        lexicon: Any,
        parser: Any,
        counter: Any = None,
        options: DraftingOptions | None = None,
    ) -> None:
        self.index = index
        self.style = style  # "completion" (embedded) or "chat"
        self.options = options or DraftingOptions()
        self.chooser = PhraseChooser(lexicon)
        self.precedents = Precedents(index, self.options.min_similarity)
        self.finisher = Finisher(linter, lexicon)
        self.parser = parser
        if style == "completion":
            self.writer: Any = CompletionWriter(
                model, prompts, counter, self.options.n_ctx, self.options.max_tokens
            )
        else:
            self.writer = ChatWriter(model, prompts, counter, self.options.n_ctx)

    # -- public API ----------------------------------------------------------------

    def propose(self, req: DraftRequest) -> list[Proposal]:
        return [e["proposal"] for e in self.stream(req) if e["event"] == "proposal"]

    def runnable(self) -> RunnableGenerator:
        """The chain as a langchain runnable: input a DraftRequest, output events."""

        def run(inputs: Iterator[DraftRequest]) -> Iterator[dict[str, Any]]:
            for req in inputs:
                yield from self.stream(req)

        return RunnableGenerator(run)

    def stream(self, req: DraftRequest) -> Iterator[dict[str, Any]]:
        """Events: {"event": "retrieved"|"token"|"proposal", ...}."""
        if req.kind not in ("operative", "preambulatory"):
            raise ValueError(f"kind must be operative or preambulatory, not {req.kind!r}")
        started = time.perf_counter()
        ctx = DraftContext.of(req, self.parser, self.finisher.linter)
        found = self.precedents.find(req.request, req.kind, self.options.precedents * 2)
        yield {"event": "retrieved", "hits": found.hits, "relevant": found.relevant}
        phrases = self.chooser.choose(req.request, req.kind, found.phrases(req.kind), req.n)
        slots = [self._slot(ctx, req, i, phrase, found) for i, phrase in enumerate(phrases)]
        if self.style == "completion":
            yield from self._complete(ctx, req, slots, found, started)
        else:
            yield from self._chat(ctx, req, slots, found, started)

    # -- completion style -------------------------------------------------------------

    def _slot(self, ctx: DraftContext, req: DraftRequest, i: int, phrase: str, found: Any) -> Slot:
        number = ctx.next_number + i if req.kind == "operative" else None
        return Slot(
            req.kind,
            number,
            phrase,
            ctx.terminal(req.kind),
            ctx.emphasis(req.kind),
            [h.clause_id for h in found.relevant],
            self.options.seed + i,
        )

    def _complete(
        self, ctx: DraftContext, req: DraftRequest, slots: list[Slot], found: Any, started: float
    ) -> Iterator[dict[str, Any]]:
        examples = self.precedents.examples(
            found, req.kind, self.options.precedents, ctx.emphasis(req.kind), slots[0].number
        )
        topic = self.precedents.topic(req.request)
        named = self.chooser.from_request(req.request, req.kind)
        rest = drop_phrase_words(named, topic) if named else topic
        for slot in slots:
            lead = steer(slot.phrase, slot.kind, rest)
            prompt = self.writer.build_prompt(slot, ctx.opening, topic, examples) + lead
            yield {"event": "token", "number": slot.number, "text": slot.prefix + lead}
            raw = ""
            for piece in self.writer.stream(prompt, slot):
                raw += piece
                yield {"event": "token", "number": slot.number, "text": piece}
            proposal = self._finish(ctx, slot, lead + raw, found, started, raw)
            if proposal.unprecedented and found.relevant:  # drifted off its precedent
                retry = Slot(**{**slot.__dict__, "seed": slot.seed + 100})
                raw = "".join(self.writer.stream(prompt, retry))
                second = self._finish(ctx, retry, lead + raw, found, started, raw)
                second.repaired = True
                proposal = second if not second.unprecedented else proposal
            yield {"event": "proposal", "proposal": proposal}

    # -- chat style -------------------------------------------------------------------

    def _chat(
        self, ctx: DraftContext, req: DraftRequest, slots: list[Slot], found: Any, started: float
    ) -> Iterator[dict[str, Any]]:
        listing = [Example(h.clause_id, h.text) for h in found.relevant[: self.options.precedents]]
        messages = self.writer.messages(
            kind=req.kind,
            count=req.n,
            first_number=slots[0].number,
            rules=ctx.rules(req.kind),
            precedents=listing,
            request=req.request,
            draft=req.draft_text or "",
        )
        text = ""
        for piece in self.writer.stream(messages):
            text += piece
            yield {"event": "token", "number": slots[0].number, "text": piece}
        lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
        for i, slot in enumerate(slots):
            raw = lines[i] if i < len(lines) else ""
            phrase, body = self.finisher.split_clause(raw, slot)
            slot.phrase = phrase
            proposal = self._finish(ctx, slot, body, found, started, raw)
            if proposal.diagnostics:
                fixed = self.writer.repair(
                    proposal.text, [d.message for d in proposal.diagnostics], req.kind
                )
                phrase, body = self.finisher.split_clause(fixed, slot)
                slot.phrase = phrase
                proposal = self._finish(ctx, slot, body, found, started, fixed)
                proposal.repaired = True
            yield {"event": "proposal", "proposal": proposal}

    # -- shared ------------------------------------------------------------------------

    def _finish(
        self, ctx: DraftContext, slot: Slot, body: str, found: Any, started: float, raw: str
    ) -> Proposal:
        allowed = [h.clause_id for h in found.relevant]
        body, marked, removed = extract_markers(body, allowed)
        truncated = self.style == "completion" and len(raw.rstrip(";,. ")) >= BODY_MAX - 8
        proposal = self.finisher.finish(ctx, slot, body, truncated)
        proposal.raw = raw
        proposal.removed_markers = removed
        proposal.retrieved = [h.clause_id for h in found.hits]
        proposal.citations = self.precedents.cite(proposal.body, found, marked)
        proposal.unprecedented = not proposal.citations
        proposal.latency_s = time.perf_counter() - started
        return proposal
