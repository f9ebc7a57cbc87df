"""Reading the files the store indexes, one at a time, each with its own encoding.

Every failure is an :class:`InputError` naming the file — a missing path, a broken
symbolic link, a link loop, bytes the encoding cannot decode — so that one bad file is
reported and the others are still read. Text saved as UTF-16 without a byte-order mark
(which the text reader refuses as binary data, for its NUL bytes) is recognised here and
read as UTF-16.
"""

from __future__ import annotations

import codecs
from collections.abc import Mapping
from pathlib import Path

from index.clause_tree import Resolution
from index.errors import ClausewrightError, InputError
from index.files import unreadable_reason, utf16_without_bom
from index.parsing.parser import Parser, ParseReport, iter_source_files
from index.parsing.source_files import MAX_BYTES, TEXT_SUFFIXES, decode_text

_BOMS = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}


def source_key(path: str | Path) -> str:
    """The name the store knows a source file by: its absolute, resolved path."""
    p = Path(path)
    try:
        return str(p.resolve())
    except (OSError, RuntimeError):  # a link loop: keep the name as given
        return str(p.absolute())


def read_resolutions(
    parser: Parser, path: str | Path, encoding: str | None = None
) -> list[Resolution]:
    """The resolutions in one file; InputError naming the file if it cannot be read."""
    p = Path(path)
    problem = unreadable_reason(p)
    if problem is None and p.is_dir():
        problem = "is a folder, not a file"
    if problem is not None:
        raise InputError(p, problem)
    try:
        bom = _utf16_bom(p, encoding) if p.suffix.lower() in TEXT_SUFFIXES else None
        if bom is None:
            return parser.parse_file(p, encoding=encoding)
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                p, f"file is {size / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB"
            )
        text = decode_text(bom + p.read_bytes(), p)
        return parser.parse_lines(text.split("\n"), str(p))
    except OSError as exc:
        raise InputError(p, f"cannot read: {exc.strerror or exc}") from exc


def _utf16_bom(path: Path, encoding: str | None) -> bytes | None:
    """The byte-order mark to read a UTF-16 file without one by (None: not such a file)."""
    name = (encoding or "").lower().replace("_", "-").replace("utf16", "utf-16")
    if name and not name.startswith("utf-16"):
        return None
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None  # the text reader knows what to do with a BOM
    if name.replace("-", "") in ("utf16le", "utf16be"):
        return _BOMS["utf-16-" + name[-2:]]
    order = utf16_without_bom(head)
    if order is not None:
        return _BOMS[order]
    return codecs.BOM_UTF16_LE if name == "utf-16" else None


def parse_sources(
    paths: list[str | Path],
    parser: Parser,
    encoding: str | None = None,
    encodings: Mapping[str, str | None] | None = None,
) -> ParseReport:
    """Parse every file under ``paths`` with ``encoding``, else with the encoding
    ``encodings`` names for its source (see ``source_key``); a bad file is reported in the
    report's errors and the rest go on."""
    report = ParseReport()
    for path in iter_source_files(paths):
        report.files.append(str(path))
        chosen = encoding or (encodings or {}).get(source_key(path))
        try:
            report.corpus.resolutions.extend(read_resolutions(parser, path, chosen))
        except ClausewrightError as exc:
            report.errors.append(exc)
    return report
