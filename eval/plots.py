"""PNG plots of a run (matplotlib, Agg backend: no display needed)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from eval.report import is_latency
from eval.results import RunResult

log = logging.getLogger(__name__)


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plot_scores(result: RunResult, path: Path) -> Path:
    """One panel per suite: its scores (0–1) as bars, minimum thresholds as red ticks."""
    plt = _pyplot()
    suites = [(n, s) for n, s in result.suites.items() if _scores(s.metrics)]
    fig, axes = plt.subplots(
        max(len(suites), 1),
        1,
        figsize=(8, 1.2 + 0.42 * sum(len(_scores(s.metrics)) for _, s in suites)),
        squeeze=False,
    )
    limits = {(c.suite, c.metric): c for c in result.checks if c.kind == "min"}
    for ax, (name, suite) in zip(axes[:, 0], suites, strict=False):
        scores = _scores(suite.metrics)
        labels = list(scores)
        colors = []
        for metric in labels:
            check = limits.get((name, metric))
            colors.append("#c0392b" if check and not check.passed else "#2e86c1")
        ax.barh(labels, [scores[m] for m in labels], color=colors)
        for i, metric in enumerate(labels):
            check = limits.get((name, metric))
            if check:
                ax.plot([check.limit, check.limit], [i - 0.4, i + 0.4], color="black", lw=2)
            value = scores[metric]
            inside = value > 0.85
            ax.text(
                value - 0.01 if inside else value + 0.01,
                i,
                f"{value:.3f}",
                va="center",
                ha="right" if inside else "left",
                color="white" if inside else "black",
            )
        ax.set_xlim(0, 1.0)
        ax.invert_yaxis()
        ax.set_title(f"{name} ({len(suite.cases)} cases)", loc="left", fontsize=10)
    if not suites:
        axes[0, 0].text(0.5, 0.5, "no scores", ha="center")
    fig.suptitle(f"Scores, backend {result.backend} (black tick: minimum threshold)")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def _scores(metrics: dict[str, float]) -> dict[str, float]:
    return {k: v for k, v in metrics.items() if not is_latency(k)}


def plot_latency(result: RunResult, path: Path) -> Path:
    """Histograms of per-case latency of each suite that records it."""
    plt = _pyplot()
    series = []
    for name, suite in result.suites.items():
        values = [c["latency_s"] for c in suite.cases if "latency_s" in c]
        if values:
            series.append((name, values))
    fig, axes = plt.subplots(
        1, max(len(series), 1), figsize=(4 * max(len(series), 1), 3.2), squeeze=False
    )
    for ax, (name, values) in zip(axes[0], series, strict=False):
        scale, unit = (1000.0, "ms") if max(values) < 1 else (1.0, "s")
        ax.hist(
            [v * scale for v in values], bins=min(20, max(5, len(values) // 2)), color="#2e86c1"
        )
        ax.set_title(f"{name}: per case", fontsize=10)
        ax.set_xlabel(f"latency ({unit})")
        ax.set_ylabel("cases")
    if not series:
        axes[0, 0].text(0.5, 0.5, "no latency recorded", ha="center")
    fig.suptitle(f"Latency, backend {result.backend}")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path
