"""Numbering rules CW301–CW305: operative numbers, sub-clause labels, references."""

from __future__ import annotations

import pytest

from assistant.lint import Linter, apply_fixes
from assistant.lint.references import internal_references
from index.parsing.parser import Parser

HEAD = "Resolution GA/1/1\n\nThe General Assembly,\n\n*Noting* the goal,\n\n"


@pytest.fixture(scope="module")
def nmun() -> Linter:
    return Linter("nmun")


def run(linter: Linter, body: str) -> tuple[list, str]:
    text = HEAD + body + "\n"
    diags = linter.lint_text(text)
    fixed = apply_fixes(text, diags)
    assert [d for d in linter.lint_text(fixed) if d.fix] == []
    return diags, fixed


def codes(diags: list) -> list[str]:
    return [d.code for d in diags]


def test_sequential_numbers_are_clean(nmun: Linter) -> None:
    diags, _ = run(nmun, "1. *Urges* action;\n\n2. *Requests* a report;\n\n3. *Decides* to act.")
    assert diags == []


def test_gap_is_renumbered_and_references_follow(nmun: Linter) -> None:
    body = (
        "1. *Urges* action;\n\n3. *Requests* a report on paragraph 3 and on "
        "paragraph 4 of resolution 60/1;\n\n4. *Decides* that operative paragraph 4 (a) "
        "and paragraphs 1 and 3 apply."
    )
    diags, fixed = run(nmun, body)
    assert codes(diags) == ["CW301", "CW301"]
    assert [(d.line, d.col) for d in diags] == [(9, 1), (11, 1)]
    assert "2. *Requests* a report on paragraph 2 and on paragraph 4 of resolution 60/1;" in fixed
    assert "3. *Decides* that operative paragraph 3 (a) and paragraphs 1 and 2 apply." in fixed


def test_repeat_is_renumbered_and_ambiguous_reference_warns(nmun: Linter) -> None:
    body = (
        "1. *Urges* action;\n\n2. *Requests* a report;\n\n2. *Invites* States to "
        "act;\n\n3. *Decides* to review paragraph 2 and paragraph 9."
    )
    diags, fixed = run(nmun, body)
    assert codes(diags) == ["CW301", "CW301", "CW305", "CW305"]
    warnings = [d for d in diags if d.code == "CW305"]
    assert all(d.severity == "warning" and d.fix is None for d in warnings)
    assert "numbered 2 and 3" in warnings[0].message
    assert "no operative clause is numbered 9" in warnings[1].message
    assert "3. *Invites*" in fixed
    assert "4. *Decides* to review paragraph 2 and paragraph 9." in fixed


def test_renumbering_keeps_clause_words(nmun: Linter) -> None:
    body = "1. *Urges* action;\n\n5. *Requests* a report;\n\n5. *Decides* to act."
    _, fixed = run(nmun, body)
    before = [c.text for r in Parser().parse_text(HEAD + body) for c in r.clauses()]
    after = [c.text for r in Parser().parse_text(fixed) for c in r.clauses()]
    assert before == after


def test_missing_number_is_inserted(nmun: Linter) -> None:
    body = "1. *Urges* action;\n\n2. *Requests* a report;\n\n*Decides* to act."
    diags, fixed = run(nmun, body)
    assert codes(diags) == ["CW302"]
    assert fixed.endswith("3. *Decides* to act.\n")


def test_plain_accepts_all_unnumbered_operatives() -> None:
    body = "Decides to act;\n\nRequests a report."
    text = "The Economic and Social Council,\n\nRecalling its resolution 2015/12,\n\n" + body
    assert Linter("plain").lint_text(text) == []
    assert codes(Linter("un").lint_text(text)).count("CW302") == 2


def test_headings_restart_the_count(nmun: Linter) -> None:
    body = "I\n\n1. *Urges* action;\n\n2. *Requests* a report;\n\nII\n\n1. *Decides* to act."
    diags, _ = run(nmun, body)
    assert diags == []


def test_label_gap_is_relabelled(nmun: Linter) -> None:
    body = "1. *Urges* States to:\n\na. Act;\n\nc. Report;\n\n2. *Decides* to act."
    diags, fixed = run(nmun, body)
    assert codes(diags) == ["CW303"]
    assert (diags[0].line, diags[0].col) == (11, 1)
    assert "b. Report;" in fixed


def test_label_form_follows_profile_depth() -> None:
    body = (
        "1. *Urges* States to:\n\na. Act, including by:\n\ni. Training;\n\nii. Funding;\n\n"
        "b. Report;\n\n2. *Decides* to act."
    )
    un = Linter("un")
    diags, fixed = run(un, body)
    assert codes(diags) == ["CW304"] * 4
    assert "(a) Act, including by:\n\n(i) Training;\n\n(ii) Funding;\n\n(b) Report;" in fixed
    assert run(Linter("nmun"), body)[0] == []


def test_roman_where_alpha_expected_is_a_style_error(nmun: Linter) -> None:
    body = "1. *Urges* States to:\n\ni. Act;\n\nii. Report;\n\n2. *Decides* to act."
    diags, fixed = run(nmun, body)
    assert codes(diags) == ["CW304", "CW304"]
    assert "a. Act;\n\nb. Report;" in fixed


def test_plain_follows_each_lists_own_first_label() -> None:
    body = "1. Urges States to:\n\n1) Act;\n\n2) Report;\n\n2. Decides to act."
    text = "Resolution GA/1/1\n\nThe General Assembly,\n\nNoting the goal,\n\n" + body
    diags = Linter("plain").lint_text(text)
    assert [d.code for d in diags if d.code.startswith("CW3")] == []


def test_internal_references() -> None:
    line = (
        "as in paragraph 4 above, paragraphs 5 and 6, paragraph 2 of resolution 60/1, "
        "Article 5, paragraph 3, preambular paragraph 7 and operative paragraph 8 (a)"
    )
    assert [n for n, _, _ in internal_references(line)] == [4, 5, 6, 8]
    line = (
        "paragraph 2 in a timely manner; paragraph 3 in resolution 60/1; and paragraph 4 "
        "of the present resolution; paragraph 5 of the Charter"
    )
    assert [n for n, _, _ in internal_references(line)] == [2, 4]
