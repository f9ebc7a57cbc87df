"""How a store compares with its sources: ``index status`` and ``index check``.

``store_status`` is quick: the manifest against the files it names (every one of them,
hashed: files ingested by path and uploads as well as the configured corpus) and the
unit counts. ``check_store`` also reads every vector back, looks for records and
collections that interrupted writes left, compares the readers' snapshot with the store,
and with ``repair`` puts right what it can: left-overs deleted, changed or incomplete
files indexed again, a store whose vectors cannot be read rebuilt from its sources.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.errors import ClausewrightError
from index.files import file_sha256
from index.parsing.parser import Parser, iter_source_files
from index.store.chroma_collections import PAGE, ManifestEntry, StoreCollections
from index.store.source_reading import source_key
from index.store.syncing import sync_files

if TYPE_CHECKING:
    from index.store.clause_store import ClauseStore


@dataclass
class StoreStatus:
    """How the store compares with the source files."""

    entries: list[ManifestEntry]
    unit_counts: dict[str, int]
    file_states: dict[str, str]  # source → indexed | changed | not indexed | missing | unreadable
    interrupted: bool
    writer: str | None = None  # who is writing the store now (counts are then the last published)

    @property
    def consistent(self) -> bool:
        units_ok = all(self.unit_counts.get(e.symbol, 0) == e.units for e in self.entries)
        files_ok = all(s == "indexed" for s in self.file_states.values())
        return units_ok and files_ok and not self.interrupted


def store_status(store: ClauseStore, paths: list[str | Path]) -> StoreStatus:
    """Compare the manifest with the files (every file it names, and ``paths``) and with
    the units stored (the last published ones while another process writes)."""
    with store.writing_if_free() as cols:
        if cols is not None:
            manifest = cols.manifest()
            metas = cols.records(["metadatas"])["metadatas"]
            interrupted, writer = cols.interrupted(), None
        else:
            manifest = store.manifest()
            metas = store.committed_records(False)["metadatas"]
            holder = store.lock.holder()
            interrupted, writer = False, holder.describe() if holder else "another process"
    counts = _committed_counts(manifest, metas)[0]
    return StoreStatus(
        sorted(manifest.values(), key=lambda e: (e.source, e.symbol)),
        counts,
        file_states(manifest, paths),
        interrupted,
        writer,
    )


def published_status(store: ClauseStore, paths: list[str | Path]) -> StoreStatus:
    """``store_status`` from what is published for readers, without opening Chroma or
    loading a record: the snapshot's manifest and unit counts, the files hashed. A holder
    written in the lock file while nobody holds the lock is a write that was killed
    (``interrupted``); a live holder is named as the ``writer``. A server store has no
    snapshot: ``store_status``."""
    if store.snapshot is None:
        return store_status(store, paths)
    for _attempt in range(3):
        head = store.snapshot.head() or store._head()
        try:
            counts = store.snapshot.unit_counts(head)
            break
        except FileNotFoundError:  # a newer snapshot replaced it meanwhile
            continue
    else:
        return store_status(store, paths)
    holder = store.lock.holder()
    busy = holder is not None and store.lock.busy()
    return StoreStatus(
        sorted(head.manifest.values(), key=lambda e: (e.source, e.symbol)),
        {s: n for s, n in counts.items() if s in head.manifest},
        file_states(head.manifest, paths),
        holder is not None and not busy,
        holder.describe() if busy and holder else None,
    )


def file_states(manifest: dict[str, ManifestEntry], paths: list[str | Path]) -> dict[str, str]:
    """Each source file's state: every file the manifest names, and those under ``paths``."""
    by_source: dict[str, list[ManifestEntry]] = {}
    for entry in manifest.values():
        by_source.setdefault(entry.source, []).append(entry)
    states: dict[str, str] = {}
    for path in iter_source_files(paths):
        source = source_key(path)
        if source not in by_source:
            states[source] = "not indexed" if Path(path).exists() else "missing"
    for source, entries in by_source.items():
        if not Path(source).is_file():
            states[source] = "missing"
            continue
        try:
            digest = file_sha256(source)
        except OSError:
            states[source] = "unreadable"
            continue
        same = all(e.file_hash == digest and e.in_file == len(entries) for e in entries)
        states[source] = "indexed" if same else "changed"
    return states


def _committed_counts(
    manifest: dict[str, ManifestEntry], metas: list[dict[str, Any]]
) -> tuple[dict[str, int], int]:
    """Units stored per committed resolution, and the number of other (left-over) units."""
    counts: Counter[str] = Counter()
    others = 0
    for m in metas:
        entry = manifest.get(m["symbol"])
        if entry is not None and entry.res_hash == m["res_hash"]:
            counts[m["symbol"]] += 1
        else:
            others += 1
    return dict(counts), others


# -- the check -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoreProblem:
    """One thing wrong with the store."""

    kind: str  # interrupted | left-overs | records | vectors | changed | not indexed | ...
    subject: str  # the resolution, file, collection or store it is about
    detail: str
    repairable: bool = True

    def __str__(self) -> str:
        return f"{self.kind}: {self.subject}: {self.detail}"


@dataclass
class StoreCheck:
    """What ``check_store`` found (and, repairing, what is still wrong afterwards)."""

    problems: list[StoreProblem]
    repaired: list[StoreProblem] = field(default_factory=list)
    errors: list[ClausewrightError] = field(default_factory=list)  # files that failed to index

    @property
    def ok(self) -> bool:
        return not self.problems


