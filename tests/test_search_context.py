"""What ranked search indexes around a clause, query expansion, stale vectors, splits.

Fast: the seed corpus with the hash embedder (no model).
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from eval.suite_retrieval import RetrievalSuite
from index.embedding.hashed import HashEmbedder
from index.search.acronyms import AcronymTable
from index.search.hybrid import HybridSearch, embed_outdated
from index.store import records
from index.store.records import (
    CONTEXT_WORDS,
    EMBED_TEXT_VERSION,
    embed_text,
    resolution_hash,
    units_from_stored,
    units_of,
)


@pytest.fixture(scope="module")
def units(seed_corpus):
    out = {}
    for res in seed_corpus.resolutions:
        out.update({u.metadata["clause_id"]: u for u in units_of(res, resolution_hash(res))})
    return out


@pytest.fixture(scope="module")
def seed_index(units):
    got = list(units.values())
    vectors = np.asarray(HashEmbedder().embed_documents([u.embed_text for u in got]))
    return HybridSearch([u.text for u in got], [u.metadata for u in got], vectors, HashEmbedder())


# -- what is embedded ----------------------------------------------------------------------


def test_a_sub_clause_is_embedded_after_every_chapeau_it_sits_in(units):
    sub = units["IOM/1/1 op 9(a)(ii)"]
    chapeau, middle = units["IOM/1/1 op 9"].text, units["IOM/1/1 op 9(a)"].text
    assert sub.embed_text.startswith(chapeau)
    assert middle in sub.embed_text  # the sub-clause's own chapeau, not only the top one
    assert sub.embed_text.endswith(sub.text)
    assert chapeau not in sub.text  # what is stored and shown stays the clause's own text


def test_a_chapeau_is_embedded_with_the_sub_clauses_it_introduces(units):
    chapeau = units["IOM/1/1 op 11"]
    assert chapeau.embed_text.startswith(chapeau.text)
    for letter in "abc":
        assert units[f"IOM/1/1 op 11({letter})"].text in chapeau.embed_text
    assert "Special Enforcement Zone" not in units["IOM/1/1 op 12"].embed_text


def test_a_long_chapeau_gives_its_opening_words_only():
    long = " ".join(f"w{n}" for n in range(CONTEXT_WORDS + 10))
    text = embed_text("own words;", [long])
    assert text.startswith(" ".join(long.split()[:CONTEXT_WORDS]) + " …")
    assert f"w{CONTEXT_WORDS}" not in text.split()
    assert text.endswith("own words;")


def test_embedded_text_rebuilt_from_the_store_is_the_same(seed_corpus):
    for res in seed_corpus.resolutions:
        made = units_of(res, resolution_hash(res))
        back = units_from_stored(
            [u.id for u in made], [u.text for u in made], [u.metadata for u in made]
        )
        assert [u.embed_text for u in back] == [u.embed_text for u in made]


def test_the_embedding_recipe_is_part_of_the_resolution_hash(seed_corpus, monkeypatch):
    res = seed_corpus.resolutions[0]
    before = resolution_hash(res)
    monkeypatch.setattr(records, "EMBED_TEXT_VERSION", EMBED_TEXT_VERSION + 1)
    assert resolution_hash(res) != before  # a re-synced file is embedded again


# -- vectors embedded under an older recipe ------------------------------------------------


def test_outdated_vectors_are_embedded_again(units):
    emb = HashEmbedder()
    got = list(units.values())
    texts = [u.text for u in got]
    old = [{k: v for k, v in u.metadata.items() if k != "embed_version"} for u in got]
    old_vectors = np.asarray(emb.embed_documents(texts), np.float32)  # version 1 embedded less
    metas, vectors = embed_outdated(texts, old, old_vectors, emb)
    want = np.asarray(emb.embed_documents([u.embed_text for u in got]), np.float32)
    assert np.allclose(vectors, want)
    assert all(m["embed_version"] == EMBED_TEXT_VERSION for m in metas)
    current = [u.metadata for u in got]
    assert embed_outdated(texts, current, want, emb)[1] is want  # nothing to do


class CountingEmbedder(HashEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.documents = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.documents += len(texts)
        return super().embed_documents(texts)


def test_an_index_built_by_an_earlier_version_is_searched_as_if_built_now(units, tmp_path):
    got = list(units.values())
    emb = CountingEmbedder()
    old_store = SimpleNamespace(
        embedder=emb,
        fingerprint=lambda: "f1",
        committed_records=lambda: {
            "ids": [u.id for u in got],
            "documents": [u.text for u in got],
            "metadatas": [
                {k: v for k, v in u.metadata.items() if k != "embed_version"} for u in got
            ],
            "embeddings": np.asarray(HashEmbedder().embed_documents([u.text for u in got])),
        },
    )
    index = HybridSearch.from_store(old_store, tmp_path / "cache")
    assert emb.documents == len(got)
    fresh = np.asarray(HashEmbedder().embed_documents([u.embed_text for u in got]))
    assert np.allclose(index.vectors, fresh, atol=1e-6)
    again = HybridSearch.from_store(old_store, tmp_path / "cache")  # the cache kept them
    assert emb.documents == len(got) and np.allclose(again.vectors, fresh, atol=1e-6)
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [f"view-f1-e{EMBED_TEXT_VERSION}"]


# -- the lexical leg -----------------------------------------------------------------------


def test_bm25_indexes_a_chapeau_with_its_sub_clauses(seed_index):
    texts = dict(zip(seed_index.clause_ids, seed_index.lexical_texts(), strict=True))
    assert "Interpol watch list" in texts["IOM/1/3 op 11"]
    assert "Interpol watch list" not in texts["IOM/1/3 op 11(a)"]
    hits = seed_index.lexical("politically exposed persons watch lists", 3)
    assert "IOM/1/3 op 11" in [seed_index.clause_ids[i] for i, _ in hits]


def test_query_expansion_adds_long_forms_and_acronyms(seed_index):
    assert "International Court of Justice" in seed_index.expand("send violators to the ICJ")
    assert "Temporary Safety Status" in seed_index.expand("TSS for people fleeing conflict")
    assert "INTERPOL" in seed_index.expand("the International Criminal Police Organization")
    assert seed_index.expand("who helps the victims") == []  # "who" is not WHO


def test_an_acronym_finds_a_clause_that_only_writes_the_long_form(seed_index):
    assert "TSS" not in seed_index.record("IOM/1/3 op 4")[0]  # "Temporary Safety Status"
    found = [seed_index.clause_ids[i] for i, _ in seed_index.lexical("TSS", 10)]
    assert "IOM/1/3 op 4" in found


def test_compounds_written_apart_or_together(seed_index):
    assert "watch list" in seed_index.expand("terrorist watchlist")
    assert "hotline" in seed_index.expand("a hot line for victims")
    assert seed_index.expand("manage money") == []  # no split into short pieces


def test_an_injected_acronym_table_is_used(units):
    table = AcronymTable()
    table.add("XYZ", "extraordinary zonal yield")
    got = list(units.values())[:3]
    index = HybridSearch(
        [u.text for u in got], [u.metadata for u in got], np.ones((3, 4)), HashEmbedder(), table
    )
    assert index.expand("XYZ") == ["extraordinary zonal yield"]


def test_acronym_table_query_expansions():
    table = AcronymTable.builtin()
    assert table.query_expansions("NGOs and the UN") == [
        "non-governmental organization",
        "United Nations",
    ]
    assert table.query_expansions("non-governmental organisations") == ["NGO"]
    assert table.query_expansions("who") == []


# -- the suite reports each split ----------------------------------------------------------


class FakeIndex:
    def __init__(self, rankings):
        self.rankings = rankings

    def search(self, query, k=10, mode="hybrid"):
        return [SimpleNamespace(clause_id=i) for i in self.rankings.get(query, [])[:k]]


def test_retrieval_suite_reports_tune_and_report_splits():
    cases = [
        {"id": "a", "split": "tune", "query": "q1", "relevant": ["A"]},
        {"id": "b", "split": "report", "query": "q2", "relevant": ["B", "C"]},
        {"id": "c", "query": "q3", "relevant": ["D"]},  # no split: report
    ]
    index = FakeIndex({"q1": ["A"], "q2": ["x", "B"], "q3": []})
    result = RetrievalSuite(index, modes=("hybrid", "lexical")).run(cases)
    m = result.metrics
    assert m["tune_recall_at_10"] == 1.0 and m["tune_mrr"] == 1.0
    assert m["report_recall_at_10"] == pytest.approx((0.5 + 0.0) / 2)
    assert m["report_mrr"] == pytest.approx(0.25)
    assert m["report_lexical_recall_at_10"] == pytest.approx(0.25)
    assert m["recall_at_10"] == pytest.approx((1 + 0.5 + 0) / 3)
    assert result.info["splits"] == {"tune": 1, "report": 2}
    assert [c["split"] for c in result.cases] == ["tune", "report", "report"]
