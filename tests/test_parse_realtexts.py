"""Shapes of real UN and MUN texts (eval/realtexts), each as a short excerpt of its own.

The excerpts are written in the shape of the real files (PDF extractions, school MUN
books, LaTeX templates), not copied from them; ``python -m eval.parse_realtexts`` measures
the whole corpus.
"""

from __future__ import annotations

import json

import pytest

from eval.parse_realtexts import measure
from index.errors import InputError
from index.parsing.latex import latex_to_lines
from index.parsing.parser import Parser


def parse(text: str):
    resolutions = Parser().parse_text(text)
    assert len(resolutions) == 1
    return resolutions[0]


def leads(clauses) -> list[str]:
    return [" ".join(c.text.split()[:2]) for c in clauses]


def test_paragraph_ending_in_a_footnote_marker_ends_there():
    res = parse(
        "The General Assembly,\n\n"
        "Having received the report of the Agency for\n2024,1\n\n"
        "Taking note of the statement by the Director General of the Agency,\n\n"
        "Reaffirming the Covenant and the Convention on the Elimination of Discrimination,[^5]\n\n"
        "Recognizing the importance of the work of the Agency,\n\n"
        "1. Takes note of the report;\n\n"
        "2. Decides to include the item in its agenda.\n"
    )
    assert leads(res.preambulatory) == [
        "Having received",
        "Taking note",
        "Reaffirming the",
        "Recognizing the",
    ]
    assert len(res.operative) == 2


@pytest.mark.parametrize(
    "opening", ["Gravely distressed by", "Fully dismayed at", "Profoundly saddened by"]
)
def test_preamble_opening_with_adverb_and_participle_not_in_the_lexicon(opening):
    res = parse(
        "The Security Council,\n\n"
        "Recalling its resolution 678 (1990),\n\n"
        f"{opening} the loss of life in the region,\n\n"
        "1. Demands an immediate ceasefire;\n"
    )
    assert leads(res.preambulatory) == ["Recalling its", " ".join(opening.split()[:2])]


def test_transition_line_ends_the_preamble_and_verbs_are_read_by_form():
    res = parse(
        "Noting with concern the disrespect of migrant workers' rights,\n\n"
        "Draws attention to the decrease in students enrolled in school;\n\n"
        "Renouncing past issues and looking to the future;\n\n"
        "The Delegation of Bahrain hereby:\n\n"
        "Reinforces the fact that change is necessary to address the mistreatment of\n"
        "migrant workers;\n\n"
        "Entreats all countries to take part;\n\n"
        "Reaffirming that this action will allow more children to learn;\n\n"
        "Seek to establish Nauru as a hub for research,\n\n"
        "Strongly condemns countries that implement such programmes.\n"
    )
    assert leads(res.preambulatory) == ["Noting with", "Draws attention", "Renouncing past"]
    assert leads(res.operative) == [
        "Reinforces the",
        "Entreats all",
        "Reaffirming that",
        "Seek to",
        "Strongly condemns",
    ]
    assert all(not c.numbered for c in res.operative)


def test_bare_verb_guess_does_not_split_a_list_after_a_colon():
    res = parse(
        "Recognizing the need for schools,\n\n"
        "The Delegation of the Marshall Islands does hereby:\n\n"
        "Seeks to amend the school schedule as follows:\n\n"
        "- Primary students will attend school on Monday;\n\n"
        "- Secondary students will attend school on Tuesday;\n\n"
        "Calls upon the United Nations to act.\n"
    )
    assert leads(res.operative) == ["Seeks to", "Calls upon"]


def test_title_block_between_printed_line_numbers_is_page_furniture():
    body = [
        "Noting with concern the disrespect of migrant workers' rights,",
        "",
        "The Delegation of Bahrain hereby:",
        "",
        "Calls for countries to establish a funding program to support the cause in",
    ]
    lines = [f"{n}\x03 {t}" for n, t in enumerate(body, start=1)]
    lines += [
        "",
        "A Resolution to Mitigate the Exploitation of Migrant Workers",
        "",
        "Bearden High School",
        "Economic and Financial",
        "Sponsor: Bahrain 2",
        "43rd General Assembly",
        "of the",
        "",
        "6\x03 developing countries;",
        "7\x03",
        "8\x03 Further recommends that all countries implement reform.",
    ]
    res = Parser().parse_text("\n".join(lines).replace("\x03", " "))[0]
    assert [c.text for c in res.operative] == [
        "Calls for countries to establish a funding program to support the cause in "
        "developing countries;",
        "Further recommends that all countries implement reform.",
    ]


def test_running_header_repeating_the_title_is_dropped():
    res = parse(
        "80/27. Regional disarmament\n\n"
        "The General Assembly,\n\n"
        "Noting that essential guidelines for progress were adopted at the tenth special "
        "session,\n\n"
        "Regional disarmament\n\n"
        "Convinced that endeavours by countries to promote regional disarmament will "
        "contribute,\n\n"
        "1. Stresses that sustained efforts are needed;\n"
    )
    assert leads(res.preambulatory) == ["Noting that", "Convinced that"]
    assert "Regional disarmament" not in res.preambulatory[0].text


