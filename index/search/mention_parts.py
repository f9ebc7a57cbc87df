"""What a mention index holds, as ``MentionSearch`` reads it: each clause's row (its ID,
text, resolution, folded words and their character offsets), the postings of each
folded word, the compounds learned from hyphenated words, the resolutions and their
titles, and the surface forms of each folded word.

``ClauseLists`` keeps the rows in memory (an index built over a corpus);
``index.search.mention_store`` keeps all of it in a SQLite file read as a query needs it.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

# A clause as the search reads it: ID, text, resolution number, folded words, and each
# word's start offset followed by each word's end offset.
ClauseRow = tuple[str, str, int, tuple[str, ...], array]
Postings = Mapping[str, array]  # folded word -> clauses holding it, ascending
Surfaces = Mapping[str, list[str]]  # folded word -> the forms it was written in


class ClauseRows(Protocol):
    """The clauses of a mention index, by position."""

    def __len__(self) -> int: ...

    def rows(self, positions: Sequence[int]) -> list[ClauseRow]:
        """The rows at ``positions`` (ascending), in that order."""
        ...

    def holding(self, needle: str, positions: Sequence[int]) -> list[int]:
        """Those of ``positions`` whose folded words, joined as " w1 w2 … ", hold ``needle``."""
        ...


class ClauseLists:
    """Clause rows in memory, appended one clause at a time."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.texts: list[str] = []
        self.groups: list[int] = []
        self.words: list[tuple[str, ...]] = []  # interned by the tokenizer
        self.joined: list[str] = []  # the same, as " w1 w2 ... " for phrase filtering
        self.offsets: list[array] = []

    def __len__(self) -> int:
        return len(self.ids)

    def append(
        self,
        clause_id: str,
        text: str,
        group: int,
        keys: list[str],
        starts: list[int],
        ends: list[int],
    ) -> None:
        self.ids.append(clause_id)
        self.texts.append(text)
        self.groups.append(group)
        self.words.append(tuple(keys))
        self.joined.append(f" {' '.join(keys)} ")
        self.offsets.append(array("I", starts + ends))

    def rows(self, positions: Sequence[int]) -> list[ClauseRow]:
        return [
            (self.ids[i], self.texts[i], self.groups[i], self.words[i], self.offsets[i])
            for i in positions
        ]

    def holding(self, needle: str, positions: Sequence[int]) -> list[int]:
        joined = self.joined
        return [i for i in positions if needle in joined[i]]

    def all_rows(self) -> Iterable[ClauseRow]:
        return self.rows(range(len(self.ids)))


@dataclass(frozen=True)
class MentionParts:
    """Everything a ``MentionSearch`` searches, whichever way it is kept."""

    clauses: ClauseRows
    postings: Postings
    compounds: dict[str, tuple[str, ...]]
    symbols: list[str]
    titles: dict[str, str]
    surfaces: Surfaces
