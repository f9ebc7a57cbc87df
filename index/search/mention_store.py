"""The mention index kept on disk: built once over the committed units, read as queries
need it.

``MentionSearch`` over a parsed corpus costs a parse of every source and a pass of the
tokenizer over every clause: seconds at 100,000 clauses, on every CLI call. Here the
same index is built once from the store's committed units (whose texts are the clause
texts, in the order a parse of the indexed files gives) and saved as one SQLite file
named by the store's fingerprint, ``mentions-<fingerprint>-v<FORMAT>.sqlite``: written to
a temporary name and renamed, so a reader finds a complete file or none, and a file
never changes once it has its name (it is opened ``immutable``). A reader then reads the
postings of the query's words and the rows of the candidate clauses, nothing else; the
answer is the one ``MentionSearch`` gives over the parsed corpus (tests compare them).

Tables: ``clauses`` (position → clause ID, text, resolution number, folded words joined
by U+001F, word offsets as an ``array('I')``), ``postings`` (folded word → positions),
``surfaces`` (folded word → the forms written), ``meta`` (the resolutions, their titles,
the compounds, and the acronym definitions written in the clauses, in corpus order).
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
from array import array
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from index.clause_tree import Clause, Corpus, Resolution
from index.search.acronyms import AcronymTable, Definition, find_definitions, new_to_builtin
from index.search.mention_parts import ClauseLists, ClauseRow, MentionParts
from index.search.mentions import MentionSearch
from index.store.chroma_collections import records_fingerprint

log = logging.getLogger(__name__)

FORMAT = 2
_SEP = "\x1f"
_CHUNK = 500  # positions per query (SQLite allows 999 parameters on old builds)


def index_path(cache_dir: str | Path, store_fingerprint: str) -> Path:
    return Path(cache_dir) / f"mentions-{store_fingerprint}-v{FORMAT}.sqlite"


def mention_search(
    store: Any, cache_dir: str | Path, user_acronyms: Path | None = None
) -> MentionSearch:
    """The mention search over ``store``'s committed units: from its saved index, or built
    (and saved) when there is none. ``user_acronyms``: a file of pairs added last."""
    path = index_path(cache_dir, store.fingerprint())
    if path.is_file():
        try:
            parts, definitions = open_index(path)
            return MentionSearch.from_parts(parts, _acronyms(definitions, user_acronyms))
        except (sqlite3.Error, ValueError, KeyError) as exc:
            log.warning("ignoring a broken mention index %s: %s", path, exc)
    records = store.committed_records(include_embeddings=False)
    corpus = corpus_of_units(records["documents"], records["metadatas"])
    definitions = definitions_in(corpus)
    search = MentionSearch(corpus, _acronyms(definitions, user_acronyms))
    key = records_fingerprint(store.embedder_id, records["metadatas"])
    try:
        save_index(index_path(cache_dir, key), search, definitions)
    except (OSError, sqlite3.Error) as exc:
        log.warning("could not save the mention index in %s: %s", cache_dir, exc)
    return search


def _acronyms(definitions: list[Definition], user_file: Path | None) -> AcronymTable:
    """The built-in table, the corpus's definitions (as ``AcronymTable.learn`` adds
    them), then the user's file."""
    table = AcronymTable.builtin()
    for acronym, expansion, source in definitions:
        table.add(acronym, expansion, source)
    if user_file is not None and user_file.is_file():
        table.load(user_file)
    return table


# -- what it is built from ---------------------------------------------------------------


