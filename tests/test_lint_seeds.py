"""The seed corpus: its real problems found at the right places, corrected seeds and
real-UN-style texts clean, and fixes that round-trip through the parser."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assistant.lint import Linter, apply_fixes
from index.parsing.parser import Parser

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "lint"
SEEDS = sorted((ROOT / "index" / "corpus").glob("*.txt"))
PROFILES = [None, "un", "nmun", "thimun", "plain"]


def format_linter(profile: str | None = None) -> Linter:
    """The format rules only: the substance rules (CW6xx) have tests of their own
    (tests/test_lint_substance.py) and fixes that change wording on purpose."""
    return Linter(profile, substance=False)


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def key(d: dict) -> tuple:
    return (d["file"], d["line"], d["col"], d["code"], d["severity"], d["clause"])


def words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text)


def clause_words(text: str) -> list[tuple[str, str, list[str]]]:
    return [(c.id, c.kind, words(c.text)) for r in Parser().parse_text(text) for c in r.clauses()]


def test_seed_diagnostics_match_the_hand_checked_list() -> None:
    expected = json.loads((FIXTURES / "seeds_expected.json").read_text("utf-8"))["diagnostics"]
    linter = format_linter()
    actual = [
        d.to_dict()
        for path in SEEDS
        for d in linter.lint_lines(path.read_text("utf-8").split("\n"), rel(path))
    ]
    assert sorted(map(key, actual)) == sorted(map(key, expected))


def test_seed_profiles_are_inferred() -> None:
    linter = Linter()
    found = {
        r.symbol: linter.profile_for(r).name for path in SEEDS for r in Parser().parse_file(path)
    }
    assert found == {
        "IOM/1/1": "nmun",
        "IOM/1/2": "nmun",
        "IOM/1/3": "nmun",
        "IOM/1/4": "nmun",
        "GA/3/1.1": "plain",
    }


@pytest.mark.parametrize(
    "path", sorted((FIXTURES / "corrected").glob("*.txt")), ids=lambda p: p.stem
)
def test_corrected_seeds_lint_clean_and_keep_their_clauses(path: Path) -> None:
    assert format_linter().lint_file(path) == []
    fixed = Parser().parse_file(path)
    assert len(fixed) == 1
    seeds = {r.symbol: r for seed in SEEDS for r in Parser().parse_file(seed)}
    original = seeds[fixed[0].symbol]
    assert [c.id for c in fixed[0].clauses()] == [c.id for c in original.clauses()]


@pytest.mark.parametrize(
    "name,profile",
    [("un_ga_trafficking", "un"), ("un_sc_trafficking", "un"), ("thimun_migration", "thimun")],
)
def test_well_formed_texts_lint_clean_under_their_profile(name: str, profile: str) -> None:
    path = FIXTURES / "clean" / f"{name}.txt"
    assert Linter(profile).lint_file(path) == []
    assert Linter().lint_file(path) == []  # the inferred profile agrees


def test_real_un_text_breaks_nmun_labels_only() -> None:
    diags = Linter("nmun").lint_file(FIXTURES / "clean" / "un_ga_trafficking.txt")
    assert {d.code for d in diags} == {"CW304"}


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_fixes_round_trip_and_are_idempotent(path: Path, profile: str | None) -> None:
    linter = format_linter(profile)
    text = path.read_text("utf-8")
    fixed = apply_fixes(text, linter.lint_text(text, rel(path)))
    after = linter.lint_text(fixed, rel(path))
    assert [d.render() for d in after if d.fix] == []
    assert apply_fixes(fixed, after) == fixed
    assert clause_words(fixed) == clause_words(text)


def test_after_fixing_the_seeds_only_wording_problems_remain() -> None:
    linter = format_linter()
    left: list[str] = []
    for path in SEEDS:
        text = path.read_text("utf-8")
        fixed = apply_fixes(text, linter.lint_text(text))
        left += [d.code for d in linter.lint_text(fixed)]
    assert sorted(left) == ["CW101", "CW101", "CW105", "CW105", "CW206"]
