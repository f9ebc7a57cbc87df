"""Getting clause text out of a model: completion style (small local models) or
instruction style (capable chat models).

Completion style (the embedded default): a resolution-shaped prompt with precedent
clauses as examples, ending with the number and phrase we chose; the model writes only
the body, constrained by a GBNF grammar to one clause with the right closing mark and
optional citation markers from the allowed IDs.

Instruction style (openai, ollama, fake): the precedents with their IDs, the request and
the format rules; the answer has one clause per line.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.backends.grammar import ClauseGrammar
from assistant.prompts import PromptLibrary

log = logging.getLogger(__name__)

# No ';' (a second clause), no '.', '!', '?' (sentences: the small model's drift), no
# emphasis or citation-bracket characters inside the body.
BODY_FORBID = ";.!?*_[]\n"
BODY_MAX = 200


@dataclass
class Example:
    """A precedent clause shown to the model."""

    id: str
    text: str  # rendered as it stands in a resolution (number, *phrase*, body, end)


@dataclass
class Slot:
    """One clause to write: kind, number, phrase, closing mark, the allowed citations."""

    kind: str
    number: int | None
    phrase: str
    terminal: str
    emphasis: str  # "*" italic, "_" underline, "" none
    allowed: Sequence[str]
    seed: int

    @property
    def prefix(self) -> str:
        mark = self.emphasis
        head = f"{self.number}. " if self.number is not None else ""
        return f"{head}{mark}{self.phrase}{mark} "


class CompletionWriter:
    """Writes clause bodies with a local completion model under a grammar."""

    def __init__(
        self, model: Any, prompts: PromptLibrary, counter: Any, n_ctx: int, max_tokens: int = 120
    ) -> None:
        self.model = model
        self.prompt = prompts["clause_completion"]
        self.counter = counter
        self.n_ctx = n_ctx
        self.max_tokens = max_tokens

    def build_prompt(self, slot: Slot, body: str, topic: str, examples: list[Example]) -> str:
        """The prompt with as many examples as fit the context, most relevant last."""
        budget = self.n_ctx - self.max_tokens - 32
        chosen: list[Example] = []
        for example in examples:  # most relevant first
            trial = self._render(slot, body, topic, [example, *chosen])
            if self.counter.count_tokens(trial) > budget:
                break
            chosen.insert(0, example)
        return self._render(slot, body, topic, chosen)

    def _render(self, slot: Slot, body: str, topic: str, examples: list[Example]) -> str:
        if slot.number is not None:  # number the examples so the slot's number follows
            first = max(1, slot.number - len(examples))
            lines = [f"{first + i}. {e.text}" for i, e in enumerate(examples)]
        else:
            lines = [e.text for e in examples]
        return self.prompt.render(
            body=body, topic=topic, examples="\n".join(lines), prefix=slot.prefix
        )

    def grammar(self, slot: Slot) -> str:
        return ClauseGrammar(
            include_prefix=False,
            terminals=slot.terminal,
            citations=tuple(slot.allowed),
            max_citations=2 if slot.allowed else 0,
            body_min=12,
            body_max=BODY_MAX,
            body_forbid=BODY_FORBID,
            body_first="[ ,]",
        ).gbnf()

    def stream(self, prompt: str, slot: Slot) -> Iterator[str]:
        """Body text as the model writes it (grammar-constrained)."""
        options = {
            "mode": "completion",
            "grammar": self.grammar(slot),
            "max_tokens": self.max_tokens,
            "temperature": 0.3,
            "top_p": 0.9,
            "repeat_penalty": 1.1,
            "seed": slot.seed,
        }
        for chunk in self.model.stream(prompt, **options):
            if chunk.content:
                yield str(chunk.content)


class ChatWriter:
    """Writes whole clauses with an instruction-following chat model.

    Precedents are packed most relevant first while the prompt fits ``n_ctx`` less the
    answer's room (``answer_tokens`` per clause), counted with ``counter``; the user's
    draft is cut from the top if even the first precedent does not fit with it.
    """

    def __init__(
        self,
        model: Any,
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
    ) -> list[tuple[str, str]]:
        budget = self.n_ctx - self.answer_tokens * max(1, count)

        def build(chosen: Sequence[Example], draft_text: str) -> list[tuple[str, str]]:
            listing = "\n".join(f"[{e.id}] {e.text}" for e in chosen) or "(none found)"
            return self.prompts["clause_chat"].messages(
                kind=kind,
                count=count,
                first_number=first_number or 1,
                profile_rules=rules,
                precedents=listing,
                request=request,
                draft=draft_text or "(empty)",
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

    def stream(self, messages: list[tuple[str, str]]) -> Iterator[str]:
        for chunk in self.model.stream(messages):
            if chunk.content:
                yield str(chunk.content)

    def repair(self, clause: str, diagnostics: Sequence[str], kind: str) -> str:
        prompt = self.prompts["repair_chat"].messages(
            clause=clause, diagnostics="\n".join(f"- {d}" for d in diagnostics), kind=kind
        )
        return str(self.model.invoke(prompt).content).strip().split("\n")[0]
