"""A small PDF writer: paragraphs of styled runs, wrapped and indented, on A4 pages.

It needs no PDF library: the text is set in the PDF core fonts (Times roman, italic and
bold, which every reader has), measured with their Adobe metrics (shipped with pypdf, a
core dependency; an average width stands in if they cannot be loaded) and encoded as
WinAnsi, so characters outside Windows-1252 print as "?". Underlined runs get a rule
under them. Text stays text: the file reads back through ``pypdf``.
"""

from __future__ import annotations

import logging
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from index.files import atomic_write

log = logging.getLogger(__name__)

PAGE_W, PAGE_H = 595.28, 841.89  # A4 in points
MARGIN = 72.0
FONTS = {"roman": "Times-Roman", "italic": "Times-Italic", "bold": "Times-Bold"}
_KEYS = {"roman": "F1", "italic": "F2", "bold": "F3"}


@dataclass
class Run:
    text: str
    style: str = "roman"  # roman, italic or bold
    underline: bool = False


@dataclass
class Paragraph:
    """Runs set as one paragraph: ``indent`` for every line, ``first`` added to the first
    line (negative: a hanging label), ``align`` left or right, ``space`` points before."""

    runs: list[Run]
    indent: float = 0.0
    first: float = 0.0
    align: str = "left"
    space: float = 6.0


@dataclass
class _Line:
    words: list[tuple[str, Run, float]] = field(default_factory=list)  # text, run, width
    width: float = 0.0


class _Metrics:
    """Glyph widths of the core fonts, in thousandths of the font size."""

    def __init__(self) -> None:
        self.widths: dict[str, dict[str, float]] = {}
        try:
            from pypdf._codecs.core_font_metrics import CORE_FONT_METRICS

            for style, name in FONTS.items():
                self.widths[style] = dict(CORE_FONT_METRICS[name].character_widths)
        except (ImportError, KeyError, AttributeError) as exc:
            log.info("core font metrics unavailable (%s): using an average width", exc)

    def width(self, text: str, style: str, size: float) -> float:
        table = self.widths.get(style, {})
        default = table.get("default", 500)
        return sum(table.get(ch, default) for ch in text) * size / 1000


def write_pdf(paragraphs: list[Paragraph], path: str | Path, size: float = 12.0) -> Path:
    """Lay ``paragraphs`` out on as many A4 pages as they take and write the file."""
    metrics = _Metrics()
    leading = size * 1.25
    pages: list[list[str]] = [[]]
    y = PAGE_H - MARGIN
    for para in paragraphs:
        lines = _wrap(para, metrics, size)
        y -= para.space
        for n, line in enumerate(lines):
            if y - leading < MARGIN:
                pages.append([])
                y = PAGE_H - MARGIN
            y -= leading
            x = MARGIN + para.indent + (para.first if n == 0 else 0)
            if para.align == "right":
                x = PAGE_W - MARGIN - line.width
            pages[-1].extend(_draw(line, x, y, metrics, size))
    data = _document(["\n".join(ops) for ops in pages])
    atomic_write(Path(path), data)
    return Path(path)


def _wrap(para: Paragraph, metrics: _Metrics, size: float) -> list[_Line]:
    """The paragraph's words in lines no wider than the text block."""
    room = PAGE_W - 2 * MARGIN - para.indent
    lines = [_Line()]
    for run in para.runs:
        for piece in _pieces(run.text):
            width = metrics.width(piece, run.style, size)
            line = lines[-1]
            limit = room - (para.first if len(lines) == 1 else 0)
            if piece.strip() and line.words and line.width + width > limit:
                while line.words and not line.words[-1][0].strip():
                    line.width -= line.words.pop()[2]
                line = _Line()
                lines.append(line)
            if not piece.strip() and not line.words:
                continue  # no space at the start of a line
            line.words.append((piece, run, width))
            line.width += width
    return lines


def _pieces(text: str) -> list[str]:
    """Words and the spaces between them, in order."""
    out: list[str] = []
    for i, word in enumerate(text.split(" ")):
        if i:
            out.append(" ")
        if word:
            out.append(word)
    return out


def _draw(line: _Line, x: float, y: float, metrics: _Metrics, size: float) -> list[str]:
    ops: list[str] = []
    for text, run, width in line.words:
        ops.append(f"BT /{_KEYS[run.style]} {size:g} Tf {x:.2f} {y:.2f} Td ({_escape(text)}) Tj ET")
        if run.underline and text.strip():
            ops.append(f"0.6 w {x:.2f} {y - 1.5:.2f} m {x + width:.2f} {y - 1.5:.2f} l S")
        x += width
    return ops


def _escape(text: str) -> str:
    raw = text.encode("cp1252", errors="replace").decode("latin-1")
    return raw.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _document(contents: list[str]) -> bytes:
    """The PDF file: catalog, page tree, fonts, one page and content stream per page."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below, once the page tree's number is known
    fonts = {
        key: add(
            f"<< /Type /Font /Subtype /Type1 /BaseFont /{FONTS[style]} "
            f"/Encoding /WinAnsiEncoding >>".encode()
        )
        for style, key in _KEYS.items()
    }
    font_dict = " ".join(f"/{key} {n} 0 R" for key, n in fonts.items())
    tree = add(b"")
    kids = []
    for content in contents:
        stream = zlib.compress(content.encode("latin-1"))
        body = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
        number = add(body + stream + b"\nendstream")
        kids.append(
            add(
                f"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] "
                f"/Resources << /Font << {font_dict} >> >> /Contents {number} 0 R >>".encode()
            )
        )
    refs = " ".join(f"{k} 0 R" for k in kids)
    objects[tree - 1] = f"<< /Type /Pages /Kids [{refs}] /Count {len(kids)} >>".encode()
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {tree} 0 R >>".encode()
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\n" % (len(objects) + 1, catalog)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
