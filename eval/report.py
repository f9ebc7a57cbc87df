"""Writing a run: ``result.json`` (everything), ``summary.md`` and PNG plots."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from eval.results import RunResult, SuiteResult

log = logging.getLogger(__name__)

RESULT_FILE = "result.json"
SUMMARY_FILE = "summary.md"
WORST_SHOWN = 10


def is_latency(metric: str) -> bool:
    """Metrics where lower is better (seconds)."""
    return metric.endswith("_s") or "latency" in metric


def write_run(result: RunResult, out: Path, plots: bool = True) -> list[Path]:
    """Write the result JSON, the Markdown summary and (optionally) the plots to ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written = [out / RESULT_FILE, out / SUMMARY_FILE]
    written[0].write_text(
        json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n", "utf-8"
    )
    written[1].write_text(summary_markdown(result), "utf-8")
    if plots:
        from eval.plots import plot_latency, plot_scores

        written.append(plot_scores(result, out / "scores.png"))
        written.append(plot_latency(result, out / "latency.png"))
    log.info("wrote %s", ", ".join(str(p) for p in written))
    return written


def load_run(path: Path) -> RunResult:
    """A run from its ``result.json`` or the directory holding it."""
    path = Path(path)
    if path.is_dir():
        path = path / RESULT_FILE
    from index.errors import ConfigurationError

    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigurationError(f"{path}: cannot read an evaluation result: {exc}") from exc
    return RunResult.from_dict(data)


def summary_markdown(result: RunResult) -> str:
    env = result.environment
    git = env.get("git", {})
    commit = (git.get("commit") or "unknown")[:12] + (
        " (uncommitted changes)" * bool(git.get("dirty"))
    )
    failed = [c for c in result.checks if not c.passed]
    verdict = (
        "PASSED" if result.passed else f"FAILED ({len(failed)} of {len(result.checks)} checks)"
    )
    lines = [
        f"# Clausewright evaluation: backend `{result.backend}`",
        "",
        f"- run: {result.created}, {result.duration_s:.1f} s",
        f"- commit: {commit}; python {env.get('python', '?')}",
        f"- models: {_models(env.get('models', {}))}",
        f"- thresholds: `{result.thresholds}`",
        "",
        f"**Result: {verdict}**",
        "",
        "## Thresholds",
        "",
        "| suite | metric | value | limit | |",
        "|---|---|---|---|---|",
    ]
    for c in result.checks:
        value = "missing" if c.value is None else f"{c.value:.4f}"
        sign = "≥" if c.kind == "min" else "≤"
        lines.append(
            f"| {c.suite} | {c.metric} | {value} | {sign} {c.limit:g} | "
            f"{'ok' if c.passed else '**FAIL**'} |"
        )
    for name, suite in result.suites.items():
        lines += ["", *_suite_section(name, suite)]
    return "\n".join(lines) + "\n"


def _models(models: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in models.items()) or "?"


def _suite_section(name: str, suite: SuiteResult) -> list[str]:
    lines = [
        f"## {name} ({len(suite.cases)} cases, {suite.duration_s:.1f} s)",
        "",
        "| metric | value |",
        "|---|---|",
    ]
    lines += [f"| {k} | {v:.4f} |" for k, v in suite.metrics.items()]
    worst = worst_cases(name, suite)
    if worst:
        lines += ["", f"Cases that were not fully right (up to {WORST_SHOWN}):", ""]
        lines += [f"- `{cid}`: {why}" for cid, why in worst[:WORST_SHOWN]]
    return lines


def worst_cases(name: str, suite: SuiteResult) -> list[tuple[str, str]]:
    """(case id, what went wrong) for the cases of a suite that were not fully right."""
    out: list[tuple[str, str]] = []
    for case in suite.cases:
        why = _what_went_wrong(name, case, suite.info)
        if why:
            out.append((case["id"], why.replace("|", "/")))
    return out


def _what_went_wrong(name: str, case: dict[str, Any], info: dict[str, Any]) -> str:
    if name == "retrieval":
        head = case.get(info.get("headline_mode", "hybrid"), {})
        if head.get("recall_at_10", 1.0) < 1.0:
            missing = sorted(set(case["relevant"]) - set(head.get("ranked", [])))
            return f"recall@10 {head['recall_at_10']:.2f}; not in the top 10: {', '.join(missing)}"
    elif name == "mentions":
        if not case.get("exact"):
            return (
                f"{case['query']!r}: missing {', '.join(case['missing']) or '-'}; "
                f"extra {', '.join(case['extra']) or '-'}"
            )
    elif name == "linting":
        if not case.get("exact"):
            return f"missing {case['missing']}, extra {case['extra']}"
    elif name == "drafting":
        return _drafting_problem(case)
    return ""


def _drafting_problem(case: dict[str, Any]) -> str:
    if case.get("error"):
        return f"error: {case['error']}"
    if not case.get("answered"):
        return "no clause proposed" + (
            "" if case.get("unprecedented_expected") else " (precedent exists)"
        )
    problems = [f"{code}: {msgs[0]}" for code, msgs in case.get("defects", {}).items()]
    problems += case.get("lint_errors", [])
    if case.get("missing_words"):
        problems.append(f"does not say {', '.join(case['missing_words'])}")
    wrong = [i for i in case.get("cited", []) if i not in case.get("relevant", [])]
    if wrong:
        problems.append(f"cites unlabelled {', '.join(wrong)}")
    if not case.get("unprecedented_correct", True):
        want = "unprecedented" if case.get("unprecedented_expected") else "grounded in precedent"
        problems.append(f"should be {want}")
    if problems:
        problems.insert(0, repr(case.get("text", "")))
    return "; ".join(problems)
