"""Resolution references in UN style (CW611, CW612).

A Security Council resolution is cited as "resolution 2388 (2017)", a General Assembly
one as "resolution 64/293" (older ones "3363 (XXX)"), per the UN Editorial Manual (R7 in
``/work/shared/reference/resolution-style.md``). "UNSCR 1325", "SC Res. 1325",
"res 1325" and the symbols "S/RES/2388", "A/RES/64/293" are not that form (CW611). A
number with no slash cited with neither a year nor a session ("resolution 1325") lacks
its year (CW612); the fix adds it when the draft itself gives it elsewhere
("resolution 1325 (2000)") or from a date written after it ("of 31 October 2000").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.lint.clause_lines import clause_line_numbers
from assistant.lint.context import Context
from assistant.lint.diagnostic import TextEdit
from assistant.lint.source import Span

_SC_PREFIX = r"UNSCRs?|UNSC\s+Res(?:olutions?)?\.?|S\.?C\.?\s*Res\.?|S/RES/"
_GA_PREFIX = r"UNGA\s+Res(?:olutions?)?\.?|G\.?A\.?\s*Res\.?|A/RES/"
_BAD = re.compile(
    rf"(?<![\w/])(?:(?P<sc>{_SC_PREFIX})|(?P<ga>{_GA_PREFIX})|(?P<res>[Rr]es\.?|RES\.?))\s*"
    r"(?P<num>\d{1,4}(?:/\d{1,4})?)(?![\w/])(?P<tail>\s*\((?:\d{4}|[IVXLC]+)\))?"
)
_WORD = re.compile(r"\bresolutions?\s+", re.I)
_ITEM = re.compile(
    r"(?P<num>\d{1,4})(?P<slash>/\d{1,4})?(?:\s+[A-Z](?![\w/]))?(?![\w/]|\.\d)"
    r"(?P<tail>\s*\((?:\d{4}|(?:E?S-)?[IVXLCivxlc]+|E?S-\d{1,2})\))?"
)
_NEXT_LINE_TAIL = re.compile(r"^\s*\((?:\d{4}|(?:E?S-)?[IVXLCivxlc]+|E?S-\d{1,2})\)")
_DATE = re.compile(r"\s+of\s+\d{1,2}\s+[A-Z][a-z]+\s+(?P<year>\d{4})")
_SEP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)")
_OTHER_DOCUMENT = re.compile(r"(?:chap\.|chapter|annex|Sales No\.)[^;]{0,30}$", re.I)
_YEAR = re.compile(r"(?<![\d/])(\d{1,4})\s*\((\d{4})\)")


@dataclass(frozen=True)
class Citation:
    """One resolution number cited on a line: where, and the year it is given with."""

    line: int
    start: int  # 0-based index of the number
    end: int
    number: str
    year: str | None  # in parentheses after it, or from "of 31 October 2000"
    session: bool  # "(XXX)", "(2000)" or a GA-style slash: nothing to add


def bad_citation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-UN reference form on a line (for other rules to skip)."""
    return [(m.start(), m.end()) for m in _BAD.finditer(text)]


def known_years(lines: list[str]) -> dict[str, str]:
    """The year each resolution number is given with somewhere in the text."""
    out: dict[str, str] = {}
    for raw in lines:
        for m in _YEAR.finditer(raw):
            out.setdefault(m.group(1), m.group(2))
    return out


def citations(raw: str, line: int) -> list[Citation]:
    """Every number cited after 'resolution(s)' on one line, lists included."""
    out: list[Citation] = []
    for word in _WORD.finditer(raw):
        if _OTHER_DOCUMENT.search(raw[max(0, word.start() - 40) : word.start()]):
            continue
        pos = word.end()
        while True:
            m = _ITEM.match(raw, pos)
            if not m:
                break
            pos = m.end()
            date = _DATE.match(raw, pos)
            if date:
                pos = date.end()
            tail = m.group("tail")
            year = re.sub(r"\D", "", tail) if tail and re.search(r"\d{4}", tail) else None
            out.append(
                Citation(
                    line,
                    m.start("num"),
                    m.end("num"),
                    m.group("num"),
                    year or (date.group("year") if date else None),
                    bool(tail or m.group("slash")),
                )
            )
            sep = _SEP.match(raw, pos)
            if not sep:
                break
            pos = sep.end()
    return out


def check_citations(ctx: Context) -> None:
    """Report non-UN reference forms and Security Council-style numbers without a year."""
    numbers = clause_line_numbers(ctx)
    years = known_years([ctx.source.text(no) for no in numbers])
    for no in numbers:
        raw = ctx.source.text(no)
        bad = bad_citation_spans(raw)
        for m in _BAD.finditer(raw):
            if "/RES/" in m.group() and not raw[: m.start()].strip():
                continue  # the document's own symbol on a line of its own (page furniture)
            _bad_form(ctx, no, m, years)
        wrapped = bool(_NEXT_LINE_TAIL.match(ctx.source.text(no + 1)))
        for cite in citations(raw, no):
            if cite.session or any(s <= cite.start < e for s, e in bad):
                continue
            if wrapped and not raw[cite.end :].strip():
                continue  # "resolution 660" / "(1990)" across a line break
            _missing_year(ctx, cite, years.get(cite.number) or cite.year)


def _bad_form(ctx: Context, no: int, m: re.Match[str], years: dict[str, str]) -> None:
    num, tail = m.group("num"), m.group("tail") or ""
    prefix = m.group("sc") or m.group("ga") or ""
    plural = "s" if re.search(r"(?:UNSCRs|[Rr]esolutions)\.?$", prefix) else ""
    body = (
        "Security Council "
        if m.group("sc") and not _names_body(ctx, no, m.start(), "Security Council")
        else "General Assembly "
        if m.group("ga") and not _names_body(ctx, no, m.start(), "General Assembly")
        else ""
    )
    year = ""
    if "/" not in num and not tail and num in years:
        year = f" ({years[num]})"
    want = f"{body}resolution{plural} {num}{year}{tail}"
    written = m.group(0)
    at = Span(no, m.start() + 1, m.end() + 1)
    example = "resolution 64/293" if "/" in num else "resolution 2388 (2017)"
    ctx.report(
        "CW611",
        at,
        f"{written!r} is not how the UN cites a resolution; write {want!r} "
        f"(the form is {example!r})",
        fix=[TextEdit(no, at.col, no, at.end_col, want)],
    )


def _names_body(ctx: Context, no: int, start: int, body: str) -> bool:
    return ctx.source.text(no)[:start].rstrip().endswith(body)


def _missing_year(ctx: Context, cite: Citation, year: str | None) -> None:
    at = Span(cite.line, cite.start + 1, cite.end + 1)
    if year:
        ctx.report(
            "CW612",
            at,
            f"resolution {cite.number} is cited without its year; write "
            f"'resolution {cite.number} ({year})'",
            fix=[TextEdit.insert(cite.line, cite.end + 1, f" ({year})")],
        )
        return
    ctx.report(
        "CW612",
        at,
        f"resolution {cite.number} is cited without its year; give it as in "
        "'resolution 2388 (2017)' (a General Assembly resolution: 'resolution 64/293')",
    )
