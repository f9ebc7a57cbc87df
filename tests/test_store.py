"""The persistent clause store: incremental, crash-safe ingest and hybrid search."""

from __future__ import annotations

import shutil

import pytest

from index.embedding.hashed import HashEmbedder
from index.errors import ConfigurationError
from index.parsing.parser import default_corpus_dir
from index.search.hybrid import Filters, HybridSearch
from index.search.langchain_retriever import ClauseRetriever
from index.store.clause_store import ClauseStore, store_status
from index.store.records import resolution_hash, units_of

GA = "001_8a08a27f7d9bd727.txt"
IOM = "000_573e74ea5cfc3ccf.txt"


@pytest.fixture()
def corpus_dir(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in (GA, IOM):
        shutil.copy(default_corpus_dir() / name, folder / name)
    return folder


def open_store(path) -> ClauseStore:
    emb = HashEmbedder()
    return ClauseStore.open_local(path, emb, emb.model_id)


def test_first_ingest_indexes_every_clause(tmp_path, corpus_dir, seed_corpus):
    store = open_store(tmp_path / "db")
    result = store.sync([corpus_dir])
    assert sorted(result.added) == sorted(r.symbol for r in seed_corpus.resolutions)
    assert result.units_written == len(seed_corpus.by_id()) == 297
    ids = {m["clause_id"] for m in store.committed_records(False)["metadatas"]}
    assert ids == set(seed_corpus.by_id())


def test_metadata_of_a_sub_clause(tmp_path, corpus_dir):
    store = open_store(tmp_path / "db")
    store.sync([corpus_dir])
    metas = {m["clause_id"]: m for m in store.committed_records(False)["metadatas"]}
    m = metas["IOM/1/4 op 8(a)"]
    assert (m["symbol"], m["kind"], m["parent"], m["number"]) == (
        "IOM/1/4",
        "subclause",
        "IOM/1/4 op 8",
        8,
    )
    assert (m["line_start"], m["line_end"]) == (917, 917)
    assert m["body"] == "International Organization for Migration"
    assert metas["IOM/1/4 op 8"]["phrase"] == "Further Recommends"


def test_unchanged_files_do_no_work(tmp_path, corpus_dir, monkeypatch):
    store = open_store(tmp_path / "db")
    store.sync([corpus_dir])

    def boom(*a, **k):
        raise AssertionError("parsed or embedded an unchanged file")

    monkeypatch.setattr("index.parsing.parser.Parser.parse_file", boom)
    monkeypatch.setattr(store.embedder, "embed_documents", boom)
    result = open_store(tmp_path / "db").sync([corpus_dir])
    assert len(result.unchanged_files) == 2 and result.units_written == 0


def test_changed_file_replaces_only_the_changed_resolution(tmp_path, corpus_dir):
    store = open_store(tmp_path / "db")
    store.sync([corpus_dir])
    path = corpus_dir / GA
    path.write_text(
        path.read_text("utf-8").replace(
            "Designates that an international traffic hotline", "Designates that a global hotline"
        ),
        "utf-8",
    )
    result = store.sync([corpus_dir])
    assert result.replaced == ["GA/3/1.1"] and not result.added
    assert result.unchanged_files == [str((corpus_dir / IOM).resolve())]
    records = store.committed_records(False)
    texts = dict(
        zip([m["clause_id"] for m in records["metadatas"]], records["documents"], strict=True)
    )
    assert texts["GA/3/1.1 op 1"].startswith("Designates that a global hotline")
    assert len(store.units.get()["ids"]) == 297  # the old generation is gone


def test_removed_resolution_and_removed_file(tmp_path, corpus_dir):
    store = open_store(tmp_path / "db")
    store.sync([corpus_dir])
    store.remove("IOM/1/2")
    assert "IOM/1/2" not in store.manifest()
    assert not store.units.get(where={"symbol": "IOM/1/2"})["ids"]
    (corpus_dir / GA).unlink()
    result = store.sync([corpus_dir])
    assert "GA/3/1.1" in result.removed
    assert "IOM/1/2" in result.added  # the file still holds it: it comes back
    assert not store.units.get(where={"symbol": "GA/3/1.1"})["ids"]


def test_interrupted_ingest_keeps_the_old_state_and_is_repaired(tmp_path, corpus_dir, seed_corpus):
    store = open_store(tmp_path / "db")
    store.sync([corpus_dir])
    before = HybridSearch.from_store(store).hybrid("hotline", 3)
    # what a run killed between writing a new generation and committing it leaves:
    res = next(r for r in seed_corpus.resolutions if r.symbol == "GA/3/1.1")
    res.operative[0].text = "Designates something else entirely;"
    store._mark_dirty(True)
    store.write_units(units_of(res, resolution_hash(res)))
    assert store_status(store, [corpus_dir]).interrupted
    after = HybridSearch.from_store(open_store(tmp_path / "db")).hybrid("hotline", 3)
    assert [h.clause_id for h in after] == [h.clause_id for h in before]
    result = open_store(tmp_path / "db").sync([corpus_dir])
    assert result.repaired == len(units_of(res, "x"))
    status = store_status(open_store(tmp_path / "db"), [corpus_dir])
    assert status.consistent and not status.interrupted


def test_status_reports_changed_and_new_files(tmp_path, corpus_dir):
    store = open_store(tmp_path / "db")
    store.sync([corpus_dir / GA])
    status = store_status(store, [corpus_dir])
    assert status.file_states[str((corpus_dir / IOM).resolve())] == "not indexed"
    assert not status.consistent


def test_a_different_embedder_is_refused(tmp_path, corpus_dir):
    open_store(tmp_path / "db").sync([corpus_dir])
    with pytest.raises(ConfigurationError, match="built with embedder 'hash-384'"):
        ClauseStore.open_local(tmp_path / "db", HashEmbedder(), "all-MiniLM-L6-v2")


def test_bad_file_is_reported_and_the_rest_indexed(tmp_path, corpus_dir):
    (corpus_dir / "broken.txt").write_bytes(b"\x00\x01")
    result = open_store(tmp_path / "db").sync([corpus_dir])
    assert len(result.added) == 5
    assert "broken.txt:1: binary data" in str(result.errors[0])


def test_hybrid_search_filters_and_retriever(tmp_path, corpus_dir):
    store = open_store(tmp_path / "db")
    store.sync([corpus_dir])
    index = HybridSearch.from_store(store, tmp_path / "cache")
    hits = index.hybrid("financial literacy programs for migrants", 5)
    assert hits[0].clause_id == "IOM/1/1 op 4"
    only = index.hybrid("training", 10, Filters(resolution=["IOM/1/2"], kind=["operative"]))
    assert only and all(
        h.clause_id.startswith("IOM/1/2 op") and "(" not in h.clause_id for h in only
    )
    docs = ClauseRetriever(index=index, k=3).invoke("financial literacy for migrants")
    assert docs[0].metadata["id"] == "IOM/1/1 op 4" and docs[0].metadata["line_start"] == 81
    cached = HybridSearch.from_store(store, tmp_path / "cache")  # from the cache files
    assert [h.clause_id for h in cached.hybrid("financial literacy programs for migrants", 5)] == [
        h.clause_id for h in hits
    ]


def test_search_with_no_match_returns_nothing_lexical(tmp_path, corpus_dir):
    store = open_store(tmp_path / "db")
    store.sync([corpus_dir])
    index = HybridSearch.from_store(store)
    assert index.lexical("zzyzx qwerty", 5) == []
