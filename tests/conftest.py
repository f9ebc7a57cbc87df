"""Shared fixtures: the parsed seed corpus and paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def seed_corpus():
    from index.parsing.parser import default_corpus_dir, parse_paths

    report = parse_paths([default_corpus_dir()])
    assert report.ok, report.errors
    return report.corpus


@pytest.fixture()
def data_dir(tmp_path, monkeypatch):
    """A fresh user data directory, with the instant hash embedder (fast tier)."""
    path = tmp_path / "data"
    monkeypatch.setenv("CLAUSEWRIGHT_DATA_DIR", str(path))
    monkeypatch.setenv("CLAUSEWRIGHT_EMBEDDINGS", "hash")
    return path
