"""Real processes on one data directory: two ingests started together, ingests killed
with SIGKILL at random moments, and a running workspace reading while others write
(hash embeddings; the figures are printed with -s)."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.settings import Settings, StoreSettings
from assistant.workspace import Workspace
from index.embedding.hashed import HashEmbedder
from index.parsing.parser import Parser
from index.store.clause_store import ClauseStore
from index.store.records import resolution_hash

pytestmark = pytest.mark.slow

SEEDS = Path("/work/shared/seeds")
if not SEEDS.is_dir():  # the same two files ship as the default corpus
    from index.parsing.parser import default_corpus_dir

    SEEDS = default_corpus_dir()
IOM = (SEEDS / "000_573e74ea5cfc3ccf.txt").read_text("utf-8")  # four resolutions
CLI = Path(sys.executable).with_name("clausewright")


def variant(tag: str, change: str = "") -> str:
    """The four IOM resolutions under new symbols (and with one phrase changed)."""
    text = re.sub(r"Code: (\S+)", rf"Code: \1-{tag}", IOM)
    return text.replace("Member States", f"Member States {change}".rstrip()) if change else text


def make_corpus(folder: Path, generated: int) -> Path:
    folder.mkdir(parents=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    for n in range(generated):
        (folder / f"gen{n:02d}.txt").write_text(variant(f"g{n}"), "utf-8")
    return folder


def environment(data: Path, corpus: Path) -> dict[str, str]:
    return {
        **os.environ,
        "CLAUSEWRIGHT_DATA_DIR": str(data),
        "CLAUSEWRIGHT_EMBEDDINGS": "hash",
        "CLAUSEWRIGHT_CORPUS": json.dumps([str(corpus)]),
        "CLAUSEWRIGHT_STORE__LOCK_TIMEOUT_S": "600",
    }


def expected(corpus: Path) -> dict[str, str]:
    """symbol → content hash of every resolution in the corpus files."""
    out: dict[str, str] = {}
    for path in sorted(corpus.glob("*.txt")):
        for res in Parser().parse_file(path):
            out.setdefault(res.symbol, resolution_hash(res))
    return out


def committed(data: Path) -> dict[str, str]:
    """symbol → content hash of what the store has committed (read from its snapshot, as
    any reader does, so it is safe while another process writes)."""
    emb = HashEmbedder()
    store = ClauseStore.open_local(data / "chroma", emb, emb.model_id)
    return {s: e.res_hash for s, e in store.manifest().items()}


@pytest.fixture()
def cli_env(tmp_path, monkeypatch):
    """Point in-process `main` at the same data directory as the processes."""

    def use(data: Path, corpus: Path) -> dict[str, str]:
        env = environment(data, corpus)
        for key in ("CLAUSEWRIGHT_DATA_DIR", "CLAUSEWRIGHT_EMBEDDINGS", "CLAUSEWRIGHT_CORPUS"):
            monkeypatch.setenv(key, env[key])
        return env

    return use


def test_two_ingests_started_together_leave_a_working_complete_store(tmp_path, cli_env, capsys):
    corpus = make_corpus(tmp_path / "corpus", generated=12)
    data = tmp_path / "data"
    env = cli_env(data, corpus)
    want = expected(corpus)
    first = subprocess.Popen(
        [str(CLI), "ingest", str(corpus / "000_573e74ea5cfc3ccf.txt")], env=env
    )
    assert first.wait(timeout=300) == 0  # a store to read from while the two write
    reader = _Reader(Workspace(Settings(store=StoreSettings(refresh_s=0))))
    reader.start()
    runs = [
        subprocess.Popen(
            [str(CLI), "ingest", str(corpus)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    reader.stop()
    assert [run.returncode for run in runs] == [0, 0], outputs
    added = [int(re.search(r"index: (\d+) added", out).group(1)) for out, _ in outputs]
    assert sum(added) == len(want) - 4  # written once: the second found it done
    assert committed(data) == want
    capsys.readouterr()
    assert main(["index", "check"]) == 0, capsys.readouterr().out
    assert main(["search", "financial literacy programs for migrants", "-k", "3"]) == 0
    assert "IOM/1/1" in capsys.readouterr().out
    print(
        f"\ntwo ingests: {len(want)} resolutions, added {added}; "
        f"waiting said: {sum('being written by' in err for _, err in outputs)}; "
        f"reader: {reader.searches} searches, {reader.reloads} reloads, errors {reader.errors}"
    )
    assert reader.searches > 0 and not reader.errors
    assert reader.workspace.ranked.hybrid("financial literacy", 1)  # it follows the commits
    assert len(reader.workspace.corpus.resolutions) == len(want)


class _Reader(threading.Thread):
    """Searches a running workspace over and over, as the web server would."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(daemon=True)
        self.workspace = workspace
        self.searches = self.reloads = 0
        self.errors: list[str] = []
        self._stop_event = threading.Event()

    def run(self) -> None:
        last = None
        while not self._stop_event.is_set():
            try:
                ranked = self.workspace.ranked
                assert ranked.hybrid("financial literacy programs for migrants", 3)
                self.reloads += ranked is not last
                last = ranked
                self.searches += 1
            except Exception as exc:  # reported by the test
                self.errors.append(f"{type(exc).__name__}: {exc}")
            time.sleep(0.05)

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=60)


