"""Uploaded resolution files: checked, kept by content hash, then indexed.

An accepted upload is kept as ``<data_dir>/uploads/<sha256>/<name>`` (the name it was
uploaded with, made safe), so two files of the same name never overwrite each other and
the same file sent twice is known by its hash and left alone. Before anything is kept
or indexed, each file is checked and parsed: a file of another type, over the size
limit, empty, binary or unparseable is refused with one line naming it. An upload never
replaces a resolution that is already indexed from another file: the file is refused,
naming the resolution and the file it would replace (remove that one first, with
``clausewright index remove SYMBOL``). The store stays the last guard: it skips a
resolution that is indexed from another file, even one indexed after these checks.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.clause_tree import Resolution
from index.errors import ClausewrightError, InputError
from index.files import atomic_write, file_sha256
from index.store.clause_store import ManifestEntry, SyncResult
from ui.pool import WorkspacePool

log = logging.getLogger(__name__)

UPLOAD_TYPES = (".txt", ".md", ".pdf", ".docx", ".tex")
MIB = 1024 * 1024  # Gradio counts max_file_size="20mb" as 20 MiB, and so does the check here
CHECKING = 0.1  # the share of the progress bar for checking the files before indexing
Progress = Callable[..., Any]


@dataclass(frozen=True)
class UploadLimit:
    """The one upload size limit (``serve.max_upload_mb``), for Gradio and for the page."""

    mb: int

    @property
    def bytes(self) -> int:
        return self.mb * MIB

    @property
    def for_gradio(self) -> str:
        """``Blocks.launch(max_file_size=…)``: Gradio reads "20mb" as ``20 * MIB`` bytes."""
        return f"{self.mb}mb"

    def __str__(self) -> str:
        return f"{self.mb} MB"

    def refusal(self, name: str, size: int) -> str | None:
        """Why a file of ``size`` bytes is refused, or None when it is within the limit."""
        if size <= self.bytes:
            return None
        shown = f"{size / MIB:.1f} MB"
        if round(size / MIB, 1) <= self.mb:  # "20.0 MB is over the 20 MB limit" reads wrong
            shown = f"{size:,} bytes"
        return f"{name}: {shown} is over the {self} upload limit."


@dataclass
class UploadReport:
    """What one "Add to corpus" did: the store's result and a line per file it skipped."""

    result: SyncResult | None = None
    unchanged: list[str] = field(default_factory=list)  # already in the corpus
    refused: list[str] = field(default_factory=list)  # not added, and why


@dataclass
class _Accepted:
    name: str  # as shown: the uploaded name, made safe
    sha: str
    stored: Path  # where it is kept: <uploads>/<sha256>/<name>
    symbols: list[str]
    clauses: int


