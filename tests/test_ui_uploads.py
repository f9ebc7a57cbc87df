"""Uploads through the workspace: kept by content hash, never replacing what is indexed,
bad files refused in one line, one size limit, inputs checked, and an upload never
holding up the chat (fast tier: fake model, hash embeddings; a served app for the API)."""

from __future__ import annotations

import re
import shutil
import socket
import threading
from pathlib import Path

import gradio as gr
import pytest
from gradio.utils import _parse_file_size
from gradio_client import Client, handle_file

from assistant.settings import ServeSettings, Settings
from assistant.workspace import Workspace
from index.store.clause_store import SyncResult
from ui import render
from ui.app import build_app, launch_options
from ui.callbacks import WorkspaceCallbacks
from ui.pool import WorkspacePool
from ui.session import Sessions

ROOT = Path(__file__).resolve().parents[1]
MIB = 1024 * 1024  # how Gradio counts max_file_size="20mb"


def resolution(symbol: str, verb: str = "Urges") -> str:
    return (
        f"Code: {symbol}\nTopic: Uploads\n\nThe General Assembly,\n\n"
        f"*Recalling* its earlier work,\n\n1. *{verb}* States to act on uploads.\n"
    )


def _settings(data: Path) -> Settings:
    return Settings(data_dir=data, llm="fake", embeddings="hash", min_similarity=0.1)


@pytest.fixture()
def cb(tmp_path):
    data = tmp_path / "data"
    return WorkspaceCallbacks(WorkspacePool(Workspace(_settings(data))), Sessions(data), 20)


def _file(tmp_path: Path, relative: str, content: str | bytes) -> str:
    path = tmp_path / "picked" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, "utf-8")
    return str(path)


def _manifest(cb) -> dict:
    return {s: (e.source, e.res_hash) for s, e in cb.pool.base.store.manifest().items()}


def _kept(cb) -> list[str]:
    folder = cb.data_dir / "uploads"
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


# -- bug 1: same name, same file, same symbol ------------------------------------------


def test_two_files_of_the_same_name_are_both_kept_and_indexed(cb, tmp_path):
    first = cb.upload([_file(tmp_path, "a/good.txt", resolution("UPL/1/1"))])[0]
    second, rows, _ = cb.upload([_file(tmp_path, "b/good.txt", resolution("UPL/2/2"))])
    assert first == "Added: UPL/1/1." and second == "Added: UPL/2/2."
    symbols = [row[0] for row in rows]
    assert "UPL/1/1" in symbols and "UPL/2/2" in symbols  # the first one is still there
    assert {"UPL/1/1", "UPL/2/2"} <= set(_manifest(cb))
    kept = _kept(cb)
    assert len(kept) == 2 and all(re.fullmatch(r"[0-9a-f]{64}/good\.txt", k) for k in kept)
    assert [row[-1] for row in rows if row[0].startswith("UPL/")] == ["good.txt", "good.txt"]


def test_the_same_file_again_is_a_no_op_that_says_so(cb, tmp_path):
    text = resolution("UPL/1/1")
    cb.upload([_file(tmp_path, "a/good.txt", text)])
    before, kept = _manifest(cb), _kept(cb)
    again = cb.upload([_file(tmp_path, "b/good.txt", text)])[0]
    renamed = cb.upload([_file(tmp_path, "c/copy.txt", text)])[0]
    for status, name in ((again, "good.txt"), (renamed, "copy.txt")):
        assert status == (
            f"ℹ {name}: already in the corpus (UPL/1/1, from good.txt, uploaded earlier);"
            " nothing to do."
        )
    twice = cb.upload([_file(tmp_path, "d/new.txt", resolution("UPL/3/3"))] * 2)[0]
    assert twice.startswith("Added: UPL/3/3.") and "same file as new.txt" in twice
    assert _manifest(cb) == {**before, "UPL/3/3": _manifest(cb)["UPL/3/3"]}
    assert len(_kept(cb)) == len(kept) + 1