def test_ingests_killed_at_random_moments_lose_nothing_committed(tmp_path, cli_env, capsys):
    rng = random.Random(20261129)
    corpus = make_corpus(tmp_path / "corpus", generated=6)
    data = tmp_path / "data"
    env = cli_env(data, corpus)
    command = [str(CLI), "ingest", str(corpus)]
    assert subprocess.run(command, env=env, capture_output=True, timeout=600).returncode == 0
    added_files = _change_the_corpus(corpus, rng, -1)
    started = time.monotonic()  # how long a run with changes takes, start to end
    assert subprocess.run(command, env=env, capture_output=True, timeout=600).returncode == 0
    typical = time.monotonic() - started
    figures = {"runs": 0, "killed": 0, "finished before the kill": 0, "repaired": 0}
    kinds: dict[str, int] = {}  # what the checks after the kills found
    for run in range(24):
        added_files += _change_the_corpus(corpus, rng, run)
        before = committed(data)
        proc = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.2, typical))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            figures["killed"] += 1
        else:
            figures["finished before the kill"] += 1
        proc.wait(timeout=60)
        figures["runs"] += 1

        capsys.readouterr()
        main(["index", "check", "--json"])  # the store opens; what is wrong?
        found = json.loads(capsys.readouterr().out)
        for problem in found["problems"] + found["repaired"]:  # repaired: on opening
            kinds[problem["kind"]] = kinds.get(problem["kind"], 0) + 1
        if not found["consistent"]:
            figures["repaired"] += 1
            assert main(["index", "check", "--repair"]) == 0, capsys.readouterr().out
        assert main(["index", "check"]) == 0, capsys.readouterr().out
        now, want = committed(data), expected(corpus)
        for symbol, res_hash in before.items():  # nothing committed before is lost
            assert now.get(symbol) in (res_hash, want.get(symbol)), symbol
        assert main(["ingest"]) == 0, capsys.readouterr().err
        assert committed(data) == want
        assert main(["index", "check"]) == 0
    files = len(list(corpus.glob("*.txt")))
    print(
        f"\nkill -9: {figures}; found after the kills: {kinds}; "
        f"{files} files ({added_files} added during the runs), "
        f"{len(committed(data))} resolutions, a run takes {typical:.1f} s; nothing lost"
    )
    assert figures["runs"] >= 20 and figures["killed"] >= 15


def _change_the_corpus(corpus: Path, rng: random.Random, run: int) -> int:
    """Replace resolutions in two or three files and, every other run, add a file."""
    generated = sorted(corpus.glob("gen*.txt"))
    for path in rng.sample(generated, k=min(len(generated), rng.choice((2, 3)))):
        tag = path.stem.replace("gen", "g")
        path.write_text(variant(tag, change=f"(run {run})"), "utf-8")
    if run % 2 == 0:
        (corpus / f"gen{len(generated):02d}.txt").write_text(variant(f"g{len(generated)}"), "utf-8")
        return 1
    return 0


def test_a_running_workspace_reads_while_another_process_writes_then_sees_it(tmp_path, cli_env):
    corpus = make_corpus(tmp_path / "corpus", generated=0)
    data = tmp_path / "data"
    env = cli_env(data, corpus)
    server = Workspace(Settings(store=StoreSettings(refresh_s=0)))
    assert server.ranked.hybrid("Zanzibar accords", 1)[0].clause_id != "X/1/1 pre 1"
    more = tmp_path / "more"
    more.mkdir()
    for n in range(8):
        (more / f"more{n}.txt").write_text(variant(f"m{n}"), "utf-8")
    (more / "zanzibar.txt").write_text(
        "Code: X/1/1\n\nThe Council,\n\n*Recalling* the Zanzibar accords,\n\n"
        "1. *Decides* to remain seized of the matter.\n",
        "utf-8",
    )
    writer = subprocess.Popen([str(CLI), "ingest", str(more)], env=env)
    searches = 0
    while writer.poll() is None:  # never blocked, never broken by the writer
        assert server.ranked.hybrid("financial literacy programs for migrants", 1)
        searches += 1
    assert writer.returncode == 0 and searches > 0
    assert server.ranked.hybrid("Zanzibar accords", 1)[0].clause_id == "X/1/1 pre 1"
    assert server.mentions.search("Zanzibar").total == 1


def test_a_web_upload_during_a_cli_ingest_loses_neither(tmp_path, cli_env, capsys):
    """The server's upload path and a terminal ingest write to one data directory at
    once: the writer lock takes them in turn and both land."""
    from ui.callbacks import WorkspaceCallbacks
    from ui.pool import WorkspacePool
    from ui.session import Sessions

    corpus = make_corpus(tmp_path / "corpus", generated=10)
    data = tmp_path / "data"
    env = cli_env(data, corpus)
    settings = Settings(data_dir=data, llm="fake", embeddings="hash", corpus=[corpus])
    callbacks = WorkspaceCallbacks(WorkspacePool(Workspace(settings)), Sessions(data), 20)
    upload = tmp_path / "picked" / "web.txt"
    upload.parent.mkdir()
    upload.write_text(variant("web"), "utf-8")
    ingest = subprocess.Popen([str(CLI), "ingest", str(corpus)], env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    time.sleep(0.5)  # the ingest holds the lock while the upload arrives
    status = callbacks.upload([str(upload)])[0]
    out, err = ingest.communicate(timeout=600)
    assert ingest.returncode == 0, (out, err)
    assert "Added" in status, status
    want = {**expected(corpus), **{s: h for s, h in _hashes(upload).items()}}
    assert committed(data) == want  # every resolution of both writers, none lost
    capsys.readouterr()
    assert main(["index", "check"]) == 0, capsys.readouterr().out


def _hashes(path: Path) -> dict[str, str]:
    return {r.symbol: resolution_hash(r) for r in Parser().parse_file(path)}
