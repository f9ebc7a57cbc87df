"""Cutting a resolution's cleaned lines into paragraphs: clauses, sub-clauses, extras.

A new paragraph starts where a line opens with an operative number, a sub-clause label
or a leading phrase *and* the paragraph before it has ended (its last line ends with
``,`` ``;`` ``:`` or ``.``), so PDF line wraps and page breaks inside a clause join up.
An operative number that continues the count and is followed by a phrase starts a
clause even after an unterminated one (a missing semicolon is the validator's job).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

from index.parsing.cleaning import Line
from index.parsing.labels import Label, find_label
from index.parsing.lead_forms import (
    bare_verb_form,
    is_transition,
    operative_form,
    preamble_form,
)
from index.parsing.lexicon import Lexicon

ParaKind = Literal["pre", "op", "sub", "heading", "annex", "annex_item", "closing", "footnote"]

_OP = re.compile(r"^(\d{1,3})\.\s+(?=\S)")
# A new paragraph after a mark is told from what follows it: a number or label and a
# leading phrase, which the lexicon reads in its first 200 characters. An italic phrase is
# read to its closing marker, wherever that is.
_LOOKAHEAD = 300
_LEAD_MARK = re.compile(r"(?:\d{1,3}\.\s+)?[*_]{1,2}")
_MARK_CHAR = re.compile(r"[*_]")
_ITALIC_LEAD = re.compile(r"^([*_]{1,2})([^*_]+?)\1")
# a paragraph ends with a mark, which a footnote marker may follow ("… conflict, 1",
# "… Court,2", "… Women,[^5]", "… Council,[1]", "… drug abuse,78/", "… in 1976;***/")
_ENDED = re.compile(
    r"(?:[,;:.]['’\"”)*_\s]*(?:(?<=[,;:.\s])\d{1,2}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\^?\d{1,3}\]|(?:\d{1,3}|\*{1,3})/)?"
    r"|[;,]\s+(?:and|or))\s*$"
)
# a line that breaks off where the sentence must go on
_OPEN_END = re.compile(
    r"(?:\b(?:the|a|an|of|and|or|to|in|on|for|by|with|at|from|its|their|that|as|such)|[-–—(])\s*$",
    re.IGNORECASE,
)
# where one paragraph may end and the next start on the same line: after a mark and the
# footnote marker that may follow it ("… Council,[1] Noting …", "… Control,9/ Mindful …")
_RUNON_GAP = re.compile(r"(?<=[;:.,])(?:\[\^?\d{1,3}\]|(?:\d{1,3}|\*{1,3})/)?\s+(?=\S)")
# an opening quote mark left before a paragraph's first word by OCR ("‘Having regard …")
_STRAY_QUOTE = re.compile(r"^[‘'`](?=[A-Z][a-z])")
_FOOTNOTE = re.compile(
    r"^(?:\d{1,2}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*(?:See\b|Official Records|United Nations,|[ASE]/\S+"
    r"|General Assembly resolution|Resolution \d|Ibid|Available at|https?://|Treaty Series)"
)
_CLOSING = re.compile(
    r"^(?:adopted\b|\d+(?:st|nd|rd|th) (?:plenary )?meeting|\d{1,2} [A-Z][a-z]+ \d{4}\.?$"
    r"|passed\b|vote\b|votes?:|in favou?r:|the resolution (?:was|passed))",
    re.I,
)
_ANNEX = re.compile(r"^annex(?:\s+[IVX\d]+)?\b[.:]?(?P<title>.*)$", re.I)
_HEADING = re.compile(
    r"^(?:(?:part|section|chapter)\s+[IVX\d]+\b.*|[IVX]{1,5}\.?(?:\s+[A-Z].*)?|[A-H]\.\s+[A-Z].*)$"
)


@dataclass
class Lead:
    """A leading phrase as found on a line."""

    written: str
    kind: str | None  # "preambulatory", "operative" or None when not in the lexicon
    emphasis: str  # italic | underline | bold | none


@dataclass
class Para:
    kind: ParaKind
    lines: list[Line] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    number: int | None = None
    label: Label | None = None
    lead: Lead | None = None
    numbered: bool = True
    heading: str | None = None

    def ended(self) -> bool:
        return bool(self.parts) and bool(_ENDED.search(self.parts[-1]))

    def add(self, ln: Line, text: str) -> None:
        self.lines.append(ln)
        self.parts.append(text)


def find_lead(text: str, lexicon: Lexicon) -> Lead | None:
    """The leading phrase at the start of a clause line, as written."""
    m = _ITALIC_LEAD.match(text)
    if m:
        span = m.group(2).strip()
        if not span[:1].isupper():
            return None
        emphasis = (
            "underline" if m.group(1) == "_" else "bold" if len(m.group(1)) == 2 else "italic"
        )
        found = lexicon.match(span)
        if found and found.end >= len(span.rstrip(" ,")):
            return Lead(span.rstrip(" ,"), found.kind, emphasis)
        if found:
            return Lead(span[: found.end], found.kind, emphasis)
        words = span.split()
        if (
            1 <= len(words) <= 5
            and not any(w[:1].isupper() for w in words[1:])
            and words[0][:1].isupper()
        ):
            return Lead(span.rstrip(" ,"), None, emphasis)
        return None
    if not text[:1].isupper():
        return None
    found = lexicon.match(text)
    if found and re.match(r"[\s,;:.]|$", text[found.end : found.end + 1]):
        return Lead(found.written, found.kind, "none")
    return None


def _guess_unknown_lead(text: str, section: str) -> Lead | None:
    """A phrase the lexicon does not know, by its form: a participle or adjective opening
    a preamble line ('Gravely distressed by ...'), a finite verb an operative one."""
    if section == "preamble":
        written = preamble_form(text)
        return Lead(written, "preambulatory", "none") if written else None
    written = operative_form(text)
    return Lead(written, "operative", "none") if written else None


class Segmenter:
    """Turns one resolution's lines (after its header) into paragraphs."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def segment(self, lines: list[Line]) -> tuple[list[Para], list[Line]]:
        """Paragraphs in order, and lines that could not be placed."""
        self.paras: list[Para] = []
        self.unplaced: list[Line] = []
        self.numbered_doc = any(_OP.match(ln.text) and self._op_lead(ln.text) for ln in lines)
        self.section = "preamble"
        self.expected_op = 1
        self.pending_heading: Para | None = None
        self.last_body: Para | None = None  # the last paragraph that is not a footnote
        # "before" a transition line ('The Delegation of X hereby:'), "after" it, or "none"
        self.transition = "before" if any(is_transition(ln.text) for ln in lines) else "none"
        self.blank_before = False  # a blank line stands between this line and the last
        self.width = _line_width(lines)
        for ln in lines:
            if not ln.text:
                self.blank_before = True
            if ln.noise or not ln.text:
                continue
            for piece in self.split_runons(ln.text):
                self._take(ln, piece)
                self.blank_before = False
        return self.paras, self.unplaced

    # -- line classification -------------------------------------------------

    def _current(self) -> Para | None:
        return self.paras[-1] if self.paras else None

    def _op_lead(self, text: str) -> Lead | None:
        m = _OP.match(text)
        return find_lead(text[m.end() :], self.lexicon) if m else None

    def _take(self, ln: Line, text: str) -> None:
        cur = self._current()
        ended = cur is None or cur.ended()
        if self.section == "annex":
            self._take_annex(ln, text, cur)
            return
        if _FOOTNOTE.match(text):
            self._new("footnote", ln, text)
            return
        if self.transition == "before" and is_transition(text):
            self.transition, self.section = "after", "operative"
            return
        final = cur is not None and cur.parts[-1].rstrip("*_ ").endswith(".")
        if self.section == "operative" and ended and final and self._extra(ln, text):
            return
        if ended and cur is not None:
            text = self._without_stray_quote(text, cur)
        if self._try_operative(ln, text, ended):
            return
        if ended and self._try_label(ln, text, cur):
            return
        if (ended or self._after_break(cur, text)) and self._try_phrase(ln, text, cur):
            return
        if ended and _HEADING.match(text) and len(text.split()) <= 12:
            self.pending_heading = Para("heading", [ln], [text])
            return
        if self.pending_heading is not None and len(text.split()) <= 12:
            self.pending_heading.add(ln, text)
            return
        self._continue(ln, text, cur)

    def _without_stray_quote(self, text: str, cur: Para) -> str:
        """A quote mark opening a paragraph after one that ended with ',' or ';' and before
        a leading phrase is a scanning stray: a quotation follows a colon ('which reads:')."""
        if not _STRAY_QUOTE.match(text) or cur.parts[-1].rstrip().endswith(":"):
            return text
        return text[1:] if find_lead(text[1:], self.lexicon) else text

    def _after_break(self, cur: Para | None, text: str) -> bool:
        """A paragraph whose last mark is missing ('… in the “Death Zone”'), told by a
        blank line on a laid-out page or a short last line, a known phrase after it, and a
        last line that does not break off mid-phrase ('… the')."""
        if cur is None or _OPEN_END.search(cur.parts[-1]):
            return False
        # a blank line only where the page was laid out (printed line numbers): in a typed
        # draft a paragraph without its mark before a blank line is the linter's to report
        gap = self.blank_before and cur.lines[-1].pdf_no is not None
        if not (gap or len(cur.parts[-1]) < 0.5 * self.width):
            return False
        lead = find_lead(text, self.lexicon)
        return lead is not None and lead.kind is not None

    def _extra(self, ln: Line, text: str) -> bool:
        m = _ANNEX.match(text)
        if m and len(text.split()) <= 12:
            self.section = "annex"
            self._new("annex", ln, m.group("title").strip(" .:-—") or "")
            return True
        if _CLOSING.match(text):
            self._new("closing", ln, text)
            return True
        return False

    def _try_operative(self, ln: Line, text: str, ended: bool) -> bool:
        m = _OP.match(text)
        if not m:
            return False
        n, rest = int(m.group(1)), text[m.end() :]
        lead = find_lead(rest, self.lexicon)
        cur = self._current()
        in_list = (
            cur is not None
            and cur.kind == "sub"
            and cur.label is not None
            and cur.label.text.isdigit()
            and n == int(cur.label.text) + 1
        )
        no_verb = lead is None or lead.kind != "operative"
        if no_verb and (n != self.expected_op or in_list) and cur and cur.kind in ("op", "sub"):
            return self._numbered_item(ln, text, n, m.end(), ended)
        if not ((ended and (lead or n == self.expected_op)) or (n == self.expected_op and lead)):
            return False
        para = self._new("op", ln, rest)
        para.number, para.lead = n, lead
        self.section = "operative"
        self.expected_op = n + 1
        return True

    def _numbered_item(self, ln: Line, text: str, n: int, end: int, ended: bool) -> bool:
        """``1.``, ``2.`` inside an operative clause that opened a list with a colon."""
        if not ended:
            return False
        para = self._new("sub", ln, text[end:])
        para.label = Label(str(n), "dot", end)
        return True

    def _try_label(self, ln: Line, text: str, cur: Para | None) -> bool:
        label = find_label(text)
        if label is None or cur is None:
            return False
        if self.section == "preamble" and not cur.parts[-1].rstrip("*_ ").endswith(":"):
            return False
        para = self._new("sub", ln, text[label.end :])
        para.label = label
        return True

    def _try_phrase(self, ln: Line, text: str, cur: Para | None) -> bool:
        lead = find_lead(text, self.lexicon)
        if lead is None and (self.section == "preamble" or not self.numbered_doc):
            lead = _guess_unknown_lead(text, self.section)
        if lead is None and self.transition == "after":
            lead = _guess_unknown_lead(text, "preamble")
            listing = cur is not None and any(p.rstrip().endswith(":") for p in cur.parts)
            written = lead.written if lead else None if listing else bare_verb_form(text)
            lead = Lead(written, "operative", "none") if written else None
        if lead is None:
            return False
        if self.transition == "after":  # after 'The Delegation of X hereby:' all is operative
            para = self._new("op", ln, text)
            para.lead, para.numbered = lead, False
            return True
        if self.section == "preamble":
            if self.transition == "before":
                self._new("pre", ln, text).lead = lead
                return True
            if not self.numbered_doc and lead.kind == "operative" and lead.emphasis == "none":
                self.section = "operative"
            else:
                self._new("pre", ln, text).lead = lead
                return True
        if lead.kind != "operative" and lead.emphasis == "none":
            return False
        para = self._new("op", ln, text)
        para.lead, para.numbered = lead, False
        return True

    def _continue(self, ln: Line, text: str, cur: Para | None) -> None:
        if cur is not None and cur.kind == "footnote":
            body = self.last_body
            (body if body is not None and not body.ended() else cur).add(ln, text)
            return
        final = (
            self.section == "operative"
            and cur is not None
            and cur.kind != "closing"
            and cur.parts[-1].rstrip("*_ ").endswith(".")
        )
        if cur is None or final:
            self.unplaced.append(Line(ln.no, text, ln.pdf_no))
            return
        cur.add(ln, text)

    def _take_annex(self, ln: Line, text: str, cur: Para | None) -> None:
        m = _OP.match(text)
        label = find_label(text)
        if (
            label is not None
            and cur is not None
            and cur.kind in ("annex_item", "sub")
            and cur.ended()
        ):
            self._new("sub", ln, text[label.end :]).label = label
        elif m:
            para = self._new("annex_item", ln, text[m.end() :])
            para.number = int(m.group(1))
        elif cur is not None and cur.kind == "annex" and len(cur.parts) == 1 and not cur.parts[0]:
            cur.parts[0] = text  # the annex title on the line after "Annex"
            cur.lines.append(ln)
        elif cur is not None:
            cur.add(ln, text)

    def _new(self, kind: ParaKind, ln: Line, text: str) -> Para:
        para = Para(kind)
        para.add(ln, text)
        if self.pending_heading and kind in ("pre", "op"):
            para.heading = " ".join(self.pending_heading.parts)
            self.pending_heading = None
        self.paras.append(para)
        if kind != "footnote":
            self.last_body = para
        return para

    # -- run-together paragraphs --------------------------------------------

    def split_runons(self, text: str) -> list[str]:
        """Split a line holding several paragraphs ('…; 2. Requests …; (a) …')."""
        cuts: list[int] = []
        for m in _RUNON_GAP.finditer(text):
            # not the whole rest of the line: copying it at every mark was quadratic
            rest = _window(text, m.end())
            if self._starts_paragraph(rest, text[m.start() - 1]):
                cuts.append(m.end())
        if not cuts:
            return [text]
        bounds = [0, *cuts, len(text)]
        return [text[a:b].strip() for a, b in pairwise(bounds)]

    def _starts_paragraph(self, rest: str, punct: str) -> bool:
        m = _OP.match(rest)
        # a comma ends the last preamble before "1. Decides …" when all is on one line
        marks = ";:.," if m and m.group(1) == "1" else ";:."
        if m and punct in marks and (lead := find_lead(rest[m.end() :], self.lexicon)):
            return lead.kind == "operative" or lead.emphasis != "none"
        label = find_label(rest)
        if label and punct in ";:" and re.match(r"[A-Z*]", rest[label.end :]):
            return label.form != "dot" or len(label.text) == 1
        if punct == "," and (rest.startswith(("*", "_")) or rest[:1].isupper()):
            lead = find_lead(rest, self.lexicon)
            return bool(
                lead
                and lead.kind == "preambulatory"
                and lead.written.split()[0].endswith(("ing", "ed"))
            )
        return False


def _line_width(lines: list[Line]) -> int:
    """The width of a full line of wrapped text (0 when the lines are not wrapped)."""
    widths = sorted(len(ln.text) for ln in lines if ln.text and not ln.noise)
    if len(widths) < 5:
        return 0
    width = widths[int(len(widths) * 0.8)]
    return width if width <= 200 else 0  # one paragraph a line: no wrapping to read


def _window(text: str, start: int) -> str:
    """The part of ``text`` from ``start`` that can decide whether a paragraph starts there.

    At most ``_LOOKAHEAD`` characters, unless an emphasis marker opens it: then it reads on
    to the next marker. Those longer stretches end where the next can begin, so the windows
    of all the marks of a line add up to a length linear in the line's.
    """
    window = text[start : start + _LOOKAHEAD]
    lead = _LEAD_MARK.match(window)
    if lead is None:
        return window
    close = _MARK_CHAR.search(text, start + lead.end())
    return text[start : max(start + _LOOKAHEAD, close.end() + 2 if close else len(text))]
