"""Settings precedence: constructor > environment > settings.toml > defaults, merged deeply."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.settings import load_settings
from index.errors import ConfigurationError


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("CLAUSEWRIGHT_LLM", "CLAUSEWRIGHT_OPENAI__MODEL", "CLAUSEWRIGHT_PRECEDENTS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CLAUSEWRIGHT_DATA_DIR", str(tmp_path))
    return tmp_path


def test_file_values_are_read(data_dir: Path) -> None:
    (data_dir / "settings.toml").write_text('llm = "openai"\nprecedents = 3\n')
    settings = load_settings()
    assert settings.llm == "openai" and settings.precedents == 3


def test_environment_equal_to_the_default_still_beats_the_file(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (data_dir / "settings.toml").write_text('llm = "openai"\n')
    monkeypatch.setenv("CLAUSEWRIGHT_LLM", "embedded")
    assert load_settings().llm == "embedded"


def test_one_nested_variable_keeps_the_rest_of_the_files_table(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (data_dir / "settings.toml").write_text(
        '[openai]\nbase_url = "http://127.0.0.1:9999/v1"\nmodel = "from-file"\n'
    )
    monkeypatch.setenv("CLAUSEWRIGHT_OPENAI__MODEL", "from-env")
    settings = load_settings()
    assert settings.openai.model == "from-env"
    assert settings.openai.base_url == "http://127.0.0.1:9999/v1"
    assert settings.openai.api_key == "not-needed"  # default kept


def test_overrides_beat_environment_and_none_is_ignored(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAUSEWRIGHT_LLM", "openai")
    assert load_settings(llm="fake").llm == "fake"
    assert load_settings(llm=None).llm == "openai"


def test_the_file_of_an_overridden_data_dir_is_read(data_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "settings.toml").write_text("precedents = 2\n")
    assert load_settings(data_dir=other).precedents == 2


def test_a_broken_file_names_itself(data_dir: Path) -> None:
    (data_dir / "settings.toml").write_text("llm = \n")
    with pytest.raises(ConfigurationError, match=r"settings\.toml: cannot read settings"):
        load_settings()


def test_an_invalid_value_says_what_is_valid(data_dir: Path) -> None:
    (data_dir / "settings.toml").write_text('llm = "gpt5"\n')
    with pytest.raises(ConfigurationError, match="embedded"):
        load_settings()
