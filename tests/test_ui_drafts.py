"""The page's draft handlers: undo/redo of every change, named drafts, moving clauses,
the header's lists and opening line, and what lint codes mean (fake backend)."""

from __future__ import annotations

import pytest

from assistant.settings import Settings
from assistant.workspace import Workspace
from ui.app import launch_options
from ui.callbacks import WorkspaceCallbacks
from ui.drafts import HISTORY_KEYS_JS
from ui.pool import WorkspacePool
from ui.session import Sessions

DRAFT = """Code: GA/3/9
Committee: General Assembly Third Committee

The General Assembly,

*Alarmed by* the rates of trafficking,

1. *Urges* Member States to act;

2. *Calls upon* States to help victims:
a. by funding shelters;
b. by training police.
"""
BROKEN = DRAFT.replace("*Alarmed by* the rates of trafficking,", "Alarmed by the rates")


@pytest.fixture(scope="module")
def cb(tmp_path_factory):
    data = tmp_path_factory.mktemp("ui-drafts")
    settings = Settings(data_dir=data, llm="fake", embeddings="hash", min_similarity=0.1)
    return WorkspaceCallbacks(WorkspacePool(Workspace(settings)), Sessions(data, backend="fake"), 1)


def _open(cb) -> tuple[str, str]:
    """A new session with BROKEN typed into its draft: (session ID, open draft ID)."""
    loaded = cb.load(None)
    session, open_id = loaded[0], loaded[15]
    cb.autosave(session, BROKEN, "auto", "fake", 6, open_id)
    return session, open_id


def test_fix_all_is_undone_and_redone_and_never_doubles_the_draft(cb):
    """The reported bug: Ctrl+Z after Fix all appended a second copy. Undo now returns
    exactly the text before the fix, also after a reload."""
    session, open_id = _open(cb)
    fixed = cb.fix_all(BROKEN, "auto", session, open_id)
    assert fixed != BROKEN and "*Alarmed by* the rates," in fixed
    cb.autosave(session, fixed, "auto", "fake", 6, open_id)  # the page saves what it shows
    undo_btn = cb.autosave(session, fixed, "auto", "fake", 6, open_id)[4]
    assert undo_btn["value"] == "↶ Undo Fix all"
    text, _undo, redo, status = cb.drafts.undo(session, open_id, fixed)
    assert text == BROKEN and status == "Undid: Fix all." and redo["value"] == "↷ Redo Fix all"
    cb.autosave(session, text, "auto", "fake", 6, open_id)  # the undone text comes back
    assert cb.load(session)[1] == BROKEN  # what was saved is the undone draft, once
    assert cb.drafts.redo(session, open_id, BROKEN)[0] == fixed
    assert cb.drafts.undo(session, open_id, fixed)[0] == BROKEN
    assert cb.drafts.undo(session, open_id, BROKEN)[0] != BROKEN  # back to the blank draft
    assert all(t.count("The General Assembly,") <= 1 for t in (fixed, BROKEN))


def test_insert_one_fix_header_and_typing_are_each_a_step(cb):
    session, open_id = _open(cb)
    broken = cb.load(session)[1]
    key = next(
        k for _l, k in cb.autosave(session, broken, "auto", "fake", 6, open_id)[1]["choices"]
    )
    one = cb.apply_fix(key, broken, "auto", session, open_id)
    typed = one + "\n3. *Requests* a report.\n"  # typed, not yet seen by the autosave
    header = cb.apply_header(typed, "IOM/1/9", "International Organization for Migration",
                             "", "", "", session, open_id)  # fmt: skip
    assert "\nThe International Organization for Migration,\n" in header
    assert cb.drafts.undo(session, open_id, header)[0] == typed  # the header
    assert cb.drafts.undo(session, open_id, typed)[0] == one  # the typing
    assert cb.drafts.undo(session, open_id, one)[0] == broken  # the fix


def test_named_drafts_keep_their_own_text_and_typing_is_saved_on_switching(cb):
    session, first = _open(cb)
    shown = cb.drafts.new_draft(session, first, BROKEN + "typed last", "Migration")
    text, *_header, picker, name, second, _undo, _redo, status = shown
    assert name == "Migration" and second != first and status == "Draft “Migration” is open."
    assert [label for label, _id in picker["choices"]] == ["Draft 1", "Migration"]
    assert picker["value"] == second and "1. *Urges*" not in text
    back = cb.drafts.switch_draft(session, second, text, first)
    assert back[0] == BROKEN + "typed last" and back[3 - 1] == "General Assembly Third Committee"
    renamed = cb.drafts.rename_draft(session, first, back[0], "Trafficking")
    assert [label for label, _id in renamed[6]["choices"]] == ["Trafficking", "Migration"]
    assert cb.load(session)[14] == "Trafficking"  # a reload opens the draft last open
    with pytest.warns(UserWarning, match="already a draft named “Migration”"):
        cb.drafts.rename_draft(session, first, back[0], "migration")


