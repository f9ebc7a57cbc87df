"""The ranked-search index kept on disk: built once per committed state, memory-mapped
on read.

``HybridSearch.from_store`` loads every unit record and vector and builds BM25 over
every clause: seconds and hundreds of MB at 100,000 clauses, on every CLI call. Here
the same search is built once and saved as one folder, named by the store's fingerprint
and the embedding recipe, ``ranked-<fingerprint>-e<EMBED_TEXT_VERSION>-v<FORMAT>/``:

- ``units.sqlite``: each unit's clause ID, text and metadata by position (a hit reads
  its row; a filter reads four short columns), the acronym definitions in the texts;
- ``vectors.npy``: the unit-length float32 vectors, memory-mapped; the dense leg is an
  exact search over them (one matrix product: recall 1.0 of exact, by construction);
- ``bm25/``: the BM25 index as ``bm25s`` saves it, loaded memory-mapped.

It is written under a temporary name and renamed, so a reader finds it whole or not at
all, and it never changes once named. Results are those of the in-memory search
(tests compare them).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from index.search.acronyms import Definition
from index.search.hybrid import HybridSearch
from index.search.unit_rows import FILTERED, UnitLists
from index.store.chroma_collections import records_fingerprint
from index.store.records import EMBED_TEXT_VERSION

log = logging.getLogger(__name__)

FORMAT = 2
_CHUNK = 500


def index_folder(cache_dir: str | Path, store_fingerprint: str) -> Path:
    return Path(cache_dir) / f"ranked-{store_fingerprint}-e{EMBED_TEXT_VERSION}-v{FORMAT}"


def ranked_search(store: Any, cache_dir: str | Path) -> HybridSearch:
    """The ranked search over ``store``'s committed units: from its saved index, or built
    in memory (as ``HybridSearch.from_store``) and saved when there is none."""
    folder = index_folder(cache_dir, store.fingerprint())
    if folder.is_dir():
        try:
            return open_index(folder, store.embedder)
        except (OSError, ValueError, KeyError, sqlite3.Error) as exc:
            log.warning("ignoring a broken search index %s: %s", folder, exc)
    search = HybridSearch.from_store(store)
    key = records_fingerprint(store.embedder_id, search.metas)
    try:
        save_index(index_folder(cache_dir, key), search)
    except (OSError, sqlite3.Error) as exc:
        log.warning("could not save the search index in %s: %s", cache_dir, exc)
    return search


# -- saving ------------------------------------------------------------------------------


def save_index(folder: Path, search: HybridSearch) -> None:
    """Write ``search`` (built in memory) as ``folder``, through a temporary folder."""
    units = search._units
    assert isinstance(units, UnitLists)
    tmp = folder.with_name(f".{folder.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        tmp.mkdir(parents=True)
        _write_units(tmp / "units.sqlite", units)
        np.save(tmp / "vectors.npy", np.ascontiguousarray(search.vectors, dtype=np.float32))
        if len(units):
            search.bm25.save(str(tmp / "bm25"), show_progress=False)
        try:
            os.replace(tmp, folder)
        except OSError:
            if not folder.is_dir():  # not another process's (identical) one
                raise
            shutil.rmtree(tmp, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _forget_others(folder)


def _write_units(path: Path, units: UnitLists) -> None:
    db = sqlite3.connect(path)
    try:
        db.executescript(
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE units (pos INTEGER PRIMARY KEY, clause_id TEXT NOT NULL,
                                text TEXT NOT NULL, meta TEXT NOT NULL,
                                symbol TEXT, kind TEXT, body TEXT, phrase TEXT);
            """
        )
        db.executemany(
            "INSERT INTO units VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (n, cid, text, json.dumps(meta, ensure_ascii=False), *(meta[f] for f in FILTERED))
                for n, (cid, text, meta) in enumerate(
                    zip(units.clause_ids, units.texts, units.metas, strict=True)
                )
            ),
        )
        db.execute("CREATE INDEX units_by_clause ON units (clause_id)")
        meta = {"format": FORMAT, "count": len(units), "definitions": units.definitions()}
        db.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            ((k, json.dumps(v, ensure_ascii=False)) for k, v in meta.items()),
        )
        db.commit()
    finally:
        db.close()
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def _forget_others(kept: Path, keep_newest: int = 2) -> None:
    """Delete older search indexes, keeping the ``keep_newest`` (a reader may still be
    opening the one before), and the views of the records earlier versions cached."""
    others = sorted(
        (p for p in kept.parent.glob("ranked-*") if p != kept and p.is_dir()),
        key=lambda p: p.stat().st_mtime_ns,
        reverse=True,
    )
    for old in others[keep_newest - 1 :]:
        shutil.rmtree(old, ignore_errors=True)
    for view in kept.parent.glob("view-*"):  # what ``from_store`` cached before this index
        shutil.rmtree(view, ignore_errors=True)


