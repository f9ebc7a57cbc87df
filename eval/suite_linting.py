"""The linting suite: texts with known diagnostics → precision and recall of the validator.

A case is one of:

* ``lines``: a resolution as lines of text, linted under ``profile`` (null: inferred);
* ``corpus_file``: a file of the seed corpus, linted under ``profile``;
* ``clause``: one proposed clause, linted as the drafting chain does (``kind``,
  ``number``, ``is_last``, ``profile``).

``expected`` lists ``[line, code]`` pairs. A finding is a (case, line, code) triple;
precision and recall are micro-averaged over all cases (so finding nothing scores 0),
``case_accuracy`` is the share of cases whose findings are exactly the expected ones.
Informational findings (severity ``info``) are not counted.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eval.metrics import mean, prf
from eval.results import ProgressFactory, SuiteResult, null_progress, run_cases

log = logging.getLogger(__name__)

LinterFactory = Callable[[str | None], Any]
ClauseLinter = Callable[..., list[Any]]


class LintingSuite:
    """Runs the linting cases with a linter factory and a single-clause linter."""

    name = "linting"

    def __init__(
        self, make_linter: LinterFactory, lint_clause: ClauseLinter, corpus_dir: Path
    ) -> None:
        self.make_linter = make_linter
        self.lint_clause = lint_clause
        self.corpus_dir = Path(corpus_dir)
        self._linters: dict[str | None, Any] = {}

    def _linter(self, profile: str | None) -> Any:
        if profile not in self._linters:
            self._linters[profile] = self.make_linter(profile)
        return self._linters[profile]

    def diagnostics(self, case: dict[str, Any]) -> list[Any]:
        """What the validator reports for one case."""
        profile = case.get("profile")
        if "clause" in case:
            return self.lint_clause(
                case["clause"],
                case.get("kind", "operative"),
                case.get("number"),
                case.get("is_last", False),
                profile or "nmun",
            )
        if "corpus_file" in case:
            return self._linter(profile).lint_file(self.corpus_dir / case["corpus_file"])
        return self._linter(profile).lint_text("\n".join(case["lines"]), f"<{case['id']}>")

    def run(
        self, cases: list[dict[str, Any]], progress: ProgressFactory = null_progress
    ) -> SuiteResult:
        started = time.perf_counter()
        records = run_cases(self.name, cases, self._case, progress)
        tp = sum(len(r["matched"]) for r in records)
        found = sum(len(r["matched"]) + len(r["extra"]) for r in records)
        expected = sum(len(r["matched"]) + len(r["missing"]) for r in records)
        metrics = prf(tp, found, expected) if records else prf(0, 0, 1)
        metrics["case_accuracy"] = mean(float(r["exact"]) for r in records)
        info = {"recall_by_code": _recall_by_code(records)}
        return SuiteResult(self.name, metrics, records, time.perf_counter() - started, info)

    def _case(self, case: dict[str, Any]) -> dict[str, Any]:
        found = {
            (d.line, d.code) for d in self.diagnostics(case) if getattr(d, "severity", "") != "info"
        }
        want = {(int(line), str(code)) for line, code in case["expected"]}
        return {
            "id": case["id"],
            "profile": case.get("profile"),
            "note": case.get("note", ""),
            "expected": sorted([line, code] for line, code in want),
            "matched": sorted([line, code] for line, code in want & found),
            "missing": sorted([line, code] for line, code in want - found),
            "extra": sorted([line, code] for line, code in found - want),
            "exact": found == want,
        }


def _recall_by_code(records: list[dict[str, Any]]) -> dict[str, float]:
    hits: dict[str, list[float]] = {}
    for r in records:
        for _, code in r["matched"]:
            hits.setdefault(code, []).append(1.0)
        for _, code in r["missing"]:
            hits.setdefault(code, []).append(0.0)
    return {code: mean(v) for code, v in sorted(hits.items())}


class ClauseChecker:
    """``lint_clause_text`` with one linter per profile, built once (the suites call it
    many times); call it as ``checker(text, kind, number, is_last, profile)``."""

    def __init__(self, lint_clause: ClauseLinter, make_linter: LinterFactory) -> None:
        self.lint_clause = lint_clause
        self.make_linter = make_linter
        self._linters: dict[str, Any] = {}

    def __call__(
        self, text: str, kind: str, number: int | None, is_last: bool, profile: str
    ) -> list[Any]:
        if profile not in self._linters:
            self._linters[profile] = self.make_linter(profile)
        linter = self._linters[profile]
        return self.lint_clause(text, kind, number, is_last, profile, linter=linter)
