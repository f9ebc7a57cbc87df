"""Exhaustive mention search: seed ground truth, variants, highlights and rendering."""

from __future__ import annotations

import json
import random
import re

import pytest

from index.clause_tree import Clause, Corpus, Resolution
from index.search.acronyms import AcronymTable
from index.search.mention_results import excerpt, highlight
from index.search.mentions import MentionSearch
from index.wordforms import Tokenizer

AVRR_IDS = ["IOM/1/3 op 9", "IOM/1/4 op 8", "IOM/1/4 op 8(a)", "IOM/1/4 op 8(b)"]


@pytest.fixture(scope="module")
def index(seed_corpus):
    table = AcronymTable()
    table.learn(seed_corpus)
    return MentionSearch(seed_corpus, table)


def corpus_of(*resolutions: list[str | tuple[str, list[str]]]) -> Corpus:
    """Resolutions T/1, T/2, ... whose operative clauses have these texts; a (text, subs)
    pair gives a clause with sub-clauses."""
    out = []
    for n, clauses in enumerate(resolutions, start=1):
        ops = []
        for k, item in enumerate(clauses, start=1):
            text, subs = item if isinstance(item, tuple) else (item, [])
            cid = f"T/{n} op {k}"
            children = [
                Clause(f"{cid}({chr(97 + i)})", "subclause", s, (k, k), label=chr(97 + i))
                for i, s in enumerate(subs)
            ]
            ops.append(Clause(cid, "operative", text, (k, k), number=k, subclauses=children))
        out.append(Resolution(f"T/{n}", "test", (1, 1), operative=ops))
    return Corpus(out)


def brute_force(corpus: Corpus, pattern: str) -> list[str]:
    rx = re.compile(pattern, re.IGNORECASE)
    return [c.id for r in corpus.resolutions for c in r.clauses() if rx.search(c.text)]


def test_avrr_ground_truth(index):
    result = index.search("AVRR")
    assert result.clause_ids() == AVRR_IDS
    assert [symbol for symbol, _ in result.groups] == ["IOM/1/3", "IOM/1/4"]
    assert result.total == 4
    assert result.occurrences == 6


def test_spelled_out_query_finds_the_same_clauses(index):
    result = index.search("Assisted Voluntary Return and Reintegration")
    assert result.clause_ids() == AVRR_IDS
    assert "AVRR" in result.variants_searched


@pytest.mark.parametrize(
    "query", ["avrr", "AVRRs", "avrr's", "assisted voluntary return and reintegration"]
)
def test_case_and_plural_variants(index, query):
    assert index.search(query).clause_ids() == AVRR_IDS


def test_without_the_learned_acronym_only_literal_mentions(seed_corpus):
    bare = MentionSearch(seed_corpus, AcronymTable())
    assert bare.search("AVRR").clause_ids() == AVRR_IDS[1:]
    assert bare.search("Assisted Voluntary Return and Reintegration").clause_ids() == AVRR_IDS[:2]


def test_highlight_spans_cover_exactly_the_matched_words(index):
    hits = {h.clause_id: h for _, group in index.search("AVRR").groups for h in group}
    assert hits["IOM/1/3 op 9"].matched() == ["Assisted Voluntary Return and Reintegration"]
    assert hits["IOM/1/4 op 8"].matched() == ["Assisted Voluntary Return and Reintegration", "AVRR"]
    assert hits["IOM/1/4 op 8(a)"].matched() == ["AVRR"]
    assert hits["IOM/1/4 op 8(b)"].matched() == ["AVRR", "AVRR"]
    for hit in hits.values():
        snippet_words = [hit.snippet[s:e] for s, e in hit.snippet_spans]
        assert snippet_words == hit.matched()


def test_render_text_groups_under_resolution_headers(index):
    text = index.search("AVRR").render_text()
    lines = text.splitlines()
    assert lines[0].startswith("4 clauses in 2 resolutions mention 'AVRR'")
    assert any(ln.startswith("IOM/1/4  Protecting Migrants") for ln in lines)
    line = next(ln for ln in lines if "IOM/1/4 op 8(a)" in ln)
    assert "…framework for the delivery of «AVRR» in Member States" in line
    assert text.index("IOM/1/3 op 9") < text.index("IOM/1/4 op 8")


