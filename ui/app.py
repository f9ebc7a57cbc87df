"""The Gradio drafting workspace: a chat beside the resolution being written.

``build_app`` lays out the page and wires its events to :class:`WorkspaceCallbacks`;
``launch_options`` turns the serve settings into ``Blocks.launch`` arguments.
"""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import gradio as gr

from assistant.asking.answers import EXAMPLES
from assistant.lint.profile import ProfileStore
from assistant.settings import ServeSettings
from index.errors import ConfigurationError
from ui import render
from ui.callbacks import MAX_PRECEDENTS, WorkspaceCallbacks
from ui.draft_panel import draft_panel, wire_drafts
from ui.drafts import HISTORY_KEYS_JS
from ui.pool import WorkspacePool
from ui.render import CORPUS_HEADERS
from ui.session import BACKENDS, PROFILES, Sessions
from ui.uploads import UPLOAD_TYPES, UploadLimit

log = logging.getLogger(__name__)

# Gradio runs the events of one concurrency group one at a time; the chat (which holds
# the language model) and uploads (parsing and embedding, minutes for a large file) are
# in groups of their own, so that a question never waits behind an upload.
CHAT_GROUP = "model"
INGEST_GROUP = "ingest"

CSS = """
#citations .wrap label, #proposals .wrap label { border-radius: 999px; }
#draft-text textarea { font-family: var(--font-mono); font-size: 0.9em; }
#lint-summary { min-height: 1.5em; }
#history-row button, #move-row button, #drafts-row button { min-width: 0; }
"""

# Selects the chosen diagnostic's line in the draft editor, then hands the inputs on.
JUMP_JS = """(key, text) => {
  const line = parseInt(String(key || "").split(":")[0], 10);
  const area = document.querySelector("#draft-text textarea");
  if (area && line > 0) {
    const lines = area.value.split("\\n");
    let start = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) start += lines[i].length + 1;
    const end = start + (lines[line - 1] || "").length;
    area.focus();
    area.setSelectionRange(start, end);
    const height = parseFloat(getComputedStyle(area).lineHeight) || 20;
    area.scrollTop = Math.max(0, (line - 3) * height);
  }
  return [key, text];
}"""


def build_app(pool: WorkspacePool, sessions: Sessions, max_upload_mb: int) -> gr.Blocks:
    """The workspace page for ``pool``'s workspace; per-session drafts in ``sessions``."""
    cb = WorkspaceCallbacks(pool, sessions, max_upload_mb)
    with gr.Blocks(title="Clausewright", analytics_enabled=False) as demo:
        session = gr.BrowserState(
            None, storage_key="clausewright-session", secret=sessions.secret()
        )
        proposals = gr.State([])
        # The ID of the draft shown, set only by the server. Held by the page (not a
        # gr.State, which the server reads when an event runs): an autosave queued before a
        # switch of drafts still carries the ID of the draft its text belongs to.
        open_draft = gr.Textbox("", visible=False, elem_id="open-draft")
        gr.Markdown("## Clausewright — resolution drafting workspace")
        with gr.Tabs():
            with gr.Tab("Draft", id="draft"), gr.Row(equal_height=False):
                chat = _chat_panel()
                draft = draft_panel()
            corpus = _corpus_tab(cb.limit)
            settings = _settings_tab(pool)
        draft.open = open_draft
        _wire_session(demo, cb, session, draft, settings, corpus, chat, proposals)
        _wire_chat(cb, chat, draft, settings, proposals, session)
        _wire_draft(cb, session, draft, settings)
        wire_drafts(cb, session, draft)
        _wire_corpus(cb, corpus)
    return demo


def _chat_panel() -> SimpleNamespace:
    with gr.Column(scale=5):
        chatbot = gr.Chatbot(
            label="Assistant",
            height=430,
            elem_id="chat",
            buttons=["copy"],
            placeholder=render.welcome_markdown(EXAMPLES),
        )
        with gr.Row():
            message = gr.Textbox(
                placeholder='Ask ("which drafts mention AVRR?") or request a clause…',
                show_label=False,
                scale=5,
                elem_id="chat-input",
            )
            send = gr.Button("Send", variant="primary", scale=1, elem_id="send")
        status = gr.Markdown(elem_id="chat-status")
        citations = gr.Radio([], label="Citations (click one to read it)", elem_id="citations")
        viewer = gr.Markdown(elem_id="clause-viewer")
        choices = gr.Radio([], label="Proposed clauses", elem_id="proposals")
        insert = gr.Button("Insert into draft", elem_id="insert")
    return SimpleNamespace(
        chatbot=chatbot,
        message=message,
        send=send,
        citations=citations,
        viewer=viewer,
        choices=choices,
        insert=insert,
        status=status,
    )


def _corpus_tab(limit: UploadLimit) -> SimpleNamespace:
    with gr.Tab("Corpus", id="corpus"):
        gr.Markdown(
            f"Add resolutions ({', '.join(UPLOAD_TYPES)}, up to {limit} each). "
            "They are parsed into clauses and indexed; parse warnings are listed below."
        )
        files = gr.File(file_count="multiple", file_types=list(UPLOAD_TYPES), elem_id="upload")
        index_btn = gr.Button("Add to corpus", variant="primary", elem_id="index-files")
        status = gr.Markdown(elem_id="upload-status")
        table = gr.Dataframe(
            headers=CORPUS_HEADERS,
            interactive=False,
            elem_id="corpus-table",
            wrap=True,
            column_widths=["10%", "20%", "26%", "10%", "8%", "8%", "8%", "10%"],
        )
        warnings = gr.Markdown(elem_id="parse-warnings")
    return SimpleNamespace(
        files=files, index_btn=index_btn, status=status, table=table, warnings=warnings
    )


