"""Workspaces per backend over one store and one set of searches."""

from __future__ import annotations

import pytest

from assistant.backends.fake import RecordingFakeModel
from assistant.settings import Settings
from assistant.workspace import Workspace
from index.errors import ConfigurationError
from ui.pool import WorkspacePool


def _pool(tmp_path, llm="fake", limit=2):
    settings = Settings(data_dir=tmp_path, llm=llm, embeddings="hash", min_similarity=0.1)
    model = RecordingFakeModel(responses=["9. *Urges* States to act;"])
    return WorkspacePool(Workspace(settings, chat_model=model), limit=limit), model


def test_the_base_backend_is_the_base_workspace_and_precedents_are_a_request_field(tmp_path):
    pool, _model = _pool(tmp_path)
    assert pool.get("fake") is pool.base and pool.get(None) is pool.base
    answer = pool.get("fake").assistant.respond(
        "how are witnesses of trafficking protected?", precedents=2
    )
    assert answer.kind == "answer" and len(answer.citations) <= 2
    with pytest.raises(ConfigurationError, match="unknown backend"):
        pool.get("gpt-9")


def test_another_backend_shares_the_store_and_searches(tmp_path):
    pool, _model = _pool(tmp_path, llm="embedded")  # the embedded model is never loaded here
    other = pool.get("fake")
    assert other is not pool.base and other.settings.llm == "fake"
    assert other.ranked is pool.base.ranked and other.mentions is pool.base.mentions
    assert other.store is pool.base.store
    assert pool.get("fake") is other


def test_an_ingest_indexes_into_the_base_and_drops_the_others(tmp_path):
    pool, _model = _pool(tmp_path, llm="embedded")
    other = pool.get("fake")
    extra = tmp_path / "extra.txt"
    extra.write_text(
        "Code: GA/1/99\nTopic: Test\n\nThe General Assembly,\n\n1. *Urges* States to act.\n",
        "utf-8",
    )
    result = pool.ingest([extra])
    assert result.added == ["GA/1/99"]
    assert {"GA/1/99", "IOM/1/1"} <= set(pool.base.store.manifest())  # seed corpus kept
    again = pool.get("fake")
    assert again is not other
    assert again.ranked.record("GA/1/99 op 1") is not None
