"""The workspace's handlers with a fake backend: chat, insert, lint, fixes, export."""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.settings import Settings
from assistant.workspace import Workspace
from index.parsing.parser import Parser
from ui import render
from ui.callbacks import WorkspaceCallbacks
from ui.pool import WorkspacePool
from ui.session import Sessions

CLAUSE = "9. *Urges* Member States to protect witnesses of trafficking in persons;"
DRAFT = """Code: GA/3/9
Committee: General Assembly Third Committee
Topic: Trafficking in persons

The General Assembly,

*Alarmed by* the rates of trafficking,

1. *Urges* Member States to act;

2. *Calls upon* States to help victims:
a. by funding shelters;
b. by training police.
"""


def _settings(path):
    return Settings(data_dir=path, llm="fake", embeddings="hash", min_similarity=0.1)


@pytest.fixture(scope="module")
def cb(tmp_path_factory):
    data = tmp_path_factory.mktemp("ui")
    ws = Workspace(_settings(data), chat_model=FakeListChatModel(responses=[CLAUSE]))
    sessions = Sessions(data, backend="fake")
    return WorkspaceCallbacks(WorkspacePool(ws), sessions, max_upload_mb=1)


def _chat(cb, message, text=""):
    return list(cb.chat(message, [], text, "auto", "fake", 6))


def test_mention_question_cites_both_iom_resolutions(cb):
    steps = _chat(cb, "which drafts mention AVRR?")
    history, box, proposals, citations, choices, viewer, status = steps[-1]
    assert history[0] == {"role": "user", "content": "which drafts mention AVRR?"}
    assert "IOM/1/3" in history[-1]["content"] and "IOM/1/4" in history[-1]["content"]
    ids = [value for _label, value in citations["choices"]]
    assert "IOM/1/3 op 9" in ids and "IOM/1/4 op 8" in ids
    assert box == "" and proposals == [] and choices["choices"] == [] and viewer == ""
    assert status == "4 citation(s), 0 proposed clause(s)." and steps[0][-1] == "Writing…"
    shown = cb.show_citation("IOM/1/3 op 9")
    assert "Assisted Voluntary Return" in shown and "Source: `" in shown and "lines" in shown
    whole = cb.show_citation("IOM/1/4 op 8")  # a cited clause comes with its sub-clauses
    assert "> a. Constructing a comprehensive" in whole and "> b. Considering" in whole


def test_clause_request_streams_then_offers_the_proposal_for_insertion(cb):
    steps = _chat(cb, "propose an operative clause on witness protection", DRAFT)
    partial = [s[0][-1]["content"] for s in steps[1:-1]]
    assert len(partial) >= 2 and len(partial[0]) < len(partial[-1])  # streamed piecewise
    history, _box, proposals, _cites, choices, _viewer, _status = steps[-1]
    assert len(proposals) == 1 and choices["choices"][0][1] == "0"
    assert "protect witnesses" in history[-1]["content"]
    text = cb.insert("0", proposals, DRAFT, "auto")
    assert "3. *Urges* Member States to protect witnesses of trafficking in persons." in text
    assert "2. *Calls upon* States to help victims:" in text
    summary = cb.autosave(None, text, "auto", "fake", 6)[0]
    assert summary == render.CLEAN


def test_insert_without_a_choice_keeps_the_draft(cb):
    with pytest.warns(UserWarning, match="Choose a proposed clause"):
        assert cb.insert(None, [], DRAFT, "auto") == DRAFT


def test_diagnostics_jump_and_one_click_fix(cb):
    broken = DRAFT.replace("*Alarmed by*", "Alarmed by").replace("2. *Calls", "4. *Calls")
    summary, diags = cb.autosave(None, broken, "auto", "fake", 6)[:2]
    assert "problem(s)" in summary
    keys = [value for _label, value in diags["choices"]]
    italic = next(k for k in keys if k.startswith("7:"))
    assert "→   7 | Alarmed by the rates" in cb.jump(italic, broken)
    fixed = cb.apply_fix(italic, broken, "auto")
    assert "*Alarmed by* the rates" in fixed and "4. *Calls upon*" in fixed
    assert cb.fix_all(fixed, "auto") == DRAFT
    assert cb.autosave(None, DRAFT, "auto", "fake", 6)[0] == render.CLEAN


def test_apply_header_writes_the_fields(cb):
    text = cb.apply_header(DRAFT, "GA/3/10", "Third Committee", "Migration", "Chad", "")
    assert text.startswith("Code: GA/3/10\nCommittee: Third Committee\nTopic: Migration\n")
    assert "Sponsors: Chad\n\nThe General Assembly," in text and "GA/3/9" not in text


