"""PDF export: reads back to the same clauses, opening line and phrases in italics,
hanging numbers, pages as needed; rendered to PNG where poppler is installed."""

from __future__ import annotations

import shutil
import subprocess
import zlib

import pypdf
import pytest

from assistant.export import to_pdf
from index.parsing.parser import Parser

DRAFT = """Code: GA/3/9
Committee: General Assembly Third Committee
Topic: Trafficking in persons
Sponsors: France, Chad, Côte d'Ivoire

The General Assembly,

*Alarmed by* the rates of trafficking in persons across the world, particularly of women \
and children who are exploited in forced labour and in sexual exploitation,

*Recalling* its resolution 70/1,

1. *Urges* Member States to act without delay to protect victims of trafficking and to \
prosecute those who profit from it, in cooperation with regional organizations;

2. *Calls upon* States to help victims:
a. by funding shelters;
b. by training police.
"""


def _contents(path) -> str:
    reader = pypdf.PdfReader(str(path))
    return "\n".join(page.get_contents().get_data().decode("latin-1") for page in reader.pages)


def test_the_pdf_reads_back_to_the_same_clauses(tmp_path):
    parser = Parser()
    res = parser.parse_text(DRAFT, "<draft>")[0]
    path = to_pdf(DRAFT, res, tmp_path / "draft.pdf")
    back = parser.parse_file(path)[0]
    assert (back.symbol, back.body, back.topic) == (res.symbol, res.body, res.topic)
    assert back.sponsors == ["France", "Chad", "Côte d'Ivoire"]
    assert back.opening == "The General Assembly,"
    assert [(c.id, c.text) for c in back.clauses()] == [(c.id, c.text) for c in res.clauses()]


def test_opening_line_and_phrases_are_italic_and_numbers_hang(tmp_path):
    res = Parser().parse_text(DRAFT, "<draft>")[0]
    ops = _contents(to_pdf(DRAFT, res, tmp_path / "draft.pdf"))
    assert "/F2 12 Tf" in ops and "(The) Tj" in ops  # Times-Italic
    italic = [line for line in ops.split("\n") if "/F2 " in line]
    assert any("(Alarmed) Tj" in line for line in italic)
    assert any("(Urges) Tj" in line for line in italic)
    assert not any("(Member) Tj" in line for line in italic)
    number = next(line for line in ops.split("\n") if "(1.) Tj" in line)
    wrapped = next(line for line in ops.split("\n") if "(those) Tj" in line)
    assert float(number.split()[4]) < float(wrapped.split()[4])  # the number hangs left


def test_a_long_draft_takes_several_pages_and_odd_characters_do_not_stop_it(tmp_path):
    clauses = "\n\n".join(f"{n}. *Requests* a report on item {n} — 🙂;" for n in range(1, 80))
    text = "The General Assembly,\n\n" + clauses.rsplit(";", 1)[0] + ".\n"
    res = Parser().parse_text(text, "<draft>")[0]
    path = to_pdf(text, res, tmp_path / "long.pdf")
    reader = pypdf.PdfReader(str(path))
    assert len(reader.pages) >= 3
    assert "79. Requests a report on item 79 — ?." in reader.pages[-1].extract_text()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm not installed")
def test_the_pdf_renders_to_a_page_image(tmp_path):
    res = Parser().parse_text(DRAFT, "<draft>")[0]
    path = to_pdf(DRAFT, res, tmp_path / "draft.pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(path), str(tmp_path / "page")], check=True)
    png = (tmp_path / "page-1.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 2_000
    # the page is not blank: the image data holds more than one grey level
    raw = b"".join(
        png[i + 8 : i + 8 + int.from_bytes(png[i : i + 4], "big")]
        for i in range(8, len(png))
        if png[i + 4 : i + 8] == b"IDAT"
    )
    assert len(set(zlib.decompress(raw))) > 10
