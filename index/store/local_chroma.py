"""Chroma on a local folder, opened afresh for each use and closed after it.

Chroma's local mode is not safe for more than one process: a process that opened the
folder does not notice what another process wrote, and one that writes (or merely
reads, which may apply the write log to the vector index) from such an outdated view
damages the vector index for good — reads then fail with "Error getting embedding" or
crash the process. So every use of a local store happens under its writer lock
(``writer_lock``) through a client opened here after taking the lock, and the client is
closed before the lock is let go. Chroma also shares one client per folder within a
process, so that cached one is set aside first: a client from here sees the folder as
it is now.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


class LocalChroma:
    """Opens and closes Chroma clients on one folder, one at a time."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._client: Any = None

    def open(self) -> Any:
        """A new client on the folder (the previous one from here is closed first)."""
        import chromadb
        from chromadb.api.shared_system_client import SharedSystemClient
        from chromadb.config import Settings as ChromaSettings

        self.close()
        self.path.mkdir(parents=True, exist_ok=True)
        # Chroma keys its shared client by the folder; forget ours so that the next one is
        # new (a client opened elsewhere in this process keeps working on its own copy).
        key = str(self.path)
        SharedSystemClient._identifier_to_system.pop(key, None)
        SharedSystemClient._identifier_to_refcount.pop(key, None)
        self._client = chromadb.PersistentClient(
            path=key, settings=ChromaSettings(anonymized_telemetry=False)
        )
        return self._client

    def close(self) -> None:
        """Close the client from here, if one is open (its collections stop working)."""
        client, self._client = self._client, None
        if client is not None:
            client.close()
