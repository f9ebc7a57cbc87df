"""What the validator reports: diagnostics with a location, a rule code and a fix.

A fix is a list of text edits on the *original source text*: 1-based line and column
ranges (the end column is exclusive) with the replacement text. An empty range is an
insertion. Applying them is the job of ``assistant.lint.fixes``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]

SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class TextEdit:
    """Replace source text from (line, col) up to, not including, (end_line, end_col)."""

    line: int
    col: int
    end_line: int
    end_col: int
    replacement: str

    @classmethod
    def insert(cls, line: int, col: int, text: str) -> TextEdit:
        return cls(line, col, line, col, text)

    @classmethod
    def replace(cls, line: int, col: int, length: int, text: str) -> TextEdit:
        """Replace ``length`` characters on one line."""
        return cls(line, col, line, col + length, text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "col": self.col,
            "end_line": self.end_line,
            "end_col": self.end_col,
            "replacement": self.replacement,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TextEdit:
        return cls(
            int(data["line"]),
            int(data["col"]),
            int(data["end_line"]),
            int(data["end_col"]),
            str(data["replacement"]),
        )


@dataclass
class Diagnostic:
    """One finding of the validator, like a linter message."""

    file: str
    line: int
    col: int
    code: str
    severity: Severity
    message: str
    clause: str | None = None
    end_line: int | None = None
    end_col: int | None = None
    fix: list[TextEdit] | None = field(default=None)

    @property
    def fixable(self) -> bool:
        return bool(self.fix)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.col, self.code)

    def render(self) -> str:
        """``file:line:col CODE message``, as ruff prints it."""
        return f"{self.file}:{self.line}:{self.col} {self.code} {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "end_line": self.end_line if self.end_line is not None else self.line,
            "end_col": self.end_col if self.end_col is not None else self.col,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "clause": self.clause,
            "fix": [e.to_dict() for e in self.fix] if self.fix else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Diagnostic:
        fix = data.get("fix")
        return cls(
            file=data["file"],
            line=int(data["line"]),
            col=int(data["col"]),
            code=data["code"],
            severity=data["severity"],
            message=data["message"],
            clause=data.get("clause"),
            end_line=data.get("end_line"),
            end_col=data.get("end_col"),
            fix=[TextEdit.from_dict(e) for e in fix] if fix else None,
        )


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    """True when any diagnostic is an error (what makes ``lint`` exit non-zero)."""
    return any(d.severity == "error" for d in diagnostics)