def test_first_preamble_on_the_opening_line():
    res = parse(
        "WHA66.11 Health in the post-2015 development agenda\n\n"
        "The Sixty-sixth World Health Assembly, Having considered the report on health in the\n"
        "post-2015 development agenda,\n"
        "Reaffirming the Constitution of the World Health Organization;\n"
        "1. URGES Member States:\n"
        "(1) to ensure that health is placed at the centre of the agenda;\n"
        "(2) to engage actively in discussions;\n"
        "2. REQUESTS the Director-General to report.\n"
    )
    assert res.opening == "The Sixty-sixth World Health Assembly,"
    assert leads(res.preambulatory) == ["Having considered", "Reaffirming the"]
    assert [s.label for s in res.operative[0].subclauses] == ["1", "2"]


def test_missing_final_comma_after_a_short_line():
    res = parse(
        "The General Assembly,\n"
        "Recalling the execrable loss of life on both sides during the previous conflict in\n"
        "the region, and the suffering of the people of the region,\n"
        "Alarmed by the use of chemical weapons by the nation of Iraq on the Kurdish minority\n"
        "in that country\n"
        "Further taking into consideration the reports of previous weapons inspections\n"
        "1. Condemns any unilateral attack against Iraq by any State or group of States;\n"
    )
    assert leads(res.preambulatory) == ["Recalling the", "Alarmed by", "Further taking"]


def test_missing_final_mark_before_a_blank_line_on_a_page_with_line_numbers():
    body = [
        "Stressing the significance of the contamination of the water supply of nearby",
        "towns and villages caused by the trash on the mountain.",
        "",
        "Emphasising the difficulty of cleaning and managing trash in the harsh climate and",
        "difficult conditions the mountain poses",
        "",
        "Noting that the climbers' queues are long,",
        "",
        "The Delegation of Nepal does hereby:",
        "",
        "Request that the United Nations provide funds.",
    ]
    res = parse("\n".join(f"{n} {t}" for n, t in enumerate(body, start=1)))
    assert leads(res.preambulatory) == ["Stressing the", "Emphasising the", "Noting that"]
    # a typed draft keeps the two together: the linter reports the missing comma
    typed = parse("\n".join(body))
    assert leads(typed.preambulatory) == ["Stressing the", "Emphasising the"]


def test_annotation_marks_of_a_guide_example_are_taken_off():
    res = parse(
        "[0] Draft Resolution 1-B\n"
        "Committee: DISEC\n"
        "[3] The Disarmament and Security Committee,\n"
        "[4] Affirming [5] that the primary goal of the United Nations is the protection of life,\n"
        "Fully aware that armed groups often target civilians,\n"
        "1. [6] Encourages [7] all nations to use peace negotiations;\n"
        "a. [8] Firearms;\n"
    )
    assert res.opening == "The Disarmament and Security Committee,"
    assert res.preambulatory[0].text.startswith("Affirming that the primary goal")
    assert res.operative[0].text.startswith("Encourages all nations")
    assert len(res.preambulatory) == 2


LATEX = r"""% ===== file: resolution/headers.tex =====
\resNum{2671}
\committee{Security Council}
\pream{Noting}{with concern that the situation in the Middle East is tense}

\pream{Having}{considered the reports of the Secretary-General, \textit{inter alia}}
\pream{Strongly condemning}{incidents threatening the safety of
United Nations personnel}
\operative{Calls}{upon the parties concerned to implement immediately its resolution 338 (1973)}
\operative{Stresses}{the obligation on both parties to respect the terms of the Agreement;}
\operative*{Requests}{the Secretary-General to report every 90 days}
"""


def test_latex_template_macros_become_clause_lines_on_their_own_lines():
    lines = latex_to_lines(LATEX)
    assert len(lines) == LATEX.count("\n") + 1
    assert lines[1] == "Code: 2671"
    assert lines[3] == "*Noting* with concern that the situation in the Middle East is tense,"
    assert lines[5].endswith("*inter alia*,")
    assert lines[7] == "United Nations personnel,"
    assert lines[8].startswith("1. *Calls* upon")
    assert lines[9].endswith("the Agreement;")
    assert lines[10] == "3. *Requests* the Secretary-General to report every 90 days."


def test_latex_file_is_parsed(tmp_path):
    path = tmp_path / "resolution.tex"
    path.write_text(LATEX, "utf-8")
    (res,) = Parser().parse_file(path)
    assert res.symbol == "2671"
    assert res.body == "Security Council"
    assert leads(res.preambulatory) == ["Noting with", "Having considered", "Strongly condemning"]
    assert [c.number for c in res.operative] == [1, 2, 3]
    assert res.preambulatory[2].lines == (7, 8)


def test_unsupported_suffix_still_refused(tmp_path):
    path = tmp_path / "resolution.rtf"
    path.write_text("Recalling,", "utf-8")
    with pytest.raises(InputError, match="unsupported file type"):
        Parser().parse_file(path)


def test_measuring_script_compares_counts_with_the_manifest(tmp_path):
    (tmp_path / "good.txt").write_text(
        "The General Assembly,\nRecalling its resolutions,\n1. Decides to act.\n", "utf-8"
    )
    (tmp_path / "bad.txt").write_text("Recalling its resolutions,\n", "utf-8")
    manifest = [
        {"file": "good.txt", "split": "tune", "counts": {"preambulatory": 1, "operative": 1}},
        {"file": "bad.txt", "split": "holdout", "counts": {"preambulatory": 1, "operative": 1}},
    ]
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    outcomes = {o.file: o for o in measure([tmp_path])}
    assert outcomes["good.txt"].exact
    assert not outcomes["bad.txt"].exact
    assert outcomes["bad.txt"].family == "bad"
