"""The store keeps what it was given: one writer at a time, readers that follow its
commits, one bad file reported and the rest indexed, files read with their encoding,
rebuild and status over every file it knows, damage found and repaired (fast tier: hash
embeddings, one process; tests/test_reliability_concurrency.py runs real processes)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from assistant.cli import main
from assistant.settings import Settings, StoreSettings, load_settings
from assistant.workspace import Workspace
from index.embedding.hashed import HashEmbedder
from index.parsing.parser import Parser, default_corpus_dir
from index.store.clause_store import ClauseStore
from index.store.records import resolution_hash, units_of

SEEDS = default_corpus_dir()
ZANZIBAR = (
    "Code: X/1/1\n\nThe Council,\n\n*Recalling* the Zanzibar accords,\n\n"
    "1. *Decides* to remain seized of the matter.\n"
)


def resolution(symbol: str, words: str) -> str:
    return (
        f"Code: {symbol}\n\nThe Council,\n\n*Recalling* the {words},\n\n"
        "1. *Decides* to remain seized of the matter.\n"
    )


def indexed(capsys=None) -> dict:
    if capsys is not None:
        capsys.readouterr()
    return Workspace(load_settings()).store.manifest()


# -- 1. one writer at a time ------------------------------------------------------------------


def test_a_second_writer_waits_says_who_writes_and_gives_up_readers_go_on(
    tmp_path, data_dir, capsys, monkeypatch, caplog
):
    from index.store.writer_lock import WriterLock

    assert main(["ingest"]) == 0
    new = tmp_path / "new.txt"
    new.write_text(ZANZIBAR, "utf-8")
    monkeypatch.setenv("CLAUSEWRIGHT_STORE__LOCK_TIMEOUT_S", "0.5")
    capsys.readouterr()
    with WriterLock(data_dir / "chroma.lock").hold():  # another writer, busy
        assert main(["ingest", str(new)]) == 2
        busy = capsys.readouterr().err
        assert main(["search", "financial literacy programs", "-k", "1"]) == 0  # not blocked
        assert "IOM/1/1" in capsys.readouterr().out
    assert f"being written by pid {os.getpid()}" in busy and "since 20" in busy
    assert "gave up after waiting" in busy and "lock_timeout_s" in busy
    assert caplog.text.count("waiting up to") == 1  # said once, while waiting
    assert main(["ingest", str(new)]) == 0
    assert "X/1/1" in indexed(capsys)


def test_the_lock_is_reentrant_and_excludes_other_threads(tmp_path):
    import threading

    from index.errors import StoreBusyError
    from index.store.writer_lock import WriterLock

    lock = WriterLock(tmp_path / "x.lock", timeout_s=0.3)
    results = []
    with lock.hold(), lock.hold():  # the same thread again: no deadlock
        thread = threading.Thread(target=lambda: results.append(_try(lock, StoreBusyError)))
        thread.start()
        thread.join()
    assert results == ["busy"]
    assert _try(lock, StoreBusyError) == "held"
    assert (tmp_path / "x.lock").read_text() == ""  # let go cleanly: nothing to repair


def _try(lock, busy_error) -> str:
    try:
        with lock.hold():
            return "held"
    except busy_error:
        return "busy"


# -- 2. a long-lived workspace follows what others commit --------------------------------------


def test_a_running_workspace_sees_what_another_one_committed(tmp_path):
    settings = Settings(
        data_dir=tmp_path / "data", llm="fake", embeddings="hash", store=StoreSettings(refresh_s=0)
    )
    server = Workspace(settings)  # as the web server holds one
    assert server.mentions.search("Zanzibar").total == 0
    assert server.ranked.hybrid("Zanzibar accords", 1)[0].clause_id != "X/1/1 pre 1"
    drafting = server.for_backend("fake")  # a workspace sharing the server's searches
    assert drafting.ranked is server.ranked

    (tmp_path / "new.txt").write_text(ZANZIBAR, "utf-8")
    writer = Workspace(settings)  # e.g. `clausewright ingest` at the same time
    assert writer.ingest([tmp_path / "new.txt"]).added == ["X/1/1"]

    assert server.ranked.hybrid("Zanzibar accords", 1)[0].clause_id == "X/1/1 pre 1"
    assert server.mentions.search("Zanzibar").total == 1
    assert "X/1/1" in {r.symbol for r in server.corpus.resolutions}
    assert drafting.ranked is server.ranked  # still shared, not built twice


def test_a_workspace_looks_for_commits_no_more_often_than_refresh_s(tmp_path, monkeypatch):
    looks = []

    def generation(self):
        looks.append(1)
        return "1"

    for refresh_s, expected in ((3600, 0), (0, 20)):
        settings = Settings(
            data_dir=tmp_path / "data", embeddings="hash", store=StoreSettings(refresh_s=refresh_s)
        )
        server = Workspace(settings)
        before = server.ranked
        looks.clear()
        with monkeypatch.context() as patched:
            patched.setattr(ClauseStore, "generation", generation)
            for _ in range(20):
                server.ranked  # noqa: B018 - each use may look
        assert len(looks) >= expected if expected else not looks
        assert (server.ranked is before) == (expected == 0)


# -- 3. one bad file is reported, the others indexed -------------------------------------------


def test_ingest_reports_each_bad_path_once_and_indexes_the_rest(tmp_path, data_dir, capsys):
    good = tmp_path / "good.txt"
    good.write_text(ZANZIBAR, "utf-8")
    missing = tmp_path / "missing.txt"
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "gone.txt")
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    code = main(["ingest", str(good), str(missing), str(dangling), str(loop)])
    captured = capsys.readouterr()
    assert code == 1
    errors = [line for line in captured.err.splitlines() if line.startswith("error:")]
    assert len(errors) == 3 and "Traceback" not in captured.err
    for path, why in (
        (missing, "no such file"),
        (dangling, "broken symbolic link"),
        (loop, "loop"),
    ):
        [line] = [e for e in errors if f"{path}:" in e]
        assert why in line
    assert "index: 1 added" in captured.out
    assert "X/1/1" in indexed()


def test_errors_of_the_indexing_step_are_printed_and_fail_the_run(
    tmp_path, data_dir, capsys, monkeypatch
):
    from index.errors import InputError
    from index.store.clause_store import SyncResult

    good = tmp_path / "good.txt"
    good.write_text(ZANZIBAR, "utf-8")
    failure = InputError(tmp_path / "x.txt", "went away while it was read")
    real_sync = ClauseStore.sync

    def sync(self, paths, *args, **kwargs):
        result = real_sync(self, paths, *args, **kwargs)
        return SyncResult(added=result.added, errors=[failure])

    monkeypatch.setattr(ClauseStore, "sync", sync)
    assert main(["ingest", str(good)]) == 1
    assert f"error: {tmp_path / 'x.txt'}: went away while it was read" in capsys.readouterr().err


# -- 4. encodings -----------------------------------------------------------------------------


def test_ingest_with_an_encoding_indexes_the_file_and_remembers_the_encoding(
    tmp_path, data_dir, capsys
):
    latin = tmp_path / "latin.txt"
    latin.write_bytes(resolution("LAT/1/1", "résumé of the Café accords").encode("latin-1"))
    assert main(["ingest"]) == 0
    assert main(["ingest", "--encoding", "latin-1", str(latin)]) == 0
    out = capsys.readouterr().out
    assert "1 resolution(s)" in out and "index: 1 added" in out
    assert main(["index", "status"]) == 0
    assert main(["ingest"]) == 0  # every known file again, this one as latin-1
    assert "0 added, 0 replaced, 0 removed" in capsys.readouterr().out
    assert main(["index", "rebuild"]) == 0
    assert "LAT/1/1" in indexed(capsys)
    assert main(["mentions", "Café accords", "--json"]) == 0  # the corpus is read as latin-1
    assert "LAT/1/1 pre 1" in capsys.readouterr().out


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path, data_dir, capsys, codec):
    path = tmp_path / "wide.txt"
    path.write_bytes(resolution("U16/1/1", "résumé of the Zanzibar accords").encode(codec))
    assert main(["ingest", str(path)]) == 0
    captured = capsys.readouterr()
    assert "index: 1 added" in captured.out and "binary" not in captured.err
    assert main(["parse", str(path), "--json"]) == 0
    assert "résumé of the Zanzibar accords" in capsys.readouterr().out


def test_binary_data_is_still_refused(tmp_path):
    from index.errors import InputError
    from index.files import utf16_without_bom
    from index.parsing.parser import Parser
    from index.store.source_reading import read_resolutions

    assert utf16_without_bom(b"\x00\x01") is None
    assert utf16_without_bom(bytes(range(256)) * 4) is None
    assert utf16_without_bom("Recalling its resolution".encode("utf-16-le")) == "utf-16-le"
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError, match=r"blob\.txt:1: binary data"):
        read_resolutions(Parser(), path)


# -- 5 and 6. rebuild and status: every file the store knows -------------------------------------


def test_rebuild_keeps_files_ingested_by_path_and_uploads(tmp_path, data_dir, capsys):
    extra = tmp_path / "extra.txt"
    extra.write_text(resolution("X/1/1", "Zanzibar accords"), "utf-8")
    upload = data_dir / "uploads" / "0123abcd" / "upload.txt"
    upload.parent.mkdir(parents=True)
    upload.write_text(resolution("U/1/1", "uploaded accords"), "utf-8")
    assert main(["ingest"]) == 0
    assert main(["ingest", str(extra), str(upload)]) == 0
    before = indexed(capsys)
    assert len(before) == 7
    assert main(["index", "rebuild"]) == 0
    assert "indexed 7 resolution(s)" in capsys.readouterr().out
    assert indexed() == before
    extra.unlink()
    assert main(["index", "rebuild"]) == 1
    captured = capsys.readouterr()
    assert f"{extra}: no longer exists" in captured.err and "kept 1" in captured.out
    assert set(indexed()) == set(before)  # kept, not silently dropped
    assert main(["search", "Zanzibar accords", "-k", "1"]) == 0
    assert "X/1/1 pre 1" in capsys.readouterr().out


def test_status_sees_an_edit_to_a_file_ingested_by_path(tmp_path, data_dir, capsys):
    extra = tmp_path / "extra.txt"
    extra.write_text(resolution("X/1/1", "Zanzibar accords"), "utf-8")
    assert main(["ingest"]) == 0
    assert main(["ingest", str(extra)]) == 0
    assert main(["index", "status"]) == 0
    extra.write_text(resolution("X/1/1", "Pemba accords"), "utf-8")
    capsys.readouterr()
    assert main(["index", "status"]) == 1
    assert f"changed: {extra.resolve()}" in capsys.readouterr().out
    assert main(["ingest"]) == 0  # the known files again: this one is replaced
    assert "1 replaced" in capsys.readouterr().out
    assert main(["index", "status"]) == 0


# -- 7. output cut short ------------------------------------------------------------------------


def test_output_cut_short_by_its_reader_ends_quietly(tmp_path):
    env = {**os.environ, "CLAUSEWRIGHT_DATA_DIR": str(tmp_path), "CLAUSEWRIGHT_EMBEDDINGS": "hash"}
    command = [sys.executable, "-m", "assistant", "parse", str(SEEDS / "000_573e74ea5cfc3ccf.txt")]
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=Path.cwd()
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like `| head` that has seen enough
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141
    assert "Traceback" not in err and "BrokenPipe" not in err


# -- check and repair ---------------------------------------------------------------------------


def open_store(data_dir: Path) -> ClauseStore:
    emb = HashEmbedder()
    return ClauseStore.open_local(data_dir / "chroma", emb, emb.model_id)


def leave_an_interrupted_write(data_dir: Path) -> int:
    """What a write killed between writing units and committing them leaves."""
    store = open_store(data_dir)
    [res] = Parser().parse_file(SEEDS / "001_8a08a27f7d9bd727.txt")
    res.operative[0].text = "Designates something else entirely;"
    store._mark_dirty(True)
    units = units_of(res, resolution_hash(res))
    store.write_units(units)
    return len(units)


def test_check_finds_an_interrupted_write_and_repairs_it(data_dir, capsys):
    assert main(["ingest"]) == 0
    before = indexed(capsys)
    leave_an_interrupted_write(data_dir)
    assert main(["index", "check"]) == 1
    out = capsys.readouterr().out
    assert "interrupted:" in out and "left-overs:" in out and "--repair" in out
    assert main(["index", "check", "--repair"]) == 0
    out = capsys.readouterr().out
    assert "repaired interrupted" in out and "the store is consistent" in out
    assert main(["index", "check"]) == 0
    assert indexed(capsys) == before


def test_a_killed_writer_is_repaired_when_the_store_is_next_opened(data_dir, capsys):
    assert main(["ingest"]) == 0
    left = leave_an_interrupted_write(data_dir)
    killed = {"pid": 999999, "host": socket.gethostname(), "command": "clausewright ingest"}
    (data_dir / "chroma.lock").write_text(json.dumps({**killed, "since": time.time()}))
    capsys.readouterr()
    assert main(["index", "check"]) == 0
    out = capsys.readouterr().out
    assert "a write by pid 999999 (clausewright ingest)" in out and "did not finish" in out
    assert len(open_store(data_dir).units.get()["ids"]) == 297  # the left-overs are gone
    assert left > 0


def damage_the_vectors(chroma_dir: Path, dim: int) -> None:
    """What two Chroma clients writing one folder do to it (as two ingests at once did):
    the second writes from a view that misses the first one's records."""
    import chromadb
    from chromadb.api.shared_system_client import SharedSystemClient
    from chromadb.config import Settings as ChromaSettings

    def client():
        SharedSystemClient._identifier_to_system.pop(str(chroma_dir), None)
        SharedSystemClient._identifier_to_refcount.pop(str(chroma_dir), None)
        return chromadb.PersistentClient(
            path=str(chroma_dir), settings=ChromaSettings(anonymized_telemetry=False)
        )

    rng = np.random.default_rng(7)
    meta = {"symbol": "junk", "res_hash": "x"}
    first = client().get_collection("clauses")
    first.get(include=["embeddings"], limit=5)
    for n, writer in enumerate((client().get_collection("clauses"), first)):
        ids = [f"junk{n}-{i}" for i in range(1001)]
        writer.add(ids=ids, embeddings=rng.random((1001, dim)), metadatas=[meta] * 1001)
    SharedSystemClient._identifier_to_system.pop(str(chroma_dir), None)
    SharedSystemClient._identifier_to_refcount.pop(str(chroma_dir), None)


