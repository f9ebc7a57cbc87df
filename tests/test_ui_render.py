"""What the workspace page shows: chips, the clause viewer, lint lists, corpus rows."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.lint.diagnostic import Diagnostic, TextEdit
from index.store.clause_store import SyncResult
from ui import render


def _diag(line, code, fix=True, severity="error"):
    edit = [TextEdit.insert(line, 1, "*")] if fix else None
    return Diagnostic("<draft>", line, 1, code, severity, f"message {code}", fix=edit)


def test_clause_markdown_shows_resolution_id_text_and_source_lines():
    meta = {
        "symbol": "IOM/1/3",
        "body": "International Organization for Migration",
        "topic": "Trafficking",
        "source": "/data/corpus/000_x.txt",
        "line_start": 698,
        "line_end": 700,
    }
    md = render.clause_markdown("IOM/1/3 op 9", ("Invites Member States to adopt AVRR;", meta))
    assert "#### IOM/1/3 op 9" in md
    assert "Resolution **IOM/1/3** (International Organization for Migration — Trafficking)" in md
    assert "> Invites Member States to adopt AVRR;" in md
    assert "`000_x.txt`, lines 698–700" in md
    assert "not in the index" in render.clause_markdown("X/1 op 1", None)


def test_lint_summary_and_choices_key_each_diagnostic():
    assert render.lint_summary([]) == render.CLEAN
    diags = [_diag(7, "CW401"), _diag(11, "CW999", fix=False, severity="warning")]
    summary = render.lint_summary(diags)
    assert "2 problem(s)" in summary and "1 error(s)" in summary and "1 with a fix" in summary
    choices = render.diagnostic_choices(diags)
    assert choices[0] == ("line 7:1 error CW401: message CW401 (fix available)", "7:1:CW401")
    assert "fix available" not in choices[1][0]
    assert render.key_line(choices[1][1]) == 11 and render.key_line(None) is None


def test_line_context_marks_the_line_and_stays_in_bounds():
    text = "a\nb\nc"
    assert render.line_context(text, 1) == "```text\n→   1 | a\n    2 | b\n```"
    assert "→   3 | c" in render.line_context(text, 3)
    assert render.line_context(text, 4) == "" and render.line_context(text, None) == ""


def test_proposal_choices_label_unprecedented_and_truncate():
    short = SimpleNamespace(plain="1. Urges States to act;", unprecedented=True)
    long = SimpleNamespace(plain="2. " + "x" * 200, unprecedented=False)
    choices = render.proposal_choices([short, long])
    assert choices[0] == ("1. Urges States to act;  [no precedent]", "0")
    assert choices[1][1] == "1" and len(choices[1][0]) == 140 and choices[1][0].endswith("…")


def test_corpus_rows_count_clauses_and_subclauses(seed_corpus):
    rows = render.corpus_rows(seed_corpus, {})
    by_symbol = {row[0]: row for row in rows}
    res = next(r for r in seed_corpus.resolutions if r.symbol == "GA/3/1.1")
    row = by_symbol["GA/3/1.1"]
    assert row[3:5] == [len(res.preambulatory), len(res.operative)]
    assert row[5] == sum(len(c.subclauses) for c in res.operative) > 0
    assert len(row) == len(render.CORPUS_HEADERS)


def test_warnings_markdown_lists_every_warning(seed_corpus):
    total = sum(len(r.warnings) for r in seed_corpus.resolutions)
    md = render.warnings_markdown(seed_corpus)
    assert total > 0  # the seed corpus has a parse warning (IOM/1/4)
    assert f"**{total} parse warning(s)**" in md and md.count("\n- ") == total
    empty = SimpleNamespace(resolutions=[])
    assert render.warnings_markdown(empty) == "No parse warnings."


def test_sync_markdown_reports_added_errors_and_rejected_files():
    result = SyncResult(added=["X/1"], warnings=["X/1 is already indexed"])
    md = render.sync_markdown(result, ["big.pdf: 30.0 MB is over the 20 MB upload limit."])
    assert "Added: X/1." in md and "⚠ X/1 is already indexed" in md and "✗ big.pdf" in md
    assert render.sync_markdown(None, []) == "Nothing to index."
