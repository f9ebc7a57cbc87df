"""The draft being written: insertion, renumbering, lint, fixes, export, autosave."""

from __future__ import annotations

import pytest

from assistant.draft_autosave import DraftStore, new_session_id
from assistant.draft_document import DraftDocument, DraftHeader
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
