"""Shapes of real UN and MUN texts (eval/realtexts), each as a short excerpt of its own.

The excerpts are written in the shape of the real files (PDF extractions, school MUN
books, LaTeX templates), not copied from them; ``python -m eval.parse_realtexts`` measures
the whole corpus.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.parse_realtexts import DEFAULT_FOLDERS, measure
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


@pytest.mark.parametrize(
    ("first_end", "note"),
    [("Council,[1]", "bracketed number"), ("abuse,78/", "number and slash")],
)
def test_paragraph_ending_in_a_bracket_or_slash_footnote_marker_ends_there(first_end, note):
    res = parse(
        "The Economic and Social Council,\n\n"
        f"Taking note of the comments of Member States on the role of the {first_end}\n\n"
        "Endorsing the view expressed by the Commission in that resolution,\n\n"
        "1. Invites the World Health Organization to assist the Commission;\n"
    )
    assert leads(res.preambulatory) == ["Taking note", "Endorsing the"], note


def test_run_together_preamble_split_after_a_bracketed_footnote_marker():
    res = parse(
        "The General Assembly, Having considered Council resolution 1091 (XXXIX), "
        "Welcoming the enlargement of the membership of the Council, Noting with appreciation "
        "the comments of Member States on the role of the Council,[1] Noting further the "
        "report of the Secretary-General (XXXIX) [2] containing his views,\n\n"
        "1. Requests the Secretary-General to submit detailed proposals;\n"
    )
    assert leads(res.preambulatory) == [
        "Having considered",
        "Welcoming the",
        "Noting with",
        "Noting further",
    ]


def test_preamble_opening_with_a_stray_quote_mark_starts_a_paragraph():
    res = parse(
        "The Security Council,\n\n"
        "Considering that the violation of the sovereignty of\na Member State is incompatible "
        "with the Charter,\n\n"
        "‘Having regard to the fact that reciprocal respect for\nthe sovereign rights of States "
        "is essential,\n\n"
        "Noting that the repetition of such acts would involve a breach,\n\n"
        "1. Declares that acts such as that under consideration may endanger peace;\n"
    )
    assert leads(res.preambulatory) == ["Considering that", "Having regard", "Noting that"]


def test_quoted_paragraph_after_a_colon_stays_in_its_preamble():
    res = parse(
        "The Security Council,\n\n"
        "Having in mind the Charter of the United Nations, in particular its Article 2,\n"
        "paragraph 4, which reads:\n\n"
        "‘All Members shall refrain in their international relations from the threat of force’,\n\n"
        "1. Calls upon all Member States to refrain from any action;\n"
    )
    assert len(res.preambulatory) == 1


def test_wrapped_line_opening_with_a_proper_name_in_ed_is_not_a_new_preamble():
    res = parse(
        "The General Assembly,\n\n"
        "Noting the successful conclusion of the Games, and welcoming the\n"
        "Games of the XXXIV Olympiad, to be held in Los Angeles,\n"
        "United States of America, from 14 to 30 July 2028,\n"
        "respectively,\n\n"
        "Acknowledging the joint endeavours of the International Olympic Committee,\n\n"
        "1. Urges Member States to observe the Olympic Truce;\n"
    )
    assert leads(res.preambulatory) == ["Noting the", "Acknowledging the"]


def test_whole_resolution_on_one_line_with_star_slash_footnote_markers():
    res = parse(
        "The Economic and Social Council, Noting with concern that the problem remains "
        "serious, Recognizing that these circumstances require vigilance by the Commission, "
        "1. Decides that special sessions may be convened as necessary; 2. Further decides "
        "that the Commission should consider,**/ at its regular session, whether to meet in "
        "1976;***/ 3. Suggests that the following regular session be shortened. "
        "1896th plenary meeting, */ Adopted as recommended by the Commission.\n"
    )
    assert leads(res.preambulatory) == ["Noting with", "Recognizing that"]
    assert [c.number for c in res.operative] == [1, 2, 3]
    assert res.preambulatory[1].text.endswith("by the Commission,")


def test_number_after_a_comma_inside_an_operative_clause_is_not_a_new_clause():
    res = parse(
        "The General Assembly,\n\n"
        "Recalling its resolutions,\n\n"
        "1. Decides to consider the matter at its sessions 79, 80, 2. Requests nothing;\n\n"
        "2. Requests the Secretary-General to report.\n"
    )
    assert [c.number for c in res.operative] == [1, 2]


def test_bracket_and_slash_footnote_markers_come_off_clause_text():
    res = parse(
        "The Economic and Social Council,\n\n"
        "Taking note of resolution 10 (XXV) of the Commission,78/\n\n"
        "Noting the comments of Member States on the role of the Council,[1]\n\n"
        "1. Decides that the Commission should consider,**/ at its next session, the matter;\n"
        "2. Requests the Secretary-General to report.\n"
    )
    assert [c.text for c in res.preambulatory] == [
        "Taking note of resolution 10 (XXV) of the Commission,",
        "Noting the comments of Member States on the role of the Council,",
    ]
    assert res.operative[0].text.startswith("Decides that the Commission should consider, at its")


def test_every_corpus_text_has_its_source_licence_split_and_hand_counts():
    root = Path(__file__).resolve().parents[1]
    assert "eval/realtexts/parsing" in DEFAULT_FOLDERS
    folders = [root / f for f in DEFAULT_FOLDERS]
    for folder in folders:
        entries = json.loads((folder / "manifest.json").read_text("utf-8"))
        assert len({e["file"] for e in entries}) == len(entries)
        for entry in entries:
            assert (folder / entry["file"]).is_file(), entry["file"]
            assert entry["source"] and entry["licence"], entry["file"]
            assert entry["split"] in ("tune", "holdout"), entry["file"]
            assert {"preambulatory", "operative"} <= set(entry["counts"]), entry["file"]
