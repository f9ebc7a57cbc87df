"""Rebuilding a store: everything it knows, indexed again into a new pair of collections.

``clausewright index rebuild`` runs it, and so does ``index check --repair`` when Chroma
cannot read vectors back (it cannot delete them either, so only new collections help).
The sources are every file the manifest names — files ingested by path and uploads as
well as the configured corpus — plus the paths given, each read with the encoding it
was indexed with. A resolution whose file is gone is not dropped: its clauses are copied
from the old collections (embedded again) and the file is reported. The old pair stays
current until the new one is complete (``ClauseStore.rebuild`` switches to it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import InputError
from index.parsing.parser import Parser, iter_source_files
from index.store.chroma_collections import ManifestEntry, StoreCollections
from index.store.records import units_from_stored
from index.store.source_reading import source_key
from index.store.syncing import SyncResult, sync_files, write_committed

if TYPE_CHECKING:
    from index.store.clause_store import ClauseStore


def rebuild_into(
    store: ClauseStore,
    old: StoreCollections,
    new: StoreCollections,
    paths: list[str | Path],
    parser: Parser,
    progress: Callable[[str, int, int], None] | None,
) -> SyncResult:
    """Index what ``old`` knows, and ``paths``, into ``new`` (in a writing session)."""
    manifest = old.manifest()
    known = sorted({e.source for e in manifest.values()})
    missing = [s for s in known if not Path(s).exists()]
    files: list[str | Path] = [s for s in known if s not in missing]
    files += [p for p in iter_source_files(paths) if source_key(p) not in set(known)]
    remembered = {e.source: e.encoding for e in manifest.values()}
    embed = store.embedder.embed_documents
    result = sync_files(new, embed, files, parser, progress, None, remembered)
    for source in missing:
        result.errors.append(
            InputError(source, "no longer exists; its resolutions are kept as indexed")
        )
    kept = [e for e in manifest.values() if e.source in missing]
    result.units_written += _carry_over(store, old, new, kept)
    result.kept.extend(e.symbol for e in kept)
    return result


def _carry_over(
    store: ClauseStore, old: StoreCollections, new: StoreCollections, kept: list[ManifestEntry]
) -> int:
    """Copy the committed units of ``kept`` from ``old`` into ``new`` and commit them."""
    if not kept:
        return 0
    committed = {e.symbol: e.res_hash for e in kept}
    got = old.committed_units(committed, ["documents"], symbols=list(committed))
    written = 0
    for entry in kept:
        rows = [n for n, m in enumerate(got["metadatas"]) if m["symbol"] == entry.symbol]
        units = units_from_stored(
            [got["ids"][n] for n in rows],
            [got["documents"][n] for n in rows],
            [got["metadatas"][n] for n in rows],
        )
        entry.units = len(units)
        written += write_committed(new, store.embedder.embed_documents, units, entry)
    return written
