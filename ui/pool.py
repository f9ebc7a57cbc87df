"""The workspaces a running server uses: the one of its settings, and one per backend and
number of precedents a session picks in its Settings tab.

Chat models are built once per backend and shared; an ingest goes through the base
workspace and drops the others, whose indexes would otherwise be stale.
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

WorkspaceFactory = Callable[..., Workspace]


class WorkspacePool:
    """Workspaces by (backend, precedents); at most ``limit`` besides the base one."""

    def __init__(
        self, base: Workspace, factory: WorkspaceFactory | None = None, limit: int = 3
    ) -> None:
        self.base = base
        self._factory = factory or Workspace
        self._limit = limit
        self._lock = threading.Lock()
        self._others: dict[tuple[str, int], Workspace] = {}
        self._models: dict[str, Any] = {}

    def _base_key(self) -> tuple[str, int]:
        return (self.base.settings.llm, int(self.base.settings.precedents))

    def get(self, backend: str | None = None, precedents: int | float | None = None) -> Workspace:
        """The workspace drafting with ``backend`` and ``precedents`` precedent clauses."""
        key = (backend or self.base.settings.llm, int(precedents or self.base.settings.precedents))
        if key[0] not in BACKENDS:
            raise ConfigurationError(f"unknown backend {key[0]!r}: use {', '.join(BACKENDS)}")
        if key == self._base_key():
            return self.base
        with self._lock:
            ws = self._others.pop(key, None)
            if ws is None:
                ws = self._build(key)
            self._others[key] = ws  # most recently used last
            while len(self._others) > self._limit:
                self._others.pop(next(iter(self._others)))
            return ws

    def _build(self, key: tuple[str, int]) -> Workspace:
        backend, precedents = key
        log.info("building a workspace for backend=%s precedents=%d", backend, precedents)
        settings = self.base.settings.model_copy(update={"llm": backend, "precedents": precedents})
        model = self._models.get(backend)
        if model is None and backend == self.base.settings.llm:
            model = self.base.chat_model
        ws = self._factory(settings, parser=self.base.parser, chat_model=model)
        if model is None:
            self._models[backend] = ws.chat_model
        return ws

    def ingest(
        self, paths: list[str | Path], progress: Callable[[str, int, int], None] | None = None
    ) -> Any:
        """Index ``paths`` into the store; later requests see the new resolutions."""
        self.base.ensure_indexed()  # a first upload comes on top of the configured corpus
        result = self.base.ingest(paths, progress)
        with self._lock:
            self._others.clear()
        return result
