"""The format validator: lint resolutions and clauses against style profiles.

Public API::

    Linter(profile=None, lexicon=None).lint_text(text, source) -> list[Diagnostic]
    Linter(...).lint_resolution(res, source_lines) -> list[Diagnostic]
    lint_clause_text(text, kind, number, is_last, profile) -> list[Diagnostic]
    apply_fixes(text, diagnostics) -> str

Rule codes are listed in ``assistant.lint.codes.RULES`` and ``docs/lint-rules.md``.
"""

from __future__ import annotations

from assistant.lint.codes import RULES, Rule
from assistant.lint.diagnostic import Diagnostic, Severity, TextEdit, has_errors
from assistant.lint.fixes import apply_fixes
from assistant.lint.linter import Linter
from assistant.lint.profile import Profile, ProfileStore, infer_profile_name
from assistant.lint.single import lint_clause_text

__all__ = [
    "RULES",
    "Diagnostic",
    "Linter",
    "Profile",
    "ProfileStore",
    "Rule",
    "Severity",
    "TextEdit",
    "apply_fixes",
    "has_errors",
    "infer_profile_name",
    "lint_clause_text",
]
