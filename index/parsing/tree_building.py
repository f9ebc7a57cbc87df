"""Building the clause tree from paragraphs: text, phrases, sub-clause nesting, IDs.

Sub-clauses nest at most ``MAX_DEPTH`` levels below their clause: deeper ones are left
out of the tree with a warning naming their lines (every walk over the tree, and the
JSON of it, would otherwise have no bound).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.clause_tree import Block, Clause, ParseWarning
from index.parsing.labels import Kind, Label, render
from index.parsing.line_joining import Vocabulary, join_lines, strip_markers
from index.parsing.segmenting import Para

MAX_DEPTH = 64  # sub-clause levels below a clause
# "1.1. Calls upon …" on a line of its own: decimal numbering, not a sub-clause label
_DECIMAL = re.compile(r"^\d{1,3}(?:\.\d{1,3})+(?:\.|(?=\s))\s*(?=[*_]*[A-Z])")


@dataclass
class UniqueNames:
    """Names handed out once each: a name taken already comes back as ``name#2``, ``#3`` …"""

    taken: set[str] = field(default_factory=set)
    _next: dict[str, int] = field(default_factory=dict)  # below it, name#n are all taken

    def claim(self, name: str) -> str:
        if name not in self.taken:
            self.taken.add(name)
            return name
        n = self._next.get(name, 2)
        while f"{name}#{n}" in self.taken:
            n += 1
        self._next[name] = n + 1
        self.taken.add(f"{name}#{n}")
        return f"{name}#{n}"


@dataclass
class _Level:
    form: str
    kind: Kind
    index: int
    clause: Clause
    parent: Clause


