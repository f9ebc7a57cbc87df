"""``clausewright chat`` as a user runs it: memory across turns and across restarts."""

from __future__ import annotations

import io

from assistant.cli import main


def _chat(monkeypatch, capsys, lines: list[str], *args: str) -> str:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main(["chat", *args]) == 0
    return capsys.readouterr().out


def test_a_follow_up_is_answered_after_a_restart(monkeypatch, capsys, data_dir):
    monkeypatch.setenv("CLAUSEWRIGHT_LLM", "fake")
    out = _chat(monkeypatch, capsys, ["which drafts mention shelters?", "/quit"])
    assert "clauses in" in out and "mention 'shelters'" in out
    out = _chat(monkeypatch, capsys, ["and in the preamble?", "/quit"])
    assert "session 'terminal' restored: 1 earlier question(s)" in out
    listed = [line for line in out.splitlines() if line.startswith("- IOM/")]
    assert listed and all(" pre " in line for line in listed)
    assert "`" not in out and "**" not in out  # Markdown marks are for the web page
    out = _chat(monkeypatch, capsys, ["and in the preamble?", "/quit"], "--new")
    assert "I could not tell what you want" in out  # a new conversation has nothing to narrow


def test_insert_names_the_proposals_there_are(monkeypatch, capsys, data_dir):
    monkeypatch.setenv("CLAUSEWRIGHT_LLM", "fake")
    out = _chat(monkeypatch, capsys, ["/insert 5", "/proposals", "/quit"], "--session", "s2")
    assert "/insert N: N is a proposal number (none yet: ask for a clause first)" in out
    assert "no proposals yet" in out


def test_plain_keeps_clause_emphasis_and_drops_markdown_marks():
    from assistant.commands.conversation import plain

    said = "**IOM/1/4** (2)\n- `IOM/1/4 op 8` 8. *Further Recommends* the development"
    assert plain(said) == "IOM/1/4 (2)\n- IOM/1/4 op 8 8. *Further Recommends* the development"


def test_undo_takes_back_a_fix_and_redo_puts_it_again(monkeypatch, capsys, data_dir, tmp_path):
    monkeypatch.setenv("CLAUSEWRIGHT_LLM", "fake")
    draft = tmp_path / "draft.md"
    original = (
        "The General Assembly,\n\n1. *Urges* Member States to act.\n\n"
        "2. *Invites* Member States to report.\n"
    )
    draft.write_text(original, "utf-8")
    lines = ["/fix", "/undo", "/redo", "/undo", "/undo", "/quit"]
    out = _chat(monkeypatch, capsys, lines, "--session", "u1", "--draft", str(draft))
    assert "undone: fix" in out and "redone: fix" in out
    assert "nothing to undo" in out  # only one change was made
    assert draft.read_text("utf-8") == original  # the file follows the undo
