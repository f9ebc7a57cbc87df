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


def embed_text(text: str, root_text: str | None) -> str:
    """What is embedded for a clause: a sub-clause's text follows the opening words of the
    top-level clause it belongs to (``root_text``; None for a top-level clause)."""
    if root_text is None:
        return text
    words = root_text.split()
    context = " ".join(words[:CONTEXT_WORDS]) + (" … " if len(words) > CONTEXT_WORDS else " ")
    return context + text


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
    embedded = embed_text(clause.text, root.text if parent is not None else None)
    out.append(Unit(f"{clause.id}@{res_hash[:10]}", clause.text, embedded, meta))
    for sub in clause.subclauses:
        _walk(res, sub, clause, root, res_hash, out)


def units_from_stored(
    ids: list[str], documents: list[str], metadatas: list[dict[str, Any]]
) -> list[Unit]:
    """Units as read back from the store, their embedded text rebuilt from the texts of
    the clauses they belong to (all of one resolution's units must be given together)."""
    text_of = {m["clause_id"]: d for d, m in zip(documents, metadatas, strict=True)}
    parent_of = {m["clause_id"]: m.get("parent") or "" for m in metadatas}
    out: list[Unit] = []
    for uid, doc, meta in zip(ids, documents, metadatas, strict=True):
        root_text = None
        if meta.get("parent"):
            root, seen = meta["parent"], {meta["clause_id"]}
            while parent_of.get(root) and root not in seen:
                seen.add(root)
                root = parent_of[root]
            root_text = text_of.get(root, "")
        out.append(Unit(uid, doc, embed_text(doc, root_text), dict(meta)))
    return out
