"""The README's terminal examples run as written (fast tier: fake model, hash embeddings)."""

from __future__ import annotations

import io
import re
import shlex
from pathlib import Path

import pytest

from assistant.cli import main

README = (Path(__file__).parents[1] / "README.md").read_text("utf-8")
BLOCK = README.split("## Using it from the terminal", 1)[1].split("```sh", 1)[1].split("```")[0]
COMMANDS = [re.sub(r"\s+#.*$", "", line).strip() for line in BLOCK.strip().splitlines()]

DRAFT = (
    "Code: GA/3/2\n\nThe General Assembly,\n\n*Recalling* its resolution 71/1,\n\n"
    "1. Encourages Member States to act\n"
)


@pytest.mark.parametrize("command", COMMANDS, ids=[c.split()[1] for c in COMMANDS])
def test_readme_command(command, tmp_path, monkeypatch, data_dir, capsys):
    monkeypatch.setenv("CLAUSEWRIGHT_LLM", "fake")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my_draft.txt").write_text(DRAFT, "utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("which drafts mention AVRR?\n/quit\n"))
    args = shlex.split(command)
    assert args[0] == "clausewright"
    code = main(args[1:])
    captured = capsys.readouterr()
    out = captured.out + captured.err
    assert code == 0, out
    assert out.strip()
    if args[1] == "lint":
        assert "Encourages* Member States to act." in (tmp_path / "my_draft.txt").read_text()
