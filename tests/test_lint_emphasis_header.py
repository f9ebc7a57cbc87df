"""Emphasis rules CW401–CW402, header rules CW501–CW503 and unplaced text CW901."""

from __future__ import annotations

from assistant.lint import Linter, apply_fixes
from assistant.lint.header import expected_opening

BODY = "\n\n*Noting* the goal,\n\n1. *Urges* States to act.\n"


def lint_fixed(linter: Linter, text: str) -> tuple[list, str]:
    diags = linter.lint_text(text)
    fixed = apply_fixes(text, diags)
    assert [d for d in linter.lint_text(fixed) if d.fix] == []
    return diags, fixed


def test_italic_phrases_pass_nmun_and_un() -> None:
    text = "The General Assembly," + BODY
    assert Linter("nmun").lint_text(text) == []
    assert Linter("un").lint_text(text) == []


def test_missing_italics_are_added() -> None:
    text = (
        "The General Assembly,\n\nDeeply concerned by the figures,\n\n1. Further requests a report."
    )
    diags, fixed = lint_fixed(Linter("nmun"), text)
    assert [(d.code, d.line, d.col) for d in diags] == [("CW401", 3, 1), ("CW401", 5, 4)]
    assert "*Deeply concerned* by the figures," in fixed
    assert "1. *Further requests* a report." in fixed


def test_plain_does_not_require_emphasis() -> None:
    text = "The General Assembly,\n\nNoting the goal,\n\n1. Urges States to act.\n"
    assert Linter("plain").lint_text(text) == []


def test_italic_span_running_past_the_phrase_is_accepted() -> None:
    text = (
        "The General Assembly,\n\n*Recalling the Protocol to Prevent Trafficking* "
        "adopted in 2000,\n\n1. *Urges* States to act.\n"
    )
    assert Linter("nmun").lint_text(text) == []


def test_wrong_emphasis_style_is_replaced() -> None:
    text = "The General Assembly,\n\n_Noting_ the goal,\n\n1. _Urges_ States to act.\n"
    diags, fixed = lint_fixed(Linter("nmun"), text)
    assert [(d.code, d.line, d.col) for d in diags] == [("CW402", 3, 1), ("CW402", 5, 4)]
    assert "*Noting* the goal" in fixed and "1. *Urges* States" in fixed
    assert Linter("thimun").lint_text(text) == []


def test_thimun_accepts_italic_preamble_but_not_italic_operatives() -> None:
    diags = Linter("thimun").lint_text("The Human Rights Council," + BODY)
    assert [(d.code, d.clause) for d in diags] == [("CW402", "text op 1")]


def test_generic_opening_names_no_body_and_is_fixed_from_header() -> None:
    text = "Resolution GA/3/1\n\nGeneral Assembly Third Committee\n\nThe Committee," + BODY
    diags, fixed = lint_fixed(Linter("nmun"), text)
    assert [(d.code, d.line, d.col, d.severity) for d in diags] == [("CW501", 5, 1, "warning")]
    assert "\nThe General Assembly,\n" in fixed


def test_generic_opening_without_known_body_has_no_fix() -> None:
    diags = Linter("nmun").lint_text("The Committee," + BODY)
    assert [d.code for d in diags] == ["CW501"] and diags[0].fix is None


def test_misnamed_body_is_reported_and_a_different_body_is_not() -> None:
    head = "Code: IOM/1/3\n\nCommittee: International Organization for Migration\n\n"
    diags, fixed = lint_fixed(
        Linter("nmun"), head + "*The International Organization of Migration,*" + BODY
    )
    assert [(d.code, d.line, d.col) for d in diags] == [("CW502", 5, 2)]
    assert "*The International Organization for Migration,*" in fixed
    other = "Code: HRC/1/1\n\nCommittee: Third Committee\n\nThe General Assembly," + BODY
    assert Linter("nmun").lint_text(other) == []


def test_missing_opening_line_is_inserted_from_header() -> None:
    text = "Code: HRC/1/1\n\nCommittee: Human Rights Council" + BODY
    diags, fixed = lint_fixed(Linter("nmun"), text)
    assert [(d.code, d.line) for d in diags] == [("CW501", 5)]
    assert "Human Rights Council\n\nThe Human Rights Council,\n\n*Noting*" in fixed


def test_opening_line_without_comma() -> None:
    text = "Resolution GA/1/1\n\n*The General Assembly*" + BODY
    diags, fixed = lint_fixed(Linter("nmun"), text)
    assert [(d.code, d.line, d.col, d.severity) for d in diags] == [("CW503", 3, 22, "error")]
    assert "*The General Assembly,*" in fixed


def test_expected_opening() -> None:
    assert expected_opening("General Assembly Third Committee") == "The General Assembly,"
    assert expected_opening("SOCHUM") == "The General Assembly,"
    assert expected_opening("Human Rights Council") == "The Human Rights Council,"
    assert expected_opening(None) is None


def test_unplaced_text_is_reported_as_info() -> None:
    text = "The General Assembly," + BODY + "\nsome stray words after the end\n"
    diags = Linter("nmun").lint_text(text)
    assert [(d.code, d.severity, d.line) for d in diags] == [("CW901", "info", 7)]
