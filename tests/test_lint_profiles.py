"""Style profiles as data: the shipped ones, user files, inheritance, inference."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.lint import Linter, ProfileStore, infer_profile_name
from assistant.lint.codes import RULES
from assistant.lint.profile import LabelStep
from index.errors import ClausewrightError, ConfigurationError, InputError
from index.parsing.parser import Parser

DOCS = Path(__file__).resolve().parent.parent / "docs" / "lint-rules.md"


def test_shipped_profiles() -> None:
    store = ProfileStore()
    assert {"un", "nmun", "thimun", "plain"} <= set(store.names())
    un = store.get("un")
    assert [s.label(2) for s in un.labels] == ["(b)", "(ii)", "b.", "ii."]
    assert store.get("nmun").accepted_emphasis("operative") == ["italic"]
    thimun = store.get("thimun")
    assert [s.label(1) for s in thimun.labels] == ["a)", "i."]
    assert thimun.subclause_ends == [","] and thimun.chapeau_end == ":"
    plain = store.get("plain")
    assert plain.labels == [] and plain.accepted_emphasis("preambulatory") == []


def test_user_profile_extends_a_shipped_one(tmp_path: Path) -> None:
    path = tmp_path / "conf.toml"
    path.write_text(
        'name = "conf"\nextends = "nmun"\nlabels = ["a.", "i.", "1."]\n'
        '[emphasis]\noperative = ["underline"]\n',
        "utf-8",
    )
    profile = ProfileStore().get(str(path))
    assert profile.name == "conf"
    assert profile.labels[2] == LabelStep("dot", "num")
    assert profile.accepted_emphasis("operative") == ["underline"]
    assert profile.accepted_emphasis("preambulatory") == ["italic"]  # inherited
    assert ProfileStore([tmp_path]).get("conf").name == "conf"


def test_bad_profiles_raise_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match=r"unknown profile 'nope'.*nmun"):
        ProfileStore().get("nope")
    broken = tmp_path / "broken.toml"
    broken.write_text("name = [", "utf-8")
    with pytest.raises(InputError, match="not a valid profile"):
        ProfileStore().get(str(broken))
    loop = tmp_path / "loop.toml"
    loop.write_text('extends = "loop"\n', "utf-8")
    with pytest.raises(InputError, match="extends itself"):
        ProfileStore([tmp_path]).get("loop")
    with pytest.raises(ClausewrightError, match="label template"):
        LabelStep.parse("(a")


@pytest.mark.parametrize(
    "text,name",
    [
        ("The General Assembly,\n\nNoting x,\n\n1. Urges y:\n\n(a) z;\n\n(b) w.", "plain"),
        ("The General Assembly,\n\n*Noting* x,\n\n1. *Urges* y:\n\n(a) z;\n\n(b) w.", "un"),
        ("The General Assembly,\n\n*Noting* x,\n\n1. *Urges* y:\n\na. z;\n\nb. w.", "nmun"),
        ("The General Assembly,\n\n*Noting* x,\n\n1. *Urges* y.", "nmun"),
        ("The General Assembly,\n\n_Noting_ x,\n\n1. _Urges_ y.", "thimun"),
        ("The General Assembly,\n\n*Noting* x,\n\n1. *Urges* y:\n\na) z,\n\nb) w.", "thimun"),
    ],
)
def test_profile_inference(text: str, name: str) -> None:
    assert infer_profile_name(Parser().parse_text(text)[0]) == name


def test_linter_accepts_a_profile_object() -> None:
    profile = ProfileStore().get("plain")
    assert Linter(profile).profile is profile


def test_docs_table_lists_every_rule() -> None:
    rows = re.findall(r"^\| (CW\d{3}) \| (\w+) \| (yes|no) \|", DOCS.read_text("utf-8"), re.M)
    assert [code for code, _, _ in rows] == list(RULES)
    for code, severity, fix in rows:
        assert RULES[code].severity == severity, code
        assert RULES[code].fixable == (fix == "yes"), code
