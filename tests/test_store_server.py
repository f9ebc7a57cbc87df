"""Team mode: the same store code against a real Chroma server on 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.settings import Settings, StoreSettings
from assistant.workspace import Workspace
from index.errors import ConfigurationError
from index.store.clause_store import store_status

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    chroma = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("chroma server did not start")
    yield port
    proc.terminate()
    proc.wait(timeout=30)


def workspace(tmp_path, port: int) -> Workspace:
    settings = Settings(
        data_dir=tmp_path / "data",
        embeddings="hash",
        store=StoreSettings(mode="server", host="127.0.0.1", port=port),
    )
    return Workspace(settings)


def test_ingest_search_and_status_against_a_server(tmp_path, chroma_server):
    ws = workspace(tmp_path, chroma_server)
    result = ws.ingest()
    assert len(result.added) == 5 and result.units_written == 297
    hits = ws.ranked.hybrid("financial literacy programs for migrants", 3)
    assert hits[0].clause_id == "IOM/1/1 op 4"
    # a second team member (another client, another data dir) sees the same store
    other = workspace(tmp_path / "other", chroma_server)
    again = other.ingest()
    assert again.units_written == 0 and len(again.unchanged_files) == 2
    assert store_status(other.store, other.corpus_paths()).consistent
    assert (
        other.ranked.hybrid("financial literacy programs for migrants", 1)[0].clause_id
        == "IOM/1/1 op 4"
    )


def test_unreachable_server_says_how_to_start_one(tmp_path):
    ws = workspace(tmp_path, free_port())
    with pytest.raises(ConfigurationError, match=r"cannot reach the Chroma server.*chroma run"):
        _ = ws.store
