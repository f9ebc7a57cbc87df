"""``clausewright eval run`` / ``eval compare`` end to end.

Fast tier: every suite with the fake backend and hash embeddings, gated on the shipped
thresholds: the plumbing suites pass and the drafting quality gates fail, because the
fake's canned clause answers no request (a gate that the fake passed would measure
nothing). Slow tier: every suite with the embedded defaults, gated on the thresholds.
"""

from __future__ import annotations

import json
import time

import pytest

from assistant.cli import main
from eval.suites import SUITE_NAMES

FILES = ("result.json", "summary.md", "scores.png", "latency.png")


@pytest.fixture(scope="module")
def fake_run(tmp_path_factory):
    """One fake run of every suite, shared by the tests below."""
    root = tmp_path_factory.mktemp("eval")
    mp = pytest.MonkeyPatch()
    mp.setenv("CLAUSEWRIGHT_DATA_DIR", str(root / "user"))
    out = root / "run"
    started = time.perf_counter()
    code = main(["eval", "run", "--backend", "fake", "--out", str(out),
                 "--data-dir", str(root / "cache"), "--quiet"])  # fmt: skip
    elapsed = time.perf_counter() - started
    yield {"code": code, "out": out, "root": root, "elapsed": elapsed}
    mp.undo()


def test_fake_run_fails_only_the_drafting_quality_gates(fake_run, capsys):
    assert fake_run["code"] == 1
    assert fake_run["elapsed"] < 30
    result = json.loads((fake_run["out"] / "result.json").read_text("utf-8"))
    failed = {(c["suite"], c["metric"]) for c in result["checks"] if not c["passed"]}
    assert failed and {suite for suite, _ in failed} == {"drafting"}
    assert ("drafting", "report_usable") in failed


def test_fake_run_writes_every_file_with_every_case(fake_run):
    out = fake_run["out"]
    for name in FILES:
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
    assert (out / "scores.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    result = json.loads((out / "result.json").read_text("utf-8"))
    assert set(result["suites"]) == set(SUITE_NAMES)
    assert result["backend"] == "fake" and result["passed"] is False
    env = result["environment"]
    assert env["settings"]["llm"] == "fake" and env["settings"]["embeddings"] == "hash"
    assert env["python"] and "clausewright" in env["packages"] and "git" in env
    assert env["settings"]["openai"]["api_key"] == "***"
    drafting = result["suites"]["drafting"]
    assert len(drafting["cases"]) >= 60
    assert drafting["metrics"]["report_cases"] >= 30 and drafting["metrics"]["tune_cases"] >= 30
    assert drafting["metrics"]["usable"] < 0.5  # the canned clause is not what was asked
    assert {c["metric"] for c in result["checks"]} >= {"report_usable", "recall_at_10"}
    summary = (out / "summary.md").read_text("utf-8")
    assert "**Result: FAILED" in summary and "## drafting" in summary


def test_a_threshold_that_cannot_be_met_fails_the_run(fake_run, tmp_path, capsys):
    thresholds = tmp_path / "impossible.toml"
    thresholds.write_text("[default.linting.min]\nprecision = 1.5\n")
    code = main(["eval", "run", "linting", "--backend", "fake", "--out", str(tmp_path / "o"),
                 "--thresholds", str(thresholds), "--no-plots", "--quiet"])  # fmt: skip
    assert code == 1
    printed = capsys.readouterr().out
    assert "FAIL linting.precision" in printed and "FAILED (1 threshold(s) missed)" in printed
    result = json.loads((tmp_path / "o" / "result.json").read_text("utf-8"))
    assert list(result["suites"]) == ["linting"] and result["passed"] is False
    assert not (tmp_path / "o" / "scores.png").exists()


def test_compare_prints_a_table_and_fails_on_regression(fake_run, tmp_path, capsys):
    out = fake_run["out"]
    worse = json.loads((out / "result.json").read_text("utf-8"))
    worse["suites"]["retrieval"]["metrics"]["recall_at_10"] -= 0.2
    (tmp_path / "result.json").write_text(json.dumps(worse))
    assert main(["eval", "compare", str(out), str(out), "--fail-on-regression"]) == 0
    assert "0 regression(s)" in capsys.readouterr().out
    assert main(["eval", "compare", str(out), str(tmp_path)]) == 0  # reported, not failed
    assert main(["eval", "compare", str(out), str(tmp_path), "--fail-on-regression"]) == 1
    printed = capsys.readouterr().out
    assert "retrieval.recall_at_10" in printed and "REGRESSION" in printed


def test_unknown_suite_is_a_usage_error(fake_run, tmp_path, capsys):
    code = main(["eval", "run", "nonsense", "--backend", "fake", "--out", str(tmp_path),
                 "--data-dir", str(fake_run["root"] / "cache"), "--quiet"])  # fmt: skip
    assert code == 2
    assert "unknown suite" in capsys.readouterr().err


@pytest.mark.slow
def test_embedded_default_runs_every_suite_within_ten_minutes(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CLAUSEWRIGHT_DATA_DIR", str(tmp_path / "user"))
    started = time.perf_counter()
    code = main(["eval", "run", "--out", str(tmp_path / "run"),
                 "--data-dir", str(tmp_path / "cache"), "--quiet"])  # fmt: skip
    elapsed = time.perf_counter() - started
    printed = capsys.readouterr().out
    assert code == 0, printed  # gated on the embedded thresholds
    assert elapsed < 600, f"{elapsed:.0f} s"  # 180 drafting cases: ~4 min on 2 quiet cores
    result = json.loads((tmp_path / "run" / "result.json").read_text("utf-8"))
    assert result["backend"] == "embedded"
    assert result["environment"]["models"]["embedder_id"] == "all-MiniLM-L6-v2"
    for name in FILES:
        assert (tmp_path / "run" / name).is_file()
