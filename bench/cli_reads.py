"""Whole CLI processes reading a large store: every read against a 1.0 s target.

Builds (or reuses) a synthetic corpus of ``--clauses`` clauses (``bench/synthetic.py``)
and a store of it with hash embeddings under ``CACHE`` (``CACHE/corpus``, ``CACHE/data``),
runs ``clausewright ingest`` once more over it (nothing changed: what it prepares for
readers is built then; its time is printed), then times each read as a user runs it,
a new process each call: the first call, then the median (p50) of ``--repeat`` calls,
each as a ratio to ``clausewright --help`` (the process floor) measured in the same run
and to the 1.0 s target; ``mentions`` also against ``grep -c -w`` over the same files.
Peak RSS is each process's own (``os.wait4``: the rusage of that child).

    python -m bench.cli_reads /tmp/bench-100k [--clauses 100000] [--repeat 5]

``--pythonpath DIR`` runs another checkout's code (e.g. the last commit, extracted with
``git archive``) against the same store, for a before/after comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET_S = 1.0
READS = {
    "search": ["search", "assisted voluntary return of migrants", "-k", "5"],
    "mentions": ["mentions", "AVRR"],
    "show": ["show", "SYN/0/1 op 1"],
    "index status": ["index", "status"],
}


def environment(cache: Path, pythonpath: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        ORT_DISABLE_TELEMETRY="1",
        GRADIO_ANALYTICS_ENABLED="False",
        ANONYMIZED_TELEMETRY="False",
        HF_HUB_OFFLINE="1",
        CLAUSEWRIGHT_EMBEDDINGS="hash",
        CLAUSEWRIGHT_DATA_DIR=str(cache / "data"),
        CLAUSEWRIGHT_CORPUS=json.dumps([str(cache / "corpus")]),
    )
    env["PYTHONPATH"] = pythonpath or str(Path(__file__).resolve().parent.parent)
    return env


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and exit code of one process."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        env=env,
        cwd=env["CLAUSEWRIGHT_DATA_DIR"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, proc.returncode


def prepare(cache: Path, n_clauses: int, env: dict[str, str], cli: list[str]) -> None:
    corpus = cache / "corpus"
    if not corpus.is_dir():
        from bench.synthetic import write_corpus

        tmp = cache / "corpus.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        count = write_corpus(tmp, n_clauses)
        tmp.replace(corpus)
        print(f"wrote {count} clauses in {len(list(corpus.iterdir()))} files to {corpus}")
    wall, rss, code = run([*cli, "ingest", str(corpus)], env)
    print(f"ingest (over the store as it is): {wall:.1f} s, peak RSS {rss:.0f} MB, exit {code}")


def measure(name: str, cmd: list[str], env: dict[str, str], repeat: int) -> dict[str, float]:
    first, rss, code = run(cmd, env)
    walls, peaks = [], [rss]
    for _ in range(repeat):
        wall, rss, code = run(cmd, env)
        walls.append(wall)
        peaks.append(rss)
    return {"first": first, "p50": statistics.median(walls), "rss": max(peaks), "exit": code}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("cache", type=Path, help="folder for the corpus and the store (reused)")
    ap.add_argument("--clauses", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--pythonpath", help="run the code of another checkout")
    ap.add_argument("--no-ingest", action="store_true", help="measure the store as it is")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    (args.cache / "data").mkdir(parents=True, exist_ok=True)
    env = environment(args.cache, args.pythonpath)
    cli = [sys.executable, "-m", "assistant.cli"]
    if not args.no_ingest or not (args.cache / "corpus").is_dir():
        prepare(args.cache, args.clauses, env, cli)
    files = sorted(str(p) for p in (args.cache / "corpus").iterdir())
    figures = {"--help": measure("--help", [*cli, "--help"], env, args.repeat)}
    for name, argv in READS.items():
        figures[name] = measure(name, [*cli, *argv], env, args.repeat)
    figures["grep -c -w"] = measure("grep", ["grep", "-c", "-w", "AVRR", *files], env, args.repeat)
    floor, grep = figures["--help"]["p50"], figures["grep -c -w"]["p50"]
    print(f"\n{len(files)} files under {args.cache / 'corpus'}; p50 of {args.repeat} calls")
    print(f"{'command':<14} {'first s':>8} {'p50 s':>7} {'/help':>6} {'/1.0s':>6} {'RSS MB':>7}")
    for name, f in figures.items():
        print(
            f"{name:<14} {f['first']:>8.3f} {f['p50']:>7.3f} {f['p50'] / floor:>6.2f} "
            f"{f['p50'] / TARGET_S:>6.2f} {f['rss']:>7.0f}"
            + ("" if f["exit"] in (0, 1) else f"  exit {f['exit']:.0f}")
        )
    print(f"mentions / grep -c -w: {figures['mentions']['p50'] / grep:.1f}x")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
