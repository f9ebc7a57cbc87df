"""Real-world shapes of resolution text, one small fixture each."""

from __future__ import annotations

import pytest

from index.parsing.parser import Parser
from tests.conftest import FIXTURES

Q = FIXTURES / "quirks"


def parse(name: str):
    resolutions = Parser().parse_file(Q / name)
    assert len(resolutions) == 1
    return resolutions[0]


def tree(res) -> list[tuple[str, tuple[int, int]]]:
    return [(c.id, c.lines) for c in res.clauses()]


def test_un_labels_and_symbol():
    res = parse("un_labels.txt")
    assert res.symbol == "A/RES/72/195"
    assert res.body == "General Assembly"
    ids = [c.id for c in res.clauses()]
    assert "A/RES/72/195 op 2(a)(i)" in ids and "A/RES/72/195 op 2(b)" in ids
    assert not res.warnings
    assert res.operative[-1].text == "Decides to remain seized of the matter."


def test_footnotes_page_footers_and_closing_lines():
    res = parse("footnotes_footer.txt")
    assert [c.number for c in res.operative] == [1, 2, 3]
    assert res.preambulatory[0].text.startswith(
        "Recalling the 2030 Agenda for Sustainable Development, which"
    )  # marker "1" removed
    assert [f.text for f in res.footnotes] == [
        "1 See resolution 70/1.",
        "2 Resolution 69/313, annex.",
    ]
    assert res.closing[0].text == "71st plenary meeting 25 September 2015"
    assert "Page" not in res.operative[1].text
    assert res.operative[1].lines == (17, 18)


def test_paragraphs_run_together_on_one_line():
    res = parse("runon.txt")
    assert [c.phrase for c in res.preambulatory] == [
        "Recalling",
        "Noting with concern",
        "Bearing in mind",
    ]
    assert [c.number for c in res.operative] == [1, 2, 3]
    assert [s.label for s in res.operative[1].subclauses] == ["a", "b"]
    assert res.operative[1].subclauses[1].text == "On capacity gaps;"


def test_unnumbered_operative_paragraphs():
    res = parse("unnumbered.txt")
    assert len(res.preambulatory) == 2
    assert [(c.id, c.numbered, c.phrase) for c in res.operative] == [
        ("unnumbered op 1", False, "Decides"),
        ("unnumbered op 2", False, "Requests"),
        ("unnumbered op 3", False, "Decides"),
    ]
    assert res.topic == "Decision on the review of the mandate"


def test_numbered_list_inside_a_clause():
    res = parse("numbered_list.txt")
    assert [c.number for c in res.operative] == [1, 2]
    assert [s.id for s in res.operative[0].subclauses] == [
        "ECOSOC/1/1 op 1(1)",
        "ECOSOC/1/1 op 1(2)",
    ]
    assert not res.warnings


def test_annex_with_its_own_numbering():
    res = parse("annex.txt")
    assert [c.number for c in res.operative] == [1, 2]
    annex = res.annexes[0]
    assert annex.title == "Guidelines on cooperation"
    assert [c.id for c in annex.clauses] == ["GA/2/1 annex 1 para 1", "GA/2/1 annex 1 para 2"]
    assert [s.label for s in annex.clauses[1].subclauses] == ["a", "b"]


def test_section_headings_inside_the_preamble():
    res = parse("headings.txt")
    assert [c.heading for c in res.preambulatory] == [
        "I General considerations",
        None,
        "II Protection of victims",
    ]
    assert res.preambulatory[1].text == "Reaffirming the Charter,"
    assert not res.warnings


def test_hyphenation_stray_spaces_and_unicode_hyphens():
    res = parse("wordbreaks.txt")
    assert res.preambulatory[0].text == (
        "Recalling the importance of trafficking prevention and the efforts against "
        "trafficking, anti-trafficking work and anti-trafficking laws, trafficking again,"
    )
    assert res.preambulatory[1].text == (
        "Noting the non-binding guidelines of the Council and the trafficking plan,"
    )


def test_thimun_style_underlines_and_close_paren_labels():
    res = parse("thimun.txt")
    assert res.body == "Human Rights Council" and res.topic == "Protecting migrants"
    assert res.sponsors == ["Italy", "Spain", "Greece", "Malta"]
    assert [c.emphasis for c in res.preambulatory] == ["underline", "underline"]
    op1 = res.operative[0]
    assert [(s.label, s.label_style) for s in op1.subclauses] == [("a", "close"), ("b", "close")]
    assert [s.label for s in op1.subclauses[1].subclauses] == ["i", "ii"]


def test_letter_i_after_h_is_a_letter_not_a_roman_numeral():
    letters = "abcdefghij"
    body = "\n".join(f"{x}. Item {x};" for x in letters)
    text = f"Code: X/1/1\n\nThe Council,\n\nRecalling its work,\n\n1. Decides to:\n{body}\n"
    res = Parser().parse_text(text)[0]
    assert [s.label for s in res.operative[0].subclauses] == list(letters)


def test_roman_i_under_a_letter():
    text = (
        "Code: X/1/2\n\nThe Council,\n\nRecalling its work,\n\n1. Decides to:\n"
        "a. Do one thing by:\ni. first;\nii. second;\nb. Do another;\n"
    )
    res = Parser().parse_text(text)[0]
    a = res.operative[0].subclauses[0]
    assert [s.id for s in a.subclauses] == ["X/1/2 op 1(a)(i)", "X/1/2 op 1(a)(ii)"]


def test_out_of_order_numbers_are_reported_with_the_line():
    text = (
        "Code: X/1/3\n\nThe Council,\n\nRecalling its work,\n\n1. Decides to act;\n\n"
        "3. Requests a report;\n\n3. Decides to remain seized of the matter.\n"
    )
    res = Parser().parse_text(text, "draft.txt")[0]
    msgs = [str(w) for w in res.warnings]
    assert "draft.txt:9: W007 operative clause numbered 3 where 2 was expected" in msgs
    assert any("W005" in m and "X/1/3 op 3#2" in m for m in msgs)
    assert [c.id for c in res.operative] == ["X/1/3 op 1", "X/1/3 op 3", "X/1/3 op 3#2"]


def test_text_before_the_first_clause_is_reported_not_dropped():
    text = (
        "Code: X/1/4\n\nThe Council,\n\nsome stray words here\n\n"
        "Recalling its work,\n\n1. Decides.\n"
    )
    res = Parser().parse_text(text, "d.txt")[0]
    assert [str(w) for w in res.warnings] == [
        "d.txt:5: W001 text not placed in any clause: 'some stray words here'"
    ]


@pytest.mark.parametrize("ext", ["pdf", "docx"])
def test_pdf_and_docx_inputs(tmp_path, ext):
    from tests.docs_factory import write_docx, write_pdf

    lines = [
        "Resolution GA/9/9",
        "",
        "The General Assembly,",
        "",
        "*Recalling* its work,",
        "",
        "1. *Requests* a report:",
        "a. On one thing;",
        "b. On another;",
        "2. *Decides* to remain seized of the matter.",
    ]
    path = tmp_path / f"doc.{ext}"
    (write_pdf if ext == "pdf" else write_docx)(path, lines)
    res = Parser().parse_file(path)[0]
    assert res.symbol == "GA/9/9"
    assert [c.id for c in res.clauses()] == [
        "GA/9/9 pre 1",
        "GA/9/9 op 1",
        "GA/9/9 op 1(a)",
        "GA/9/9 op 1(b)",
        "GA/9/9 op 2",
    ]
    if ext == "docx":
        assert res.preambulatory[0].emphasis == "italic"
