"""The Chroma collections of one store, and reading and writing their records.

A store is a *units* collection (one record per clause and sub-clause, with its vector)
and a *manifest* collection (one record per committed resolution). A third, *head*
collection holds one record naming the two that are current, so that a rebuild can
write a complete new pair beside the old one and switch to it with one write; a store
without a head record uses the names ``<name>`` and ``<name>__manifest``.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from index.errors import ConfigurationError
from index.store.records import Unit

log = logging.getLogger(__name__)

PAGE = 5000  # records per Chroma read (SQLite caps the variables of one query)
DIRTY = "__ingest_in_progress__"  # manifest record present while a write is under way
HEAD = "head"


@dataclass
class ManifestEntry:
    """One committed resolution: where it came from and which generation of units."""

    symbol: str
    source: str
    file_hash: str
    res_hash: str
    units: int
    in_file: int = 1  # how many resolutions its source file held when indexed
    encoding: str | None = None  # the text encoding it was read with (None: detected)

    def metadata(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "file_hash": self.file_hash,
            "res_hash": self.res_hash,
            "units": self.units,
            "in_file": self.in_file,
            "encoding": self.encoding or "",
        }

    @classmethod
    def from_metadata(cls, symbol: str, m: dict[str, Any]) -> ManifestEntry:
        return cls(
            symbol,
            m["source"],
            m["file_hash"],
            m["res_hash"],
            int(m["units"]),
            int(m.get("in_file", 1)),
            m.get("encoding") or None,
        )


def fingerprint(embedder_id: str, manifest: dict[str, ManifestEntry]) -> str:
    """Changes whenever the committed content changes (keys the caches built over it)."""
    items = sorted((e.symbol, e.res_hash) for e in manifest.values())
    payload = embedder_id + "|" + ";".join(f"{s}={h}" for s, h in items)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def records_fingerprint(embedder_id: str, metadatas: Sequence[dict[str, Any]]) -> str:
    """The ``fingerprint`` of the state whose committed units are ``metadatas`` (what a
    cache built from them is named by, whichever state the store is in by then)."""
    pairs = {m["symbol"]: m["res_hash"] for m in metadatas}
    return fingerprint(embedder_id, {s: ManifestEntry(s, "", "", h, 0) for s, h in pairs.items()})


class StoreCollections:
    """The current units and manifest collections of store ``name`` on one client."""

    def __init__(
        self,
        client: Any,
        name: str,
        embedder_id: str,
        chroma_ef: Any = None,
        accept_other_embedder: bool = False,
        names: tuple[str, str] | None = None,
    ) -> None:
        self.client = client
        self.name = name
        self.embedder_id = embedder_id
        self.chroma_ef = chroma_ef
        self.head = client.get_or_create_collection(f"{name}__head", embedding_function=None)
        self.units_name, self.manifest_name = names or self.current_names()
        # With a registered chroma embedding function attached, other Chroma clients can
        # query the collection by text; vectors are still computed and passed by us.
        self.units = client.get_or_create_collection(
            self.units_name,
            embedding_function=chroma_ef,
            metadata={"embedder": embedder_id},
            configuration={"hnsw": {"space": "cosine", "ef_search": 200}},
        )
        stored = (self.units.metadata or {}).get("embedder")
        if stored and stored != embedder_id and not accept_other_embedder:
            raise ConfigurationError(
                f"the store at this location was built with embedder {stored!r}, not "
                f"{embedder_id!r}: switch back, or rebuild with `clausewright index rebuild`"
            )
        self.manifest_col = client.get_or_create_collection(
            self.manifest_name, embedding_function=None
        )

    def current_names(self) -> tuple[str, str]:
        got = self.head.get(ids=[HEAD], include=["metadatas"])
        if got["ids"]:
            meta = got["metadatas"][0]
            return str(meta["units"]), str(meta["manifest"])
        return self.name, f"{self.name}__manifest"

    # -- reading ---------------------------------------------------------------------------

    def records(self, include: list[str], collection: Any = None) -> dict[str, list]:
        """Every record of the units (or another) collection, read page by page."""
        collection = collection if collection is not None else self.units
        out: dict[str, list] = {"ids": [], **{k: [] for k in include}}
        offset = 0
        while True:
            page = collection.get(include=include, limit=PAGE, offset=offset)
            for key in out:
                out[key].extend(page[key] if page[key] is not None else [])
            if len(page["ids"]) < PAGE:
                return out
            offset += PAGE

    def manifest(self) -> dict[str, ManifestEntry]:
        got = self.records(["metadatas"], self.manifest_col)
        return {
            i: ManifestEntry.from_metadata(i, m)
            for i, m in zip(got["ids"], got["metadatas"], strict=True)
            if i != DIRTY
        }

    def interrupted(self) -> bool:
        """True when a write started and did not finish."""
        return bool(self.manifest_col.get(ids=[DIRTY])["ids"])

    def committed_units(
        self, committed: dict[str, str], include: list[str], symbols: Sequence[str] | None = None
    ) -> dict[str, list]:
        """Units of the committed generations (``symbol → res_hash``), of every resolution
        or of ``symbols`` only."""
        if symbols is None:
            got = self.records(["metadatas", *include])
        else:
            got = {"ids": [], "metadatas": [], **{k: [] for k in include}}
            wanted = sorted(symbols)
            for start in range(0, len(wanted), 100):
                chunk = wanted[start : start + 100]
                where = {"symbol": {"$in": chunk}} if len(chunk) > 1 else {"symbol": chunk[0]}
                page = self.units.get(where=where, include=["metadatas", *include])
                for key in got:
                    got[key].extend(page[key] if page[key] is not None else [])
        keep = [
            n for n, m in enumerate(got["metadatas"]) if committed.get(m["symbol"]) == m["res_hash"]
        ]
        return {key: [got[key][n] for n in keep] for key in got}

    # -- writing ---------------------------------------------------------------------------

    def mark_dirty(self, dirty: bool) -> None:
        if dirty:
            self.manifest_col.upsert(
                ids=[DIRTY], embeddings=[[0.0]], documents=[DIRTY], metadatas=[{"started": 1}]
            )
        else:
            self.manifest_col.delete(ids=[DIRTY])

    def commit(self, entries: list[ManifestEntry]) -> None:
        """Record resolutions as committed (one manifest write for all of them)."""
        if not entries:
            return
        self.manifest_col.upsert(
            ids=[e.symbol for e in entries],
            embeddings=[[0.0] for _ in entries],
            documents=[e.symbol for e in entries],
            metadatas=[e.metadata() for e in entries],
        )

    def uncommit(self, symbol: str) -> None:
        self.manifest_col.delete(ids=[symbol])

    def upsert(self, batch: list[Unit], vectors: Sequence[Sequence[float]]) -> None:
        self.units.upsert(
            ids=[u.id for u in batch],
            embeddings=vectors,
            documents=[u.text for u in batch],
            metadatas=[u.metadata for u in batch],
        )

    def delete_generations(self, symbol: str, keep: str | None) -> None:
        where: dict[str, Any] = {"symbol": symbol}
        if keep is not None:
            where = {"$and": [{"symbol": symbol}, {"res_hash": {"$ne": keep}}]}
        self.units.delete(where=where)

    def delete_ids(self, ids: list[str]) -> None:
        for start in range(0, len(ids), PAGE):
            self.units.delete(ids=ids[start : start + PAGE])

    def remove(self, symbol: str) -> None:
        """Remove a resolution: its manifest record, then all of its units."""
        self.mark_dirty(True)
        self.uncommit(symbol)
        self.delete_generations(symbol, keep=None)
        self.mark_dirty(False)

    def repair(self) -> int:
        """Delete what interrupted writes left: units of generations the manifest does not
        name, and collections of a rebuild that did not finish; the number of units."""
        committed = {e.symbol: e.res_hash for e in self.manifest().values()}
        got = self.records(["metadatas"])
        orphans = [
            i
            for i, m in zip(got["ids"], got["metadatas"], strict=True)
            if committed.get(m["symbol"]) != m["res_hash"]
        ]
        self.delete_ids(orphans)
        if orphans:
            log.info("removed %d units left by an interrupted write", len(orphans))
        for name in self.leftovers():
            log.info("removing collection %s left by an interrupted rebuild", name)
            self.client.delete_collection(name)
        self.mark_dirty(False)
        return len(orphans)

    # -- a new pair beside this one (rebuilding) ---------------------------------------------

    def new_pair(self, embedder_id: str) -> StoreCollections:
        """An empty units and manifest pair under new names (not current until switched)."""
        units = f"{self.name}-r{uuid.uuid4().hex[:12]}"
        return StoreCollections(
            self.client,
            self.name,
            embedder_id,
            self.chroma_ef,
            names=(units, f"{units}__manifest"),
        )

    def switch_to(self, other: StoreCollections) -> None:
        """Make ``other``'s pair the current one (a single write), then drop this pair."""
        self.head.upsert(
            ids=[HEAD],
            embeddings=[[0.0]],
            documents=[HEAD],
            metadatas=[{"units": other.units_name, "manifest": other.manifest_name}],
        )
        self.drop()

    def drop(self) -> None:
        for name in (self.units_name, self.manifest_name):
            try:
                self.client.delete_collection(name)
            except Exception as exc:  # chromadb raises several types for a missing one
                log.info("could not delete collection %s: %s", name, exc)

    def leftovers(self) -> list[str]:
        """Collections of this store that are not current (left by an interrupted rebuild)."""
        names = [c if isinstance(c, str) else c.name for c in self.client.list_collections()]
        mine = {self.name, f"{self.name}__manifest"}
        current = {self.units_name, self.manifest_name, f"{self.name}__head"}
        return sorted(
            n for n in names if (n in mine or n.startswith(f"{self.name}-r")) and n not in current
        )
