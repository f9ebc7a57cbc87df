"""Comparing two runs metric by metric (``clausewright eval compare A B``).

A score (higher is better) regresses when B is more than ``tolerance`` below A; a
latency (``*_s``, lower is better) regresses when B exceeds A by more than
``latency_tolerance`` as a fraction of A (and by more than ``latency_floor_s``, so that
millisecond jitter is not a regression). A metric only one run has is listed, not judged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from eval.report import is_latency
from eval.results import RunResult

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Row:
    suite: str
    metric: str
    a: float | None
    b: float | None
    regression: bool
    improvement: bool

    @property
    def delta(self) -> float | None:
        return None if self.a is None or self.b is None else self.b - self.a


def compare_runs(
    a: RunResult,
    b: RunResult,
    tolerance: float = 0.02,
    latency_tolerance: float = 0.5,
    latency_floor_s: float = 0.05,
) -> list[Row]:
    """One row per metric of either run, in suite order."""
    rows: list[Row] = []
    am, bm = a.metrics(), b.metrics()
    for suite in list(dict.fromkeys([*am, *bm])):
        left, right = am.get(suite, {}), bm.get(suite, {})
        for metric in list(dict.fromkeys([*left, *right])):
            va, vb = left.get(metric), right.get(metric)
            worse = better = False
            if va is not None and vb is not None:
                if is_latency(metric):
                    limit = max(va * latency_tolerance, latency_floor_s)
                    worse, better = vb - va > limit, va - vb > limit
                else:
                    worse, better = va - vb > tolerance, vb - va > tolerance
            rows.append(Row(suite, metric, va, vb, worse, better))
    return rows


def render_table(rows: list[Row], name_a: str = "A", name_b: str = "B") -> str:
    """A plain-text table: metric, A, B, delta and a flag."""
    header = ("metric", name_a[:14], name_b[:14], "delta", "")
    body = [
        (
            f"{r.suite}.{r.metric}",
            _num(r.a),
            _num(r.b),
            "" if r.delta is None else f"{r.delta:+.4f}",
            "REGRESSION" if r.regression else ("improved" if r.improvement else ""),
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(5)]
    lines = []
    for n, row in enumerate([header, *body]):
        cells = [row[0].ljust(widths[0])] + [row[i].rjust(widths[i]) for i in (1, 2, 3)]
        lines.append("  ".join([*cells, row[4]]).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths[:4]))
    regressions = sum(r.regression for r in rows)
    lines.append(f"{regressions} regression(s) in {len(rows)} metric(s)")
    return "\n".join(lines)


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.4f}"
