"""Blind review of proposed clauses by readers who did not write the code.

``python -m eval.blind_review sample RUN_DIR OUT.json --n 45 [--splits report,holdout]``
draws ``n`` answered drafting cases of those splits from a run (seeded), strips
everything the drafter decided about itself (source, defects, scores) and writes what
a reader needs: the request, the clause and the text of the precedent it cites; which
case each item is goes to ``OUT.key.json``, which readers do not see. Readers fill in
``grade`` (usable / light edit / unusable), ``invented`` (a fact the request and the
cited text do not hold) and ``citation`` (supports / does not / none).
``python -m eval.blind_review table GRADES.json [GRADES2.json …]`` prints the table of
grades per reader and their agreement.
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

GRADES = ("usable", "light edit", "unusable")


def sample(
    run_dir: Path, n: int, seed: int = 11, splits: tuple[str, ...] = ()
) -> list[dict[str, Any]]:
    result = json.loads((Path(run_dir) / "result.json").read_text("utf-8"))
    cases = [
        c
        for c in result["suites"]["drafting"]["cases"]
        if c.get("answered") and (not splits or c.get("split") in splits)
    ]
    texts = _clause_texts(result)
    chosen = random.Random(seed).sample(cases, min(n, len(cases)))
    return [
        {
            "item": i + 1,
            "request": c["request"],
            "kind": c["kind"],
            "clause": c["text"],
            "cited": [{"id": cid, "text": texts.get(cid, "")} for cid in c.get("cited", [])],
            "grade": "",
            "invented": "",
            "citation": "",
            "note": "",
            "_case": c["id"],
        }
        for i, c in enumerate(chosen)
    ]


def _clause_texts(result: dict[str, Any]) -> dict[str, str]:
    return result.get("suites", {}).get("drafting", {}).get("info", {}).get("cited_texts", {})


def table(gradings: list[list[dict[str, Any]]]) -> str:
    """Markdown: each reader's counts per grade, and how often the readers agree."""
    lines = [
        "| reader | items | usable | light edit | unusable | usable or light | invented facts "
        "| citation supports / not / none |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for n, items in enumerate(gradings, start=1):
        grades = Counter(str(i.get("grade", "")).strip().lower() for i in items)
        cites = Counter(str(i.get("citation", "")).strip().lower() for i in items)
        invented = sum(
            str(i.get("invented", "")).strip().lower() in ("yes", "y", "true") for i in items
        )
        ok = grades["usable"] + grades["light edit"]
        lines.append(
            f"| {n} | {len(items)} | {grades['usable']} | {grades['light edit']} | "
            f"{grades['unusable']} | {ok / max(len(items), 1):.0%} | {invented} | "
            f"{cites['supports']} / {cites['does not']} / {cites['none']} |"
        )
    if len(gradings) >= 2:
        pairs = list(zip(*(sorted(g, key=lambda i: i["item"]) for g in gradings), strict=True))
        same = sum(len({str(i.get("grade", "")).lower() for i in row}) == 1 for row in pairs)
        lines.append(f"\nReaders gave the same grade on {same} of {len(pairs)} items.")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if argv[:1] == ["sample"] and len(argv) >= 3:
        n = int(argv[argv.index("--n") + 1]) if "--n" in argv else 45
        splits = tuple(argv[argv.index("--splits") + 1].split(",")) if "--splits" in argv else ()
        items = sample(Path(argv[1]), n, splits=splits)
        out = Path(argv[2])
        key = [{"item": it["item"], "case": it.pop("_case")} for it in items]
        out.write_text(json.dumps(items, indent=1, ensure_ascii=False), "utf-8")
        keyfile = out.with_suffix(".key.json")
        keyfile.write_text(json.dumps(key, indent=1), "utf-8")
        sys.stdout.write(f"wrote {len(items)} items to {out} (key: {keyfile})\n")
        return 0
    if argv[:1] == ["table"] and len(argv) >= 2:
        gradings = [json.loads(Path(p).read_text("utf-8")) for p in argv[1:]]
        sys.stdout.write(table(gradings) + "\n")
        return 0
    sys.stderr.write(__doc__ or "")
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
