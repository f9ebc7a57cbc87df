"""Index units: every clause and sub-clause with the metadata retrieval filters on."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from index.clause_tree import Clause, Resolution

CONTEXT_WORDS = 24


@dataclass(frozen=True)
class Unit:
    """One clause or sub-clause as stored: text, text to embed, metadata."""

    id: str
    text: str
    embed_text: str
    metadata: dict[str, Any]


def resolution_hash(res: Resolution) -> str:
    """Content hash of what a resolution contributes to the index."""
    payload = json.dumps(
        {
            "symbol": res.symbol,
            "body": res.body,
            "topic": res.topic,
            "clauses": [[c.id, c.text, c.lines, c.phrase] for c in res.clauses()],
        },
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def units_of(res: Resolution, res_hash: str) -> list[Unit]:
    """The units of one resolution, parents before children."""
    out: list[Unit] = []
    for top in [*res.preambulatory, *res.operative, *(c for a in res.annexes for c in a.clauses)]:
        _walk(res, top, None, top, res_hash, out)
    return out


def _walk(
    res: Resolution,
    clause: Clause,
    parent: Clause | None,
    root: Clause,
    res_hash: str,
    out: list[Unit],
) -> None:
    context = ""
    if parent is not None:
        words = root.text.split()
        context = " ".join(words[:CONTEXT_WORDS]) + (" … " if len(words) > CONTEXT_WORDS else " ")
    meta: dict[str, Any] = {
        "clause_id": clause.id,
        "symbol": res.symbol,
        "body": res.body or "",
        "topic": res.topic or "",
        "kind": clause.kind,
        "number": clause.number if clause.number is not None else (root.number or -1),
        "phrase": clause.phrase or "",
        "parent": parent.id if parent is not None else "",
        "source": res.source,
        "line_start": clause.lines[0],
        "line_end": clause.lines[1],
        "hash": hashlib.sha256(clause.text.encode("utf-8")).hexdigest()[:16],
        "res_hash": res_hash,
    }
    out.append(Unit(f"{clause.id}@{res_hash[:10]}", clause.text, context + clause.text, meta))
    for sub in clause.subclauses:
        _walk(res, sub, clause, root, res_hash, out)
