"""The workspaces a running server uses: the one of its settings, and one per backend a
session picks in its Settings tab, all over one store and one set of searches.

An ingest goes through the base workspace and drops the others, whose shared searches
would otherwise be stale.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.workspace import Workspace
from index.errors import ConfigurationError
from ui.session import BACKENDS

log = logging.getLogger(__name__)


class WorkspacePool:
    """Workspaces by backend, at most ``limit`` besides the base one. They share the base
    workspace's store, searches and linter (``Workspace.for_backend``); the number of
    precedent clauses is a request field, not a reason for another workspace."""

    def __init__(self, base: Workspace, limit: int = 3) -> None:
        self.base = base
        self._limit = limit
        self._lock = threading.Lock()
        self._others: dict[str, Workspace] = {}

    def get(self, backend: str | None = None) -> Workspace:
        """The workspace drafting with ``backend``."""
        key = backend or self.base.settings.llm
        if key not in BACKENDS:
            raise ConfigurationError(f"unknown backend {key!r}: use {', '.join(BACKENDS)}")
        if key == self.base.settings.llm:
            return self.base
        with self._lock:
            ws = self._others.pop(key, None)
            if ws is None:
                log.info("building a workspace for backend=%s", key)
                self.base.ensure_indexed()
                _ = self.base.ranked, self.base.mentions  # built once, then shared
                ws = self.base.for_backend(key)
            self._others[key] = ws  # most recently used last
            while len(self._others) > self._limit:
                self._others.pop(next(iter(self._others)))
            return ws

    def ingest(
        self, paths: list[str | Path], progress: Callable[[str, int, int], None] | None = None
    ) -> Any:
        """Index ``paths`` into the store; later requests see the new resolutions."""
        self.base.ensure_indexed()  # a first upload comes on top of the configured corpus
        result = self.base.ingest(paths, progress)
        with self._lock:
            self._others.clear()  # they shared the old searches
        return result
