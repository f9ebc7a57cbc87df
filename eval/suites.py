"""The suite data files (``eval/suites/<name>.json``): loading and validation.

Each file is ``{"suite": name, "description": …, "cases": [{"id": …, …}, …]}``. A suite
is valid when its case IDs are unique, it has at least ``MIN_CASES[name]`` cases, and
every clause ID it names exists in the seed corpus (retrieval ``relevant``, mentions
``expected``, drafting ``precedents``).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from index.errors import ConfigurationError

log = logging.getLogger(__name__)

QUESTION_SUITES = ("questions_seeds", "questions_realtexts")
SUITE_NAMES = ("retrieval", "mentions", "linting", "drafting", *QUESTION_SUITES)
MIN_CASES = {
    "retrieval": 30,
    "mentions": 15,
    "linting": 15,
    "drafting": 30,
    "questions_seeds": 100,
    "questions_realtexts": 70,
}
ID_FIELDS = {"retrieval": "relevant", "mentions": "expected", "drafting": "relevant"}
SEED_SYMBOLS = ("IOM/1/1", "IOM/1/2", "IOM/1/3", "IOM/1/4", "GA/3/1.1")


def default_suites_dir() -> Path:
    return Path(__file__).resolve().parent / "suites"


def load_suite(name: str, directory: Path | None = None) -> dict[str, Any]:
    """The parsed suite file ``<directory>/<name>.json``."""
    if name not in SUITE_NAMES:
        raise ConfigurationError(f"unknown suite {name!r}: choose from {', '.join(SUITE_NAMES)}")
    path = (directory or default_suites_dir()) / f"{name}.json"
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigurationError(f"{path}: cannot read suite: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        raise ConfigurationError(f"{path}: a suite is an object with a 'cases' list")
    return data


def clause_ids(case: dict[str, Any], name: str) -> list[str]:
    """The clause IDs a case names (empty for suites that name none). A question over the
    real texts names IDs of those texts, which are checked by reading, not here."""
    if name == "questions_seeds":
        expected = case.get("expected", {})
        one = [expected["clause"]] if case.get("intent") == "show" and "clause" in expected else []
        return [*expected.get("clauses", []), *expected.get("relevant", []), *one]
    field = ID_FIELDS.get(name)
    return list(case.get(field, [])) if field else []


def validate_suite(name: str, suite: dict[str, Any], known_ids: set[str]) -> list[str]:
    """Problems with a suite: too few cases, repeated case IDs, unknown clause IDs."""
    problems: list[str] = []
    cases = suite.get("cases", [])
    if len(cases) < MIN_CASES.get(name, 1):
        problems.append(f"{name}: {len(cases)} cases, at least {MIN_CASES[name]} needed")
    seen: set[str] = set()
    for case in cases:
        cid = case.get("id")
        if not cid or cid in seen:
            problems.append(f"{name}: missing or repeated case id {cid!r}")
        seen.add(cid)
        problems += [
            f"{name} {cid}: unknown clause ID {i!r}"
            for i in clause_ids(case, name)
            if i not in known_ids
        ]
    return problems


def symbols_covered(name: str, suite: dict[str, Any]) -> set[str]:
    """The seed resolutions a suite's cases name clauses of."""
    found = set()
    for case in suite.get("cases", []):
        for cid in clause_ids(case, name):
            found.add(cid.split(" ", 1)[0])
    return found


def suite_corpus(suite: dict[str, Any]) -> list[Path]:
    """The files a suite's ``corpus`` names ("seeds": the shipped seed corpus; other
    entries are paths relative to the eval package); empty: the workspace's corpus."""
    from index.parsing.parser import default_corpus_dir

    here = Path(__file__).resolve().parent
    out = []
    for entry in suite.get("corpus", []):
        path = default_corpus_dir() if entry == "seeds" else here / entry
        if not path.exists():
            raise ConfigurationError(f"suite corpus entry {entry!r}: {path} does not exist")
        out.append(path)
    return out
