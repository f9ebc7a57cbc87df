"""Exporting a draft: Markdown, and .docx with italic phrases and indented sub-clauses.

The .docx holds one paragraph per header field, the opening line, and one paragraph per
clause or sub-clause with its number or label written out, so it reads back through
``index.parsing.source_files`` into the same clauses.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from index.clause_tree import Clause, Resolution

_EMPH = re.compile(r"([*_]{1,2})([^*_\n]+?)\1")


def to_markdown(text: str, res: Resolution | None) -> str:
    """The draft as Markdown, rendered from its clause tree (header, opening, clauses)."""
    if res is None:
        return text
    out: list[str] = []
    fields = [
        ("Code", res.symbol),
        ("Committee", res.body),
        ("Topic", res.topic),
        ("Sponsors", ", ".join(res.sponsors)),
        ("Signatories", ", ".join(res.signatories)),
    ]
    out += [f"**{name}:** {value}  " for name, value in fields if value]
    if res.opening:
        out += ["", res.opening]
    for clause in [*res.preambulatory, *res.operative]:
        out.append("")
        out.extend(_markdown_clause(clause, 0))
    return "\n".join(out).strip() + "\n"


def written(clause: Clause, emphasise: bool = True) -> str:
    """A clause as written: number or label, the phrase in its emphasis, then the text."""
    text = clause.text
    if emphasise and clause.phrase and text.startswith(clause.phrase):
        mark = "_" if clause.emphasis == "underline" else "*"
        text = f"{mark}{clause.phrase}{mark}{text[len(clause.phrase) :]}"
    head = ""
    if clause.kind == "operative" and clause.numbered:
        head = f"{clause.number}. "
    elif clause.kind == "subclause" and clause.label:
        forms = {"paren": f"({clause.label}) ", "close": f"{clause.label}) "}
        head = forms.get(clause.label_style or "dot", f"{clause.label}. ")
    return head + text


def _markdown_clause(clause: Clause, depth: int) -> list[str]:
    lines = ["    " * depth + written(clause)]
    for sub in clause.subclauses:
        lines.extend(_markdown_clause(sub, depth + 1))
    return lines


def to_docx(text: str, res: Resolution | None, path: str | Path) -> Path:
    """Write the draft as .docx and return the path."""
    import docx
    from docx.shared import Inches, Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    if res is None:
        for line in text.split("\n"):
            document.add_paragraph(line)
        document.save(str(path))
        return Path(path)
    lines = text.replace("\r\n", "\n").split("\n")
    first_clause = min(
        (c.lines[0] for c in [*res.preambulatory, *res.operative]), default=len(lines) + 1
    )
    for line in lines[: first_clause - 1]:
        if line.strip():
            _runs(document.add_paragraph(), line)
    for clause in res.preambulatory:
        _clause(document, clause, 0, Inches)
    for clause in res.operative:
        _clause(document, clause, 0, Inches)
    document.save(str(path))
    return Path(path)


def _clause(document: Any, clause: Clause, depth: int, inches: Any) -> None:
    para = document.add_paragraph()
    fmt = para.paragraph_format
    fmt.left_indent = inches(0.5 * depth + (0.5 if clause.kind == "operative" else 0))
    if clause.kind == "operative":
        fmt.first_line_indent = inches(-0.5)
    elif clause.kind == "subclause":
        fmt.first_line_indent = inches(-0.3)
        fmt.left_indent = inches(0.5 + 0.5 * depth)
    _runs(para, written(clause, emphasise=clause.emphasis != "none"))
    for sub in clause.subclauses:
        _clause(document, sub, depth + 1, inches)


def _runs(para: object, text: str) -> None:
    """Add text with ``*italic*`` and ``_underline_`` markers as formatted runs."""
    pos = 0
    for m in _EMPH.finditer(text):
        if m.start() > pos:
            para.add_run(text[pos : m.start()])  # type: ignore[attr-defined]
        run = para.add_run(m.group(2))  # type: ignore[attr-defined]
        if m.group(1) == "_":
            run.underline = True
        else:
            run.italic = True
        pos = m.end()
    if pos < len(text):
        para.add_run(text[pos:])  # type: ignore[attr-defined]
