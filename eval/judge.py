"""An optional LLM judge for citation support (``clausewright eval run --judge``).

The deterministic support measure counts shared content words; a strong chat model can
instead be asked, for a statement and its evidence, "is every claim in the statement
supported by the evidence? yes or no". The answer feeds the same ALCE citation recall
and precision code. Small models (the embedded 135M one) answer this poorly, so the
mode is off by default and meant for OpenAI-compatible or Ollama backends.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from typing import Any

log = logging.getLogger(__name__)

SYSTEM = "You check citations in United Nations resolutions. Answer with one word: yes or no."
QUESTION = (
    "Evidence:\n{evidence}\n\nStatement: {statement}\n\n"
    "Is every claim in the statement supported by the evidence? Answer yes or no."
)
_ANSWER = re.compile(r"\b(yes|no)\b", re.I)


class LLMJudge:
    """Asks a langchain chat model yes/no support questions; answers are cached."""

    def __init__(self, model: Any) -> None:
        self.model = model
        self._cache: dict[tuple[str, tuple[str, ...]], bool] = {}
        self.asked = 0
        self.unparsed = 0

    def supports(self, statement: str, evidence: Sequence[str]) -> bool:
        """True when the model says the evidence supports the statement."""
        if not evidence:
            return False
        key = (statement, tuple(evidence))
        if key not in self._cache:
            self._cache[key] = self._ask(statement, evidence)
        return self._cache[key]

    def supported_fn(self, statement: str) -> Callable[[Sequence[str]], bool]:
        """``supported(evidence)`` for one statement, as the ALCE metrics take it."""
        return lambda evidence: self.supports(statement, evidence)

    def _ask(self, statement: str, evidence: Sequence[str]) -> bool:
        from langchain_core.messages import HumanMessage, SystemMessage

        listing = "\n".join(f"[{n}] {text}" for n, text in enumerate(evidence, start=1))
        messages = [
            SystemMessage(content=SYSTEM),
            HumanMessage(content=QUESTION.format(evidence=listing, statement=statement)),
        ]
        self.asked += 1
        answer = str(self.model.invoke(messages).content)
        match = _ANSWER.search(answer)
        if match is None:
            self.unparsed += 1
            log.warning("judge answer not yes/no, counted as no: %r", answer[:80])
            return False
        return match.group(1).lower() == "yes"