def test_unknown_term_says_so_plainly(index):
    result = index.search("XYZ")
    assert result.groups == []
    assert result.total == 0
    assert result.message.startswith("no clause in the corpus mentions 'XYZ' (also searched: ")
    assert "XYZs" in result.message
    assert "XYZs" in result.variants_searched


def test_query_without_words(index):
    result = index.search(" ?! ")
    assert result.total == 0
    assert "has no words" in result.message


def test_plural_and_singular_of_query_words(index, seed_corpus):
    expected = brute_force(seed_corpus, r"\bshelters?\b")
    assert index.search("shelter").clause_ids() == expected
    assert index.search("shelters").clause_ids() == expected
    assert "shelters" in index.search("shelter").variants_searched
    assert len(expected) == 8


def test_british_and_american_spelling(index, seed_corpus):
    expected = brute_force(seed_corpus, r"\bprogram(me)?s?\b")
    assert index.search("programme").clause_ids() == expected
    assert index.search("programs").clause_ids() == expected
    assert "programs/seminars" in " ".join(
        h.text for _, g in index.search("programme").groups for h in g
    )
    assert index.search("labour").clause_ids() == brute_force(seed_corpus, r"\blabou?r\b")


def test_hyphen_variants_on_seed(index, seed_corpus):
    expected = brute_force(seed_corpus, r"\banti[- ]?trafficking\b")
    assert len(expected) == 11
    for query in ("anti-trafficking", "anti trafficking", "antitrafficking", "Anti-Trafficking"):
        assert index.search(query).clause_ids() == expected, query


def test_phrase_across_hyphen_and_line_wrap_variants():
    corpus = corpus_of(
        [
            "a national anti-trafficking education plan",
            "an anti trafficking   education\nplan for schools",
            "antitrafficking education plans",
            "anti-trafficking. Education plans",
            "anti-trafficking, education plans",
            "education plans against trafficking",
        ]
    )
    index = MentionSearch(corpus, AcronymTable())
    expected = ["T/1 op 1", "T/1 op 2", "T/1 op 3"]
    for query in ("anti-trafficking education plan", "antitrafficking education plans"):
        result = index.search(query)
        assert result.clause_ids() == expected, query
    hit = index.search("anti trafficking education plan").groups[0][1][1]
    assert hit.matched() == ["anti trafficking   education\nplan"]


def test_prefix_split_needs_the_rest_to_be_a_corpus_word():
    corpus = corpus_of(["non discrimination applies", "nondiscrimination applies"])
    index = MentionSearch(corpus, AcronymTable())
    assert index.search("nondiscrimination").clause_ids() == ["T/1 op 1", "T/1 op 2"]
    assert index.search("non-discrimination").clause_ids() == ["T/1 op 1", "T/1 op 2"]


def test_subclause_hit_is_its_own_id_not_the_parent():
    corpus = corpus_of(
        [
            ("Requests Member States to provide:", ["shelters for victims;", "legal aid;"]),
            ("Calls for shelter capacity, including:", ["more shelters;"]),
        ]
    )
    index = MentionSearch(corpus, AcronymTable())
    assert index.search("shelter").clause_ids() == ["T/1 op 1(a)", "T/1 op 2", "T/1 op 2(a)"]


def test_user_added_acronym(seed_corpus):
    table = AcronymTable()
    table.learn(seed_corpus)
    table.add("TIP", "trafficking in persons")
    index = MentionSearch(seed_corpus, table)
    expected = brute_force(seed_corpus, r"\bTIP\b|trafficking in persons?\b")
    result = index.search("TIP")
    assert result.clause_ids() == expected
    assert len(expected) > 5
    assert "trafficking in persons" in result.variants_searched