class Uploads:
    """The uploads folder of a data directory, and adding files to the corpus through it."""

    def __init__(self, pool: WorkspacePool, folder: Path, limit: UploadLimit) -> None:
        self.pool = pool
        self.folder = folder
        self.limit = limit

    def add(self, files: list[str], progress: Progress | None = None) -> UploadReport:
        """Check ``files`` (Gradio's temporary copies), keep the good ones, index them."""
        report = UploadReport()
        if not files:
            return report
        ws = self.pool.base
        ws.ensure_indexed()  # an upload comes on top of the configured corpus
        manifest = ws.store.manifest()
        accepted: dict[str, _Accepted] = {}  # by content hash
        for n, file in enumerate(files, start=1):
            path = Path(file)
            _tick(progress, CHECKING * (n - 1) / len(files), f"Checking {path.name}")
            try:
                found = self._check(path, manifest, accepted)
                if isinstance(found, _Accepted) and not found.stored.is_file():
                    atomic_write(found.stored, path.read_bytes())
            except (ClausewrightError, OSError) as exc:
                report.refused.append(_one_line(exc, path, safe_name(path)))
                continue
            if isinstance(found, str):
                report.unchanged.append(found)
            else:
                accepted[found.sha] = found
        if accepted:
            report.result = self._index(list(accepted.values()), progress)
        return report

    # -- checking one file ---------------------------------------------------------

    def _check(
        self, path: Path, manifest: dict[str, ManifestEntry], accepted: dict[str, _Accepted]
    ) -> _Accepted | str:
        """The file to index, or a note that it is in the corpus already.

        Raises ClausewrightError, naming the file, when it is refused."""
        name = safe_name(path)
        if path.suffix.lower() not in UPLOAD_TYPES:
            kinds = ", ".join(UPLOAD_TYPES)
            raise ClausewrightError(f"{name}: not accepted; upload {kinds} files.")
        too_big = self.limit.refusal(name, path.stat().st_size)
        if too_big:
            raise ClausewrightError(too_big)
        sha = file_sha256(path)
        if sha in accepted:
            return f"{name}: the same file as {accepted[sha].name} in this upload; added once."
        same = self._indexed_copy(sha, manifest)
        if same:
            symbols = ", ".join(sorted(e.symbol for e in same))
            where = self._where(same[0].source)
            return f"{name}: already in the corpus ({symbols}, from {where}); nothing to do."
        stored = self._slot(sha, name)
        resolutions = self._parse(path)
        self._refuse_replacing(name, [r.symbol for r in resolutions], stored, manifest, accepted)
        clauses = sum(len(res.clauses()) for res in resolutions)
        return _Accepted(name, sha, stored, [r.symbol for r in resolutions], clauses)

    def _refuse_replacing(
        self,
        name: str,
        symbols: list[str],
        stored: Path,
        manifest: dict[str, ManifestEntry],
        accepted: dict[str, _Accepted],
    ) -> None:
        """Raise, naming them, when resolutions of this file are indexed from another file
        or come with an earlier file of this upload: an upload never replaces one."""
        indexed = {
            s: manifest[s].source
            for s in symbols
            if s in manifest and Path(manifest[s].source) != stored.resolve()
        }
        if indexed:
            which = ", ".join(f"{s} (indexed from {self._where(f)})" for s, f in indexed.items())
            commands = ", ".join(f"`clausewright index remove {s}`" for s in indexed)
            raise ClausewrightError(
                f"{name}: not added: it would replace {which}; an upload never replaces an "
                f"indexed resolution: remove it first ({commands}), then upload again."
            )
        claimed = {s: a.name for a in accepted.values() for s in a.symbols}
        twice = [f"{s} is also in {claimed[s]}" for s in symbols if s in claimed]
        if twice:
            raise ClausewrightError(
                f"{name}: not added: {', '.join(twice)}, in this upload; upload one of them."
            )

    def _parse(self, path: Path) -> list[Resolution]:
        try:
            return self.pool.base.parser.parse_file(path)
        except ClausewrightError:
            raise
        except Exception as exc:  # a reader's own error on a damaged file: refuse, go on
            log.exception("%s could not be parsed", path)
            raise InputError(path, f"cannot be read ({type(exc).__name__}: {exc})") from exc

    def _indexed_copy(self, sha: str, manifest: dict[str, ManifestEntry]) -> list[ManifestEntry]:
        """The resolutions of a file with this content, if all of them are indexed."""
        by_source: dict[str, list[ManifestEntry]] = {}
        for entry in manifest.values():
            if entry.file_hash == sha:
                by_source.setdefault(entry.source, []).append(entry)
        for entries in by_source.values():
            if all(e.in_file == len(entries) for e in entries):
                return entries
        return []

    def _slot(self, sha: str, name: str) -> Path:
        """Where a file with this content is kept (the copy already there, if any)."""
        kept = sorted(p for p in (self.folder / sha).glob("*") if p.is_file())
        return kept[0] if kept else self.folder / sha / name

    def _where(self, source: str) -> str:
        path = Path(source)
        if self.folder.resolve() in path.parents:
            return f"{path.name}, uploaded earlier"
        return f"the corpus file {path.name}"

    # -- indexing ------------------------------------------------------------------

    def _index(self, accepted: list[_Accepted], progress: Progress | None) -> SyncResult:
        names = {str(a.stored.resolve()): a.name for a in accepted}
        clauses = sum(a.clauses for a in accepted)

        def report(path: str, n: int, total: int) -> None:
            name = names.get(str(Path(path).resolve()), Path(path).name)
            share = CHECKING + (1 - CHECKING) * (n - 1) / max(total, 1)
            _tick(progress, share, f"Indexing {name} ({n} of {total}; {clauses:,} clauses)")

        try:
            result = self.pool.ingest([a.stored for a in accepted], report)
        finally:
            self._drop_unindexed(accepted)
        return _renamed(result, names)

    def _drop_unindexed(self, accepted: list[_Accepted]) -> None:
        """Remove kept copies that nothing indexed comes from (the store refused them)."""
        sources = {e.source for e in self.pool.base.store.manifest().values()}
        for a in accepted:
            if str(a.stored.resolve()) not in sources:
                a.stored.unlink(missing_ok=True)
                with contextlib.suppress(OSError):  # not empty
                    a.stored.parent.rmdir()


def safe_name(path: Path) -> str:
    """The uploaded file's name with only word characters, dots, dashes and spaces."""
    name = re.sub(r"[^\w.\- ]+", "_", path.name).lstrip(". ")
    suffix = path.suffix.lower()
    return name if len(name) > len(suffix) and name.lower().endswith(suffix) else "upload" + suffix


def _one_line(exc: Exception, path: Path, name: str) -> str:
    """The error as one line that names the uploaded file, not a temporary path."""
    if isinstance(exc, InputError):
        where = f"{name}:{exc.line}" if exc.line else name
        message = f"{where}: {exc.reason}"
    elif isinstance(exc, OSError):
        message = f"{name}: cannot be read or kept ({exc.strerror or exc})"
    else:
        message = str(exc)
    message = message.replace(str(path), name)
    return " ".join(message.split())


def _renamed(result: SyncResult, names: dict[str, str]) -> SyncResult:
    """The store's result with each kept file's path written as its uploaded name."""

    def rename(text: str) -> str:
        for path, name in names.items():
            text = text.replace(path, name)
        return " ".join(text.split())

    errors = [ClausewrightError(rename(str(e))) for e in result.errors]
    warnings = [rename(w) for w in result.warnings]
    return dataclasses.replace(result, errors=errors, warnings=warnings)


def _tick(progress: Progress | None, share: float, desc: str) -> None:
    if progress is not None:
        progress(share, desc=desc)
