"""Checking one proposed clause (the drafting chain's use)."""

from __future__ import annotations

import pytest

from assistant.lint import apply_fixes, lint_clause_text


def codes(diags: list) -> list[str]:
    return [d.code for d in diags]


def test_well_formed_operative_clause() -> None:
    assert lint_clause_text("9. *Urges* Member States to act;", "operative", 9) == []
    assert lint_clause_text("9. *Urges* Member States to act.", "operative", 9, True) == []


def test_number_and_last_clause_are_checked_and_fixed() -> None:
    text = "9. *Urges* Member States to act;"
    diags = lint_clause_text(text, "operative", 8, is_last=True)
    assert codes(diags) == ["CW301", "CW203"]
    fixed = apply_fixes(text, diags)
    assert fixed == "8. *Urges* Member States to act."
    assert lint_clause_text(fixed, "operative", 8, is_last=True) == []


def test_number_not_checked_when_not_given() -> None:
    assert lint_clause_text("*Urges* Member States to act;", "operative") == []


def test_unnumbered_unemphasised_clause_gets_number_and_italics() -> None:
    text = "Urges Member States to act"
    diags = lint_clause_text(text, "operative", 3)
    assert codes(diags) == ["CW302", "CW401", "CW202"]
    assert apply_fixes(text, diags) == "3. *Urges* Member States to act;"


def test_kind_is_the_callers() -> None:
    diags = lint_clause_text("*Highlights* the need,", "preambulatory")
    assert codes(diags) == ["CW101"]
    diags = lint_clause_text("*Recalling* its resolution 60/1,", "operative", 2)
    assert codes(diags) == ["CW302", "CW102", "CW202"]


def test_sub_clauses_follow_the_profile() -> None:
    text = "4. *Requests* the Secretary-General:\n(a) To report;\n(c) To act;"
    assert codes(lint_clause_text(text, "operative", 4, profile="un")) == ["CW303"]
    assert codes(lint_clause_text(text, "operative", 4, profile="nmun")) == ["CW304", "CW304"]


def test_text_with_no_clause() -> None:
    diags = lint_clause_text("Member States should act;")
    assert codes(diags) == ["CW103"] and diags[0].severity == "warning"


def test_kind_must_be_a_clause_kind() -> None:
    with pytest.raises(ValueError):
        lint_clause_text("*Urges* action;", "subclause")