def test_acronym_file_then_search(seed_corpus, tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('VoT = ["victims of trafficking"]\n', "utf-8")
    table = AcronymTable()
    table.load(path)
    index = MentionSearch(seed_corpus, table)
    expected = brute_force(seed_corpus, r"\bvictims? of trafficking\b")
    assert index.search("VoT").clause_ids() == expected
    assert expected


def test_plural_acronym_in_text_and_long_forms(index, seed_corpus):
    result = index.search("NGO")
    expected = brute_force(seed_corpus, r"\bNGO'?s?\b|\bnon-?governmental organi[sz]ations?\b")
    assert result.clause_ids() == expected
    pre7 = next(h for _, g in result.groups for h in g if h.clause_id == "IOM/1/1 pre 7")
    assert pre7.matched() == ["nongovernmental organizations", "NGOs"]


def test_capitals_only_for_acronyms_that_are_ordinary_words():
    corpus = corpus_of(["following WHO guidelines", "victims who testify", "the Who report"])
    index = MentionSearch(corpus, AcronymTable())
    assert index.search("WHO").clause_ids() == ["T/1 op 1"]
    assert index.search("who").clause_ids() == ["T/1 op 1", "T/1 op 2", "T/1 op 3"]
    assert "WHO in capitals only" in index.search("WHO").message
    assert index.search("VICTIMS WHO TESTIFY").clause_ids() == ["T/1 op 2"]


def test_to_dict_is_json(index):
    data = json.loads(json.dumps(index.search("AVRR").to_dict()))
    assert data["total"] == 4
    assert [g["symbol"] for g in data["groups"]] == ["IOM/1/3", "IOM/1/4"]
    hit = data["groups"][1]["hits"][1]
    assert hit["clause_id"] == "IOM/1/4 op 8(a)"
    s, e = hit["spans"][0]
    assert hit["text"][s:e] == "AVRR"
    s, e = hit["snippet_spans"][0]
    assert hit["snippet"][s:e] == "AVRR"


def test_highlight_styles():
    text = "a <b> & AVRR here"
    spans = ((8, 12),)
    assert highlight(text, spans) == "a <b> & «AVRR» here"
    assert highlight(text, spans, "html") == "a &lt;b&gt; &amp; <mark>AVRR</mark> here"
    assert highlight(text, spans, "ansi") == "a <b> & \x1b[1;33mAVRR\x1b[0m here"
    with pytest.raises(ValueError, match="unknown highlight style"):
        highlight(text, spans, "neon")


def test_excerpt_cuts_at_spaces_and_joins_far_apart_matches():
    text = " ".join(f"w{i}" for i in range(60))
    first, last = text.index("w5 "), text.index("w55")
    spans = ((first, first + 2), (last, last + 3))
    snippet, moved = excerpt(text, spans, context=10)
    assert snippet.startswith("…w2 ") and snippet.endswith(" w57…")
    assert " … " in snippet
    assert [snippet[s:e] for s, e in moved] == ["w5", "w55"]


def test_exhaustive_against_brute_force_on_recombined_clauses(seed_corpus):
    seeds = [c.text for r in seed_corpus.resolutions for c in r.clauses()]
    rng = random.Random(3)
    texts = []
    for _ in range(3000):
        a, b = rng.choice(seeds).split(" "), rng.choice(seeds).split(" ")
        texts.append(" ".join(a[: len(a) // 2] + b[len(b) // 2 :]))
    corpus = corpus_of(texts[:1500], texts[1500:])
    table = AcronymTable()
    table.add("AVRR", "Assisted Voluntary Return and Reintegration")
    index = MentionSearch(corpus, table)
    expected = brute_force(corpus, r"\bAVRRs?\b|Assisted Voluntary Return and Reintegration\b")
    assert index.search("AVRR").clause_ids() == expected
    assert len(expected) > 10
    for word in ("trafficking", "victim", "Member", "shelter"):
        assert index.search(word).clause_ids() == brute_force(corpus, rf"\b{word}s?\b"), word


def test_tokenizer_is_shared_and_index_has_every_clause(seed_corpus):
    tok = Tokenizer()
    index = MentionSearch(seed_corpus, AcronymTable(tok), tok)
    assert len(index) == sum(len(r.clauses()) for r in seed_corpus.resolutions)


def test_many_alternatives_still_exhaustive():
    table = AcronymTable()
    for k in range(9):
        table.add(f"QX{k}", f"alpha{k} beta{k}")
    long_form = " ".join(f"alpha{k} beta{k}" if k % 2 else f"QX{k}" for k in range(9))
    corpus = corpus_of([long_form, "QX0 QX1 QX2", "unrelated text"])
    index = MentionSearch(corpus, table)
    result = index.search(" ".join(f"QX{k}" for k in range(9)))  # 2**9 paths
    assert result.clause_ids() == ["T/1 op 1"]
    assert result.groups[0][1][0].matched() == [long_form]
    assert result.variants_searched
