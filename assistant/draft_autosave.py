"""Autosaving drafts per browser session in the data directory.

Each session (a random ID the browser keeps) has an index file,
``<drafts>/<session>.json`` (its settings and the list of its named drafts), and one
file per draft, ``<drafts>/<session>/<draft>.json`` (its text and undo history), so an
autosave writes only the draft being edited. Writes are atomic, so a crash mid-save
keeps the previous version. Session and draft IDs are checked so that one session can
never read or overwrite another's files by naming them.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from pathlib import Path
from typing import Any

from index.errors import ClausewrightError
from index.files import atomic_write

_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_DRAFT_ID = re.compile(r"^[A-Za-z0-9_-]{6,64}$")


def new_session_id() -> str:
    return secrets.token_urlsafe(24)


def new_draft_id() -> str:
    return secrets.token_urlsafe(9)


class DraftStore:
    """Session indexes and drafts by ID under ``<data_dir>/drafts``."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def _path(self, session_id: str) -> Path:
        if not isinstance(session_id, str) or not _ID.match(session_id):
            raise ClausewrightError("invalid session ID: expected the ID the page keeps")
        return self.folder / f"{session_id}.json"

    def _draft_path(self, session_id: str, draft_id: str) -> Path:
        if not isinstance(draft_id, str) or not _DRAFT_ID.match(draft_id):
            raise ClausewrightError("invalid draft ID: expected one of the session's drafts")
        return self._path(session_id).with_suffix("") / f"{draft_id}.json"

    def load(self, session_id: str) -> dict[str, Any] | None:
        """The session's index (settings, drafts), or None for a session never saved."""
        return _read(self._path(session_id), "the saved session")

    def save(self, session_id: str, data: dict[str, Any]) -> None:
        _write(self._path(session_id), data)

    def load_draft(self, session_id: str, draft_id: str) -> dict[str, Any] | None:
        return _read(self._draft_path(session_id, draft_id), "the saved draft")

    def save_draft(self, session_id: str, draft_id: str, data: dict[str, Any]) -> None:
        _write(self._draft_path(session_id, draft_id), data)

    def set_aside(self, session_id: str, draft_id: str) -> Path | None:
        """Move a draft file that cannot be read out of the way (kept, never overwritten);
        return where it went."""
        path = self._draft_path(session_id, draft_id)
        aside = path.with_name(f"{path.name}.damaged-{int(time.time())}")
        try:
            path.rename(aside)
        except OSError:
            return None
        return aside

    def delete_draft(self, session_id: str, draft_id: str) -> None:
        self._draft_path(session_id, draft_id).unlink(missing_ok=True)


def _read(path: Path, what: str) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise ClausewrightError(f"{path}: cannot read {what}: {exc}") from exc
    if not isinstance(data, dict):
        raise ClausewrightError(f"{path}: cannot read {what}: expected a JSON object")
    return data


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, json.dumps({**data, "saved_at": time.time()}, ensure_ascii=False))
