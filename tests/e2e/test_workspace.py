"""The drafting workspace in a real browser, on the embedded default (no network).

One ``clausewright serve`` process (embedded SmolLM2 + MiniLM, fresh data directory)
and one headless Chromium; the tests run in order on the same page, like a user's
session: ask, draft, lint, export, reload, restart. Set CLAUSEWRIGHT_UPDATE_SCREENSHOT=1
to refresh docs/screenshot.png from this run.
"""

from __future__ import annotations

import os
import shutil
import time
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect, sync_playwright

from index.parsing.parser import Parser
from tests.e2e.harness import (
    DRAFT,
    ROOT,
    ConnectionRecorder,
    Server,
    ask,
    draft_text,
    launch_chromium,
    open_workspace,
    wait_draft,
    wait_draft_where,
    wait_lint,
)

pytestmark = pytest.mark.slow
CLEAN = "No problems found"


@pytest.fixture(scope="module")
def recorder():
    rec = ConnectionRecorder()
    yield rec
    rec.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory, recorder):
    root = tmp_path_factory.mktemp("e2e")
    srv = Server(root / "data", root, recorder)
    srv.startup_s = srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as pw:
        chromium = launch_chromium(pw)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def requests_seen():
    return []


@pytest.fixture(scope="module")
def page(browser, server, requests_seen):
    context = browser.new_context(viewport={"width": 1400, "height": 1050}, accept_downloads=True)
    context.on("request", lambda request: requests_seen.append(request.url))
    page = context.new_page()
    page.set_default_timeout(30_000)
    open_workspace(page, server.url)
    yield page
    context.close()


def test_corpus_question_cites_iom_1_3_and_1_4(page):
    answer = ask(page, "which drafts mention AVRR?")
    assert "IOM/1/3" in answer and "IOM/1/4" in answer
    chips = page.locator("#citations label").all_inner_texts()
    assert any(c.startswith("IOM/1/3 ") for c in chips), chips
    assert any(c.startswith("IOM/1/4 ") for c in chips), chips
    page.locator("#citations label", has_text="IOM/1/3 op 9").click()
    viewer = page.locator("#clause-viewer")
    viewer.locator("blockquote").wait_for()
    shown = viewer.inner_text()
    assert "IOM/1/3 op 9" in shown and "Resolution IOM/1/3" in shown
    assert "Assisted Voluntary Return" in shown and "lines" in shown and ".txt" in shown


def test_requested_clause_goes_into_the_draft_and_lints_clean(page):
    # the Header panel starts open: its fields are there to fill without a click
    fields = {
        "#hdr-code": "GA/3/42",
        "#hdr-committee": "General Assembly Third Committee",
        "#hdr-topic": "Protecting victims of trafficking",
    }
    for selector, value in fields.items():
        box = page.locator(f"{selector} textarea, {selector} input").first
        for _attempt in range(5):  # a late page-load update can still clear a field once
            box.fill(value)
            box.press("Tab")  # let the page register the value before the button reads it
            if box.input_value() == value:
                break
            page.wait_for_timeout(1000)
        expect(box).to_have_value(value)
    page.click("#apply-header")
    wait_draft_where(page, "v.startsWith('Code: GA/3/42')")
    ask(page, "propose an operative clause on protecting witnesses of trafficking")
    proposal = page.locator("#proposals label").first
    proposal.wait_for()
    label = proposal.inner_text()
    proposal.click()
    page.click("#insert")
    wait_draft_where(page, "/\\n1\\. \\*[A-Z]/.test(v)")
    text = draft_text(page)
    words = label.split("[no precedent]")[0].split()[2:8]  # after "1. <Phrase>"
    assert " ".join(words) in text.replace("*", ""), (label, text)
    assert wait_lint(page, CLEAN)
    _screenshot(page)


def test_a_diagnostic_jumps_to_its_line_and_its_fix_applies(page):
    good = draft_text(page)
    broken = good.replace("The General Assembly,\n", "The General Assembly,\n\nAlarmed by X,\n")
    page.fill(DRAFT, broken)
    wait_lint(page, "problem(s)")
    choice = page.locator("#diagnostics label", has_text="CW401")
    choice.click()
    line = broken.split("\n").index("Alarmed by X,") + 1
    page.locator("#jump-context").get_by_text(f"{line} | Alarmed by X,").wait_for()
    selected = page.evaluate(
        "() => { const a = document.querySelector('#draft-text textarea');"
        " return a.value.slice(a.selectionStart, a.selectionEnd); }"
    )
    assert selected == "Alarmed by X,"
    page.click("#apply-fix")
    wait_draft_where(page, "v.includes('*Alarmed by* X,')")
    wait_lint(page, CLEAN)
    page.fill(DRAFT, broken)  # back to the clause the assistant wrote, via a visible change
    wait_lint(page, "problem(s)")
    page.fill(DRAFT, good)
    wait_lint(page, CLEAN)  # linted after it was saved