def _settings_tab(pool: WorkspacePool) -> SimpleNamespace:
    base = pool.base.settings
    with gr.Tab("Settings", id="settings"):
        backend = gr.Dropdown(
            list(BACKENDS), value=base.llm, label="Language model backend", elem_id="backend"
        )
        profile = gr.Dropdown(
            render.profile_choices(_profile_descriptions()),
            value=base.profile or "auto",
            label="Style profile",
            info="the house style the draft is checked against: labels, emphasis, punctuation",
            elem_id="profile",
        )
        precedents = gr.Slider(
            1, MAX_PRECEDENTS, value=base.precedents, step=1, label="Precedent clauses per request"
        )
        gr.Markdown(
            f"Settings are saved with this browser's draft. Data directory: `{base.data_dir}`"
        )
    return SimpleNamespace(backend=backend, profile=profile, precedents=precedents)


def _profile_descriptions() -> dict[str, str]:
    """Each style profile with what it checks (its TOML ``description``)."""
    store = ProfileStore()
    return {name: store.get(name).description for name in PROFILES if name != "auto"}


def _wire_session(
    demo: gr.Blocks, cb: WorkspaceCallbacks, session, draft, settings, corpus, chat, proposals
):
    demo.load(
        cb.load,
        [session],
        [
            session,
            draft.text,
            *draft.header,
            settings.profile,
            settings.backend,
            settings.precedents,
            chat.chatbot,
            proposals,
            chat.choices,
            draft.pick,
            draft.name,
            draft.open,
            draft.undo,
            draft.redo,
            draft.move_pick,
        ],
    )
    demo.load(cb.corpus_view, None, [corpus.table, corpus.warnings])
    saved = [
        session,
        draft.text,
        settings.profile,
        settings.backend,
        settings.precedents,
        draft.open,
        draft.move_pick,
    ]
    linted = [
        draft.summary,
        draft.diagnostics,
        draft.codes,
        draft.move_pick,
        draft.undo,
        draft.redo,
    ]
    for component in (draft.text, settings.profile, settings.backend, settings.precedents):
        component.change(
            cb.autosave, saved, linted, trigger_mode="always_last", show_progress="hidden"
        )


def _wire_chat(cb: WorkspaceCallbacks, chat, draft, settings, proposals, session) -> None:
    inputs = [
        chat.message,
        chat.chatbot,
        draft.text,
        settings.profile,
        settings.backend,
        settings.precedents,
        session,
    ]
    outputs = [
        chat.chatbot,
        chat.message,
        proposals,
        chat.citations,
        chat.choices,
        chat.viewer,
        chat.status,
    ]
    for trigger in (chat.message.submit, chat.send.click):
        trigger(cb.chat, inputs, outputs, concurrency_id=CHAT_GROUP, concurrency_limit=1)
    chat.citations.input(cb.show_citation, [chat.citations], [chat.viewer])
    chat.insert.click(
        cb.insert,
        [chat.choices, proposals, draft.text, settings.profile, session, draft.open],
        [draft.text],
    ).then(cb.proposal_choices, [session], [chat.choices])


def _wire_draft(cb: WorkspaceCallbacks, session, draft, settings) -> None:
    draft.diagnostics.input(cb.jump, [draft.diagnostics, draft.text], [draft.context], js=JUMP_JS)
    mine = [session, draft.open]
    draft.fix.click(
        cb.apply_fix, [draft.diagnostics, draft.text, settings.profile, *mine], [draft.text]
    )
    draft.fix_all.click(cb.fix_all, [draft.text, settings.profile, *mine], [draft.text])
    draft.header_btn.click(cb.apply_header, [draft.text, *draft.header, *mine], [draft.text])
    for field in draft.header[3:]:
        field.change(cb.header_lists, draft.header[3:], [draft.lists], show_progress="hidden")
    draft.docx.click(cb.export_docx, [session, draft.text], [draft.download])
    draft.pdf.click(cb.export_pdf, [session, draft.text], [draft.download])
    draft.markdown.click(cb.export_markdown, [session, draft.text], [draft.download])


def _wire_corpus(cb: WorkspaceCallbacks, corpus) -> None:
    def upload(files: list[str] | None, progress: Any = gr.Progress()) -> tuple:  # noqa: B008
        return cb.upload(files, progress)

    corpus.index_btn.click(
        upload,
        [corpus.files],
        [corpus.status, corpus.table, corpus.warnings],
        concurrency_id=INGEST_GROUP,  # not the chat's: see CHAT_GROUP
        concurrency_limit=1,  # one upload at a time; the others wait with their position
    )


def launch_options(
    serve: ServeSettings, data_dir: str | Path, host: str | None = None, port: int | None = None
) -> dict[str, Any]:
    """``Blocks.launch`` arguments: local-only by default, auth if set, upload limits."""
    if bool(serve.username) != bool(serve.password):
        raise ConfigurationError("serve: set both serve.username and serve.password, or neither")
    auth = (serve.username, serve.password) if serve.username else None
    return {
        "server_name": host or serve.host,
        "server_port": port or serve.port,
        "auth": auth,
        "max_file_size": UploadLimit(serve.max_upload_mb).for_gradio,
        "allowed_paths": [str(Path(data_dir) / "exports")],
        "footer_links": [],
        "share": False,
        "ssr_mode": False,
        "mcp_server": False,
        "run_history": False,  # the page keeps no copy of drafts in localStorage
        "css": CSS,
        "js": HISTORY_KEYS_JS,  # the editor's Ctrl+Z / Ctrl+Y press Undo / Redo
        "show_error": True,
    }
