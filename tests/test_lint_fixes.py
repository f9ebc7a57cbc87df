"""Applying fix edits: positions, duplicates, overlaps, insertion order, diagnostics JSON."""

from __future__ import annotations

from assistant.lint import Diagnostic, TextEdit, apply_fixes


def diag(*edits: TextEdit, code: str = "CW201") -> Diagnostic:
    return Diagnostic("f.txt", edits[0].line, edits[0].col, code, "error", "m", fix=list(edits))


def test_replacement_and_insertion_on_several_lines() -> None:
    text = "ab;\ncd\n"
    out = apply_fixes(
        text, [diag(TextEdit.replace(1, 3, 1, ",")), diag(TextEdit.insert(2, 3, ";"))]
    )
    assert out == "ab,\ncd;\n"


def test_identical_edits_are_applied_once() -> None:
    edit = TextEdit.replace(1, 1, 2, "2.")
    assert apply_fixes("3. x", [diag(edit), diag(edit)]) == "2. x"


def test_overlapping_edit_is_skipped() -> None:
    text = "Recalling, the"
    out = apply_fixes(
        text, [diag(TextEdit.replace(1, 1, 9, "Noting")), diag(TextEdit.replace(1, 5, 3, "XYZ"))]
    )
    assert out == "Noting, the"


def test_insertions_at_one_point_keep_diagnostic_order() -> None:
    text = "Decides to act."
    out = apply_fixes(
        text,
        [
            diag(TextEdit.insert(1, 1, "3. "), code="CW302"),
            diag(TextEdit.insert(1, 1, "*"), TextEdit.insert(1, 8, "*"), code="CW401"),
        ],
    )
    assert out == "3. *Decides* to act."


def test_insertion_before_a_deleted_comma() -> None:
    text = "Recalling, the"
    out = apply_fixes(
        text,
        [
            diag(TextEdit.insert(1, 1, "*"), TextEdit.insert(1, 10, "*")),
            diag(TextEdit.replace(1, 10, 1, "")),
        ],
    )
    assert out == "*Recalling* the"


def test_edit_outside_the_text_is_skipped() -> None:
    assert apply_fixes("abc", [diag(TextEdit.insert(5, 1, "x"))]) == "abc"
    assert apply_fixes("abc", [diag(TextEdit.insert(1, 9, "x"))]) == "abc"


def test_crlf_text_keeps_its_line_ends() -> None:
    text = "a;\r\nb\r\n"
    assert apply_fixes(text, [diag(TextEdit.insert(2, 2, "."))]) == "a;\r\nb.\r\n"


def test_diagnostic_dict_round_trip() -> None:
    d = diag(TextEdit.replace(3, 4, 1, ":"))
    data = d.to_dict()
    assert set(data) >= {"file", "line", "col", "code", "severity", "message", "clause", "fix"}
    assert data["fix"] == [{"line": 3, "col": 4, "end_line": 3, "end_col": 5, "replacement": ":"}]
    assert Diagnostic.from_dict(data) == Diagnostic(**{**d.__dict__, "end_line": 3, "end_col": 4})
    assert d.render() == "f.txt:3:4 CW201 m"
