"""Security Council resolutions cited in UN style: "resolution 1325" → "resolution 1325 (2000)".

UN editors cite a Security Council resolution with its year in brackets. A proposal that
names one without it takes the year from the precedent text retrieved for it, where the
same resolution is cited with its year; a year found nowhere is left out, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_UNDATED = re.compile(r"\bresolutions?\s+(?P<n>\d{2,4})\b(?![\s]*\(\d{4}\))(?!/|\.\d)")


def dated(body: str, texts: Iterable[str]) -> tuple[str, list[str]]:
    """``body`` with the year added to each undated resolution number that ``texts`` date,
    and the dated forms found (evidence for the fact guard)."""
    pool = " ".join(texts)
    found: list[str] = []

    def add_year(m: re.Match[str]) -> str:
        number = m.group("n")
        cited = re.search(rf"\b{number}\s*\((?P<year>(?:19|20)\d\d)\)", pool)
        if cited is None:
            return m.group(0)
        found.append(cited.group(0))
        return f"{m.group(0)} ({cited.group('year')})"

    return _UNDATED.sub(add_year, body), found
