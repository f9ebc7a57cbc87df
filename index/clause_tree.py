"""The clause tree: resolutions, their clauses and sub-clauses, with citation IDs.

A citation ID is what a person reads and types: ``IOM/1/4 op 8(a)``,
``IOM/1/1 op 9(a)(ii)``, ``GA/3/1.1 pre 2``. It is derived from the symbol, the kind,
the position/number and the sub-clause labels, so the same input always gives the
same IDs.

The JSON form (``Corpus.to_json``) is documented in ``docs/clause-tree.md`` and loads
back with ``Corpus.from_json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

ClauseKind = Literal["preambulatory", "operative", "subclause", "annex"]
Emphasis = Literal["italic", "underline", "bold", "none"]


@dataclass
class Clause:
    """One clause or sub-clause, as written, with where it came from."""

    id: str
    kind: ClauseKind
    text: str
    lines: tuple[int, int]
    phrase: str | None = None
    number: int | None = None
    label: str | None = None
    label_style: str | None = None
    emphasis: Emphasis = "none"
    numbered: bool = True
    col: int = 1
    heading: str | None = None
    subclauses: list[Clause] = field(default_factory=list)

    @property
    def body(self) -> str:
        """The text after the leading phrase."""
        if self.phrase and self.text.startswith(self.phrase):
            return self.text[len(self.phrase) :].lstrip()
        return self.text

    def walk(self) -> list[Clause]:
        """This clause and every sub-clause below it, depth first."""
        return [clause for clause, _depth in self._walk_with_depth()]

    def _walk_with_depth(self) -> list[tuple[Clause, int]]:
        """Pre-order, with each clause's depth below this one; iterative, so a tree of
        any depth is walked without recursion."""
        out: list[tuple[Clause, int]] = []
        todo: list[tuple[Clause, int]] = [(self, 0)]
        while todo:
            clause, depth = todo.pop()
            out.append((clause, depth))
            todo.extend((sub, depth + 1) for sub in reversed(clause.subclauses))
        return out

    def full_text(self, indent: str = "") -> str:
        """The clause with its sub-clauses, one per line, indented by depth."""
        return "\n".join(
            f"{indent}{'    ' * depth}{clause._head()}{clause.text}"
            for clause, depth in self._walk_with_depth()
        )

    def _head(self) -> str:
        """The number or label written before the text in ``full_text``."""
        if self.kind == "subclause" and self.label:
            return _render_label(self.label, self.label_style)
        return f"{self.number}. " if self.kind == "operative" and self.numbered else ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of this clause and its sub-clauses (built without recursion)."""
        made: dict[int, dict[str, Any]] = {}
        for clause, _depth in reversed(self._walk_with_depth()):  # children before parents
            data = clause._own_dict()
            data["subclauses"] = [made[id(sub)] for sub in clause.subclauses]
            made[id(clause)] = data
        return made[id(self)]

    def _own_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "phrase": self.phrase,
            "text": self.text,
            "lines": list(self.lines),
        }
        if self.number is not None:
            data["number"] = self.number
        if self.label is not None:
            data["label"] = self.label
            data["label_style"] = self.label_style
        if not self.numbered:
            data["numbered"] = False
        if self.heading:
            data["heading"] = self.heading
        data["emphasis"] = self.emphasis
        data["col"] = self.col
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Clause:
        """A clause and its sub-clauses from their JSON form (read without recursion)."""
        root = cls._from_own_dict(data)
        todo: list[tuple[Clause, dict[str, Any]]] = [(root, data)]
        while todo:
            clause, item = todo.pop()
            for sub_data in item.get("subclauses", []):
                sub = cls._from_own_dict(sub_data)
                clause.subclauses.append(sub)
                todo.append((sub, sub_data))
        return root

    @classmethod
    def _from_own_dict(cls, data: dict[str, Any]) -> Clause:
        return cls(
            id=data["id"],
            kind=data["kind"],
            text=data["text"],
            lines=(int(data["lines"][0]), int(data["lines"][1])),
            phrase=data.get("phrase"),
            number=data.get("number"),
            label=data.get("label"),
            label_style=data.get("label_style"),
            emphasis=data.get("emphasis", "none"),
            numbered=data.get("numbered", True),
            col=data.get("col", 1),
            heading=data.get("heading"),
        )


def _render_label(label: str, style: str | None) -> str:
    if style == "paren":
        return f"({label}) "
    if style == "close":
        return f"{label}) "
    return f"{label}. "


