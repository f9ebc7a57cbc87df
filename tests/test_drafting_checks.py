"""What a precedent must share with a clause to be cited for it, what the verifier
leaves to the delegate, and how a finished body is tidied (fast tier, no model)."""

from __future__ import annotations

from assistant.drafting.cite import Measure, SupportRule, named, numbers, select
from assistant.drafting.verify import repetitions, unsupported_facts
from index.clause_ids import section
from index.parsing.frames import FrameBook, complement_problem


def measure(clause_id: str, strength: float = 0.6, **flags: bool) -> Measure:
    return Measure(clause_id, strength, strength, 0.5, flags.pop("same_kind", True), **flags)


def test_numbers_are_resolution_numbers_and_years_not_paragraph_numbers():
    text = "Recalling resolution 660 (1990) and 71/167, paragraph 1. of A/RES/80/4, 1,000 in 2005."
    assert numbers(text) == {"660", "1990", "71/167", "2005"}


def test_named_things_are_distinctive_words_of_proper_names_not_examples():
    assert named("the Comprehensive Nuclear-Test-Ban Treaty") >= {"comprehensive", "test", "ban"}
    assert named("the Universal Declaration of Human Rights") == {"universal", "declaration"}
    assert named("the Secretary-General to report to the General Assembly") == set()
    assert named("laws with extraterritorial effects like the Helms-Burton Act") == set()


def test_a_subclause_belongs_to_its_paragraphs_section():
    assert section("IOM/1/4 op 5(a)(i)") == "operative"
    assert section("sc-827 pre 7") == "preambulatory"
    assert section("ga-80-3 annex 1 para 18") is None  # an annex paragraph: neither


def test_a_precedent_that_names_another_resolution_or_year_is_not_cited():
    wrong_number = measure("sc-827 pre 1", 0.9, numbers_agree=False)
    right = measure("sc-678 pre 1", 0.5)
    assert [m.clause_id for m in select([wrong_number, right], SupportRule())] == ["sc-678 pre 1"]
    assert select([wrong_number], SupportRule()) == []  # then: unprecedented


def test_names_and_section_are_rules_the_tuning_can_switch():
    other_name = measure("ga-80-54 op 12", 0.9, names_agree=False)
    other_section = measure("IOM/1/4 pre 5", 0.9, same_kind=False)
    assert select([other_name], SupportRule(names=False)) == [other_name]
    assert select([other_name], SupportRule(names=True)) == []
    assert select([other_section], SupportRule(same_kind=True)) == []
    assert select([other_section], SupportRule(same_kind=False)) == [other_section]


def test_a_repetition_the_delegate_wrote_is_theirs_to_keep():
    request = "debt restructuring and debt forgiveness so they can get out of debt"
    assert repetitions(request, request) == []
    assert repetitions(request) == ["'debt' is used 3 times"]
    looped = "the Council of the Council of the Council"
    assert repetitions(looped, "the Council") != []


def test_the_fact_guard_reads_ordinals_and_joined_names_whole():
    assert unsupported_facts("agenda of its 81st session", ["the 81st session"]) == []
    assert unsupported_facts("IOM's MigApp", ["an app like IOM's MigApp"]) == []
    assert unsupported_facts("IOM's MigApp and WhatsApp", ["IOM's MigApp"]) != []


def test_to_of_purpose_after_a_preposition_is_not_a_second_addressee():
    frame = FrameBook.default().frame("Encourages", "operative")
    fine = "Member States to work with INTERPOL to build a joint database"
    assert complement_problem(frame, fine) is None
    broken = "Member States to provide the Secretary-General to report"
    assert complement_problem(frame, broken) is not None
    plural = "United Nations funds and programmes and development banks to build capacity"
    assert complement_problem(FrameBook.default().frame("Invites", "operative"), plural) is None


def test_a_finished_body_keeps_its_last_short_word():
    from assistant.drafting.clause_form import ClauseForm

    form = ClauseForm(linter=None, lexicon=None)
    assert form.clean_body("cooperation, not replace it", "Noting").endswith("replace it")
    assert form.clean_body("the mechanism up and running by", "Noting") == (
        "the mechanism up and running"
    )
    assert form.clean_body("protect victims of traff ab", "Noting", truncated=True) == (
        "protect victims of traff"
    )


def test_a_that_clause_opening_with_an_aside_gets_no_second_that():
    from assistant.drafting.frame import Framer
    from assistant.drafting.understand import ClauseIntent
    from index.parsing.lexicon import Lexicon

    obj = "that, as the delegation cannot attend, its President may speak"
    intent = ClauseIntent("operative", "r", "r", "Decides", object=obj)
    skeleton = Framer(Lexicon.default(), FrameBook.default()).skeletons(intent)[0]
    assert (skeleton.phrase, skeleton.body) == ("Decides", obj)


def test_a_precedent_phrase_the_frame_book_does_not_list_is_not_offered():
    """'Intends a list of …': an unlisted operative phrase is only guessed to take an
    object, so a precedent that uses it does not put it before the listed phrases."""
    from assistant.drafting.frame import Framer
    from assistant.drafting.understand import understand
    from index.parsing.lexicon import Lexicon

    lexicon = Lexicon.default()
    intent = understand("list of warning signs officials can use", "operative", lexicon)
    skeletons = Framer(lexicon, FrameBook.default()).skeletons(intent, ["Intends", "Calls for"])
    assert skeletons[0].phrase == "Calls for"
    assert "Intends" not in {s.phrase for s in skeletons}
