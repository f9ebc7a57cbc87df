"""The resolution a user is writing: header, text, lint, inserting proposals.

A draft is plain text in the shape Clausewright parses (header fields, the opening
line, preambulatory clauses, numbered operative clauses with sub-clauses, phrases in
``*italics*``), so what the user types, what is linted and what is exported are the
same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.drafting.context import DEFAULT_OPENING
from assistant.drafting.proposals import Proposal
from assistant.lint.fixes import apply_fixes
from assistant.lint.header import expected_opening
from index.clause_tree import Resolution
from index.errors import InputError

HEADER_FIELDS = ("code", "committee", "topic", "sponsors", "signatories")
LAYOUT_CODES = {"CW201", "CW202", "CW203", "CW204", "CW205", "CW301", "CW302"}  # numbers, marks
_OPENING = re.compile(r"^(?P<pre>\s*[*_]*)(?P<line>The\s[^,\n]+,)(?P<post>[*_]*\s*)$")
_FIELD_LINE = re.compile(rf"^\s*(?P<name>{'|'.join(HEADER_FIELDS)})\s*:\s*(?P<value>.*?)\s*$", re.I)


@dataclass
class DraftHeader:
    code: str = ""
    committee: str = ""
    topic: str = ""
    sponsors: str = ""
    signatories: str = ""

    def lines(self) -> list[str]:
        out = []
        for name in HEADER_FIELDS:
            value = " ".join(str(getattr(self, name) or "").split())  # one line per field
            if value:
                out.append(f"{name.capitalize()}: {value}")
        return out

    @classmethod
    def from_text(cls, text: str) -> DraftHeader:
        """The header fields written at the top of a draft (``Code: …`` lines)."""
        values: dict[str, str] = {}
        for line in text.split("\n")[: _header_end(text.split("\n"))]:
            if m := _FIELD_LINE.match(line):
                values.setdefault(m.group("name").lower(), m.group("value"))
        return cls(**values)


@dataclass
class DraftDocument:
    """A draft resolution as text, with the operations the workspace offers."""

    text: str = ""
    linter: Any = None
    parser: Any = None
    profile: str | None = None
    header: DraftHeader = field(default_factory=DraftHeader)

    @classmethod
    def new(cls, header: DraftHeader, opening: str, linter: Any, parser: Any) -> DraftDocument:
        lines = [*header.lines(), "", opening, ""]
        return cls("\n".join(lines), linter, parser, header=header)

    # -- reading -------------------------------------------------------------------

    def resolution(self) -> Resolution | None:
        """The draft parsed, or None while it has no clause yet."""
        if not self.text.strip():
            return None
        try:
            return self.parser.parse_text(self.text, "<draft>")[0]
        except InputError:
            return None

    def lint(self) -> list[Any]:
        if self.resolution() is None:
            return []
        return self._linter().lint_text(self.text, "<draft>")

    def _linter(self) -> Any:
        if self.profile:
            from assistant.lint.linter import Linter

            return Linter(
                self.profile,
                self.linter.base_lexicon,
                self.linter.store,
                substance=self.linter.substance,
            )
        return self.linter

    # -- editing ---------------------------------------------------------------------

    def set_header(self, header: DraftHeader) -> None:
        """Replace the header field lines at the top of the draft with ``header``'s.

        The opening line follows the committee ("The International Organization for
        Migration," under that header) while it is the one the old header called for or
        the default; an opening line the user wrote themselves is left alone."""
        old = DraftHeader.from_text(self.text)
        lines = self.text.split("\n")
        head = header.lines()
        rest = lines[_header_end(lines) :]
        want = expected_opening(header.committee)
        automatic = {DEFAULT_OPENING, expected_opening(old.committee)}
        for i, line in enumerate(rest):
            if m := _OPENING.match(line):
                if want and m.group("line") in automatic:
                    rest[i] = m.group("pre") + want + m.group("post")
                break
        self.text = "\n".join([*head, *([""] if head else []), *rest])
        self.header = header

    def apply_fix(self, diagnostic: Any) -> None:
        """Apply one diagnostic's fix (the one-click fix of the workspace)."""
        if diagnostic.fix:
            self.text = apply_fixes(self.text, [diagnostic])

    def fix_all(self) -> list[Any]:
        """Apply every fix; return what remains."""
        self.text, remaining = self._linter().fix_text(self.text, "<draft>")
        return remaining

    def insert(self, proposal: Proposal) -> None:
        """Place a proposed clause in its section, then renumber and fix closing marks."""
        lines = self.text.rstrip("\n").split("\n") if self.text.strip() else []
        res = self.resolution()
        clause = proposal.text
        after = _insertion_line(res, proposal.kind, lines)
        lines[after:after] = ["", clause]
        self.text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"
        self._fix_layout()

    def clauses(self, kind: str) -> list[Any]:
        """The top-level clauses of a section ("preambulatory" or "operative")."""
        res = self.resolution()
        if res is None:
            return []
        return list(res.preambulatory if kind == "preambulatory" else res.operative)

    def move_clause(self, kind: str, position: int, to: int) -> None:
        """Move the ``position``-th clause of its section (1-based), sub-clauses and all, to
        position ``to`` of the same section; then renumber and repair closing marks.

        Whatever lies between clauses (blank lines) stays where it was."""
        clauses = self.clauses(kind)
        count = len(clauses)
        where = "the preamble" if kind == "preambulatory" else "the operative part"
        if not 1 <= position <= count:
            raise InputError("<draft>", f"no clause {position} in {where}: it has {count}")
        if not 1 <= to <= count:
            raise InputError("<draft>", f"{where} has clauses 1 to {count}; {to} is outside")
        if to == position:
            return
        lines = self.text.split("\n")
        starts = [c.lines[0] - 1 for c in clauses]
        ends = [_last_line([c]) for c in clauses]
        blocks = [lines[s:e] for s, e in zip(starts, ends, strict=True)]
        gaps = [lines[ends[i] : starts[i + 1]] for i in range(count - 1)] + [[]]
        blocks.insert(to - 1, blocks.pop(position - 1))
        moved = [line for block, gap in zip(blocks, gaps, strict=True) for line in block + gap]
        self.text = "\n".join([*lines[: starts[0]], *moved, *lines[ends[-1] :]])
        self._fix_layout()

    def _fix_layout(self) -> None:
        """Renumber operatives and repair closing marks, touching nothing else."""
        if self.resolution() is None:
            return
        for _ in range(3):
            layout = [
                d
                for d in self._linter().lint_text(self.text, "<draft>")
                if d.code in LAYOUT_CODES and d.fix
            ]
            if not layout:
                return
            self.text = apply_fixes(self.text, layout)


def name_list(value: str) -> tuple[list[str], list[str]]:
    """Sponsors or signatories typed as one line ("France, Chad; Peru"): the names in
    order, each once, and the ones given more than once (compared ignoring case)."""
    names: list[str] = []
    seen: dict[str, str] = {}
    twice: list[str] = []
    for part in re.split(r"[,;\n]", value or ""):
        name = " ".join(part.split()).strip(" .")
        if not name:
            continue
        key = name.casefold()
        if key in seen:
            if seen[key] not in twice:
                twice.append(seen[key])
            continue
        seen[key] = name
        names.append(name)
    return names, twice


def _header_end(lines: list[str]) -> int:
    """Index of the first line after the leading header fields and blank lines."""
    end = 0
    while end < len(lines) and (not lines[end].strip() or _FIELD_LINE.match(lines[end])):
        end += 1
    return end


def _insertion_line(res: Resolution | None, kind: str, lines: list[str]) -> int:
    """The 0-based index after which a clause of ``kind`` goes."""
    if res is None:
        return _opening_index(lines) or len(lines)
    if kind == "preambulatory":
        if res.preambulatory:
            return _last_line(res.preambulatory)
        if res.operative:
            return res.operative[0].lines[0] - 1
        return res.opening_line or len(lines)
    if res.operative:
        return _last_line(res.operative)
    if res.preambulatory:
        return _last_line(res.preambulatory)
    return res.opening_line or len(lines)


def _last_line(clauses: list[Any]) -> int:
    last = clauses[-1]
    while last.subclauses:
        last = last.subclauses[-1]
    return last.lines[1]


def _opening_index(lines: list[str]) -> int | None:
    for i, line in enumerate(lines):
        if re.match(r"^\s*[*_]*The\s.+,[*_]*\s*$", line):
            return i + 1
    return None
