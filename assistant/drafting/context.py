"""What a request is drafted against: the user's draft so far.

``DraftContext`` reads the draft: the next operative number, the body's opening line and
the style profile, which decides emphasis marks and closing punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assistant.drafting.proposals import DraftRequest
from index.errors import InputError

DEFAULT_OPENING = "The General Assembly,"
_MARKS = {"italic": "*", "underline": "_", "bold": "**"}


@dataclass
class DraftContext:
    """Numbering, opening line and style profile taken from the user's draft."""

    next_number: int
    opening: str
    profile: Any

    @classmethod
    def of(cls, req: DraftRequest, parser: Any, linter: Any) -> DraftContext:
        profile = linter.store.get(req.profile) if req.profile else None
        if req.draft_text is None or not req.draft_text.strip():
            return cls(1, DEFAULT_OPENING, profile or linter.store.get("nmun"))
        try:
            resolutions = parser.parse_text(req.draft_text, "<draft>")
        except InputError:
            return cls(1, _opening_line(req.draft_text), profile or linter.store.get("nmun"))
        res = resolutions[-1]
        numbers = [c.number or 0 for c in res.operative]
        next_number = max(numbers, default=0) + 1
        opening = res.opening or DEFAULT_OPENING
        return cls(next_number, opening, profile or linter.profile_for(res))

    def emphasis(self, kind: str) -> str:
        accepted = self.profile.accepted_emphasis(kind)
        return _MARKS.get(accepted[0], "") if accepted else ""

    def terminal(self, kind: str) -> str:
        return (
            self.profile.preambulatory_end
            if kind == "preambulatory"
            else self.profile.operative_end
        )

    def rules(self, kind: str) -> str:
        mark = self.emphasis(kind)
        phrase = f"{mark}Phrase{mark}" if mark else "Phrase"
        if kind == "operative":
            return (
                f"- Write: number, full stop, the leading phrase as {phrase} (a present-tense "
                f"verb such as Urges, Encourages, Calls upon), then the body.\n"
                f"- End the clause with '{self.terminal(kind)}'."
            )
        return (
            f"- Write: the leading phrase as {phrase} (a participle or adjective such as "
            f"Recalling, Deeply concerned), then the body; no number.\n"
            f"- End the clause with '{self.terminal(kind)}'."
        )


def _opening_line(text: str) -> str:
    m = re.search(r"^\s*[*_]*(The [^,\n]{3,80},)", text, re.M)
    return m.group(1) if m else DEFAULT_OPENING
