"""The drafting suite: delegates' requests → proposed clauses, graded against hand labels.

Nothing here reuses the drafter's deciding code. Per case (one clause asked for):

* **answered**: a proposal came back (a plain "no clause I could stand behind" is an
  honest answer, but not a usable clause);
* **usable**: answered, and the evaluation's own detectors (``eval.defects``) find no
  missing complement, request echo, repetition, cut-off or invented fact, the validator
  finds no error, and the clause contains the case's ``must_mention`` words;
* **invented facts**: numbers, acronyms and names in the clause that are in neither the
  request nor the corpus text of the clauses it cites (looked up by ID in the corpus);
* **citation precision / recall** against the clause IDs labelled relevant by reading
  the corpus: precision = cited and labelled / cited (over all citations); recall = the
  share of cases with labelled precedent whose proposal cites at least one labelled
  clause (what a delegate needs: one precedent that really supports the clause);
* **unprecedented**: cases labelled with no precedent must be labelled unprecedented
  (or get no clause); the others must not be;
* **model share**: the share of the clause's words the model wrote (the rest is code);
* **latency** per request (p50, p95) and CPU time.

Every metric is reported for the ``tune`` half, the ``report`` half, the ``holdout``
cases (written after every cut-off was chosen, never used to choose anything) and all
cases; thresholds in ``eval/thresholds.toml`` apply to the report half and the holdout
(``report_*``, ``holdout_*``).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from typing import Any

from eval.defects import defects, spelled_out_words
from eval.metrics import mean, percentile
from eval.results import ProgressFactory, SuiteResult, null_progress, rounded, run_cases
from index.wordforms import fold

log = logging.getLogger(__name__)

ClauseLinter = Callable[..., list[Any]]
RequestFactory = Callable[..., Any]
SPLITS = ("tune", "report", "holdout")


class DraftingSuite:
    """Runs drafting cases through a drafter with ``stream(request)`` events."""

    name = "drafting"

    def __init__(
        self,
        drafter: Any,
        clause_texts: dict[str, str],
        make_request: RequestFactory,
        lint_clause: ClauseLinter,
    ) -> None:
        self.drafter = drafter
        self.texts = clause_texts
        self.make_request = make_request
        self.lint_clause = lint_clause

    def run(
        self, cases: list[dict[str, Any]], progress: ProgressFactory = null_progress
    ) -> SuiteResult:
        started = time.perf_counter()
        records = run_cases(self.name, cases, self._case, progress)
        metrics: dict[str, float] = {}
        for split in SPLITS:
            part = [r for r in records if r["split"] == split]
            metrics.update({f"{split}_{k}": v for k, v in aggregate(part).items()})
        metrics.update(aggregate(records))
        cited = {i for r in records for i in r.get("cited", []) if i in self.texts}
        info = {
            "splits": {s: sum(r["split"] == s for r in records) for s in SPLITS},
            "cited_texts": {i: self.texts[i] for i in sorted(cited)},  # for blind review
        }
        return SuiteResult(self.name, metrics, records, time.perf_counter() - started, info)

    def _case(self, case: dict[str, Any]) -> dict[str, Any]:
        request = self.make_request(
            request=case["request"], kind=case["kind"], n=1, profile=case.get("profile")
        )
        record: dict[str, Any] = {
            "id": case["id"],
            "split": case.get("split", "report"),
            "request": case["request"],
            "kind": case["kind"],
            "relevant": case.get("relevant", []),
            "unprecedented_expected": bool(case.get("unprecedented")),
        }
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            proposals = list(self.drafter.propose(request))
        except Exception as exc:  # one broken case must not hide the others' scores
            log.exception("drafting case %s failed", case["id"])
            proposals = []
            record["error"] = f"{type(exc).__name__}: {exc}"
        record["latency_s"] = rounded(time.perf_counter() - t0)
        record["cpu_s"] = rounded(time.process_time() - c0)
        record.update(self._grade(case, proposals[0] if proposals else None))
        return record

    def _grade(self, case: dict[str, Any], p: Any) -> dict[str, Any]:
        relevant = set(case.get("relevant", []))
        if p is None:
            return {
                "answered": False,
                "usable": False,
                "unprecedented_correct": bool(case.get("unprecedented")),
                "cited": [],
            }
        cited = [c.id for c in p.citations]
        evidence = [self.texts.get(i, "") for i in cited]
        found = defects(p.text, case["request"], evidence)
        lint = [
            f"{d.code} {d.message}"
            for d in self.lint_clause(p.text, case["kind"], p.number, False, case.get("profile"))
            if d.severity == "error"
        ]
        missing = [
            w for w in case.get("must_mention", []) if not _mentions(p.text, w, case["request"])
        ]
        out: dict[str, Any] = {
            "answered": True,
            "text": p.text,
            "source": p.source,
            "model_share": rounded(p.model_share),
            "cited": cited,
            "unprecedented": bool(p.unprecedented),
            "defects": found,
            "lint_errors": lint,
            "missing_words": missing,
            "usable": not found and not lint and not missing,
            "invented_fact": "invented-fact" in found,
            "unknown_citations": [i for i in cited if i not in self.texts],
            "unprecedented_correct": bool(p.unprecedented) == bool(case.get("unprecedented")),
        }
        if relevant:
            hits = len(set(cited) & relevant)
            out["citation_recall"] = 1.0 if hits else 0.0
            if cited:
                out["citation_precision"] = rounded(hits / len(cited))
        elif cited:
            out["citation_precision"] = 0.0  # any citation of a no-precedent case is wrong
        return out


def _mentions(text: str, word: str, request: str = "") -> bool:
    """``word`` (or its folded form) is in ``text``: 'shelter' matches 'shelters'; an
    acronym the request writes in capitals ('ICAT') also by its long form."""
    said = re.search(rf"(?<![\w-]){re.escape(word)}s?(?![\w-])", request, re.I)
    if (
        said
        and said.group(0).rstrip("s").isupper()
        and spelled_out_words(text, [word.upper()], any_case=True)
    ):
        return True
    wanted = [fold(w) for w in word.split()]
    have = [fold(w) for w in text.replace("-", " ").split()]
    have = [w.strip("*_;,.:()") for w in have]
    n = len(wanted)
    return any(have[i : i + n] == wanted for i in range(len(have) - n + 1)) or (
        word.lower() in text.lower()
    )


def aggregate(records: list[dict[str, Any]]) -> dict[str, float]:
    """Suite metrics from case records (one half or all)."""
    answered = [r for r in records if r["answered"]]
    labelled = [r for r in records if r["relevant"]]
    with_citations = [r for r in records if "citation_precision" in r]
    novel = [r for r in records if r["unprecedented_expected"]]
    known = [r for r in records if not r["unprecedented_expected"]]
    latencies = [r["latency_s"] for r in records]
    return {
        "cases": float(len(records)),
        "answered": mean(float(r["answered"]) for r in records),
        "usable": mean(float(r["usable"]) for r in records),
        "invented_facts": float(sum(bool(r.get("invented_fact")) for r in records)),
        "citation_precision": mean(r["citation_precision"] for r in with_citations),
        "citation_recall": mean(r.get("citation_recall", 0.0) for r in labelled),
        "unprecedented_recall": mean(float(r["unprecedented_correct"]) for r in novel),
        "precedented_labelled_so": mean(float(r["unprecedented_correct"]) for r in known),
        "unknown_citations": float(sum(len(r.get("unknown_citations", [])) for r in records)),
        "model_share": mean(r.get("model_share", 0.0) for r in answered),
        "latency_p50_s": percentile(latencies, 50),
        "latency_p95_s": percentile(latencies, 95),
        "cpu_p50_s": percentile([r.get("cpu_s", 0.0) for r in records], 50),
    }