@pytest.mark.parametrize("published", [True, False], ids=["snapshot", "store-of-an-older-version"])
def test_check_finds_lost_vectors_and_repair_rebuilds_keeping_everything(
    tmp_path, data_dir, capsys, published
):
    import shutil

    extra = tmp_path / "extra.txt"
    extra.write_text(resolution("X/1/1", "Zanzibar accords"), "utf-8")
    assert main(["ingest"]) == 0
    assert main(["ingest", str(extra)]) == 0
    before = indexed(capsys)
    damage_the_vectors(data_dir / "chroma", HashEmbedder().dim)
    if not published:
        shutil.rmtree(data_dir / "chroma.snapshot")
    assert main(["index", "check"]) == 1
    assert "vectors: " in capsys.readouterr().out
    assert main(["index", "check", "--repair"]) == 0
    assert "repaired vectors" in capsys.readouterr().out
    assert main(["index", "check"]) == 0
    assert indexed(capsys) == before
    assert main(["search", "Zanzibar accords", "-k", "1"]) == 0
    assert "X/1/1 pre 1" in capsys.readouterr().out


def test_a_rebuild_killed_before_it_switched_leaves_the_store_as_it_was(
    data_dir, capsys, monkeypatch
):
    from index.store.chroma_collections import StoreCollections

    assert main(["ingest"]) == 0
    before = indexed(capsys)

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(StoreCollections, "switch_to", killed)
        patched.setattr(StoreCollections, "drop", lambda self: None)  # no time to clean up
        assert main(["index", "rebuild"]) == 130
    assert indexed(capsys) == before
    assert main(["index", "check"]) == 1
    assert "collection of an unfinished rebuild" in capsys.readouterr().out
    assert main(["index", "check", "--repair"]) == 0
    assert indexed(capsys) == before


def test_rebuild_after_a_change_of_embedder(tmp_path):
    from index.errors import ConfigurationError

    old, new = HashEmbedder(), HashEmbedder(dim=64)
    extra = tmp_path / "extra.txt"
    extra.write_text(resolution("X/1/1", "Zanzibar accords"), "utf-8")
    ClauseStore.open_local(tmp_path / "db", old, old.model_id).sync([SEEDS, extra])
    with pytest.raises(ConfigurationError, match="rebuild"):
        ClauseStore.open_local(tmp_path / "db", new, new.model_id)
    store = ClauseStore.open_local(tmp_path / "db", new, new.model_id, accept_other_embedder=True)
    result = store.rebuild([SEEDS])
    assert len(result.added) == 6 and not result.errors
    reopened = ClauseStore.open_local(tmp_path / "db", new, new.model_id)
    assert len(reopened.committed_records()["embeddings"][0]) == 64
