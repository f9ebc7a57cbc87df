"""Step 7 — choose: the best verified candidates, or none.

A candidate is eligible when it has no defect and says what was asked: it contains the
request's key terms (``min_coverage`` of them, folded). Eligible candidates rank by
the model's score when it gave one (completion models), else in the order an
instruction model wrote them. Proposals for one request are distinct (:func:`distinct`).
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.drafting.cite import key_terms, shared_terms
from assistant.drafting.generate import Candidate

MIN_COVERAGE = 0.6


def coverage(candidate: Candidate, topic: str) -> float:
    """Share of the topic's key terms the candidate's body contains."""
    terms = key_terms(topic)
    if not terms:
        return 1.0
    return shared_terms(terms, key_terms(candidate.body)) / len(terms)


def choose(
    candidates: Sequence[Candidate], topic: str, min_coverage: float = MIN_COVERAGE
) -> list[Candidate]:
    """The eligible candidates, best first."""
    eligible = [c for c in candidates if not c.defects and coverage(c, topic) >= min_coverage]
    return sorted(eligible, key=_rank)


def distinct(candidate: Candidate, accepted: Sequence[Candidate]) -> bool:
    """Not the same clause as one already proposed (nor one of them with a tail added)."""
    return all(
        candidate.phrase != o.phrase
        or not (candidate.body.startswith(o.body) or o.body.startswith(candidate.body))
        for o in accepted
    )


def _rank(c: Candidate) -> tuple[float, int]:
    """By the model's score when it gave one; else model-written first, in the order the
    model wrote them (sorting is stable)."""
    if c.score is not None:
        return (-c.score, 0)
    return (0.0, 0 if c.source == "model" else 1)
