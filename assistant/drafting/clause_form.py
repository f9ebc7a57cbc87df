"""A clause in correct form: number, emphasised phrase, body, closing mark; linted under
the draft's profile and fixed where a fix is safe."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assistant.drafting.proposals import Kind, Proposal
from assistant.lint.fixes import apply_fixes
from assistant.lint.single import lint_clause_text

# Words a finished clause cannot end on (a body cut off by a length limit does).
DANGLING_WORDS = (
    r"and|or|to|by|the|of|for|with|in|on|at|a|an|including|such as|which|that|as|"
    r"through|from|into|their|its|is|are|be|will|would|not|such|whether|while|whose"
)
_DANGLING = re.compile(rf"\s+(?:{DANGLING_WORDS})$", re.I)
_NUMBER = re.compile(r"^\s*\d{1,3}\s*[.)]\s*")
_EMPH = re.compile(r"^([*_]{1,2})([^*_]+)\1\s*")


@dataclass
class Slot:
    """One clause to write: kind, number, phrase, closing mark, emphasis."""

    kind: Kind
    number: int | None
    phrase: str
    terminal: str
    emphasis: str  # "*" italic, "_" underline, "" none

    @property
    def prefix(self) -> str:
        mark = self.emphasis
        head = f"{self.number}. " if self.number is not None else ""
        return f"{head}{mark}{self.phrase}{mark} "


class ClauseForm:
    """Composes the clause text, lints it under the draft's profile, applies fixes."""

    def __init__(self, linter: Any, lexicon: Any) -> None:
        self.linter = linter
        self.lexicon = lexicon
        self._by_profile: dict[str, Any] = {}

    def clean_body(self, body: str, phrase: str, truncated: bool = False) -> str:
        """Tidy a model-written body; a body cut off by the length cap ends at its last
        complete part, and dangling words ('including', 'and to') are dropped."""
        body = re.sub(r"\s+", " ", body).strip()
        body = re.sub(r"\bmember states\b", "Member States", body, flags=re.I)  # R13
        body = body.replace("*", "").replace("_", " ")
        if body.lower().startswith(phrase.lower() + " "):
            body = body[len(phrase) + 1 :]
        body = re.sub(r"\s+([,;:.])", r"\1", body).lstrip(" ,;:.")
        if truncated and ", " in body:
            cut = body.rfind(", ")
            if cut >= 0.6 * len(body):
                body = body[:cut]
        previous = None
        while previous != body:
            previous = body
            body = re.sub(r"[\s,;:.(\-–]+$", "", body)
            if truncated and not re.search(r"\s(?:UN|EU|ID|AI|it|up|us)$", body):
                body = re.sub(r"\s+\w{1,2}$", "", body)  # a word the length cap cut in two
            body = _DANGLING.sub("", body)
        return body.strip()

    def split_clause(self, raw: str, slot: Any) -> tuple[str, str]:
        """(phrase, body) of a clause line written by a chat model."""
        text = _NUMBER.sub("", raw.strip())
        m = _EMPH.match(text)
        if m:
            found = self.lexicon.match(m.group(2).strip())
            if found and found.kind == slot.kind:
                return m.group(2).strip(), text[m.end() :]
            return slot.phrase, text[m.end() :]
        found = self.lexicon.match(text)
        if found and found.kind == slot.kind:
            return found.written, text[found.end :]
        return slot.phrase, text

    def finish(self, ctx: Any, slot: Any, body: str, truncated: bool = False) -> Proposal:
        body = self.clean_body(body, slot.phrase, truncated)
        text = f"{slot.prefix}{body}{slot.terminal}"
        diagnostics = self.lint(ctx, slot, text)
        if any(d.fix for d in diagnostics):
            text = apply_fixes(text, diagnostics)
            diagnostics = self.lint(ctx, slot, text)
        remaining = [d for d in diagnostics if d.severity in ("error", "warning")]
        return Proposal(slot.kind, slot.number, slot.phrase, body, text, diagnostics=remaining)

    def lint(self, ctx: Any, slot: Any, text: str) -> list[Any]:
        return lint_clause_text(
            text,
            slot.kind,
            number=slot.number,
            is_last=False,
            profile=ctx.profile,
            linter=self._linter(ctx.profile),
        )

    def _linter(self, profile: Any) -> Any:
        """A linter fixed to the draft's profile (sharing lexicon and profile store)."""
        if profile.name not in self._by_profile:
            from assistant.lint.linter import Linter

            self._by_profile[profile.name] = Linter(
                profile, self.linter.base_lexicon, self.linter.store
            )
        return self._by_profile[profile.name]
