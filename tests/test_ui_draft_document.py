"""The draft document features the workspace uses: header fields, inserting proposals."""

from __future__ import annotations

from assistant.draft_document import DraftDocument, DraftHeader
from index.parsing.parser import Parser

BODY = "The General Assembly,\n\n*Alarmed by* trafficking,\n\n1. *Urges* Member States to act.\n"


def test_from_text_reads_the_leading_fields_only():
    text = (
        "Code: GA/3/9\nCommittee: Third Committee\n\nThe General Assembly,\nTopic: not a header\n"
    )
    header = DraftHeader.from_text(text)
    assert (header.code, header.committee, header.topic) == ("GA/3/9", "Third Committee", "")


def test_set_header_replaces_old_fields_and_keeps_the_body():
    doc = DraftDocument("Code: OLD/1\nTopic: old\n\n" + BODY, parser=Parser())
    doc.set_header(DraftHeader("GA/3/9", "Third Committee", "Trafficking", "France, Chad"))
    assert doc.text.startswith("Code: GA/3/9\nCommittee: Third Committee\nTopic: Trafficking\n")
    assert "OLD/1" not in doc.text and doc.text.endswith(BODY)
    res = doc.resolution()
    assert (res.symbol, res.body, res.topic) == ("GA/3/9", "Third Committee", "Trafficking")
    assert res.sponsors == ["France", "Chad"]
    assert DraftHeader.from_text(doc.text) == doc.header


def test_set_header_empty_removes_the_fields_and_values_stay_on_one_line():
    doc = DraftDocument("Code: X/1\n\n" + BODY)
    doc.set_header(DraftHeader())
    assert doc.text == BODY
    doc.set_header(DraftHeader(topic="Two\nlines  here"))
    assert doc.text.startswith("Topic: Two lines here\n\nThe General Assembly,")


def test_insert_after_a_clause_with_subclauses_repairs_its_closing_marks():
    from assistant.drafting.proposals import Proposal
    from assistant.lint.linter import Linter
    from index.parsing.lexicon import Lexicon

    text = BODY.replace(
        "1. *Urges* Member States to act.\n",
        "1. *Urges* Member States to act:\na. by funding shelters;\nb. by training police.\n",
    )
    lexicon = Lexicon.default()
    doc = DraftDocument(text, Linter(None, lexicon), Parser(lexicon))
    assert doc.lint() == []
    clause = "2. *Calls upon* States to protect witnesses;"
    doc.insert(Proposal("operative", 2, "Calls upon", "States to protect witnesses", clause))
    assert "b. by training police;\n\n2. *Calls upon* States to protect witnesses.\n" in doc.text
    assert doc.lint() == []
