"""`show` and `index status` read what is published: no source parsed but the one file
that holds the clause, no record loaded, Chroma never opened."""

from __future__ import annotations

import json

import pytest

from assistant.cli import main
from index.embedding.hashed import HashEmbedder
from index.parsing.parser import default_corpus_dir
from index.store.clause_store import ClauseStore
from index.store.snapshot import Snapshot
from index.store.store_check import published_status, store_status
from index.store.writer_lock import LockHolder, WriterLock

IDS = ["IOM/1/4 op 8", "iom/1/4 op 8 a", "GA/3/1.1 pre 2", "IOM/1/1 op 3"]


@pytest.fixture()
def ingested(data_dir, capsys):
    assert main(["ingest"]) == 0
    capsys.readouterr()
    return data_dir


def no_chroma_no_records(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a read opened Chroma or loaded every record")

    monkeypatch.setattr(ClauseStore, "writing_if_free", refuse)
    monkeypatch.setattr(ClauseStore, "writing", refuse)
    monkeypatch.setattr(Snapshot, "records", refuse)


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_show_reads_only_the_file_of_the_clause(ingested, capsys, monkeypatch, json_flag):
    corpus = str(default_corpus_dir())
    before = {}
    for typed in IDS:
        assert main(["show", typed, *json_flag, "--corpus", corpus]) == 0  # the whole corpus
        before[typed] = capsys.readouterr().out
    no_chroma_no_records(monkeypatch)

    def no_corpus(*args, **kwargs):
        raise AssertionError("show parsed the whole corpus")

    monkeypatch.setattr("assistant.commands.corpus.load_corpus", no_corpus)
    for typed in IDS:
        assert main(["show", typed, *json_flag]) == 0
        assert capsys.readouterr().out == before[typed]


def test_show_of_an_unknown_clause_still_suggests(ingested, capsys):
    assert main(["show", "IOM/1/4 op 99"]) != 0
    assert "did you mean IOM/1/4 op 9" in capsys.readouterr().err


def test_show_on_a_fresh_data_dir_creates_no_store(data_dir, capsys):
    assert main(["show", "IOM/1/4 op 8"]) == 0
    assert "IOM/1/4 op 8" in capsys.readouterr().out
    assert not (data_dir / "chroma").exists()


def test_index_status_reads_the_manifest_and_the_counts_only(ingested, capsys, monkeypatch):
    assert main(["index", "status", "--json"]) == 0
    before = json.loads(capsys.readouterr().out)
    no_chroma_no_records(monkeypatch)
    assert main(["index", "status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == before
    assert main(["index", "status"]) == 0
    assert "consistent with the sources" in capsys.readouterr().out


def test_published_status_agrees_with_the_full_status(tmp_path):
    emb = HashEmbedder()
    store = ClauseStore.open_local(tmp_path / "db", emb, emb.model_id)
    corpus = default_corpus_dir()
    store.sync([corpus / "000_573e74ea5cfc3ccf.txt"])
    full, quick = store_status(store, [corpus]), published_status(store, [corpus])
    assert (quick.entries, quick.unit_counts, quick.file_states) == (
        full.entries,
        full.unit_counts,
        full.file_states,
    )
    assert not quick.consistent and not quick.interrupted and quick.writer is None


def test_published_status_names_a_writer_and_a_killed_one(tmp_path):
    emb = HashEmbedder()
    store = ClauseStore.open_local(tmp_path / "db", emb, emb.model_id)
    store.sync([default_corpus_dir()])
    other = WriterLock(tmp_path / "db.lock")  # another holder of the same lock file
    with other.hold():
        status = published_status(store, [])
        assert status.writer == LockHolder.me().describe() and not status.interrupted
    (tmp_path / "db.lock").write_text(json.dumps(vars(LockHolder(1, "h", "ingest", "now"))))
    status = published_status(store, [])  # its holder was killed: nobody holds the lock
    assert status.interrupted and status.writer is None and not status.consistent


def test_published_status_counts_a_snapshot_written_before_counts_json(tmp_path):
    emb = HashEmbedder()
    store = ClauseStore.open_local(tmp_path / "db", emb, emb.model_id)
    store.sync([default_corpus_dir()])
    head = store.snapshot.head()
    counts = store.snapshot.unit_counts(head)
    assert counts == {s: e.units for s, e in head.manifest.items()}
    (store.snapshot.folder / head.units_dir / "counts.json").unlink()
    assert published_status(store, []).unit_counts == counts
    with store.writing():  # the next session adds it
        pass
    assert (store.snapshot.folder / head.units_dir / "counts.json").is_file()
