"""The handlers for a session's drafts: undo and redo, named drafts, moving clauses.

Every change the page makes to a draft goes through the draft's history
(:class:`assistant.draft_history.DraftHistory`): operations are recorded by the handler
that makes them, typing by the autosave, and undo/redo move through it on the server —
the browser's own undo is switched off in the editor (``HISTORY_KEYS_JS``), so it can
never replay a server update as an edit of its own.
"""

from __future__ import annotations

import logging
from typing import Any

import gradio as gr

from assistant.draft_document import DraftDocument, DraftHeader
from assistant.draft_history import DraftHistory
from assistant.draft_library import DraftLibrary, NamedDraft
from index.errors import ClausewrightError
from ui import inputs, render
from ui.pool import WorkspacePool
from ui.session import Sessions

log = logging.getLogger(__name__)

SECTIONS = {"pre": "preambulatory", "op": "operative"}

# Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y (and the Edit menu's undo, which arrives as a
# "historyUndo" input) in the draft editor press the page's Undo and Redo buttons
# instead of running the browser's own undo.
HISTORY_KEYS_JS = """() => {
  if (window.__clausewrightHistoryKeys) return;
  window.__clausewrightHistoryKeys = true;
  const inDraft = (e) => e.target && e.target.closest && e.target.closest("#draft-text");
  const press = (id) => { const b = document.getElementById(id); if (b) b.click(); };
  document.addEventListener("keydown", (e) => {
    if (!inDraft(e) || !(e.ctrlKey || e.metaKey) || e.altKey) return;
    const k = (e.key || "").toLowerCase();
    if (k !== "z" && k !== "y") return;
    e.preventDefault();
    e.stopPropagation();
    press(k === "y" || e.shiftKey ? "redo" : "undo");
  }, true);
  document.addEventListener("beforeinput", (e) => {
    if (!inDraft(e)) return;
    if (e.inputType === "historyUndo" || e.inputType === "historyRedo") {
      e.preventDefault();
      press(e.inputType === "historyUndo" ? "undo" : "redo");
    }
  }, true);
}"""


