"""Building the clause tree from paragraphs: text, phrases, sub-clause nesting, IDs."""

from __future__ import annotations

from dataclasses import dataclass, field

from index.clause_tree import Block, Clause, ParseWarning
from index.parsing.labels import Kind, Label, render
from index.parsing.line_joining import Vocabulary, join_lines, strip_markers
from index.parsing.segmenting import Para


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

    def build(self, paras: list[Para]) -> tuple[list[Clause], list[Clause], dict[str, list[Block]]]:
        pre: list[Clause] = []
        ops: list[Clause] = []
        extras: dict[str, list[Block]] = {"annexes": [], "closing": [], "footnotes": []}
        root: Clause | None = None
        stack: list[_Level] = []
        seen: set[str] = set()
        for para in paras:
            if para.kind == "pre":
                root = self._clause(para, "preambulatory", f"pre {len(pre) + 1}", seen)
                pre.append(root)
                stack = []
            elif para.kind == "op":
                number = para.number if para.number is not None else len(ops) + 1
                root = self._clause(para, "operative", f"op {number}", seen)
                root.number, root.numbered = number, para.number is not None
                ops.append(root)
                stack = []
            elif para.kind == "sub" and root is not None:
                self._attach(para, root, stack, seen)
            elif para.kind == "annex":
                extras["annexes"].append(self._block(para, "annex"))
                root, stack = None, []
            elif para.kind == "annex_item" and extras["annexes"]:
                annex = extras["annexes"][-1]
                ident = f"annex {len(extras['annexes'])} para {para.number}"
                root = self._clause(para, "annex", ident, seen)
                root.number = para.number
                annex.clauses.append(root)
                stack = []
            elif para.kind in ("closing", "footnote"):
                key = "closing" if para.kind == "closing" else "footnotes"
                extras[key].append(self._block(para, para.kind))
        return pre, ops, extras

    def _text(self, para: Para) -> tuple[str, list[tuple[int, int]]]:
        return strip_markers(join_lines(para.parts, self.vocab))

    def _clause(self, para: Para, kind: str, local_id: str, seen: set[str]) -> Clause:
        text, _spans = self._text(para)
        ident = self._unique(f"{self.symbol} {local_id}", para, seen)
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

    def _unique(self, ident: str, para: Para, seen: set[str]) -> str:
        if ident not in seen:
            seen.add(ident)
            return ident
        n = 2
        while f"{ident}#{n}" in seen:
            n += 1
        self.warn(para, "W005", f"{ident} occurs twice; the second is cited as {ident}#{n}")
        seen.add(f"{ident}#{n}")
        return f"{ident}#{n}"

    def _attach(self, para: Para, root: Clause, stack: list[_Level], seen: set[str]) -> None:
        label = para.label
        assert label is not None
        kind, index, depth = self._place(label, stack, para)
        parent = stack[depth - 1].clause if depth > 0 else root
        clause = self._clause(para, "subclause", "", seen | {""})
        clause.id = self._unique(f"{parent.id}({label.text})", para, seen)
        clause.label, clause.label_style = label.text, label.form
        parent.subclauses.append(clause)
        del stack[depth:]
        stack.append(_Level(label.form, kind, index, clause, parent))

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
