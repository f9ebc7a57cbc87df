"""``clausewright lint``: output formats, exit codes, --fix, profiles and phrase files."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from assistant.cli import main
from index.parsing.parser import default_corpus_dir

GA = default_corpus_dir() / "001_8a08a27f7d9bd727.txt"
CLEAN = Path(__file__).resolve().parent / "fixtures" / "lint" / "clean"
LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+) (?P<code>CW\d{3}) (?P<msg>.+)$")


def copy(src: Path, tmp_path: Path) -> Path:
    dst = tmp_path / src.name
    shutil.copy(src, dst)
    return dst


def test_text_output_is_one_line_per_finding_and_errors_exit_1(tmp_path, capsys, data_dir):
    path = copy(GA, tmp_path)
    assert main(["lint", str(path)]) == 1
    out, err = capsys.readouterr()
    rows = [LINE.match(line) for line in out.splitlines()]
    assert all(rows)
    assert [(m["line"], m["col"], m["code"]) for m in rows] == [
        ("10", "1", "CW501"),
        ("22", "13", "CW611"),  # 'UNSC Resolution 2388 (2017)'
        ("30", "84", "CW602"),  # 'UN'
        ("36", "164", "CW204"),
        ("48", "69", "CW204"),
        ("52", "112", "CW204"),
        ("54", "72", "CW602"),  # 'NGOs'
        ("57", "82", "CW204"),
        ("66", "80", "CW204"),
        ("69", "306", "CW602"),  # 'VPN': no long form known, so no fix
    ]
    assert {m["file"] for m in rows} == {str(path)}
    assert "5 error(s), 5 warning(s)" in err and "9 fixable" in err


def test_json_output(tmp_path, capsys, data_dir):
    path = copy(GA, tmp_path)
    assert main(["lint", str(path), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [d["code"] for d in data] == [
        "CW501", "CW611", "CW602", "CW204", "CW204", "CW204", "CW602", "CW204", "CW204", "CW602"
    ]  # fmt: skip
    first = data[3]
    assert {"file", "line", "col", "code", "severity", "message", "clause", "fix"} <= set(first)
    assert first["clause"] == "GA/3/1.1 op 4" and first["severity"] == "error"
    assert first["fix"] == [
        {"line": 36, "col": 164, "end_line": 36, "end_col": 165, "replacement": ":"}
    ]


def test_fix_rewrites_the_file_and_is_idempotent(tmp_path, capsys, data_dir):
    path = copy(GA, tmp_path)
    assert main(["lint", str(path), "--fix"]) == 0
    out, err = capsys.readouterr()
    assert "fixed 9 issue(s)" in err
    assert [line.split()[1] for line in out.splitlines()] == ["CW602"]  # VPN: no fix known
    fixed = path.read_text("utf-8")
    assert "programme that consists of:" in fixed and "\nThe General Assembly,\n" in fixed
    assert "Security Council resolution 2388 (2017)" in fixed
    assert main(["lint", str(path), "--fix"]) == 0
    assert path.read_text("utf-8") == fixed


def test_fix_keeps_bom_and_crlf(tmp_path, capsys, data_dir):
    path = tmp_path / "crlf.txt"
    path.write_bytes(
        b"\xef\xbb\xbfThe General Assembly,\r\n\r\n*Noting* x;\r\n\r\n1. *Urges* y.\r\n"
    )
    assert main(["lint", str(path), "--fix"]) == 0
    assert path.read_bytes() == (
        b"\xef\xbb\xbfThe General Assembly,\r\n\r\n*Noting* x,\r\n\r\n1. *Urges* y.\r\n"
    )


def test_profile_option_and_warnings_only_exit_0(tmp_path, capsys, data_dir):
    un_text = CLEAN / "un_ga_trafficking.txt"
    assert main(["lint", str(un_text), "--profile", "un"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["lint", str(un_text), "--profile", "nmun"]) == 1
    path = tmp_path / "warn.txt"
    path.write_text("The General Assembly,\n\n*Noting* x,\n\n1. *Further Urges* y.\n", "utf-8")
    assert main(["lint", str(path)]) == 0
    assert " CW105 " in capsys.readouterr().out


def test_profile_setting_is_the_default(tmp_path, capsys, data_dir, monkeypatch):
    monkeypatch.setenv("CLAUSEWRIGHT_PROFILE", "nmun")
    assert main(["lint", str(CLEAN / "un_ga_trafficking.txt")]) == 1
    assert " CW304 " in capsys.readouterr().out


def test_phrase_files_extend_the_lexicon(tmp_path, capsys, data_dir):
    path = tmp_path / "d.txt"
    path.write_text("The General Assembly,\n\n*Noting* x,\n\n1. *Implores* y.\n", "utf-8")
    assert main(["lint", str(path)]) == 0
    assert " CW103 " in capsys.readouterr().out
    phrases = tmp_path / "extra.toml"
    phrases.write_text('[operative]\n"Implores" = "my handbook"\n', "utf-8")
    assert main(["lint", str(path), "--phrases", str(phrases)]) == 0
    assert capsys.readouterr().out == ""


def test_unreadable_file_exits_2_and_others_are_still_checked(tmp_path, capsys, data_dir):
    bad = tmp_path / "empty.txt"
    bad.write_text("", "utf-8")
    good = copy(GA, tmp_path)
    assert main(["lint", str(bad), str(good)]) == 2
    out, err = capsys.readouterr()
    assert "empty.txt" in err and "error:" in err
    assert " CW204 " in out


def test_unknown_profile_is_a_clear_error(tmp_path, capsys, data_dir):
    assert main(["lint", str(GA), "--profile", "nope"]) == 2
    assert "unknown profile 'nope'" in capsys.readouterr().err


def test_folder_argument(tmp_path, capsys, data_dir):
    copy(GA, tmp_path)
    copy(CLEAN / "un_sc_trafficking.txt", tmp_path)
    assert main(["lint", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "001_8a08a27f7d9bd727.txt" in out and "un_sc_trafficking" not in out


def test_fix_repeats_until_nothing_fixable_is_left(tmp_path, capsys, data_dir):
    path = tmp_path / "runon.txt"
    path.write_text(
        "The General Assembly,\n\nNoting the goal\n\nRecalling the past\n\n"
        "1. Urges States to act.\n",
        "utf-8",
    )
    assert main(["lint", str(path), "--profile", "nmun", "--fix"]) == 0
    assert path.read_text("utf-8") == (
        "The General Assembly,\n\n*Noting* the goal,\n\n"
        "*Recalling* the past,\n\n1. *Urges* States to act.\n"
    )
