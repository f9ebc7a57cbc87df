"""Chat notes in a request written as resolution English, or dropped (fast tier, no
model): each rule on its own, and what it must leave alone. ``written`` is what the
understanding step does to a request's content: its spoken words written out
(``spoken.written_form``), then its chat fragments (``chat_fragments.written_english``)."""

from __future__ import annotations

import pytest

from assistant.drafting.chat_fragments import (
    let_decision,
    reason_and_let,
    with_article,
    written_english,
)
from assistant.drafting.spoken import written_form


def written(text: str) -> str:
    return written_english(written_form(text))


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        # conjunctions and symbols
        ("training, plus webinars", "training, as well as webinars"),
        ("shelters plus counselling", "shelters and counselling"),
        ("police, army & investigators", "police, armed forces and investigators"),
        ("webinars/online forums", "webinars and online forums"),
        ("his/her rights", "his or her rights"),
        ("victims, e.g. trauma, heavy debt, disorientation",
         "victims, such as trauma, heavy debt and disorientation"),
        ("translators (e.g. Translators Without Borders)",
         "translators (such as Translators Without Borders)"),
        ("NGOs like Hope for Justice", "NGOs such as Hope for Justice"),
        # open lists and evaluative asides
        ("police, judges, prosecutors etc.", "police, judges and prosecutors"),
        ("police etc", "police"),
        ("cooperation is growing and that's great, but", "cooperation is growing, but"),
        # verbs
        ("help get the Mechanism up and running", "support the establishment of the Mechanism"),
        ("get the portal up and running", "establish the portal"),
        ("help set up a hotline", "support the establishment of a hotline"),
        ("keep working on it", "continue working on it"),
        ("more and more women", "an increasing number of women"),
        ("hire extra attorneys who specialise", "hire additional attorneys who specialize"),
        # purpose
        ("training, so the training is free", "training, so that the training is free"),
        ("so there is less risk of accidental use",
         "in order to reduce the risk of accidental use"),
        # dash asides
        ("in 2026 - smooth transition from the OEWG",
         "in 2026, ensuring a smooth transition from the OEWG"),
        ("shelters – top priority", "shelters"),
        ("shelters — especially in rural areas", "shelters, especially in rural areas"),
        ("the many forms - sexual exploitation, forced labour, online exploitation",
         "the many forms, including sexual exploitation, forced labour and online exploitation"),
        # the speaker's own person, and organs by their short forms
        ("uphold our resolutions", "uphold its resolutions"),
        ("GA resolution 73/146", "General Assembly resolution 73/146"),
        ("all UN efforts", "all United Nations efforts"),
        ("SC res 1291 (2000)", "SC resolution 1291 (2000)"),
    ],
)  # fmt: skip
def test_chat_notes_are_written_out(note, expected):
    assert written(note) == expected


@pytest.mark.parametrize(
    "text",
    [
        "States that have not yet done so to ratify",  # "so" is not "so that"
        "data and/or statistics",  # "and/or" is no slash list
        "resolution A/70/174 and 73/146",  # document symbols
        "R&D on detection tools",  # an abbreviation's ampersand
        "South-South cooperation",  # a hyphen, not a dash
        "the GA Hall",  # "General Assembly Hall" would be a name the request never gave
        "the UN and the African Union",  # likewise one name to the fact guard
        "the Lord's Resistance Army",  # a name keeps its capital word
        "it is so important",  # an intensifier
        "they would like to attend",  # a verb, not "such as"
        "2 plus 3",
    ],
)
def test_what_is_already_written_english_is_left_alone(text):
    assert written(text) == text


@pytest.mark.parametrize(
    ("phrase", "with_it"),
    [
        ("list of warning signs", "a list of warning signs"),
        ("international conference on peace", "an international conference on peace"),
        ("tiered ranking of countries", "a tiered ranking of countries"),
        ("smooth transition from the OEWG", "a smooth transition from the OEWG"),
        ("debt bondage of migrant workers", "the debt bondage of migrant workers"),
        ("report of the Group of Experts", "the report of the Group of Experts"),
        ("unified database", "a unified database"),
        # already determined, plural, proper or uncountable: as they are
        ("the Palermo Protocol", "the Palermo Protocol"),
        ("national guidelines for police", "national guidelines for police"),
        ("witness protection for victims", "witness protection for victims"),
        ("resolution 660 (1990)", "resolution 660 (1990)"),
        ("articles 26 and 27 of the constitution", "articles 26 and 27 of the constitution"),
        ("more funding for shelters", "more funding for shelters"),
        ("how hard it is", "how hard it is"),
        ("conference room facilities", "conference room facilities"),
    ],
)
def test_a_noun_phrase_gets_the_article_english_needs(phrase, with_it):
    assert with_article(phrase) == with_it


def test_so_let_is_a_decision_with_its_reason():
    text = "the delegation cannot attend, so let its President speak, and have the PGA circulate it"
    rest, reason = reason_and_let(text)
    assert reason == "the delegation cannot attend"
    assert rest == "let its President speak, and that the PGA shall circulate it"
    assert let_decision(rest[4:], reason) == (
        "that as the delegation cannot attend, its President may speak, and that the PGA "
        "shall circulate it"
    )
    # a preambular paragraph decides nothing: only the reason is kept
    assert reason_and_let(text, "preambulatory") == ("the delegation cannot attend", None)
    # "so let" without a sentence before it is no reason
    assert reason_and_let("more funding, so let donors pay") == (
        "more funding, so let donors pay",
        None,
    )
