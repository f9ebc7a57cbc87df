"""The series, year and printed-symbol slots of a question (fast tier)."""

from __future__ import annotations

import pytest

from assistant.asking.corpus_facts import CorpusFacts
from assistant.asking.reading import Reader
from assistant.asking.references import ResolutionNames, year_of
from assistant.asking.requests import CorpusFact, FindMentions, Scope, ShowClause
from assistant.asking.scope_words import read_years
from index.clause_tree import Clause, Corpus, Resolution


def _res(symbol: str, topic: str | None = None, text: str = "Urges states to act;") -> Resolution:
    phrase = text.split()[0]
    clause = Clause(f"{symbol} op 1", "operative", text, (1, 1), phrase=phrase, number=1)
    return Resolution(symbol, "test", (1, 1), topic=topic, operative=[clause])


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus(
        [
            _res("A/RES/80/1", "Participation of the State of Palestine"),
            _res("ga-80-10", "International Day of Indigenous Women"),
            _res("sc-82", "82 (1950). Resolution of 25 June 1950", "Calls for the withdrawal;"),
            _res("sc-660", "Resolution 660 (1990)", "Demands that Iraq withdraw;"),
            _res("sc-1555-wikisource", "From Wikisource"),
            _res("IOM/1/1"),
            _res("IOM/1/2"),
            _res("wha-66-11", "WHA66.11 Health in the post-2015 development agenda"),
            _res("tnymca-munb-2023-rga-23-1-4", "Fail"),
            _res("tnymca-munb-2023-bga-23-1-14", "Fail"),
            _res("kingmun-2018-guide-dr-1b", "Prevention of Civilian Casualties"),
        ]
    )


@pytest.fixture(scope="module")
def reader(corpus: Corpus) -> Reader:
    return Reader(ResolutionNames(corpus.resolutions), lambda w: True)


def test_the_year_of_a_resolution_is_read_from_its_symbol_title_or_session(corpus):
    years = {r.symbol: year_of(r) for r in corpus.resolutions}
    assert years == {
        "A/RES/80/1": 2025,
        "ga-80-10": 2025,
        "sc-82": 1950,
        "sc-660": 1990,
        "sc-1555-wikisource": None,  # the text does not say
        "IOM/1/1": None,
        "IOM/1/2": None,
        "wha-66-11": 2013,
        "tnymca-munb-2023-rga-23-1-4": 2023,
        "tnymca-munb-2023-bga-23-1-14": 2023,
        "kingmun-2018-guide-dr-1b": 2018,
    }


@pytest.mark.parametrize(
    ("said", "years"),
    [
        ("which resolutions are older than 1970?", (None, 1969)),
        ("resolutions adopted in 2023", (2023, 2023)),
        ("drafts from 2023", (2023, 2023)),
        ("anything since 2000", (2000, None)),
        ("resolutions after 1990", (1991, None)),
        ("resolutions between 1980 and 1960", (1960, 1980)),
        ("texts from the 1990s", (1990, 1999)),
        ("resolution 1990", (None, None)),  # a number, not a year
    ],
)
def test_year_slots(said, years):
    assert read_years(said)[0] == years


def test_a_year_filter_lists_the_resolutions_of_those_years(reader, corpus):
    facts = CorpusFacts(corpus)
    request = reader.read("which resolutions are older than 1970?")
    assert request == CorpusFact("list_resolutions", Scope(year_to=1969))
    assert facts.answer(request, [])[0] == ["sc-82"]
    request = reader.read("list the resolutions adopted in 2023")
    assert facts.answer(request, [])[0] == [
        "tnymca-munb-2023-rga-23-1-4",
        "tnymca-munb-2023-bga-23-1-14",
    ]


