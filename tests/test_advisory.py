"""A request for an advisory opinion of the ICJ, written in the Charter's form (R13)."""

from __future__ import annotations

import re

from assistant.drafting.advisory import FORMULA, advisory_request
from assistant.drafting.frame import Framer
from assistant.drafting.understand import understand
from index.parsing.frames import FrameBook
from index.parsing.lexicon import Lexicon


def test_a_whether_question_becomes_the_direct_question_put_to_the_court():
    body = advisory_request(
        "ask the ICJ for an advisory opinion on whether extraterritorial embargo laws such as "
        "Helms-Burton are legal"
    )
    assert body == (
        f"{FORMULA} on the following question: “Are extraterritorial embargo laws such as "
        "Helms-Burton consistent with international law?”"
    )


def test_legal_consequences_are_asked_as_a_what_question():
    body = advisory_request(
        "request an advisory opinion from the International Court of Justice on the legal "
        "consequences of the construction of a wall"
    )
    assert body is not None and body.endswith(
        "question: “What are the legal consequences of the construction of a wall?”"
    )


def test_no_court_or_no_question_is_not_this_form():
    assert advisory_request("ask the Human Rights Council for an opinion on X") is None
    assert advisory_request("ask the ICJ for an advisory opinion") is None


def test_the_chat_request_is_framed_as_a_decision_to_request_the_opinion():
    intent = understand(
        "could the GA ask the ICJ for an advisory opinion on whether unilateral sanctions "
        "are lawful?",
        "operative",
    )
    [skeleton] = Framer(Lexicon.default(), FrameBook.default()).skeletons(intent)
    assert skeleton.phrase == "Decides" and skeleton.how == "formula R13"
    assert skeleton.body.startswith(
        "to request the International Court of Justice to render an advisory opinion on the "
        "following question"
    )
    assert not re.search(r"\d", skeleton.body)  # no article number the request did not give
    assert skeleton.body.endswith("“Are unilateral sanctions consistent with international law?”")


def test_the_clause_must_cover_what_the_fixed_form_says_not_the_request_s_words():
    intent = understand(
        "ask the ICJ for an advisory opinion on whether unilateral sanctions are legal",
        "operative",
    )
    assert intent.formula is not None and intent.topic == intent.formula
