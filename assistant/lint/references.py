"""Internal paragraph references ("as stated in paragraph 4") and their renumbering.

When operative clauses are renumbered, references to them in the resolution's own text
are rewritten to the new numbers. A reference that names a number no clause had, or a
number two clauses shared, cannot be rewritten and is reported instead. References to
other documents ("paragraph 4 of resolution 60/1", "Article 5, paragraph 2") are left
alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.lint.diagnostic import TextEdit
from assistant.lint.source import Span

_REF = re.compile(
    r"\b(?:operative\s+)?(?:paragraphs?|paras?\.|clauses?)\s+"
    r"(?P<nums>\d{1,3}(?:\s*\([a-z]{1,4}\))*(?:\s*(?:,|and|or|to|-|–)\s*\d{1,3}"
    r"(?:\s*\([a-z]{1,4}\))*)*)",
    re.I,
)
_EXTERNAL_AFTER = re.compile(
    r"^\s*(?:of\s+(?!the present resolution|this resolution|the present text)"
    r"|in\s+(?:(?:its|the|that)\s+)?(?:resolution|annex|decision|document|report|article"
    r"|convention|charter|protocol|declaration|agreement|statute)s?\b)",
    re.I,
)
_EXTERNAL_BEFORE = re.compile(
    r"(?:\b(?:article|resolution|annex|decision|rule|section|chapter)\s+[\w/.()\-]*[\dIVXL]"
    r"[\w/.()\-]*\s*,\s*|\b(?:preambular|preambulatory)\s+)$",
    re.I,
)


@dataclass
class Renumbering:
    """Rewrites of references after a renumbering, and the ones that cannot be made."""

    edits: list[TextEdit] = field(default_factory=list)
    problems: list[tuple[Span, str]] = field(default_factory=list)


def internal_references(line_text: str) -> list[tuple[int, int, int]]:
    """(number, start, end) of each paragraph number referred to in one line (0-based)."""
    out: list[tuple[int, int, int]] = []
    for m in _REF.finditer(line_text):
        if _EXTERNAL_AFTER.match(line_text[m.end() :]):
            continue
        if _EXTERNAL_BEFORE.search(line_text[max(0, m.start() - 40) : m.start()]):
            continue
        base = m.start("nums")
        for num in re.finditer(r"(?<![(\w])\d{1,3}(?![\w)])", m.group("nums")):
            out.append((int(num.group()), base + num.start(), base + num.end()))
    return out


def renumber_references(
    lines: list[str], first: int, last: int, mapping: dict[int, list[int]]
) -> Renumbering:
    """Edits rewriting references on lines ``first``..``last`` (1-based) per ``mapping``.

    ``mapping`` gives, for each old number, the new numbers of the clauses that had it.
    """
    result = Renumbering()
    for no in range(first, min(last, len(lines)) + 1):
        for old, start, end in internal_references(lines[no - 1]):
            span = Span(no, start + 1, end + 1)
            targets = mapping.get(old, [])
            if len(targets) == 1:
                if targets[0] != old:
                    result.edits.append(TextEdit(no, start + 1, no, end + 1, str(targets[0])))
            elif not targets:
                result.problems.append(
                    (
                        span,
                        f"reference to paragraph {old} cannot be updated: no operative "
                        f"clause is numbered {old}",
                    )
                )
            else:
                result.problems.append(
                    (
                        span,
                        f"reference to paragraph {old} cannot be updated: clauses now "
                        f"numbered {' and '.join(map(str, targets))} were both numbered {old}",
                    )
                )
    return result
