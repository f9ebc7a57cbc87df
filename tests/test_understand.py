"""Reading a delegate's drafting request (fast tier, no model): stance, addressee, action."""

from __future__ import annotations

import pytest

from assistant.drafting.frame import Framer
from assistant.drafting.understand import understand
from index.parsing.frames import FrameBook, complement_problem
from index.parsing.lexicon import Lexicon

LEXICON = Lexicon.default()
FRAMER = Framer(LEXICON, FrameBook.default())


def first_clause(request: str, kind: str = "operative") -> str:
    intent = understand(request, kind, LEXICON)  # type: ignore[arg-type]
    skeleton = FRAMER.skeletons(intent)[0]
    return f"*{skeleton.phrase}* {skeleton.body}"


@pytest.mark.parametrize(
    ("request_text", "kind", "clause"),
    [
        (
            "ask the Secretary-General to report back next session",
            "operative",
            "*Requests* the Secretary-General to report to the General Assembly at its next "
            "session on the implementation of the present resolution",
        ),
        (
            "Request the Secretary-General to report back to the Security Council",
            "operative",
            "*Requests* the Secretary-General to report to the Security Council at its next "
            "session on the implementation of the present resolution",
        ),
        ("urge member states to ratify the Palermo Protocol", "operative",
         "*Urges* Member States to ratify the Palermo Protocol"),
        ("encourage states not to detain child migrants", "operative",
         "*Encourages* Member States to refrain from detaining child migrants"),
        ("call on all parties to allow humanitarian access", "operative",
         "*Calls upon* all parties to allow humanitarian access"),
        ("Mediterranean coastal states should pool naval resources", "operative",
         "*Calls upon* Mediterranean coastal states to pool naval resources"),
        ("demand that the invading forces withdraw", "operative",
         "*Demands* that the invading forces withdraw"),
        ("condemn the use of forced labour in supply chains", "operative",
         "*Condemns* the use of forced labour in supply chains"),
        ("decide to remain seized of the matter", "operative",
         "*Decides* to remain seized of the matter"),
        ("express concern about debt bondage of migrant workers", "preambulatory",
         "*Deeply concerned* about debt bondage of migrant workers"),
        ("preamble para - we're alarmed by the armed invasion", "preambulatory",
         "*Alarmed* by the armed invasion"),
        ("Noting with concern that most victims are women", "preambulatory",
         "*Noting with concern* that most victims are women"),
        ("Further acknowledging the New York Declaration", "preambulatory",
         "*Further acknowledging* the New York Declaration"),
        ("noting with alarm the rise in tobacco use", "preambulatory",
         "*Noting with alarm* the rise in tobacco use"),
        ("recall the Palermo Protocol", "preambulatory", "*Recalling* the Palermo Protocol"),
        ("recall the Palermo Protocol - preambular paragraph", "preambulatory",
         "*Recalling* the Palermo Protocol"),
        ("victims shouldnt be prosecuted for crimes they were forced to commit", "operative",
         "*Calls upon* Member States to ensure that victims are not prosecuted for crimes "
         "they were forced to commit"),
        ("law enforcement should refer at-risk people to NGOs", "operative",
         "*Calls upon* law enforcement to refer at-risk people to NGOs"),
        ("states in arrears shall have their voting rights suspended", "operative",
         "*Decides* that states in arrears shall have their voting rights suspended"),
    ],
)  # fmt: skip
def test_requests_become_clauses_a_delegate_could_paste(request_text, kind, clause):
    assert first_clause(request_text, kind) == clause


def test_instruction_words_never_reach_the_clause():
    for request_text in (
        "propose an operative clause on protecting witnesses",
        "please draft two operative clauses to fund shelters",
        "add a new clause about witness protection",
    ):
        text = first_clause(request_text).lower()
        assert not any(w in text for w in ("propose", "clause", "please", "draft", "add "))


def test_a_request_verb_that_is_part_of_the_action_is_kept():
    assert first_clause("create a regional fund for survivors") == (
        "*Calls upon* Member States to create a regional fund for survivors"
    )


@pytest.mark.parametrize(
    ("phrase", "kind", "body", "problem"),
    [
        ("Requests", "operative", "Member States to provide the Secretary-General to report",
         "second 'to'"),
        ("Calls upon", "operative", "measures to fund shelters", "actors"),
        ("Concerned about", "preambulatory", "express concern about debt bondage", "verb"),
        ("Decides to remain seized of the matter", "operative", "the Council", "complete"),
        ("Alarmed", "preambulatory", "the rise of trafficking", "one of"),
        ("Welcomes", "operative", "to fund shelters", "to-infinitive"),
    ],
)  # fmt: skip
def test_the_frames_name_what_is_wrong(phrase, kind, body, problem):
    from assistant.drafting.wording import BASE_VERBS

    found = complement_problem(FrameBook.default().frame(phrase, kind), body, BASE_VERBS)
    assert found and problem in found


def test_every_frame_entry_has_a_source():
    book = FrameBook.default()
    for kind in ("operative", "preambulatory"):
        assert all(frame.source for frame in book.frames[kind].values())  # type: ignore[index]
