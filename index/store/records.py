"""Index units: every clause and sub-clause with the metadata retrieval filters on.

A unit's stored text is the clause's own text; what is embedded for it (``embed_text``)
puts it in context: the opening words of every clause it sits in (a sub-clause's
chapeau, outermost first), its text, then the texts of its own sub-clauses (what a
chapeau introduces). ``EMBED_TEXT_VERSION`` names that recipe: it is in every unit's
metadata (``embed_version``) and in the resolution hash, so vectors embedded under an
older recipe are found (``outdated``) and embedded again rather than trusted.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from index.clause_tree import Clause, Resolution

CONTEXT_WORDS = 48  # of each enclosing clause; keeps the clause's own words in the window
EMBED_TEXT_VERSION = 2  # 1: the first 24 words of the top-level clause, then the text


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
            "embed_version": EMBED_TEXT_VERSION,
            "symbol": res.symbol,
            "body": res.body,
            "topic": res.topic,
            "clauses": [[c.id, c.text, c.lines, c.phrase] for c in res.clauses()],
        },
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def embed_text(text: str, chapeaus: Sequence[str] = (), subclauses: Sequence[str] = ()) -> str:
    """What is embedded for a clause: the first ``CONTEXT_WORDS`` words of each clause it
    sits in (``chapeaus``, outermost first), its own text, then the texts of its direct
    sub-clauses."""
    context = []
    for chapeau in chapeaus:
        words = chapeau.split()
        context.append(
            " ".join(words[:CONTEXT_WORDS]) + (" …" if len(words) > CONTEXT_WORDS else "")
        )
    return " ".join([*context, text, *subclauses])


def outdated(metadatas: Sequence[dict[str, Any]]) -> list[int]:
    """Positions of the units whose vectors were embedded under an older ``embed_text``."""
    return [n for n, m in enumerate(metadatas) if m.get("embed_version") != EMBED_TEXT_VERSION]


def units_of(res: Resolution, res_hash: str) -> list[Unit]:
    """The units of one resolution, parents before children."""
    out: list[Unit] = []
    for top in [*res.preambulatory, *res.operative, *(c for a in res.annexes for c in a.clauses)]:
        _walk(res, top, [], top, res_hash, out)
    return out


def _walk(
    res: Resolution,
    clause: Clause,
    ancestors: list[Clause],
    root: Clause,
    res_hash: str,
    out: list[Unit],
) -> None:
    parent = ancestors[-1] if ancestors else None
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
        "embed_version": EMBED_TEXT_VERSION,
    }
    embedded = embed_text(
        clause.text, [a.text for a in ancestors], [s.text for s in clause.subclauses]
    )
    out.append(Unit(f"{clause.id}@{res_hash[:10]}", clause.text, embedded, meta))
    for sub in clause.subclauses:
        _walk(res, sub, [*ancestors, clause], root, res_hash, out)


def units_from_stored(
    ids: list[str], documents: list[str], metadatas: list[dict[str, Any]]
) -> list[Unit]:
    """Units as read back from the store, their embedded text rebuilt (by the current
    ``embed_text``) from the texts of the clauses they sit in and of their sub-clauses,
    taken in the order given (all of one resolution's units must be given together)."""
    text_of = {m["clause_id"]: d for d, m in zip(documents, metadatas, strict=True)}
    parent_of = {m["clause_id"]: m.get("parent") or "" for m in metadatas}
    children: dict[str, list[str]] = {}
    for m in metadatas:
        if m.get("parent"):
            children.setdefault(m["parent"], []).append(m["clause_id"])
    out: list[Unit] = []
    for uid, doc, meta in zip(ids, documents, metadatas, strict=True):
        chain, seen = [], {meta["clause_id"]}
        up = parent_of.get(meta["clause_id"], "")
        while up and up not in seen:
            seen.add(up)
            if up in text_of:
                chain.append(text_of[up])
            up = parent_of.get(up, "")
        subs = [text_of[c] for c in children.get(meta["clause_id"], [])]
        embedded = embed_text(doc, chain[::-1], subs)
        out.append(Unit(uid, doc, embedded, {**meta, "embed_version": EMBED_TEXT_VERSION}))
    return out
