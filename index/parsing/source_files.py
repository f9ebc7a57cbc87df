"""Reading source files (.txt, .md, .tex, .pdf, .docx) into numbered text lines.

Every failure names the file (and the line, where there is one) and says what would
be valid. Emphasis in .docx is kept as Markdown-style markers (``*italic*``,
``_underline_``) so that the parser sees the same shapes as in text files.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from index.errors import InputError, MissingPackageError, import_optional
from index.files import utf16_without_bom
from index.parsing.labels import make_label, to_roman
from index.parsing.latex import latex_to_lines

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
LATEX_SUFFIXES = {".tex"}  # MUN LaTeX templates (\\pream{…}{…}, \\operative{…}{…})
SUFFIXES = TEXT_SUFFIXES | LATEX_SUFFIXES | {".pdf", ".docx"}
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class SourceText:
    """A source file's text as lines (1-based numbering is ``index + 1``)."""

    path: str
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def read_source(
    path: str | Path, encoding: str | None = None, max_bytes: int = MAX_BYTES
) -> SourceText:
    """Read one source file; raise InputError naming the file (and line) on bad input."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(
            p,
            f"unsupported file type {suffix or '(none)'}; use one of {', '.join(sorted(SUFFIXES))}",
        )
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(p, f"cannot open: {exc.strerror or exc}") from exc
    if size > max_bytes:
        raise InputError(p, f"file is {size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB")
    if size == 0:
        raise InputError(p, "file is empty")
    if suffix == ".pdf":
        return SourceText(str(p), _read_pdf(p))
    if suffix == ".docx":
        return SourceText(str(p), _read_docx(p))
    text = decode_text(p.read_bytes(), p, encoding)
    if suffix in LATEX_SUFFIXES:
        return SourceText(str(p), latex_to_lines(text))
    return SourceText(str(p), text.split("\n"))


def decode_text(data: bytes, path: str | Path, encoding: str | None = None) -> str:
    """Decode bytes as UTF-8 (or the given encoding); refuse binary data."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = encoding or "utf-16"
    elif (encoding or "").lower().replace("_", "-").startswith("utf-16") or (
        encoding is None and utf16_without_bom(data[:4096])
    ):
        encoding = encoding or utf16_without_bom(data[:4096])
    elif b"\x00" in data[:4096] or b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(path, "binary data (NUL byte): not a text file", line)
    name = encoding or "utf-8-sig"
    try:
        text = data.decode(name)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            path,
            f"column {col}: byte 0x{data[exc.start]:02x} is not valid "
            f"{'UTF-8' if name == 'utf-8-sig' else name}; re-save the "
            "file as UTF-8 or give its encoding (e.g. --encoding cp1252)",
            line,
        ) from exc
    except LookupError as exc:
        raise InputError(path, f"unknown encoding {name!r}") from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = _control_chars(text)
    stray = len(_CONTROL.findall(text)) if bad else 0
    if bad and (stray > text.count("\n") + 1 or stray * 20 > len(text)):
        raise InputError(path, f"control character U+{ord(bad[1]):04X}: not a text file", bad[0])
    if bad:  # at most one a line, as PDF-to-text tools leave after line numbers: spaces
        log.warning("%s:%d: control character U+%04X read as a space", path, bad[0], ord(bad[1]))
        text = _CONTROL.sub(" ", text)
    return text


_CONTROL = re.compile(r"[\x01-\x08\x0b\x0e-\x1f]")


def _control_chars(text: str) -> tuple[int, str] | None:
    allowed = {"\n", "\t", "\f"}
    for i, ch in enumerate(text):
        if ord(ch) < 32 and ch not in allowed:
            return text.count("\n", 0, i) + 1, ch
    return None


def _read_pdf(path: Path) -> list[str]:
    try:
        pypdf = import_optional("pypdf", "reading PDF", "pip install pypdf")
    except MissingPackageError as exc:  # pragma: no cover - pypdf is a core dependency
        raise InputError(path, str(exc)) from exc
    PdfReader, PdfReadError = pypdf.PdfReader, pypdf.errors.PdfReadError
    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise InputError(path, f"not a readable PDF: {exc}") from exc
    lines: list[str] = []
    for text in pages:
        lines.extend(text.replace("\r", "").split("\n"))
        lines.append("")
    if not any(line.strip() for line in lines):
        raise InputError(path, "PDF has no extractable text (scanned image?); run OCR first")
    return lines


def _read_docx(path: Path) -> list[str]:
    try:
        docx = import_optional("docx", "reading .docx", "pip install python-docx")
    except MissingPackageError as exc:  # pragma: no cover - python-docx is a core dependency
        raise InputError(path, str(exc)) from exc
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many types for a broken package
        raise InputError(path, f"not a readable .docx: {exc}") from exc
    counters: dict[tuple[str, int], int] = {}
    lines: list[str] = []
    for para in document.paragraphs:
        prefix = _docx_list_label(para, counters)
        lines.append(prefix + _docx_runs(para))
    return lines


def _docx_runs(para: object) -> str:
    out: list[str] = []
    for run in para.runs:  # type: ignore[attr-defined]
        text = run.text
        if not text:
            continue
        core = text.strip()
        if core and run.italic:
            text = text.replace(core, f"*{core}*", 1)
        elif core and run.underline:
            text = text.replace(core, f"_{core}_", 1)
        out.append(text)
    return "".join(out).replace("**", "")


_LIST_FORMATS = ["{n}. ", "{a}. ", "{i}. ", "{a}. "]


def _docx_list_label(para: object, counters: dict[tuple[str, int], int]) -> str:
    """Reconstruct the label of an automatically numbered paragraph (1. → a. → i.)."""
    ppr = para._p.pPr  # type: ignore[attr-defined]
    if ppr is None or ppr.numPr is None or ppr.numPr.numId is None:
        return ""
    num_id = str(ppr.numPr.numId.val)
    level = int(ppr.numPr.ilvl.val) if ppr.numPr.ilvl is not None else 0
    for key in [k for k in counters if k[0] == num_id and k[1] > level]:
        del counters[key]
    counters[(num_id, level)] = counters.get((num_id, level), 0) + 1
    n = counters[(num_id, level)]
    fmt = _LIST_FORMATS[min(level, len(_LIST_FORMATS) - 1)]
    return fmt.format(n=n, a=make_label("alpha", n), i=to_roman(n))
