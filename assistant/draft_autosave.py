"""Autosaving drafts per browser session in the data directory.

Each session (a random ID the browser keeps) has one file; writes are atomic, so a
crash mid-save keeps the previous version. Session IDs are checked so that one session
can never read or overwrite another's file by naming it.
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


def new_session_id() -> str:
    return secrets.token_urlsafe(24)


class DraftStore:
    """Drafts by session ID under ``<data_dir>/drafts``."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def _path(self, session_id: str) -> Path:
        if not isinstance(session_id, str) or not _ID.match(session_id):
            raise ClausewrightError("invalid session ID: expected the ID the page keeps")
        return self.folder / f"{session_id}.json"

    def load(self, session_id: str) -> dict[str, Any] | None:
        path = self._path(session_id)
        try:
            return json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise ClausewrightError(f"{path}: cannot read the saved draft: {exc}") from exc

    def save(self, session_id: str, draft: dict[str, Any]) -> None:
        path = self._path(session_id)
        self.folder.mkdir(parents=True, exist_ok=True)
        payload = json.dumps({**draft, "saved_at": time.time()}, ensure_ascii=False)
        atomic_write(path, payload)