@dataclass
class ParseWarning:
    """Text the parser could not place, or placed with a doubt: never silently dropped."""

    file: str
    lines: tuple[int, int]
    code: str
    message: str

    def __str__(self) -> str:
        a, b = self.lines
        span = f"{a}" if a == b else f"{a}-{b}"
        return f"{self.file}:{span}: {self.code} {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "lines": list(self.lines),
            "code": self.code,
            "message": self.message,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ParseWarning:
        return cls(data["file"], tuple(data["lines"]), data["code"], data["message"])


@dataclass
class Block:
    """A piece of a resolution that is not a clause: annex, closing line, footnote."""

    kind: str
    text: str
    lines: tuple[int, int]
    title: str | None = None
    clauses: list[Clause] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "text": self.text, "lines": list(self.lines)}
        if self.title:
            data["title"] = self.title
        if self.clauses:
            data["clauses"] = [c.to_dict() for c in self.clauses]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Block:
        return cls(
            kind=data["kind"],
            text=data["text"],
            lines=tuple(data["lines"]),
            title=data.get("title"),
            clauses=[Clause.from_dict(c) for c in data.get("clauses", [])],
        )


@dataclass
class Resolution:
    """One resolution: header, opening line, preamble, operative part, extras."""

    symbol: str
    source: str
    lines: tuple[int, int]
    body: str | None = None
    topic: str | None = None
    sponsors: list[str] = field(default_factory=list)
    signatories: list[str] = field(default_factory=list)
    opening: str | None = None
    opening_line: int | None = None
    preambulatory: list[Clause] = field(default_factory=list)
    operative: list[Clause] = field(default_factory=list)
    annexes: list[Block] = field(default_factory=list)
    closing: list[Block] = field(default_factory=list)
    footnotes: list[Block] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)

    def clauses(self) -> list[Clause]:
        """Every clause and sub-clause, in document order."""
        out: list[Clause] = []
        for clause in [*self.preambulatory, *self.operative]:
            out.extend(clause.walk())
        for annex in self.annexes:
            for clause in annex.clauses:
                out.extend(clause.walk())
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "symbol": self.symbol,
            "body": self.body,
            "topic": self.topic,
            "sponsors": self.sponsors,
            "signatories": self.signatories,
            "opening": self.opening,
            "opening_line": self.opening_line,
            "source": self.source,
            "lines": list(self.lines),
            "preambulatory": [c.to_dict() for c in self.preambulatory],
            "operative": [c.to_dict() for c in self.operative],
            "annexes": [b.to_dict() for b in self.annexes],
            "closing": [b.to_dict() for b in self.closing],
            "footnotes": [b.to_dict() for b in self.footnotes],
            "warnings": [w.to_dict() for w in self.warnings],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Resolution:
        return cls(
            symbol=data["symbol"],
            source=data["source"],
            lines=tuple(data["lines"]),
            body=data.get("body"),
            topic=data.get("topic"),
            sponsors=list(data.get("sponsors", [])),
            signatories=list(data.get("signatories", [])),
            opening=data.get("opening"),
            opening_line=data.get("opening_line"),
            preambulatory=[Clause.from_dict(c) for c in data.get("preambulatory", [])],
            operative=[Clause.from_dict(c) for c in data.get("operative", [])],
            annexes=[Block.from_dict(b) for b in data.get("annexes", [])],
            closing=[Block.from_dict(b) for b in data.get("closing", [])],
            footnotes=[Block.from_dict(b) for b in data.get("footnotes", [])],
            warnings=[ParseWarning.from_dict(w) for w in data.get("warnings", [])],
        )


SCHEMA_VERSION = 1


@dataclass
class Corpus:
    """A set of parsed resolutions with lookup by citation ID."""

    resolutions: list[Resolution] = field(default_factory=list)

    def by_id(self) -> dict[str, Clause]:
        return {c.id: c for r in self.resolutions for c in r.clauses()}

    def resolution_of(self, clause_id: str) -> Resolution | None:
        symbol = clause_id.split(" ", 1)[0]
        return next((r for r in self.resolutions if r.symbol == symbol), None)

    def to_json(self, indent: int | None = 2) -> str:
        payload = {
            "schema": SCHEMA_VERSION,
            "resolutions": [r.to_dict() for r in self.resolutions],
        }
        return json.dumps(payload, ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, text: str) -> Corpus:
        data = json.loads(text)
        items = data.get("resolutions", []) if isinstance(data, dict) else data
        return cls([Resolution.from_dict(r) for r in items])
