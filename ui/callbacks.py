"""The workspace's event handlers: thin adapters from page values to the assistant.

Every handler takes the values of the page's components and returns new ones; the
drafting, linting, parsing, indexing and exporting are done by the services. Every
public handler checks its inputs first (``ui.inputs``): the page sends well-formed
values, an API client may send anything.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.asking.memory import Conversation
from assistant.chat import ChatAnswer, ChatToken
from assistant.draft_document import DraftDocument, DraftHeader, name_list
from assistant.export import to_docx, to_markdown, to_pdf, written
from assistant.lint.codes import RULES
from index.errors import ClausewrightError
from ui import inputs, messages, render
from ui.drafts import DraftCallbacks
from ui.pool import WorkspacePool
from ui.session import BACKENDS, PROFILES, SessionDraft, Sessions, profile_name
from ui.uploads import Progress, UploadLimit, Uploads

log = logging.getLogger(__name__)

HEADER_FIELDS = ("code", "committee", "topic", "sponsors", "signatories")
WRITING = "Writing…"
MAX_PRECEDENTS = 20  # the Settings tab's slider goes from 1 to this


class WorkspaceCallbacks:
    """Handlers for one running app; state lives in the page and in the data directory."""

    def __init__(self, pool: WorkspacePool, sessions: Sessions, max_upload_mb: int) -> None:
        self.pool = pool
        self.sessions = sessions
        self.limit = UploadLimit(max_upload_mb)
        self.data_dir = Path(pool.base.settings.data_dir)
        self.uploads = Uploads(pool, self.data_dir / "uploads", self.limit)
        self.drafts = DraftCallbacks(pool, sessions)

    # -- the session and its draft ------------------------------------------------------

    def load(self, session_id: str | None) -> tuple[Any, ...]:
        """Page load: the session's open draft, settings and conversation (its messages and
        every proposal made so far), or a new session if none; then the draft picker, the
        draft's name, the clauses to move and the Undo/Redo buttons."""
        draft = self.sessions.restore(inputs.session_id(session_id))
        header = DraftHeader.from_text(draft.text)
        talk = self.sessions.conversation(draft.session_id)
        library = self.sessions.library(draft.session_id)
        named = library.get(draft.draft_id)
        shown = self.drafts.shown(library, named)
        res = self._doc(draft.text, draft.profile).resolution()
        return (
            draft.session_id,
            draft.text,
            header.code,
            header.committee,
            header.topic,
            header.sponsors,
            header.signatories,
            draft.profile,
            draft.backend,
            draft.precedents,
            list(talk.messages),
            list(talk.proposals),
            _choices(talk),
            *shown[6:11],  # the draft picker, its name, its ID, the Undo and Redo buttons
            gr.update(choices=render.clause_choices(res), value=None),
        )

    def autosave(
        self,
        session_id: str | None,
        text: str,
        profile: str,
        backend: str,
        precedents: float,
        draft_id: str | None = None,
        moving: str | None = None,
    ) -> tuple[Any, ...]:
        """Every change: save the session's draft (typing becomes a step of its undo
        history), then lint it. Returns (lint summary, problems, what their codes mean, the
        clauses to move, the Undo and Redo buttons)."""
        session_id, draft_id = inputs.session_id(session_id), inputs.key(draft_id, "draft")
        text, moving = inputs.text(text), inputs.key(moving, "clause")
        profile, backend, count = self._settings(profile, backend, precedents)
        draft = SessionDraft(session_id or "", text, profile, backend, count, draft_id or "")
        if session_id:
            try:
                self.sessions.save(draft)
            except (ClausewrightError, OSError) as exc:
                log.error("draft not saved: %s", exc)
                gr.Warning(f"Your draft could not be saved: {exc}")
        doc = self._doc(text, profile)
        diagnostics = doc.lint()
        clauses = render.clause_choices(doc.resolution())
        keep = moving if moving in {key for _label, key in clauses} else None
        return (
            render.lint_summary(diagnostics),
            gr.update(choices=render.diagnostic_choices(diagnostics), value=None),
            render.code_help(diagnostics, RULES),
            gr.update(choices=clauses, value=keep),
            *self.drafts.buttons(session_id, draft_id),
        )

    def _record(
        self, session_id: str | None, draft_id: str | None, before: str, after: str, label: str
    ) -> None:
        """An operation changed the draft: one step of its undo history."""
        if not session_id or before == after:
            return
        try:
            self.sessions.record(session_id, draft_id, before, after, label)
        except (ClausewrightError, OSError) as exc:
            log.error("draft history not saved: %s", exc)
            gr.Warning(f"Your draft could not be saved: {exc}")

    def _settings(self, profile: Any, backend: Any, precedents: Any) -> tuple[str, str, int]:
        """The Settings tab's values, checked: profile, backend, precedent clauses."""
        return (
            _profile(profile),
            inputs.choice(backend, "backend", BACKENDS, default=self.pool.base.settings.llm),
            inputs.whole_number(precedents, "precedents", 1, MAX_PRECEDENTS),
        )

    def _doc(self, text: str | None, profile: str | None) -> DraftDocument:
        ws = self.pool.base
        return DraftDocument(text or "", ws.linter, ws.parser, profile_name(profile))

    # -- chat --------------------------------------------------------------------------

    def chat(
        self,
        message: str,
        history: list[dict[str, Any]] | None,
        text: str,
        profile: str,
        backend: str,
        precedents: float,
        session_id: str | None = None,
    ) -> Iterator[tuple[Any, ...]]:
        """Stream the assistant's answer; then offer its citations and every proposal of the
        conversation (the newest chosen). The conversation is the session's, saved after
        each answer, so follow-ups and a reload keep it.

        Yields (chat history, message box, proposals, citation chips, proposal choices,
        clause viewer, status line).
        """
        message = inputs.text(message, "message")
        history = inputs.items(history, "history", dict, "the chat so far (a list of messages)")
        text = inputs.text(text)
        session_id = inputs.session_id(session_id)
        profile, backend, count = self._settings(profile, backend, precedents)
        if not message.strip():
            yield history, "", gr.update(), gr.update(), gr.update(), gr.update(), gr.update()
            return
        talk = self.sessions.conversation(session_id) if session_id else Conversation()
        history += [{"role": "user", "content": message}, {"role": "assistant", "content": "…"}]
        yield _step(history, WRITING)
        written, answer = "", None
        try:
            assistant = self.pool.get(backend).assistant
            stream = assistant.stream(message, text, profile_name(profile), count, talk)
            for event in stream:
                if isinstance(event, ChatToken):
                    written += event.text
                    history[-1] = {"role": "assistant", "content": written}
                    yield _step(history, WRITING)
                elif isinstance(event, ChatAnswer):
                    answer = event.answer
        except Exception as exc:  # the page reports any backend failure instead of hanging
            if not isinstance(exc, ClausewrightError):
                log.exception("the assistant failed on %r", message)
            said = messages.backend_failure(exc, backend, self.pool.base.settings)
            history[-1] = {"role": "assistant", "content": said}
            yield _step(history, "⚠ The assistant failed.")
            return
        history[-1] = {"role": "assistant", "content": answer.text if answer else written}
        citations = list(answer.citations) if answer else []
        made = len(answer.proposals) if answer else 0
        status = f"{len(citations)} citation(s), {made} proposed clause(s)."
        if session_id:
            self._save_conversation(session_id, talk)
        if len(talk.proposals) > made:
            status += f" {len(talk.proposals)} proposal(s) in this conversation."
        yield _step(history, status, list(talk.proposals), citations, _choices(talk))

    def proposal_choices(self, session_id: str | None) -> Any:
        """The conversation's proposals as choices (after an insert marks one)."""
        session_id = inputs.session_id(session_id)
        return _choices(self.sessions.conversation(session_id) if session_id else Conversation())

    def _save_conversation(self, session_id: str, talk: Conversation) -> None:
        try:
            self.sessions.save_conversation(session_id, talk)
        except (ClausewrightError, OSError) as exc:
            log.error("conversation not saved: %s", exc)
            gr.Warning(f"The conversation could not be saved: {exc}")

    def show_citation(self, clause_id: str | None) -> str:
        """A citation chip was clicked: the clause, its resolution and source lines."""
        clause_id = inputs.key(clause_id, "clause_id")
        if not clause_id:
            return ""
        ws = self.pool.base
        clause = ws.corpus.by_id().get(clause_id)
        below = [written(c) for c in clause.walk()[1:]] if clause is not None else []
        return render.clause_markdown(clause_id, ws.ranked.record(clause_id), below)

    def insert(
        self,
        choice: str | None,
        proposals: list[Any] | None,
        text: str,
        profile: str,
        session_id: str | None = None,
        draft_id: str | None = None,
    ):
        """Insert the chosen proposal into its section of the draft and renumber; the
        conversation marks it inserted, the draft's history keeps it as one step."""
        choice = inputs.key(choice, "choice")
        draft_id = inputs.key(draft_id, "draft")
        proposals = inputs.items(proposals, "proposals", object, "a list")
        text, profile = inputs.text(text), _profile(profile)
        session_id = inputs.session_id(session_id)
        if choice is None or not choice.isdigit() or int(choice) >= len(proposals):
            gr.Warning("Choose a proposed clause first.")
            return text
        doc = self._doc(text, profile)
        doc.insert(proposals[int(choice)])
        self._record(session_id, draft_id, text, doc.text, "Insert")
        if session_id:
            talk = self.sessions.conversation(session_id)
            talk.mark_inserted(int(choice))
            self._save_conversation(session_id, talk)
        return doc.text

    # -- lint results ------------------------------------------------------------------

    def jump(self, key: str | None, text: str) -> str:
        """A diagnostic was chosen: show its line (the page also selects it)."""
        key = inputs.key(key, "key")
        return render.line_context(inputs.text(text), render.key_line(key))

    def apply_fix(
        self,
        key: str | None,
        text: str,
        profile: str,
        session_id: str | None = None,
        draft_id: str | None = None,
    ) -> str:
        key = inputs.key(key, "key")
        session_id, draft_id = inputs.session_id(session_id), inputs.key(draft_id, "draft")
        text = inputs.text(text)
        doc = self._doc(text, _profile(profile))
        match = [d for d in doc.lint() if render.diagnostic_key(d) == key]
        if not match:
            gr.Warning("Choose a problem in the list first.")
            return text
        if not match[0].fix:
            gr.Info("This problem has no automatic fix; edit the line by hand.")
            return text
        doc.apply_fix(match[0])
        self._record(session_id, draft_id, text, doc.text, f"fix {match[0].code}")
        return doc.text

    def fix_all(
        self,
        text: str,
        profile: str,
        session_id: str | None = None,
        draft_id: str | None = None,
    ) -> str:
        session_id, draft_id = inputs.session_id(session_id), inputs.key(draft_id, "draft")
        text = inputs.text(text)
        doc = self._doc(text, _profile(profile))
        try:
            remaining = doc.fix_all()
        except ClausewrightError as exc:  # an empty or unparseable draft: nothing to fix
            gr.Warning(f"Nothing to fix: {exc}")
            return doc.text
        self._record(session_id, draft_id, text, doc.text, "Fix all")
        if remaining:
            gr.Info(f"{len(remaining)} problem(s) need a manual edit.")
        return doc.text

    def apply_header(self, text: str, *values: str | None) -> str:
        """Write the header fields (code, committee, topic, sponsors, signatories, then
        optionally the session and open draft IDs); sponsors and signatories are read as
        lists (a name given twice is written once, and said so); the opening line follows
        the committee unless the user wrote their own."""
        if len(values) not in (len(HEADER_FIELDS), len(HEADER_FIELDS) + 2):
            raise inputs.invalid("header", f"{len(HEADER_FIELDS)} fields", list(values))
        fields, mine = values[: len(HEADER_FIELDS)], [*values[len(HEADER_FIELDS) :], None, None]
        header = [inputs.text(f, n).strip() for f, n in zip(fields, HEADER_FIELDS, strict=True)]
        session_id, draft_id = inputs.session_id(mine[0]), inputs.key(mine[1], "draft")
        text = inputs.text(text)
        for i, what in ((3, "sponsor"), (4, "signatory")):
            names, twice = name_list(header[i])
            header[i] = ", ".join(names)
            if twice:
                gr.Info(f"Listed twice, kept once ({what}): {', '.join(twice)}.")
        doc = self._doc(text, None)
        doc.set_header(DraftHeader(*header))
        self._record(session_id, draft_id, text, doc.text, "Header")
        return doc.text

    def header_lists(self, sponsors: str, signatories: str) -> str:
        """The sponsors and signatories as the lists they will be written as."""
        return render.header_lists(
            name_list(inputs.text(sponsors, "sponsors")),
            name_list(inputs.text(signatories, "signatories")),
        )

    # -- export ------------------------------------------------------------------------

    def export_docx(self, session_id: str | None, text: str) -> str:
        return self._export(session_id, text, ".docx")

    def export_pdf(self, session_id: str | None, text: str) -> str:
        return self._export(session_id, text, ".pdf")

    def export_markdown(self, session_id: str | None, text: str) -> str:
        return self._export(session_id, text, ".md")

    def _export(self, session_id: str | None, text: str, suffix: str) -> str:
        """Write the draft as ``suffix`` (.docx, .pdf, .md) under the session's exports."""
        session_id = inputs.session_id(session_id)
        doc = self._doc(inputs.text(text), None)
        res = doc.resolution()
        path = self._export_path(session_id, res, suffix)
        if suffix == ".md":
            path.write_text(to_markdown(doc.text, res), "utf-8")
        else:
            (to_docx if suffix == ".docx" else to_pdf)(doc.text, res, path)
        return str(path)

    def _export_path(self, session_id: str | None, res: Any, suffix: str) -> Path:
        folder = hashlib.sha256((session_id or "anonymous").encode()).hexdigest()[:24]
        out = self.data_dir / "exports" / folder
        out.mkdir(parents=True, exist_ok=True)
        stem = re.sub(r"[^A-Za-z0-9._-]+", "-", res.symbol if res else "").strip("-.")
        return out / f"{stem or 'draft'}{suffix}"

    # -- corpus ------------------------------------------------------------------------

    def corpus_view(self) -> tuple[list[list[Any]], str]:
        ws = self.pool.base
        corpus = ws.corpus
        return render.corpus_rows(corpus, ws.store.manifest()), render.warnings_markdown(corpus)

    def upload(self, files: list[str] | None, progress: Progress | None = None) -> tuple:
        """Check the uploaded files, keep the good ones by content hash, index them."""
        paths = inputs.items(files, "files", str, "a list of uploaded files")
        try:
            report = self.uploads.add(paths, progress)
            status = render.sync_markdown(report.result, report.refused, report.unchanged)
        except (ClausewrightError, OSError) as exc:  # the store keeps what it had committed
            log.error("upload not indexed: %s", exc)
            status = f"✗ Not indexed: {exc}. Nothing already in the corpus was lost."
        rows, warnings = self.corpus_view()
        return messages.without_paths(status), rows, warnings


def _profile(value: Any) -> str:
    return inputs.choice(value, "profile", PROFILES, default="auto")


def _step(
    history: list[dict[str, Any]],
    status: str,
    proposals: list[Any] | None = None,
    citations: list[Any] | None = None,
    choices: Any = None,
) -> tuple[Any, ...]:
    """One update of the chat outputs (the choices are empty while the answer is written)."""
    return (
        list(history),
        "",
        proposals or [],
        gr.update(choices=render.citation_choices(citations or []), value=None),
        choices if choices is not None else gr.update(choices=[], value=None),
        "",
        status,
    )


def _choices(talk: Conversation) -> Any:
    """Every proposal of the conversation, inserted ones marked, the newest chosen."""
    choices = render.proposal_choices(talk.proposals, talk.inserted)
    return gr.update(choices=choices, value=choices[-1][1] if choices else None)
