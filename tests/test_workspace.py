"""The composition root rebuilds what depends on the index after an ingest."""

from __future__ import annotations

from assistant.settings import Settings
from assistant.workspace import Workspace


def test_ingest_refreshes_index_mentions_and_assistant(tmp_path):
    ws = Workspace(Settings(data_dir=tmp_path / "data", llm="fake", embeddings="hash"))
    before = ws.assistant
    assert ws.mentions.search("Zanzibar").total == 0
    (tmp_path / "new.txt").write_text(
        "Code: X/1/1\n\nThe Council,\n\n*Recalling* the Zanzibar accords,\n\n"
        "1. *Decides* to remain seized of the matter.\n",
        "utf-8",
    )
    result = ws.ingest([*ws.corpus_paths(), tmp_path / "new.txt"])
    assert result.added == ["X/1/1"]
    assert ws.assistant is not before and ws.assistant.index is ws.ranked
    assert [c.id for c in ws.assistant.respond("which drafts mention Zanzibar?").citations] == [
        "X/1/1 pre 1"
    ]


def test_what_an_ingest_drops_are_cached_properties():
    from functools import cached_property

    from assistant.workspace import _BUILT_OVER_THE_STORE, Workspace

    for name in _BUILT_OVER_THE_STORE:
        assert isinstance(Workspace.__dict__[name], cached_property), name
