"""Drafting with the embedded model: latency against raw generation, in one run.

20 varied requests on the seed corpus with the embedded model (llama.cpp, 2 threads):
how many got a verified proposal, median and p95 latency per proposal (target: median
≤ 4 s), and the ratio of the whole run to raw llama.cpp generation of the same number of
tokens (no grammar, no retrieval, no checks) measured in the same process.

    python bench/draft.py [--data-dir DIR] [--model smollm2-135m|gemma3-270m]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from assistant.drafting.proposals import DraftRequest
from assistant.settings import Settings, quiet_network
from assistant.workspace import Workspace

REQUESTS = [
    ("propose an operative clause urging reintegration support, citing precedent", "operative"),
    ("fund reintegration programmes for trafficking survivors", "operative"),
    ("train judges and prosecutors on trafficking cases", "operative"),
    ("financial literacy programmes for migrant workers", "operative"),
    ("protect witnesses who testify against traffickers", "operative"),
    ("a national hotline for victims", "operative"),
    ("use social media to warn migrants about recruitment fraud", "operative"),
    ("shelters and medical care for survivors", "operative"),
    ("cooperation with INTERPOL on shared databases", "operative"),
    ("do not prosecute victims for crimes they were forced to commit", "operative"),
    ("teach children in schools about online risks", "operative"),
    ("border officials trained to identify trafficking victims", "operative"),
    ("regulate asteroid mining royalties", "operative"),
    ("call upon states to share data on trafficking routes", "operative"),
    ("the trauma that survivors of trafficking endure", "preambulatory"),
    (
        "recalling the Protocol to Prevent, Suppress and Punish Trafficking in Persons",
        "preambulatory",
    ),
    ("alarmed by trafficking across the Mediterranean Sea", "preambulatory"),
    ("the link between illiteracy and vulnerability to trafficking", "preambulatory"),
    ("recognizing the work of NGOs that run shelters", "preambulatory"),
    ("noting with concern that most victims are women and children", "preambulatory"),
]


def run_requests(ws: Workspace) -> tuple[list, list[float], int]:
    proposals, latencies, tokens = [], [], 0
    llama = ws.chat_model.llama
    for request, kind in REQUESTS:
        start = time.perf_counter()
        found = ws.drafter.propose(DraftRequest(request, kind))
        latencies.append(time.perf_counter() - start)
        if not found:
            print(f"{latencies[-1]:5.1f} s  no proposal: {request}")
            continue
        p = found[0]
        tokens += len(llama.tokenize(p.text.encode("utf-8"), add_bos=False))
        proposals.append(p)
        print(f"{latencies[-1]:5.1f} s  {p.text[:120]}")
    return proposals, latencies, tokens


def raw_generation_seconds(ws: Workspace, tokens: int) -> float:
    """llama.cpp alone writing ``tokens`` tokens (end-of-text suppressed), no grammar."""
    llama = ws.chat_model.llama
    eos = llama.token_eos()
    start = time.perf_counter()
    llama.reset()
    llama.create_completion(
        "The General Assembly,\n\n1. *Urges* Member States to",
        max_tokens=tokens,
        temperature=0.3,
        logit_bias={eos: -1e9},
    )
    return time.perf_counter() - start


def main() -> int:
    quiet_network()
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data-dir", help="reuse a data dir (index and ONNX graph cached)")
    ap.add_argument("--model", default="smollm2-135m", help="packaged embedded model")
    args = ap.parse_args()
    data = Path(args.data_dir or tempfile.mkdtemp(prefix="cw-bench-"))
    ws = Workspace(Settings(data_dir=data, embedded={"model": args.model}))
    ws.ranked  # build the index before timing anything  # noqa: B018
    started = time.perf_counter()
    proposals, latencies, tokens = run_requests(ws)
    total = time.perf_counter() - started
    unprecedented = sum(p.unprecedented for p in proposals)
    raw = raw_generation_seconds(ws, tokens)
    print(
        f"\nverified proposals: {len(proposals)}/{len(REQUESTS)} "
        f"({unprecedented} labelled unprecedented)"
    )
    print(
        f"latency per proposal: median {statistics.median(latencies):.1f} s, "
        f"p95 {np.percentile(latencies, 95):.1f} s"
    )
    print(
        f"raw llama.cpp generation of the same {tokens} tokens: {raw:.1f} s; "
        f"whole pipeline {total:.1f} s = {total / raw:.1f}x raw generation"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
