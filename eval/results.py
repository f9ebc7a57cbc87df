"""What a suite run produces, and the progress interface the runners report to.

Every suite runner returns a ``SuiteResult``: its aggregate metrics (flat names such as
``recall_at_10`` or ``latency_p95_s``), one record per case with every score, and how
long it took. Progress is reported through a factory ``(description, total) -> bar``
whose bars have ``update(n)`` and ``close()`` (``tqdm`` fits; ``NullProgress`` is silent).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

SCHEMA = 1  # version of the result JSON layout


class ProgressBar(Protocol):
    def update(self, n: int = 1) -> Any: ...

    def close(self) -> Any: ...


ProgressFactory = Callable[[str, int], ProgressBar]


class NullProgress:
    """A progress bar that shows nothing."""

    def update(self, n: int = 1) -> None:
        return None

    def close(self) -> None:
        return None


def null_progress(description: str, total: int) -> ProgressBar:
    return NullProgress()


def run_cases(
    name: str,
    cases: list[dict[str, Any]],
    case: Callable[[dict[str, Any]], Any],
    progress: ProgressFactory,
) -> list[Any]:
    """``case`` applied to every case in order, with a progress bar."""
    bar = progress(name, len(cases))
    out = []
    try:
        for item in cases:
            out.append(case(item))
            bar.update(1)
    finally:
        bar.close()
    return out


@dataclass
class SuiteResult:
    """Aggregate metrics and per-case records of one suite."""

    name: str
    metrics: dict[str, float]
    cases: list[dict[str, Any]]
    duration_s: float = 0.0
    info: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "metrics": {k: round(v, 6) for k, v in self.metrics.items()},
            "duration_s": round(self.duration_s, 3),
            "info": self.info,
            "cases": self.cases,
        }

    @classmethod
    def from_dict(cls, name: str, data: dict[str, Any]) -> SuiteResult:
        return cls(
            name=name,
            metrics=dict(data.get("metrics", {})),
            cases=list(data.get("cases", [])),
            duration_s=float(data.get("duration_s", 0.0)),
            info=dict(data.get("info", {})),
        )


def rounded(value: float, digits: int = 4) -> float:
    """A score as stored in per-case records."""
    return round(float(value), digits)


@dataclass
class RunResult:
    """One run of the harness: every suite's result, the threshold checks, the environment."""

    backend: str
    suites: dict[str, SuiteResult]
    checks: list[Any] = field(default_factory=list)  # eval.thresholds.Check
    environment: dict[str, Any] = field(default_factory=dict)
    created: str = ""
    duration_s: float = 0.0
    thresholds: str = ""

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    def metrics(self) -> dict[str, dict[str, float]]:
        """suite → metric → value."""
        return {name: dict(s.metrics) for name, s in self.suites.items()}

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "created": self.created,
            "backend": self.backend,
            "duration_s": round(self.duration_s, 3),
            "passed": self.passed,
            "thresholds": self.thresholds,
            "checks": [c.to_dict() for c in self.checks],
            "environment": self.environment,
            "suites": {name: s.to_dict() for name, s in self.suites.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunResult:
        from eval.thresholds import Check

        checks = [
            Check(c["suite"], c["metric"], c["kind"], float(c["limit"]), c.get("value"))
            for c in data.get("checks", [])
        ]
        suites = {n: SuiteResult.from_dict(n, s) for n, s in data.get("suites", {}).items()}
        return cls(
            backend=str(data.get("backend", "?")),
            suites=suites,
            checks=checks,
            environment=dict(data.get("environment", {})),
            created=str(data.get("created", "")),
            duration_s=float(data.get("duration_s", 0.0)),
            thresholds=str(data.get("thresholds", "")),
        )
