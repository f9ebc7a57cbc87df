"""A session's named drafts: listed, created, renamed, deleted, switched between.

The session's index (``DraftStore.load``) holds its settings, the drafts' IDs and names
in the order they were made, and which one is open; each draft's text and undo history
are in a file of their own. A session saved before drafts had names (an index holding
``text``) opens as one draft, "Draft 1", with that text.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assistant.draft_autosave import DraftStore, new_draft_id
from assistant.draft_history import DraftHistory
from index.errors import ClausewrightError

log = logging.getLogger(__name__)

MAX_NAME = 80


@dataclass
class NamedDraft:
    """One of a session's drafts: its ID, name, text and undo history."""

    id: str
    name: str
    history: DraftHistory

    @property
    def text(self) -> str:
        return self.history.present


class DraftLibrary:
    """The drafts of one session, over a :class:`DraftStore`."""

    def __init__(
        self,
        store: DraftStore,
        session_id: str,
        blank: str,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.session_id = session_id
        self.blank = blank
        self.clock = clock
        index = store.load(session_id) or {}
        entries = index.get("drafts")
        self.names: dict[str, str] = {}
        if isinstance(entries, list):
            for e in entries:
                if isinstance(e, dict) and isinstance(e.get("id"), str):
                    self.names[e["id"]] = str(e.get("name") or "Untitled")
        self.settings: dict[str, Any] = {
            k: v for k, v in index.items() if k not in ("drafts", "current", "text", "saved_at")
        }
        current = index.get("current")
        self.current_id = current if current in self.names else next(iter(self.names), "")
        if not self.names:  # a new session, or one saved before drafts had names
            old = index.get("text")
            self.create("Draft 1", old if isinstance(old, str) else blank)

    # -- listing -----------------------------------------------------------------------

    def entries(self) -> list[tuple[str, str]]:
        """(name, ID) of every draft, in the order they were made."""
        return [(name, draft_id) for draft_id, name in self.names.items()]

    def get(self, draft_id: str | None = None) -> NamedDraft:
        """A draft (the open one by default) with its history."""
        draft_id = draft_id or self.current_id
        if draft_id not in self.names:
            raise ClausewrightError(f"no draft {draft_id!r} in this session; choose one listed")
        try:
            data = self.store.load_draft(self.session_id, draft_id) or {}
        except ClausewrightError as exc:  # kept aside; the draft starts again blank
            aside = self.store.set_aside(self.session_id, draft_id)
            log.warning("draft not restored: %s (the file is kept as %s)", exc, aside)
            data = {}
        text = data.get("text")
        text = text if isinstance(text, str) else self.blank
        history = DraftHistory.from_dict(data.get("history"), text, self.clock)
        return NamedDraft(draft_id, self.names[draft_id], history)

    # -- changing ------------------------------------------------------------------------

    def save(self, draft: NamedDraft) -> None:
        """Write the draft's text and history (the autosave)."""
        data = {"name": draft.name, "text": draft.text, "history": draft.history.to_dict()}
        self.store.save_draft(self.session_id, draft.id, data)

    def save_settings(self, **settings: Any) -> None:
        self.settings.update(settings)
        self._save_index()

    def create(self, name: str | None = None, text: str | None = None) -> NamedDraft:
        """A new draft (blank unless ``text``), which becomes the open one."""
        name = self._checked_name(name) if name else self._next_name()
        start = DraftHistory.start(self.blank if text is None else text, self.clock)
        draft = NamedDraft(new_draft_id(), name, start)
        self.names[draft.id] = name
        self.current_id = draft.id
        self.save(draft)
        self._save_index()
        return draft

    def switch(self, draft_id: str) -> NamedDraft:
        draft = self.get(draft_id)
        self.current_id = draft_id
        self._save_index()
        return draft

    def rename(self, draft_id: str, name: str) -> None:
        self.get(draft_id)  # names the error for an unknown draft
        self.names[draft_id] = self._checked_name(name, draft_id)
        self._save_index()

    def delete(self, draft_id: str) -> NamedDraft:
        """Delete a draft; return the one open afterwards (a new blank one if none is left)."""
        self.get(draft_id)
        del self.names[draft_id]
        self.store.delete_draft(self.session_id, draft_id)
        if not self.names:
            return self.create()
        if self.current_id == draft_id:
            self.current_id = next(reversed(self.names))
        self._save_index()
        return self.get()

    # -- names ---------------------------------------------------------------------------

    def _checked_name(self, name: Any, draft_id: str | None = None) -> str:
        if not isinstance(name, str) or not " ".join(name.split()):
            raise ClausewrightError("a draft needs a name: type one, e.g. “Migration, second go”")
        clean = " ".join(name.split())
        if len(clean) > MAX_NAME:
            raise ClausewrightError(f"draft name too long: {len(clean)} characters, {MAX_NAME} max")
        for other, existing in self.names.items():
            if other != draft_id and existing.casefold() == clean.casefold():
                raise ClausewrightError(f"there is already a draft named “{existing}”")
        return clean

    def _next_name(self) -> str:
        taken = {n.casefold() for n in self.names.values()}
        n = len(self.names) + 1
        while f"draft {n}" in taken:
            n += 1
        return f"Draft {n}"

    def _save_index(self) -> None:
        drafts = [{"id": i, "name": n} for i, n in self.names.items()]
        self.store.save(
            self.session_id, {**self.settings, "drafts": drafts, "current": self.current_id}
        )
