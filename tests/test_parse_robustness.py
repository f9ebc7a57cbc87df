"""The parser on hostile input: huge paragraphs, deep nesting, decimal numbering, noise.

Speed is checked without clocks: a helper counts the characters handed to regular
expressions while parsing (each such string had to be built and is read at least in
part), and a line tracer counts Python lines run. Both grow quadratically when a step
rescans or copies what it has built so far for every line. ``bench/long_input.py`` times
the same shapes.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assistant.cli import main
from index.clause_tree import Clause, Corpus
from index.errors import ClausewrightError
from index.parsing import labels, line_joining, parser, segmenting, tree_building
from index.parsing.line_joining import Vocabulary, join_lines, marked_spans, strip_markers
from index.parsing.parser import Parser
from index.parsing.tree_building import MAX_DEPTH

HEAD = (
    "Code: GA/1/1\nCommittee: General Assembly\nTopic: Testing\n\n"
    "The General Assembly,\n\nRecalling its earlier resolutions,\n\n"
)
WRAPPED = [
    "consider in area {i} the sustain-",
    "able development of region {i} and anti-",
    "trafficking measures {i}, in cooperation with",
    "regional partners and *civil society* {i} as well",
]


def one_paragraph(n_lines: int) -> str:
    """A resolution whose first operative clause is one paragraph of ``n_lines`` lines
    (numbered, so that no line repeats: a repeated short line is a running page header)."""
    body = "\n".join(WRAPPED[i % len(WRAPPED)].format(i=i) for i in range(n_lines))
    return f"{HEAD}1. Calls upon all Member States to\n{body} and to report;\n"


# -- counting work -------------------------------------------------------------


class _Counting:
    """A regular expression (or the ``re`` module) that adds up the text it is given (from
    ``pos`` on, when a pattern is given a start position)."""

    def __init__(self, target: Any, tally: list[int], skip_first: bool) -> None:
        self._target, self._tally, self._skip_first = target, tally, skip_first

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._target, name)
        if not callable(attr) or isinstance(attr, type):
            return attr

        def call(*args: Any, **kwargs: Any) -> Any:
            texts = [a for a in (args[1:] if self._skip_first else args) if isinstance(a, str)]
            pos = args[1] if not self._skip_first and len(args) > 1 else kwargs.get("pos", 0)
            self._tally[0] += sum(map(len, texts)) - (pos if isinstance(pos, int) else 0)
            return attr(*args, **kwargs)

        return call


@contextmanager
def regex_input(monkeypatch: pytest.MonkeyPatch, *modules: ModuleType) -> Iterator[list[int]]:
    """Count the characters handed to any regular expression of ``modules``."""
    tally = [0]
    with monkeypatch.context() as m:
        for module in modules:
            for name, value in list(vars(module).items()):
                if isinstance(value, re.Pattern):
                    m.setattr(module, name, _Counting(value, tally, skip_first=False))
                elif value is re:
                    m.setattr(module, name, _Counting(re, tally, skip_first=True))
        yield tally


@contextmanager
def lines_run(module: ModuleType) -> Iterator[list[int]]:
    """Count the Python lines run in ``module`` (a loop rescanning its own output shows)."""
    count = [0]
    filename = module.__file__

    def trace(frame: Any, event: str, arg: Any) -> Any:
        if frame.f_code.co_filename != filename:
            return None
        if event == "line":
            count[0] += 1
        return trace

    old = sys.gettrace()
    sys.settrace(trace)
    try:
        yield count
    finally:
        sys.settrace(old)


PARSING = (line_joining, segmenting, tree_building, labels, parser)


# -- 1. linear in paragraph length ----------------------------------------------


def regex_work(monkeypatch: pytest.MonkeyPatch, text: str) -> tuple[int, Any]:
    with regex_input(monkeypatch, *PARSING) as tally:
        (res,) = Parser().parse_text(text)
    return tally[0], res


def test_a_paragraph_twice_as_long_takes_twice_the_work(monkeypatch):
    work, res = regex_work(monkeypatch, one_paragraph(1500))  # ~70 KB in one clause
    double, res2 = regex_work(monkeypatch, one_paragraph(3000))
    assert len(res.operative[0].text) > 60_000
    assert len(res2.operative[0].text) > 2 * len(res.operative[0].text) - 100
    # before: the whole paragraph joined so far was searched again for every line (x4)
    assert double < 2.2 * work, double / work


def test_a_line_twice_as_long_takes_twice_the_work(monkeypatch):
    def text(n: int) -> str:
        line = "consider, in cooperation with partners, and *act* upon, " * n
        return f"{HEAD}1. Calls upon all Member States to {line}report;\n"

    work, res = regex_work(monkeypatch, text(1000))  # ~55 KB on one line
    double, _ = regex_work(monkeypatch, text(2000))
    assert res.operative[0].text.endswith("report;")
    # before: the rest of the line was copied and matched at every comma (x4)
    assert double < 2.2 * work, double / work


def test_unclosed_markers_are_dropped_and_overlong_words_joined():
    # the shapes bench/long_input.py --shapes times: stray '*' were each read on to the
    # end of the paragraph, and a run of letters was tried from every letter
    assert strip_markers("*a " * 20_000)[0] == ("a " * 20_000).strip()
    lines = ["x" * 50_000 + "-", "able"]  # no word: its hyphen goes, as for any unknown word
    assert join_lines(lines, Vocabulary.from_lines(lines)) == "x" * 50_000 + "able"


@given(st.text(alphabet="*_ a1\n,.é\t", max_size=30))
@example("Recalling *Transforming our world*, and __bold__ *a *b* c*")
@example("*Women and* *Children*, _under_ **both** *_mixed_* x*y* *z*w *")
@example("a *b\nc* d *e* (*f*) *g *h **a**b** *")
@settings(max_examples=300, deadline=None)
def test_emphasis_spans_are_those_of_the_regular_expression(text):
    pattern = re.compile(r"(?<![\w*_])([*_]{1,2})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
    expected = [(m.start(), m.start(2), m.end(2), m.end()) for m in pattern.finditer(text)]
    got = [(s.start, s.inner_start, s.inner_end, s.end) for s in marked_spans(text)]
    assert got == expected


def test_broken_words_are_repaired_as_before():
    lines = ["sustain-", "able, anti-", "trafficking, co-", "operation and cooperation"]
    assert join_lines(lines, Vocabulary.from_lines(lines)) == (
        "sustainable, anti-trafficking, cooperation and cooperation"
    )


def test_twice_as_many_repeated_numbers_take_twice_the_steps_to_cite():
    def cite(n: int) -> tuple[int, list[str]]:
        ops = "".join("1. Urges all States to act;\n" for _ in range(n))
        with lines_run(tree_building) as count:
            (res,) = Parser().parse_text(f"{HEAD}{ops}")
        return count[0], [c.id for c in res.operative]

    steps, _ = cite(750)
    double, ids = cite(1500)
    assert ids[:3] == ["GA/1/1 op 1", "GA/1/1 op 1#2", "GA/1/1 op 1#3"]
    assert ids[-1] == "GA/1/1 op 1#1500"
    # before: each repeat tried #2, #3, … until a free one (x4)
    assert double < 2.2 * steps, double / steps


def test_a_symbol_repeated_in_a_file_is_cited_apart():
    one = "Code: GA/1/1\nThe General Assembly,\nRecalling x,\n1. Decides y.\n"
    text = one + one.replace("GA/1/1", "GA/1/2") + one
    first, _, third = Parser().parse_text(text, "twice.txt")
    assert (first.symbol, third.symbol) == ("GA/1/1", "GA/1/1#2")
    assert [c.id for c in third.clauses()] == ["GA/1/1#2 pre 1", "GA/1/1#2 op 1"]
    assert [str(w) for w in third.warnings] == [
        "twice.txt:9: W005 resolution GA/1/1 occurs twice in this file; the second is cited "
        "as GA/1/1#2"
    ]


def test_a_two_megabyte_paragraph_parses(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(one_paragraph(48_000), "utf-8")
    assert path.stat().st_size > 2_000_000
    (res,) = Parser().parse_file(path)
    clause = res.operative[0]
    assert clause.lines == (9, 9 + 48_000)
    assert "sustainable development" in clause.text[-300:]
    assert "anti-trafficking" in clause.text[-300:]


# -- 2. deep nesting ---------------------------------------------------------------

DEPTH = 1200


def deep_text(depth: int = DEPTH) -> str:
    levels = "".join("(a) Level;\n" for _ in range(depth))
    return f"{HEAD}1. Decides:\n{levels}2. Requests a report.\n"


def chain(depth: int) -> Clause:
    root = node = Clause("X op 1", "operative", "Decides:", (1, 1), number=1)
    for i in range(depth):
        node.subclauses.append(Clause(f"{node.id}(a)", "subclause", f"Level {i};", (i + 2,) * 2))
        node = node.subclauses[-1]
        node.label, node.label_style = "a", "paren"
    return root


def test_deep_nesting_is_cut_at_the_limit_with_a_warning_naming_file_and_line():
    (res,) = Parser().parse_text(deep_text(), "deep.txt")
    op1 = res.operative[0]
    walked = op1.walk()
    assert len(walked) == MAX_DEPTH + 1  # the clause and 64 levels kept
    assert walked[-1].id == "GA/1/1 op 1" + "(a)" * MAX_DEPTH
    assert [c.id for c in res.operative] == ["GA/1/1 op 1", "GA/1/1 op 2"]
    first_left_out = 9 + MAX_DEPTH + 1  # "1. Decides:" is line 9
    (warning,) = [w for w in res.warnings if "nested deeper" in w.message]
    assert warning.code == "W001" and warning.file == "deep.txt"
    assert warning.lines == (first_left_out, 9 + DEPTH)
    assert f"sub-clauses nested deeper than {MAX_DEPTH} levels at line {first_left_out}" in str(
        warning
    )
    assert str(warning).startswith(f"deep.txt:{first_left_out}-")
    assert f"{DEPTH - MAX_DEPTH} sub-clauses" in warning.message


def test_parse_json_command_on_deeply_nested_file(tmp_path, capsys):
    path = tmp_path / "deep.txt"
    path.write_text(deep_text(), "utf-8")
    assert main(["parse", str(path), "--json"]) == 0
    out = capsys.readouterr().out
    (res,) = json.loads(out)["resolutions"]
    assert any("nested deeper than 64 levels" in w["message"] for w in res["warnings"])
    (again,) = Corpus.from_json(out).resolutions
    assert len(again.clauses()) == 1 + 1 + MAX_DEPTH + 1  # pre 1, op 1 and its levels, op 2


def test_walks_of_a_very_deep_tree_do_not_recurse():
    root = chain(5000)
    walked = root.walk()
    assert len(walked) == 5001 and walked[-1].text == "Level 4999;"
    text = root.full_text()
    assert text.splitlines()[-1] == " " * 4 * 5000 + "(a) Level 4999;"
    data = root.to_dict()
    back = Clause.from_dict(data)
    assert [c.id for c in back.walk()] == [c.id for c in walked]
    assert back.walk()[-1].lines == (5001, 5001)


def _tree(spec: list, prefix: str = "X op 1") -> Clause:
    """A small tree from nested lists: [text, [child], [child] …]."""
    clause = Clause(prefix, "subclause", spec[0], (1, 1), label="a", label_style="dot")
    clause.subclauses = [_tree(s, f"{prefix}({i})") for i, s in enumerate(spec[1:])]
    return clause


def _walk_recursively(c: Clause) -> list[Clause]:
    return [c, *(x for s in c.subclauses for x in _walk_recursively(s))]


def _dict_recursively(c: Clause) -> dict[str, Any]:
    data = c._own_dict()
    data["subclauses"] = [_dict_recursively(s) for s in c.subclauses]
    return data


def test_walks_keep_their_order_and_output():
    root = _tree(["r", ["a", ["a1"], ["a2", ["a2x"]]], ["b"], ["c", ["c1"]]])
    assert [c.text for c in root.walk()] == [c.text for c in _walk_recursively(root)]
    assert [c.text for c in root.walk()] == ["r", "a", "a1", "a2", "a2x", "b", "c", "c1"]
    assert root.to_dict() == _dict_recursively(root)
    assert json.dumps(Clause.from_dict(root.to_dict()).to_dict()) == json.dumps(root.to_dict())
    assert root.full_text("  ").splitlines() == [
        "  a. r",
        "      a. a",
        "          a. a1",
        "          a. a2",
        "              a. a2x",
        "      a. b",
        "      a. c",
        "          a. c1",
    ]


# -- 3. decimal numbering ----------------------------------------------------------


def test_decimal_numbering_is_kept_with_its_clause_and_warned_of():
    text = (
        f"{HEAD}1. Decides to act;\n1.1. Calls upon States to help;\n"
        "1.2 Urges donors to give;\n2. Requests a report on the\n1.5 million refugees.\n"
    )
    (res,) = Parser().parse_text(text, "dec.txt")
    assert res.operative[0].text == (
        "Decides to act; 1.1. Calls upon States to help; 1.2 Urges donors to give;"
    )
    found = [str(w) for w in res.warnings if w.code == "W008"]
    assert found == [
        "dec.txt:10: W008 '1.1.' numbering at line 10 is not read as a sub-clause: its text "
        "is joined to GA/1/1 op 1 (label sub-clauses (a), (b), … or (i), (ii), …)",
        "dec.txt:11: W008 '1.2' numbering at line 11 is not read as a sub-clause: its text "
        "is joined to GA/1/1 op 1 (label sub-clauses (a), (b), … or (i), (ii), …)",
    ]


# -- 4. fuzzing ----------------------------------------------------------------------

PHRASES = ["Recalling", "*Noting with concern*", "Deeply concerned", "_Welcoming_", "Aware"]
OPS = ["Urges", "Requests", "Calls upon", "*Further invites*", "Decides", "Encourages"]
WORDS = ["the", "States", "sustain-", "able", "anti-", "trafficking", "of", "report", "é"]
LABELS = ["(a)", "(b)", "(i)", "(ii)", "a.", "b)", "(1)", "iv.", "1.1.", "2.3.4"]
ENDS = ["", ",", ";", ":", ".", " and", "*"]


def _sentence(draw: st.DrawFn) -> str:
    return " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=6))) + draw(
        st.sampled_from(ENDS)
    )


@st.composite
def resolution_line(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 11))
    if kind == 0:
        return draw(
            st.sampled_from(
                [
                    "Code: GA/1/1",
                    "Code: GA/1/2",
                    "Resolution GA/3/1.1",
                    "A/RES/70/1",
                    "Committee: General Assembly",
                    "Topic: Trafficking",
                    "Sponsors: France, Ghana",
                    "The General Assembly,",
                    "Annex",
                    "71st plenary meeting",
                    "Page 2 of 3",
                    "II. Protection of victims",
                ]
            )
        )
    if kind == 1:
        return f"{draw(st.sampled_from(PHRASES))} {_sentence(draw)}"
    if kind == 2:
        number = draw(st.integers(0, 1000))
        return f"{number}. {draw(st.sampled_from(OPS))} {_sentence(draw)}"
    if kind == 3:
        return f"{draw(st.sampled_from(LABELS))} {_sentence(draw)}"
    if kind == 4:
        return ""
    if kind == 5:
        return draw(st.text(max_size=40))  # any unicode, control characters included
    if kind == 6:
        control = draw(st.text(alphabet="\x00\x01\x07\x0b\x0c\x1b\x1f\x7f\u2028\ufeff\xad"))
        return control + _sentence(draw)
    if kind == 7:
        return (_sentence(draw) + " ") * draw(st.integers(50, 250))  # a very long line
    if kind == 8:
        return f"{draw(st.integers(1, 30))} {_sentence(draw)}"  # PDF line number
    if kind == 9:
        return f"1 See resolution {_sentence(draw)}"  # a footnote
    if kind == 10:
        return "; ".join(f"{draw(st.sampled_from(LABELS))} {_sentence(draw)}" for _ in range(3))
    return _sentence(draw)


@st.composite
def resolution(draw: st.DrawFn) -> str:
    """A whole small resolution, so that files of several (with repeated symbols) come up."""
    symbol = draw(st.sampled_from(["GA/1/1", "GA/1/2", "A/RES/70/1"]))
    clauses = draw(st.lists(resolution_line(), max_size=4))
    return "\n".join([f"Code: {symbol}", "The General Assembly,", "Recalling x,", *clauses])


resolution_text = st.lists(
    st.one_of(resolution_line(), resolution_line(), resolution_line(), resolution()),
    max_size=30,
).map("\n".join)


@given(resolution_text)
@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
def test_parsing_any_text_gives_a_tree_or_an_input_error(text):
    try:
        resolutions = Parser().parse_text(text, "fuzz.txt")
    except ClausewrightError:
        return
    n_lines = len(text.replace("\r\n", "\n").split("\n"))
    clauses = [c for r in resolutions for c in r.clauses()]
    ids = [c.id for c in clauses]
    assert len(ids) == len(set(ids)), "citation IDs must be unique"
    for c in clauses:
        assert 1 <= c.lines[0] <= c.lines[1] <= n_lines, (c.id, c.lines)
    again = Parser().parse_text(text, "fuzz.txt")
    assert [c.id for r in again for c in r.clauses()] == ids
    json.loads(Corpus(resolutions).to_json())
