"""Line-level cleaning of PDF-extracted resolution text.

Takes physical lines and returns one ``Line`` per physical line with the noise taken
off: PDF line numbers, stray bullets, page headers and footers, odd Unicode (no-break
spaces and hyphens, soft hyphens). Nothing is dropped silently: what is removed as
noise is listed in ``Cleaned.noise``, and runs of bare line numbers detached from their
text (a scrambled extraction) are reported.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from index.clause_tree import ParseWarning

_UNICODE = str.maketrans(
    {
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\t": " ",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u00ad": None,
        "\u200b": None,
        "\ufeff": None,
        "\f": " ",
    }
)
_BULLET = re.compile(r"^\s*(?:[-•▪◦●·∙]\s+|[-•▪◦●·∙]$)+")
_MD_HEADING = re.compile(r"^#{1,6}\s+")  # Markdown headings: "## Resolution GA/1/1"
_MD_LABEL = re.compile(r"^\*\*([^*]{2,40}?):\*\*")  # Markdown bold labels: "**Topic:**"
# reference marks of an annotated example ("[4] Affirming [5] that …")
_ANNOTATION = re.compile(r"(?:(?<=\s)|^)\[\d{1,2}\]\s*")
_PDF_NUMBER = re.compile(r"^(\d{1,4})(?:\s+|$)")
_NOT_PDF_NUMBER = re.compile(r"^\d+[.)]")
_PAGE_NOISE = [
    re.compile(p, re.I)
    for p in (
        r"^national model united nations\b.*$",
        r"^page \d+( of \d+)?$",
        r"^\d+\s*/\s*\d+$",
        r"^-\s*\d+\s*-$",
        r"^\d{2}-\d{5}(\s*\(E\))?(\s+\S+)?$",
        r"^\*\d{6,}\*$",
        r"^GE\.\d{2}-\d+.*$",
        r"^\[image:[^\]]*\]$",
        r"^please recycle$",
    )
]
_NUMBERED_TITLE = re.compile(r"^\d{1,3}/\d{1,4}\.\s+(?P<t>\S.{2,200})$")
_CLAUSE_END = re.compile(r"[,;.]\W*$")
_HEADING_SAFE = re.compile(r"^(annex|code:|topic:|committee:|resolution\b|\*?the\b)", re.I)


@dataclass
class Line:
    """One physical line after cleaning (``text`` empty for blank or noise)."""

    no: int
    text: str
    pdf_no: int | None = None
    noise: bool = False


@dataclass
class Cleaned:
    lines: list[Line]
    numbered: bool
    noise: list[Line] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)


def normalize_chars(text: str) -> str:
    """Fold no-break spaces and hyphens, drop soft hyphens and zero-width spaces."""
    return text.translate(_UNICODE)


def clean_lines(raw: list[str], source: str) -> Cleaned:
    """Clean every physical line of one source file."""
    stripped = [_BULLET.sub("", normalize_chars(r)).strip() for r in raw]
    numbered = _uses_pdf_numbers(stripped)
    lines: list[Line] = []
    last: int | None = None
    for i, text in enumerate(stripped, start=1):
        pdf_no = None
        if numbered:
            m = _PDF_NUMBER.match(text)
            if m and not _NOT_PDF_NUMBER.match(text) and _plausible(int(m.group(1)), last):
                pdf_no = last = int(m.group(1))
                text = _BULLET.sub("", text[m.end() :]).strip()
        text = _MD_LABEL.sub(r"\1:", _MD_HEADING.sub("", text))
        if "[" in text:
            text = _ANNOTATION.sub("", text)
        lines.append(Line(i, re.sub(r"\s{2,}", " ", text), pdf_no))
    out = Cleaned(lines, numbered)
    _mark_noise(out)
    _mark_repeated_titles(out)
    if numbered:
        _mark_interleaved(out)
    _report_detached_numbers(out, source)
    return out


def _uses_pdf_numbers(lines: list[str]) -> bool:
    content = [t for t in lines if t]
    if len(content) < 5:
        return False
    hits = sum(1 for t in content if _PDF_NUMBER.match(t) and not _NOT_PDF_NUMBER.match(t))
    return hits >= 0.3 * len(content)


def _plausible(n: int, last: int | None) -> bool:
    """A PDF line number continues the count (or restarts it on a new document)."""
    if last is None or n == 1:
        return n < 1000
    return 0 < n - last <= 6


def _mark_noise(cleaned: Cleaned) -> None:
    counts = Counter(ln.text for ln in cleaned.lines if ln.text)
    for ln in cleaned.lines:
        if ln.text and (_is_running_header(ln.text, counts) or _is_page_noise(ln.text)):
            ln.noise = True
            cleaned.noise.append(Line(ln.no, ln.text, ln.pdf_no, True))


def _mark_repeated_titles(cleaned: Cleaned) -> None:
    """A resolution's title ('80/27. Regional disarmament') repeated on a later line is the
    running header of a page, not text of the clause it falls in."""
    titles: dict[str, int] = {}
    for ln in cleaned.lines:
        m = _NUMBERED_TITLE.match(ln.text)
        if m:
            titles.setdefault(m.group("t").strip(), ln.no)
            continue
        first = titles.get(ln.text)
        if first is not None and ln.no > first and not ln.noise:
            ln.noise = True
            cleaned.noise.append(Line(ln.no, ln.text, ln.pdf_no, True))


def _mark_interleaved(cleaned: Cleaned) -> None:
    """Unnumbered lines inside a run of printed line numbers are page furniture.

    A two-column page read column by column puts the other column's title block between
    line 36 and line 37: short lines, none ending like clause text, between two numbered
    lines whose count goes straight on belong to no clause. Where the count restarts (a
    new document) the lines between are its header and are kept; so are clause lines that
    lost their numbers (a scrambled extraction).
    """
    numbered = [i for i, ln in enumerate(cleaned.lines) if ln.pdf_no is not None]
    for a, b in pairwise(numbered):
        before, after = cleaned.lines[a].pdf_no, cleaned.lines[b].pdf_no
        if before is None or after != before + 1:
            continue
        block = [ln for ln in cleaned.lines[a + 1 : b] if ln.text and not ln.noise]
        if not all(len(ln.text.split()) <= 12 and not _CLAUSE_END.search(ln.text) for ln in block):
            continue
        for ln in block:
            if ln.text and not ln.noise:
                ln.noise = True
                cleaned.noise.append(Line(ln.no, ln.text, ln.pdf_no, True))


def _is_page_noise(text: str) -> bool:
    return any(p.match(text) for p in _PAGE_NOISE)


def _is_running_header(text: str, counts: Counter[str]) -> bool:
    """A short line repeated on many pages that is not part of any clause or header."""
    if counts[text] < 3 or len(text) > 60 or _HEADING_SAFE.match(text):
        return False
    return not re.search(r"[,;:.]\W*$", text)


def _report_detached_numbers(cleaned: Cleaned, source: str) -> None:
    """Find runs of bare PDF line numbers whose text stands elsewhere."""
    run: list[Line] = []
    for ln in [*cleaned.lines, Line(0, "x")]:
        if ln.pdf_no is not None and not ln.text:
            run.append(ln)
            continue
        if ln.text == "" and ln.pdf_no is None and run:
            continue
        if len(run) >= 8:
            cleaned.warnings.append(
                ParseWarning(
                    source,
                    (run[0].no, run[-1].no),
                    "W003",
                    f"{len(run)} PDF line numbers ({run[0].pdf_no}-{run[-1].pdf_no}) stand "
                    "apart from their text (scrambled extraction); the clauses after them "
                    "are cited by the file lines their text is on",
                )
            )
        run = []
