"""Acronyms spelled out at first use (CW601, CW602) and organs named in full (CW603).

An acronym is written out at its first use with the acronym in parentheses, "Long Form
(ACR)", and the principal organs are never abbreviated (R8 in the style reference).
An acronym used before the draft spells it out is CW601; one the draft never spells out
is CW602. The fix writes the long form at the first use: the draft's own definition
first, else the well-known expansions of ``AcronymTable.builtin()``. "SC", "GA",
"UNSC" and the like are CW603, fixed by the organ's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.lint.citations import bad_citation_spans
from assistant.lint.clause_lines import clause_line_numbers
from assistant.lint.context import Context
from assistant.lint.diagnostic import TextEdit
from assistant.lint.source import Span
from index.search.acronyms import (
    ORGAN_SHORTHANDS,
    AcronymTable,
    acronym_letters,
    find_definitions,
)

# written in full everywhere, never as the acronym (UN editorial practice)
IN_FULL: dict[str, str] = {"UN": "United Nations"}
# written without a long form in adopted resolutions (e.g. A/RES/80/…: "HIV and AIDS")
WRITTEN_SHORT = frozenset({"HIV", "AIDS", "COVID-19"})
_HYPHEN = "-‐‑"
_TOKEN = re.compile(
    rf"(?<![\w/.{_HYPHEN}&])[A-Z][A-Za-z&]*[A-Z][A-Za-z&]*(?:[{_HYPHEN}][A-Z0-9][A-Za-z0-9]*)*"
    rf"(?![\w/&$(]|[{_HYPHEN}]\w)"
)
_CAPITAL_RUN = re.compile(r"[A-Z]+(?:\s+[A-Z]+)*")
_ROMAN = re.compile(r"^[IVXLCDM]+$")


@dataclass(frozen=True)
class Use:
    """One occurrence of an acronym on a source line (0-based columns)."""

    line: int
    start: int
    end: int
    written: str
    defining: bool  # "(ACR)" after its long form, or "ACR (Long Form)"


def singular(acronym: str) -> str:
    """'NGOs' → 'NGO'; other acronyms unchanged."""
    if acronym.endswith("s") and len(acronym) > 2 and acronym[-2].isupper():
        return acronym[:-1]
    return acronym


def _uses(ctx: Context, defined: set[str]) -> dict[str, list[Use]]:
    out: dict[str, list[Use]] = {}
    for no in clause_line_numbers(ctx):
        raw = ctx.source.text(no)
        letters = [c for c in raw if c.isalpha()]
        if letters and all(c.isupper() for c in letters):
            continue  # a heading in capitals
        skip = [*bad_citation_spans(raw), *_quoted(raw)]
        for m in _TOKEN.finditer(raw):
            word = m.group()
            if _ROMAN.match(word) or acronym_letters(word) is None:
                continue
            if any(s <= m.start() < e for s, e in skip):
                continue
            if word.isupper() and len(word) > 3 and _capital_phrase(ctx, raw, m.start()):
                continue  # a leading phrase in capitals ("URGES", "FURTHER REQUESTS")
            inside = raw[m.start() - 1 : m.start()] == "(" and raw[m.end() : m.end() + 1] == ")"
            before = raw[m.end() : m.end() + 2] == " ("
            parts = [(m.start(), word)] if word in WRITTEN_SHORT else _parts(word, m.start())
            for start, part in parts:
                key = singular(part)
                defining = inside or (key in defined and before)
                out.setdefault(key, []).append(Use(no, start, start + len(part), part, defining))
    return out


def _parts(word: str, start: int) -> list[tuple[int, str]]:
    """The acronyms a hyphenated compound is made of ('UNODC-IOM'), with their starts."""
    return [
        (start + p.start(), p.group())
        for p in re.finditer(r"[A-Z][A-Za-z&]*", word)
        if acronym_letters(p.group()) is not None
    ]


def _quoted(raw: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks: titles of other texts, cited as written."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"“[^”]*(?:”|$)", raw):
        out.append((m.start(), m.end()))
    return out


def _capital_phrase(ctx: Context, raw: str, start: int) -> bool:
    run = _CAPITAL_RUN.match(raw, start)
    return bool(run and ctx.lexicon.match(run.group().capitalize()))


def _written_out(ctx: Context, long_form: str, first: Use) -> bool:
    """Whether the long form is written (without the acronym) before the first use."""
    words = re.escape(long_form.lower()).replace(r"\ ", r"\s+")
    for no in clause_line_numbers(ctx):
        if no > first.line:
            return False
        raw = ctx.source.text(no).lower()
        m = re.search(words, raw[: first.start] if no == first.line else raw)
        if m:
            return True
    return False


def check_acronyms(ctx: Context, table: AcronymTable) -> None:
    """Report acronyms used before or without their long form, and abbreviated organs."""
    text = "\n".join(c.text for c in ctx.res.clauses())
    long_forms: dict[str, str] = {}
    for d in find_definitions(text, ctx.file):
        long_forms.setdefault(singular(d.acronym), d.expansion)
    own = _own_body(ctx, table)
    for key, uses in _uses(ctx, set(long_forms)).items():
        if key in WRITTEN_SHORT or key in own:
            continue
        if key in ORGAN_SHORTHANDS:
            for use in uses:
                _organ(ctx, use)
            continue
        first = uses[0]
        if key in IN_FULL:
            _in_full(ctx, uses, IN_FULL[key])
            continue
        if first.defining:
            continue
        defined_at = next((u for u in uses if u.defining), None)
        long_form = long_forms.get(key) or next(iter(table.expansions(key)), None)
        if (
            long_form
            and defined_at is None
            and _written_out(ctx, _plural_of(first, key, long_form), first)
        ):
            continue
        at = Span(first.line, first.start + 1, first.end + 1)
        fix = None
        shown = f"its long form followed by '({first.written})'"
        if long_form:
            written = _plural_of(first, key, long_form)
            shown = f"'{written} ({first.written})'"
            fix = [TextEdit(at.line, at.col, at.line, at.end_col, f"{written} ({first.written})")]
        if defined_at is not None:
            ctx.report(
                "CW601",
                at,
                f"{first.written} is used before it is spelled out (line {defined_at.line}); "
                f"write {shown} at its first use",
                fix=fix,
            )
        else:
            ctx.report(
                "CW602",
                at,
                f"{first.written} is never spelled out; write {shown} at its first use",
                fix=fix,
            )


def _own_body(ctx: Context, table: AcronymTable) -> set[str]:
    """Acronyms of the body the resolution is of (named in its header or opening line):
    'IOM' in a resolution of the International Organization for Migration."""
    named = " ".join(x for x in (ctx.res.body, ctx.res.opening) if x).lower()
    if "world health assembly" in named:
        named += " world health organization"
    out: set[str] = set()
    for d in table.definitions():
        if d.expansion.lower() in named:
            out.add(singular(d.acronym))
    return out


def _in_full(ctx: Context, uses: list[Use], name: str) -> None:
    first = uses[0]
    at = Span(first.line, first.start + 1, first.end + 1)
    ctx.report(
        "CW602",
        at,
        f"{first.written} is not written as an acronym in UN style; write {name!r} in full",
        fix=[_in_full_edit(ctx, u, name) for u in uses],
    )


def _in_full_edit(ctx: Context, use: Use, name: str) -> TextEdit:
    """'UN' → 'United Nations'; a bracketed '(UN)' after the long form is dropped."""
    raw = ctx.source.text(use.line)
    if raw[use.start - 1 : use.start] == "(" and raw[use.end : use.end + 1] == ")":
        start = use.start - 2 if raw[use.start - 2 : use.start - 1] == " " else use.start - 1
        return TextEdit(use.line, start + 1, use.line, use.end + 2, "")
    return TextEdit(use.line, use.start + 1, use.line, use.end + 1, name)


def _organ(ctx: Context, use: Use) -> None:
    name = ORGAN_SHORTHANDS[singular(use.written)]
    at = Span(use.line, use.start + 1, use.end + 1)
    ctx.report(
        "CW603",
        at,
        f"{use.written} abbreviates an organ of the United Nations; write {name!r} in full",
        fix=[TextEdit(at.line, at.col, at.line, at.end_col, name)],
    )


def _plural_of(first: Use, key: str, long_form: str) -> str:
    return _plural(long_form) if first.written != key else long_form


def _plural(long_form: str) -> str:
    if long_form.endswith("s"):
        return long_form
    if re.search(r"[^aeiou]y$", long_form):
        return f"{long_form[:-1]}ies"
    return f"{long_form}s"
