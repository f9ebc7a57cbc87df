"""What the assistant says back, as data: text, citations, proposals, the clauses listed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.asking.requests import Request
    from assistant.drafting.proposals import Citation, Proposal

EXAMPLES = (
    "which drafts mention AVRR?",
    "which operative clauses urge states to fund shelters?",
    "what does IOM/1/4 op 8 say?",
    "how many operative clauses does IOM/1/3 have?",
    "anything on training border officials?",
    "propose an operative clause asking the Secretary-General to report next session",
    "check my draft",
)


@dataclass
class Answer:
    """One answer: its text (Markdown), citations, proposals, and the clauses it lists.

    ``kind`` is the route taken: mentions | similar | show | facts | proposals | revision |
    check | clarify | answer. ``ids`` are the clause IDs listed, in order (what a
    follow-up such as "show me the second" refers to); ``value`` is a fact's value.
    """

    kind: str
    text: str
    citations: list[Citation] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    mentions: Any = None
    request: Request | None = None
    ids: list[str] = field(default_factory=list)
    value: int | list[str] | str | None = None


def clarify_text(said: str) -> str:
    """The reply to a message that could not be read: what it can do, with examples."""
    lines = [
        f"I could not tell what you want from {said!r}." if said else "Ask me something.",
        "I can find every clause that mentions a term, show a clause, count and list, "
        "find precedent on a topic, propose clauses and check your draft. For example:",
    ]
    return "\n".join([*lines, *(f"- {e}" for e in EXAMPLES)])
