"""Splitting a file into resolutions and reading their headers.

A resolution starts at an anchor: ``Code: IOM/1/1`` (NMUN), ``Resolution GA/3/1.1``
(school MUN) or a UN symbol line (``A/RES/70/1``). The header holds the committee or
body, topic, sponsors and signatories; it ends at the opening line ("The General
Assembly,").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.parsing.cleaning import Line

_ANCHORS = [
    re.compile(r"^code:\s*(?P<symbol>\S+)\s*$", re.I),
    re.compile(r"^resolution\s+(?P<symbol>[A-Z][\w.\-]*(?:/[\w.\-]+)+)\s*$", re.I),
    re.compile(
        r"^(?:united nations\s+)?(?P<symbol>[ASE]/(?:RES/)?[\w.\-]+(?:/[\w.\-]+)*)\**\s*$", re.I
    ),
    re.compile(r"^(?:draft\s+)?resolution\s+(?P<symbol>\d+(?:[./]\d+)+)\s*$", re.I),
]
_FIELDS = {
    "body": re.compile(r"^(?:committee|body|organ|forum|council):\s*(?P<v>.+)$", re.I),
    "topic": re.compile(r"^(?:topic|agenda item|question of|subject|title):\s*(?P<v>.+)$", re.I),
    "adopted": re.compile(r"^(?P<v>(?:resolution )?adopted by .+|distr\.?:.*|original:.*)$", re.I),
    "sponsors": re.compile(
        r"^(?:co-?\s?sponsors?|sponsors?|submitted by|main submitters?|"
        r"co-?\s?submitters?)"
        r"\s*:\s*(?P<v>.*)$",
        re.I,
    ),
    "signatories": re.compile(r"^signator(?:y|ies)\s*:\s*(?P<v>.*)$", re.I),
}
_OPENING = re.compile(r"^[*_]*(?P<o>The\s+[^,*_]{3,120},)[*_]*\s*$")
# "The Sixty-sixth World Health Assembly, Having considered …": the first clause goes on
# from the opening on its line
_OPENING_RUN_ON = re.compile(r"^[*_]*(?P<o>The\s+[^,*_]{3,120},)[*_]*\s+(?P<rest>\S.*)$")
_BODY_LINE = re.compile(
    r"(general assembly|security council|economic and social council|committee|council"
    r"|commission|organization|conference|assembly|programme|summit)",
    re.I,
)


@dataclass
class Header:
    symbol: str | None = None
    body: str | None = None
    topic: str | None = None
    sponsors: list[str] = field(default_factory=list)
    signatories: list[str] = field(default_factory=list)
    opening: str | None = None
    opening_line: int | None = None
    end: int = 0  # index in the block's lines of the first line after the header
    rest: Line | None = None  # the first clause, when it starts on the opening line
    unplaced: list[Line] = field(default_factory=list)


def anchor_symbol(text: str) -> str | None:
    for pattern in _ANCHORS:
        m = pattern.match(text)
        if m:
            return m.group("symbol").strip().rstrip(".,;")
    return None


def split_resolutions(lines: list[Line]) -> list[list[Line]]:
    """Cut a file's lines into one block per resolution."""
    anchors: list[int] = []
    current: str | None = None
    for i, ln in enumerate(lines):
        symbol = anchor_symbol(ln.text) if not ln.noise else None
        if symbol and symbol != current:
            anchors.append(i)
            current = symbol
    if len(anchors) <= 1:
        return [lines]
    starts = [0]
    for a in anchors[1:]:
        start = a
        while start > 0 and (not lines[start - 1].text or lines[start - 1].noise):
            start -= 1
        starts.append(start)
    return [lines[s:e] for s, e in zip(starts, [*starts[1:], len(lines)], strict=True)]


def split_names(value: str) -> list[str]:
    """Sponsor or signatory names from a comma/semicolon separated list."""
    value = re.sub(r"\s+and\s+(?=[A-Z])", ", ", value.strip().rstrip(".,;"))
    return [n.strip() for n in re.split(r"\s*[;,]\s*", value) if n.strip()]


def read_header(block: list[Line], is_clause_start) -> Header:
    """Read header fields up to the opening line (or the first clause)."""
    head = Header()
    last_field: str | None = None
    for i, ln in enumerate(block):
        text = ln.text
        if ln.noise or not text:
            continue
        opening = _OPENING.match(text)
        if opening:
            head.opening, head.opening_line, head.end = opening.group("o"), ln.no, i + 1
            return head
        run_on = _OPENING_RUN_ON.match(text)
        if run_on and is_clause_start(run_on.group("rest")):
            head.opening, head.opening_line, head.end = run_on.group("o"), ln.no, i + 1
            head.rest = Line(ln.no, run_on.group("rest"), ln.pdf_no)
            return head
        if is_clause_start(text):
            head.end = i
            return head
        last_field = _read_header_line(head, ln, last_field)
    head.end = len(block)
    return head


def _read_header_line(head: Header, ln: Line, last_field: str | None) -> str | None:
    text = ln.text
    symbol = anchor_symbol(text)
    if symbol and head.symbol is None:
        head.symbol = symbol
        return None
    for name, pattern in _FIELDS.items():
        m = pattern.match(text)
        if m:
            _set_field(head, name, m.group("v"))
            return name
    if (
        last_field in ("sponsors", "signatories")
        and getattr(head, last_field)
        and not re.search(r"[.:]$", text)
    ):
        getattr(head, last_field).extend(split_names(text))
        return last_field
    if head.body is None and _BODY_LINE.search(text) and len(text.split()) <= 12:
        head.body = re.sub(r"\s+distr\..*$", "", text, flags=re.I).strip("*_ ")
        return None
    numbered_title = re.match(r"^\d+/\d+\.\s+(?P<t>.+)$", text)
    if head.topic is None and (numbered_title or len(text.split()) <= 20):
        head.topic = numbered_title.group("t") if numbered_title else text.strip("*_ ")
        return None
    head.unplaced.append(ln)
    return None


def _set_field(head: Header, name: str, value: str) -> None:
    value = value.strip().strip("*_ ")
    if name in ("sponsors", "signatories"):
        getattr(head, name).extend(split_names(value))
    elif value and name != "adopted":
        setattr(head, name, value)
