"""Revising clauses: strengthen, soften, shorten, merge two, split one.

Strengthening and softening move the leading phrase along a ladder of force
(``Encourages`` → ``Urges``); shortening drops illustrative lists and asides; merging
joins two clauses under the first one's phrase; splitting separates a clause at a
second operative verb or into its sub-clauses. These are deterministic and keep the
clause's words. An instruction-following chat model rewrites with the revise prompt
instead, and its output is validated the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.drafting.clause_form import Slot
from assistant.drafting.context import DraftContext
from assistant.drafting.generate import ScoringModel, StreamingModel
from assistant.drafting.proposals import Kind, Proposal

if TYPE_CHECKING:
    from assistant.drafting.chain import Drafter
    from assistant.prompts import PromptLibrary

ACTIONS = ("strengthen", "soften", "shorten", "merge", "split")
_ASIDE = re.compile(
    r",?\s*(?:such as|for example|e\.g\.|including(?: but not limited to)?|inter alia)\b[^;:]*?"
    r"(?=,\s+(?:and|in order|to|which|so)\b|$)",
    re.I,
)
_PAREN = re.compile(r"\s*\([^()]{0,80}\)")
_SPLIT_VERB = re.compile(r",?\s+and\s+(?:further\s+|also\s+)?(?P<verb>[a-z]+s)\b\s+")


# weakest → strongest: strengthening and softening move a phrase along its kind's ladder
LADDERS = {
    "operative": [
        "Takes note of",
        "Invites",
        "Recommends",
        "Encourages",
        "Calls upon",
        "Urges",
        "Strongly urges",
        "Demands",
    ],
    "preambulatory": [
        "Noting",
        "Recognizing",
        "Concerned",
        "Deeply concerned",
        "Alarmed by",
        "Gravely concerned",
    ],
}


def stronger(phrase: str, kind: str, step: int = 1) -> str:
    """The phrase ``step`` rungs up (negative: down) the ladder of its kind."""
    ladder = LADDERS[kind]
    lower = [p.lower() for p in ladder]
    plain = phrase.strip("*_ ").lower()
    if plain in lower:
        i = lower.index(plain)
    else:
        i = ladder.index("Encourages") if kind == "operative" else 1
    return ladder[max(0, min(len(ladder) - 1, i + step))]


@dataclass
class ParsedClause:
    number: int | None
    phrase: str
    body: str
    subclauses: list[str]


class Reviser:
    """Applies a revision to clauses written as text."""

    def __init__(
        self,
        drafter: Drafter,
        model: StreamingModel | None = None,
        prompts: PromptLibrary | None = None,
    ) -> None:
        self.drafter = drafter
        self.model = model
        self.prompts = prompts
        # an instruction model rewrites; a model that only ranks (embedded) does not
        self.rewrites = model is not None and not isinstance(model, ScoringModel)

    def revise(
        self,
        action: str,
        clauses: list[str],
        kind: Kind = "operative",
        draft_text: str | None = None,
        profile: str | None = None,
    ) -> list[Proposal]:
        if action not in ACTIONS:
            raise ValueError(f"unknown revision {action!r}: use one of {', '.join(ACTIONS)}")
        need = 2 if action == "merge" else 1
        if len(clauses) < need:
            raise ValueError(f"{action} needs {need} clause(s), got {len(clauses)}")
        from assistant.drafting.proposals import DraftRequest

        ctx = DraftContext.of(
            DraftRequest("", kind, 1, draft_text, profile),
            self.drafter.parser,
            self.drafter.linter,
        )
        parsed = [self._parse(c, kind) for c in clauses[:need]]
        if self.rewrites and self.model is not None and self.prompts is not None:
            pieces = self._chat(action, clauses[:need], kind, parsed[0])
        else:
            pieces = getattr(self, f"_{action}")(parsed, kind)
        number = parsed[0].number
        out = []
        for i, (phrase, body) in enumerate(pieces):
            slot_number = (number + i) if (kind == "operative" and number is not None) else None
            slot = Slot(kind, slot_number, phrase, ctx.terminal(kind), ctx.emphasis(kind))
            proposal = self.drafter.form.finish(ctx, slot, body)
            found = self.drafter.precedents.find(proposal.body, 10)
            proposal.retrieved = [h.clause_id for h in found.hits]
            proposal.citations = self.drafter.citer.cite(proposal.plain, proposal.body, kind, found)
            proposal.unprecedented = not proposal.citations
            out.append(proposal)
        return out

    # -- reading a clause --------------------------------------------------------------

    def _parse(self, text: str, kind: Kind) -> ParsedClause:
        lines = [ln.strip() for ln in text.strip().split("\n") if ln.strip()]
        head = lines[0] if lines else ""
        m = re.match(r"^(\d{1,3})\.\s+", head)
        number = int(m.group(1)) if m else None
        head = head[m.end() :] if m else head
        slot = Slot(kind, number, "", "", "")
        phrase, body = self.drafter.form.split_clause(head, slot)
        if not phrase:
            raise ValueError(f"no leading phrase found in {text[:60]!r}")
        return ParsedClause(number, phrase, body.strip().rstrip(";,.:"), lines[1:])

    # -- deterministic revisions ---------------------------------------------------

    def _strengthen(self, parsed: list[ParsedClause], kind: str) -> list[tuple[str, str]]:
        c = parsed[0]
        return [(stronger(c.phrase, kind, +1), _with_subs(c))]

    def _soften(self, parsed: list[ParsedClause], kind: str) -> list[tuple[str, str]]:
        c = parsed[0]
        return [(stronger(c.phrase, kind, -1), _with_subs(c))]

    def _shorten(self, parsed: list[ParsedClause], kind: str) -> list[tuple[str, str]]:
        c = parsed[0]
        body = _PAREN.sub("", _ASIDE.sub("", c.body))
        body = re.sub(r"\bin order to\b", "to", body)
        body = re.sub(r"\s{2,}", " ", body).strip(" ,")
        return [(c.phrase, body)]

    def _merge(self, parsed: list[ParsedClause], kind: str) -> list[tuple[str, str]]:
        a, b = parsed
        second = b.phrase[0].lower() + b.phrase[1:]
        link = "and further " if not second.startswith(("further", "also")) else "and "
        return [(a.phrase, f"{_with_subs(a)}, {link}{second} {b.body}")]

    def _split(self, parsed: list[ParsedClause], kind: str) -> list[tuple[str, str]]:
        c = parsed[0]
        if (
            c.subclauses
        ):  # the chapeau introduces each sub-clause: "… by: a. Funding" → "… by funding"
            return [(c.phrase, f"{c.body} {_sub_text(s)}") for s in c.subclauses]
        m = _SPLIT_VERB.search(c.body)
        if m is None:
            raise ValueError(
                "nothing to split: the clause has no sub-clauses and no second "
                "operative verb joined by 'and'"
            )
        verb = m.group("verb")
        return [(c.phrase, c.body[: m.start()]), (verb[0].upper() + verb[1:], c.body[m.end() :])]

    def _chat(
        self, action: str, clauses: list[str], kind: Kind, first: ParsedClause
    ) -> list[tuple[str, str]]:
        instruction = {
            "strengthen": "Use a stronger leading phrase and firmer wording.",
            "soften": "Use a milder leading phrase and more diplomatic wording.",
            "shorten": "Make it shorter without losing its substance.",
            "merge": "Merge the clauses into one clause.",
            "split": "Split it into two or more clauses, one idea each.",
        }[action]
        assert self.model is not None and self.prompts is not None  # checked by the caller
        messages = self.prompts["revise_chat"].messages(
            action=action, instruction=instruction, clauses="\n".join(clauses), kind=kind
        )
        text = str(self.model.invoke(messages).content)
        slot = Slot(kind, first.number, first.phrase, "", "")
        out = []
        for line in (ln for ln in text.split("\n") if ln.strip()):
            out.append(self.drafter.form.split_clause(line, slot))
        return out or [(first.phrase, first.body)]


def _sub_text(sub: str) -> str:
    text = re.sub(r"^\(?[a-z]{1,3}[.)]\s*", "", sub.strip())
    text = text.rstrip(";,.:")
    return text[0].lower() + text[1:] if text else text


def _with_subs(c: ParsedClause) -> str:
    if not c.subclauses:
        return c.body
    return c.body + ": " + "; ".join(_sub_text(s) for s in c.subclauses)