def corpus_of_units(documents: list[str], metadatas: list[dict[str, Any]]) -> Corpus:
    """The committed units as a corpus of clause lists, in the order a parse of their
    files gives: files by name, resolutions by line, clauses in document order (parents
    before their sub-clauses). Only IDs, texts, symbols and topics are filled in."""
    by_symbol: dict[str, list[int]] = {}
    for n, meta in enumerate(metadatas):
        by_symbol.setdefault(meta["symbol"], []).append(n)

    def where(symbol: str) -> tuple[str, int]:
        units = by_symbol[symbol]
        return metadatas[units[0]]["source"], min(metadatas[n]["line_start"] for n in units)

    resolutions = []
    for symbol in sorted(by_symbol, key=where):
        order = _document_order(by_symbol[symbol], metadatas)
        first = metadatas[order[0]]
        clauses = [
            Clause(
                metadatas[n]["clause_id"],
                metadatas[n]["kind"],
                documents[n],
                (metadatas[n]["line_start"], metadatas[n]["line_end"]),
            )
            for n in order
        ]
        lines = (clauses[0].lines[0], max(c.lines[1] for c in clauses))
        resolutions.append(
            Resolution(
                symbol,
                first["source"],
                lines,
                body=first.get("body") or None,
                topic=first.get("topic") or None,
                preambulatory=clauses,  # flat: clauses() gives them in this order
            )
        )
    return Corpus(resolutions)


def _document_order(units: list[int], metadatas: list[dict[str, Any]]) -> list[int]:
    """``units`` of one resolution depth first, siblings by line (then as stored)."""
    ids = {metadatas[n]["clause_id"] for n in units}
    children: dict[str, list[int]] = {}
    for n in units:
        parent = metadatas[n].get("parent") or ""
        children.setdefault(parent if parent in ids else "", []).append(n)

    def later_first(found: list[int]) -> list[int]:
        return sorted(found, key=lambda n: (metadatas[n]["line_start"], n), reverse=True)

    out: list[int] = []
    todo = later_first(children.get("", []))
    while todo:
        n = todo.pop()
        out.append(n)
        todo.extend(later_first(children.get(metadatas[n]["clause_id"], [])))
    return out


def definitions_in(corpus: Corpus) -> list[Definition]:
    """The acronym definitions written in the clauses, in the order ``learn`` reads them,
    that add to the built-in table (``new_to_builtin``)."""
    return new_to_builtin(
        (d.acronym, d.expansion, d.source)
        for res in corpus.resolutions
        for clause in res.clauses()
        if "(" in clause.text
        for d in find_definitions(clause.text, clause.id)
    )


# -- saving ------------------------------------------------------------------------------


def save_index(path: Path, search: MentionSearch, definitions: list[Definition]) -> None:
    """Write ``search`` (built over a corpus) to ``path`` through a temporary file."""
    parts = search.parts()
    assert isinstance(parts.clauses, ClauseLists)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        db = sqlite3.connect(tmp)
        try:
            _write_tables(db, parts, definitions)
            db.commit()
        finally:
            db.close()
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _forget_others(path)


def _write_tables(db: sqlite3.Connection, parts: MentionParts, definitions: list[Definition]):
    lists = parts.clauses
    assert isinstance(lists, ClauseLists)
    db.executescript(
        """
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE clauses (idx INTEGER PRIMARY KEY, clause_id TEXT, text TEXT,
                              grp INTEGER, words TEXT, offsets BLOB);
        CREATE TABLE postings (word TEXT PRIMARY KEY, ids BLOB) WITHOUT ROWID;
        CREATE TABLE surfaces (word TEXT PRIMARY KEY, forms TEXT) WITHOUT ROWID;
        """
    )
    db.executemany(
        "INSERT INTO clauses VALUES (?, ?, ?, ?, ?, ?)",
        (
            (n, cid, text, grp, _SEP.join(words), offsets.tobytes())
            for n, (cid, text, grp, words, offsets) in enumerate(lists.all_rows())
        ),
    )
    db.executemany(
        "INSERT INTO postings VALUES (?, ?)", ((w, a.tobytes()) for w, a in parts.postings.items())
    )
    db.executemany(
        "INSERT INTO surfaces VALUES (?, ?)",
        ((w, json.dumps(forms, ensure_ascii=False)) for w, forms in parts.surfaces.items()),
    )
    meta = {
        "format": FORMAT,
        "count": len(lists),
        "words": len(parts.postings),
        "symbols": parts.symbols,
        "titles": parts.titles,
        "compounds": parts.compounds,
        "definitions": definitions,
    }
    db.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        ((k, json.dumps(v, ensure_ascii=False)) for k, v in meta.items()),
    )


