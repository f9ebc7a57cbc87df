"""The store's writer lock: one process (and one thread) at a time touches a local store.

An exclusive ``fcntl.flock`` on a lock file beside the store, so that the kernel lets it
go when its holder dies, however it dies. The holder writes who it is (pid, host,
command, since when) into the file and empties it when it lets go cleanly: a later
holder that finds it not empty knows that the previous one was killed while writing.

A second writer waits up to ``timeout_s``, saying once who it waits for, then raises
:class:`StoreBusyError`. The lock is re-entrant within a thread; other threads of the
same process wait as other processes do.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from index.errors import StoreBusyError

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: only threads of one process are excluded
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LockHolder:
    """Who holds (or last held) the writer lock."""

    pid: int
    host: str
    command: str
    since: float  # seconds since the epoch

    def describe(self) -> str:
        when = datetime.fromtimestamp(self.since).strftime("%Y-%m-%d %H:%M:%S")
        where = "" if self.host == socket.gethostname() else f" on {self.host}"
        return f"pid {self.pid}{where} ({self.command}), since {when}"

    @classmethod
    def me(cls) -> LockHolder:
        command = " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]) if sys.argv else "python"
        return cls(os.getpid(), socket.gethostname(), command[:300], time.time())

    @classmethod
    def parse(cls, text: str) -> LockHolder | None:
        try:
            data = json.loads(text)
            return cls(int(data["pid"]), str(data["host"]), str(data["command"]), data["since"])
        except (ValueError, KeyError, TypeError):
            return None


class WriterLock:
    """Exclusive, re-entrant lock on ``path`` (None: threads of this process only)."""

    def __init__(
        self,
        path: str | Path | None,
        timeout_s: float = 300.0,
        on_wait: Callable[[str], None] | None = None,
        poll_s: float = 0.05,
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.timeout_s = timeout_s
        self.on_wait = on_wait or (lambda message: log.warning("%s", message))
        self.poll_s = poll_s
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._fd: int | None = None
        self._owner: int | None = None
        self.previous: LockHolder | None = None  # set on taking it: a holder that was killed

    # -- taking and letting go ---------------------------------------------------------

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Hold the lock, waiting up to ``timeout_s``; raise StoreBusyError after that."""
        self._acquire(wait=True)
        try:
            yield
        finally:
            self._release()

    @contextmanager
    def try_hold(self) -> Iterator[bool]:
        """Hold the lock if nobody else does (yields False, holding nothing, if they do)."""
        got = self._acquire(wait=False)
        try:
            yield got
        finally:
            if got:
                self._release()

    def held_here(self) -> bool:
        """True in the thread that holds the lock."""
        return self._depth > 0 and self._owner == threading.get_ident()

    def _acquire(self, wait: bool) -> bool:
        started = time.monotonic()
        deadline = started + self.timeout_s
        warned = False
        while not self._take_thread_lock(wait):
            if not wait:
                return False
            warned = warned or self._say_waiting()
            if time.monotonic() > deadline:
                raise self._busy(started)
        if self._depth > 0:  # this thread holds it already
            self._depth += 1
            return True
        try:
            got, fd = self._lock_file(wait, started, deadline, warned)
        except BaseException:
            self._thread_lock.release()
            raise
        if not got:
            self._thread_lock.release()
            return False
        self._fd = fd
        self._depth = 1
        self._owner = threading.get_ident()
        return True

    def _take_thread_lock(self, wait: bool) -> bool:
        if wait:
            return self._thread_lock.acquire(timeout=self.poll_s)
        return self._thread_lock.acquire(blocking=False)

    def _lock_file(
        self, wait: bool, started: float, deadline: float, warned: bool
    ) -> tuple[bool, int | None]:
        """Take the flock: (True, its descriptor), or (False, None) when not waiting."""
        if self.path is None or fcntl is None:
            return True, None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if not wait:
                        os.close(fd)
                        return False, None
                    warned = warned or self._say_waiting()
                    if time.monotonic() > deadline:
                        raise self._busy(started) from None
                    time.sleep(self.poll_s)
            self.previous = LockHolder.parse(_read_all(fd))
            _write_all(fd, json.dumps(asdict(LockHolder.me())))
            return True, fd
        except BaseException:
            os.close(fd)
            raise

    def _release(self) -> None:
        if self._depth > 1:
            self._depth -= 1
            return
        fd, self._fd = self._fd, None
        self._depth = 0
        self._owner = None
        try:
            if fd is not None:
                os.ftruncate(fd, 0)  # a clean exit: nothing left for the next holder to repair
                os.close(fd)  # closing the last descriptor lets the flock go
        finally:
            self._thread_lock.release()

    # -- who holds it ------------------------------------------------------------------

    def holder(self) -> LockHolder | None:
        """Who holds the lock now (or held it last, if it was killed); None if unknown."""
        if self.path is None:
            return None
        try:
            return LockHolder.parse(self.path.read_text("utf-8"))
        except OSError:
            return None

    def busy(self) -> bool:
        """Whether a process holds the lock now (a quick probe that takes nothing: a holder
        written in the file while nobody holds it is a writer that was killed)."""
        if self.path is None or fcntl is None or self.held_here():
            return self.held_here()
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(fd)  # closing lets the shared lock go
        return False

    def _say_waiting(self) -> bool:
        holder = self.holder()
        who = holder.describe() if holder else "another writer"
        self.on_wait(
            f"the clause store is being written by {who}; waiting up to "
            f"{self.timeout_s:.0f} s for it to finish"
        )
        return True

    def _busy(self, started: float) -> StoreBusyError:
        holder = self.holder()
        who = holder.describe() if holder else "another writer"
        where = self.path if self.path is not None else "this process"
        return StoreBusyError(where, who, time.monotonic() - started)


def _read_all(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


def _write_all(fd: int, text: str) -> None:
    os.ftruncate(fd, 0)
    os.pwrite(fd, text.encode("utf-8"), 0)