@dataclass
class TreeBuilder:
    """Turns one resolution's paragraphs into clauses with stable citation IDs."""

    symbol: str
    source: str
    vocab: Vocabulary
    raw: list[str]
    warnings: list[ParseWarning] = field(default_factory=list)
    max_depth: int = MAX_DEPTH
    _ids: UniqueNames = field(default_factory=UniqueNames, init=False, repr=False)
    _too_deep: _TooDeep | None = field(default=None, init=False, repr=False)

    def build(self, paras: list[Para]) -> tuple[list[Clause], list[Clause], dict[str, list[Block]]]:
        pre: list[Clause] = []
        ops: list[Clause] = []
        extras: dict[str, list[Block]] = {"annexes": [], "closing": [], "footnotes": []}
        root: Clause | None = None
        stack: list[_Level] = []
        self._ids, self._too_deep = UniqueNames(), None
        for para in paras:
            if para.kind != "sub":
                self._too_deep = None
            if para.kind == "pre":
                root = self._clause(para, "preambulatory", f"pre {len(pre) + 1}")
                pre.append(root)
                stack = []
            elif para.kind == "op":
                number = para.number if para.number is not None else len(ops) + 1
                root = self._clause(para, "operative", f"op {number}")
                root.number, root.numbered = number, para.number is not None
                ops.append(root)
                stack = []
            elif para.kind == "sub" and root is not None:
                self._attach(para, root, stack)
            elif para.kind == "annex":
                extras["annexes"].append(self._block(para, "annex"))
                root, stack = None, []
            elif para.kind == "annex_item" and extras["annexes"]:
                annex = extras["annexes"][-1]
                ident = f"annex {len(extras['annexes'])} para {para.number}"
                root = self._clause(para, "annex", ident)
                root.number = para.number
                annex.clauses.append(root)
                stack = []
            elif para.kind in ("closing", "footnote"):
                key = "closing" if para.kind == "closing" else "footnotes"
                extras[key].append(self._block(para, para.kind))
        return pre, ops, extras

    def _text(self, para: Para) -> tuple[str, list[tuple[int, int]]]:
        return strip_markers(join_lines(para.parts, self.vocab))

    def _clause(self, para: Para, kind: str, local_id: str) -> Clause:
        ident = self._unique(f"{self.symbol} {local_id}", para)
        return self._make(para, kind, ident)

    def _make(self, para: Para, kind: str, ident: str) -> Clause:
        text, _spans = self._text(para)
        self._check_decimal_numbers(para, ident)
        lead = para.lead
        phrase = None
        if lead is not None:
            written, _ = strip_markers(lead.written)
            phrase = written if text.startswith(written) else None
        return Clause(
            id=ident,
            kind=kind,  # type: ignore[arg-type]
            text=text,
            lines=(para.lines[0].no, para.lines[-1].no),
            phrase=phrase,
            emphasis=lead.emphasis if lead else "none",  # type: ignore[arg-type]
            col=self._col(para),
            heading=para.heading,
        )

    def _col(self, para: Para) -> int:
        """1-based column where the paragraph starts on its first physical line."""
        ln = para.lines[0]
        raw = self.raw[ln.no - 1] if 0 < ln.no <= len(self.raw) else ""
        if para.number is not None:
            needle = f"{para.number}."
        elif para.label is not None:
            needle = render(para.label.text, para.label.form)
        else:
            needle = para.parts[0][:12]
        pos = raw.find(needle) if needle else -1
        return pos + 1 if pos >= 0 else 1

    def _unique(self, ident: str, para: Para) -> str:
        cited = self._ids.claim(ident)
        if cited != ident:
            self.warn(para, "W005", f"{ident} occurs twice; the second is cited as {cited}")
        return cited

    def _check_decimal_numbers(self, para: Para, ident: str) -> None:
        """Warn of '1.1. Calls upon …' lines: they stay joined to the clause before them."""
        for ln, part in zip(para.lines[1:], para.parts[1:], strict=False):
            m = _DECIMAL.match(part)
            if m:
                self.warnings.append(
                    ParseWarning(
                        self.source,
                        (ln.no, ln.no),
                        "W008",
                        f"'{m.group(0).strip()}' numbering at line {ln.no} is not read as a "
                        f"sub-clause: its text is joined to {ident} (label sub-clauses "
                        "(a), (b), … or (i), (ii), …)",
                    )
                )

    def _attach(self, para: Para, root: Clause, stack: list[_Level]) -> None:
        label = para.label
        assert label is not None
        kind, index, depth = self._place(label, stack, para)
        if depth >= self.max_depth:
            self._leave_out(para)
            return
        self._too_deep = None
        parent = stack[depth - 1].clause if depth > 0 else root
        clause = self._make(para, "subclause", self._unique(f"{parent.id}({label.text})", para))
        clause.label, clause.label_style = label.text, label.form
        parent.subclauses.append(clause)
        del stack[depth:]
        stack.append(_Level(label.form, kind, index, clause, parent))

    def _leave_out(self, para: Para) -> None:
        """A sub-clause too deep for the tree: one warning per run of them."""
        if self._too_deep is None:
            first = para.lines[0].no
            warning = ParseWarning(self.source, (first, first), "W001", "")
            self.warnings.append(warning)
            self._too_deep = _TooDeep(warning, self.max_depth)
        self._too_deep.add(para)

    def _place(self, label: Label, stack: list[_Level], para: Para) -> tuple[Kind, int, int]:
        """(kind, index, depth) of a label: a sibling at some level, or a new child level."""
        readings = label.readings()
        for depth in range(len(stack) - 1, -1, -1):
            level = stack[depth]
            for kind, index in readings:
                if level.form == label.form and level.kind == kind and index == level.index + 1:
                    return kind, index, depth
        for kind, index in readings:
            if index == 1:
                return kind, index, len(stack)
        for depth in range(len(stack) - 1, -1, -1):
            level = stack[depth]
            for kind, index in readings:
                if level.form == label.form and level.kind == kind:
                    expected = level.index + 1
                    self.warn(
                        para,
                        "W004",
                        f"sub-clause label {label.text!r} out of sequence "
                        f"(expected the label after {level.index} in its list, #{expected})",
                    )
                    return kind, index, depth
        kind, index = readings[0]
        self.warn(para, "W004", f"sub-clause list starts at {label.text!r}, not at its first label")
        return kind, index, len(stack)

    def _block(self, para: Para, kind: str) -> Block:
        text, _ = strip_markers(join_lines(para.parts, self.vocab))
        title = text if kind == "annex" else None
        return Block(kind, text, (para.lines[0].no, para.lines[-1].no), title=title)

    def warn(self, para: Para, code: str, message: str) -> None:
        lines = (para.lines[0].no, para.lines[-1].no)
        self.warnings.append(ParseWarning(self.source, lines, code, message))


@dataclass
class _TooDeep:
    """A run of sub-clauses left out for nesting too deep, reported by one warning."""

    warning: ParseWarning
    max_depth: int
    count: int = 0

    def add(self, para: Para) -> None:
        first, last = self.warning.lines[0], para.lines[-1].no
        self.count += 1
        span = f"line {first}" if first == last else f"lines {first}-{last}"
        self.warning.lines = (first, last)
        self.warning.message = (
            f"sub-clauses nested deeper than {self.max_depth} levels at line {first}: "
            f"{self.count} sub-clause{'s' if self.count > 1 else ''} ({span}) left out of "
            f"the clause tree; nest sub-clauses at most {self.max_depth} levels deep"
        )
