"""Citation IDs: reading what a person typed and finding the clause it names.

Accepted spellings of ``IOM/1/4 op 8(a)``: ``iom/1/4 op 8 (a)``, ``IOM/1/4 op. 8(a)``,
``IOM/1/4 operative 8 a``, ``IOM/1/4 OP8(a)``; ``pre``/``preamble``/``pp`` for
preambulatory clauses.
"""

from __future__ import annotations

import re
from difflib import get_close_matches

from index.clause_tree import Clause, Corpus
from index.errors import UnknownClauseError

_KIND = {
    "op": "op",
    "operative": "op",
    "pre": "pre",
    "preamble": "pre",
    "preambulatory": "pre",
    "pp": "pre",
    "para": "op",
    "paragraph": "op",
}
_ID = re.compile(
    r"^\s*(?P<symbol>\S+)\s+(?P<kind>[a-z]+)\.?\s*(?P<num>\d+)(?P<rest>(?:\s*\(?\s*[a-z0-9]+\s*\)?)*)"
    r"(?P<dup>#\d+)?\s*$",
    re.I,
)


def normalize_id(text: str) -> str:
    """Canonical form of a typed citation ID (unchanged when it is not one)."""
    m = _ID.match(text)
    if not m:
        return text.strip()
    kind = _KIND.get(m.group("kind").lower())
    if kind is None:
        return text.strip()
    labels = re.findall(r"[a-z]+|\d+", m.group("rest").lower())
    suffix = "".join(f"({lab})" for lab in labels)
    return f"{m.group('symbol').upper()} {kind} {int(m.group('num'))}{suffix}{m.group('dup') or ''}"


def section(clause_id: str) -> str | None:
    """Whether a clause ID names a preambular or an operative paragraph (a sub-clause
    belongs to its top-level paragraph's section): ``"preambulatory"``, ``"operative"``
    or None when the ID has neither part."""
    m = _ID.match(clause_id)
    kind = _KIND.get(m.group("kind").lower()) if m else None
    return {"op": "operative", "pre": "preambulatory"}.get(kind or "")


def resolve(corpus: Corpus, text: str, index: dict[str, Clause] | None = None) -> Clause:
    """The clause a typed ID names; UnknownClauseError with near IDs when none does."""
    index = index if index is not None else corpus.by_id()
    for candidate in (text.strip(), normalize_id(text)):
        if candidate in index:
            return index[candidate]
    upper = {k.upper(): v for k, v in index.items()}
    clause = upper.get(normalize_id(text).upper())
    if clause is not None:
        return clause
    raise UnknownClauseError(text.strip(), suggest(list(index), normalize_id(text)))


def suggest(ids: list[str], wanted: str, n: int = 5) -> list[str]:
    """Existing IDs closest to ``wanted``: same resolution and kind first."""
    head = wanted.rsplit(" ", 1)[0] if " " in wanted else wanted
    same = [i for i in ids if i.startswith(head + " ")]
    close = get_close_matches(wanted, same or ids, n=n, cutoff=0.5)
    if not close and same:
        close = same[:n]
    return close
