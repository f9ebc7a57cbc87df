"""Clause IDs typed as delegates type them, and ranked topics said as clauses say them
(fast tier)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from assistant.asking.answering import Answerer, Engines
from assistant.asking.references import find_clause_ref
from assistant.asking.requests import FindSimilar, ShowClause
from index.clause_tree import Clause, Corpus, Resolution
from index.search.acronyms import AcronymTable
from index.search.mentions import MentionSearch


@dataclass
class _Hit:
    clause_id: str
    text: str


class _Ranked:
    """Records the query it is asked; ranks every clause in corpus order."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.asked: list[str] = []

    def hybrid(self, query: str, k: int, filters: object = None) -> list[_Hit]:
        self.asked.append(query)
        return [_Hit(cid, c.text) for cid, c in self.corpus.by_id().items()][:k]


def _sub(cid: str, label: str, text: str, subs: list[Clause] | None = None) -> Clause:
    return Clause(cid, "subclause", text, (1, 1), label=label, subclauses=subs or [])


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    four = Clause(
        "sc-82 op 4",
        "operative",
        "Requests the Commission:",
        (1, 1),
        phrase="Requests",
        number=4,
        subclauses=[
            _sub(
                "sc-82 op 4(a)",
                "a",
                "To communicate its recommendations;",
                [_sub("sc-82 op 4(a)(5)", "5", "To observe the withdrawal;")],
            ),
            _sub("sc-82 op 4(c)", "c", "To keep the Council informed;"),
        ],
    )
    one = Clause(
        "sc-82 op 1", "operative", "Decides to extend the mandate of the mission;", (1, 1),
        phrase="Decides", number=1,
    )  # fmt: skip
    return Corpus([Resolution("sc-82", "test", (1, 1), operative=[one, four])])


@pytest.fixture(scope="module")
def answerer(corpus: Corpus) -> Answerer:
    ranked = _Ranked(corpus)
    mentions = MentionSearch(corpus, AcronymTable())
    return Answerer(Engines(corpus, mentions, ranked, lambda cid: None))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("said", "labels"),
    [
        ("op 8(a)(ii)", ("a", "ii")),
        ("op 8 (a)", ("a",)),
        ("op 8a", ("a",)),
        ("OP8.a", ("a",)),
        ("op 9.a.ii", ("a", "ii")),
        ("op 8. What does it say", ()),
        ("op 8 and the rest", ()),
    ],
)
def test_sub_clause_labels_typed_without_brackets(said, labels):
    ref = find_clause_ref(said)
    assert ref is not None and ref.number in (8, 9) and ref.labels == labels


def test_an_id_that_skips_a_level_shows_the_one_sub_clause_it_can_name(answerer):
    answer = answerer.show(ShowClause(clause_id="sc-82 op 4(5)"))
    assert answer.ids == ["sc-82 op 4(a)(5)"]
    missing = answerer.show(ShowClause(clause_id="sc-82 op 4(b)"))
    assert missing.ids == [] and "sc-82 op 4" in missing.text  # names its neighbours


def test_a_ranked_topic_opening_with_an_ing_action_is_searched_as_clauses_say_it(answerer):
    answer = answerer.similar(FindSimilar("extending a mission's mandate"))
    assert answerer.e.ranked.asked[-1] == "extend a mission's mandate"  # type: ignore[attr-defined]
    assert "extending a mission's mandate" in answer.text  # said back as asked
    answerer.similar(FindSimilar("monitoring of elections"))  # 'monitor' is not a corpus word
    assert answerer.e.ranked.asked[-1] == "monitoring of elections"  # type: ignore[attr-defined]


def test_a_clause_described_in_words_is_the_one_that_names_them(answerer):
    # the ranked stub puts op 1 first; the description's word is only in op 4(a)(5)
    answer = answerer.show(ShowClause(symbol="sc-82", description="about the withdrawal"))
    assert answer.ids == ["sc-82 op 4(a)(5)"]
