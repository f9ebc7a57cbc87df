"""kill -9 in the middle of an ingest: the previous state stays queryable, the next run
repairs it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from chromadb.api.client import SharedSystemClient

from index.embedding.hashed import HashEmbedder
from index.parsing.parser import Parser, default_corpus_dir
from index.search.hybrid import HybridSearch
from index.store.clause_store import ClauseStore, store_status

pytestmark = pytest.mark.slow

WRITER = textwrap.dedent(
    """
    import sys, time
    from index.embedding.hashed import HashEmbedder
    from index.store.clause_store import ClauseStore

    class Slow(HashEmbedder):
        def embed_documents(self, texts):
            print("embedding", len(texts), flush=True)
            time.sleep(0.3)
            return super().embed_documents(texts)

    emb = Slow()
    ClauseStore.open_local(sys.argv[1], emb, emb.model_id).sync([sys.argv[2]])
    print("finished", flush=True)
    """
)


def open_store(path) -> ClauseStore:
    emb = HashEmbedder()
    return ClauseStore.open_local(path, emb, emb.model_id)


def snapshot(store: ClauseStore) -> dict[str, str]:
    records = store.committed_records(False)
    return dict(
        zip([m["clause_id"] for m in records["metadatas"]], records["documents"], strict=True)
    )


def test_kill_9_during_ingest(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seed = (default_corpus_dir() / "000_573e74ea5cfc3ccf.txt").read_text("utf-8")
    (corpus / "iom.txt").write_text(seed, "utf-8")
    db = tmp_path / "db"
    open_store(db).sync([corpus])
    before = snapshot(open_store(db))
    # Change every resolution and add many more, so the run takes a while.
    changed = seed.replace("Member States", "States Members")
    copies = [re.sub(r"Code: (\S+)", rf"Code: \1-c{n}", changed) for n in range(12)]
    (corpus / "iom.txt").write_text(changed + "\n\n" + "\n\n".join(copies), "utf-8")

    after_change = {c.id: c.text for r in Parser().parse_text(changed) for c in r.clauses()}
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), str(corpus)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    seen = 0
    deadline = time.time() + 120
    while seen < 6 and time.time() < deadline:
        line = proc.stdout.readline()
        assert line, "the writer ended before it could be killed"
        seen += line.startswith("embedding")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)

    SharedSystemClient.clear_system_cache()  # a new process would start afresh
    store = open_store(db)
    status = store_status(store, [corpus])
    assert not status.consistent
    after = snapshot(store)
    # each original resolution is wholly old or wholly new: never half-replaced
    for symbol in ("IOM/1/1", "IOM/1/2", "IOM/1/3", "IOM/1/4"):
        old = {k: v for k, v in before.items() if k.startswith(symbol + " ")}
        now = {k: v for k, v in after.items() if k.startswith(symbol + " ")}
        assert set(now) == set(old)
        new = {k: v for k, v in after_change.items() if k.startswith(symbol + " ")}
        assert now in (old, new)
    for entry in store.manifest().values():
        assert sum(k.startswith(entry.symbol + " ") for k in after) == entry.units
    assert HybridSearch.from_store(store).hybrid("financial literacy programs", 3)

    result = open_store(db).sync([corpus])
    assert not result.errors
    final = open_store(db)
    assert store_status(final, [corpus]).consistent
    texts = snapshot(final)
    assert len(texts) == 13 * len(before)
    assert all(texts[k] == v for k, v in after_change.items())
    assert len(final.units.get()["ids"]) == len(texts)  # no left-overs
