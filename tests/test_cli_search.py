"""search, mentions and index commands as a user runs them (hash embeddings: fast tier)."""

from __future__ import annotations

import json

from assistant.cli import main


def test_search_prints_ids_scores_and_snippets(capsys, data_dir):
    assert main(["search", "financial literacy programs for migrants", "-k", "3"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[1:3] == ["IOM/1/1", "op"] and len(out) == 3


def test_search_filters_and_json(capsys, data_dir):
    args = ["search", "training", "--resolution", "IOM/1/2", "--kind", "subclause", "--json"]
    assert main(args) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits and all(h["id"].startswith("IOM/1/2 op") and "(" in h["id"] for h in hits)
    assert {"id", "score", "text", "source", "lines"} <= set(hits[0])


def test_mentions_avrr_exactly(capsys, data_dir):
    assert main(["mentions", "AVRR", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    ids = [h["clause_id"] for g in result["groups"] for h in g["hits"]]
    assert ids == ["IOM/1/3 op 9", "IOM/1/4 op 8", "IOM/1/4 op 8(a)", "IOM/1/4 op 8(b)"]


def test_mentions_of_nothing_says_so(capsys, data_dir):
    assert main(["mentions", "Zanzibar"]) == 0
    assert capsys.readouterr().out.startswith("no clause in the corpus mentions 'Zanzibar'")


def test_index_status_remove_and_repair(capsys, data_dir):
    assert main(["ingest"]) == 0
    assert main(["index", "status"]) == 0
    assert "consistent with the sources" in capsys.readouterr().out
    assert main(["index", "remove", "IOM/1/2"]) == 0
    assert main(["index", "status", "--json"]) == 1
    status = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert not status["consistent"]
    assert main(["ingest"]) == 0
    assert "1 added" in capsys.readouterr().out
    assert main(["index", "status"]) == 0
