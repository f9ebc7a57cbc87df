"""The read indexes kept on disk answer exactly as the in-memory engines built over the
parsed corpus, and are what a read loads (no source parsed again)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from bench.synthetic import write_corpus
from index.clause_tree import Corpus
from index.embedding.hashed import HashEmbedder
from index.parsing.parser import default_corpus_dir, parse_paths
from index.search import mention_store
from index.search.acronyms import AcronymTable
from index.search.hybrid import Filters, HybridSearch
from index.search.mention_store import corpus_of_units, index_path, mention_search
from index.search.mentions import MentionSearch
from index.search.ranked_store import StoredUnits, ranked_search
from index.store.clause_store import ClauseStore

QUERIES = [
    "AVRR",
    "Assisted Voluntary Return and Reintegration",
    "shelter",
    "anti-trafficking",
    "antitrafficking",
    "human trafficking",
    "trafficking in persons",
    "WHO",
    "Member States",
    "programmes",
    "IOM",
    "Zanzibar",
    "the",
]


def open_store(path) -> ClauseStore:
    emb = HashEmbedder()
    return ClauseStore.open_local(path, emb, emb.model_id)


def in_memory(corpus: Corpus) -> MentionSearch:
    """What `clausewright mentions` built on every call before: over the parsed corpus."""
    table = AcronymTable.builtin()
    table.learn(corpus)
    return MentionSearch(corpus, table)


def some_words(corpus: Corpus, n: int, seed: int = 5) -> list[str]:
    words = sorted({w for r in corpus.resolutions for c in r.clauses() for w in c.text.split()})
    return random.Random(seed).sample(words, min(n, len(words)))


def assert_same_answers(old: MentionSearch, new: MentionSearch, queries: list[str]) -> None:
    assert len(new) == len(old)
    for query in queries:
        assert new.search(query).to_dict() == old.search(query).to_dict(), query
        assert new.knows(query) == old.knows(query), query


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("seeds") / "db")
    store.sync([default_corpus_dir()])
    return store


def test_units_give_back_the_corpus_order(seed_store, seed_corpus):
    got = seed_store.committed_records(include_embeddings=False)
    rebuilt = corpus_of_units(got["documents"], got["metadatas"])
    assert [r.symbol for r in rebuilt.resolutions] == [r.symbol for r in seed_corpus.resolutions]
    assert [(c.id, c.text) for r in rebuilt.resolutions for c in r.clauses()] == [
        (c.id, c.text) for r in seed_corpus.resolutions for c in r.clauses()
    ]


def test_saved_mention_index_answers_as_the_parsed_corpus_on_the_seeds(
    seed_store, seed_corpus, tmp_path
):
    old = in_memory(seed_corpus)
    built = mention_search(seed_store, tmp_path)  # built from the units and saved
    assert index_path(tmp_path, seed_store.fingerprint()).is_file()
    loaded = mention_search(seed_store, tmp_path)  # read from the file
    assert type(loaded._clauses).__name__ == "_StoredClauses"
    queries = QUERIES + some_words(seed_corpus, 150)
    assert_same_answers(old, built, queries)
    assert_same_answers(old, loaded, queries)


def test_saved_mention_index_answers_as_the_parsed_corpus_on_a_synthetic_corpus(tmp_path):
    folder = tmp_path / "syn"
    write_corpus(folder, 3000, per_file=10)
    store = open_store(tmp_path / "db")
    assert not store.sync([folder]).errors
    corpus = parse_paths([folder]).corpus
    mention_search(store, tmp_path / "cache")
    loaded = mention_search(store, tmp_path / "cache")
    assert_same_answers(in_memory(corpus), loaded, QUERIES + some_words(corpus, 200))


def test_a_failed_save_leaves_no_index_and_the_search_still_answers(
    seed_store, tmp_path, monkeypatch
):
    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(mention_store, "_write_tables", fail)
    search = mention_search(seed_store, tmp_path)
    assert [h.clause_id for g in search.search("AVRR").groups for h in g[1]]
    assert not list(tmp_path.iterdir())  # neither the index nor a temporary file


def test_mentions_after_ingest_parse_no_source(data_dir, monkeypatch, capsys):
    from assistant.cli import main

    assert main(["ingest"]) == 0
    assert list((data_dir / "cache").glob("mentions-*.sqlite"))  # built by the ingest

    def no_parsing(*args, **kwargs):
        raise AssertionError("a read parsed the sources")

    monkeypatch.setattr("index.store.source_reading.parse_sources", no_parsing)
    monkeypatch.setattr("assistant.workspace.parse_sources", no_parsing)
    capsys.readouterr()
    assert main(["mentions", "AVRR", "--json"]) == 0
    assert '"IOM/1/4 op 8(b)"' in capsys.readouterr().out


# -- ranked search ------------------------------------------------------------------------

SEARCHES = [
    ("financial literacy programs for migrants", None),
    ("AVRR", None),
    ("assisted voluntary return", None),
    ("hotline for victims", None),
    ("watchlist", None),
    ("training", Filters(resolution=["IOM/1/2"], kind=["subclause"])),
    ("trafficking", Filters(body="third", phrase="urges")),
    ("Zanzibar", None),
]


def assert_same_ranking(old: HybridSearch, new: HybridSearch, queries) -> None:
    assert len(new) == len(old)
    for query, filters in queries:
        for mode in ("hybrid", "rrf", "lexical", "dense"):
            got = [h.to_dict() for h in new.search(query, 10, filters, mode)]
            assert got == [h.to_dict() for h in old.search(query, 10, filters, mode)], query
        assert new.expand(query) == old.expand(query)


def test_saved_search_index_ranks_as_the_in_memory_search_on_the_seeds(seed_store, tmp_path):
    old = HybridSearch.from_store(seed_store)  # what every CLI call built before
    ranked_search(seed_store, tmp_path)  # built and saved
    new = ranked_search(seed_store, tmp_path)  # memory-mapped from the folder
    assert isinstance(new._units, StoredUnits) and isinstance(new.vectors, np.memmap)
    assert_same_ranking(old, new, SEARCHES)
    cid = "IOM/1/4 op 8(a)"
    assert new.record(cid) == old.record(cid)
    vec = old.query_vector("return and reintegration")
    assert new.cosine(cid, vec) == pytest.approx(old.cosine(cid, vec))
    assert new.rarity("hotline") == old.rarity("hotline")
    assert new.clause_ids == old.clause_ids and new.lexical_texts() == old.lexical_texts()


def test_saved_search_index_ranks_as_the_in_memory_search_on_a_synthetic_corpus(tmp_path):
    folder = tmp_path / "syn"
    write_corpus(folder, 3000, per_file=10)
    store = open_store(tmp_path / "db")
    assert not store.sync([folder]).errors
    old = HybridSearch.from_store(store)
    ranked_search(store, tmp_path / "cache")
    new = ranked_search(store, tmp_path / "cache")
    assert isinstance(new._units, StoredUnits)
    words = some_words(parse_paths([folder]).corpus, 30, seed=9)
    queries = [(" ".join(words[n : n + 3]), None) for n in range(0, 30, 3)]
    assert_same_ranking(old, new, SEARCHES + queries)


def test_a_failed_save_of_the_search_index_leaves_nothing(seed_store, tmp_path, monkeypatch):
    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(np, "save", fail)
    assert ranked_search(seed_store, tmp_path).hybrid("hotline", 3)
    assert not list(tmp_path.iterdir())


def test_search_after_ingest_loads_no_record(data_dir, monkeypatch, capsys):
    from assistant.cli import main

    assert main(["ingest"]) == 0
    assert list((data_dir / "cache").glob("ranked-*/bm25"))  # built by the ingest

    def refuse(*args, **kwargs):
        raise AssertionError("a read loaded every record")

    monkeypatch.setattr(ClauseStore, "committed_records", refuse)
    capsys.readouterr()
    assert main(["search", "financial literacy programs for migrants", "-k", "3"]) == 0
    assert "IOM/1/1 op" in capsys.readouterr().out
