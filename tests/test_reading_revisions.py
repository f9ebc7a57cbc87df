"""Revisions said in a delegate's words: the action and the clause they name (fast tier)."""

from __future__ import annotations

import pytest

from assistant.asking.reading import Reader
from assistant.asking.references import ResolutionNames
from assistant.asking.requests import ReviseClause


@pytest.fixture(scope="module")
def reader() -> Reader:
    return Reader(ResolutionNames([]), lambda w: True)


@pytest.mark.parametrize(
    ("said", "action", "clause", "target"),
    [
        ("tighten up the third operative clause", "shorten", 3, "clause 3"),
        ("the second clause is too weak, beef it up", "strengthen", 2, "clause 2"),
        ("can you make the first clause shorter?", "shorten", 1, "clause 1"),
        ("combine op 2 and op 3", "merge", 2, "clauses 2 and 3"),
        ("join op 1 and 2 together", "merge", 1, "clauses 1 and 2"),
        ("op 2 is too strong", "soften", 2, None),
        ("water down op 6", "soften", 6, None),
        ("harden op 2", "strengthen", 2, None),
        ("op 2 is too wordy", "shorten", 2, None),
        ("break the second operative clause into two", "split", 2, "clause 2"),
    ],
)
def test_a_revision_said_in_other_words(reader, said, action, clause, target):
    request = reader.read(said)
    assert isinstance(request, ReviseClause)
    assert (request.action, request.clause) == (action, clause)
    if target:
        assert request.target == target


def test_a_revision_word_inside_another_word_is_no_revision(reader):
    assert not isinstance(
        reader.read("which clauses in op 3 mention joint programmes"), ReviseClause
    )


@pytest.mark.parametrize(
    ("said", "action", "target"),
    [
        ("make it shorter", "shorten", "proposal last"),
        ("can you soften it", "soften", "proposal last"),
        ("shorten the last one", "shorten", "proposal last"),
        ("split the third one", "split", "proposal third"),
        ("tone down number 2", "soften", "proposal 2"),
        ("make them stronger", "strengthen", ""),  # which one: the chat asks
    ],
)
def test_a_revision_of_the_proposals_just_made(reader, said, action, target):
    from assistant.asking.followups import Turn
    from assistant.asking.requests import ProposeClauses

    last = Turn(ProposeClauses("clauses on shelters", "operative", 3))
    assert reader.read(said, last) == ReviseClause(action, target)


def test_after_a_proposal_a_question_is_still_a_question(reader):
    from assistant.asking.followups import Turn
    from assistant.asking.requests import FindMentions, ProposeClauses

    last = Turn(ProposeClauses("clauses on shelters", "operative", 3))
    assert isinstance(reader.read("which drafts mention shelters?", last), FindMentions)
