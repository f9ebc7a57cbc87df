"""The retrieval suite: paraphrased queries with the clause IDs that are relevant.

Each query is run in every configured mode (hybrid first: its scores are the suite's
headline metrics; the other modes are reported with a ``<mode>_`` prefix). Scores per
case: recall@5, recall@10, MRR and nDCG@10 over the top ``k`` IDs; per-query latency.

Each case belongs to a split (``split``: ``tune`` or ``report``; ``report`` when not
given). Search settings are chosen on the ``tune`` cases only; every score is also
reported per split with a ``tune_`` / ``report_`` prefix before the mode's
(``report_recall_at_10``, ``report_lexical_mrr``), the unprefixed scores cover all cases.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from eval.metrics import mean, ndcg_at_k, percentile, recall_at_k, reciprocal_rank
from eval.results import ProgressFactory, SuiteResult, null_progress, rounded, run_cases

log = logging.getLogger(__name__)

SCORES = ("recall_at_5", "recall_at_10", "mrr", "ndcg_at_10")
SPLITS = ("tune", "report")


def score_ranking(ranked: list[str], relevant: list[str]) -> dict[str, float]:
    """Every retrieval score of one ranked list."""
    return {
        "recall_at_5": recall_at_k(ranked, relevant, 5),
        "recall_at_10": recall_at_k(ranked, relevant, 10),
        "mrr": reciprocal_rank(ranked, relevant),
        "ndcg_at_10": ndcg_at_k(ranked, relevant, 10),
    }


class RetrievalSuite:
    """Runs the retrieval cases against a ``HybridSearch``-like object with ``search``."""

    name = "retrieval"

    def __init__(
        self,
        index: Any,
        k: int = 10,
        modes: tuple[str, ...] = ("hybrid", "lexical", "dense", "rrf"),
    ) -> None:
        if not modes:
            raise ValueError("at least one retrieval mode is needed")
        self.index = index
        self.k = max(k, 10)
        self.modes = modes

    def run(
        self, cases: list[dict[str, Any]], progress: ProgressFactory = null_progress
    ) -> SuiteResult:
        started = time.perf_counter()
        pairs = run_cases(self.name, cases, self._case, progress)
        records = [record for record, _ in pairs]
        latencies = [latency for _, latency in pairs]
        metrics = self._aggregate(records)
        metrics["latency_p50_s"] = percentile(latencies, 50)
        metrics["latency_p95_s"] = percentile(latencies, 95)
        return SuiteResult(
            self.name,
            metrics,
            records,
            time.perf_counter() - started,
            {
                "k": self.k,
                "modes": list(self.modes),
                "headline_mode": self.modes[0],
                "splits": {s: sum(r["split"] == s for r in records) for s in SPLITS},
            },
        )

    def _case(self, case: dict[str, Any]) -> tuple[dict[str, Any], float]:
        record: dict[str, Any] = {
            "id": case["id"],
            "split": case.get("split", "report"),
            "query": case["query"],
            "relevant": case["relevant"],
        }
        latency = 0.0
        for n, mode in enumerate(self.modes):
            t0 = time.perf_counter()
            hits = self.index.search(case["query"], k=self.k, mode=mode)
            if n == 0:
                latency = time.perf_counter() - t0
            ranked = [h.clause_id for h in hits]
            scores = score_ranking(ranked, case["relevant"])
            record[mode] = {
                "ranked": ranked,
                "found": [i for i in ranked if i in set(case["relevant"])],
                **{k: rounded(v) for k, v in scores.items()},
            }
        record["latency_s"] = rounded(latency)
        return record, latency

    def _aggregate(self, records: list[dict[str, Any]]) -> dict[str, float]:
        """Every mode's mean scores over all cases, then over each split that has cases."""
        metrics = self._means(records, "")
        for split in SPLITS:
            part = [r for r in records if r["split"] == split]
            if part:
                metrics.update(self._means(part, f"{split}_"))
        return metrics

    def _means(self, records: list[dict[str, Any]], split_prefix: str) -> dict[str, float]:
        metrics: dict[str, float] = {}
        for n, mode in enumerate(self.modes):
            prefix = split_prefix + ("" if n == 0 else f"{mode}_")
            for score in SCORES:
                metrics[prefix + score] = mean(r[mode][score] for r in records)
        return metrics
