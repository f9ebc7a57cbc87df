"""Property tests: on generated resolutions with formatting errors, fixing never changes
a clause's words, keeps the clause tree, and leaves nothing fixable behind."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.lint import RULES, Linter, apply_fixes
from index.clause_tree import Clause
from index.parsing.labels import make_label, render
from index.parsing.parser import Parser

PRE = [
    "Recalling",
    "Noting with concern",
    "Deeply concerned",
    "Bearing in mind",
    "Recognizing",
    "Welcoming",
    "Reaffirming",
]
OPS = ["Urges", "Requests", "Calls upon", "Further invites", "Encourages", "Decides"]
WORDS = [
    "the",
    "States",
    "report",
    "work",
    "action",
    "of",
    "in",
    "cooperation",
    "measures",
    "2015",
    "programme",
    "victims",
    "paragraph 2",
    "regional",
    "(UNODC)",
]
MARKS = (",", ";", ".", ":")
LABEL_STYLES = [("dot", "alpha"), ("paren", "alpha"), ("close", "alpha"), ("dot", "roman")]


def words(text: str) -> list[str]:
    """A clause's words, ignoring punctuation, numbers, labels and emphasis markers."""
    return re.findall(r"[^\W\d_]+", text)


def shape(clause: Clause) -> tuple:
    """A clause's kind, words and sub-clauses, without IDs (renumbering changes them)."""
    return (clause.kind, words(clause.text), [shape(s) for s in clause.subclauses])


def tree(text: str) -> list[tuple]:
    return [shape(c) for r in Parser().parse_text(text) for c in (*r.preambulatory, *r.operative)]


@st.composite
def clause_line(
    draw, phrases: list[str], good_mark: str, head: str = "", marks: tuple[str, ...] = MARKS
) -> str:
    phrase = draw(st.sampled_from(phrases))
    marker = draw(st.sampled_from(["*", "*", "_", ""]))
    comma = "," if draw(st.integers(0, 5)) == 0 else ""
    body = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6)))
    mark = good_mark if draw(st.booleans()) else draw(st.sampled_from(marks))
    return f"{head}{marker}{phrase}{marker}{comma} {body}{mark}"


@st.composite
def sub_clauses(draw, marks: tuple[str, ...]) -> list[str]:
    form, kind = draw(st.sampled_from(LABEL_STYLES))
    n = draw(st.integers(1, 3))
    skip = draw(st.integers(0, 3))  # 0: a gap before the last label
    lines = []
    for i in range(1, n + 1):
        index = i + 1 if skip == 0 and i == n and n > 1 else i
        label = render(make_label(kind, index), form)  # type: ignore[arg-type]
        body = " ".join(draw(st.lists(st.sampled_from(WORDS[:10]), min_size=1, max_size=4)))
        lines.append(f"{label} Ensuring {body}{draw(st.sampled_from((';', ';', *marks)))}")
        if i == 1 and kind == "alpha" and draw(st.integers(0, 2)) == 0:
            lines[-1] = lines[-1][:-1] + draw(st.sampled_from([":", ":", ";"]))
            inner = draw(st.sampled_from(["dot", "paren"]))
            for j in range(1, draw(st.integers(1, 2)) + 1):
                lines.append(f"{render(make_label('roman', j), inner)} Funding {body};")  # type: ignore[arg-type]
    return lines


@st.composite
def documents(draw, marks: tuple[str, ...] = MARKS) -> str:
    opening = draw(
        st.sampled_from(
            ["The General Assembly,", "The General Assembly,", "*The General Assembly*"]
        )
    )
    paras = ["Resolution GA/9/1", opening]
    paras += [draw(clause_line(PRE, ",", marks=marks)) for _ in range(draw(st.integers(1, 3)))]
    n_ops = draw(st.integers(1, 4))
    for i in range(1, n_ops + 1):
        number = draw(st.sampled_from([i, i, i, i + 1, max(1, i - 1), i + 5]))
        subs = draw(sub_clauses(marks)) if draw(st.integers(0, 2)) == 0 else []
        good = ":" if subs else ("." if i == n_ops else ";")
        paras.append(draw(clause_line(OPS, good, f"{number}. ", marks)))
        paras.extend(subs)
    return "\n\n".join(paras) + "\n"


@pytest.fixture(scope="module")
def linters() -> dict[str, Linter]:
    return {name: Linter(name) for name in ("un", "nmun", "thimun", "plain")}


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=documents(), profile=st.sampled_from(["un", "nmun", "thimun", "plain"]))
def test_fixing_keeps_clause_words_and_is_idempotent(
    linters: dict, text: str, profile: str
) -> None:
    linter = linters[profile]
    diagnostics = linter.lint_text(text)
    for d in diagnostics:
        assert d.fix is None or RULES[d.code].fixable, d.code
    fixed = apply_fixes(text, diagnostics)
    assert tree(fixed) == tree(text)
    left = [d.render() for d in linter.lint_text(fixed) if d.fix]
    assert left == [], fixed


def flat_words(text: str) -> list[str]:
    """Every clause word in order, labels left out: a clause run into the next and the
    two clauses after the fix read the same."""
    return [
        w
        for r in Parser().parse_text(text)
        for c in r.clauses()
        for w in words(c.text)
        if not re.fullmatch(r"[a-z]|[ivx]+", w)
    ]


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    text=documents(marks=(*MARKS, "", "")),
    profile=st.sampled_from(["un", "nmun", "thimun", "plain"]),
)
def test_missing_marks_are_fixed_without_changing_words(
    linters: dict, text: str, profile: str
) -> None:
    fixed, left = linters[profile].fix_text(text)
    assert flat_words(fixed) == flat_words(text)
    assert [d.render() for d in left if d.fix] == [], fixed
