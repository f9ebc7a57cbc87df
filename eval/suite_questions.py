"""The question suites: what delegates type in the chat, answered end to end.

Each case is asked through ``ChatAssistant.respond`` in a fresh conversation (its
``after`` messages first, for follow-ups), exactly as the UI and ``chat`` ask it — except
that a message read as a request for new or revised clauses is only read, not drafted
(what is scored is the kind and count asked for; the drafting suite scores the clauses),
which keeps the suite at seconds instead of minutes. Scores:
the intent read, and the answer — the exact set of clauses for exhaustive questions, a
relevant clause in the top 10 for ranked ones, the clause shown, the fact's value, the
kind and count of clauses asked for. ``routing_drafted`` counts questions answered with
a drafted clause (the target is 0). Metrics are given overall, per intent and per split
(``tune_`` / ``report_`` / ``holdout_``: written later, by a reader who never saw the
code); thresholds apply to the report and holdout splits.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from eval.metrics import mean
from eval.results import ProgressFactory, SuiteResult, null_progress, rounded, run_cases

log = logging.getLogger(__name__)

INTENTS = ("mentions", "similar", "show", "facts", "propose", "revise", "check", "clarify")
SPLITS = ("tune", "report", "holdout")
RANKED_K = 10
_DRAFTS = ("proposals", "revision")
_ASKS_FOR_DRAFTS = ("propose", "revise")


class QuestionsSuite:
    """Runs question cases against a ``ChatAssistant`` over the suite's corpus."""

    def __init__(self, name: str, assistant: Any, conversation_factory: Any) -> None:
        self.name = name
        self.assistant = assistant
        self.new_conversation = conversation_factory

    def run(
        self, cases: list[dict[str, Any]], progress: ProgressFactory = null_progress
    ) -> SuiteResult:
        started = time.perf_counter()
        records = run_cases(self.name, cases, self._case, progress)
        metrics = _aggregate(records, "")
        for split in SPLITS:
            metrics.update(_aggregate([r for r in records if r["split"] == split], f"{split}_"))
        latencies = sorted(r["latency_s"] for r in records)
        metrics["latency_p50_s"] = latencies[len(latencies) // 2] if latencies else 0.0
        info = {"failed": [r["id"] for r in records if not r["correct"]]}
        return SuiteResult(self.name, metrics, records, time.perf_counter() - started, info)

    def _ask(self, message: str, conversation: Any) -> Any:
        from assistant.asking.answers import Answer
        from assistant.asking.followups import Turn
        from assistant.asking.requests import ProposeClauses, ReviseClause

        request = self.assistant.read(message, conversation)
        if isinstance(request, ProposeClauses | ReviseClause):
            conversation.last = Turn(request)
            kind = "proposals" if isinstance(request, ProposeClauses) else "revision"
            return Answer(kind, "", request=request)
        return self.assistant.respond(message, conversation=conversation)

    def _case(self, case: dict[str, Any]) -> dict[str, Any]:
        conversation = self.new_conversation()
        for message in case.get("after", []):
            self._ask(message, conversation)
        t0 = time.perf_counter()
        answer = self._ask(case["question"], conversation)
        latency = time.perf_counter() - t0
        from assistant.asking.requests import intent_of

        intent = intent_of(answer.request) if answer.request is not None else "none"
        expected = case.get("expected", {})
        right_answer = intent == case["intent"] and score_answer(case["intent"], expected, answer)
        return {
            "id": case["id"],
            "split": case.get("split", "tune"),
            "question": case["question"],
            "after": case.get("after", []),
            "variant": case.get("variant", "other"),
            "intent": case["intent"],
            "read_as": intent,
            "request": repr(answer.request),
            "intent_correct": float(intent == case["intent"]),
            "correct": float(right_answer),
            "drafted_for_a_question": float(
                answer.kind in _DRAFTS and case["intent"] not in _ASKS_FOR_DRAFTS
            ),
            "expected": expected,
            "got_ids": answer.ids[:40],
            "got_value": answer.value,
            "latency_s": rounded(latency, 4),
        }


def score_answer(intent: str, expected: dict[str, Any], answer: Any) -> bool:
    """Whether an answer read with the right intent gives what the case expects."""
    request = answer.request
    if intent == "mentions":
        return set(answer.ids) == set(expected.get("clauses", []))
    if intent == "similar":
        return bool(set(answer.ids[:RANKED_K]) & set(expected.get("relevant", [])))
    if intent == "show":
        if "clause" in expected:
            return bool(answer.ids) and answer.ids[0] == expected["clause"]
        return getattr(request, "symbol", None) == expected.get("resolution") and not getattr(
            request, "clause_id", None
        )
    if intent == "facts":
        return _same_value(answer.value, expected.get("answer"))
    if intent == "propose":
        return request.kind == expected.get("kind", request.kind) and request.count == expected.get(
            "count", request.count
        )
    if intent == "revise":
        return request.action == expected.get("action", request.action) and (
            "clause" not in expected or request.clause == expected["clause"]
        )
    return True  # check, clarify: the intent is the answer


def _same_value(got: Any, want: Any) -> bool:
    if isinstance(want, list):
        if isinstance(got, str):  # one name said as a sentence's value
            got = [got]
        if not isinstance(got, list):
            return False
        return {str(x).casefold() for x in got} == {str(x).casefold() for x in want}
    if isinstance(want, str):
        return isinstance(got, str) and got.casefold().strip() == want.casefold().strip()
    return got == want


def _aggregate(records: list[dict[str, Any]], prefix: str) -> dict[str, float]:
    if not records:
        return {}
    out = {
        f"{prefix}exact_accuracy": mean(r["correct"] for r in records),
        f"{prefix}intent_accuracy": mean(r["intent_correct"] for r in records),
        f"{prefix}routing_drafted": float(sum(r["drafted_for_a_question"] for r in records)),
        f"{prefix}cases": float(len(records)),
    }
    for intent in INTENTS:
        mine = [r["correct"] for r in records if r["intent"] == intent]
        if mine:
            out[f"{prefix}{intent}_accuracy"] = mean(mine)
    return out