# -- reading -----------------------------------------------------------------------------


def open_index(folder: Path, embedder: Embeddings) -> HybridSearch:
    """The search saved in ``folder``: units read as hits need them, vectors and BM25
    memory-mapped."""
    import bm25s

    units = StoredUnits(folder / "units.sqlite")
    vectors = np.load(folder / "vectors.npy", mmap_mode="r")
    if vectors.shape[0] != len(units):
        raise ValueError(f"{vectors.shape[0]} vectors for {len(units)} units")
    bm25 = None
    if len(units):
        bm25 = bm25s.BM25.load(str(folder / "bm25"), mmap=True, show_progress=False)
    return HybridSearch.from_parts(units, vectors, bm25, embedder)


class StoredUnits:
    """Units in a saved index's ``units.sqlite``, read a row at a time (all at once only
    when ``texts``, ``metas``, ``clause_ids`` or ``position`` is asked for)."""

    def __init__(self, path: Path) -> None:
        uri = f"file:{path.resolve()}?mode=ro&immutable=1"
        self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        meta = {k: json.loads(v) for k, v in self._query("SELECT key, value FROM meta")}
        if meta["format"] != FORMAT:
            raise ValueError(f"format {meta['format']}, not {FORMAT}")
        self._count = int(meta["count"])
        self._definitions = [(str(a), str(e), str(s)) for a, e, s in meta["definitions"]]
        self._all: UnitLists | None = None

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def __len__(self) -> int:
        return self._count

    def _loaded(self) -> UnitLists:
        if self._all is None:
            rows = self._query("SELECT text, meta FROM units ORDER BY pos")
            self._all = UnitLists([t for t, _ in rows], [json.loads(m) for _, m in rows])
        return self._all

    @property
    def texts(self) -> list[str]:
        return self._loaded().texts

    @property
    def metas(self) -> list[dict[str, Any]]:
        return self._loaded().metas

    @property
    def clause_ids(self) -> list[str]:
        return self._loaded().clause_ids

    @property
    def position(self) -> dict[str, int]:
        return self._loaded().position

    def row(self, n: int) -> tuple[str, str, dict[str, Any]]:
        got = self._query("SELECT clause_id, text, meta FROM units WHERE pos = ?", (n,))
        if not got:
            raise IndexError(n)
        cid, text, meta = got[0]
        return cid, text, json.loads(meta)

    def ids_of(self, positions: Sequence[int]) -> list[str]:
        found: dict[int, str] = {}
        for start in range(0, len(positions), _CHUNK):
            chunk = positions[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT pos, clause_id FROM units WHERE pos IN ({marks})"
            found.update(self._query(sql, chunk))
        return [found[n] for n in positions]

    def index_of(self, clause_id: str) -> int | None:
        got = self._query("SELECT pos FROM units WHERE clause_id = ? LIMIT 1", (clause_id,))
        return int(got[0][0]) if got else None

    def filter_fields(self) -> list[dict[str, Any]]:
        cols = ", ".join(FILTERED)
        rows = self._query(f"SELECT {cols} FROM units ORDER BY pos")
        return [dict(zip(FILTERED, row, strict=True)) for row in rows]

    def definitions(self) -> list[Definition]:
        return list(self._definitions)
