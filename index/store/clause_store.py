"""The persistent clause store: Chroma, local (one folder) or a team server.

Every clause and sub-clause is a record. Ingest is incremental and crash-safe:

- an unchanged file (same SHA-256) costs one hash and nothing else;
- a changed resolution is written as a new *generation* (record IDs carry its content
  hash), then committed by updating the manifest, then the old generation is deleted;
- readers only see generations the manifest names, so a run killed at any point
  leaves the previous state queryable, and the next run deletes what it left behind.

Writes are *sessions*: the writer lock is held (one writer at a time, across processes),
a local store's Chroma folder is opened afresh for the session and closed at its end,
and before the lock goes the committed state is published as the store's snapshot.
Readers of a local store read that snapshot and never Chroma, which cannot be read by
one process while another writes (``local_chroma``); they never wait for a writer.
Readers of a team server read the server.

The manifest (one record per resolution) lives in a second collection, so a team
server holds everything.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from index.errors import ClausewrightError, ConfigurationError, StoreDamagedError
from index.parsing.parser import Parser
from index.store.batch_writer import BatchWriter, Pending
from index.store.chroma_collections import DIRTY, ManifestEntry, StoreCollections, fingerprint
from index.store.local_chroma import LocalChroma
from index.store.rebuilding import rebuild_into
from index.store.records import Unit
from index.store.snapshot import Snapshot, SnapshotHead
from index.store.store_check import StoreStatus, store_status
from index.store.syncing import BATCH, SyncResult, sync_files
from index.store.writer_lock import LockHolder, WriterLock

log = logging.getLogger(__name__)

# ManifestEntry, SyncResult and store_status have always been found here.
__all__ = ["DIRTY", "ClauseStore", "ManifestEntry", "StoreStatus", "SyncResult", "store_status"]


class ClauseStore:
    """Clause records in Chroma with a manifest of committed resolutions."""

    def __init__(
        self,
        connect: Callable[[], Any],
        embedder: Embeddings,
        embedder_id: str,
        *,
        name: str = "clauses",
        chroma_ef: Any = None,
        lock: WriterLock | None = None,
        snapshot: Snapshot | None = None,
        disconnect: Callable[[], None] | None = None,
        location: str = "",
    ) -> None:
        self._connect = connect
        self._disconnect = disconnect or (lambda: None)
        self.embedder = embedder
        self.embedder_id = embedder_id
        self.name = name
        self.chroma_ef = chroma_ef
        self.lock = lock or WriterLock(None)
        self.snapshot = snapshot  # None: a server, read directly
        self.location = location
        self._cols: StoreCollections | None = None  # while a session is open
        self._loose: StoreCollections | None = None  # opened outside a session
        self._accept_other_embedder = False

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open_local(
        cls,
        path: str | Path,
        embedder: Embeddings,
        embedder_id: str,
        chroma_ef: Any = None,
        lock_timeout_s: float = 300.0,
        accept_other_embedder: bool = False,
    ) -> ClauseStore:
        """The store in folder ``path``, locked by ``<path>.lock``, published to
        ``<path>.snapshot``; refuses a store built with another embedder (unless it is
        opened to be rebuilt)."""
        folder = Path(path)
        chroma = LocalChroma(folder)
        store = cls(
            chroma.open,
            embedder,
            embedder_id,
            chroma_ef=chroma_ef,
            lock=WriterLock(f"{folder}.lock", timeout_s=lock_timeout_s),
            snapshot=Snapshot(f"{folder}.snapshot"),
            disconnect=chroma.close,
            location=str(folder),
        )
        head = store.snapshot.head() if store.snapshot else None
        if head is None and not accept_other_embedder:
            # opens Chroma: checks the embedder, publishes a snapshot if it can (a damaged
            # store is still opened, for `index check --repair`)
            with store.writing(quiet=True):
                pass
        elif head is not None and head.embedder != embedder_id and not accept_other_embedder:
            raise ConfigurationError(
                f"the store at this location was built with embedder {head.embedder!r}, not "
                f"{embedder_id!r}: switch back, or rebuild with `clausewright index rebuild`"
            )
        return store

    @classmethod
    def open_server(
        cls,
        host: str,
        port: int,
        embedder: Embeddings,
        embedder_id: str,
        chroma_ef: Any = None,
        lock: WriterLock | None = None,
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
        store = cls(
            lambda: client,
            embedder,
            embedder_id,
            chroma_ef=chroma_ef,
            lock=lock,
            location=f"{host}:{port}",
        )
        with store.writing():  # checks the embedder
            pass
        return store

    # -- sessions ----------------------------------------------------------------------------

    @contextmanager
    def writing(
        self, accept_other_embedder: bool = False, quiet: bool = False
    ) -> Iterator[StoreCollections]:
        """Hold the writer lock with the collections open (waits for another writer;
        re-entrant). What a writer killed before left is repaired first; what is committed
        is published at the end (``quiet``: a failure to publish is only logged)."""
        if self._in_session():
            assert self._cols is not None
            yield self._cols
            return
        with self.lock.hold(), self._opened(accept_other_embedder, quiet) as cols:
            yield cols

    @contextmanager
    def writing_if_free(self) -> Iterator[StoreCollections | None]:
        """Like ``writing(quiet=True)``, but None at once when another writer holds the lock."""
        if self._in_session():
            yield self._cols
            return
        with self.lock.try_hold() as got:
            if not got:
                yield None
                return
            with self._opened(False, True) as cols:
                yield cols

    @contextmanager
    def _opened(self, accept_other_embedder: bool, quiet: bool) -> Iterator[StoreCollections]:
        self._loose = None  # opening closes the client it used
        client = self._connect()
        try:
            self._accept_other_embedder = accept_other_embedder
            cols = self._cols = self._collections(client)
            self._repair_after_killed_writer(cols)
            try:
                yield cols
            except BaseException:
                self._publish(quietly=True)
                raise
            self._publish(quietly=quiet)
        except Exception as exc:
            if type(exc).__module__.startswith("chromadb"):  # what Chroma says of lost vectors
                raise _damaged(self.location, exc) from exc
            raise
        finally:
            self._cols = None
            self._accept_other_embedder = False
            self._disconnect()

    def _repair_after_killed_writer(self, cols: StoreCollections) -> None:
        previous, self.lock.previous = self.lock.previous, None
        self._repaired_on_open = 0
        if previous is None:
            return
        self.interrupted_writer = previous
        log.warning("the last write (%s) did not finish; repairing", previous.describe())
        try:
            self._repaired_on_open = cols.repair()
        except Exception as exc:  # a damaged store: `index check --repair` rebuilds it
            log.warning("could not repair the store: %s", exc)

    _repaired_on_open = 0
    interrupted_writer: LockHolder | None = None  # found on opening the last session

    def _collections(self, client: Any) -> StoreCollections:
        return StoreCollections(
            client, self.name, self.embedder_id, self.chroma_ef, self._accept_other_embedder
        )

    def _in_session(self) -> bool:
        return self._cols is not None and self.lock.held_here()

    def adopt(self, cols: StoreCollections) -> None:
        """Go on with ``cols`` (just made current by a rebuild) for the rest of the session."""
        assert self._in_session()
        self._cols = cols

    def publish(self, quietly: bool = False) -> None:
        """Publish what is committed to the readers now (in a session; done at its end)."""
        assert self._in_session()
        self._publish(quietly)

    def recover(self) -> None:
        """Repair what a writer killed in the middle left, unless somebody is writing now
        (nothing to do, and no Chroma opened, when the last writer finished cleanly)."""
        if self.lock.path is None or self.lock.holder() is None:
            return
        with self.writing_if_free():
            pass  # opening repairs

    def _publish(self, quietly: bool) -> None:
        if self.snapshot is None or self._cols is None:
            return
        try:
            self.snapshot.publish(self._cols, self.embedder_id)
        except OSError as exc:  # the disk, not Chroma
            if not quietly:
                raise ClausewrightError(
                    f"{self.snapshot.folder}: cannot write the store's snapshot for readers "
                    f"({exc.strerror or exc}); what was written is kept and published by the "
                    "next write"
                ) from exc
            log.warning("could not publish the store snapshot (readers see the last one): %s", exc)
        except Exception as exc:
            if not quietly:
                raise _damaged(self.location, exc) from exc
            log.warning("could not publish the store snapshot (readers see the last one): %s", exc)

    # -- reading -----------------------------------------------------------------------------

    def manifest(self) -> dict[str, ManifestEntry]:
        if self._in_session() or self.snapshot is None:
            return self._reader_cols().manifest()
        return dict(self._head().manifest)

    def committed_records(self, include_embeddings: bool = True) -> dict[str, Any]:
        """All units of committed generations: ids, documents, metadatas (, embeddings)."""
        if self._in_session() or self.snapshot is None:
            cols = self._reader_cols()
            committed = {e.symbol: e.res_hash for e in cols.manifest().values()}
            include = ["documents"] + (["embeddings"] if include_embeddings else [])
            try:
                return cols.committed_units(committed, include)
            except Exception as exc:
                raise _damaged(self.location, exc) from exc
        for _attempt in range(3):
            head = self._head()
            try:
                return self.snapshot.records(head, include_embeddings)
            except FileNotFoundError:  # a newer snapshot replaced it meanwhile
                continue
        raise StoreDamagedError(self.location, "its snapshot cannot be read")

    def fingerprint(self) -> str:
        """Changes whenever the committed content changes (keys the caches)."""
        if self._in_session() or self.snapshot is None:
            return fingerprint(self.embedder_id, self._reader_cols().manifest())
        return self._head().fingerprint

    def generation(self) -> str:
        """Changes whenever a write commits something (cheap for a local store: a file's
        status, read again only when it changed)."""
        if self._in_session() or self.snapshot is None:
            return self.fingerprint()
        head = self.snapshot.head()
        return str(head.generation) if head is not None else "unpublished"

    def interrupted(self) -> bool:
        """True when a write started and did not finish (False while one is under way)."""
        with self.writing_if_free() as cols:
            return cols.interrupted() if cols is not None else False

    def _head(self) -> SnapshotHead:
        assert self.snapshot is not None
        head = self.snapshot.head()
        if head is None:  # never published (or removed): publish it now
            with self.writing():
                pass
            head = self.snapshot.head()
        if head is None:
            raise StoreDamagedError(self.location, "its snapshot cannot be written")
        return head

    def _reader_cols(self) -> StoreCollections:
        if self._in_session():
            assert self._cols is not None
            return self._cols
        cols = self._loose
        if cols is None or cols.current_names() != (cols.units_name, cols.manifest_name):
            cols = self._loose = self._collections(self._connect())
        return cols

    @property
    def units(self) -> Any:
        """The current units collection (outside a session: opened without the lock, for
        tests and inspection; in local mode not while another process writes)."""
        return self._reader_cols().units

    @property
    def manifest_col(self) -> Any:
        return self._reader_cols().manifest_col

    def _mark_dirty(self, dirty: bool) -> None:
        self._reader_cols().mark_dirty(dirty)

    # -- writing -----------------------------------------------------------------------------

    def sync(
        self,
        paths: list[str | Path],
        parser: Parser | None = None,
        progress: Callable[[str, int, int], None] | None = None,
        encoding: str | None = None,
    ) -> SyncResult:
        """Bring the store in line with the given files (incremental, crash-safe); a file
        that cannot be read is reported in the result's errors and the rest go on. Files
        are read with ``encoding``, else with the one they were indexed with. Resolutions
        whose file is gone are removed."""
        with self.writing() as cols:
            embed = self.embedder.embed_documents
            result = sync_files(cols, embed, paths, parser or Parser(), progress, encoding)
            result.repaired += self._repaired_on_open
            self._repaired_on_open = 0
            for entry in list(cols.manifest().values()):
                if not Path(entry.source).exists():
                    cols.remove(entry.symbol)
                    result.removed.append(entry.symbol)
            return result

    def write_units(self, units: list[Unit]) -> None:
        """Embed and store units without committing them (see ``sync``)."""
        with self.writing() as cols:
            BatchWriter(self.embedder.embed_documents, cols.upsert, BATCH).write(
                [Pending(units, None)], lambda done: None
            )

    def remove(self, symbol: str) -> None:
        """Remove a resolution and all of its units."""
        with self.writing() as cols:
            cols.remove(symbol)

    def repair(self) -> int:
        """Delete what interrupted writes left (``StoreCollections.repair``)."""
        with self.writing() as cols:
            return cols.repair()

    def rebuild(
        self,
        paths: list[str | Path],
        parser: Parser | None = None,
        progress: Callable[[str, int, int], None] | None = None,
    ) -> SyncResult:
        """Index every source the store knows, and ``paths``, into a new pair of collections
        and switch to it (the old pair stays current until then). A resolution whose source
        file is gone is kept as it was indexed (listed in ``kept``, its file in errors)."""
        with self.writing(accept_other_embedder=True) as cols:
            new = cols.new_pair(self.embedder_id)
            try:
                result = rebuild_into(self, cols, new, paths, parser or Parser(), progress)
                cols.switch_to(new)
            except BaseException:
                new.drop()
                raise
            self.adopt(new)
            return result


def _damaged(location: str, exc: Exception) -> ClausewrightError:
    if isinstance(exc, ClausewrightError):
        return exc
    return StoreDamagedError(location, f"{type(exc).__name__}: {exc}")
