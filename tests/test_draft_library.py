"""A session's named drafts: listed, created, renamed, deleted, switched, kept on disk."""

from __future__ import annotations

import json

import pytest

from assistant.draft_autosave import DraftStore, new_session_id
from assistant.draft_library import DraftLibrary
from index.errors import ClausewrightError

BLANK = "The General Assembly,\n"


@pytest.fixture()
def store(tmp_path):
    return DraftStore(tmp_path / "drafts")


def test_a_new_session_has_one_blank_draft(store):
    lib = DraftLibrary(store, new_session_id(), BLANK)
    assert [name for name, _id in lib.entries()] == ["Draft 1"]
    assert lib.get().text == BLANK


def test_drafts_are_made_renamed_switched_and_deleted_and_survive_a_reload(store):
    session = new_session_id()
    lib = DraftLibrary(store, session, BLANK)
    first = lib.get()
    first.history.record("Code: IOM/1/9\n\n" + BLANK)
    lib.save(first)
    second = lib.create("Migration, second go")
    assert lib.current_id == second.id and second.text == BLANK
    lib.rename(first.id, "  Migration   first  ")
    again = DraftLibrary(store, session, BLANK)  # a reload or a server restart
    assert again.entries() == [("Migration first", first.id), ("Migration, second go", second.id)]
    assert again.current_id == second.id
    assert again.switch(first.id).text.startswith("Code: IOM/1/9")
    assert DraftLibrary(store, session, BLANK).current_id == first.id
    after = again.delete(first.id)
    assert after.id == second.id and [n for n, _ in again.entries()] == ["Migration, second go"]
    assert store.load_draft(session, first.id) is None  # its file is gone
    last = again.delete(second.id)  # deleting the last draft leaves a blank one
    assert last.text == BLANK and [n for n, _ in again.entries()] == ["Draft 1"]


def test_names_must_be_given_short_and_distinct(store):
    lib = DraftLibrary(store, new_session_id(), BLANK)
    lib.create("Migration")
    with pytest.raises(ClausewrightError, match="already a draft named “Migration”"):
        lib.create("migration")
    with pytest.raises(ClausewrightError, match="needs a name"):
        lib.rename(lib.current_id, "   ")
    with pytest.raises(ClausewrightError, match="too long: 81 characters"):
        lib.rename(lib.current_id, "x" * 81)
    with pytest.raises(ClausewrightError, match="no draft 'nope-nope'"):
        lib.switch("nope-nope")
    assert [n for n, _ in lib.entries()] == ["Draft 1", "Migration"]
    assert lib.create().name == "Draft 3"


def test_the_undo_history_is_saved_with_its_draft(store):
    session = new_session_id()
    lib = DraftLibrary(store, session, BLANK)
    draft = lib.get()
    draft.history.operation(BLANK, BLANK + "\n1. *Urges* States to act.\n", "Insert")
    lib.save(draft)
    back = DraftLibrary(store, session, BLANK).get()
    assert back.history.undo_label() == "Insert" and back.history.undo() == BLANK


def test_a_session_saved_before_named_drafts_opens_as_draft_1(store, tmp_path):
    session = new_session_id()
    old = {"text": "Code: X/1\n\n" + BLANK, "profile": "un", "backend": "fake", "precedents": 4}
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / f"{session}.json").write_text(json.dumps(old), "utf-8")
    lib = DraftLibrary(store, session, BLANK)
    assert [n for n, _ in lib.entries()] == ["Draft 1"] and lib.get().text == old["text"]
    assert lib.settings == {"profile": "un", "backend": "fake", "precedents": 4}
    index = store.load(session)
    assert "text" not in index and index["profile"] == "un"


def test_draft_ids_cannot_name_another_sessions_files(store):
    session = new_session_id()
    with pytest.raises(ClausewrightError, match="invalid draft ID"):
        store.load_draft(session, "../../other")
    with pytest.raises(ClausewrightError, match="invalid session ID"):
        store.save_draft("../x", "abcdefgh", {})


def test_a_damaged_draft_file_is_kept_aside_not_overwritten(store, tmp_path):
    session = new_session_id()
    lib = DraftLibrary(store, session, BLANK)
    draft_id = lib.current_id
    path = tmp_path / "drafts" / session / f"{draft_id}.json"
    path.write_text('{"text": "half a fi', "utf-8")
    draft = lib.get()
    assert draft.text == BLANK
    lib.save(draft)
    kept = list(path.parent.glob(f"{draft_id}.json.damaged-*"))
    assert len(kept) == 1 and kept[0].read_text("utf-8") == '{"text": "half a fi'
