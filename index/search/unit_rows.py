"""The units a ``HybridSearch`` ranks, by position: what a hit shows (ID, text,
metadata), what filters test, and the acronym definitions written in them.

``UnitLists`` holds them in memory; ``index.search.ranked_store`` keeps them in a SQLite
file and reads a row when a hit needs it (everything at once only when asked for).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from index.search.acronyms import Definition, find_definitions, new_to_builtin

FILTERED = ("symbol", "kind", "body", "phrase")  # what ``Filters`` tests


class UnitRows(Protocol):
    """The units of a search, by position."""

    def __len__(self) -> int: ...

    @property
    def texts(self) -> list[str]: ...

    @property
    def metas(self) -> list[dict[str, Any]]: ...

    @property
    def clause_ids(self) -> list[str]: ...

    @property
    def position(self) -> dict[str, int]: ...

    def row(self, n: int) -> tuple[str, str, dict[str, Any]]:
        """Clause ID, text and metadata of the unit at ``n``."""
        ...

    def ids_of(self, positions: Sequence[int]) -> list[str]: ...

    def index_of(self, clause_id: str) -> int | None: ...

    def filter_fields(self) -> list[dict[str, Any]]:
        """Each unit's ``FILTERED`` metadata, for ``Filters.mask``."""
        ...

    def definitions(self) -> list[Definition]:
        """The acronym definitions written in the texts that add to the built-in table, in
        order (``new_to_builtin``)."""
        ...


class UnitLists:
    """Units in memory."""

    def __init__(self, texts: list[str], metas: list[dict[str, Any]]) -> None:
        self.texts = texts
        self.metas = metas
        self.clause_ids = [m["clause_id"] for m in metas]
        self.position = {cid: n for n, cid in enumerate(self.clause_ids)}

    def __len__(self) -> int:
        return len(self.texts)

    def row(self, n: int) -> tuple[str, str, dict[str, Any]]:
        return self.clause_ids[n], self.texts[n], self.metas[n]

    def ids_of(self, positions: Sequence[int]) -> list[str]:
        return [self.clause_ids[n] for n in positions]

    def index_of(self, clause_id: str) -> int | None:
        return self.position.get(clause_id)

    def filter_fields(self) -> list[dict[str, Any]]:
        return self.metas

    def definitions(self) -> list[Definition]:
        return new_to_builtin(
            (d.acronym, d.expansion, d.source)
            for n, text in enumerate(self.texts)
            if "(" in text
            for d in find_definitions(text, self.clause_ids[n])
        )
