"""The exception hierarchy shared by every stage.

Every error says what went wrong, where (file and line when there is one) and what
would be valid, so that a user can act on the message without reading a traceback.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType


class ClausewrightError(Exception):
    """Base class of every error Clausewright raises on purpose."""


class InputError(ClausewrightError):
    """A source file cannot be read or makes no sense as a resolution."""

    def __init__(self, path: str | Path, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.reason = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


class UnknownClauseError(ClausewrightError):
    """A citation ID names no clause in the corpus."""

    def __init__(self, clause_id: str, suggestions: list[str]) -> None:
        self.clause_id = clause_id
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no clause {clause_id!r} in the corpus{hint}")


class StoreBusyError(ClausewrightError):
    """Another process (or thread) kept the store's writer lock longer than we could wait."""

    def __init__(self, lock_path: str | Path, holder: str, waited_s: float) -> None:
        self.lock_path = str(lock_path)
        self.holder = holder
        super().__init__(
            f"the clause store is being written by {holder}; gave up after waiting "
            f"{waited_s:.0f} s for its lock ({self.lock_path}): try again when that has "
            "finished, or raise store.lock_timeout_s"
        )


class StoreDamagedError(ClausewrightError):
    """The store's records cannot be read back (Chroma lost vectors or index files)."""

    def __init__(self, location: str | Path, detail: str) -> None:
        self.location = str(location)
        super().__init__(
            f"the clause store at {self.location} is damaged ({detail}): run "
            "`clausewright index check --repair` to index its sources again"
        )


class ConfigurationError(ClausewrightError):
    """A setting is invalid or an optional dependency for the chosen mode is missing."""


class MissingPackageError(ConfigurationError):
    """An optional package that the chosen mode or file type needs is not installed."""

    def __init__(self, feature: str, install: str) -> None:
        self.feature = feature
        self.install = install
        super().__init__(f"{feature} needs a package that is not installed: {install}")


def import_optional(module: str, feature: str, install: str) -> ModuleType:
    """Import ``module``, or raise :class:`MissingPackageError` saying how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingPackageError(feature, install) from exc