def check_store(
    store: ClauseStore,
    paths: list[str | Path],
    parser: Parser | None = None,
    repair: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> StoreCheck:
    """Check the store against its records, its vectors and the files it names (waits for
    a writer to finish); with ``repair``, put right what can be — rebuilding from the
    files and ``paths`` if vectors are lost — and check again."""
    with store.writing(quiet=True) as cols:
        repaired = _repaired_on_opening(store)
        found = find_problems(store, cols)
        if not repair or not any(p.repairable for p in found):
            return StoreCheck(found, repaired)
        errors = _repair(store, cols, found, paths, parser or Parser(), progress)
        with store.writing() as current:  # a rebuild switches to new collections
            store.publish(quietly=True)
            after = find_problems(store, current)
    repaired += [p for p in found if p not in after]
    return StoreCheck(after, repaired, errors)


def _repaired_on_opening(store: ClauseStore) -> list[StoreProblem]:
    if store.interrupted_writer is None:
        return []
    return [
        StoreProblem(
            "interrupted",
            store.location,
            f"a write by {store.interrupted_writer.describe()} did not finish "
            "(its left-overs were removed on opening)",
        )
    ]


def find_problems(store: ClauseStore, cols: StoreCollections) -> list[StoreProblem]:
    """Everything wrong with the store in ``cols`` (in a writing session)."""
    where = store.location
    problems: list[StoreProblem] = []
    if cols.interrupted():
        problems.append(StoreProblem("interrupted", where, "a write started and did not finish"))
    manifest = cols.manifest()
    metas = cols.records(["metadatas"])["metadatas"]
    counts, others = _committed_counts(manifest, metas)
    if others:
        detail = f"{others} clause record(s) of generations the manifest does not name"
        problems.append(StoreProblem("left-overs", where, detail))
    for name in cols.leftovers():
        problems.append(StoreProblem("left-overs", name, "collection of an unfinished rebuild"))
    for e in sorted(manifest.values(), key=lambda e: e.symbol):
        if counts.get(e.symbol, 0) != e.units:
            detail = f"{counts.get(e.symbol, 0)} of its {e.units} clause records are stored"
            problems.append(StoreProblem("records", e.symbol, detail, Path(e.source).is_file()))
    unreadable = _unreadable_vectors(cols, len(metas))
    if unreadable:
        problems.append(StoreProblem("vectors", where, f"cannot be read back ({unreadable})"))
    for source, state in sorted(file_states(manifest, []).items()):
        if state != "indexed":  # the files it names (a corpus file not indexed is for ingest)
            problems.append(_file_problem(source, state))
    problems += _snapshot_problems(store, manifest, sum(counts.values()))
    return problems


_FILE_PROBLEMS = {
    "changed": ("the file changed since it was indexed", True),
    "missing": (
        "no longer exists; its resolutions are kept as indexed (restore the file, or "
        "`clausewright index remove` them)",
        False,
    ),
    "unreadable": ("cannot be read", False),
}


def _file_problem(source: str, state: str) -> StoreProblem:
    detail, repairable = _FILE_PROBLEMS[state]
    return StoreProblem(state, source, detail, repairable)


def _unreadable_vectors(cols: StoreCollections, expected: int) -> str:
    """Why the stored vectors cannot all be read back ('' when they can)."""
    read = 0
    try:
        while True:
            page = cols.units.get(include=["embeddings"], limit=PAGE, offset=read)
            read += len(page["ids"])
            if len(page["ids"]) < PAGE:
                break
    except Exception as exc:  # chromadb raises InternalError and others
        return f"{type(exc).__name__}: {exc}"
    return "" if read == expected else f"{read} of {expected} records have vectors"


def _snapshot_problems(
    store: ClauseStore, manifest: dict[str, ManifestEntry], units: int
) -> list[StoreProblem]:
    if store.snapshot is None:
        return []
    head = store.snapshot.head()
    where = str(store.snapshot.folder)
    if head is None or head.manifest != manifest:
        return [StoreProblem("snapshot", where, "readers see another state than the store's")]
    try:
        published = len(store.snapshot.records(head, include_embeddings=True)["ids"])
    except (OSError, ValueError, KeyError) as exc:
        return [StoreProblem("snapshot", where, f"cannot be read ({exc})")]
    if published != units:
        return [StoreProblem("snapshot", where, f"holds {published} of {units} clause records")]
    return []


def _repair(
    store: ClauseStore,
    cols: StoreCollections,
    found: list[StoreProblem],
    paths: list[str | Path],
    parser: Parser,
    progress: Callable[[str, int, int], None] | None,
) -> list[ClausewrightError]:
    """Put right what ``found`` lists; the errors of files that failed to index."""
    kinds = {p.kind for p in found}
    if "vectors" in kinds:  # Chroma can neither read nor delete them: start afresh
        result = store.rebuild(paths, parser, progress)
        return [e for e in result.errors if "no longer exists" not in str(e)]
    if kinds & {"interrupted", "left-overs"}:
        store.repair()
    manifest = cols.manifest()
    again: set[str] = set()
    for p in found:
        if p.kind == "records" and p.repairable:
            again.add(manifest[p.subject].source)
            store.remove(p.subject)
        elif p.kind == "changed":
            again.add(p.subject)
    if again:
        remembered = {e.source: e.encoding for e in manifest.values()}
        embed = store.embedder.embed_documents
        result = sync_files(cols, embed, sorted(again), parser, progress, None, remembered)
        return list(result.errors)
    return []
