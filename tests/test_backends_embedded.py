"""The embedded llama.cpp chat model (slow: loads the real 135M GGUF)."""

from __future__ import annotations

import re
import time

import pytest
from langchain_core.messages import AIMessageChunk, HumanMessage, SystemMessage

from assistant.backends.grammar import ClauseGrammar

pytestmark = pytest.mark.slow

PROMPT = (
    "The General Assembly,\n\n"
    "6. *Welcomes* the report of the Secretary-General on safe, orderly and regular "
    "migration;\n\n"
    "7. *Calls upon* all States to protect the human rights of all migrants, regardless of "
    "their migration status;\n\n"
    "8. *Encourages* Member States to strengthen cooperation on search and rescue at sea;\n\n"
)
CLAUSE = re.compile(r"9\. \*Urges\* Member States to [^\n;\[\]]{5,}( \[[^\]]+\])*;")


@pytest.fixture(scope="module")
def model():
    pytest.importorskip("llama_cpp")
    from assistant.backends.embedded import EmbeddedChatModel

    return EmbeddedChatModel(n_threads=2, n_ctx=8192, max_tokens=96, temperature=0.7)


def test_chat_mode_uses_the_chat_template(model):
    reply = model.invoke(
        [SystemMessage("You are a concise assistant."), HumanMessage("Name one UN organ.")],
        max_tokens=24,
    )
    assert isinstance(reply.content, str) and reply.content.strip()
    assert "<|im_start|>" not in reply.content
    assert 0 < reply.usage_metadata["output_tokens"] <= 24
    assert reply.response_metadata["mode"] == "chat"


def test_grammar_constrained_clause(model):
    spec = ClauseGrammar(
        number=9,
        phrases="*Urges* Member States to",
        terminals=";",
        citations=["IOM/1/4 op 8(a)"],
        body_max=240,
        end_newline=True,
    )
    for seed in (7, 8):
        reply = model.invoke(
            PROMPT, mode="completion", grammar=spec.gbnf(), seed=seed, max_tokens=160
        )
        text = reply.content
        assert spec.regex().fullmatch(text), text
        assert CLAUSE.fullmatch(text.rstrip("\n")), text


def test_body_only_grammar_after_a_written_prefix(model):
    spec = ClauseGrammar(number=9, phrases="*Urges*", include_prefix=False, end_newline=True)
    prompt = PROMPT + spec.prefix + "Member States to "
    reply = model.invoke(prompt, mode="completion", grammar=spec.gbnf(), max_tokens=160)
    assert spec.regex().fullmatch(reply.content), reply.content
    assert CLAUSE.fullmatch(spec.prefix + "Member States to " + reply.content.rstrip("\n"))


def test_streaming_yields_chunks(model):
    spec = ClauseGrammar(number=9, phrases="*Urges* Member States to", end_newline=True)
    chunks = list(model.stream(PROMPT, mode="completion", grammar=spec.gbnf(), max_tokens=160))
    assert len(chunks) > 3
    assert all(isinstance(c, AIMessageChunk) for c in chunks)
    text = "".join(c.content for c in chunks)
    assert spec.regex().fullmatch(text), text
    reasons = [c.response_metadata.get("finish_reason") for c in chunks]
    assert "stop" in reasons


def test_chat_streaming(model):
    chunks = list(model.stream([HumanMessage("Say hello.")], max_tokens=12))
    assert "".join(c.content for c in chunks).strip()


def test_stop_sequences_and_seed_are_reproducible(model):
    from assistant.backends.embedded import EmbeddedChatModel

    fresh = EmbeddedChatModel(n_threads=2, n_ctx=2048, reuse_prompt_cache=False)
    runs = []
    for prompt in (PROMPT + "9.", "Unrelated text", PROMPT + "9."):
        reply = fresh.invoke(prompt, mode="completion", stop=["\n"], seed=11, max_tokens=32)
        runs.append(reply.content)
    assert "\n" not in runs[0]
    assert runs[0] == runs[2]


def _tokens_per_second(model, **kwargs) -> float:
    """Generation speed, from the first streamed token to the last (prompt excluded)."""
    stamps: list[float] = []
    for chunk in model.stream(PROMPT, mode="completion", max_tokens=40, seed=3, **kwargs):
        if chunk.content:
            stamps.append(time.perf_counter())
    assert len(stamps) > 8
    return (len(stamps) - 1) / (stamps[-1] - stamps[0])


def test_generation_speed(model, record_property):
    free = _tokens_per_second(model)
    spec = ClauseGrammar(number=9, phrases="*Urges*", body_forbid="", body_max=1000)
    constrained = _tokens_per_second(model, grammar=spec.gbnf())
    record_property("tokens_per_s_free", round(free, 1))
    record_property("tokens_per_s_grammar", round(constrained, 1))
    print(f"generation: {free:.1f} tok/s free, {constrained:.1f} tok/s with grammar")
    assert free > 1 and constrained > 1
