"""Thresholds: the minimum (or maximum) value of each suite metric, per backend profile.

``eval/thresholds.toml`` holds ``[default.<suite>.min]`` / ``[default.<suite>.max]``
tables that apply to every backend, and ``[<backend>.<suite>.min|max]`` tables that
override them metric by metric (backend: ``fake``, ``embedded``, ``openai``,
``ollama``). ``[compare]`` sets the tolerances of ``clausewright eval compare``. A run
fails when a metric of a suite that ran is missing or beyond its limit.
"""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.errors import ConfigurationError

log = logging.getLogger(__name__)

KINDS = ("min", "max")


def default_thresholds_path() -> Path:
    return Path(__file__).resolve().parent / "thresholds.toml"


@dataclass(frozen=True)
class Check:
    """One metric against its limit."""

    suite: str
    metric: str
    kind: str  # "min" or "max"
    limit: float
    value: float | None

    @property
    def passed(self) -> bool:
        if self.value is None:
            return False
        return self.value >= self.limit if self.kind == "min" else self.value <= self.limit

    def to_dict(self) -> dict[str, Any]:
        return {
            "suite": self.suite,
            "metric": self.metric,
            "kind": self.kind,
            "limit": self.limit,
            "value": self.value,
            "passed": self.passed,
        }

    def render(self) -> str:
        sign = "≥" if self.kind == "min" else "≤"
        value = "missing" if self.value is None else f"{self.value:.4f}"
        mark = "ok  " if self.passed else "FAIL"
        return f"{mark} {self.suite}.{self.metric} = {value} (needs {sign} {self.limit:g})"


class Thresholds:
    """Limits per backend and suite, read from a TOML file."""

    def __init__(self, data: dict[str, Any], source: str = "<thresholds>") -> None:
        self.data = data
        self.source = source
        compare = data.get("compare", {})
        self.tolerance = float(compare.get("tolerance", 0.02))
        self.latency_tolerance = float(compare.get("latency_tolerance", 0.5))

    @classmethod
    def load(cls, path: Path | None = None) -> Thresholds:
        path = Path(path or default_thresholds_path())
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigurationError(f"{path}: cannot read thresholds: {exc}") from exc
        return cls(data, str(path))

    def limits(self, backend: str) -> dict[str, dict[str, dict[str, float]]]:
        """suite → "min"/"max" → metric → limit, the backend's tables over the defaults."""
        out: dict[str, dict[str, dict[str, float]]] = {}
        for profile in ("default", backend):
            for suite, tables in self.data.get(profile, {}).items():
                if not isinstance(tables, dict):
                    raise ConfigurationError(f"{self.source}: [{profile}.{suite}] is not a table")
                for kind in KINDS:
                    for metric, limit in tables.get(kind, {}).items():
                        out.setdefault(suite, {}).setdefault(kind, {})[metric] = float(limit)
                        other = "max" if kind == "min" else "min"
                        out[suite].get(other, {}).pop(metric, None)
        return out

    def check(self, backend: str, metrics: dict[str, dict[str, float]]) -> list[Check]:
        """Every limit of the suites in ``metrics`` (suite → metric → value)."""
        checks: list[Check] = []
        for suite, tables in self.limits(backend).items():
            if suite not in metrics:
                continue
            for kind in KINDS:
                for metric, limit in sorted(tables.get(kind, {}).items()):
                    value = metrics[suite].get(metric)
                    checks.append(Check(suite, metric, kind, limit, value))
        return checks
