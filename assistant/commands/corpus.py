"""``ingest``, ``parse`` and ``show``: reading resolutions and looking up clauses."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.settings import load_settings
from index.clause_ids import resolve
from index.clause_tree import Clause, Corpus, Resolution
from index.parsing.parser import Parser, ParseReport, default_corpus_dir, parse_paths


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="parse resolution files or folders and list what was found")
    p.add_argument("paths", nargs="*", help="files or folders (default: the configured corpus)")
    p.add_argument("--encoding", help="text encoding of the files (default UTF-8)")
    p.add_argument("--strict", action="store_true", help="exit non-zero on warnings too")
    p.add_argument("--no-index", action="store_true", help="only parse; do not update the store")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("parse", help="parse one file and print its clause tree")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print the tree as JSON")
    p.add_argument("--encoding")
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("show", help='print one clause, e.g. show "IOM/1/4 op 8"')
    p.add_argument("clause_id")
    p.add_argument("--corpus", nargs="*", help="files or folders (default: the configured corpus)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)


def corpus_paths(explicit: list[str] | None) -> list[str | Path]:
    """The paths given, else the configured corpus, else the shipped seed corpus."""
    if explicit:
        return list(explicit)
    settings = load_settings()
    return list(settings.corpus) or [default_corpus_dir()]


def load_corpus(paths: list[str] | None) -> ParseReport:
    return parse_paths(corpus_paths(paths), Parser())


def cmd_ingest(args: argparse.Namespace) -> int:
    report = parse_paths(corpus_paths(args.paths), Parser(), encoding=args.encoding)
    out = sys.stdout
    for res in report.corpus.resolutions:
        out.write(render_summary(res) + "\n\n")
    for err in report.errors:
        sys.stderr.write(f"error: {err}\n")
    n_res = len(report.corpus.resolutions)
    n_clauses = sum(len(r.clauses()) for r in report.corpus.resolutions)
    n_warn = sum(len(r.warnings) for r in report.corpus.resolutions)
    out.write(
        f"{len(report.files)} file(s), {n_res} resolution(s), {n_clauses} clauses, "
        f"{n_warn} warning(s), {len(report.errors)} error(s)\n"
    )
    if not args.no_index:
        _index(corpus_paths(args.paths), out)
    if report.errors or (args.strict and n_warn):
        return 1
    return 0


def _index(paths: list[str | Path], out) -> None:
    from assistant.workspace import Workspace

    sync = Workspace(load_settings()).ingest(paths)
    line = (
        f"index: {len(sync.added)} added, {len(sync.replaced)} replaced, "
        f"{len(sync.removed)} removed, {len(sync.unchanged_files)} file(s) unchanged, "
        f"{sync.units_written} clauses written"
    )
    if sync.repaired:
        line += f", {sync.repaired} left-overs of an interrupted ingest removed"
    out.write(line + "\n")
    for warning in sync.warnings:
        sys.stderr.write(f"warning: {warning}\n")


def render_summary(res: Resolution) -> str:
    subs = sum(len(c.walk()) - 1 for c in [*res.preambulatory, *res.operative])
    rows = [
        ("symbol", res.symbol),
        ("committee", res.body or "-"),
        ("topic", res.topic or "-"),
        ("source", f"{res.source}:{res.lines[0]}-{res.lines[1]}"),
        (
            "clauses",
            f"{len(res.preambulatory)} preambulatory, {len(res.operative)} operative, "
            f"{subs} sub-clauses",
        ),
    ]
    if res.sponsors:
        rows.append(("sponsors", ", ".join(res.sponsors)))
    if res.signatories:
        rows.append(("signatories", ", ".join(res.signatories)))
    rows.append(("warnings", str(len(res.warnings)) if res.warnings else "none"))
    width = max(len(k) for k, _ in rows)
    lines = [f"{k.ljust(width)}  {v}" for k, v in rows]
    lines += [f"  {w}" for w in res.warnings]
    return "\n".join(lines)


def cmd_parse(args: argparse.Namespace) -> int:
    resolutions = Parser().parse_file(args.file, encoding=args.encoding)
    corpus = Corpus(resolutions)
    if args.json:
        sys.stdout.write(corpus.to_json() + "\n")
        return 0
    for res in resolutions:
        sys.stdout.write(render_summary(res) + "\n")
        for clause in [*res.preambulatory, *res.operative]:
            sys.stdout.write(render_clause(clause) + "\n")
        sys.stdout.write("\n")
    return 0


def render_clause(clause: Clause, source: str | None = None) -> str:
    head = f"[{clause.id}] lines {clause.lines[0]}-{clause.lines[1]}"
    if source:
        head += f" of {source}"
    return f"{head}\n{clause.full_text('  ')}"


def cmd_show(args: argparse.Namespace) -> int:
    report = load_corpus(args.corpus)
    clause = resolve(report.corpus, args.clause_id)
    res = report.corpus.resolution_of(clause.id)
    if args.json:
        sys.stdout.write(
            json.dumps(
                {**clause.to_dict(), "source": res.source if res else None},
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
        return 0
    if res is not None:
        sys.stdout.write(f"{res.symbol} — {res.body or ''}\n{res.topic or ''}\n\n")
    sys.stdout.write(render_clause(clause, res.source if res else None) + "\n")
    return 0
