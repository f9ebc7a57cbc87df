"""Acronyms in a proposal spelt out at first use (fast tier, no model)."""

from __future__ import annotations

import pytest

from assistant.backends.fake import ScoringFakeModel
from assistant.drafting.proposals import DraftRequest
from assistant.drafting.spelled_out import AcronymSpeller
from assistant.settings import Settings
from assistant.workspace import Workspace

SPELLER = AcronymSpeller()


@pytest.mark.parametrize(
    ("body", "written"),
    [
        (
            "an advisory opinion from ICJ on whether X",
            "an advisory opinion from the International Court of Justice on whether X",
        ),
        (  # an instrument of a body: "the Constitution of the …"
            "articles 26 and 27 of the IOM constitution, under which",
            "articles 26 and 27 of the Constitution of the International Organization for "
            "Migration, under which",
        ),
        (  # used as a modifier: no article added
            "to support IOM programmes",
            "to support International Organization for Migration programmes",
        ),
        (  # plural acronyms take the plural long form
            "NGOs and LDCs",
            "non-governmental organizations and least developed countries",
        ),
        (  # spoken shorthands of organs
            "the PGA to circulate it in the GA Hall",
            "the President of the General Assembly to circulate it in the General Assembly Hall",
        ),
        (  # used twice: defined at first use, the acronym after
            "the IOM division and IOM staff",
            "the International Organization for Migration (IOM) division and IOM staff",
        ),
        ("the work of WHO", "the work of the World Health Organization"),
        ("the US eased the embargo", "the United States of America eased the embargo"),
        ("peacekeepers in DRC", "peacekeepers in the Democratic Republic of the Congo"),
        (
            "armed groups in eastern DRC",
            "armed groups in the eastern Democratic Republic of the Congo",
        ),
        ("COVID-19 recovery", "COVID-19 recovery"),  # not a known acronym: left alone
        ("US$ 5 million for the US", "US$ 5 million for the United States of America"),
    ],
)
def test_acronyms_are_spelt_out_at_first_use(body, written):
    assert SPELLER.spell_out(body).text == written


def test_an_acronym_the_users_draft_already_uses_is_kept():
    draft = "The International Organization for Migration (IOM),\n\n1. Welcomes IOM's work;"
    spelling = SPELLER.spell_out("IOM to help migrants", draft)
    assert spelling.text == "IOM to help migrants" and spelling.written == ()


def test_a_proposal_spells_out_and_the_fact_guard_accepts_the_long_form(tmp_path):
    settings = Settings(
        data_dir=tmp_path / "data", llm="fake", embeddings="hash", min_similarity=0.1
    )
    ws = Workspace(settings, chat_model=ScoringFakeModel())
    [p] = ws.drafter.propose(DraftRequest("ask IOM and UNHCR to help NGOs run shelters"))
    assert p.text == (
        "1. *Requests* the International Organization for Migration and the United Nations "
        "High Commissioner for Refugees to help non-governmental organizations run shelters;"
    )


@pytest.mark.parametrize(
    ("body", "written"),
    [
        (
            "recall UNHCR's campaign",
            "recall the United Nations High Commissioner for Refugees' campaign",
        ),
        ("WHO Member States to act", "Member States of the World Health Organization to act"),
        ("the WHO members", "members of the World Health Organization"),
        ("the ILO's 2014 Protocol", "the International Labour Organization's 2014 Protocol"),
    ],
)
def test_possessives_and_members_of_a_body(body, written):
    assert SPELLER.spell_out(body).text == written


def test_the_corpus_s_own_acronyms_are_spelt_out_and_unchecked_pairs_are_not():
    from index.search.acronyms import AcronymTable

    table = AcronymTable.builtin()
    table.learn_text(
        "Assisted Voluntary Return and Reintegration (AVRR) programmes", "IOM/1/1 pre 3"
    )
    table.add("XYZ", "Something Else Entirely", "user:acronyms.toml")  # letters do not match
    speller = AcronymSpeller(table)
    assert speller.spell_out("expand AVRR programmes").text == (
        "expand Assisted Voluntary Return and Reintegration programmes"
    )
    assert speller.spell_out("XYZ staff").text == "XYZ staff"
