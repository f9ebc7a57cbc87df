"""A first-class fake chat model: canned replies, and a record of every prompt it got.

Like the embedded model it accepts ``mode="completion"`` and generation options
(``grammar``, ``seed``, …) as call keywords, so the fast test tier can drive the
completion path and then read exactly what was sent::

    model = RecordingFakeModel(responses=["the first reply"])
    model.enqueue(" to report on implementation;")
    drafter.propose(request)
    model.prompts[-1].text      # the prompt the drafter built
    model.prompts[-1].options   # {"mode": "completion", "grammar": "...", ...}

Replies come from the queue first (in order), then cycle through ``responses``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field, PrivateAttr


@dataclass(frozen=True)
class RecordedPrompt:
    """One call the fake model received."""

    messages: tuple[tuple[str, str], ...]  # (role, text)
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The prompt as one string (a completion prompt is its only message)."""
        return "\n\n".join(text for _, text in self.messages)

    @property
    def mode(self) -> str:
        return str(self.options.get("mode", "chat"))


class RecordingFakeModel(BaseChatModel):
    """Replies from a queue or a cycle of canned responses; records every prompt."""

    responses: list[str] = Field(default_factory=lambda: ["(no reply configured)"])

    _queue: deque[str] = PrivateAttr(default_factory=deque)
    _next: int = PrivateAttr(default=0)
    _prompts: list[RecordedPrompt] = PrivateAttr(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "clausewright-fake"

    @property
    def prompts(self) -> list[RecordedPrompt]:
        """Every prompt received, oldest first."""
        return list(self._prompts)

    def enqueue(self, *replies: str) -> None:
        """Replies to give before falling back to the cycle of ``responses``."""
        self._queue.extend(replies)

    def _reply(self, messages: list[BaseMessage], kwargs: dict[str, Any]) -> str:
        options = {k: v for k, v in kwargs.items() if not k.startswith("ls_")}
        recorded = tuple((m.type, str(m.content)) for m in messages)
        self._prompts.append(RecordedPrompt(recorded, options))
        if self._queue:
            return self._queue.popleft()
        reply = self.responses[self._next % len(self.responses)]
        self._next += 1
        return reply

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: Any = None,
        **kwargs: Any,
    ) -> ChatResult:
        text = self._reply(messages, kwargs)
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: Any = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        text = self._reply(messages, kwargs)
        for piece in _pieces(text) if text else [""]:
            yield ChatGenerationChunk(message=AIMessageChunk(content=piece))


def _pieces(text: str) -> Iterator[str]:
    """Word-sized chunks, as a streaming model sends them."""
    start = 0
    for i, char in enumerate(text):
        if char == " " and i > start:
            yield text[start:i]
            start = i
    if start < len(text):
        yield text[start:]


class ScoringFakeModel(RecordingFakeModel):
    """The fake with the embedded model's scoring capability, so the fast tier drives the
    completion path: ``scores`` maps a continuation to its score (default: shorter is
    better); every scoring call is recorded in ``scored``."""

    scores: dict[str, float] = Field(default_factory=dict)

    _scored: list[tuple[str, tuple[str, ...]]] = PrivateAttr(default_factory=list)

    @property
    def scored(self) -> list[tuple[str, tuple[str, ...]]]:
        """(prefix, continuations) of every scoring call, oldest first."""
        return list(self._scored)

    def score(self, prefix: str, continuations: Sequence[str]) -> list[float]:
        self._scored.append((prefix, tuple(continuations)))
        return [self.scores.get(c, -len(c) / 100) for c in continuations]
