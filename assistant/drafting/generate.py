"""Step 4 — generate: candidate clauses from the skeletons and from the model.

Completion models (the embedded default) do what a small model can be trusted with:
they *rank* the code-built skeletons by how natural each reads after precedent clauses
(mean log-probability per token, :class:`ScoringModel`), and they may *extend* the best
one with a short tail — lower-case words, commas and hyphens only, under a grammar, so a
tail can carry no number, date, acronym or name. Chat models (openai, ollama, fake)
write whole clauses from the instruction prompt, with the best skeleton as a suggested
opening; their clauses are the only candidates, so a model whose clauses fail
verification gets no proposal shown. Every candidate goes on to verify.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

from assistant.drafting.frame import Skeleton
from assistant.drafting.retrieve import Example
from assistant.drafting.verify import Defect
from assistant.prompts import PromptLibrary

log = logging.getLogger(__name__)

Source = Literal["frame", "frame+model", "model"]
TAIL_GRAMMAR = r"""root ::= ", " [a-z] tailchar{8,110} ";"
tailchar ::= [a-z ,-]
"""


@runtime_checkable
class ScoringModel(Protocol):
    """A model that can say how likely a continuation is (the embedded backend)."""

    def score(self, prefix: str, continuations: Sequence[str]) -> list[float]: ...


class StreamingModel(Protocol):
    """What every chat backend offers (langchain ``BaseChatModel``)."""

    def stream(self, input: Any, **kwargs: Any) -> Iterator[Any]: ...

    def invoke(self, input: Any, **kwargs: Any) -> Any: ...


@dataclass
class Candidate:
    """One possible clause: its phrase and body, where its words came from, its checks."""

    phrase: str
    body: str
    source: Source
    how: str
    model_words: int = 0  # words of the body the model wrote
    added: str = ""  # the model's words, when it extended a skeleton
    score: float | None = None  # mean log-probability per token, when the model can score
    defects: list[Defect] = field(default_factory=list)


@dataclass(frozen=True)
class Prompting:
    """What a prompt is built from: the draft's opening, the topic and precedent examples."""

    opening: str
    topic: str
    examples: Sequence[Example]
    number: int | None
    emphasis: str
    terminal: str


class CompletionWriter:
    """Ranks skeletons with a scoring model and lets it add a grammar-bound tail."""

    def __init__(
        self, model: StreamingModel, prompts: PromptLibrary, tails: bool = True, seed: int = 7
    ) -> None:
        self.model = model
        self.prompt = prompts["clause_completion"]
        self.tails = tails
        self.seed = seed

    def _prefix(self, p: Prompting) -> str:
        first = max(1, (p.number or 1) - len(p.examples))
        lines = [
            f"{first + i}. {e.text}" if p.number is not None else e.text
            for i, e in enumerate(p.examples)
        ]
        head = f"{p.number}. " if p.number is not None else ""
        return self.prompt.render(
            body=p.opening, topic=p.topic, examples="\n".join(lines), prefix=head
        ).rstrip(" ")

    def candidates(self, skeletons: Sequence[Skeleton], p: Prompting) -> list[Candidate]:
        out = [Candidate(s.phrase, s.body, "frame", s.how) for s in skeletons]
        if not out:
            return out
        prefix = self._prefix(p)
        if isinstance(self.model, ScoringModel):
            texts = [self._written(c, p) for c in out]
            for candidate, score in zip(out, self.model.score(prefix, texts), strict=True):
                candidate.score = score
            out.sort(key=lambda c: -(c.score or 0.0))
        if self.tails and out[0].how != "formula R13":  # the Court's question ends the clause
            tail = self._tail(prefix, out[0], p)
            if tail:
                out.append(tail)
        return out

    def _written(self, c: Candidate, p: Prompting) -> str:
        lead = " " if p.number is not None else ""
        return f"{lead}{p.emphasis}{c.phrase}{p.emphasis} {c.body}{p.terminal}".lstrip()

    def _tail(self, prefix: str, best: Candidate, p: Prompting) -> Candidate | None:
        stem = prefix + " " + f"{p.emphasis}{best.phrase}{p.emphasis} {best.body}"
        if p.number is None:
            stem = prefix + f"{p.emphasis}{best.phrase}{p.emphasis} {best.body}"
        pieces = []
        options = {
            "mode": "completion",
            "grammar": TAIL_GRAMMAR,
            "max_tokens": 40,
            "temperature": 0.3,
            "top_p": 0.9,
            "repeat_penalty": 1.3,
            "seed": self.seed,
        }
        try:
            for chunk in self.model.stream(stem, **options):
                if chunk.content:
                    pieces.append(str(chunk.content))
        except TypeError:  # a model without completion options
            return None
        tail = "".join(pieces).strip()
        m = re.match(r"^,\s*(.+?)\s*;?$", tail, re.S)
        if not m:
            return None
        words = m.group(1).split()
        body = f"{best.body}, {' '.join(words)}"
        candidate = Candidate(
            best.phrase, body, "frame+model", best.how + "+tail", len(words), " ".join(words)
        )
        if isinstance(self.model, ScoringModel):
            candidate.score = self.model.score(prefix, [self._written(candidate, p)])[0]
        return candidate


class ChatWriter:
    """Asks an instruction-following model for whole clauses (one per line)."""

    def __init__(
        self,
        model: StreamingModel,
        prompts: PromptLibrary,
        counter: Any = None,
        n_ctx: int = 8192,
        answer_tokens: int = 200,
    ) -> None:
        self.model = model
        self.prompts = prompts
        self.counter = counter
        self.n_ctx = n_ctx
        self.answer_tokens = answer_tokens

    def messages(
        self,
        *,
        kind: str,
        count: int,
        first_number: int | None,
        rules: str,
        precedents: Sequence[Example],
        request: str,
        draft: str,
        guidance: str = "",
    ) -> list[tuple[str, str]]:
        """The clause prompt, precedents packed most relevant first within the context."""
        budget = self.n_ctx - self.answer_tokens * max(1, count)

        def build(chosen: Sequence[Example], draft_text: str) -> list[tuple[str, str]]:
            listing = "\n".join(f'<precedent id="{e.id}">{e.text}</precedent>' for e in chosen)
            return self.prompts["clause_chat"].messages(
                kind=kind,
                count=count,
                first_number=first_number or 1,
                profile_rules=rules,
                precedents=listing or "(none found)",
                request=request,
                draft=draft_text or "(empty)",
                guidance=guidance or "(none)",
            )

        def size(msgs: list[tuple[str, str]]) -> int:
            if self.counter is None:
                return 0
            return sum(self.counter.count_tokens(text) + 8 for _, text in msgs)

        while draft and size(build(precedents[:1], draft)) > budget:
            draft = "…\n" + draft[len(draft) // 4 :]  # keep the end: where clauses are added
        chosen: list[Example] = []
        for example in precedents:
            if size(build([*chosen, example], draft)) > budget:
                break
            chosen.append(example)
        return build(chosen, draft)

    def lines(self, messages: list[tuple[str, str]]) -> Iterator[str]:
        """The model's answer as it streams, piece by piece."""
        for chunk in self.model.stream(messages):
            if chunk.content:
                yield str(chunk.content)
