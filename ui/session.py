"""Per-browser-session state: the draft and the session's settings, saved on every change.

The browser keeps only a random session ID (encrypted in its localStorage with a secret
that lives in the data directory, so it still decrypts after a server restart); the
session's named drafts and their undo histories are saved under ``<data_dir>/drafts``
(:class:`assistant.draft_library.DraftLibrary` over
:class:`assistant.draft_autosave.DraftStore`).
"""

from __future__ import annotations

import logging
import os
import secrets
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from assistant.asking.memory import Conversation, ConversationStore
from assistant.draft_autosave import DraftStore, new_session_id
from assistant.draft_document import DraftDocument, DraftHeader
from assistant.draft_library import DraftLibrary, NamedDraft
from assistant.drafting.context import DEFAULT_OPENING
from assistant.settings import LLM_BACKENDS
from index.errors import ClausewrightError

log = logging.getLogger(__name__)

PROFILES = ("auto", "un", "nmun", "thimun", "plain")
BACKENDS = LLM_BACKENDS


@dataclass
class SessionDraft:
    """What one browser session is working on."""

    session_id: str
    text: str
    profile: str = "auto"
    backend: str = "embedded"
    precedents: int = 6
    draft_id: str = ""  # which of the session's named drafts; "" for the open one

    def settings(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("session_id", "text", "draft_id"):
            data.pop(key)
        return data


def profile_name(choice: str | None) -> str | None:
    """The profile to lint and draft with; None ("auto"): inferred from the document."""
    return None if choice in (None, "", "auto") else choice


def blank_draft() -> str:
    """The text of a new draft: an empty header and the opening line."""
    return DraftDocument.new(DraftHeader(), DEFAULT_OPENING, None, None).text


class Sessions:
    """Loads and autosaves session drafts; hands out new session IDs."""

    def __init__(
        self,
        data_dir: str | Path,
        profile: str = "auto",
        backend: str = "embedded",
        precedents: int = 6,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.store = DraftStore(self.data_dir / "drafts")
        self._locks: dict[str, threading.RLock] = {}
        self._locks_lock = threading.Lock()
        self.conversations = ConversationStore(self.data_dir / "conversations")
        self.defaults: dict[str, Any] = {
            "profile": profile,
            "backend": backend,
            "precedents": int(precedents),
        }

    def secret(self) -> str:
        """The key the browser encrypts its session ID with, created once per data dir."""
        path = self.data_dir / "ui" / "session-secret"
        if path.is_file():
            return path.read_text("utf-8").strip()
        path.parent.mkdir(parents=True, exist_ok=True)
        value = secrets.token_urlsafe(32)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process wrote it first
            return path.read_text("utf-8").strip()
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(value)
        return value

    def new(self) -> SessionDraft:
        return self.restore(new_session_id())

    def library(self, session_id: str) -> DraftLibrary:
        """The session's named drafts (one blank draft for a new session)."""
        return DraftLibrary(self.store, session_id, blank_draft())

    def restore(self, session_id: str | None) -> SessionDraft:
        """The open draft of ``session_id`` and its settings, or a new session when there is
        none (or its ID or index is damaged)."""
        if not session_id:
            return self.new()
        try:
            library = self.library(session_id)
        except ClausewrightError as exc:
            log.warning("session draft not restored: %s", exc)
            return self.new()
        return self.session_draft(session_id, library, library.get())

    def session_draft(
        self, session_id: str, library: DraftLibrary, draft: NamedDraft
    ) -> SessionDraft:
        keys = ("profile", "backend", "precedents")
        saved = {k: library.settings[k] for k in keys if k in library.settings}
        merged: dict[str, Any] = {**self.defaults, **saved}
        return SessionDraft(session_id, draft.text, draft_id=draft.id, **merged)

    def lock(self, session_id: str) -> threading.RLock:
        """The session's lock: the page's events run at once (typing's autosave beside a
        click on Fix all), and each reads, changes and writes the draft's history whole."""
        with self._locks_lock:
            return self._locks.setdefault(session_id, threading.RLock())

    def save(self, draft: SessionDraft) -> None:
        """The autosave: the settings if they changed, the text as typing in the history."""
        with self.lock(draft.session_id):
            library = self.library(draft.session_id)
            if any(library.settings.get(k) != v for k, v in draft.settings().items()):
                library.save_settings(**draft.settings())
            self.save_typing(library, draft.draft_id or None, draft.text)

    def save_typing(self, library: DraftLibrary, draft_id: str | None, text: str) -> None:
        named = library.get(draft_id)
        if named.history.record(text):
            library.save(named)

    def record(
        self, session_id: str, draft_id: str | None, before: str, after: str, label: str
    ) -> None:
        """An operation (``label``) turned the page's ``before`` into ``after``."""
        with self.lock(session_id):
            library = self.library(session_id)
            named = library.get(draft_id or None)
            named.history.operation(before, after, label)
            library.save(named)

    def conversation(self, session_id: str) -> Conversation:
        """The session's conversation (a new one if none, or if its file is damaged)."""
        try:
            return self.conversations.load(session_id)
        except ClausewrightError as exc:
            log.warning("conversation not restored: %s", exc)
            return Conversation()

    def save_conversation(self, session_id: str, conversation: Conversation) -> None:
        self.conversations.save(session_id, conversation)
