"""Chat model backends: one factory over the embedded, OpenAI-compatible, Ollama and fake
models, all returned as langchain_core ``BaseChatModel`` instances.

Every backend is imported lazily, so a missing optional dependency only matters when its
mode is chosen, and then it is reported as a :class:`ConfigurationError` that says what
to install.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import ConfigurationError, import_optional

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from assistant.settings import OllamaSettings, OpenAISettings, Settings

logger = logging.getLogger(__name__)

__all__ = ["check_reachable", "make_chat_model"]

DEFAULT_FAKE_RESPONSES = ("9. *Urges* Member States to cooperate fully with the Secretariat;",)
OPENAI_START_HINT = (
    "start one with `python -m llama_cpp.server --model <file.gguf> --host 127.0.0.1 "
    "--port 8000` (pip install uvicorn fastapi sse-starlette starlette-context "
    "pydantic-settings), or set openai.base_url / CLAUSEWRIGHT_OPENAI__BASE_URL"
)
OPENAI_INSTALL = "pip install langchain-openai (or pip install 'clausewright[remote]')"
OLLAMA_INSTALL = "pip install langchain-ollama (or pip install 'clausewright[remote]')"
OLLAMA_START_HINT = "start it with `ollama serve` and fetch the model with `ollama pull {model}`"


def make_chat_model(
    settings: Settings,
    fake_responses: Sequence[str] | None = None,
    model_path: Path | None = None,
) -> BaseChatModel:
    """The chat model selected by ``settings.llm``.

    ``fake_responses`` are the canned answers of the ``"fake"`` model (cycled in order);
    ``model_path`` is the GGUF the embedded model runs (default: the settings' own).
    """
    mode = settings.llm
    logger.debug("creating chat model for llm=%s", mode)
    if mode == "embedded":
        from .embedded import EmbeddedChatModel

        overrides = {"model_path": model_path} if model_path else {}
        return EmbeddedChatModel.from_settings(settings.embedded, **overrides)
    if mode == "openai":
        return _make_openai(settings.openai)
    if mode == "ollama":
        return _make_ollama(settings.ollama)
    if mode == "fake":
        return _make_fake(fake_responses)
    raise ConfigurationError(f"unknown llm mode {mode!r}: use embedded, openai, ollama or fake")


def _make_openai(cfg: OpenAISettings) -> BaseChatModel:
    ChatOpenAI = import_optional("langchain_openai", "llm=openai", OPENAI_INSTALL).ChatOpenAI
    return ChatOpenAI(
        base_url=cfg.base_url,
        api_key=cfg.api_key,
        model=cfg.model,
        timeout=cfg.timeout_s,
        max_retries=1,
    )


def _make_ollama(cfg: OllamaSettings) -> BaseChatModel:
    ChatOllama = import_optional("langchain_ollama", "llm=ollama", OLLAMA_INSTALL).ChatOllama
    return ChatOllama(base_url=cfg.base_url, model=cfg.model)


def _make_fake(responses: Sequence[str] | None) -> BaseChatModel:
    from assistant.backends.fake import RecordingFakeModel

    return RecordingFakeModel(responses=list(responses or DEFAULT_FAKE_RESPONSES))


def check_reachable(settings: Settings, timeout_s: float = 3.0) -> None:
    """Fail early with a clear message when the configured remote LLM server is down.

    Does nothing for the embedded and fake backends. For ``openai`` it asks
    ``<base_url>/models``; for ``ollama`` ``<base_url>/api/tags`` and checks the model
    has been pulled.
    """
    if settings.llm == "openai":
        cfg = settings.openai
        url = cfg.base_url.rstrip("/") + "/models"
        status, _ = _probe(url, timeout_s, cfg.api_key, OPENAI_START_HINT, "OpenAI-compatible")
        if status in (401, 403):
            raise ConfigurationError(
                f"the server at {cfg.base_url} rejected the API key (HTTP {status}): "
                "set openai.api_key / CLAUSEWRIGHT_OPENAI__API_KEY"
            )
    elif settings.llm == "ollama":
        ocfg = settings.ollama
        hint = OLLAMA_START_HINT.format(model=ocfg.model)
        url = ocfg.base_url.rstrip("/") + "/api/tags"
        status, body = _probe(url, timeout_s, None, hint, "Ollama")
        if status == 200:
            _check_ollama_model(body, ocfg.model)


def _probe(
    url: str, timeout_s: float, api_key: str | None, hint: str, kind: str
) -> tuple[int, bytes]:
    request = urllib.request.Request(url, method="GET")
    if api_key:
        request.add_header("Authorization", f"Bearer {api_key}")
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:  # the server answered: it is running
        logger.debug("%s answered HTTP %s", url, exc.code)
        return exc.code, b""
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ConfigurationError(
            f"cannot reach the {kind} server at {url} ({reason}): is the server running? {hint}"
        ) from exc


def _check_ollama_model(body: bytes, model: str) -> None:
    try:
        names = {m.get("name", "") for m in json.loads(body or b"{}").get("models", [])}
    except (ValueError, AttributeError):
        return  # not the answer we expected; let the request itself report problems
    wanted = {model, f"{model}:latest"}
    if names and not names & wanted:
        raise ConfigurationError(
            f"ollama has no model {model!r} (it has {', '.join(sorted(names))}): "
            f"run `ollama pull {model}` or set ollama.model"
        )
