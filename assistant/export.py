"""Exporting a draft: Markdown, .docx and PDF with italic phrases and indented sub-clauses.

The .docx and the PDF hold one paragraph per header field (its name in bold), the opening
line in italics, and one paragraph per clause or sub-clause with its number or label
written out, so they read back through ``index.parsing.source_files`` into the same
clauses.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from assistant.pdf_writer import Run
from index.clause_tree import Clause, Resolution

_FIELD = re.compile(r"^\s*(Code|Committee|Topic|Sponsors|Signatories)\s*:\s*(.*?)\s*$", re.I)
_EMPH = re.compile(r"([*_]{1,2})([^*_\n]+?)\1")


def header_fields(res: Resolution) -> list[tuple[str, str]]:
    """The header as every export writes it: (field name, value), in order."""
    return [
        ("Code", res.symbol or ""),
        ("Committee", res.body or ""),
        ("Topic", res.topic or ""),
        ("Sponsors", ", ".join(res.sponsors)),
        ("Signatories", ", ".join(res.signatories)),
    ]


def to_markdown(text: str, res: Resolution | None) -> str:
    """The draft as Markdown, rendered from its clause tree (header, opening, clauses)."""
    if res is None:
        return text
    out: list[str] = []
    fields = header_fields(res)
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
    for number, line in enumerate(lines[: first_clause - 1], 1):
        if not line.strip():
            continue
        para = document.add_paragraph()
        field = _FIELD.match(line)
        if number == res.opening_line and res.opening:  # the opening line, in italics
            para.paragraph_format.space_before = Pt(12)
            para.add_run(res.opening).italic = True
        elif field:  # a header field: its name in bold
            para.add_run(f"{field.group(1)}:").bold = True
            para.add_run(f" {field.group(2)}")
        else:
            _runs(para, line)
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


def to_pdf(text: str, res: Resolution | None, path: str | Path) -> Path:
    """Write the draft as PDF (A4, Times): the header fields, the opening line in italics,
    preambulatory clauses with an indented first line, operative clauses with hanging
    numbers, sub-clauses indented below their clause; phrases in their emphasis."""
    from assistant.pdf_writer import Paragraph, write_pdf

    if res is None:
        paragraphs = [Paragraph(_styled(line), space=0) for line in text.split("\n")]
        return write_pdf(paragraphs, path)
    fields = header_fields(res)
    paragraphs = [
        Paragraph([Run(f"{name}: ", "bold"), Run(value)], space=2)
        for name, value in fields
        if value
    ]
    if res.opening:
        paragraphs.append(Paragraph([Run(res.opening, "italic")], space=18))
    for clause in res.preambulatory:
        body = written(clause, emphasise=clause.emphasis != "none")
        paragraphs.append(Paragraph(_styled(body), first=36, space=8))
    for clause in res.operative:
        paragraphs.extend(_pdf_clause(clause, 0))
    return write_pdf(paragraphs, path)


def _pdf_clause(clause: Clause, depth: int) -> list[Any]:
    from assistant.pdf_writer import Paragraph

    indent = 36.0 * (depth + 1)
    first = -36.0 if clause.kind == "operative" else -24.0
    out = [
        Paragraph(
            _styled(written(clause, emphasise=clause.emphasis != "none")),
            indent=indent,
            first=first,
            space=8 if depth == 0 else 4,
        )
    ]
    for sub in clause.subclauses:
        out.extend(_pdf_clause(sub, depth + 1))
    return out


def _styled(text: str) -> list[Any]:
    """``*italic*`` and ``_underline_`` markers as PDF runs."""
    runs = []
    pos = 0
    for m in _EMPH.finditer(text):
        if m.start() > pos:
            runs.append(Run(text[pos : m.start()]))
        if m.group(1) == "_":
            runs.append(Run(m.group(2), underline=True))
        else:
            runs.append(Run(m.group(2), "italic"))
        pos = m.end()
    if pos < len(text):
        runs.append(Run(text[pos:]))
    return runs