def test_docx_export_reads_back_to_the_same_clauses(page, tmp_path):
    text = draft_text(page)
    page.click("#export-docx")
    link = page.locator('#export-file a[download="GA-3-42.docx"]')
    link.wait_for()
    with page.expect_download() as info:
        link.click()
    path = tmp_path / "draft.docx"
    info.value.save_as(path)
    parser = Parser()
    back = parser.parse_file(path)[0]
    draft = parser.parse_text(text, "<draft>")[0]
    assert back.symbol == "GA/3/42" and back.operative
    assert [(c.id, c.text) for c in back.clauses()] == [(c.id, c.text) for c in draft.clauses()]
    page.click("#export-md")
    page.locator('#export-file a[download="GA-3-42.md"]').wait_for()


def test_reload_brings_the_draft_back(page, server):
    text = draft_text(page)
    page.reload()
    wait_draft(page, text)
    assert wait_lint(page, CLEAN)


def test_another_browser_session_has_its_own_empty_draft(browser, server, page):
    other = browser.new_context()
    try:
        second = other.new_page()
        open_workspace(second, server.url)
        assert "GA/3/42" not in draft_text(second) and "1." not in draft_text(second)
    finally:
        other.close()
    assert "GA/3/42" in draft_text(page)


def test_upload_indexes_a_resolution_and_shows_its_warnings(page, tmp_path):
    source = ROOT / "tests" / "fixtures" / "quirks" / "unnumbered.txt"
    upload = tmp_path / "unnumbered.txt"
    shutil.copyfile(source, upload)
    page.get_by_role("tab", name="Corpus").click()
    grid = page.locator("#corpus-table [role=grid]")
    rows_before = int(grid.get_attribute("aria-rowcount"))
    assert "IOM/1/4" in page.inner_text("#corpus-table")
    page.locator("#upload input[type=file]").set_input_files(str(upload))
    page.locator("#upload", has_text="unnumbered.txt").wait_for()
    page.click("#index-files")
    page.locator("#upload-status", has_text="Added: unnumbered.").wait_for(timeout=120_000)
    page.locator("#corpus-table", has_text="unnumbered.txt").wait_for()
    assert int(grid.get_attribute("aria-rowcount")) == rows_before + 1
    assert "unnumbered" in page.inner_text("#parse-warnings")
    page.get_by_role("tab", name="Draft").click()


def test_uploads_over_the_limit_or_of_other_types_are_refused_clearly(page, tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(21 * 1024 * 1024)  # over the default 20 MB limit
    tool = tmp_path / "tool.exe"
    tool.write_bytes(b"MZ")
    page.get_by_role("tab", name="Corpus").click()
    files = page.locator("#upload input[type=file]")
    files.set_input_files(str(tool))
    page.get_by_text(
        "Invalid file type: tool.exe. Only .txt, .md, .pdf, .docx, .tex allowed."
    ).wait_for()
    page.reload()  # a fresh upload box
    page.get_by_role("tab", name="Corpus").click()
    files.set_input_files(str(big))
    page.get_by_text("exceed the maximum allowed size of 20.0 Mb").wait_for()
    page.reload()
    wait_draft_where(page, "v.includes('GA/3/42')")


def test_server_restart_keeps_the_draft(page, server):
    text = draft_text(page)
    server.stop()
    restart_s = server.start()
    page.reload()
    wait_draft(page, text)
    assert restart_s < 300


def test_nothing_left_the_machine(server, recorder, requests_seen):
    hosts = {urlparse(u).netloc for u in requests_seen if urlparse(u).scheme in ("http", "https")}
    assert hosts == {f"127.0.0.1:{server.port}"}, hosts
    assert recorder.seen == [], recorder.seen
    assert "Traceback" not in server.log_text()


def _screenshot(page) -> None:
    """The README picture: the workspace after a clause went into the draft."""
    shot = ROOT / "docs" / "screenshot.png"
    path = shot if os.environ.get("CLAUSEWRIGHT_UPDATE_SCREENSHOT") == "1" else None
    time.sleep(0.5)  # let the lint result settle on screen
    data = page.screenshot(path=str(path) if path else None, full_page=False)
    assert len(data) > 10_000
