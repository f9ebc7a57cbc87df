"""The undo history of a draft: typing bursts, operations, undo/redo, limits, saving."""

from __future__ import annotations

from assistant import draft_history
from assistant.draft_history import DraftHistory


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _history(text: str = "The General Assembly,\n") -> tuple[DraftHistory, Clock]:
    clock = Clock()
    return DraftHistory.start(text, clock), clock


def test_a_typing_burst_is_one_step_and_a_pause_starts_another():
    h, clock = _history("A")
    for text in ("AB", "ABC", "ABCD"):
        clock.now += 1
        h.record(text)
    assert [s.text for s in h.states] == ["A", "ABCD"]
    clock.now += draft_history.PAUSE_S + 1
    h.record("ABCDE")
    assert [s.text for s in h.states] == ["A", "ABCD", "ABCDE"]
    assert h.undo() == "ABCD" and h.undo() == "A" and h.undo() is None
    assert h.redo() == "ABCD" and h.redo() == "ABCDE" and h.redo() is None


def test_a_paste_over_the_text_is_a_step_of_its_own():
    """Select-all and paste (or any typed change of many characters) is undone by itself,
    not together with the typing before it."""
    h, _clock = _history("short draft")
    h.record("short draft.")
    pasted = "x" * 500
    h.record(pasted)
    h.record(pasted + "y")  # typing after a paste starts a new step
    assert [s.text for s in h.states] == ["short draft", "short draft.", pasted, pasted + "y"]


def test_an_operation_keeps_unrecorded_typing_as_its_own_step():
    """Fix all on text the autosave has not seen yet: undo takes back the fix, then the
    typing; the draft is never doubled."""
    h, _clock = _history("1. Urges States to act")
    typed = "1. Urges States to act\n2. Requests a report"
    fixed = "1. *Urges* States to act;\n\n2. *Requests* a report.\n"
    assert h.operation(typed, fixed, "Fix all")
    assert h.present == fixed and h.undo_label() == "Fix all"
    assert h.undo() == typed
    assert h.undo() == "1. Urges States to act"
    assert h.redo() == typed and h.redo() == fixed
    assert all(fixed + fixed not in s.text for s in h.states)


def test_undo_takes_back_typing_the_history_has_not_seen():
    h, _clock = _history("A")
    h.operation("A", "A.", "Fix all")
    assert h.undo("A. and more") == "A."  # the unseen typing is the step undone
    assert h.redo() == "A. and more"


def test_a_change_after_undo_drops_what_could_be_redone():
    h, _clock = _history("A")
    h.operation("A", "B", "Insert")
    h.undo()
    h.record("A typed")
    assert not h.can_redo and h.redo() is None and h.present == "A typed"
    assert h.redo("typed after undo") is None and h.present == "typed after undo"


def test_the_oldest_steps_go_first_and_the_present_stays(monkeypatch):
    monkeypatch.setattr(draft_history, "MAX_STEPS", 5)
    h, _clock = _history("0")
    for n in range(1, 12):
        h.operation(h.present, str(n), f"op {n}")
    assert [s.text for s in h.states] == ["7", "8", "9", "10", "11"] and h.present == "11"
    monkeypatch.setattr(draft_history, "MAX_CHARS", 25)
    h.operation("11", "z" * 20, "big")
    assert h.present == "z" * 20 and sum(len(s.text) for s in h.states) <= 25


def test_saved_and_restored_with_the_draft():
    h, clock = _history("A")
    h.operation("A", "B", "Insert")
    h.operation("B", "C", "Fix all")
    h.undo()
    back = DraftHistory.from_dict(h.to_dict(), "B", clock)
    assert back.present == "B" and back.undo_label() == "Insert" and back.redo() == "C"


def test_a_damaged_or_stale_history_never_wins_over_the_draft():
    clock = Clock()
    for damaged in (None, {}, {"states": [], "cursor": 0}, {"states": [{"x": 1}], "cursor": 0}):
        fresh = DraftHistory.from_dict(damaged, "the draft", clock)
        assert fresh.present == "the draft" and not fresh.can_undo
    h, _ = _history("A")
    stale = DraftHistory.from_dict(h.to_dict(), "A edited elsewhere", clock)
    assert stale.present == "A edited elsewhere" and stale.undo() == "A"


def test_a_late_autosave_of_an_undone_text_moves_the_cursor_and_adds_no_step():
    """Undo shows B; the user redoes at once; the autosave of B arrives after the redo.
    It must not become a new step (which dropped what could be redone and left Undo
    "undoing" to the text already shown)."""
    h, _clock = _history("A")
    h.operation("A", "B", "Insert")
    h.operation("B", "C", "Fix all")
    assert h.undo("C") == "B" and h.redo("B") == "C"
    h.record("B")  # the late autosave of the undo
    h.record("C")  # then the autosave of the redo
    assert [s.text for s in h.states] == ["A", "B", "C"] and h.present == "C"
    assert h.undo() == "B" and h.undo() == "A"
