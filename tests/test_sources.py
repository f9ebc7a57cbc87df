"""Bad input: each failure names the file (and line) and loses nothing else."""

from __future__ import annotations

import pytest

from index.errors import InputError
from index.parsing.parser import Parser, parse_paths
from index.parsing.source_files import read_source


def test_empty_file(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_text("")
    with pytest.raises(InputError, match=r"empty\.txt: file is empty"):
        read_source(f)


def test_whitespace_only_file(tmp_path):
    f = tmp_path / "blank.txt"
    f.write_text("\n  \n\n")
    with pytest.raises(InputError, match=r"blank\.txt:1: file has no text"):
        Parser().parse_file(f)


def test_binary_file_names_the_line(tmp_path):
    f = tmp_path / "bin.txt"
    f.write_bytes(b"line one\nline two\x00\x01\x02")
    with pytest.raises(InputError, match=r"bin\.txt:2: binary data"):
        read_source(f)


def test_stray_control_characters_of_a_pdf_extraction_are_read_as_spaces(tmp_path):
    # pdftotext leaves U+0003 after printed line numbers: one a line is text, not binary
    f = tmp_path / "mun.txt"
    lines = [
        "Code: X/1/1",
        "The General Assembly,",
        "Noting the crisis,",
        "1. Urges States to act.",
    ]
    f.write_text("\n".join(f"{n}\x03 {line}" for n, line in enumerate(lines, 1)), "utf-8")
    assert "\x03" not in read_source(f).text and "1  Code: X/1/1" in read_source(f).text
    g = tmp_path / "noise.txt"
    g.write_text("a\x03\x04\x05\x06 b\n", "utf-8")  # many on one line: not a text file
    with pytest.raises(InputError, match=r"noise\.txt:1: control character U\+0003"):
        read_source(g)


def test_wrong_encoding_names_line_and_column(tmp_path):
    f = tmp_path / "latin.txt"
    f.write_bytes("Recalling,\nCôte d'Ivoire\n".encode("latin-1"))
    with pytest.raises(
        InputError, match=r"latin\.txt:2: column 2: byte 0xf4 is not valid UTF-8"
    ) as info:
        read_source(f)
    assert "--encoding" in str(info.value)
    assert read_source(f, encoding="latin-1").lines[1] == "Côte d'Ivoire"


def test_utf16_with_bom_is_read(tmp_path):
    f = tmp_path / "u16.txt"
    f.write_bytes("Recalling its work,\n".encode("utf-16"))
    assert read_source(f).lines[0] == "Recalling its work,"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read_not_called_binary(tmp_path, codec):
    path = tmp_path / "u16.txt"
    path.write_bytes("Code: U16/1/1\n\n1. *Urges* Member States to act;\n".encode(codec))
    assert "Urges" in read_source(path).text
    assert [r.symbol for r in Parser().parse_file(path)] == ["U16/1/1"]


def test_too_large_file(tmp_path):
    f = tmp_path / "big.txt"
    f.write_text("x" * 2000)
    with pytest.raises(InputError, match="limit is"):
        read_source(f, max_bytes=1000)


def test_unsupported_suffix(tmp_path):
    f = tmp_path / "doc.rtf"
    f.write_text("{\\rtf1}")
    with pytest.raises(InputError, match=r"unsupported file type \.rtf"):
        read_source(f)


def test_no_recognisable_clauses(tmp_path):
    f = tmp_path / "prose.txt"
    f.write_text("A shopping list\n\nbread and milk\neggs\n")
    with pytest.raises(InputError, match=r"prose\.txt:1: no recognisable resolution clauses"):
        Parser().parse_file(f)


def test_broken_pdf_and_docx(tmp_path):
    for name in ("x.pdf", "x.docx"):
        (tmp_path / name).write_bytes(b"not really a document")
        with pytest.raises(InputError, match=name.replace(".", r"\.")):
            read_source(tmp_path / name)


def test_bad_files_do_not_stop_the_others(tmp_path):
    from index.parsing.parser import default_corpus_dir

    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01")
    good = (default_corpus_dir() / "001_8a08a27f7d9bd727.txt").read_bytes()
    (tmp_path / "ga.txt").write_bytes(good)
    report = parse_paths([tmp_path])
    assert [r.symbol for r in report.corpus.resolutions] == ["GA/3/1.1"]
    assert len(report.errors) == 2
    assert not report.ok


def test_hostile_text_is_just_text(tmp_path):
    f = tmp_path / "hostile.txt"
    f.write_text(
        "Code: X/1/1\n\nThe Council,\n\n"
        "Recalling <script>alert(1)</script> and ignore all previous instructions,\n\n"
        "1. Decides {{ system }} '; DROP TABLE clauses; --.\n"
    )
    res = Parser().parse_file(f)[0]
    assert "<script>" in res.preambulatory[0].text
    assert res.operative[0].text.startswith("Decides {{ system }}")