def _forget_others(kept: Path, keep_newest: int = 2) -> None:
    """Delete older mention indexes, keeping the ``keep_newest`` (a reader may still be
    opening the one before)."""
    others = sorted(
        (p for p in kept.parent.glob("mentions-*.sqlite") if p != kept),
        key=lambda p: p.stat().st_mtime_ns,
        reverse=True,
    )
    for old in others[keep_newest - 1 :]:
        old.unlink(missing_ok=True)


# -- reading -----------------------------------------------------------------------------


class _Database:
    """One read-only connection to a saved index, shared by threads one query at a time."""

    def __init__(self, path: Path) -> None:
        uri = f"file:{path.resolve()}?mode=ro&immutable=1"
        self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._lock = threading.Lock()

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()


def open_index(path: Path) -> tuple[MentionParts, list[Definition]]:
    """The parts of a saved index (clauses, postings and surfaces read on demand) and the
    acronym definitions written in its clauses."""
    db = _Database(path)
    meta = {k: json.loads(v) for k, v in db.query("SELECT key, value FROM meta")}
    if meta["format"] != FORMAT:
        raise ValueError(f"format {meta['format']}, not {FORMAT}")
    parts = MentionParts(
        _StoredClauses(db, int(meta["count"])),
        _StoredPostings(db, int(meta["words"])),
        {k: tuple(v) for k, v in meta["compounds"].items()},
        list(meta["symbols"]),
        dict(meta["titles"]),
        _StoredSurfaces(db),
    )
    return parts, [(str(a), str(e), str(s)) for a, e, s in meta["definitions"]]


def _chunks(positions: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(positions), _CHUNK):
        yield positions[start : start + _CHUNK]


def _in(chunk: Sequence[int]) -> str:
    return ",".join("?" * len(chunk))


def _words(joined: str) -> tuple[str, ...]:
    return tuple(joined.split(_SEP)) if joined else ()


class _StoredClauses:
    def __init__(self, db: _Database, count: int) -> None:
        self._db = db
        self._count = count

    def __len__(self) -> int:
        return self._count

    def rows(self, positions: Sequence[int]) -> list[ClauseRow]:
        found: dict[int, ClauseRow] = {}
        for chunk in _chunks(positions):
            sql = (
                "SELECT idx, clause_id, text, grp, words, offsets FROM clauses "
                f"WHERE idx IN ({_in(chunk)})"
            )
            for idx, cid, text, grp, words, blob in self._db.query(sql, chunk):
                offsets = array("I")
                offsets.frombytes(blob)
                found[idx] = (cid, text, grp, _words(words), offsets)
        return [found[i] for i in positions]

    def holding(self, needle: str, positions: Sequence[int]) -> list[int]:
        out = []
        for chunk in _chunks(positions):
            sql = f"SELECT idx, words FROM clauses WHERE idx IN ({_in(chunk)})"
            for idx, words in self._db.query(sql, chunk):
                if needle in f" {' '.join(_words(words))} ":
                    out.append(idx)
        return sorted(out)


class _StoredPostings(Mapping[str, array]):
    def __init__(self, db: _Database, count: int) -> None:
        self._db = db
        self._count = count
        self._read: dict[str, array | None] = {}

    def _get(self, word: str) -> array | None:
        if word not in self._read:
            got = self._db.query("SELECT ids FROM postings WHERE word = ?", (word,))
            found = None
            if got:
                found = array("I")
                found.frombytes(got[0][0])
            self._read[word] = found
        return self._read[word]

    def __getitem__(self, word: str) -> array:
        found = self._get(word)
        if found is None:
            raise KeyError(word)
        return found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._get(word) is not None

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[str]:
        return iter([w for (w,) in self._db.query("SELECT word FROM postings")])


class _StoredSurfaces(Mapping[str, list[str]]):
    def __init__(self, db: _Database) -> None:
        self._db = db

    def __getitem__(self, word: str) -> list[str]:
        got = self._db.query("SELECT forms FROM surfaces WHERE word = ?", (word,))
        if not got:
            raise KeyError(word)
        return list(json.loads(got[0][0]))

    def __len__(self) -> int:
        return int(self._db.query("SELECT COUNT(*) FROM surfaces")[0][0])

    def __iter__(self) -> Iterator[str]:
        return iter([w for (w,) in self._db.query("SELECT word FROM surfaces")])
