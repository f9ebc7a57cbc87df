"""What the page says when something fails: what was tried and what to do, never a
server path.

A chat backend that does not answer is probed (``check_reachable``) so the message
names the address tried and what to start; any absolute path in a message is cut to its
file name, since the person reading it works in a browser, not on the server.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.backends import check_reachable
from index.errors import ClausewrightError

REMOTE = ("openai", "ollama")
SWITCH = "or switch Settings → Language model backend to embedded"
_PATH = re.compile(r"(?<![\w.:/])(?:/[^\s/:'\"`,;()]+){2,}/?")


def backend_failure(exc: BaseException, backend: str, settings: Any) -> str:
    """The chat's line for a failed answer: for a remote backend that does not answer,
    the address tried and what to start; otherwise the error itself, without paths."""
    if backend in REMOTE:
        try:
            check_reachable(settings.model_copy(update={"llm": backend}), timeout_s=2.0)
        except ClausewrightError as unreachable:
            return f"⚠ {without_paths(str(unreachable))} — {SWITCH}."
    return f"⚠ The assistant failed: {without_paths(str(exc))}"


def without_paths(text: str) -> str:
    """``text`` with every absolute path cut to its last part (the file name)."""
    return _PATH.sub(lambda m: m.group(0).rstrip("/").rsplit("/", 1)[-1], text)
