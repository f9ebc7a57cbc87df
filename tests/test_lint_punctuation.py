"""Punctuation rules CW201–CW206: passing and failing cases, with fixes."""

from __future__ import annotations

import pytest

from assistant.lint import Linter, apply_fixes

HEAD = "Resolution GA/1/1\n\nThe General Assembly,\n\n"


@pytest.fixture(scope="module")
def nmun() -> Linter:
    return Linter("nmun")


def check(linter: Linter, body: str, code: str) -> tuple[list, str]:
    """The diagnostics of one code, and the text after applying all fixes."""
    text = HEAD + body + "\n"
    diags = linter.lint_text(text)
    fixed = apply_fixes(text, diags)
    assert [d for d in linter.lint_text(fixed) if d.fix] == []
    return [d for d in diags if d.code == code], fixed


def where(diags: list) -> list[tuple[int, int]]:
    return [(d.line, d.col) for d in diags]


def test_well_punctuated_resolution_is_clean(nmun: Linter) -> None:
    body = (
        "*Noting* the goal,\n\n1. *Urges* States to:\n\na. Act;\n\nb. Report;\n\n"
        "2. *Requests* a report:\n\na. On progress;\n\nb. On gaps."
    )
    assert nmun.lint_text(HEAD + body + "\n") == []


def test_preambulatory_clause_must_end_with_comma(nmun: Linter) -> None:
    diags, fixed = check(nmun, "*Noting* the goal;\n\n1. *Urges* States to act.", "CW201")
    assert where(diags) == [(5, 18)]
    assert "*Noting* the goal,\n" in fixed


def test_missing_mark_is_inserted(nmun: Linter) -> None:
    body = "*Noting* the goal,\n\n*Recalling* the past\n\n1. *Urges* States to act."
    diags, fixed = check(nmun, body, "CW201")
    assert where(diags) == [(7, 21)]
    assert "*Recalling* the past,\n" in fixed


def test_clause_run_into_the_next_for_want_of_a_mark(nmun: Linter) -> None:
    body = "*Noting* the goal\n\n*Recalling* the past,\n\n1. *Urges* States to act."
    diags, fixed = check(nmun, body, "CW201")
    assert where(diags) == [(5, 18)] and "runs into line 7" in diags[0].message
    assert "*Noting* the goal,\n" in fixed
    plain = Linter("plain")
    diags, _ = check(plain, body.replace("*", ""), "CW201")
    assert where(diags) == [(5, 16)]
    # a line break inside a clause before an ordinary word is not a clause boundary
    wrapped = "*Noting* the work of the\n\nSecretary-General,\n\n1. *Urges* States to act."
    assert nmun.lint_text(HEAD + wrapped + "\n") == []


def test_run_together_sub_clauses_are_fixed_in_passes(nmun: Linter) -> None:
    body = (
        "*Noting* the goal,\n\n1. *Urges* States to\n\na. Act\n\nb. Report;\n\n3. *Decides* to act."
    )
    text = HEAD + body + "\n"
    first = nmun.lint_text(text)
    assert [(d.code, d.line) for d in first] == [("CW204", 7), ("CW301", 13)]
    fixed, left = nmun.fix_text(text)
    assert left == []
    assert "1. *Urges* States to:\n\na. Act;\n\nb. Report;\n\n2. *Decides* to act." in fixed


def test_operative_clause_must_end_with_semicolon(nmun: Linter) -> None:
    body = "*Noting* the goal,\n\n1. *Urges* States to act.\n\n2. *Requests* a report."
    diags, fixed = check(nmun, body, "CW202")
    assert where(diags) == [(7, 25)]
    assert "1. *Urges* States to act;\n" in fixed


def test_last_operative_clause_must_end_with_period(nmun: Linter) -> None:
    body = "*Noting* the goal,\n\n1. *Urges* States to act;\n\n2. *Requests* a report;"
    diags, fixed = check(nmun, body, "CW203")
    assert where(diags) == [(9, 23)]
    assert fixed.endswith("2. *Requests* a report.\n")


def test_chapeau_must_end_with_colon(nmun: Linter) -> None:
    body = (
        "*Noting* the goal,\n\n1. *Urges* States to;\n\na. Act;\n\nb. Report;\n\n"
        "2. *Decides* to act."
    )
    diags, fixed = check(nmun, body, "CW204")
    assert where(diags) == [(7, 21)]
    assert "1. *Urges* States to:\n" in fixed


def test_sub_clause_marks_by_position(nmun: Linter) -> None:
    body = (
        "*Noting* the goal,\n\n1. *Urges* States to:\n\na. Act.\n\nb. Report,\n\n"
        "2. *Requests* a report:\n\na. On progress;\n\nb. On gaps;"
    )
    diags, fixed = check(nmun, body, "CW205")
    assert where(diags) == [(9, 7), (11, 10), (17, 11)]
    assert "a. Act;\n\nb. Report;\n" in fixed and fixed.endswith("b. On gaps.\n")


def test_thimun_sub_clauses_end_with_commas() -> None:
    thimun = Linter("thimun")
    good = (
        "_Noting_ the goal,\n\n1. _Urges_ States to:\n\na) Act,\n\nb) Report;\n\n"
        "2. _Decides_ to act."
    )
    assert thimun.lint_text(HEAD + good + "\n") == []
    bad = good.replace("a) Act,", "a) Act;")
    diags, fixed = check(thimun, bad, "CW205")
    assert where(diags) == [(9, 7)]
    assert "a) Act,\n" in fixed


def test_quotes_markers_and_footnote_numbers_are_looked_through(nmun: Linter) -> None:
    body = (
        "*Noting* the call for a “humane manner,”\n\n*Recalling* the *Charter*,2\n\n"
        "1. *Urges* States to act.\n\n2 See resolution 70/1."
    )
    assert [d.code for d in nmun.lint_text(HEAD + body + "\n")] == []


def test_semicolon_and_is_accepted_but_comma_and_semicolon_warns(nmun: Linter) -> None:
    body = (
        "*Noting* the goal,\n\n1. *Urges* States to:\n\na. Act, and;\n\nb. Report;\n\n"
        "2. *Decides* to act."
    )
    diags, _ = check(nmun, body, "CW206")
    assert where(diags) == [(9, 7)]
    assert diags[0].severity == "warning" and diags[0].fix is None


def test_run_on_line_clauses_are_checked_separately(nmun: Linter) -> None:
    body = (
        "*Noting* the goal,\n\n1. *Urges* States to act; 2. *Requests* a report: "
        "(a) On progress; (b) On gaps; 3. *Decides* to act."
    )
    diags = Linter("un").lint_text(HEAD + body + "\n")
    assert [d.code for d in diags] == []
