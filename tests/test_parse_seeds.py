"""The parser against the hand-checked gold file of the five seed resolutions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.clause_tree import Corpus
from index.parsing.parser import default_corpus_dir

GOLD = json.loads((Path(__file__).parent / "gold" / "seeds.json").read_text("utf-8"))

COUNTS = {  # ground truth given with the seeds: preambulatory / top-level operative
    "IOM/1/1": (14, 20),
    "IOM/1/2": (16, 12),
    "IOM/1/3": (8, 13),
    "IOM/1/4": (17, 18),
    "GA/3/1.1": (9, 15),
}


def test_every_seed_resolution_is_found_in_order(seed_corpus):
    assert [r.symbol for r in seed_corpus.resolutions] == list(COUNTS)


@pytest.mark.parametrize("symbol", list(COUNTS))
def test_clause_counts(seed_corpus, symbol):
    res = next(r for r in seed_corpus.resolutions if r.symbol == symbol)
    assert (len(res.preambulatory), len(res.operative)) == COUNTS[symbol]
    assert GOLD[symbol]["counts"] == {
        "preambulatory": COUNTS[symbol][0],
        "operative": COUNTS[symbol][1],
    }


@pytest.mark.parametrize("symbol", list(COUNTS))
def test_every_gold_field(seed_corpus, symbol):
    res = next(r for r in seed_corpus.resolutions if r.symbol == symbol)
    gold = GOLD[symbol]
    assert Path(res.source).name == gold["file"]
    assert (res.body, res.topic, res.sponsors) == (gold["body"], gold["topic"], gold["sponsors"])
    assert (res.opening, res.opening_line) == (gold["opening"], gold["opening_line"])
    got = [
        {
            "id": c.id,
            "phrase": c.phrase,
            "first_words": " ".join(c.text.split()[:5]),
            "labels": [s.label for s in c.subclauses],
            "lines": list(c.lines),
        }
        for c in res.clauses()
    ]
    assert got == gold["clauses"]


def test_gold_line_spans_point_at_the_clause_text():
    """Independent of the parser: each gold span starts on a line holding the first words."""
    lines = {p.name: p.read_text("utf-8").split("\n") for p in default_corpus_dir().glob("*.txt")}
    for gold in GOLD.values():
        source = lines[gold["file"]]
        for clause in gold["clauses"]:
            first = source[clause["lines"][0] - 1].replace("*", "")
            assert clause["first_words"].split()[0] in first, clause["id"]


def test_examples_from_the_issue(seed_corpus):
    by_id = seed_corpus.by_id()
    assert by_id["IOM/1/4 op 8"].phrase == "Further Recommends"
    assert by_id["IOM/1/4 op 8(a)"].text.startswith("Constructing a comprehensive")
    assert by_id["IOM/1/1 op 9(a)(ii)"].text.startswith("Mirroring imprisonment programs")
    assert by_id["GA/3/1.1 pre 2"].phrase == "Confident"
    assert by_id["GA/3/1.1 pre 7"].phrase == "Noting with deep concern"  # longest match
    assert by_id["IOM/1/1 pre 5"].phrase == "Taking into consideration"
    assert by_id["IOM/1/1 op 6"].phrase == "Further calls for"


def test_wrapped_lines_and_page_breaks_are_joined(seed_corpus):
    clause = seed_corpus.by_id()["IOM/1/1 pre 13"]  # a blank page break inside the clause
    assert "160,000 people migrating to Europe through Mediterranean channels" in clause.text
    assert clause.lines == (57, 61)


def test_italic_titles_are_not_phrases(seed_corpus):
    clause = seed_corpus.by_id()["IOM/1/3 pre 7"]
    assert clause.phrase == "Recalling"
    assert clause.text.startswith("Recalling the Protocol to Prevent")
    assert "*" not in clause.text


def test_scrambled_block_is_parsed_and_reported(seed_corpus):
    res = seed_corpus.resolutions[3]
    assert [c.number for c in res.operative] == list(range(1, 19))
    assert seed_corpus.by_id()["IOM/1/4 op 5(b)"].lines == (910, 910)
    codes = [(w.code, w.lines) for w in res.warnings]
    assert ("W003", (855, 909)) in codes


def test_same_input_same_ids(seed_corpus):
    from index.parsing.parser import parse_paths

    again = parse_paths([default_corpus_dir()]).corpus
    assert list(again.by_id()) == list(seed_corpus.by_id())


def test_json_round_trip(seed_corpus):
    text = seed_corpus.to_json()
    back = Corpus.from_json(text)
    assert back.to_json() == text
    data = json.loads(text)
    first = data["resolutions"][0]
    assert {"symbol", "body", "topic", "sponsors", "preambulatory", "operative"} <= set(first)
    clause = first["operative"][6]
    assert {"id", "phrase", "text", "lines", "subclauses"} <= set(clause)
    assert clause["subclauses"][0]["id"] == "IOM/1/1 op 7(a)"


def test_shipped_corpus_is_byte_identical_to_the_seeds():
    shared = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("no ../shared/seeds beside this checkout")
    for seed in shared.glob("*.txt"):
        assert (default_corpus_dir() / seed.name).read_bytes() == seed.read_bytes()
