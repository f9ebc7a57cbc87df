"""The mentions suite: "which drafts mention X?" with the exact set of clauses.

Scores per case: exact-set accuracy of the clause IDs, precision and recall against the
expected set, and exact-set accuracy of the resolutions. Aggregates: ``exact_accuracy``
and ``resolution_accuracy`` over all cases; ``precision`` and ``recall`` averaged over
the cases that expect at least one clause (a case that expects nothing, such as a
misspelling, can only be exactly right or wrong). Returning nothing scores 0 on every
case that expects something.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from eval.metrics import mean, set_scores
from eval.results import ProgressFactory, SuiteResult, null_progress, rounded, run_cases

log = logging.getLogger(__name__)


def symbol_of(clause_id: str) -> str:
    return clause_id.split(" ", 1)[0]


class MentionsSuite:
    """Runs the mention cases against a ``MentionSearch``-like object with ``search``."""

    name = "mentions"

    def __init__(self, mentions: Any) -> None:
        self.mentions = mentions

    def run(
        self, cases: list[dict[str, Any]], progress: ProgressFactory = null_progress
    ) -> SuiteResult:
        started = time.perf_counter()
        records = run_cases(self.name, cases, self._case, progress)
        expecting = [r for r in records if r["expected"]]
        metrics = {
            "exact_accuracy": mean(r["exact"] for r in records),
            "precision": mean(r["precision"] for r in expecting),
            "recall": mean(r["recall"] for r in expecting),
            "resolution_accuracy": mean(r["resolutions_exact"] for r in records),
        }
        by_variant: dict[str, list[float]] = {}
        for r in records:
            by_variant.setdefault(r["variant"], []).append(r["exact"])
        info = {"exact_by_variant": {k: mean(v) for k, v in sorted(by_variant.items())}}
        return SuiteResult(self.name, metrics, records, time.perf_counter() - started, info)

    def _case(self, case: dict[str, Any]) -> dict[str, Any]:
        t0 = time.perf_counter()
        result = self.mentions.search(case["query"])
        latency = time.perf_counter() - t0
        found = list(dict.fromkeys(result.clause_ids()))
        expected = list(case["expected"])
        scores = set_scores(found, expected)
        got_res = {symbol_of(i) for i in found}
        want_res = {symbol_of(i) for i in expected}
        return {
            "id": case["id"],
            "query": case["query"],
            "variant": case.get("variant", "other"),
            "expected": expected,
            "found": found,
            "missing": sorted(set(expected) - set(found)),
            "extra": sorted(set(found) - set(expected)),
            "exact": scores["exact"],
            "precision": rounded(scores["precision"]),
            "recall": rounded(scores["recall"]),
            "resolutions_exact": float(got_res == want_res),
            "latency_s": rounded(latency, 5),
        }
