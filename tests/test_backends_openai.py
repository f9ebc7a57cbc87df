"""llm="openai" against a real local OpenAI-compatible server (llama_cpp.server)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from langchain_core.messages import HumanMessage

from assistant.backends import check_reachable, make_chat_model
from assistant.backends.gguf import find_shipped_gguf
from assistant.settings import OpenAISettings, Settings

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_models(url: str, proc: subprocess.Popen, deadline_s: float) -> None:
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"llama_cpp.server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200 and json.load(response).get("data"):
                    return
        except (urllib.error.URLError, OSError, ValueError):
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {deadline_s}s")


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    pytest.importorskip("llama_cpp.server.app", reason="pip install llama-cpp-python server extras")
    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    command = [
        sys.executable, "-m", "llama_cpp.server",
        "--model", str(find_shipped_gguf()),
        "--model_alias", "smollm2",
        "--host", "127.0.0.1", "--port", str(port),
        "--n_ctx", "2048", "--n_threads", "2",
    ]  # fmt: skip
    with log.open("wb") as sink:
        proc = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        try:
            _wait_for_models(base_url + "/models", proc, deadline_s=90)
        except (RuntimeError, TimeoutError) as exc:
            pytest.fail(f"{exc}:\n{log.read_text(errors='replace')[-3000:]}")
        yield base_url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture
def settings(server, tmp_path) -> Settings:
    cfg = OpenAISettings(base_url=server, api_key="not-needed", model="smollm2", timeout_s=120)
    return Settings(data_dir=tmp_path, llm="openai", openai=cfg)


def test_server_is_reachable(settings):
    check_reachable(settings)


def test_chat_through_openai_backend(settings):
    model = make_chat_model(settings)
    reply = model.invoke([HumanMessage("Name one organ of the United Nations.")], max_tokens=20)
    assert isinstance(reply.content, str) and reply.content.strip()
    assert reply.usage_metadata["output_tokens"] > 0


def test_streaming_through_openai_backend(settings):
    model = make_chat_model(settings)
    chunks = list(model.stream([HumanMessage("Say hello.")], max_tokens=12))
    assert len(chunks) > 1
    assert "".join(str(c.content) for c in chunks).strip()
