"""The draft column of the workspace page and the wiring of its draft controls: the
named drafts, Undo/Redo and moving clauses (handled by ``ui.drafts``)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import gradio as gr

from ui.callbacks import WorkspaceCallbacks


def draft_panel() -> SimpleNamespace:
    """The draft column: drafts, header, undo/redo, editor, problems, exports, moves."""
    with gr.Column(scale=6):
        with gr.Row(elem_id="drafts-row", equal_height=True):
            pick = gr.Dropdown([], label="Draft", scale=3, elem_id="draft-pick")
            name = gr.Textbox(label="Name", scale=3, elem_id="draft-name")
            new = gr.Button("New draft", scale=1, size="sm", elem_id="new-draft")
            rename = gr.Button("Rename", scale=1, size="sm", elem_id="rename-draft")
            delete = gr.Button("Delete", scale=1, size="sm", elem_id="delete-draft")
        with gr.Accordion("Header", open=True, elem_id="header-fields"):
            with gr.Row():
                code = gr.Textbox(label="Symbol", elem_id="hdr-code")
                committee = gr.Textbox(label="Committee", elem_id="hdr-committee")
            topic = gr.Textbox(label="Topic", elem_id="hdr-topic")
            with gr.Row():
                sponsors = gr.Textbox(
                    label="Sponsors", info="separate names with commas", elem_id="hdr-sponsors"
                )
                signatories = gr.Textbox(
                    label="Signatories",
                    info="separate names with commas",
                    elem_id="hdr-signatories",
                )
            lists = gr.Markdown(elem_id="header-lists")
            header_btn = gr.Button("Apply header to draft", elem_id="apply-header")
        with gr.Row(elem_id="history-row", equal_height=True):
            undo = gr.Button("↶ Undo", size="sm", scale=1, elem_id="undo")
            redo = gr.Button("↷ Redo", size="sm", scale=1, elem_id="redo")
            history = gr.Markdown(elem_id="history-status")
        text = gr.Textbox(label="Draft", lines=20, max_lines=40, elem_id="draft-text")
        summary = gr.Markdown(elem_id="lint-summary")
        diagnostics = gr.Radio([], label="Problems", elem_id="diagnostics")
        codes = gr.Markdown(elem_id="code-help")
        context = gr.Markdown(elem_id="jump-context")
        with gr.Row():
            fix = gr.Button("Apply fix", elem_id="apply-fix")
            fix_all = gr.Button("Fix all", elem_id="fix-all")
            docx = gr.Button("Export .docx", elem_id="export-docx")
            pdf = gr.Button("Export PDF", elem_id="export-pdf")
            markdown = gr.Button("Export Markdown", elem_id="export-md")
        with (
            gr.Accordion("Move a clause", open=False, elem_id="move-clauses"),
            gr.Row(elem_id="move-row", equal_height=True),
        ):
            move_pick = gr.Dropdown([], label="Clause", scale=4, elem_id="move-clause")
            up = gr.Button("Move up", size="sm", scale=1, elem_id="move-up")
            down = gr.Button("Move down", size="sm", scale=1, elem_id="move-down")
            to = gr.Number(label="To position", precision=0, scale=1, elem_id="move-to")
            move = gr.Button("Move", size="sm", scale=1, elem_id="move-to-btn")
        download = gr.File(label="Download", interactive=False, height=80, elem_id="export-file")
    return SimpleNamespace(
        pick=pick,
        name=name,
        new=new,
        rename=rename,
        delete=delete,
        header=[code, committee, topic, sponsors, signatories],
        lists=lists,
        header_btn=header_btn,
        undo=undo,
        redo=redo,
        history=history,
        text=text,
        summary=summary,
        diagnostics=diagnostics,
        codes=codes,
        context=context,
        fix=fix,
        fix_all=fix_all,
        docx=docx,
        pdf=pdf,
        markdown=markdown,
        move_pick=move_pick,
        up=up,
        down=down,
        to=to,
        move=move,
        download=download,
    )


def wire_drafts(cb: WorkspaceCallbacks, session: Any, draft: SimpleNamespace) -> None:
    """Undo/redo, the named drafts and moving clauses (``ui.drafts``)."""
    mine = [session, draft.open, draft.text]
    stepped = [draft.text, draft.undo, draft.redo, draft.history]
    draft.undo.click(cb.drafts.undo, mine, stepped, show_progress="hidden")
    draft.redo.click(cb.drafts.redo, mine, stepped, show_progress="hidden")
    draft.text.blur(cb.drafts.commit, [session, draft.open], None, show_progress="hidden")
    shown = [
        draft.text,
        *draft.header,
        draft.pick,
        draft.name,
        draft.open,
        draft.undo,
        draft.redo,
        draft.history,
    ]
    draft.new.click(cb.drafts.new_draft, [*mine, draft.name], shown)
    draft.pick.input(cb.drafts.switch_draft, [*mine, draft.pick], shown)
    draft.rename.click(cb.drafts.rename_draft, [*mine, draft.name], shown)
    draft.delete.click(cb.drafts.delete_draft, mine, shown)  # asks again before it deletes
    moved = [draft.text, draft.move_pick, draft.history]
    for button, direction in ((draft.up, "up"), (draft.down, "down"), (draft.move, "to")):
        button.click(
            _mover(cb, direction), [*mine, draft.move_pick, draft.to], moved, show_progress="hidden"
        )


def _mover(cb: WorkspaceCallbacks, direction: str):
    def move(session_id: Any, open_id: Any, text: Any, clause: Any, to: Any) -> tuple:
        return cb.drafts.move(session_id, open_id, text, clause, direction, to)

    return move
