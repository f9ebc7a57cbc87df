"""The persistent clause store: Chroma, local (PersistentClient) or a team server.

Every clause and sub-clause is a record. Ingest is incremental and crash-safe:

- an unchanged file (same SHA-256) costs one hash and nothing else;
- a changed resolution is written as a new *generation* (record IDs carry its content
  hash), then committed by updating the manifest, then the old generation is deleted;
- readers only see generations the manifest names, so a run killed at any point
  leaves the previous state queryable, and the next run deletes what it left behind.

The manifest (one record per resolution) lives in a second collection, so a team
server holds everything.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from index.errors import ClausewrightError, ConfigurationError
from index.files import file_sha256
from index.parsing.parser import Parser, iter_source_files
from index.store.batch_writer import BatchWriter, Pending
from index.store.records import Unit, resolution_hash, units_of

log = logging.getLogger(__name__)

BATCH = 512
PAGE = 5000  # records per Chroma read (SQLite caps the variables of one query)
DIRTY = "__ingest_in_progress__"


@dataclass
class ManifestEntry:
    symbol: str
    source: str
    file_hash: str
    res_hash: str
    units: int
    in_file: int = 1  # how many resolutions its source file held when indexed


@dataclass
class SyncResult:
    """What one ingest run did."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged_files: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    repaired: int = 0
    units_written: int = 0
    errors: list[ClausewrightError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class ClauseStore:
    """Clause records in Chroma with a manifest of committed resolutions."""

    def __init__(
        self,
        client: Any,
        embedder: Embeddings,
        embedder_id: str,
        name: str = "clauses",
        chroma_ef: Any = None,
    ) -> None:
        self.client = client
        self.embedder = embedder
        self.embedder_id = embedder_id
        # With a registered chroma embedding function attached, other Chroma clients can
        # query the collection by text; vectors are still computed and passed by us.
        self.units = client.get_or_create_collection(
            name,
            embedding_function=chroma_ef,
            metadata={"embedder": embedder_id},
            configuration={"hnsw": {"space": "cosine", "ef_search": 200}},
        )
        stored = (self.units.metadata or {}).get("embedder")
        if stored and stored != embedder_id:
            raise ConfigurationError(
                f"the store at this location was built with embedder {stored!r}, not "
                f"{embedder_id!r}: switch back, or rebuild with `clausewright index rebuild`"
            )
        self.manifest_col = client.get_or_create_collection(
            f"{name}__manifest", embedding_function=None
        )

    # -- opening ---------------------------------------------------------------

    @classmethod
    def open_local(
        cls, path: str | Path, embedder: Embeddings, embedder_id: str, chroma_ef: Any = None
    ) -> ClauseStore:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        Path(path).mkdir(parents=True, exist_ok=True)
        client = chromadb.PersistentClient(
            path=str(path), settings=ChromaSettings(anonymized_telemetry=False)
        )
        return cls(client, embedder, embedder_id, chroma_ef=chroma_ef)

    @classmethod
    def open_server(
        cls, host: str, port: int, embedder: Embeddings, embedder_id: str, chroma_ef: Any = None
    ) -> ClauseStore:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        try:
            client = chromadb.HttpClient(
                host=host, port=port, settings=ChromaSettings(anonymized_telemetry=False)
            )
            client.heartbeat()
        except Exception as exc:  # chromadb raises several types for a dead server
            raise ConfigurationError(
                f"cannot reach the Chroma server at {host}:{port} ({exc}); start it with "
                f"`chroma run --path <dir> --host {host} --port {port}` or set store.mode=local"
            ) from exc
        return cls(client, embedder, embedder_id, chroma_ef=chroma_ef)

    # -- reading in pages ----------------------------------------------------------

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

    # -- manifest --------------------------------------------------------------

    def manifest(self) -> dict[str, ManifestEntry]:
        got = self.records(["metadatas"], self.manifest_col)
        return {
            i: ManifestEntry(
                i,
                m["source"],
                m["file_hash"],
                m["res_hash"],
                int(m["units"]),
                int(m.get("in_file", 1)),
            )
            for i, m in zip(got["ids"], got["metadatas"], strict=True)
            if i != DIRTY
        }

    def interrupted(self) -> bool:
        """True when an ingest started writing and did not finish."""
        return bool(self.manifest_col.get(ids=[DIRTY])["ids"])

    def _mark_dirty(self, dirty: bool) -> None:
        if dirty:
            self.manifest_col.upsert(
                ids=[DIRTY], embeddings=[[0.0]], documents=[DIRTY], metadatas=[{"started": 1}]
            )
        else:
            self.manifest_col.delete(ids=[DIRTY])

    def _commit(self, entry: ManifestEntry) -> None:
        self._commit_many([entry])

    def _commit_many(self, entries: list[ManifestEntry]) -> None:
        """Record resolutions as committed (one manifest write for all of them)."""
        if not entries:
            return
        self.manifest_col.upsert(
            ids=[e.symbol for e in entries],
            embeddings=[[0.0] for _ in entries],
            documents=[e.symbol for e in entries],
            metadatas=[
                {
                    "source": e.source,
                    "file_hash": e.file_hash,
                    "res_hash": e.res_hash,
                    "units": e.units,
                    "in_file": e.in_file,
                }
                for e in entries
            ],
        )

    # -- writing ---------------------------------------------------------------

    def sync(
        self,
        paths: list[str | Path],
        parser: Parser | None = None,
        progress: Callable[[str, int, int], None] | None = None,
    ) -> SyncResult:
        """Bring the store in line with the given files (incremental, crash-safe)."""
        parser = parser or Parser()
        result = SyncResult()
        if self.interrupted():
            result.repaired = self.repair()
        manifest = self.manifest()
        files = iter_source_files(paths)
        pendings: list[Pending] = []
        for n, path in enumerate(files, start=1):
            if progress:
                progress(str(path), n, len(files))
            try:
                pendings.extend(self._plan_file(Path(path), parser, manifest, result))
            except ClausewrightError as exc:
                log.info("%s", exc)  # returned to the caller, who reports it
                result.errors.append(exc)
        if pendings:
            self._mark_dirty(True)
            writer = BatchWriter(self.embedder.embed_documents, self._upsert, BATCH)
            result.units_written = writer.write(pendings, lambda ps: self._finish(ps, result))
            self._mark_dirty(False)
        for entry in list(manifest.values()):
            if not Path(entry.source).exists():
                self.remove(entry.symbol)
                result.removed.append(entry.symbol)
        return result

    def _plan_file(
        self, path: Path, parser: Parser, manifest: dict[str, ManifestEntry], result: SyncResult
    ) -> list[Pending]:
        """Resolutions of one file that need writing (nothing when the file is unchanged)."""
        source = str(path.resolve())
        file_hash = file_sha256(path)
        mine = {s: e for s, e in manifest.items() if e.source == source}
        complete = all(e.in_file == len(mine) for e in mine.values())
        if mine and complete and all(e.file_hash == file_hash for e in mine.values()):
            result.unchanged_files.append(source)
            return []
        resolutions = parser.parse_file(path)
        seen: set[str] = set()
        out: list[Pending] = []
        for res in resolutions:
            res.source = source
            other = manifest.get(res.symbol)
            if res.symbol in seen or (other is not None and other.source != source):
                where = other.source if other else source
                result.warnings.append(
                    f"{source}: {res.symbol} is already indexed from {where}; skipped"
                )
                continue
            seen.add(res.symbol)
            res_hash = resolution_hash(res)
            if other is not None and other.res_hash == res_hash:  # only the file changed
                self._commit(
                    ManifestEntry(
                        res.symbol, source, file_hash, res_hash, other.units, len(resolutions)
                    )
                )
                continue
            units = units_of(res, res_hash)
            entry = ManifestEntry(
                res.symbol, source, file_hash, res_hash, len(units), len(resolutions)
            )
            out.append(Pending(units, (entry, other is not None)))
        for symbol in set(mine) - seen:
            self.remove(symbol)
            result.removed.append(symbol)
        return out

    def _finish(self, pendings: list[Pending], result: SyncResult) -> None:
        """Commit resolutions whose units are all written, then drop old generations."""
        entries = [p.payload[0] for p in pendings]
        self._commit_many(entries)
        for pending in pendings:
            entry, replaces = pending.payload
            if replaces:
                self._delete_generations(entry.symbol, keep=entry.res_hash)
            (result.replaced if replaces else result.added).append(entry.symbol)

    def write_units(self, units: list[Unit]) -> None:
        """Embed and store units without committing them (see ``sync``)."""
        BatchWriter(self.embedder.embed_documents, self._upsert, BATCH).write(
            [Pending(units, None)], lambda done: None
        )

    def _upsert(self, batch: list[Unit], vectors: Sequence[Sequence[float]]) -> None:
        self.units.upsert(
            ids=[u.id for u in batch],
            embeddings=vectors,
            documents=[u.text for u in batch],
            metadatas=[u.metadata for u in batch],
        )

    def _delete_generations(self, symbol: str, keep: str | None) -> None:
        where: dict[str, Any] = {"symbol": symbol}
        if keep is not None:
            where = {"$and": [{"symbol": symbol}, {"res_hash": {"$ne": keep}}]}
        self.units.delete(where=where)

    def remove(self, symbol: str) -> None:
        """Remove a resolution and all of its units."""
        self._mark_dirty(True)
        self.manifest_col.delete(ids=[symbol])
        self._delete_generations(symbol, keep=None)
        self._mark_dirty(False)

    def repair(self) -> int:
        """Delete units of generations the manifest does not name (left by a crash)."""
        committed = {e.symbol: e.res_hash for e in self.manifest().values()}
        got = self.records(["metadatas"])
        orphans = [
            i
            for i, m in zip(got["ids"], got["metadatas"], strict=True)
            if committed.get(m["symbol"]) != m["res_hash"]
        ]
        for i in range(0, len(orphans), 5000):
            self.units.delete(ids=orphans[i : i + 5000])
        if orphans:
            log.info("removed %d units left by an interrupted ingest", len(orphans))
        self._mark_dirty(False)
        return len(orphans)

    # -- reading ---------------------------------------------------------------

    def committed_records(self, include_embeddings: bool = True) -> dict[str, list]:
        """All units of committed generations: ids, documents, metadatas (, embeddings)."""
        committed = {e.symbol: e.res_hash for e in self.manifest().values()}
        include = ["documents", "metadatas"] + (["embeddings"] if include_embeddings else [])
        got = self.records(include)
        keep = [
            n for n, m in enumerate(got["metadatas"]) if committed.get(m["symbol"]) == m["res_hash"]
        ]
        out: dict[str, list] = {
            "ids": [got["ids"][n] for n in keep],
            "documents": [got["documents"][n] for n in keep],
            "metadatas": [got["metadatas"][n] for n in keep],
        }
        if include_embeddings:
            out["embeddings"] = [got["embeddings"][n] for n in keep]
        return out

    def fingerprint(self) -> str:
        """Changes whenever the committed content changes (keys the caches)."""
        items = sorted((e.symbol, e.res_hash) for e in self.manifest().values())
        payload = self.embedder_id + "|" + ";".join(f"{s}={h}" for s, h in items)
        return hashlib.sha256(payload.encode()).hexdigest()[:16]


@dataclass
class StoreStatus:
    """How the store compares with the source files."""

    entries: list[ManifestEntry]
    unit_counts: dict[str, int]
    file_states: dict[str, str]  # source path → indexed | changed | not indexed | missing
    interrupted: bool

    @property
    def consistent(self) -> bool:
        units_ok = all(self.unit_counts.get(e.symbol, 0) == e.units for e in self.entries)
        files_ok = all(s == "indexed" for s in self.file_states.values())
        return units_ok and files_ok and not self.interrupted


def store_status(store: ClauseStore, paths: list[str | Path]) -> StoreStatus:
    """Compare the manifest with the files and with the units actually stored."""
    manifest = store.manifest()
    got = store.records(["metadatas"])
    counts: dict[str, int] = {}
    for m in got["metadatas"]:
        if manifest.get(m["symbol"]) and manifest[m["symbol"]].res_hash == m["res_hash"]:
            counts[m["symbol"]] = counts.get(m["symbol"], 0) + 1
    states: dict[str, str] = {}
    by_source: dict[str, list[ManifestEntry]] = {}
    for entry in manifest.values():
        by_source.setdefault(entry.source, []).append(entry)
    for path in iter_source_files(paths):
        source = str(Path(path).resolve())
        entries = by_source.get(source)
        if not entries:
            states[source] = "not indexed"
        else:
            digest = file_sha256(path)
            same = all(e.file_hash == digest and e.in_file == len(entries) for e in entries)
            states[source] = "indexed" if same else "changed"
    for source in by_source:
        if source not in states:
            states[source] = "indexed" if Path(source).exists() else "missing"
    return StoreStatus(
        sorted(manifest.values(), key=lambda e: (e.source, e.symbol)),
        counts,
        states,
        store.interrupted(),
    )
