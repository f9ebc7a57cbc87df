"""The conversation: what was said, the last answer (for follow-ups) and every proposal
made so far (they accumulate; inserting one marks it). Saved per session in
``<data_dir>/conversations`` with atomic writes, so the UI and ``chat`` restore it."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from assistant.asking import requests as rq
from assistant.asking.followups import Turn
from assistant.drafting.proposals import Citation, Proposal
from index.errors import ClausewrightError
from index.files import atomic_write

_SESSION = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_TYPES: dict[str, type] = {t.__name__: t for t in rq.INTENTS}


@dataclass
class Conversation:
    """One session's chat: messages, the last turn and the proposals made."""

    messages: list[dict[str, str]] = field(default_factory=list)
    last: Turn | None = None
    proposals: list[Proposal] = field(default_factory=list)
    inserted: list[bool] = field(default_factory=list)

    def add_proposals(self, proposals: list[Proposal]) -> None:
        self.proposals += proposals
        self.inserted += [False] * len(proposals)

    def mark_inserted(self, n: int) -> None:
        """Proposal ``n`` (0-based) went into the draft."""
        if 0 <= n < len(self.inserted):
            self.inserted[n] = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "messages": self.messages,
            "last": _turn_dict(self.last) if self.last else None,
            "proposals": [p.to_dict() for p in self.proposals],
            "inserted": self.inserted,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Conversation:
        proposals = [_proposal(p) for p in data.get("proposals", [])]
        inserted = [bool(x) for x in data.get("inserted", [])][: len(proposals)]
        inserted += [False] * (len(proposals) - len(inserted))
        last = data.get("last")
        return cls(
            [
                {"role": str(m["role"]), "content": str(m["content"])}
                for m in data.get("messages", [])
            ],
            _turn(last) if last else None,
            proposals,
            inserted,
        )


class ConversationStore:
    """Conversations by session name under one folder."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def _path(self, session: str) -> Path:
        if not isinstance(session, str) or not _SESSION.match(session):
            raise ClausewrightError(
                f"invalid session name {session!r}: use 1-64 letters, digits, '-' or '_'"
            )
        return self.folder / f"{session}.json"

    def load(self, session: str) -> Conversation:
        """The saved conversation, or a new one; a damaged file is named, not lost."""
        path = self._path(session)
        try:
            return Conversation.from_dict(json.loads(path.read_text("utf-8")))
        except FileNotFoundError:
            return Conversation()
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ClausewrightError(f"{path}: cannot read the saved conversation: {exc}") from exc

    def save(self, session: str, conversation: Conversation) -> None:
        path = self._path(session)
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(conversation.to_dict(), ensure_ascii=False))


def _turn_dict(turn: Turn) -> dict[str, Any]:
    return {
        "request": {"type": type(turn.request).__name__, **asdict(turn.request)},
        "ids": turn.ids,
        "texts": turn.texts,
    }


def _turn(data: dict[str, Any]) -> Turn | None:
    req = dict(data["request"])
    kind = _TYPES.get(req.pop("type", ""))
    if kind is None:
        return None
    if "scope" in req:
        req["scope"] = rq.Scope(**req["scope"])
    if "terms" in req:
        req["terms"] = tuple(req["terms"])
    names = {f.name for f in fields(kind)}
    request = kind(**{k: v for k, v in req.items() if k in names})
    return Turn(request, list(data.get("ids", [])), dict(data.get("texts", {})))


def _proposal(data: dict[str, Any]) -> Proposal:
    cites = [
        Citation(
            c["id"], c["text"], float(c.get("score", 0)), c.get("source", ""),
            (int(c.get("lines", (0, 0))[0]), int(c.get("lines", (0, 0))[1])),
            float(c.get("support", 0)),
        )
        for c in data.get("citations", [])
    ]  # fmt: skip
    return Proposal(
        data["kind"],
        data.get("number"),
        data.get("phrase", ""),
        data.get("body", ""),
        data["text"],
        cites,
        list(data.get("retrieved", [])),
        bool(data.get("unprecedented", False)),
        source=data.get("source", "frame"),
    )