def test_a_different_file_never_replaces_an_indexed_resolution(cb, tmp_path):
    cb.upload([_file(tmp_path, "a/good.txt", resolution("UPL/1/1"))])
    before, kept = _manifest(cb), _kept(cb)
    changed = _file(tmp_path, "b/good.txt", resolution("UPL/1/1", verb="Requests"))
    status = cb.upload([changed])[0]
    assert status == (
        "✗ good.txt: not added: it would replace UPL/1/1 (indexed from good.txt, uploaded"
        " earlier); an upload never replaces an indexed resolution: remove it first"
        " (`clausewright index remove UPL/1/1`), then upload again."
    )
    seed = cb.upload([_file(tmp_path, "c/iom.txt", resolution("IOM/1/4"))])[0]
    assert "it would replace IOM/1/4 (indexed from the corpus file 0" in seed
    assert _manifest(cb) == before and _kept(cb) == kept
    record = cb.pool.base.ranked.record("UPL/1/1 op 1")
    assert record is not None and "Urges" in record[0]


def test_two_files_of_one_upload_with_the_same_symbol_add_it_once(cb, tmp_path):
    files = [
        _file(tmp_path, "a/one.txt", resolution("UPL/4/4")),
        _file(tmp_path, "b/two.txt", resolution("UPL/4/4", verb="Requests")),
    ]
    status = cb.upload(files)[0]
    assert status.startswith("Added: UPL/4/4.")
    assert status.endswith(
        "✗ two.txt: not added: UPL/4/4 is also in one.txt, in this upload; upload one of them."
    )
    assert len(_kept(cb)) == 1


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("empty.txt", b"", "empty.txt: file is empty"),
        ("blank.md", b"\n  \n", "blank.md:1: file has no text"),
        ("binary.txt", bytes(range(256)) * 4, "binary.txt:1: binary data"),
        ("scan.pdf", b"\x00\x01 not a pdf", "scan.pdf: not a readable PDF"),
        ("letter.docx", b"PK\x03\x04 not a docx", "letter.docx: not a readable .docx"),
        ("notes.md", b"Hello,\nsee you at lunch.\n", "notes.md:1: no recognisable resolution"),
    ],
)
def test_a_bad_file_gets_one_line_naming_it_and_nothing_is_lost(cb, tmp_path, name, content, says):
    cb.upload([_file(tmp_path, "a/good.txt", resolution("UPL/1/1"))])
    before, kept = _manifest(cb), _kept(cb)
    status, rows, _ = cb.upload([_file(tmp_path, f"b/{name}", content)])
    assert status.startswith(f"✗ {says}"), status
    assert "\n" not in status and str(tmp_path) not in status
    assert _manifest(cb) == before and _kept(cb) == kept  # and no copy of the bad file
    assert "UPL/1/1" in [row[0] for row in rows]


def test_progress_names_each_step_of_a_long_upload(cb, tmp_path):
    seen: list[tuple[float, str]] = []
    files = [_file(tmp_path, f"{n}/r{n}.txt", resolution(f"UPL/5/{n}")) for n in (1, 2)]
    cb.upload(files, lambda share, desc: seen.append((share, desc)))
    descs = [d for _share, d in seen]
    assert descs[:2] == ["Checking r1.txt", "Checking r2.txt"]
    assert descs[2:] == [
        "Indexing r1.txt (1 of 2; 4 clauses)",
        "Indexing r2.txt (2 of 2; 4 clauses)",
    ]
    shares = [s for s, _d in seen]
    assert shares == sorted(shares) and shares[0] >= 0 and shares[-1] < 1


def test_every_removal_is_named_in_the_status():
    result = SyncResult(added=["X/2"], removed=["X/1"])
    assert render.sync_markdown(result, []) == "Added: X/2.\n\nRemoved from the corpus: X/1."


# -- bug 4: one size limit, worded as the README words it ------------------------------