def test_export_docx_reads_back_to_the_same_clauses(cb):
    path = cb.export_docx("session-aaaaaaaaaaaaaaaa", DRAFT)
    assert path.endswith("GA-3-9.docx")
    parser = Parser()
    back = parser.parse_file(path)[0]
    draft = parser.parse_text(DRAFT, "<draft>")[0]
    assert back.symbol == "GA/3/9"
    assert [(c.id, c.text) for c in back.clauses()] == [(c.id, c.text) for c in draft.clauses()]
    md = Path(cb.export_markdown("session-aaaaaaaaaaaaaaaa", DRAFT)).read_text("utf-8")
    assert "2. *Calls upon* States to help victims:\n    a. by funding shelters;" in md
    pdf = cb.export_pdf("session-aaaaaaaaaaaaaaaa", DRAFT)
    assert pdf.endswith("GA-3-9.pdf")
    assert [c.text for c in parser.parse_file(pdf)[0].clauses()] == [
        c.text for c in draft.clauses()
    ]


def test_sessions_restore_their_own_draft_only(cb):
    first = cb.load(None)
    second = cb.load(None)
    assert first[0] != second[0] and first[1] == second[1]  # two new, blank sessions
    cb.autosave(first[0], DRAFT, "un", "fake", 4)
    again = cb.load(first[0])
    assert again[1] == DRAFT and again[2:5] == (
        "GA/3/9",
        "General Assembly Third Committee",
        "Trafficking in persons",
    )
    assert again[7:10] == ("un", "fake", 4)
    assert again[10:12] == ([], [])  # no conversation yet
    assert cb.load(second[0])[1] != DRAFT
    assert cb.load("../../etc/passwd")[1] != DRAFT  # a bad ID gets a new session


def test_the_conversation_and_its_proposals_survive_a_reload(cb):
    session = cb.load(None)[0]
    for message in (
        "propose an operative clause on witness protection",
        "which drafts mention AVRR?",
    ):
        steps = list(cb.chat(message, [], DRAFT, "auto", "fake", 6, session))
    proposals, choices = steps[-1][2], steps[-1][4]
    assert len(proposals) == 1 and choices["value"] == "0"  # kept after the search
    follow = list(cb.chat("and in the preamble?", [], DRAFT, "auto", "fake", 6, session))[-1]
    assert "No clause in the preamble mentions 'AVRR'" in follow[0][-1]["content"]
    cb.insert("0", proposals, DRAFT, "auto", session)
    restored = cb.load(session)
    history, kept, marked = restored[10], restored[11], restored[12]
    assert [m["role"] for m in history] == ["user", "assistant"] * 3
    assert history[0]["content"] == "propose an operative clause on witness protection"
    assert [p.text for p in kept] == [p.text for p in proposals]
    assert marked["choices"][0][0].startswith("[inserted] ")


def test_backend_failure_is_reported_in_the_chat(tmp_path):
    class Broken(FakeListChatModel):
        def _call(self, *args, **kwargs):
            raise ConnectionError("connection refused")

        def _stream(self, *args, **kwargs):
            raise ConnectionError("connection refused")

    ws = Workspace(_settings(tmp_path), chat_model=Broken(responses=["x"]))
    cb = WorkspaceCallbacks(WorkspacePool(ws), Sessions(tmp_path), 1)
    history = _chat(cb, "propose an operative clause on shelters")[-1][0]
    assert history[-1]["content"].startswith("⚠ The assistant failed:")
    assert "connection refused" in history[-1]["content"]


def test_upload_indexes_accepted_files_and_rejects_others(tmp_path):
    ws = Workspace(_settings(tmp_path / "data"))
    cb = WorkspaceCallbacks(WorkspacePool(ws), Sessions(tmp_path / "data"), 1)
    good = tmp_path / "new.txt"
    good.write_text(DRAFT.replace("GA/3/9", "GA/3/77"), "utf-8")
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 1_600_000)
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ")
    seen = []
    status, rows, warnings = cb.upload(
        [str(good), str(big), str(exe)], lambda frac, desc: seen.append(desc)
    )
    assert "Added: GA/3/77." in status
    assert "big.txt: 1.5 MB is over the 1 MB upload limit." in status
    assert "tool.exe: not accepted" in status
    assert any("new.txt" in d for d in seen)
    assert "GA/3/77" in [row[0] for row in rows] and "IOM/1/4" in [row[0] for row in rows]
    # kept by content hash, never by name: <data>/uploads/<sha256>/new.txt
    assert [p.name for p in (tmp_path / "data" / "uploads").glob("*/new.txt")] == ["new.txt"]
    assert not (tmp_path / "data" / "uploads" / "big.txt").exists()
    assert "parse warning" in warnings
