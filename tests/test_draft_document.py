"""The draft being written: insertion, renumbering, lint, fixes, export, autosave."""

from __future__ import annotations

import pytest

from assistant.draft_autosave import DraftStore, new_session_id
from assistant.draft_document import DraftDocument, DraftHeader, name_list
from assistant.drafting.proposals import Proposal
from assistant.export import to_docx, to_markdown
from assistant.lint.linter import Linter
from index.errors import ClausewrightError
from index.parsing.parser import Parser


@pytest.fixture()
def doc() -> DraftDocument:
    header = DraftHeader(
        code="GA/3/2", committee="General Assembly Third Committee", topic="Trafficking in persons"
    )
    return DraftDocument.new(header, "The General Assembly,", Linter(), Parser())


def op(text: str) -> Proposal:
    return Proposal("operative", 1, "", "", text)


def pre(text: str) -> Proposal:
    return Proposal("preambulatory", None, "", "", text)


def test_insert_places_clauses_by_section_and_renumbers(doc):
    doc.insert(op("1. *Urges* Member States to act;"))
    doc.insert(pre("*Recalling* its resolution 70/1,"))
    doc.insert(op("1. *Requests* a report;"))
    doc.insert(pre("*Noting* the report of the Secretary-General,"))
    res = doc.resolution()
    assert [c.text for c in res.preambulatory] == [
        "Recalling its resolution 70/1,",
        "Noting the report of the Secretary-General,",
    ]
    assert [(c.number, c.text) for c in res.operative] == [
        (1, "Urges Member States to act;"),
        (2, "Requests a report."),
    ]
    assert doc.lint() == []


def test_one_click_fix_and_fix_all(doc):
    doc.text += "\n*Recalling* its work;\n\n1. Urges Member States to act;\n"
    problems = doc.lint()
    assert {d.code for d in problems} >= {"CW201", "CW401"}
    first = next(d for d in problems if d.fix)
    doc.apply_fix(first)
    assert len(doc.lint()) == len(problems) - 1
    assert doc.fix_all() == []


def test_docx_round_trip(doc, tmp_path):
    doc.insert(pre("*Recalling* its resolution 70/1,"))
    doc.text += (
        "\n1. *Urges* Member States to:\n\na. Protect victims;\n\n"
        "b. Train police officers;\n\n2. *Requests* a report.\n"
    )
    res = doc.resolution()
    path = to_docx(doc.text, res, tmp_path / "draft.docx")
    back = Parser().parse_file(path)[0]
    assert [(c.id, c.text) for c in back.clauses()] == [(c.id, c.text) for c in res.clauses()]
    assert back.preambulatory[0].emphasis == "italic"
    import docx

    paragraphs = docx.Document(str(path)).paragraphs
    sub = next(p for p in paragraphs if p.text.startswith("a. Protect"))
    top = next(p for p in paragraphs if p.text.startswith("1. Urges"))
    assert sub.paragraph_format.left_indent > top.paragraph_format.left_indent


def test_markdown_export_parses_back(doc):
    doc.insert(pre("*Recalling* its resolution 70/1,"))
    doc.insert(op("1. *Urges* Member States to act;"))
    md = to_markdown(doc.text, doc.resolution())
    assert md.startswith("**Code:** GA/3/2")
    back = Parser().parse_text(md)[0]
    assert [c.text for c in back.clauses()] == [c.text for c in doc.resolution().clauses()]


def test_draft_store_round_trip_and_isolation(tmp_path):
    store = DraftStore(tmp_path / "drafts")
    a, b = new_session_id(), new_session_id()
    store.save(a, {"text": "draft A"})
    assert store.load(a)["text"] == "draft A" and store.load(b) is None
    with pytest.raises(ClausewrightError, match="invalid session ID"):
        store.load("../../etc/passwd")
    assert list((tmp_path / "drafts").glob(".draft-*")) == []  # no temp files left


MOVABLE = """Code: GA/3/9

The General Assembly,

*Alarmed by* the rates of trafficking,

*Recalling* its resolution 70/1,

1. *Urges* Member States to act;

2. *Calls upon* States to help victims:
a. by funding shelters;
b. by training police;

3. *Requests* a report.
"""


def test_moving_an_operative_clause_takes_its_subclauses_and_renumbers():
    doc = DraftDocument(MOVABLE, Linter(), Parser())
    doc.move_clause("operative", 2, 3)
    res = doc.resolution()
    assert [(c.number, c.text) for c in res.operative] == [
        (1, "Urges Member States to act;"),
        (2, "Requests a report;"),
        (3, "Calls upon States to help victims:"),
    ]
    assert [s.text for s in res.operative[2].subclauses] == [
        "by funding shelters;",
        "by training police.",
    ]
    assert doc.lint() == []
    doc.move_clause("operative", 3, 2)  # and back: the original text again
    assert doc.text == MOVABLE


def test_moving_a_preambulatory_clause_and_moves_out_of_range():
    doc = DraftDocument(MOVABLE, Linter(), Parser())
    doc.move_clause("preambulatory", 2, 1)
    assert [c.text for c in doc.resolution().preambulatory] == [
        "Recalling its resolution 70/1,",
        "Alarmed by the rates of trafficking,",
    ]
    with pytest.raises(ClausewrightError, match="no clause 4 in the operative part: it has 3"):
        doc.move_clause("operative", 4, 1)
    with pytest.raises(ClausewrightError, match="clauses 1 to 2; 0 is outside"):
        doc.move_clause("preambulatory", 1, 0)


def test_the_opening_line_follows_the_committee_unless_the_user_wrote_it():
    doc = DraftDocument(MOVABLE, Linter(), Parser())
    doc.set_header(DraftHeader("IOM/1/9", "International Organization for Migration"))
    assert "\n\nThe International Organization for Migration,\n\n*Alarmed by*" in doc.text
    doc.set_header(DraftHeader("IOM/1/9", "Human Rights Council"))
    assert "\nThe Human Rights Council,\n" in doc.text
    doc.set_header(DraftHeader("A/1", "Third Committee"))  # a GA main committee
    assert "\nThe General Assembly,\n" in doc.text
    mine = doc.text.replace("The General Assembly,", "*The Assembly of States Parties,*")
    doc = DraftDocument(mine, Linter(), Parser())
    doc.set_header(DraftHeader("A/1", "International Organization for Migration"))
    assert "\n*The Assembly of States Parties,*\n" in doc.text  # the user's own: kept


def test_sponsor_lists_are_split_and_duplicates_named():
    assert name_list("France, Chad;  Peru ,france,, CHAD.") == (
        ["France", "Chad", "Peru"],
        ["France", "Chad"],
    )
    assert name_list("") == ([], [])


def test_docx_sets_the_opening_line_in_italics_and_field_names_in_bold(doc, tmp_path):
    import docx

    doc.insert(op("1. *Urges* Member States to act;"))
    path = to_docx(doc.text, doc.resolution(), tmp_path / "draft.docx")
    paragraphs = docx.Document(str(path)).paragraphs
    opening = next(p for p in paragraphs if p.text == "The General Assembly,")
    assert [r.italic for r in opening.runs] == [True]
    code = next(p for p in paragraphs if p.text.startswith("Code:"))
    assert code.runs[0].bold and code.runs[0].text == "Code:" and code.text == "Code: GA/3/2"
    assert Parser().parse_file(path)[0].opening == "The General Assembly,"
