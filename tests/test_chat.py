"""The conversational assistant's routes (fake model, hash embeddings: fast tier)."""

from __future__ import annotations

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.settings import Settings
from assistant.workspace import Workspace

DRAFT = (
    "Code: GA/1/1\n\nThe General Assembly,\n\n*Recalling* its work,\n\n"
    "1. *Encourages* Member States to act;\n\n"
    "2. *Invites* Member States to adopt national plans, and requests the Secretariat "
    "to support them.\n"
)


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("chat"), llm="fake", embeddings="hash", min_similarity=0.1
    )
    model = FakeListChatModel(
        responses=[
            "1. *Urges* Member States to expand Assisted Voluntary Return and Reintegration "
            "programmes [IOM/1/3 op 9];",
            "The corpus calls for financial literacy programmes for migrants [IOM/1/1 op 4] "
            "[NOT/A op 1].",
        ]
    )
    return Workspace(settings, chat_model=model)


@pytest.mark.parametrize(
    "question",
    [
        "which drafts mention AVRR?",
        "Which resolutions refer to Assisted Voluntary Return and Reintegration?",
        "find mentions of AVRR",
    ],
)
def test_mention_questions_use_the_exhaustive_search(ws, question):
    answer = ws.assistant.respond(question)
    assert answer.kind == "mentions"
    assert [c.id for c in answer.citations] == [
        "IOM/1/3 op 9",
        "IOM/1/4 op 8",
        "IOM/1/4 op 8(a)",
        "IOM/1/4 op 8(b)",
    ]
    assert "4 clauses in 2 resolutions" in answer.text


def test_clause_request_gives_proposals(ws):
    answer = ws.assistant.respond("propose an operative clause urging reintegration support")
    assert answer.kind == "proposals" and len(answer.proposals) == 1
    assert answer.proposals[0].text.startswith("1. *Urges* Member States to expand")
    ids = [c.id for c in answer.citations]
    assert ids and set(ids) <= set(answer.proposals[0].retrieved)
    assert {"IOM/1/4 op 8", "IOM/1/3 op 9"} & set(ids)


def test_corpus_question_with_a_chat_model_keeps_only_retrieved_citations(ws):
    answer = ws.assistant.respond("what have committees said about financial literacy?")
    assert answer.kind == "answer"
    assert "[IOM/1/1 op 4]" in answer.text and "NOT/A" not in answer.text
    assert "1 citation(s) to clauses not retrieved were removed" in answer.text
    assert [c.id for c in answer.citations] == ["IOM/1/1 op 4"]


@pytest.fixture(scope="module")
def deterministic(ws):
    """The assistant with the rule-based reviser (as with the embedded model)."""
    from assistant.chat import ChatAssistant
    from assistant.revising import Reviser

    reviser = Reviser(ws.drafter, "completion")
    return ChatAssistant(ws.drafter, ws.mentions, ws.ranked, reviser, ws.corpus, "completion")


def test_revision_of_a_numbered_clause_of_the_draft(deterministic):
    answer = deterministic.respond("strengthen clause 1", DRAFT)
    assert answer.kind == "revision"
    assert answer.proposals[0].text == "1. *Calls upon* Member States to act;"


def test_split_and_pasted_clauses(deterministic):
    answer = deterministic.respond("split clause 2", DRAFT)
    assert [p.text for p in answer.proposals] == [
        "2. *Invites* Member States to adopt national plans;",
        "3. *Requests* the Secretariat to support them;",
    ]
    answer = deterministic.respond(
        "shorten: 4. *Encourages* Member States to fund shelters, "
        "such as those run by NGOs, in order to protect victims;"
    )
    assert answer.proposals[0].text == (
        "4. *Encourages* Member States to fund shelters, to protect victims;"
    )


def test_revision_without_a_target_says_what_to_do(ws):
    answer = ws.assistant.respond("soften")
    assert "Say which clause to soften" in answer.text


@pytest.mark.parametrize(
    "message",
    ["urge states to fund shelters for trafficking survivors", "we are alarmed by debt bondage"],
)
def test_a_request_naming_a_stance_is_drafted_not_searched(ws, message):
    assert ws.assistant.respond(message).kind == "proposals"


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("which drafts urge states to fund shelters?", "mentions"),
        ("shelters for trafficking survivors", "similar"),  # no clause says it as written
        ("how do delegates protect witnesses in trials?", "answer"),  # worded by the model
    ],
)
def test_questions_and_bare_topics_are_still_searched(ws, message, kind):
    assert ws.assistant.respond(message).kind == kind


def test_revision_of_a_clause_named_by_its_place(deterministic):
    answer = deterministic.respond("strengthen the first clause", DRAFT)
    assert answer.kind == "revision"
    assert answer.proposals[0].text == "1. *Calls upon* Member States to act;"


def test_a_clause_described_without_a_draft_is_not_revised_as_text(deterministic):
    answer = deterministic.respond("trim the last clause")
    assert "Say which clause to" in answer.text and not answer.proposals
