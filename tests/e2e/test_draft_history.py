"""Undo, redo, named drafts and moving clauses in a real browser (fake model, hashed
embedder: the page is what is tested here, not the drafting).

The reported bug: Ctrl+Z after *Fix all* (or after select-all and paste) appended a
second copy of the draft, and the autosave kept it. The editor's Ctrl+Z / Ctrl+Shift+Z
now step through the draft's server-side history, which a reload keeps.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from tests.e2e.harness import (
    DRAFT,
    ConnectionRecorder,
    Server,
    ask,
    draft_text,
    launch_chromium,
    open_workspace,
    wait_draft,
    wait_lint,
    wait_text,
)

pytestmark = pytest.mark.slow

BROKEN = """Code: GA/3/9
Committee: General Assembly Third Committee

The General Assembly,

Alarmed by the rates of trafficking

1. *Urges* Member States to act

2. *Calls upon* States to help victims:
a. by funding shelters;
b. by training police.
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("e2e-history")
    recorder = ConnectionRecorder()
    srv = Server(root / "data", root, recorder)
    srv.env.update({"CLAUSEWRIGHT_LLM": "fake", "CLAUSEWRIGHT_EMBEDDINGS": "hash"})
    srv.start()
    yield srv
    srv.stop()
    recorder.close()
    assert "Traceback" not in srv.log_text()


@pytest.fixture(scope="module")
def page(server):
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        context = browser.new_context(viewport={"width": 1400, "height": 1050})
        page = context.new_page()
        page.set_default_timeout(30_000)
        open_workspace(page, server.url)
        yield page
        browser.close()


def _type_draft(page, text: str) -> None:
    page.fill(DRAFT, text)
    wait_draft(page, text)
    page.wait_for_timeout(1500)  # the autosave has seen it


def test_ctrl_z_after_fix_all_restores_the_draft_once(page):
    _type_draft(page, BROKEN)
    wait_lint(page, "problem(s)")
    page.click("#fix-all")
    page.wait_for_function(
        "() => document.querySelector('#draft-text textarea').value.includes('*Alarmed by*')"
    )
    fixed = draft_text(page)
    wait_lint(page, "No problems found")
    page.focus(DRAFT)
    page.keyboard.press("Control+z")
    wait_draft(page, BROKEN)
    wait_text(page, "#history-status", "Undid: Fix all.")
    page.keyboard.press("Control+Shift+z")
    wait_draft(page, fixed)
    page.keyboard.press("Control+z")
    wait_draft(page, BROKEN)
    page.keyboard.press("Control+y")
    wait_draft(page, fixed)
    assert draft_text(page).count("The General Assembly,") == 1


def test_ctrl_z_after_select_all_and_paste_restores_the_draft_once(page):
    before = draft_text(page)
    page.focus(DRAFT)
    page.keyboard.press("Control+a")
    page.keyboard.insert_text("Pasted over everything.")
    wait_draft(page, "Pasted over everything.")
    page.wait_for_timeout(1500)
    page.keyboard.press("Control+z")
    wait_draft(page, before)
    page.wait_for_timeout(2000)  # a late autosave must not bring a copy back
    assert draft_text(page) == before and before.count("The General Assembly,") == 1


def test_the_history_and_the_undo_button_survive_a_reload(page):
    shown = draft_text(page)
    page.reload()
    wait_draft(page, shown)
    undo = page.locator("#undo")
    page.wait_for_function("() => document.querySelector('#undo').innerText.includes('Undo ')")
    undo.click()
    wait_text(page, "#history-status", "Undid:")
    assert draft_text(page) != shown


def test_named_drafts_are_listed_and_each_keeps_its_text(page):
    first = draft_text(page)
    page.locator("#draft-name textarea, #draft-name input").first.fill("Second go")
    page.click("#new-draft")
    wait_text(page, "#history-status", "Draft “Second go” is open.")
    assert "1." not in draft_text(page)
    page.locator("#draft-pick input").click()
    page.get_by_role("option", name="Draft 1").click()
    wait_draft(page, first)


def test_a_clause_moves_up_with_renumbering(page):
    _type_draft(page, BROKEN)
    page.click("#fix-all")
    wait_lint(page, "No problems found")
    page.get_by_text("Move a clause").click()
    page.locator("#move-clause input").click()
    page.get_by_role("option", name="Operative 2: Calls upon States to help victims:").click()
    page.click("#move-up")
    page.wait_for_function(
        "() => document.querySelector('#draft-text textarea').value"
        ".includes('1. *Calls upon* States to help victims:')"
    )
    assert "2. *Urges* Member States to act." in draft_text(page)
    wait_lint(page, "No problems found")


def test_the_opening_line_follows_the_header_and_the_pdf_downloads(page):
    _type_draft(page, BROKEN.replace("Code: GA/3/9\n", ""))
    page.click("#fix-all")
    wait_lint(page, "No problems found")
    page.wait_for_timeout(1500)
    fields = {
        "#hdr-code": "IOM/1/9",
        "#hdr-committee": "International Organization for Migration",
        "#hdr-sponsors": "France, Chad, france",
    }
    for selector, value in fields.items():
        box = page.locator(f"{selector} textarea, {selector} input").first
        box.fill(value)
        box.press("Tab")
    wait_text(page, "#header-lists", "Listed twice in sponsors: France")
    before = draft_text(page)
    page.click("#apply-header")
    page.wait_for_function(
        "() => document.querySelector('#draft-text textarea').value"
        ".includes('\\nThe International Organization for Migration,\\n')"
    )
    assert "Sponsors: France, Chad\n" in draft_text(page)
    wait_lint(page, "No problems found")
    page.click("#export-pdf")
    page.locator('#export-file a[download="IOM-1-9.pdf"]').wait_for()
    page.click("#undo")
    wait_draft(page, before)


def test_an_inserted_clause_is_undone_with_ctrl_z(page):
    _type_draft(page, BROKEN)
    page.click("#fix-all")
    wait_lint(page, "No problems found")
    page.wait_for_timeout(1500)
    before = draft_text(page)
    ask(
        page,
        "propose an operative clause urging Member States to cooperate fully with the Secretariat",
    )
    page.locator("#proposals label").first.wait_for()
    page.click("#insert")  # the newest proposal is chosen already
    page.wait_for_function(
        "() => document.querySelector('#draft-text textarea').value.includes('\\n3. ')"
    )
    page.focus(DRAFT)
    page.keyboard.press("Control+z")
    wait_draft(page, before)
    wait_text(page, "#history-status", "Undid: Insert.")
