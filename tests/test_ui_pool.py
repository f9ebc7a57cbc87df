"""Workspaces per backend and number of precedents, as a session's settings pick them."""

from __future__ import annotations

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.settings import Settings
from assistant.workspace import Workspace
from index.errors import ConfigurationError
from ui.pool import WorkspacePool


def _pool(tmp_path, built):
    settings = Settings(data_dir=tmp_path, llm="fake", embeddings="hash", min_similarity=0.1)
    model = FakeListChatModel(responses=["9. *Urges* States to act;"])

    def factory(settings, **kwargs):
        built.append((settings.llm, settings.precedents, kwargs.get("chat_model")))
        return Workspace(settings, **kwargs)

    return WorkspacePool(Workspace(settings, chat_model=model), factory, limit=2), model


def test_precedents_and_backend_choose_a_workspace_sharing_the_model(tmp_path):
    built = []
    pool, model = _pool(tmp_path, built)
    assert pool.get("fake", 6) is pool.base and pool.get(None, None) is pool.base
    three = pool.get("fake", 3)
    assert three.settings.precedents == 3 and three.chat_model is model
    assert three.assistant.k == 3 and pool.base.assistant.k == 6
    assert pool.get("fake", 3) is three and len(built) == 1
    assert pool.get("fake", 4).chat_model is model
    pool.get("fake", 5)  # over the limit of two: the least recently used (3) goes
    assert pool.get("fake", 3) is not three and len(built) == 4
    with pytest.raises(ConfigurationError, match="unknown backend"):
        pool.get("gpt-9", 6)


def test_an_ingest_indexes_into_the_base_and_drops_the_others(tmp_path):
    built = []
    pool, _model = _pool(tmp_path, built)
    other = pool.get("fake", 2)
    extra = tmp_path / "extra.txt"
    extra.write_text(
        "Code: GA/1/99\nTopic: Test\n\nThe General Assembly,\n\n1. *Urges* States to act.\n",
        "utf-8",
    )
    result = pool.ingest([extra])
    assert result.added == ["GA/1/99"]
    assert {"GA/1/99", "IOM/1/1"} <= set(pool.base.store.manifest())  # seed corpus kept
    assert pool.get("fake", 2) is not other
    assert pool.get("fake", 2).ranked.record("GA/1/99 op 1") is not None
