"""Thresholds per backend, and run comparison with regression flags."""

from __future__ import annotations

import pytest

from eval.compare import compare_runs, render_table
from eval.results import RunResult, SuiteResult
from eval.thresholds import Thresholds
from index.errors import ConfigurationError

DATA = {
    "compare": {"tolerance": 0.05},
    "default": {
        "retrieval": {"min": {"recall_at_10": 0.75, "mrr": 0.8}},
        "drafting": {"min": {"format_validity": 1.0}, "max": {"latency_p95_s": 20.0}},
    },
    "fake": {"retrieval": {"min": {"recall_at_10": 0.5}}, "drafting": {"max": {"x_s": 1.0}}},
}


def test_backend_tables_override_the_defaults_metric_by_metric():
    limits = Thresholds(DATA).limits("fake")
    assert limits["retrieval"]["min"] == {"recall_at_10": 0.5, "mrr": 0.8}
    assert limits["drafting"]["max"] == {"latency_p95_s": 20.0, "x_s": 1.0}
    assert Thresholds(DATA).limits("embedded")["retrieval"]["min"]["recall_at_10"] == 0.75


def test_checks_pass_fail_and_missing():
    metrics = {
        "retrieval": {"recall_at_10": 0.6, "mrr": 0.8},
        "drafting": {"format_validity": 0.97, "latency_p95_s": 3.0},
    }
    checks = {(c.suite, c.metric): c for c in Thresholds(DATA).check("embedded", metrics)}
    assert not checks["retrieval", "recall_at_10"].passed  # 0.6 < 0.75
    assert checks["retrieval", "mrr"].passed  # the limit itself passes
    assert not checks["drafting", "format_validity"].passed
    assert checks["drafting", "latency_p95_s"].passed
    fake = {(c.suite, c.metric): c for c in Thresholds(DATA).check("fake", metrics)}
    assert fake["retrieval", "recall_at_10"].passed
    assert not fake["drafting", "x_s"].passed  # a limited metric that is missing fails
    assert "FAIL" in fake["drafting", "x_s"].render()


def test_suites_that_did_not_run_are_not_checked():
    checks = Thresholds(DATA).check("fake", {"retrieval": {"recall_at_10": 0.9, "mrr": 0.9}})
    assert {c.suite for c in checks} == {"retrieval"}


def test_shipped_thresholds_gate_drafting_quality_on_the_report_half():
    shipped = Thresholds.load()
    for backend in ("fake", "embedded"):
        drafting = shipped.limits(backend)["drafting"]
        assert drafting["min"]["report_usable"] >= 0.9
        assert drafting["min"]["report_citation_precision"] >= 0.68
        assert drafting["min"]["report_citation_recall"] >= 0.6
        assert drafting["min"]["report_unprecedented_recall"] >= 0.8
        assert drafting["max"]["report_invented_facts"] == 0
    assert shipped.limits("embedded")["retrieval"]["min"]["recall_at_10"] >= 0.7
    assert shipped.limits("fake")["mentions"]["min"]["exact_accuracy"] >= 0.9


def test_unreadable_thresholds_are_a_configuration_error(tmp_path):
    bad = tmp_path / "t.toml"
    bad.write_text("[default\n")
    with pytest.raises(ConfigurationError):
        Thresholds.load(bad)


def run(metrics):
    return RunResult("fake", {s: SuiteResult(s, m, []) for s, m in metrics.items()})


def test_compare_flags_regressions_beyond_the_tolerance():
    a = run({"retrieval": {"recall_at_10": 0.80, "mrr": 0.90, "latency_p95_s": 1.0}})
    b = run({"retrieval": {"recall_at_10": 0.70, "mrr": 0.89, "latency_p95_s": 2.0, "new": 1.0}})
    rows = {r.metric: r for r in compare_runs(a, b, tolerance=0.02, latency_tolerance=0.5)}
    assert rows["recall_at_10"].regression and rows["recall_at_10"].delta == pytest.approx(-0.1)
    assert not rows["mrr"].regression  # within the tolerance
    assert rows["latency_p95_s"].regression  # doubled: lower is better
    assert not rows["new"].regression and rows["new"].a is None
    table = render_table(list(rows.values()))
    assert "REGRESSION" in table and "2 regression(s) in 4 metric(s)" in table


def test_compare_marks_improvements_and_ignores_latency_jitter():
    a = run({"drafting": {"format_validity": 0.9, "latency_p50_s": 0.002}})
    b = run({"drafting": {"format_validity": 1.0, "latency_p50_s": 0.004}})
    rows = {r.metric: r for r in compare_runs(a, b)}
    assert rows["format_validity"].improvement
    assert not rows["latency_p50_s"].regression  # 2 ms is below the floor
