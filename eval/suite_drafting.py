"""The drafting suite: requests → proposed clauses, scored for form and citation fidelity.

Per proposal (the suite asks for one clause per request):

* **format validity**: the proposal has the requested kind and the validator finds no
  error or warning in it under the case's ``check_profile``, with the operative number
  checked against ``expect_number`` (1 when there is no draft so far);
* **citation validity**: every cited ID exists in the corpus and is among the IDs
  retrieval returned for the request (``proposal.retrieved``); a proposal that cites
  nothing is valid only when it says it is unprecedented;
* **ALCE citation recall / precision** (precedent cases): the statement (the clause body)
  is supported by the union of its cited clauses' corpus texts; a citation is irrelevant
  when the statement stays supported without it and it does not support it alone (see
  ``eval.metrics``). Support is the deterministic ``support(statement, evidence) >=
  threshold`` (``assistant.citing.support_score``), or a yes/no LLM judge (``--judge``);
* **precedent recall**: share of the case's expected precedent IDs cited or retrieved
  (``precedent_cited``: cited only);
* **unprecedented**: no-precedent cases must be flagged unprecedented and cite nothing;
* **latency**: wall time of ``propose`` per request (p50, p95, max), and the CPU time
  of the process (all threads) per request, which other jobs on the machine hardly change.

A request that returns no proposal, or raises, scores 0 on everything.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

from eval.metrics import citation_precision, citation_recall, mean, percentile
from eval.results import ProgressFactory, SuiteResult, null_progress, rounded, run_cases

log = logging.getLogger(__name__)

SupportFn = Callable[[str, Sequence[str]], float]
ClauseLinter = Callable[..., list[Any]]
RequestFactory = Callable[..., Any]


class DraftingSuite:
    """Runs drafting cases through a drafter with ``propose(request) -> list[Proposal]``."""

    name = "drafting"

    def __init__(
        self,
        drafter: Any,
        clause_texts: dict[str, str],
        make_request: RequestFactory,
        lint_clause: ClauseLinter,
        support: SupportFn,
        threshold: float,
        judge: Any = None,
    ) -> None:
        self.drafter = drafter
        self.texts = clause_texts
        self.make_request = make_request
        self.lint_clause = lint_clause
        self.support = support
        self.threshold = threshold
        self.judge = judge

    def run(
        self, cases: list[dict[str, Any]], progress: ProgressFactory = null_progress
    ) -> SuiteResult:
        started = time.perf_counter()
        records = run_cases(self.name, cases, self._case, progress)
        info = {"support_threshold": self.threshold, "judge": self.judge is not None}
        return SuiteResult(
            self.name, aggregate(records), records, time.perf_counter() - started, info
        )

    def _case(self, case: dict[str, Any]) -> dict[str, Any]:
        draft = "\n".join(case["draft"]) if case.get("draft") else None
        request = self.make_request(
            request=case["request"],
            kind=case["kind"],
            n=1,
            draft_text=draft,
            profile=case.get("profile"),
        )
        record: dict[str, Any] = {"id": case["id"], "request": case["request"]}
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            proposals = list(self.drafter.propose(request))
        except Exception as exc:  # one broken case must not hide the others' scores
            log.exception("drafting case %s failed", case["id"])
            proposals = []
            record["error"] = f"{type(exc).__name__}: {exc}"
        record["latency_s"] = rounded(time.perf_counter() - t0)
        record["cpu_s"] = rounded(time.process_time() - c0)
        scored = [self._proposal(case, p) for p in proposals]
        record["proposals"] = scored
        record.update(case_scores(case, scored))
        return record

    def _proposal(self, case: dict[str, Any], p: Any) -> dict[str, Any]:
        number = case.get("expect_number", 1 if case["kind"] == "operative" else None)
        found = self.lint_clause(p.text, case["kind"], number, False, case["check_profile"])
        problems = [f"{d.code} {d.message}" for d in found if d.severity != "info"]
        if p.kind != case["kind"]:
            problems.append(f"kind {p.kind} where {case['kind']} was asked for")
        cited = [c.id for c in p.citations]
        retrieved = set(p.retrieved)
        invalid = [i for i in cited if i not in self.texts or i not in retrieved]
        valid = not invalid and (bool(cited) or bool(p.unprecedented))
        # an ID that is not in the corpus supports nothing but still counts as a citation
        evidence = [self.texts.get(i, "") for i in cited]
        statement = p.body or p.text
        out = {
            "text": p.text,
            "kind": p.kind,
            "number": p.number,
            "cited": cited,
            "retrieved": list(p.retrieved),
            "unprecedented": bool(p.unprecedented),
            "format_problems": problems,
            "format_valid": not problems,
            "invalid_citations": invalid,
            "citation_valid": valid,
            "support": rounded(self.support(statement, evidence)) if evidence else 0.0,
            "citation_recall": citation_recall(self._supported(statement), evidence),
            "citation_precision": rounded(citation_precision(self._supported(statement), evidence)),
            "self_reported_diagnostics": len(getattr(p, "diagnostics", []) or []),
        }
        if self.judge is not None:
            judged = self.judge.supported_fn(statement)
            out["judge_citation_recall"] = citation_recall(judged, evidence)
            out["judge_citation_precision"] = rounded(citation_precision(judged, evidence))
        return out

    def _supported(self, statement: str) -> Callable[[Sequence[str]], bool]:
        def supported(evidence: Sequence[str]) -> bool:
            return self.support(statement, evidence) >= self.threshold

        return supported


def case_scores(case: dict[str, Any], scored: list[dict[str, Any]]) -> dict[str, Any]:
    """Scores of one case from its scored proposals (all 0 when there are none)."""
    expected = set(case.get("precedents", []))
    cited = {i for p in scored for i in p["cited"]}
    retrieved = {i for p in scored for i in p["retrieved"]}
    out: dict[str, Any] = {
        "format_validity": mean(float(p["format_valid"]) for p in scored),
        "citation_validity": mean(float(p["citation_valid"]) for p in scored),
        "unprecedented_expected": bool(case.get("unprecedented")),
        "unprecedented_correct": bool(scored)
        and all(p["unprecedented"] == bool(case.get("unprecedented")) for p in scored)
        and (not case.get("unprecedented") or not cited),
    }
    if "expect_number" in case:
        out["numbering_correct"] = bool(scored) and all(
            p["number"] == case["expect_number"] for p in scored
        )
    if expected:
        out["precedent_recall"] = rounded(len(expected & (cited | retrieved)) / len(expected))
        out["precedent_cited"] = rounded(len(expected & cited) / len(expected))
        for key in ("citation_recall", "citation_precision"):
            out[key] = rounded(mean(p[key] for p in scored))
            judged = f"judge_{key}"
            if scored and judged in scored[0]:
                out[judged] = rounded(mean(p[judged] for p in scored))
    return out


def aggregate(records: list[dict[str, Any]]) -> dict[str, float]:
    """Suite metrics from case records."""
    precedented = [r for r in records if "precedent_recall" in r]
    novel = [r for r in records if r["unprecedented_expected"]]
    numbered = [r for r in records if "numbering_correct" in r]
    latencies = [r["latency_s"] for r in records]
    metrics = {
        "format_validity": mean(r["format_validity"] for r in records),
        "citation_validity": mean(r["citation_validity"] for r in records),
        "citation_recall": mean(r["citation_recall"] for r in precedented),
        "citation_precision": mean(r["citation_precision"] for r in precedented),
        "precedent_recall": mean(r["precedent_recall"] for r in precedented),
        "precedent_cited": mean(r["precedent_cited"] for r in precedented),
        "unprecedented_recall": mean(float(r["unprecedented_correct"]) for r in novel),
        "unprecedented_accuracy": mean(float(r["unprecedented_correct"]) for r in records),
        "numbering_accuracy": mean(float(r["numbering_correct"]) for r in numbered),
        "latency_p50_s": percentile(latencies, 50),
        "latency_p95_s": percentile(latencies, 95),
        "latency_max_s": max(latencies, default=0.0),
        "cpu_p50_s": percentile([r.get("cpu_s", 0.0) for r in records], 50),
    }
    if any("judge_citation_recall" in r for r in precedented):
        for key in ("judge_citation_recall", "judge_citation_precision"):
            metrics[key] = mean(r.get(key, 0.0) for r in precedented)
    return metrics
