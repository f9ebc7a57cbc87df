"""The workspace's event handlers: thin adapters from page values to the assistant.

Every handler takes the values of the page's components and returns new ones; the
drafting, linting, parsing, indexing and exporting are done by the services.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.chat import ChatAnswer, ChatToken
from assistant.draft_document import DraftDocument, DraftHeader
from assistant.export import to_docx, to_markdown
from index.errors import ClausewrightError
from ui import render
from ui.pool import WorkspacePool
from ui.session import SessionDraft, Sessions, profile_name

log = logging.getLogger(__name__)

UPLOAD_TYPES = (".txt", ".md", ".pdf", ".docx")
WRITING = "Writing…"
MB = 1024 * 1024  # as Gradio counts max_file_size="20mb"
Progress = Callable[..., Any]


class WorkspaceCallbacks:
    """Handlers for one running app; state lives in the page and in the data directory."""

    def __init__(self, pool: WorkspacePool, sessions: Sessions, max_upload_mb: int) -> None:
        self.pool = pool
        self.sessions = sessions
        self.max_upload_mb = max_upload_mb
        self.data_dir = Path(pool.base.settings.data_dir)

    # -- the session and its draft ------------------------------------------------------

    def load(self, session_id: str | None) -> tuple[Any, ...]:
        """Page load: the session's saved draft and settings (a new session if none)."""
        draft = self.sessions.restore(session_id)
        header = DraftHeader.from_text(draft.text)
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
        )

    def autosave(
        self, session_id: str | None, text: str, profile: str, backend: str, precedents: float
    ) -> tuple[str, Any]:
        """Every change: save the session's draft, then lint it."""
        draft = SessionDraft(session_id or "", text or "", profile, backend, int(precedents))
        if session_id:
            try:
                self.sessions.save(draft)
            except (ClausewrightError, OSError) as exc:
                log.error("draft not saved: %s", exc)
                gr.Warning(f"Your draft could not be saved: {exc}")
        diagnostics = self._doc(text, profile).lint()
        return render.lint_summary(diagnostics), gr.update(
            choices=render.diagnostic_choices(diagnostics), value=None
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
    ) -> Iterator[tuple[Any, ...]]:
        """Stream the assistant's answer; then offer its citations and proposals.

        Yields (chat history, message box, proposals, citation chips, proposal choices,
        clause viewer, status line).
        """
        history = list(history or [])
        if not (message or "").strip():
            yield history, "", gr.update(), gr.update(), gr.update(), gr.update(), gr.update()
            return
        history += [{"role": "user", "content": message}, {"role": "assistant", "content": "…"}]
        yield _step(history, WRITING)
        written, answer = "", None
        try:
            assistant = self.pool.get(backend).assistant
            for event in assistant.stream(message, text, profile_name(profile), int(precedents)):
                if isinstance(event, ChatToken):
                    written += event.text
                    history[-1] = {"role": "assistant", "content": written}
                    yield _step(history, WRITING)
                elif isinstance(event, ChatAnswer):
                    answer = event.answer
        except Exception as exc:  # the page reports any backend failure instead of hanging
            if not isinstance(exc, ClausewrightError):
                log.exception("the assistant failed on %r", message)
            history[-1] = {"role": "assistant", "content": f"⚠ The assistant failed: {exc}"}
            yield _step(history, "⚠ The assistant failed.")
            return
        history[-1] = {"role": "assistant", "content": answer.text if answer else written}
        citations = list(answer.citations) if answer else []
        proposals = list(answer.proposals) if answer else []
        status = f"{len(citations)} citation(s), {len(proposals)} proposed clause(s)."
        yield _step(history, status, proposals, citations)

    def show_citation(self, clause_id: str | None) -> str:
        """A citation chip was clicked: the clause, its resolution and source lines."""
        if not clause_id:
            return ""
        return render.clause_markdown(clause_id, self.pool.base.ranked.record(clause_id))

    def insert(self, choice: str | None, proposals: list[Any] | None, text: str, profile: str):
        """Insert the chosen proposal into its section of the draft and renumber."""
        proposals = proposals or []
        if choice is None or not str(choice).isdigit() or int(choice) >= len(proposals):
            gr.Warning("Choose a proposed clause first.")
            return text
        doc = self._doc(text, profile)
        doc.insert(proposals[int(choice)])
        return doc.text

    # -- lint results ------------------------------------------------------------------

    def jump(self, key: str | None, text: str) -> str:
        """A diagnostic was chosen: show its line (the page also selects it)."""
        return render.line_context(text or "", render.key_line(key))

    def apply_fix(self, key: str | None, text: str, profile: str) -> str:
        doc = self._doc(text, profile)
        match = [d for d in doc.lint() if render.diagnostic_key(d) == key]
        if not match:
            gr.Warning("Choose a problem in the list first.")
            return text
        if not match[0].fix:
            gr.Info("This problem has no automatic fix; edit the line by hand.")
            return text
        doc.apply_fix(match[0])
        return doc.text

    def fix_all(self, text: str, profile: str) -> str:
        doc = self._doc(text, profile)
        remaining = doc.fix_all()
        if remaining:
            gr.Info(f"{len(remaining)} problem(s) need a manual edit.")
        return doc.text

    def apply_header(self, text: str, *fields: str) -> str:
        """Write the header fields (code, committee, topic, sponsors, signatories)."""
        doc = self._doc(text, None)
        doc.set_header(DraftHeader(*[(f or "").strip() for f in fields]))
        return doc.text

    # -- export ------------------------------------------------------------------------

    def export_docx(self, session_id: str | None, text: str) -> str:
        doc = self._doc(text, None)
        res = doc.resolution()
        return str(to_docx(doc.text, res, self._export_path(session_id, res, ".docx")))

    def export_markdown(self, session_id: str | None, text: str) -> str:
        doc = self._doc(text, None)
        res = doc.resolution()
        path = self._export_path(session_id, res, ".md")
        path.write_text(to_markdown(doc.text, res), "utf-8")
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
        """Copy accepted uploads into the data directory, parse and index them."""
        accepted, rejected = self._accept(files or [])
        result = None
        if accepted:

            def report(path: str, n: int, total: int) -> None:
                if progress is not None:
                    progress(
                        (n - 1) / max(total, 1), desc=f"Parsing and indexing {Path(path).name}"
                    )

            result = self.pool.ingest(accepted, report)
        rows, warnings = self.corpus_view()
        return render.sync_markdown(result, rejected), rows, warnings

    def _accept(self, files: list[str]) -> tuple[list[str | Path], list[str]]:
        accepted: list[str | Path] = []
        rejected: list[str] = []
        folder = self.data_dir / "uploads"
        for file in files:
            path = Path(file)
            name = re.sub(r"[^\w.\- ]+", "_", path.name).lstrip(".") or "upload.txt"
            size_mb = path.stat().st_size / MB
            if path.suffix.lower() not in UPLOAD_TYPES:
                rejected.append(f"{name}: not accepted; upload {', '.join(UPLOAD_TYPES)} files.")
            elif size_mb > self.max_upload_mb:
                rejected.append(
                    f"{name}: {size_mb:.1f} MB is over the {self.max_upload_mb} MB upload limit."
                )
            else:
                folder.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, folder / name)
                accepted.append(folder / name)
        return accepted, rejected


def _step(
    history: list[dict[str, Any]],
    status: str,
    proposals: list[Any] | None = None,
    citations: list[Any] | None = None,
) -> tuple[Any, ...]:
    """One update of the chat outputs (the choices are empty while the answer is written)."""
    return (
        list(history),
        "",
        proposals or [],
        gr.update(choices=render.citation_choices(citations or []), value=None),
        gr.update(choices=render.proposal_choices(proposals or []), value=None),
        "",
        status,
    )