def test_new_draft_with_the_open_drafts_name_still_in_the_box_gets_the_next_name(cb):
    session, first = _open(cb)
    shown = cb.drafts.new_draft(session, first, BROKEN, "Draft 1")
    assert shown[7] == "Draft 2" and shown[-1] == "Draft “Draft 2” is open."


def test_delete_asks_again_first(cb):
    session, first = _open(cb)
    second = cb.drafts.new_draft(session, first, BROKEN, "")[8]
    ask = cb.drafts.delete_draft(session, second, "")
    assert ask[-1].startswith("Press Delete again to delete “Draft 2”")
    assert [label for label, _ in ask[6]["choices"]] == ["Draft 1", "Draft 2"]
    gone = cb.drafts.delete_draft(session, second, "")
    assert [label for label, _ in gone[6]["choices"]] == ["Draft 1"] and gone[0] == BROKEN


def test_moving_a_clause_renumbers_and_is_undoable(cb):
    session, open_id = _open(cb)
    text = cb.fix_all(BROKEN, "auto", session, open_id)
    moves = cb.autosave(session, text, "auto", "fake", 6, open_id)[3]["choices"]
    assert [k for _l, k in moves] == ["pre:1", "op:1", "op:2"]
    moved, picker, status = cb.drafts.move(session, open_id, text, "op:2", "up")
    assert "1. *Calls upon* States to help victims:\na. by funding shelters;" in moved
    assert "b. by training police;\n\n2. *Urges* Member States to act.\n" in moved
    assert picker["value"] == "op:1" and status == "Moved clause 2 to 1; renumbered."
    assert cb.drafts.move(session, open_id, moved, "op:1", "to", 2)[0] == text
    assert cb.drafts.undo(session, open_id, text)[0] == moved
    _same, _p, status = cb.drafts.move(session, open_id, moved, "op:2", "down")
    assert status == "⚠ the operative part has clauses 1 to 2; 3 is outside"
    assert (
        cb.drafts.move(session, open_id, moved, None, "up")[2] == "Choose a clause to move first."
    )


def test_sponsor_lists_and_lint_codes_are_explained(cb):
    shown = cb.header_lists("France, Chad, france", "Peru, Chad")
    assert "**Sponsors (2):** France · Chad" in shown
    assert "Listed twice in sponsors: France" in shown
    assert "Both sponsor and signatory: Chad." in shown
    header = cb.apply_header(DRAFT, "GA/3/9", "Third Committee", "", "France, Chad, france", "")
    assert "\nSponsors: France, Chad\n" in header
    text = DRAFT.replace("to act;", "to act")
    help_md = cb.autosave(None, text, "auto", "fake", 6)[2]
    assert "`CW202`: an operative clause does not end with a semicolon" in help_md


def test_the_editor_undo_keys_press_the_page_buttons(tmp_path):
    from assistant.settings import ServeSettings

    assert launch_options(ServeSettings(), tmp_path)["js"] == HISTORY_KEYS_JS
    for needle in ("historyUndo", "getElementById(id)", '"redo"', '"undo"', "preventDefault"):
        assert needle in HISTORY_KEYS_JS


def test_an_unreachable_backend_says_where_it_looked_and_what_to_start(tmp_path):
    """The reported message was "⚠ The assistant failed: Connection error." with no address."""
    from assistant.settings import OllamaSettings, OpenAISettings
    from tests.e2e.harness import free_port

    port = free_port()  # nothing listens there
    settings = Settings(
        data_dir=tmp_path,
        llm="fake",
        embeddings="hash",
        openai=OpenAISettings(base_url=f"http://127.0.0.1:{port}/v1", timeout_s=2),
        ollama=OllamaSettings(base_url=f"http://127.0.0.1:{port}"),
    )
    cb = WorkspaceCallbacks(WorkspacePool(Workspace(settings)), Sessions(tmp_path), 1)
    said = list(cb.chat("propose a clause on shelters", [], "", "auto", "openai", 6))[-1][0]
    answer = said[-1]["content"]
    assert f"OpenAI-compatible server at http://127.0.0.1:{port}/v1/models" in answer
    assert "start one with" in answer and "Language model backend to embedded" in answer
    from ui.messages import backend_failure

    ollama = backend_failure(ConnectionError("Connection error."), "ollama", settings)
    assert f"http://127.0.0.1:{port}/api/tags" in ollama and "`ollama serve`" in ollama


def test_messages_name_files_not_server_paths():
    from ui.messages import without_paths

    said = "✗ /srv/data/uploads/3f2a/bad.txt: line 4: no clause; see http://127.0.0.1:8000/v1"
    assert without_paths(said) == "✗ bad.txt: line 4: no clause; see http://127.0.0.1:8000/v1"


def test_style_profiles_are_offered_with_what_they_check(tmp_path):
    from ui.app import _profile_descriptions
    from ui.render import profile_choices

    choices = dict(profile_choices(_profile_descriptions()))
    assert set(choices.values()) == {"auto", "un", "nmun", "thimun", "plain"}
    labels = {value: label for label, value in choices.items()}
    assert labels["nmun"].startswith("nmun — NMUN: a. → i., italic leading phrases")