def test_the_upload_limit_is_the_readme_figure_everywhere(cb, tmp_path):
    readme = (ROOT / "README.md").read_text("utf-8")
    figure = int(re.search(r"`serve\.max_upload_mb` \(default (\d+)\)", readme).group(1))
    assert ServeSettings().max_upload_mb == figure  # cb was built with 20
    limit = figure * MIB
    gradio_bytes = _parse_file_size(launch_options(ServeSettings(), tmp_path)["max_file_size"])
    assert gradio_bytes == limit  # Gradio (in the browser and the API) and the page agree
    app = build_app(cb.pool, cb.sessions, figure)
    texts = [c.get("props", {}).get("value") for c in app.config["components"]]
    assert any(f"up to {figure} MB each" in str(t) for t in texts)

    size = Path(_file(tmp_path, "big.txt", b""))
    for over, says in (
        (limit + 1, f"{limit + 1:,} bytes"),  # not "20.0 MB is over the 20 MB limit"
        (limit + MIB, f"{figure + 1}.0 MB"),
    ):
        with open(size, "r+b") as fh:
            fh.truncate(over)
        status = cb.upload([str(size)])[0]
        assert status == f"✗ big.txt: {says} is over the {figure} MB upload limit."
    with open(size, "r+b") as fh:
        fh.truncate(limit)  # at the limit is within it (and then refused as binary)
    status = cb.upload([str(size)])[0]
    assert "limit" not in status and status.startswith("✗ big.txt:1: binary data")


# -- bug 3: inputs are checked -----------------------------------------------------------

DRAFT = resolution("GA/3/9")
BAD_CALLS = [
    ("load", (123,), "session_id: expected the session ID"),
    ("autosave", (123, DRAFT, "auto", "fake", 6), "session_id: expected the session ID"),
    ("autosave", (None, ["x"], "auto", "fake", 6), "text: expected text; got a list."),
    ("autosave", (None, DRAFT, "xx", "fake", 6), "profile: expected one of auto, un"),
    ("autosave", (None, DRAFT, "auto", "gpt-9", 6), "backend: expected one of embedded"),
    ("autosave", (None, DRAFT, "auto", "fake", "6"), "precedents: expected a whole number"),
    ("autosave", (None, DRAFT, "auto", "fake", 0), "precedents: expected a whole number"),
    ("autosave", (None, "x" * 1_000_001, "auto", "fake", 6), "text: 1,000,001 characters"),
    ("show_citation", ({"id": 1},), "clause_id: expected one of the offered choices"),
    ("insert", (0, [], DRAFT, "auto"), "choice: expected one of the offered choices"),
    ("insert", ("0", "nope", DRAFT, "auto"), "proposals: expected a list"),
    ("jump", ("7:1:CW401", 7), "text: expected text; got a number (7)."),
    ("apply_fix", (None, DRAFT, 1.5), "profile: expected one of"),
    ("fix_all", (None, "auto"), None),  # an empty draft: "nothing to fix", not an error
    ("apply_header", (DRAFT, "GA/3/1", 5, "", "", ""), "committee: expected text"),
    ("apply_header", (DRAFT, "GA/3/1"), "header: expected 5 fields"),
    ("export_docx", (123, DRAFT), "session_id: expected the session ID"),
    ("export_markdown", ([], DRAFT), "session_id: expected the session ID"),
    ("upload", ("file.txt",), "files: expected a list of uploaded files"),
    ("upload", ([1, 2],), "files: expected a list of uploaded files"),
]


@pytest.mark.parametrize(("handler", "args", "says"), BAD_CALLS)
def test_a_bad_input_gets_a_clear_error_naming_its_field(cb, handler, args, says):
    call = getattr(cb, handler)
    if says is None:  # a null text is an empty draft
        assert call(*args) is not None
        return
    with pytest.raises(gr.Error) as err:
        call(*args)
    assert err.value.message.startswith(says), err.value.message
    assert err.value.print_exception is False


def test_a_bad_chat_input_gets_a_clear_error(cb):
    with pytest.raises(gr.Error, match="history: expected the chat so far"):
        list(cb.chat("hello", "not a list", DRAFT, "auto", "fake", 6))
    with pytest.raises(gr.Error, match="message: expected text; got an object"):
        list(cb.chat({"text": "hi"}, [], DRAFT, "auto", "fake", 6))


# -- bug 2 and the served API: groups, concurrency, errors -------------------------------


