"""The committed state of a local store as plain files: what readers read, never Chroma.

Chroma's local mode cannot be read by one process while another writes (see
``local_chroma``), so the writer, before it lets go of the writer lock, publishes what is
committed into ``<store>.snapshot/``:

- ``units-<fingerprint>/records.json`` (ids, texts, metadata) and ``vectors.npy``: the
  units of the committed generations, named by the content they hold, with
  ``counts.json`` (units per resolution, for ``index status`` without loading them);
- ``current.json``: the generation number, the fingerprint, the embedder and the manifest,
  replaced in one rename once the units folder it names is complete.

A reader therefore sees the state before a write or after it, never a part, and never
waits for a writer. Publishing reads from Chroma only the resolutions that changed since
the last snapshot.
"""

from __future__ import annotations

import io
import json
import logging
import os
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from index.files import atomic_write
from index.store.chroma_collections import ManifestEntry, StoreCollections, fingerprint

log = logging.getLogger(__name__)

HEAD_FILE = "current.json"
COUNTS_FILE = "counts.json"


@dataclass(frozen=True)
class SnapshotHead:
    """What ``current.json`` says: the published generation and its manifest."""

    generation: int
    fingerprint: str
    embedder: str
    units_dir: str
    manifest: dict[str, ManifestEntry]


class Snapshot:
    """The snapshot folder of one local store."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self._cached: tuple[tuple[int, int, int], SnapshotHead] | None = None

    # -- reading -----------------------------------------------------------------------------

    def head(self) -> SnapshotHead | None:
        """The published head (re-read only when the file changed), or None if none is."""
        path = self.folder / HEAD_FILE
        try:
            st = path.stat()
        except FileNotFoundError:
            return None
        key = (st.st_ino, st.st_mtime_ns, st.st_size)
        cached = self._cached
        if cached is not None and cached[0] == key:
            return cached[1]
        try:
            data = json.loads(path.read_text("utf-8"))
            head = SnapshotHead(
                int(data["generation"]),
                str(data["fingerprint"]),
                str(data["embedder"]),
                str(data["units_dir"]),
                {m["symbol"]: _entry(m) for m in data["manifest"]},
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("ignoring an unreadable store snapshot %s: %s", path, exc)
            return None
        self._cached = (key, head)
        return head

    def records(self, head: SnapshotHead, include_embeddings: bool = True) -> dict[str, Any]:
        """The committed units of ``head``: ids, documents, metadatas (, embeddings)."""
        folder = self.folder / head.units_dir
        data = json.loads((folder / "records.json").read_text("utf-8"))
        out: dict[str, Any] = {
            "ids": data["ids"],
            "documents": data["documents"],
            "metadatas": data["metadatas"],
        }
        if include_embeddings:
            out["embeddings"] = np.load(folder / "vectors.npy")
        return out

    def unit_counts(self, head: SnapshotHead) -> dict[str, int]:
        """Units published per resolution (counted from the records of a snapshot written
        before ``counts.json`` existed)."""
        folder = self.folder / head.units_dir
        try:
            counts = json.loads((folder / COUNTS_FILE).read_text("utf-8"))
            return {str(k): int(v) for k, v in counts.items()}
        except FileNotFoundError:
            if not folder.is_dir():
                raise
            return dict(Counter(m["symbol"] for m in self.records(head, False)["metadatas"]))

    # -- publishing (by the holder of the writer lock) ------------------------------------------

    def publish(self, cols: StoreCollections, embedder_id: str) -> SnapshotHead:
        """Bring the snapshot in line with what ``cols`` has committed."""
        manifest = cols.manifest()
        fp = fingerprint(embedder_id, manifest)
        old = self.head()
        if old is not None and old.embedder == embedder_id and old.manifest == manifest:
            self._count_units(old)
            return old
        units_dir = f"units-{fp}"
        if not (self.folder / units_dir / "vectors.npy").is_file():
            records, vectors = self._committed_units(cols, manifest, old, embedder_id)
            self._write_units(units_dir, records, vectors)
        head = SnapshotHead(
            (old.generation if old else 0) + 1, fp, embedder_id, units_dir, manifest
        )
        payload = {
            "generation": head.generation,
            "fingerprint": fp,
            "embedder": embedder_id,
            "units_dir": units_dir,
            "manifest": [{"symbol": s, **e.metadata()} for s, e in sorted(manifest.items())],
        }
        atomic_write(self.folder / HEAD_FILE, json.dumps(payload, ensure_ascii=False))
        self._forget_units_but(units_dir, old.units_dir if old else None)
        return head

    def _committed_units(
        self,
        cols: StoreCollections,
        manifest: dict[str, ManifestEntry],
        old: SnapshotHead | None,
        embedder_id: str,
    ) -> tuple[dict[str, list], np.ndarray]:
        """Units of ``manifest``: unchanged resolutions from the old snapshot, the rest from
        Chroma."""
        committed = {s: e.res_hash for s, e in manifest.items()}
        kept: dict[str, Any] = {"ids": [], "documents": [], "metadatas": [], "embeddings": []}
        changed: list[str] | None = None  # None: read every resolution from Chroma
        if old is not None and old.embedder == embedder_id:
            try:
                before = self.records(old)
                keep = [
                    n
                    for n, m in enumerate(before["metadatas"])
                    if committed.get(m["symbol"]) == m["res_hash"]
                ]
                kept = {k: [before[k][n] for n in keep] for k in kept}
                unchanged = {s for s, e in old.manifest.items() if committed.get(s) == e.res_hash}
                changed = [s for s in committed if s not in unchanged]
            except (OSError, ValueError, KeyError) as exc:
                log.info("reading every unit from Chroma (old snapshot unreadable: %s)", exc)
        fresh: dict[str, list] = {k: [] for k in kept}
        if changed is None or changed:
            fresh = cols.committed_units(committed, ["documents", "embeddings"], symbols=changed)
        records = {k: kept[k] + list(fresh[k]) for k in ("ids", "documents", "metadatas")}
        rows = [*kept["embeddings"], *fresh["embeddings"]]
        dim = len(rows[0]) if rows else 1
        vectors = np.asarray(rows, dtype=np.float32).reshape(-1, dim)
        return records, vectors

    def _write_units(self, units_dir: str, records: dict[str, list], vectors: np.ndarray) -> None:
        final = self.folder / units_dir
        tmp = self.folder / f"{units_dir}.tmp-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        buffer = io.BytesIO()
        np.save(buffer, vectors)
        atomic_write(tmp / "vectors.npy", buffer.getvalue())
        atomic_write(tmp / "records.json", json.dumps(records, ensure_ascii=False))
        counts = Counter(m["symbol"] for m in records["metadatas"])
        atomic_write(tmp / COUNTS_FILE, json.dumps(dict(sorted(counts.items()))))
        shutil.rmtree(final, ignore_errors=True)  # an incomplete one (no vectors.npy)
        os.replace(tmp, final)

    def _count_units(self, head: SnapshotHead) -> None:
        """Add ``counts.json`` to a units folder published without it."""
        folder = self.folder / head.units_dir
        if folder.is_dir() and not (folder / COUNTS_FILE).is_file():
            counts = self.unit_counts(head)
            atomic_write(folder / COUNTS_FILE, json.dumps(dict(sorted(counts.items()))))

    def _forget_units_but(self, *keep: str | None) -> None:
        """Delete units folders other than ``keep`` (a reader may still load the previous)."""
        for path in self.folder.glob("units-*"):
            if path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)


def _entry(m: dict[str, Any]) -> ManifestEntry:
    return ManifestEntry.from_metadata(m["symbol"], m)