def test_a_series_is_a_session_or_the_start_of_symbols(reader, corpus):
    facts = CorpusFacts(corpus)
    request = reader.read("list the A/RES/80 ones")
    assert request == CorpusFact("list_resolutions", Scope(series="ga:80/"))
    assert facts.answer(request, [])[0] == ["A/RES/80/1", "ga-80-10"]
    request = reader.read("how many IOM resolutions are there?")
    assert request == CorpusFact("count_resolutions", Scope(series="IOM/"))
    assert facts.answer(request, [])[0] == 2
    request = reader.read("how many of the A/RES/80 ones are there?")
    assert isinstance(request, CorpusFact) and request.fact == "count_resolutions"
    mentions = reader.read("which IOM resolutions mention shelters")
    assert mentions == FindMentions(("shelters",), Scope(series="IOM/"))
    assert facts.in_scope("IOM/1/2 op 1", mentions.scope)
    assert not facts.in_scope("sc-660 op 1", mentions.scope)


def test_a_symbol_printed_in_a_text_cited_by_its_file_name_is_read(reader):
    assert reader.read("show me RGA/23-1-4") == ShowClause(symbol="tnymca-munb-2023-rga-23-1-4")
    assert reader.read("what does BGA 23-1-14 op 1 say") == ShowClause(
        clause_id="tnymca-munb-2023-bga-23-1-14 op 1"
    )


def test_how_many_resolutions_of_a_body_counts_resolutions_not_clauses(reader):
    request = reader.read("how many security council resolutions are there?")
    assert request == CorpusFact("count_resolutions", Scope(body="Security Council"))
    request = reader.read("how many GA resolutions mention Iraq?")
    assert request == CorpusFact("count_resolutions", Scope(body="General Assembly"), ("Iraq",))


def test_what_a_resolution_demands_is_every_clause_it_leads_with_that_verb(reader, corpus):
    from assistant.asking.answering import Answerer, Engines
    from index.search.acronyms import AcronymTable
    from index.search.mentions import MentionSearch

    for said in (
        "what does resolution 660 demand?",
        "what does the Security Council demand in resolution 660",
        "which clauses of resolution 660 demand something?",
    ):
        assert reader.read(said) == FindMentions((), Scope(phrase="demand", symbol="sc-660"))
    engines = Engines(corpus, MentionSearch(corpus, AcronymTable()), None, lambda cid: None)  # type: ignore[arg-type]
    answer = Answerer(engines).mentions(FindMentions((), Scope(phrase="demand")))
    assert answer.ids == ["sc-660 op 1"] and "1 clause in 1 resolution are led by" in answer.text


def test_a_resolution_described_by_its_conference_for_its_signatories(corpus):
    names = ResolutionNames(corpus.resolutions)
    reader = Reader(names, lambda w: True)
    request = reader.read("who are the signatories of the KingMUN draft?")
    assert request == CorpusFact("signatories", Scope(symbol="kingmun-2018-guide-dr-1b"))


@pytest.mark.parametrize(
    ("said", "terms"),
    [
        ("is Kuwait mentioned anywhere?", ("Kuwait",)),
        ("any mention of Kuwait?", ("Kuwait",)),
        ("find Kuwait", ("Kuwait",)),
        ("child labor OR child labour", ("child labor", "child labour")),
        ("which paragraphs cite resolution 660", ("resolution 660",)),  # what, not where
    ],
)
def test_more_ways_of_asking_for_mentions(reader, said, terms):
    request = reader.read(said)
    assert isinstance(request, FindMentions) and request.terms == terms
    assert request.scope.symbol is None


def test_both_x_and_y_asks_for_clauses_that_mention_every_term(reader, corpus):
    from assistant.asking.answering import Answerer, Engines
    from index.search.acronyms import AcronymTable
    from index.search.mentions import MentionSearch

    request = reader.read("clauses mentioning both Iraq and withdrawal")
    assert request == FindMentions(("Iraq", "withdrawal"), every=True)
    engines = Engines(corpus, MentionSearch(corpus, AcronymTable()), None, lambda cid: None)  # type: ignore[arg-type]
    answerer = Answerer(engines)
    assert answerer.mention_ids(request)[0] == []  # 'withdraw' (660) is not 'withdrawal' (82)
    both = FindMentions(("Iraq", "withdraw"), every=True)
    assert answerer.mention_ids(both)[0] == ["sc-660 op 1"]
    assert "'Iraq' and 'withdraw'" in answerer.mentions(both).text
