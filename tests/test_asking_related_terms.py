"""Mentions said in other words — each from explicit data, never fuzzy — and a stance
said as a preambular phrase (fast tier)."""

from __future__ import annotations

import pytest

from assistant.asking.answering import Answerer, Engines
from assistant.asking.reading import Reader
from assistant.asking.references import ResolutionNames
from assistant.asking.related_terms import acted, reordered, same_as
from assistant.asking.requests import FindMentions, ProposeClauses, Scope
from index.clause_tree import Clause, Corpus, Resolution
from index.search.acronyms import AcronymTable
from index.search.mentions import MentionSearch
from index.wordforms import Tokenizer


def _corpus(texts: dict[str, list[tuple[str | None, str]]]) -> Corpus:
    """Resolutions named by symbol, each with operative clauses (phrase, text)."""
    out = []
    for symbol, clauses in texts.items():
        ops = [
            Clause(f"{symbol} op {n}", "operative", text, (n, n), phrase=phrase, number=n)
            for n, (phrase, text) in enumerate(clauses, start=1)
        ]
        out.append(Resolution(symbol, "test", (1, 1), operative=ops))
    return Corpus(out)


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    corpus = _corpus(
        {
            "S/RES/660": [
                ("Demands", "Demands that Iraq withdraw immediately all its forces;"),
                ("Demands", "Demands the immediate release of all detainees;"),
                ("Calls upon", "Calls upon Iraq to begin the withdrawal of its forces;"),
            ],
            "MUN/1": [
                ("Endorses", "Endorses the United Nations Security Council (UNSC) measures;"),
                ("Urges", "Urges all Security Council members to act;"),
                ("Urges", "Urges states to lift the trade embargo on food;"),
                (
                    "Recalls",
                    "Recalls the Protocol to Prevent, Suppress, and Punish Trafficking in Persons;",
                ),
                ("Invites", "Invites non-governmental organizations to run a helpline;"),
                ("Notes", "Notes the council of Europe and the security of councils;"),
            ],
        }
    )
    table = AcronymTable(Tokenizer())
    table.learn(corpus)
    engines = Engines(corpus, MentionSearch(corpus, table), None, lambda cid: None)  # type: ignore[arg-type]
    return Answerer(engines)


def _ids(answerer: Answerer, *terms: str, phrase: str | None = None) -> list[str]:
    ids, _ = answerer.mention_ids(FindMentions(terms, Scope(phrase=phrase)))
    return ids


def test_the_tables_give_only_what_they_list():
    assert "Protocol to Prevent, Suppress and Punish Trafficking in Persons" in same_as(
        "TIP protocols"
    )
    assert same_as("hotlines") == ("helpline",)
    assert same_as("charities") == ("non-governmental organization",)
    assert same_as("NGOs") == ()  # one way: NGOs are not all charities
    assert same_as("trafficking") == ()
    assert "withdraw" in acted("a withdrawal") and acted("ceasefire") == ()


def test_an_instrument_named_by_its_place_is_said_either_way():
    assert reordered("Pelindaba Treaty") == ("Treaty of Pelindaba",)
    assert reordered("Declaration of Doha") == ("Doha Declaration",)
    assert reordered("peace treaty") == () and reordered("Treaty of the Parties") == ()


def test_a_short_name_finds_the_full_title_however_its_list_is_punctuated(answerer):
    assert _ids(answerer, "TIP Protocol") == ["MUN/1 op 4"]


def test_a_synonym_is_searched_both_ways_and_a_delegates_word_one_way(answerer):
    assert _ids(answerer, "hotline") == ["MUN/1 op 5"]
    assert _ids(answerer, "charities") == ["MUN/1 op 5"]


def test_a_plural_in_oes_finds_the_singular_the_corpus_writes(answerer):
    assert _ids(answerer, "embargoes") == ["MUN/1 op 3"]


def test_a_united_nations_long_form_is_also_found_without_united_nations(answerer):
    assert _ids(answerer, "UNSC") == ["MUN/1 op 1", "MUN/1 op 2"]
    assert _ids(answerer, "security councils") == ["MUN/1 op 1", "MUN/1 op 2"]


def test_a_phrase_led_action_noun_finds_its_verb_but_a_plain_mention_does_not(answerer):
    assert _ids(answerer, "withdrawal", phrase="demand") == ["S/RES/660 op 1"]
    assert _ids(answerer, "withdrawal") == ["S/RES/660 op 3"]


def test_a_quoted_phrase_gets_no_other_words(answerer):
    ids, _ = answerer.mention_ids(FindMentions(("hotline",), exact=True))
    assert ids == []


def test_a_stance_said_with_a_preambular_phrase_asks_for_a_preambular_clause():
    from assistant.chat import _asks_for_a_stance

    reader = Reader(ResolutionNames([]), lambda w: True, _asks_for_a_stance)
    said = reader.read("we are deeply concerned by the number of children being trafficked")
    assert isinstance(said, ProposeClauses) and said.kind == "preambulatory"
    assert reader.read("alarmed by the rise in online recruitment").kind == "preambulatory"
    assert reader.read("urge states to fund shelters").kind == "operative"
