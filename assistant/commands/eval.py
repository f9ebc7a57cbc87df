"""``eval run`` and ``eval compare``: the offline evaluation harness (docs/eval.md).

``eval run`` exits 1 when a metric misses its threshold (eval/thresholds.toml), else 0;
``eval compare A B --fail-on-regression`` exits 1 when B regresses on A.
"""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path

from assistant.settings import load_settings
from assistant.workspace import Workspace
from eval.runner import BACKENDS, EvalRunner, eval_settings
from eval.suites import SUITE_NAMES
from eval.thresholds import Thresholds

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="evaluation suites: run them, compare two runs")
    esub = p.add_subparsers(dest="eval_command", required=True)
    r = esub.add_parser("run", help="run suites offline, write result.json, summary.md, plots")
    r.add_argument(
        "suites",
        nargs="*",
        metavar="SUITE",
        help=f"suites to run (default all: {', '.join(SUITE_NAMES)})",
    )
    r.add_argument(
        "--backend",
        choices=list(BACKENDS),
        default="embedded",
        help="fake (canned model, hash embeddings: fast), embedded (default), openai or ollama",
    )
    r.add_argument("--out", type=Path, help="output folder (default eval-runs/<time>-<backend>)")
    r.add_argument(
        "--data-dir", type=Path, help="index cache (default <data dir>/eval-cache/<embeddings>)"
    )
    r.add_argument(
        "--embeddings",
        choices=["embedded", "hash", "openai", "ollama"],
        help="override the backend's embeddings",
    )
    r.add_argument("--thresholds", type=Path, help="thresholds file (default eval/thresholds.toml)")
    r.add_argument("--suites-dir", type=Path, help="folder of suite files (default eval/suites)")
    r.add_argument("--no-plots", action="store_true", help="skip the PNG plots")
    r.add_argument("--quiet", action="store_true", help="no progress bar")
    r.set_defaults(func=cmd_eval_run)
    t = esub.add_parser(
        "tune", help="choose the drafting cut-offs on the tuning half of the drafting suite"
    )
    t.add_argument("--backend", choices=list(BACKENDS), default="embedded")
    t.add_argument("--data-dir", type=Path, help="evaluation data directory")
    t.add_argument("--top", type=int, default=10, help="grid points to print (default 10)")
    t.set_defaults(func=cmd_eval_tune)
    c = esub.add_parser("compare", help="compare two runs metric by metric")
    c.add_argument("a", type=Path, help="baseline: result.json or its run folder")
    c.add_argument("b", type=Path, help="candidate: result.json or its run folder")
    c.add_argument("--tolerance", type=float, help="score drop that is a regression")
    c.add_argument(
        "--latency-tolerance", type=float, help="relative latency rise that is a regression"
    )
    c.add_argument("--thresholds", type=Path, help="where the default tolerances are read")
    c.add_argument("--fail-on-regression", action="store_true", help="exit 1 on a regression")
    c.set_defaults(func=cmd_eval_compare)


def _progress_factory(quiet: bool):
    from eval.results import null_progress

    if quiet:
        return null_progress
    from tqdm import tqdm

    def factory(description: str, total: int):
        return tqdm(
            total=total,
            desc=f"{description:<10}",
            unit="case",
            file=sys.stderr,
            leave=True,
            dynamic_ncols=True,
        )

    return factory


def cmd_eval_run(args: argparse.Namespace) -> int:
    from eval.report import write_run

    thresholds = Thresholds.load(args.thresholds)
    settings = eval_settings(load_settings(), args.backend, args.data_dir, args.embeddings)
    if args.backend in ("openai", "ollama"):
        from assistant.backends import check_reachable

        check_reachable(settings)
    ws = Workspace(settings)
    runner = EvalRunner(
        ws, args.backend, thresholds, args.suites_dir, _progress_factory(args.quiet)
    )
    result = runner.run(args.suites or None)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    out = args.out or Path("eval-runs") / f"{stamp}-{args.backend}"
    written = write_run(result, out, plots=not args.no_plots)
    write = sys.stdout.write
    for name, suite in result.suites.items():
        shown = ", ".join(f"{k} {v:.3f}" for k, v in suite.metrics.items())
        write(f"{name} ({len(suite.cases)} cases, {suite.duration_s:.1f} s): {shown}\n")
    for check in result.checks:
        write(check.render() + "\n")
    failed = sum(not c.passed for c in result.checks)
    verdict = "passed" if result.passed else f"FAILED ({failed} threshold(s) missed)"
    write(f"{verdict} in {result.duration_s:.1f} s; wrote {', '.join(map(str, written))}\n")
    return 0 if result.passed else 1


def cmd_eval_tune(args: argparse.Namespace) -> int:
    from eval.suites import load_suite
    from eval.tune import collect, grid

    settings = eval_settings(load_settings(), args.backend, args.data_dir, None)
    settings = settings.model_copy(
        update={"min_similarity": 0.0, "citation_min_cosine": 0.0, "citation_min_terms": 0.0}
    )
    runner = EvalRunner(Workspace(settings), args.backend, Thresholds.load(None))
    cases = [c for c in load_suite("drafting")["cases"] if c.get("split") == "tune"]
    measured = collect(runner.drafting_workspace().drafter, cases)
    points = grid(measured)
    write = sys.stdout.write
    write(f"{len(cases)} tuning cases; best grid points ")
    write("(recall ≥ 0.75 first, then precision + unprecedented accuracy):\n")
    write("min_sim  cosine  terms  limit  margin  same_kind  names  precision  recall  unprec.\n")
    for p in points[: args.top]:
        r = p.rule
        write(
            f"{p.min_similarity:7.2f}  {r.min_cosine:6.2f}  {r.min_terms:5.2f}  {r.limit:5d}  "
            f"{r.margin:6.2f}  {r.same_kind!s:9}  {r.names!s:5}  {p.precision:9.3f}  "
            f"{p.recall:6.3f}  {p.unprecedented_accuracy:7.3f}\n"
        )
    return 0


def cmd_eval_compare(args: argparse.Namespace) -> int:
    from eval.compare import compare_runs, render_table
    from eval.report import load_run

    thresholds = Thresholds.load(args.thresholds)
    a, b = load_run(args.a), load_run(args.b)
    tol = thresholds.tolerance if args.tolerance is None else args.tolerance
    lat = thresholds.latency_tolerance if args.latency_tolerance is None else args.latency_tolerance
    rows = compare_runs(a, b, tol, lat)
    sys.stdout.write(
        f"A: {args.a} ({a.backend}, {a.created})\nB: {args.b} ({b.backend}, {b.created})\n"
    )
    sys.stdout.write(render_table(rows, "A", "B") + "\n")
    regressed = any(r.regression for r in rows)
    return 1 if regressed and args.fail_on_regression else 0
