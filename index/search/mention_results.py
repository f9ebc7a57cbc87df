"""What a mention search returns: hits with highlighted spans, grouped by resolution.

``MentionHit`` is one clause and the character spans of what matched in its text;
``MentionResult`` groups hits by resolution and words the answer ("4 clauses in 2
resolutions mention 'AVRR' …"); ``highlight`` and ``excerpt`` render spans for a
terminal (guillemets, ANSI), HTML (escaped, ``<mark>``) or Markdown.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

STYLES = {"guillemets": ("«", "»"), "ansi": ("\x1b[1;33m", "\x1b[0m")}
STYLES |= {"html": ("<mark>", "</mark>"), "markdown": ("**", "**")}


def highlight(text: str, spans: tuple[tuple[int, int], ...], style: str = "guillemets") -> str:
    """``text`` with each span marked: «…», ANSI bold yellow, <mark> (HTML-escaped) or **…**."""
    if style not in STYLES:
        raise ValueError(f"unknown highlight style {style!r}; choose from {', '.join(STYLES)}")
    start, end = STYLES[style]
    esc = html.escape if style == "html" else str
    out, pos = [], 0
    for s, e in sorted(spans):
        out += [esc(text[pos:s]), start, esc(text[s:e]), end]
        pos = e
    out.append(esc(text[pos:]))
    return "".join(out)


def excerpt(
    text: str, spans: tuple[tuple[int, int], ...], context: int = 40
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The parts of ``text`` around the spans, cut at spaces, joined by "…", with the spans
    moved to the excerpt's offsets."""
    windows: list[list[int]] = []
    for s, e in sorted(spans):
        lo, hi = max(0, s - context), min(len(text), e + context)
        lo = text.find(" ", lo, s) + 1 if lo > 0 and " " in text[lo:s] else lo
        hi = text.rfind(" ", e, hi) if hi < len(text) and " " in text[e:hi] else hi
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    pieces, moved, length = [], [], 0
    for n, (lo, hi) in enumerate(windows):
        lead = "…" if lo > 0 and n == 0 else (" … " if n else "")
        pieces.append(lead + text[lo:hi])
        shift = length + len(lead) - lo
        moved += [(s + shift, e + shift) for s, e in spans if lo <= s < hi]
        length += len(pieces[-1])
    if windows and windows[-1][1] < len(text):
        pieces.append("…")
    return "".join(pieces), tuple(sorted(moved))


@dataclass(frozen=True, slots=True)
class MentionHit:
    """One clause that mentions the term; ``spans`` are (start, end) offsets in ``text``."""

    clause_id: str
    spans: tuple[tuple[int, int], ...]
    text: str = field(repr=False)

    @property
    def snippet(self) -> str:
        """The words around the matches ("…delivery of AVRR in Member States…")."""
        return excerpt(self.text, self.spans)[0]

    @property
    def snippet_spans(self) -> tuple[tuple[int, int], ...]:
        """The matches' offsets in ``snippet``."""
        return excerpt(self.text, self.spans)[1]

    def matched(self) -> list[str]:
        """The words matched, as written in the clause."""
        return [self.text[s:e] for s, e in self.spans]

    def highlighted(self, style: str = "guillemets", context: int = 40) -> str:
        """The snippet with the matches marked (see ``highlight``)."""
        return highlight(*excerpt(self.text, self.spans, context), style)

    def to_dict(self) -> dict[str, Any]:
        snippet, spans = excerpt(self.text, self.spans)
        return {
            "clause_id": self.clause_id,
            "spans": [list(s) for s in self.spans],
            "matched": self.matched(),
            "snippet": snippet,
            "snippet_spans": [list(s) for s in spans],
            "text": self.text,
        }


@dataclass
class MentionResult:
    """Every clause that mentions a query, grouped by resolution in corpus order."""

    query: str
    groups: list[tuple[str, list[MentionHit]]]
    variants_searched: list[str]
    titles: dict[str, str] = field(default_factory=dict)
    capitals_only: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        """How many clauses mention the query."""
        return sum(len(hits) for _, hits in self.groups)

    @property
    def occurrences(self) -> int:
        return sum(len(h.spans) for _, hits in self.groups for h in hits)

    def clause_ids(self) -> list[str]:
        return [h.clause_id for _, hits in self.groups for h in hits]

    @property
    def message(self) -> str:
        if not self.variants_searched:
            return f"nothing to search: {self.query!r} has no words"
        q = self.query.casefold()
        others = [v for v in self.variants_searched if v.casefold() != q]
        shown = ", ".join(others[:12]) + (", …" if len(others) > 12 else "")
        also = f"{shown}; " if shown else ""
        caps = f" (but {', '.join(self.capitals_only)} in capitals only)" * bool(self.capitals_only)
        also += f"any case{caps}, hyphen and British/American spelling variants"
        if not self.total:
            return f"no clause in the corpus mentions {self.query!r} (also searched: {also})"
        n, many = len(self.groups), self.total != 1
        return (
            f"{self.total} clause{'s' * many} in {n} resolution{'s' * (n != 1)} "
            f"mention{'s' * (not many)} {self.query!r} (also searched: {also})"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "occurrences": self.occurrences,
            "message": self.message,
            "variants_searched": list(self.variants_searched),
            "capitals_only": list(self.capitals_only),
            "groups": [self._group_dict(symbol, hits) for symbol, hits in self.groups],
        }

    def _group_dict(self, symbol: str, hits: list[MentionHit]) -> dict[str, Any]:
        return {
            "symbol": symbol,
            "title": self.titles.get(symbol),
            "hits": [h.to_dict() for h in hits],
        }

    def render_text(self, style: str = "guillemets", context: int = 40) -> str:
        """The message, then one header per resolution and one line per clause."""
        lines = [self.message]
        for symbol, hits in self.groups:
            title = self.titles.get(symbol)
            lines += ["", f"{symbol}  {title}" if title else symbol]
            width = max(len(h.clause_id) for h in hits)
            lines += [f"  {h.clause_id:<{width}}  {h.highlighted(style, context)}" for h in hits]
        return "\n".join(lines)
