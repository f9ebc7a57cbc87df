"""``ingest``, ``parse`` and ``show``: reading resolutions and looking up clauses; and
``index check`` and ``index rebuild``, which read every source the store knows again."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from assistant.settings import load_settings
from index.clause_ids import normalize_id, resolve
from index.clause_tree import Clause, Corpus, Resolution
from index.errors import ClausewrightError
from index.parsing.parser import Parser, ParseReport, default_corpus_dir
from index.store.source_reading import parse_sources, read_resolutions

if TYPE_CHECKING:
    from assistant.workspace import Workspace


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="parse resolution files or folders and list what was found")
    p.add_argument(
        "paths",
        nargs="*",
        help="files or folders (default: the configured corpus and every file already indexed)",
    )
    p.add_argument(
        "--encoding",
        help="text encoding of the files (default: UTF-8 or UTF-16; as indexed before)",
    )
    p.add_argument("--strict", action="store_true", help="exit non-zero on warnings too")
    p.add_argument("--no-index", action="store_true", help="only parse; do not update the store")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser(
        "parse",
        help="parse one file and print its clause tree",
        description="Parse one resolution file (.txt, .md, .pdf, .docx, .tex) and print its "
        "clause tree with the IDs to cite; the store is not touched.",
        epilog="examples:\n  clausewright parse draft.docx\n  clausewright parse res.pdf --json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", help="the resolution file to parse")
    p.add_argument("--json", action="store_true", help="print the tree as JSON")
    p.add_argument("--encoding")
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser(
        "show",
        help='print one clause, e.g. show "IOM/1/4 op 8"',
        description="Print one clause with its sub-clauses, by its ID as search results and "
        "citations give it (quote it: IDs contain spaces).",
        epilog='examples:\n  clausewright show "IOM/1/4 op 8(a)"\n'
        '  clausewright show "GA/3/1.1 pre 6" --json',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("clause_id", help='a clause ID: "SYMBOL op N", "SYMBOL pre N", "… op N(a)"')
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
    return parse_sources(corpus_paths(paths), Parser())


def cmd_ingest(args: argparse.Namespace) -> int:
    from assistant.workspace import Workspace

    ws = None if args.no_index else Workspace(load_settings())
    paths = corpus_paths(args.paths) if ws is None or args.paths else ws.known_paths()
    parser = ws.parser if ws is not None else Parser()
    known = ws.source_encodings() if ws is not None else None
    report = parse_sources(paths, parser, encoding=args.encoding, encodings=known)
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
    failed = bool(report.errors)
    if ws is not None:
        said = {str(err) for err in report.errors}
        failed = _index(ws, paths, args.encoding, out, said) or failed
    if failed or (args.strict and n_warn):
        return 1
    return 0


def _index(
    ws: Workspace, paths: list[str | Path], encoding: str | None, out: TextIO, said: set[str]
) -> bool:
    """Index ``paths``; True when a file failed (each reported once, on its own line)."""
    sync = ws.ingest(paths, encoding=encoding)
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
    for err in sync.errors:
        if str(err) not in said:
            sys.stderr.write(f"error: {err}\n")
    return bool(sync.errors)


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
    resolutions = read_resolutions(Parser(), args.file, encoding=args.encoding)
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
    found = None if args.corpus else indexed_clause(args.clause_id)
    if found is None:  # not indexed, or --corpus: parse the corpus (and suggest near IDs)
        report = load_corpus(args.corpus)
        clause = resolve(report.corpus, args.clause_id)
        res = report.corpus.resolution_of(clause.id)
    else:
        clause, res = found
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


def indexed_clause(typed: str) -> tuple[Clause, Resolution] | None:
    """The clause ``typed`` names, looked up by its resolution in the store's manifest and
    read from that resolution's file alone (None when the store has no such resolution,
    or the file no longer holds the clause). A local store is read from its published
    snapshot: nothing is opened, created or locked."""
    from assistant.workspace import Workspace
    from index.store.snapshot import Snapshot

    settings = load_settings()
    if settings.store.mode == "server":
        manifest = Workspace(settings).store.manifest()
    else:
        head = Snapshot(Path(settings.data_dir) / "chroma.snapshot").head()
        manifest = head.manifest if head is not None else {}
    symbol = normalize_id(typed).split(" ", 1)[0].upper()
    entry = next((e for s, e in manifest.items() if s.upper() == symbol), None)
    if entry is None or not Path(entry.source).is_file():
        return None
    try:
        resolutions = read_resolutions(Parser(), entry.source, encoding=entry.encoding)
        corpus = Corpus([r for r in resolutions if r.symbol == entry.symbol])
        clause = resolve(corpus, typed)
    except ClausewrightError:
        return None
    corpus.resolutions[0].source = entry.source
    return clause, corpus.resolutions[0]


# -- index check and index rebuild (the `index` group itself is registered by commands.search)


def register_index(isub: argparse._SubParsersAction) -> None:
    s = isub.add_parser("check", help="verify the store against its records, vectors and files")
    s.add_argument(
        "--repair", action="store_true", help="put right what it can (index again what differs)"
    )
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_index_check)
    s = isub.add_parser(
        "rebuild", help="index again everything the store knows (corpus, ingested paths, uploads)"
    )
    s.set_defaults(func=cmd_index_rebuild)


def cmd_index_check(args: argparse.Namespace) -> int:
    from assistant.workspace import Workspace

    check = Workspace(load_settings()).check(repair=args.repair)
    if args.json:
        payload = {
            "consistent": check.ok,
            "problems": [vars(p) for p in check.problems],
            "repaired": [vars(p) for p in check.repaired],
            "errors": [str(e) for e in check.errors],
        }
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        return 0 if check.ok else 1
    out = sys.stdout
    for problem in check.repaired:
        out.write(f"repaired {problem}\n")
    for problem in check.problems:
        out.write(f"{problem}{'' if problem.repairable else ' (not repairable here)'}\n")
    for err in check.errors:
        sys.stderr.write(f"error: {err}\n")
    if check.ok:
        out.write("the store is consistent with its records, vectors and files\n")
    elif args.repair or not any(p.repairable for p in check.problems):
        out.write(f"{len(check.problems)} problem(s) left\n")
    else:
        out.write(f"{len(check.problems)} problem(s): `clausewright index check --repair`\n")
    return 0 if check.ok else 1


def cmd_index_rebuild(args: argparse.Namespace) -> int:
    from assistant.workspace import Workspace

    result = Workspace(load_settings()).rebuild()
    line = f"indexed {len(result.added)} resolution(s), {result.units_written} clauses"
    if result.kept:
        line += f"; kept {len(result.kept)} whose file is gone: {', '.join(result.kept)}"
    sys.stdout.write(line + "\n")
    for warning in result.warnings:
        sys.stderr.write(f"warning: {warning}\n")
    for err in result.errors:
        sys.stderr.write(f"error: {err}\n")
    return 1 if result.errors else 0
