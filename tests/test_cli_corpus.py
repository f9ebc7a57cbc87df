"""The ingest / parse / show commands as a user runs them."""

from __future__ import annotations

import json

from assistant.cli import main


def test_ingest_default_corpus(capsys, data_dir):
    assert main(["ingest"]) == 0
    out = capsys.readouterr().out
    for symbol in ("IOM/1/1", "IOM/1/2", "IOM/1/3", "IOM/1/4", "GA/3/1.1"):
        assert f"symbol     {symbol}" in out
    assert "17 preambulatory, 18 operative" in out
    assert "2 file(s), 5 resolution(s)" in out


def test_ingest_with_a_bad_file_exits_non_zero(tmp_path, capsys, data_dir):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "ok.txt").write_text(
        "Code: X/1/1\n\nThe Council,\n\nRecalling x,\n\n1. Decides y.\n"
    )
    assert main(["ingest", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert "empty.txt: file is empty" in captured.err
    assert "symbol     X/1/1" in captured.out


def test_show_prints_clause_subclauses_and_source(capsys, data_dir):
    assert main(["show", "IOM/1/4 op 8"]) == 0
    out = capsys.readouterr().out
    assert "[IOM/1/4 op 8] lines 916-916 of" in out and "000_573e74ea5cfc3ccf.txt" in out
    assert "a. Constructing a comprehensive legally-defined framework" in out


def test_show_accepts_loose_spelling(capsys, data_dir):
    assert main(["show", "iom/1/1 op 9 (a) (ii)"]) == 0
    assert "Mirroring imprisonment programs" in capsys.readouterr().out


def test_show_unknown_id_suggests_near_ones(capsys, data_dir):
    assert main(["show", "IOM/1/4 op 8(c)"]) == 2
    err = capsys.readouterr().err
    assert "no clause 'IOM/1/4 op 8(c)'" in err and "IOM/1/4 op 8(a)" in err


def test_parse_json(capsys, tmp_path, data_dir):
    from index.parsing.parser import default_corpus_dir

    assert main(["parse", str(default_corpus_dir() / "001_8a08a27f7d9bd727.txt"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    res = data["resolutions"][0]
    assert res["symbol"] == "GA/3/1.1" and len(res["operative"]) == 15
    assert res["operative"][3]["subclauses"][0]["id"] == "GA/3/1.1 op 4(a)"
