"""The undo history of one draft: every change a step, undone and redone on the server.

The history is a list of states (the draft's whole text, what made it, when) with a
cursor on the one shown. An operation (insert, fix, fix all, move, header) is always a
step of its own. Typing is one step per burst: edits arriving within ``pause`` seconds
of each other extend the open typing step, and any operation, a pause or :meth:`commit`
(the editor lost focus) closes it; a typed change that rewrites more than
``paste_chars`` characters (a paste over a selection, select-all and type) is a step of
its own. Undo and redo move the cursor, so the browser's own undo is never needed.

The history is plain data (:meth:`to_dict`), saved with the draft it belongs to.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

TYPING = "typing"
PAUSE_S = 4.0  # a typing burst ends after this many seconds without an edit
PASTE_CHARS = 40  # a typed change rewriting more characters than this is a step of its own
MAX_STEPS = 100  # states kept; the oldest go first
MAX_CHARS = 3_000_000  # characters kept over all states (a few hundred pages of drafts)


@dataclass
class DraftState:
    """One version of the draft and what made it ("typing", "Insert", "Fix all", …)."""

    text: str
    label: str = TYPING
    at: float = 0.0


@dataclass
class DraftHistory:
    """The states of one draft; ``cursor`` points at the one shown."""

    states: list[DraftState] = field(default_factory=list)
    cursor: int = 0
    open_typing: bool = False
    clock: Callable[[], float] = field(default=time.time, repr=False, compare=False)

    @classmethod
    def start(cls, text: str, clock: Callable[[], float] = time.time) -> DraftHistory:
        return cls([DraftState(text, "start", clock())], 0, False, clock)

    @property
    def present(self) -> str:
        return self.states[self.cursor].text

    @property
    def can_undo(self) -> bool:
        return self.cursor > 0

    @property
    def can_redo(self) -> bool:
        return self.cursor < len(self.states) - 1

    def undo_label(self) -> str | None:
        """What undo would take back (the label of the state shown), or None."""
        return self.states[self.cursor].label if self.can_undo else None

    def redo_label(self) -> str | None:
        return self.states[self.cursor + 1].label if self.can_redo else None

    # -- recording ---------------------------------------------------------------------

    def record(self, text: str, label: str = TYPING) -> bool:
        """Note that the draft is now ``text``, made by ``label``; False if nothing changed.

        Typing extends the open typing step (see the module doc); anything else is a
        step of its own and closes it. Recording drops every state after the cursor.
        """
        if text == self.present:
            return False
        if label == TYPING and self._step_to_neighbour(text):
            return True
        now = self.clock()
        here = self.states[self.cursor]
        if label == TYPING and self._extends(here, text, now):
            self.states[self.cursor] = DraftState(text, TYPING, now)
            return True
        del self.states[self.cursor + 1 :]
        self.states.append(DraftState(text, label, now))
        self.cursor = len(self.states) - 1
        self.open_typing = label == TYPING and _changed_chars(here.text, text) <= PASTE_CHARS
        self._trim()
        return True

    def _step_to_neighbour(self, text: str) -> bool:
        """A typed text that is the state just before or after the one shown moves the
        cursor there instead of becoming a new step: the page's autosave of a text an undo
        or redo showed can arrive after the next undo or redo (the events run at once), and
        must not turn into a step of its own."""
        for j in (self.cursor - 1, self.cursor + 1):
            if 0 <= j < len(self.states) and self.states[j].text == text:
                self.cursor = j
                self.open_typing = False
                return True
        return False

    def _extends(self, here: DraftState, text: str, now: float) -> bool:
        """Whether a typed ``text`` belongs to the typing step shown."""
        return (
            self.open_typing
            and here.label == TYPING
            and now - here.at <= PAUSE_S
            and _changed_chars(here.text, text) <= PASTE_CHARS
            and self.cursor == len(self.states) - 1
        )

    def commit(self) -> None:
        """Close the open typing step (the editor lost focus)."""
        self.open_typing = False

    def operation(self, before: str, after: str, label: str) -> bool:
        """An operation turned the page's ``before`` into ``after``: typing not yet recorded
        becomes a step of its own, then the operation one more."""
        self.record(before)
        self.commit()
        changed = self.record(after, label)
        self.commit()
        return changed

    # -- moving ------------------------------------------------------------------------

    def undo(self, shown: str | None = None) -> str | None:
        """Step back; return the text to show, or None when there is nothing to undo.

        ``shown`` is the page's text: typing the history has not seen yet is recorded
        first, so undo takes back that typing rather than losing it."""
        if shown is not None:
            self.record(shown)
        self.commit()
        if not self.can_undo:
            return None
        self.cursor -= 1
        return self.present

    def redo(self, shown: str | None = None) -> str | None:
        """Step forward again; None when there is nothing to redo (or typing came since)."""
        if shown is not None and shown != self.present:
            self.record(shown)  # typing after an undo: it replaces what could be redone
        self.commit()
        if not self.can_redo:
            return None
        self.cursor += 1
        return self.present

    def _trim(self) -> None:
        while len(self.states) > 1 and (
            len(self.states) > MAX_STEPS or sum(len(s.text) for s in self.states) > MAX_CHARS
        ):
            if self.cursor == 0:
                break
            del self.states[0]
            self.cursor -= 1

    # -- saving ------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "states": [{"text": s.text, "label": s.label, "at": s.at} for s in self.states],
            "cursor": self.cursor,
            "open_typing": self.open_typing,
        }

    @classmethod
    def from_dict(
        cls, data: Any, text: str, clock: Callable[[], float] = time.time
    ) -> DraftHistory:
        """The saved history, or a new one at ``text`` when ``data`` is missing or damaged.

        A history whose shown state is not ``text`` (the draft was saved without it) gets
        ``text`` recorded on top, so the draft itself always wins."""
        try:
            states = [
                DraftState(str(s["text"]), str(s.get("label", TYPING)), float(s.get("at", 0)))
                for s in data["states"]
            ]
            cursor = int(data["cursor"])
            if not states or not 0 <= cursor < len(states):
                raise ValueError("cursor outside the states")
        except (KeyError, TypeError, ValueError):
            return cls.start(text, clock)
        history = cls(states, cursor, bool(data.get("open_typing", False)), clock)
        if history.present != text:
            history.record(text, "restored")
        return history


def _changed_chars(old: str, new: str) -> int:
    """How many characters differ between ``old`` and ``new`` once their common start and
    end are set aside (the larger of what was removed and what was added)."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[len(old) - 1 - end] == new[len(new) - 1 - end]:
        end += 1
    return max(len(old) - start - end, len(new) - start - end)
