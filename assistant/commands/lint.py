"""``lint``: check resolution files against a style profile, and fix what can be fixed.

Prints ``file:line:col CODE message`` per finding (or a JSON list with ``--format
json``) and exits 1 when an error remains, 2 when a file could not be read, else 0.
"""

from __future__ import annotations

import argparse
import codecs
import json
import logging
import sys
from pathlib import Path

from assistant.lint import Diagnostic, Linter, has_errors
from assistant.settings import load_settings
from index.errors import ClausewrightError
from index.parsing.lexicon import Lexicon
from index.parsing.parser import iter_source_files
from index.parsing.source_files import TEXT_SUFFIXES, decode_text

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("lint", help="check resolutions against a style profile (with fixes)")
    p.add_argument("files", nargs="+", help="resolution files or folders")
    p.add_argument(
        "--profile",
        help="un, nmun, thimun, plain or a profile .toml file "
        "(default: the 'profile' setting, else inferred per resolution)",
    )
    p.add_argument("--fix", action="store_true", help="apply the fixes to the files (text only)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    p.add_argument(
        "--phrases",
        action="append",
        default=[],
        metavar="FILE",
        help="extra leading phrases (TOML like index/data/phrases.toml); repeatable",
    )
    p.add_argument("--encoding", help="text encoding of the files (default UTF-8)")
    p.set_defaults(func=cmd_lint)


def build_linter(args: argparse.Namespace) -> Linter:
    settings = load_settings()
    lexicon = Lexicon.default()
    for path in [*settings.phrase_files, *args.phrases]:
        lexicon.extend_from_file(path)
    return Linter(args.profile or settings.profile, lexicon, substance=True)


def cmd_lint(args: argparse.Namespace) -> int:
    linter = build_linter(args)
    found: list[Diagnostic] = []
    failed = 0
    for path in iter_source_files(args.files):
        try:
            diagnostics = linter.lint_file(path, args.encoding)
            if args.fix and any(d.fix for d in diagnostics):
                diagnostics = fix_file(linter, path, diagnostics, args.encoding)
        except ClausewrightError as exc:
            sys.stderr.write(f"error: {exc}\n")
            failed += 1
            continue
        found.extend(diagnostics)
    if args.format == "json":
        sys.stdout.write(
            json.dumps([d.to_dict() for d in found], ensure_ascii=False, indent=2) + "\n"
        )
    else:
        for diag in found:
            sys.stdout.write(diag.render() + "\n")
        sys.stderr.write(summary(found) + "\n")
    if failed:
        return 2
    return 1 if has_errors(found) else 0


def fix_file(
    linter: Linter, path: Path, diagnostics: list[Diagnostic], encoding: str | None
) -> list[Diagnostic]:
    """Apply the fixes to a text file in place; the diagnostics left afterwards."""
    if path.suffix.lower() not in TEXT_SUFFIXES:
        sys.stderr.write(f"{path}: not fixed: only text files can be rewritten\n")
        return diagnostics
    data = path.read_bytes()
    text = decode_text(data, path, encoding)
    fixed, left = linter.fix_text(text, str(path))
    if fixed == text:
        return diagnostics
    name = encoding or ("utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8")
    newline = "\r\n" if b"\r\n" in data else "\n"
    path.write_text(fixed, encoding=name, newline=newline)
    count = sum(1 for d in diagnostics if d.fix) - sum(1 for d in left if d.fix)
    sys.stderr.write(f"{path}: fixed {count} issue(s)\n")
    log.info("fixed %s", path)
    return left


def summary(diagnostics: list[Diagnostic]) -> str:
    counts = {
        s: sum(1 for d in diagnostics if d.severity == s) for s in ("error", "warning", "info")
    }
    fixable = sum(1 for d in diagnostics if d.fix)
    text = f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info"
    return text + (f"; {fixable} fixable with --fix" if fixable else "")
