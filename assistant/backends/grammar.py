"""GBNF grammars (llama.cpp) that force a generated clause into shape.

A clause is ``<number>. <phrase> <body>[ [<citation>]]...<terminal>``, e.g.
``9. *Urges* Member States to expand regular pathways [IOM/1/4 op 8(a)];``.

* ``number``: a fixed string or int (we number clauses ourselves), or ``None`` for none;
* ``phrases``: one fixed phrase or a list of allowed alternatives, or ``None``;
* ``body``: one line of printable text (no newline, no square brackets, so citation
  markers stay unambiguous, and none of ``body_forbid``: by default no ``;``, so the
  clause ends at the first semicolon instead of running on into the next clause) of
  ``body_min``..``body_max`` characters;
* citations: up to ``max_citations`` markers `` [ID]``, ID from an enumerated list;
* ``terminal``: one of the requested terminals (``;`` ``.`` ``,``).

With ``include_prefix=False`` the grammar covers only what follows the phrase, for a
completion prompt that already ends with ``"9. *Urges* "``. With ``end_newline=True``
the clause must be followed by one newline, after which the grammar is complete and the
sampler can only end the generation (the model wants a newline there anyway).

:meth:`ClauseGrammar.regex` gives the Python pattern every accepted text matches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

TERMINALS = (";", ".", ",")


def _escape_class_char(char: str) -> str:
    """One character escaped for a character class (same syntax in GBNF and Python)."""
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def body_char_class(forbid: str = "", first: bool = False) -> str:
    """Printable characters of a body: no controls, no newline, no ``[ ]``, nothing in
    ``forbid``, and no space for the ``first`` character. The result is valid both as a
    GBNF and as a Python regex character class."""
    excluded = "\\x00-\\x20" if first else "\\x00-\\x1f"
    extra = "".join(_escape_class_char(c) for c in dict.fromkeys("\x7f[]" + forbid))
    return f"[^{excluded}{extra}]"


def gbnf_literal(text: str) -> str:
    """``text`` as a GBNF string literal (quotes, backslashes and controls escaped)."""
    out = []
    for char in text:
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\x{ord(char):02X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def gbnf_alternatives(options: Sequence[str]) -> str:
    """A GBNF group matching exactly one of ``options``."""
    unique = list(dict.fromkeys(options))
    if not unique:
        raise ValueError("at least one alternative is needed")
    return "(" + " | ".join(gbnf_literal(o) for o in unique) + ")"


def _as_list(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


@dataclass(frozen=True)
class ClauseGrammar:
    """The shape of one clause; :meth:`gbnf` and :meth:`regex` render it."""

    number: str | int | None = None
    phrases: str | Sequence[str] | None = None
    terminals: str | Sequence[str] = ";"
    citations: Sequence[str] = field(default_factory=tuple)
    max_citations: int = 2
    min_citations: int = 0
    body_min: int = 12
    body_max: int = 400
    body_forbid: str = ";"
    include_prefix: bool = True
    end_newline: bool = False
    body_first: str | None = None  # a character class for the body's first character

    def __post_init__(self) -> None:
        terminals = _as_list(self.terminals)
        if not terminals or any(t not in TERMINALS for t in terminals):
            raise ValueError(f"terminals must be among {TERMINALS}, got {terminals!r}")
        if not 1 <= self.body_min <= self.body_max:
            raise ValueError("need 1 <= body_min <= body_max")
        if self.body_max > 1900:
            raise ValueError("body_max above 1900 exceeds llama.cpp's repetition limit")
        if self.min_citations > self.max_citations or self.min_citations < 0:
            raise ValueError("need 0 <= min_citations <= max_citations")
        if self.min_citations and not self.citations:
            raise ValueError("min_citations needs a list of allowed citation IDs")
        for cid in self.citations:
            if not cid or any(c in cid for c in "[]\n\r"):
                raise ValueError(f"citation ID {cid!r} is empty or contains [ ] or a newline")

    @property
    def prefix(self) -> str:
        """The fixed text before the body, when number and phrase are both fixed."""
        phrases = _as_list(self.phrases)
        number = "" if self.number is None else f"{self.number}. "
        return number + (phrases[0] + " " if len(phrases) == 1 else "")

    def _body(self, sep: str = " ") -> str:
        first = self.body_first or body_char_class(self.body_forbid, first=True)
        rest = body_char_class(self.body_forbid)
        return f"{first}{sep}{rest}{{{self.body_min - 1},{self.body_max - 1}}}"

    def gbnf(self) -> str:
        """The grammar text, root rule ``root``."""
        head = []
        if self.include_prefix:
            if self.number is not None:
                head.append(gbnf_literal(f"{self.number}. "))
            phrases = _as_list(self.phrases)
            if phrases:
                head += [gbnf_alternatives(phrases), '" "']
        root = [*head, "body", "cites", "terminal"]
        if self.end_newline:
            root.append(r'"\n"')
        rules = [
            "root ::= " + " ".join(root),
            f"body ::= {self._body()}",
            "terminal ::= " + gbnf_alternatives(_as_list(self.terminals)),
        ]
        if self.citations and self.max_citations:
            lo, hi = self.min_citations, self.max_citations
            rules.append(f"cites ::= cite{{{lo},{hi}}}")
            rules.append(f'cite ::= " [" {gbnf_alternatives(list(self.citations))} "]"')
        else:
            rules.append('cites ::= ""')
        return "\n".join(rules) + "\n"

    def regex(self) -> re.Pattern[str]:
        """A Python regex (use ``fullmatch``) for every text the grammar accepts."""
        head = ""
        if self.include_prefix:
            if self.number is not None:
                head += re.escape(f"{self.number}. ")
            phrases = _as_list(self.phrases)
            if phrases:
                head += "(?:" + "|".join(re.escape(p) for p in phrases) + ") "
        body = self._body(sep="")
        cites = ""
        if self.citations and self.max_citations:
            ids = "|".join(re.escape(c) for c in self.citations)
            cites = f"(?: \\[(?:{ids})\\]){{{self.min_citations},{self.max_citations}}}"
        terminal = "[" + "".join(re.escape(t) for t in _as_list(self.terminals)) + "]"
        tail = "\n" if self.end_newline else ""
        return re.compile(head + body + cites + terminal + tail, re.DOTALL)


def clause_grammar(
    number: str | int | None = None,
    phrases: str | Sequence[str] | None = None,
    terminals: str | Sequence[str] = ";",
    citations: Sequence[str] = (),
    **options: object,
) -> str:
    """Shortcut: the GBNF text of :class:`ClauseGrammar` with these settings."""
    spec = ClauseGrammar(
        number=number,
        phrases=phrases,
        terminals=terminals,
        citations=tuple(citations),
        **options,  # type: ignore[arg-type]
    )
    return spec.gbnf()
