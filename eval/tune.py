"""Choosing the drafting cut-offs on the tuning half of the drafting suite.

Three numbers decide what a proposal cites and when it is labelled unprecedented: the
dense similarity a retrieved clause needs to count as precedent (``min_similarity``),
and the cosine and key-term share a precedent needs to support the finished clause
(``citation_min_cosine``, ``citation_min_terms``). ``clausewright eval tune`` drafts
every *tune* case once with all three at zero, records each retrieved clause's three
measures, and scores every point of a grid against the hand labels without drafting
again. The chosen point has the best precision plus accuracy of the unprecedented label
among those whose recall reaches 0.75 (the target is 0.7);
the *report* half is never looked at here.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.drafting.cite import Measure, SupportRule, select
from assistant.drafting.proposals import DraftRequest, Proposed, Retrieved
from assistant.drafting.retrieve import Found

GRID_SIMILARITY = (0.3, 0.4, 0.45, 0.5, 0.55)
GRID_COSINE = (0.4, 0.45, 0.5, 0.55, 0.6, 0.65)
GRID_TERMS = (0.0, 0.25, 0.34, 0.5, 0.67)
GRID_LIMIT = (1, 2, 3)
GRID_MARGIN = (0.05, 0.1, 0.2, 9.0)
GRID_SAME_KIND = (False, True)
GRID_NAMES = (False, True)
RECALL_FLOOR = 0.75


@dataclass(frozen=True)
class Measured:
    """One retrieved clause of one case: its similarity to the topic, its support
    measures for the drafted clause, and whether readers labelled it relevant."""

    similarity: float
    measure: Measure
    labelled: bool


@dataclass
class TunedCase:
    case_id: str
    relevant: int  # labelled clauses
    hits: list[Measured]


@dataclass(frozen=True)
class Point:
    min_similarity: float
    rule: SupportRule
    precision: float
    recall: float
    unprecedented_accuracy: float

    @property
    def objective(self) -> tuple[bool, float]:
        """The issue's targets are precision ≥ 0.9 with recall ≥ 0.7: among the points
        whose recall reaches 0.75 on the tuning half (a margin over 0.7), the one with the
        best precision plus unprecedented-label accuracy."""
        return (self.recall >= RECALL_FLOOR, self.precision + self.unprecedented_accuracy)


def collect(drafter: Any, cases: Iterable[dict[str, Any]]) -> list[TunedCase]:
    """Draft each case once with every cut-off at zero; measure what it retrieved."""
    from assistant.drafting.understand import understand

    out = []
    for case in cases:
        req = DraftRequest(case["request"], case["kind"], 1, None, case.get("profile"))
        retrieved: Retrieved | None = None
        clause = ""
        for event in drafter.stream(req):
            if isinstance(event, Retrieved):
                retrieved = event
            elif isinstance(event, Proposed):
                clause = event.proposal.plain
        labelled = set(case.get("relevant", []))
        hits: list[Measured] = []
        if retrieved is not None and clause:
            found = Found(list(retrieved.hits), list(retrieved.hits), retrieved.similarity)
            topic = understand(case["request"], case["kind"], drafter.lexicon).topic
            for m in drafter.citer.measure(clause, topic, case["kind"], found):
                sim = retrieved.similarity.get(m.clause_id, 0.0)
                hits.append(Measured(sim, m, m.clause_id in labelled))
        out.append(TunedCase(case["id"], len(labelled), hits))
    return out


def score(cases: Sequence[TunedCase], min_similarity: float, rule: SupportRule) -> Point:
    cited = correct = 0
    recall_parts: list[float] = []
    unprecedented_right = 0
    for case in cases:
        pool = [h for h in case.hits if h.similarity >= min_similarity]
        labelled = {h.measure.clause_id for h in pool if h.labelled}
        chosen = select([h.measure for h in pool], rule)
        hits = sum(m.clause_id in labelled for m in chosen)
        cited += len(chosen)
        correct += hits
        if case.relevant:
            recall_parts.append(1.0 if hits else 0.0)
        unprecedented_right += (not chosen) == (case.relevant == 0)
    precision = correct / cited if cited else 0.0
    recall = sum(recall_parts) / len(recall_parts) if recall_parts else 0.0
    accuracy = unprecedented_right / len(cases) if cases else 0.0
    return Point(min_similarity, rule, round(precision, 3), round(recall, 3), round(accuracy, 3))


def grid(cases: Sequence[TunedCase]) -> list[Point]:
    """Every grid point, best first."""
    points = [
        score(cases, sim, SupportRule(cos, terms, limit, margin, same, names))
        for sim, cos, terms, limit, margin, same, names in itertools.product(
            GRID_SIMILARITY,
            GRID_COSINE,
            GRID_TERMS,
            GRID_LIMIT,
            GRID_MARGIN,
            GRID_SAME_KIND,
            GRID_NAMES,
        )
    ]
    return sorted(points, key=lambda p: p.objective, reverse=True)
