"""``search``, ``mentions`` and ``index``: finding precedent and managing the store."""

from __future__ import annotations

import argparse
import json
import sys

from assistant.settings import load_settings
from assistant.workspace import Workspace


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "search",
        help="ranked precedent search (lexical + dense, fused)",
        description="Precedent clauses ranked by how close they are to QUERY (lexical and "
        "dense search, fused). For every clause naming a term, use 'mentions'.",
        epilog='examples:\n  clausewright search "protect witnesses of trafficking" -k 5\n'
        '  clausewright search "report back next session" --kind operative --json',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("query", help="what the clauses should be about, in your own words")
    p.add_argument("-k", type=int, default=10, help="number of results (default 10)")
    p.add_argument("--kind", action="append", choices=["preambulatory", "operative", "subclause"])
    p.add_argument("--resolution", action="append", help="restrict to a symbol, e.g. IOM/1/4")
    p.add_argument("--body", help="restrict to a committee/body (substring)")
    p.add_argument("--phrase", help="restrict to clauses opening with this phrase")
    p.add_argument("--mode", choices=["hybrid", "lexical", "dense"], default="hybrid")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser(
        "mentions",
        help='every clause that mentions a term ("AVRR")',
        description="Every clause that mentions TERM, exhaustively: its acronym or long form, "
        "singular and plural, British and American spelling.",
        epilog="examples:\n  clausewright mentions AVRR\n"
        '  clausewright mentions "Palermo Protocol" --json',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("term", help="a word, phrase or acronym (quote phrases)")
    p.add_argument("--json", action="store_true", help="print the hits as JSON")
    p.set_defaults(func=cmd_mentions)

    p = sub.add_parser("index", help="the clause store: status, check, remove, rebuild")
    isub = p.add_subparsers(dest="index_command", required=True)
    s = isub.add_parser("status", help="what is indexed and whether it matches the sources")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_index_status)
    s = isub.add_parser("remove", help="remove a resolution and all of its clauses")
    s.add_argument("symbol", help="the resolution's symbol as indexed, e.g. IOM/1/4")
    s.set_defaults(func=cmd_index_remove)
    # `check` and `rebuild` read the sources again: they live with `ingest`
    from assistant.commands.corpus import register_index

    register_index(isub)


def _workspace() -> Workspace:
    return Workspace(load_settings())


def cmd_search(args: argparse.Namespace) -> int:
    from index.search.hybrid import Filters

    ws = _workspace()
    filters = Filters(
        resolution=args.resolution, body=args.body, kind=args.kind, phrase=args.phrase
    )
    hits = ws.ranked.search(args.query, k=args.k, filters=filters, mode=args.mode)
    if args.json:
        sys.stdout.write(
            json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2) + "\n"
        )
        return 0
    if not hits:
        sys.stdout.write(f"no clause matches {args.query!r}\n")
    for n, h in enumerate(hits, start=1):
        snippet = h.text if len(h.text) <= 160 else h.text[:157] + "…"
        sys.stdout.write(f"{n:>2}. {h.clause_id:<22} {h.score:.4f}  {snippet}\n")
    return 0


def cmd_mentions(args: argparse.Namespace) -> int:
    result = _workspace().mentions.search(args.term)
    if args.json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(result.render_text() + "\n")
    return 0


def cmd_index_status(args: argparse.Namespace) -> int:
    from index.store.store_check import published_status

    ws = _workspace()
    status = published_status(ws.store, list(ws.corpus_paths()))
    if args.json:
        payload = {
            "consistent": status.consistent,
            "interrupted": status.interrupted,
            "files": status.file_states,
            "resolutions": [
                {
                    "symbol": e.symbol,
                    "source": e.source,
                    "units": e.units,
                    "stored": status.unit_counts.get(e.symbol, 0),
                }
                for e in status.entries
            ],
        }
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
        return 0 if status.consistent else 1
    out = sys.stdout
    out.write(
        f"store: {ws.settings.store.mode} ({ws.data_dir / 'chroma'}), embedder {ws.embedder[1]}\n"
    )
    for e in status.entries:
        stored = status.unit_counts.get(e.symbol, 0)
        mark = "ok" if stored == e.units else f"MISMATCH ({stored} stored)"
        out.write(f"  {e.symbol:<14} {e.units:>5} clauses  {mark}  {e.source}\n")
    for source, state in sorted(status.file_states.items()):
        if state != "indexed":
            out.write(f"  {state}: {source}\n")
    if status.interrupted:
        out.write("  an ingest was interrupted; the next `clausewright ingest` repairs it\n")
    out.write(
        "consistent with the sources\n"
        if status.consistent
        else "NOT consistent: run `clausewright ingest`\n"
    )
    return 0 if status.consistent else 1


def cmd_index_remove(args: argparse.Namespace) -> int:
    ws = _workspace()
    if args.symbol not in ws.store.manifest():
        sys.stderr.write(f"error: {args.symbol} is not indexed\n")
        return 2
    ws.store.remove(args.symbol)
    sys.stdout.write(f"removed {args.symbol}\n")
    return 0
