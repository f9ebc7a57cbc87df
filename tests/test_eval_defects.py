"""The evaluation's defect detectors: they must flag the clauses users reported as broken
and stay quiet on clauses of adopted resolutions (so the drafting metrics can fail)."""

from __future__ import annotations

import pytest

from eval.defects import defects

# Proposals users saw (issue 11), with the requests that produced them.
KNOWN_BAD = [
    (
        "1. *Requests* Member States to provide the Secretary-General to report on "
        "implementation at the next session, and the implementation of programs at the "
        "national level, such;",
        "ask the Secretary-General to report back next session",
        {"missing-complement", "cut-off"},
    ),
    (
        "1. *Calls on* measures to fund shelters for trafficking survivors;",
        "fund shelters",
        {"missing-complement"},
    ),
    (
        "*Concerned about* express concern about debt bondage of migrant workers,",
        "express concern about debt bondage of migrant workers",
        {"missing-complement"},
    ),
    (
        "1. *Decides to remain seized of the matter* the General Assembly, the Council of "
        "the Council of the Council;",
        "decide to remain seized of the matter",
        {"missing-complement", "repetition"},
    ),
    (
        "*Recalling* the Palermo Protocol, which has been adopted by the UN General Assembly "
        "on 31 July 2014,",
        "recall the Palermo Protocol",
        {"invented-fact"},
    ),
    (
        "*Welcoming* the work of IOM, 10 years ago, the International Organization for the "
        "Suppression of Anti-Maltese Terrorism (IOM) was created,",
        "welcome the work of IOM",
        {"invented-fact"},
    ),
    (
        "1. *Urges* Member States to provide protecting witnesses of trafficking to victims "
        "of human trafficking;",
        "propose an operative clause on protecting witnesses",
        {"missing-complement"},
    ),
    (
        "1. *Calls upon* Member States to fund shelters for survivors, as proposed in this clause;",
        "fund shelters for survivors",
        {"request-echo"},
    ),
    (
        "1. *Encourages* Member States to fund shelters for survivors and;",
        "fund shelters",
        {"cut-off"},
    ),
]

# Clauses of adopted or submitted resolutions, checked against themselves as evidence.
KNOWN_GOOD = [
    "1. *Invites* the multilateral development banks to scale up concessional finance for "
    "infrastructure in landlocked developing countries;",
    "3. *Requests* the Mediator to continue his efforts to bring about the demilitarization "
    "of Jerusalem;",
    "1. *Encourages* all Member States to adopt International Organization for Migration "
    "(IOM)-based national awareness programs;",
    "2. *Invites* able Member States to contribute monetary aid to judicial-specific "
    "training initiatives in developing regions;",
    "4. *Calls for* the expansion of financial literacy programs for migrants as proposed by "
    "the International Labor Organization's (ILO) publication;",
    "3. *Urges* States that have and continue to apply such laws and measures to take the "
    "steps necessary to repeal or invalidate them as soon as possible;",
    "4. *Requests* the Secretary-General, in consultation with the appropriate organs and "
    "agencies of the United Nations system, to prepare a report on the implementation of "
    "the present resolution;",
    "*Deeply concerned* by debt bondage of migrant workers,",
    "5. *Decides* to remain seized of the matter.",
    "*Recalling* its resolution 64/293 of 30 July 2010,",
]


@pytest.mark.parametrize(("clause", "asked", "expected"), KNOWN_BAD)
def test_known_bad_clauses_are_flagged(clause, asked, expected):
    found = defects(clause, asked, [])
    assert expected <= set(found), found


@pytest.mark.parametrize("clause", KNOWN_GOOD)
def test_known_good_clauses_pass(clause):
    assert defects(clause, "", [clause]) == {}
