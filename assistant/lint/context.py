"""What every rule sees while one resolution is checked, and how it reports."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.lint.codes import rule
from assistant.lint.diagnostic import Diagnostic, TextEdit
from assistant.lint.profile import Profile
from assistant.lint.source import Head, SourceMap, Span
from index.clause_tree import Clause, Resolution
from index.parsing.frames import FrameBook
from index.parsing.lexicon import Lexicon, PhraseMatch


@dataclass
class Context:
    """One resolution under check: its tree, source, profile, lexicon and findings."""

    file: str
    res: Resolution
    source: SourceMap
    profile: Profile
    lexicon: Lexicon
    frames: FrameBook
    first_number: int = 1  # what the first operative clause is numbered
    final_operative: bool = True  # whether the last operative clause ends the resolution
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _phrases: dict[int, PhraseMatch | None] = field(default_factory=dict)
    _heads: dict[int, Head] = field(default_factory=dict)

    def phrase(self, clause: Clause) -> PhraseMatch | None:
        """The leading phrase of a clause: of its own kind if one fits, else of any kind."""
        key = id(clause)
        if key not in self._phrases:
            text = clause.text
            found = self._match(text, clause.kind)
            if found is not None and "," in found.written:
                # a modifier read across a comma ("Recalling, in this regard, …"): the
                # phrase itself stops at the comma
                found = self._match(text[: found.written.index(",")], clause.kind)
            self._phrases[key] = found
        return self._phrases[key]

    def _match(self, text: str, kind: str) -> PhraseMatch | None:
        own = kind if kind in ("preambulatory", "operative") else None
        found = self.lexicon.match(text, own) if own else None  # type: ignore[arg-type]
        return found or self.lexicon.match(text)

    def head(self, clause: Clause) -> Head:
        key = id(clause)
        if key not in self._heads:
            found = self.phrase(clause)
            self._heads[key] = self.source.head(clause, found.written if found else None)
        return self._heads[key]

    def report(
        self,
        code: str,
        at: Span,
        message: str,
        clause: Clause | None = None,
        fix: list[TextEdit] | None = None,
    ) -> Diagnostic:
        """Add a diagnostic of a rule at a place, with an optional fix."""
        diag = Diagnostic(
            file=self.file,
            line=at.line,
            col=at.col,
            code=code,
            severity=rule(code).severity,
            message=message,
            clause=clause.id if clause is not None else self.res.symbol,
            end_line=at.line,
            end_col=max(at.end_col, at.col),
            fix=fix or None,
        )
        self.diagnostics.append(diag)
        return diag


def edit(at: Span, replacement: str) -> TextEdit:
    """A one-line edit replacing a span (or inserting at a zero-width one)."""
    return TextEdit(at.line, at.col, at.line, at.end_col, replacement)


def top_clauses(res: Resolution) -> list[Clause]:
    """Preambulatory and operative clauses, in order (no sub-clauses, no annexes)."""
    return [*res.preambulatory, *res.operative]