class GatedPool(WorkspacePool):
    """A pool whose ingest waits at a gate the test opens (open unless closed)."""

    def __init__(self, base: Workspace) -> None:
        super().__init__(base)
        self.gate = threading.Event()
        self.gate.set()
        self.entered = threading.Event()

    def ingest(self, paths, progress=None):
        self.entered.set()
        if not self.gate.wait(120):
            raise TimeoutError("the test never opened the gate")
        return super().ingest(paths, progress)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    data = tmp_path_factory.mktemp("served") / "data"
    pool = GatedPool(Workspace(_settings(data)))
    _ = pool.base.ranked, pool.base.mentions, pool.base.assistant  # ready before requests
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = build_app(pool, Sessions(data, backend="fake"), 20)
    app.queue().launch(
        prevent_thread_lock=True, quiet=True, **launch_options(ServeSettings(port=port), data)
    )
    yield app, pool, f"http://127.0.0.1:{port}/"
    pool.gate.set()
    app.close()


def test_uploads_and_chat_are_in_different_concurrency_groups(served):
    app, _pool, _url = served
    groups: dict[str, set] = {}
    for fn in app.fns.values():
        groups.setdefault(fn.name, set()).add(fn.concurrency_id)
    assert groups["chat"] and groups["upload"]
    assert groups["chat"].isdisjoint(groups["upload"])
    others = {cid for name, ids in groups.items() if name != "upload" for cid in ids}
    assert others.isdisjoint(groups["upload"])


def test_a_question_is_answered_while_an_upload_is_indexing(served, tmp_path):
    _app, pool, url = served
    uploader, asker = Client(url, verbose=False), Client(url, verbose=False)
    pool.gate.clear()
    pool.entered.clear()
    try:
        upload = uploader.submit(
            [handle_file(_file(tmp_path, "long.txt", resolution("UPL/7/7")))], api_name="/upload"
        )
        assert pool.entered.wait(60), "the upload never reached the ingest"
        question = asker.submit(
            "which drafts mention AVRR?", [], DRAFT, "auto", "fake", 6, api_name="/chat"
        )
        answer = question.result(timeout=60)  # on one shared group: waits for the gate
        assert not upload.done()  # the upload was still indexing when the answer came
    finally:
        pool.gate.set()
    history = answer[0]
    assert "IOM/1/3" in str(history[-1]) and "IOM/1/4" in str(history[-1])
    assert upload.result(timeout=60)[0] == "Added: UPL/7/7."


def test_two_sessions_uploading_at_once_both_succeed(served, tmp_path):
    _app, pool, url = served
    pool.gate.clear()
    files = [_file(tmp_path, f"{n}/same-name.txt", resolution(f"UPL/8/{n}")) for n in (1, 2)]
    jobs = [Client(url, verbose=False).submit([handle_file(f)], api_name="/upload") for f in files]
    pool.gate.set()
    statuses = [job.result(timeout=120)[0] for job in jobs]
    assert sorted(statuses) == ["Added: UPL/8/1.", "Added: UPL/8/2."]
    assert {"UPL/8/1", "UPL/8/2"} <= set(pool.base.store.manifest())


def test_the_api_answers_a_bad_session_id_with_a_clear_error_and_no_traceback(served, capfd):
    _app, _pool, url = served
    client = Client(url, verbose=False)
    with pytest.raises(Exception, match="session_id: expected the session ID") as err:
        client.predict(123, api_name="/load")
    assert "AppError" in type(err.value).__name__ or "Error" in type(err.value).__name__
    assert client.predict(None, DRAFT, "auto", "fake", 6, api_name="/autosave")[0]
    assert "Traceback" not in capfd.readouterr().err


def test_the_served_upload_keeps_a_copy_per_content(served, tmp_path):
    _app, pool, url = served
    client = Client(url, verbose=False)
    first = _file(tmp_path, "a/dup.txt", resolution("UPL/9/9"))
    assert client.predict([handle_file(first)], api_name="/upload")[0] == "Added: UPL/9/9."
    again = shutil.copy(first, tmp_path / "dup.txt")
    status = client.predict([handle_file(str(again))], api_name="/upload")[0]
    assert status.startswith("ℹ dup.txt: already in the corpus (UPL/9/9")
    uploads = Path(pool.base.settings.data_dir) / "uploads"
    assert len(list(uploads.glob("*/dup.txt"))) == 1
