"""Per-browser-session state: the draft and the session's settings, saved on every change.

The browser keeps only a random session ID (encrypted in its localStorage with a secret
that lives in the data directory, so it still decrypts after a server restart); the
draft itself is saved under ``<data_dir>/drafts`` by :class:`assistant.draft_autosave.DraftStore`.
"""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from assistant.asking.memory import Conversation, ConversationStore
from assistant.draft_autosave import DraftStore, new_session_id
from assistant.draft_document import DraftDocument, DraftHeader
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

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("session_id")
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
        return SessionDraft(new_session_id(), blank_draft(), **self.defaults)

    def restore(self, session_id: str | None) -> SessionDraft:
        """The saved draft of ``session_id``, or a new session when there is none."""
        if not session_id:
            return self.new()
        try:
            saved = self.store.load(session_id)
        except ClausewrightError as exc:
            log.warning("session draft not restored: %s", exc)
            return self.new()
        if saved is None:
            return SessionDraft(session_id, blank_draft(), **self.defaults)
        keys = ("text", "profile", "backend", "precedents")
        fields: dict[str, Any] = {k: saved[k] for k in keys if k in saved}
        merged: dict[str, Any] = {**self.defaults, **fields}
        merged.setdefault("text", blank_draft())
        return SessionDraft(session_id, **merged)

    def save(self, draft: SessionDraft) -> None:
        self.store.save(draft.session_id, draft.to_dict())

    def conversation(self, session_id: str) -> Conversation:
        """The session's conversation (a new one if none, or if its file is damaged)."""
        try:
            return self.conversations.load(session_id)
        except ClausewrightError as exc:
            log.warning("conversation not restored: %s", exc)
            return Conversation()

    def save_conversation(self, session_id: str, conversation: Conversation) -> None:
        self.conversations.save(session_id, conversation)
