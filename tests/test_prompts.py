"""Prompt files are data, validated on load."""

from __future__ import annotations

import pytest

from assistant.prompts import PromptLibrary, parse_prompt
from index.errors import ConfigurationError


def test_shipped_prompts_load_and_render():
    lib = PromptLibrary()
    assert {"clause_completion", "clause_chat", "answer_chat", "revise_chat"} <= set(lib.prompts)
    text = lib["clause_completion"].render(
        body="The General Assembly,", topic="t", examples="1. *Urges* x;", prefix="2. *Urges* "
    )
    assert text.endswith("2. *Urges* ")
    roles = [
        r
        for r, _ in lib["clause_chat"].messages(
            kind="operative",
            count=1,
            first_number=3,
            profile_rules="- r",
            precedents="p",
            request="q",
            draft="d",
            guidance="*Urges* Member States to …",
        )
    ]
    assert roles == ["system", "human"]


def test_declared_variables_must_match_the_template():
    bad = 'name = "x"\nvariables = ["a"]\ntemplate = "{a} {b}"\n'
    with pytest.raises(ConfigurationError, match=r"my\.toml: variables \['a'\] do not match"):
        parse_prompt(bad, "my.toml")


def test_missing_variables_at_render_time():
    with pytest.raises(ConfigurationError, match="missing"):
        PromptLibrary()["revise_chat"].render(action="a")


def test_user_overrides(tmp_path):
    (tmp_path / "answer.toml").write_text(
        'name = "answer_chat"\nvariables = ["question", "precedents"]\n'
        'template = "Q: {question}\\n{precedents}"\n',
        "utf-8",
    )
    lib = PromptLibrary(tmp_path)
    assert lib["answer_chat"].render(question="q", precedents="p") == "Q: q\np"
