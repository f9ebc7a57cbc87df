"""GBNF clause grammars: text generation (fast), llama.cpp parsing and sampling (slow)."""

from __future__ import annotations

import re

import pytest

from assistant.backends.grammar import ClauseGrammar, clause_grammar, gbnf_literal

CITES = ["IOM/1/4 op 8(a)", "A/RES/75/1 pp 3"]


def test_literal_escaping():
    assert gbnf_literal('say "hi"\\') == r'"say \"hi\"\\"'
    assert gbnf_literal("a\nb\tc\x01") == r'"a\nb\tc\x01"'
    assert gbnf_literal("é *Urges*") == '"é *Urges*"'


def test_fixed_number_and_phrase():
    text = clause_grammar(number=9, phrases="*Urges*", terminals=";")
    assert text.splitlines()[0] == 'root ::= "9. " ("*Urges*") " " body cites terminal'
    assert (
        "body ::= [^\\x00-\\x20\\x7f\\x5b\\x5d\\x3b] [^\\x00-\\x1f\\x7f\\x5b\\x5d\\x3b]{11,399}"
        in text
    )
    assert 'terminal ::= (";")' in text
    assert 'cites ::= ""' in text


def test_enumerated_phrases_terminals_and_citations():
    spec = ClauseGrammar(
        phrases=["*Urges*", "*Calls upon*", "*Urges*"],
        terminals=[";", "."],
        citations=CITES,
        min_citations=1,
        max_citations=2,
        body_min=20,
        body_max=120,
        end_newline=True,
    )
    text = spec.gbnf()
    assert 'root ::= ("*Urges*" | "*Calls upon*") " " body cites terminal "\\n"' in text
    assert "{19,119}" in text
    assert 'terminal ::= (";" | ".")' in text
    assert "cites ::= cite{1,2}" in text
    assert 'cite ::= " [" ("IOM/1/4 op 8(a)" | "A/RES/75/1 pp 3") "]"' in text


def test_body_only_grammar_for_completion_prompts():
    spec = ClauseGrammar(number=9, phrases="*Urges*", include_prefix=False)
    assert spec.gbnf().splitlines()[0] == "root ::= body cites terminal"
    assert spec.prefix == "9. *Urges* "


def test_regex_accepts_and_rejects():
    spec = ClauseGrammar(number=9, phrases=["*Urges*", "*Calls upon*"], citations=CITES)
    pattern = spec.regex()
    assert pattern.fullmatch("9. *Urges* Member States to act now [IOM/1/4 op 8(a)];")
    assert pattern.fullmatch("9. *Calls upon* all parties to refrain from violence;")
    assert not pattern.fullmatch("9. *Urges* short;")  # body under 12 characters
    assert not pattern.fullmatch("9. *Urges* Member States to act now [X/1];")  # unknown ID
    assert not pattern.fullmatch("9. *Urges* Member States to act\nnow;")  # newline
    assert not pattern.fullmatch("9. *Decides* to remain seized of the matter;")
    assert not pattern.fullmatch("9. *Urges* Member States to act now.")  # wrong terminal
    assert not pattern.fullmatch("9. *Urges* Member States to act; and 10. *Notes* it;")
    relaxed = ClauseGrammar(number=9, phrases="*Urges*", body_forbid="").regex()
    assert relaxed.fullmatch("9. *Urges* Member States to act; and 10. *Notes* it;")


def test_forbidden_characters_are_escaped():
    spec = ClauseGrammar(body_forbid="-^\\é😀")
    assert "\\x2d\\x5e\\x5c\\xe9\\U0001f600" in spec.gbnf()
    pattern = spec.regex()
    assert pattern.fullmatch("Member States to act now;")
    for bad in "-^\\é😀":
        assert not pattern.fullmatch(f"Member States {bad} act now;")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"terminals": ":"},
        {"body_min": 0},
        {"body_min": 50, "body_max": 10},
        {"body_max": 5000},
        {"min_citations": 1},
        {"citations": ["bad]id"]},
    ],
)
def test_invalid_specs_are_rejected(kwargs):
    with pytest.raises(ValueError):
        ClauseGrammar(**kwargs)


# ---------------------------------------------------------------------------- slow tier

FEW_SHOT = (
    "The General Assembly,\n\n"
    "1. *Welcomes* the report of the Secretary-General on safe, orderly and regular "
    "migration;\n\n"
    "2. *Calls upon* all States to protect the human rights of all migrants, regardless of "
    "their migration status;\n\n"
    "3. *Encourages* Member States to strengthen cooperation on search and rescue;\n\n"
)


@pytest.fixture(scope="module")
def model():
    pytest.importorskip("llama_cpp")
    from assistant.backends.embedded import EmbeddedChatModel

    return EmbeddedChatModel(n_threads=2, n_ctx=2048, temperature=0.8)


@pytest.mark.slow
def test_grammars_compile_in_llama_cpp(model):
    from assistant.backends.embedded import GrammarError

    for spec in (
        ClauseGrammar(number=9, phrases="*Urges*"),
        ClauseGrammar(phrases=['*Notes* "with" \\ concern', "*Recalls*"], terminals=","),
        ClauseGrammar(number="12 bis", citations=CITES, min_citations=1, end_newline=True),
        ClauseGrammar(body_max=1900, include_prefix=False),
        ClauseGrammar(body_forbid='-^\\é😀"', terminals=[",", "."]),
    ):
        grammar = model.compiled_grammar(spec.gbnf())
        assert model.compiled_grammar(spec.gbnf()) is grammar  # cached per string
    with pytest.raises(GrammarError):
        model.compiled_grammar('root ::= "unterminated')


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sampled_clauses_match_the_regex(model, seed):
    spec = ClauseGrammar(
        number=4,
        phrases=["*Urges*", "*Calls upon*", "*Requests*"],
        terminals=[";"],
        citations=CITES,
        min_citations=1,
        body_max=100,
        end_newline=True,
    )
    reply = model.invoke(
        FEW_SHOT, mode="completion", grammar=spec.gbnf(), seed=seed, max_tokens=160
    )
    assert spec.regex().fullmatch(reply.content), reply.content
    assert re.search(r" \[(IOM/1/4 op 8\(a\)|A/RES/75/1 pp 3)\];\n$", reply.content)
