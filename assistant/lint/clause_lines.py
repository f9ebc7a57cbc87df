"""The physical lines a resolution's clauses stand on, for rules that read running text."""

from __future__ import annotations

from assistant.lint.context import Context


def clause_line_numbers(ctx: Context) -> list[int]:
    """1-based numbers of the source lines inside the clauses, in order, each once."""
    found: set[int] = set()
    for clause in ctx.res.clauses():
        first, last = clause.lines
        found.update(range(first, last + 1))
    return sorted(found)