class DraftCallbacks:
    """Undo/redo, the named drafts and clause moves of the sessions in ``sessions``."""

    def __init__(self, pool: WorkspacePool, sessions: Sessions) -> None:
        self.pool = pool
        self.sessions = sessions
        self._armed: dict[str, str] = {}  # session → the draft its next Delete deletes

    # -- history -----------------------------------------------------------------------

    def undo(self, session_id: Any, draft_id: Any, text: Any) -> tuple[str, Any, Any, str]:
        """Take back the last change; returns (draft text, undo button, redo button, status)."""
        return self._step(session_id, draft_id, text, undo=True)

    def redo(self, session_id: Any, draft_id: Any, text: Any) -> tuple[str, Any, Any, str]:
        return self._step(session_id, draft_id, text, undo=False)

    def _step(self, session_id: Any, draft_id: Any, text: Any, undo: bool) -> tuple:
        session_id, draft_id = inputs.session_id(session_id), inputs.key(draft_id, "draft")
        text = inputs.text(text)
        if not session_id:
            return text, gr.update(), gr.update(), "No history yet: the page is still loading."
        with self.sessions.lock(session_id):
            library, named = self._open(session_id, draft_id)
            history = named.history
            history.record(text)  # typing the autosave has not seen yet is a step too
            history.commit()
            label = history.undo_label() if undo else history.redo_label()
            moved = history.undo() if undo else history.redo()
            library.save(named)
        if moved is None:
            status = "Nothing to undo." if undo else "Nothing to redo."
            return history.present, *history_buttons(history), status
        status = f"Undid: {label}." if undo else f"Redid: {label}."
        return moved, *history_buttons(history), status

    def commit(self, session_id: Any, draft_id: Any) -> None:
        """The editor lost focus: what was typed so far is one step."""
        session_id, draft_id = inputs.session_id(session_id), inputs.key(draft_id, "draft")
        if not session_id:
            return
        with self.sessions.lock(session_id):
            library, named = self._open(session_id, draft_id)
            if named.history.open_typing:
                named.history.commit()
                library.save(named)

    def buttons(self, session_id: str | None, draft_id: str | None) -> tuple[Any, Any]:
        """The Undo and Redo buttons for the draft: labelled with what they would do."""
        if not session_id:
            return history_buttons(None)
        try:
            _library, named = self._open(session_id, draft_id)
        except ClausewrightError:
            return history_buttons(None)
        return history_buttons(named.history)

    # -- named drafts ------------------------------------------------------------------

    def new_draft(self, session_id: Any, open_id: Any, text: Any, name: Any) -> tuple:
        """A new blank draft named ``name`` (the next "Draft N" if the name box still shows
        the open draft's name), open, after the open one's text is saved; returns the page's
        draft outputs (see :meth:`shown`)."""
        name = " ".join(_name(name).split())

        def create(lib: DraftLibrary) -> NamedDraft:
            if name.casefold() == lib.get().name.casefold():  # the box still shows the open one
                return lib.create()
            return lib.create(name or None)

        return self._change(session_id, open_id, text, create)

    def switch_draft(self, session_id: Any, open_id: Any, text: Any, target: Any) -> tuple:
        """Open another of the session's drafts, after the open one's text is saved."""
        target = inputs.key(target, "draft")
        return self._change(session_id, open_id, text, lambda lib: lib.switch(target or ""))

    def rename_draft(self, session_id: Any, open_id: Any, text: Any, name: Any) -> tuple:
        """Give the open draft a new name."""
        name = _name(name)

        def rename(lib: DraftLibrary) -> NamedDraft:
            lib.rename(lib.current_id, name)
            return lib.get()

        return self._change(session_id, open_id, text, rename)

    def delete_draft(self, session_id: Any, open_id: Any, text: Any) -> tuple:
        """Delete the open draft on the second press of Delete (the first asks); the newest
        other draft opens, or a blank one if none is left."""
        session_id, open_id = inputs.session_id(session_id), inputs.key(open_id, "draft")
        if session_id and open_id and self._armed.get(session_id) != open_id:
            shown = self._change(session_id, open_id, text, lambda lib: lib.get())
            self._armed[session_id] = open_id
            ask = f"Press Delete again to delete “{shown[7]}”; it cannot be brought back."
            return (*shown[:-1], ask)
        return self._change(session_id, open_id, text, lambda lib: lib.delete(lib.current_id))

    def _change(self, session_id: Any, open_id: Any, text: Any, change: Any) -> tuple:
        session_id, open_id = inputs.session_id(session_id), inputs.key(open_id, "draft")
        text = inputs.text(text)
        if not session_id:
            raise gr.Error("The page is still loading; try again in a moment.")
        self._armed.pop(session_id, None)
        with self.sessions.lock(session_id):
            library = self.sessions.library(session_id)
            try:
                if open_id:  # what was typed in the open draft is kept before anything else
                    library.current_id = library.get(open_id).id
                    self.sessions.save_typing(library, open_id, text)
                named = change(library)
            except ClausewrightError as exc:
                gr.Warning(str(exc))
                return self.shown(library, library.get(), f"⚠ {exc}")
            return self.shown(library, named, f"Draft “{named.name}” is open.")

    def shown(self, library: DraftLibrary, named: NamedDraft, status: str = "") -> tuple:
        """(draft text, 5 header fields, draft picker, name box, open draft ID, undo, redo,
        status)."""
        header = DraftHeader.from_text(named.text)
        return (
            named.text,
            header.code,
            header.committee,
            header.topic,
            header.sponsors,
            header.signatories,
            gr.update(choices=library.entries(), value=named.id),
            named.name,
            named.id,
            *history_buttons(named.history),
            status,
        )

    # -- moving clauses ------------------------------------------------------------------

    def move(
        self,
        session_id: Any,
        draft_id: Any,
        text: Any,
        clause: Any,
        direction: Any,
        to: Any = None,
    ) -> tuple[str, Any, str]:
        """Move the chosen clause up, down or to a position of its section; renumber.
        Returns (draft text, the clause picker with the clause at its new place, status)."""
        session_id, draft_id = inputs.session_id(session_id), inputs.key(draft_id, "draft")
        text, clause = inputs.text(text), inputs.key(clause, "clause")
        direction = inputs.choice(direction, "direction", ("up", "down", "to"))
        kind, position = _clause_key(clause)
        if kind is None:
            return text, gr.update(), "Choose a clause to move first."
        target = position - 1 if direction == "up" else position + 1
        if direction == "to":
            target = inputs.whole_number(to, "position", 1, 10_000)
        ws = self.pool.base
        doc = DraftDocument(text, ws.linter, ws.parser)
        try:
            doc.move_clause(kind, position, target)
        except ClausewrightError as exc:
            return text, gr.update(), f"⚠ {getattr(exc, 'reason', exc)}"
        if session_id and doc.text != text:
            self.sessions.record(session_id, draft_id, text, doc.text, f"move clause {position}")
        picked = gr.update(
            choices=render.clause_choices(doc.resolution()), value=_key(kind, target)
        )
        return doc.text, picked, f"Moved clause {position} to {target}; renumbered."

    def _open(self, session_id: str, draft_id: str | None) -> tuple[DraftLibrary, NamedDraft]:
        library = self.sessions.library(session_id)
        return library, library.get(draft_id or None)


def history_buttons(history: DraftHistory | None) -> tuple[Any, Any]:
    """Undo and Redo, each naming the step it would take back or do again. They stay
    clickable: typing the autosave has not recorded yet can always be undone."""
    undo = history.undo_label() if history else None
    redo = history.redo_label() if history else None
    return (
        gr.update(value=f"↶ Undo {undo}" if undo else "↶ Undo"),
        gr.update(value=f"↷ Redo {redo}" if redo else "↷ Redo"),
    )


def _name(value: Any) -> str:
    return inputs.text(value, "name", limit=200)


def _clause_key(key: str | None) -> tuple[str | None, int]:
    """``pre:2`` / ``op:3`` → (section, position)."""
    head, _, number = (key or "").partition(":")
    if head not in SECTIONS or not number.isdigit():
        return None, 0
    return SECTIONS[head], int(number)


def _key(kind: str, position: int) -> str:
    return f"{'pre' if kind == 'preambulatory' else 'op'}:{position}"
