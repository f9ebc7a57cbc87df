"""Bringing a store's collections in line with files: each file planned (unchanged files
cost one hash), the new generations written in pipelined batches, each resolution
committed once all of its units are stored, then its old generation deleted."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.errors import ClausewrightError, InputError
from index.files import file_sha256, unreadable_reason
from index.parsing.parser import Parser, iter_source_files
from index.store.batch_writer import BatchWriter, Pending
from index.store.chroma_collections import ManifestEntry, StoreCollections
from index.store.records import Unit, resolution_hash, units_of
from index.store.source_reading import read_resolutions, source_key

log = logging.getLogger(__name__)

BATCH = 512
Embed = Callable[[list[str]], Sequence[Sequence[float]]]


@dataclass
class SyncResult:
    """What one ingest (or rebuild) run did."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged_files: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    repaired: int = 0
    units_written: int = 0
    errors: list[ClausewrightError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # rebuild: kept as indexed, source missing


def sync_files(
    cols: StoreCollections,
    embed: Embed,
    paths: list[str | Path],
    parser: Parser,
    progress: Callable[[str, int, int], None] | None = None,
    encoding: str | None = None,
    remembered: dict[str, str | None] | None = None,
) -> SyncResult:
    """Bring ``cols`` in line with the files under ``paths`` (in a writing session), read
    with ``encoding``, else as indexed before (``remembered``: source → encoding, for
    sources ``cols`` does not know). A file that cannot be read is reported in the
    result's errors and the rest go on; files that vanished are not looked for here."""
    result = SyncResult()
    if cols.interrupted():
        result.repaired += cols.repair()
    manifest = cols.manifest()
    files = iter_source_files(paths)
    pendings: list[Pending] = []
    claimed: dict[str, str] = {}  # symbol → the file of this run that holds it
    for n, path in enumerate(files, start=1):
        if progress:
            progress(str(path), n, len(files))
        plan = _FilePlan(cols, Path(path), manifest, result, encoding, remembered or {}, claimed)
        try:
            pendings.extend(_plan_file(plan, parser))
        except ClausewrightError as exc:
            log.info("%s", exc)  # returned to the caller, who reports it
            result.errors.append(exc)
        except OSError as exc:  # e.g. the file went away while it was read
            result.errors.append(InputError(path, f"cannot read: {exc.strerror or exc}"))
    if pendings:
        cols.mark_dirty(True)
        writer = BatchWriter(embed, cols.upsert, BATCH)
        result.units_written = writer.write(pendings, lambda ps: _finish(cols, ps, result))
        cols.mark_dirty(False)
    return result


def write_committed(cols: StoreCollections, embed: Embed, units: list[Unit], entry: Any) -> int:
    """Write ``units`` into ``cols`` and commit ``entry`` (a ManifestEntry) after them."""
    writer = BatchWriter(embed, cols.upsert, BATCH)
    return writer.write([Pending(units, entry)], lambda ps: cols.commit([ps[0].payload]))


@dataclass
class _FilePlan:
    """What planning one file needs to know."""

    cols: StoreCollections
    path: Path
    manifest: dict[str, ManifestEntry]
    result: SyncResult
    encoding: str | None
    remembered: dict[str, str | None]
    claimed: dict[str, str]  # symbol → the file that holds it (earlier in the run, or before)


def _plan_file(plan: _FilePlan, parser: Parser) -> list[Pending]:
    """Resolutions of one file that need writing (nothing when the file is unchanged)."""
    path, manifest, result = plan.path, plan.manifest, plan.result
    problem = unreadable_reason(path)
    if problem is not None:
        raise InputError(path, problem)
    source = source_key(path)
    mine = {s: e for s, e in manifest.items() if e.source == source}
    known = next((e.encoding for e in mine.values()), plan.remembered.get(source))
    encoding = plan.encoding or known
    file_hash = file_sha256(path)
    complete = all(e.in_file == len(mine) for e in mine.values())
    same = all(e.file_hash == file_hash and e.encoding == encoding for e in mine.values())
    if mine and complete and same:
        result.unchanged_files.append(source)
        return []
    resolutions = read_resolutions(parser, path, encoding)
    seen: set[str] = set()
    out: list[Pending] = []
    for res in resolutions:
        res.source = source
        other = manifest.get(res.symbol)
        where = plan.claimed.setdefault(res.symbol, other.source if other else source)
        if res.symbol in seen or where != source:
            result.warnings.append(
                f"{source}: {res.symbol} is already indexed from {where}; skipped"
            )
            continue
        seen.add(res.symbol)
        res_hash = resolution_hash(res)
        units = units_of(res, res_hash)
        entry = ManifestEntry(
            res.symbol, source, file_hash, res_hash, len(units), len(resolutions), encoding
        )
        if other is not None and other.res_hash == res_hash:  # only the file changed
            plan.cols.commit([entry])
            continue
        out.append(Pending(units, (entry, other is not None)))
    for symbol in set(mine) - seen:
        plan.cols.remove(symbol)
        result.removed.append(symbol)
    return out


def _finish(cols: StoreCollections, pendings: list[Pending], result: SyncResult) -> None:
    """Commit resolutions whose units are all written, then drop old generations."""
    cols.commit([p.payload[0] for p in pendings])
    for pending in pendings:
        entry, replaces = pending.payload
        if replaces:
            cols.delete_generations(entry.symbol, keep=entry.res_hash)
        (result.replaced if replaces else result.added).append(entry.symbol)
