"""What a request may carry: the checks every handler runs on its inputs first.

The page sends strings, numbers and lists of the right shape, but the same handlers
answer Gradio's HTTP API, where a client can send any JSON. A value of the wrong type or
out of range gets a one-line :class:`gradio.Error` that names the field and says what is
valid (shown on the page, or returned to the API client), never a traceback.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import gradio as gr

MAX_TEXT = 1_000_000  # characters in a draft, a message or a field (the shipped corpus: 59k)
MAX_ID = 200  # characters in a session ID, citation ID or choice key


def invalid(field: str, expected: str, value: Any) -> gr.Error:
    """The error for ``field``: what it should be and what came instead."""
    return gr.Error(
        f"{field}: expected {expected}; got {_describe(value)}.",
        title="Invalid request",
        print_exception=False,
    )


def session_id(value: Any) -> str | None:
    """A session ID (text) or None for "no session yet"."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > MAX_ID:
        raise invalid("session_id", f"the session ID the page keeps (text, ≤{MAX_ID})", value)
    return value


def text(value: Any, field: str = "text", limit: int = MAX_TEXT) -> str:
    """Text of at most ``limit`` characters (None reads as empty)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise invalid(field, "text", value)
    if len(value) > limit:
        raise gr.Error(
            f"{field}: {len(value):,} characters is over the {limit:,}-character limit.",
            title="Invalid request",
            print_exception=False,
        )
    return value


def key(value: Any, field: str) -> str | None:
    """A chosen item's key (a citation ID, a diagnostic or proposal key), or None."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > MAX_ID:
        raise invalid(field, f"one of the offered choices (text, ≤{MAX_ID})", value)
    return value


def choice(value: Any, field: str, allowed: Sequence[str], default: str | None = None) -> str:
    """One of ``allowed`` (None or empty: ``default``)."""
    if (value is None or value == "") and default is not None:
        return default
    if not isinstance(value, str) or value not in allowed:
        raise invalid(field, f"one of {', '.join(allowed)}", value)
    return value


def whole_number(value: Any, field: str, low: int, high: int) -> int:
    """A whole number from ``low`` to ``high`` (a float such as 6.0 counts)."""
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if not ok or not math.isfinite(value) or value != int(value) or not low <= value <= high:
        raise invalid(field, f"a whole number from {low} to {high}", value)
    return int(value)


def items(value: Any, field: str, kind: type, expected: str) -> list[Any]:
    """A list (None reads as empty) whose items are all ``kind``."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, kind) for v in value):
        raise invalid(field, expected, value)
    return list(value)


def _describe(value: Any) -> str:
    """The kind of a JSON value, with a short quote of a scalar."""
    if value is None:
        return "null"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, bool):
        kind = "true/false"
    elif isinstance(value, int | float):
        kind = "a number"
    elif isinstance(value, str):
        kind = "text"
    else:
        return type(value).__name__
    shown = repr(value)
    return f"{kind} ({shown[:40]}{'…' if len(shown) > 40 else ''})"
