"""GGUF metadata reader, the tiktoken encoding rebuilt from it, and TokenCounter."""

from __future__ import annotations

import logging
import random
import struct
import time
from pathlib import Path

import pytest

from assistant.backends.gguf import (
    TOKEN_CONTROL,
    find_shipped_gguf,
    read_metadata,
    read_vocab,
)
from assistant.backends.tokens import (
    SMOLLM_PAT_STR,
    GGUFTokenizer,
    TokenCounter,
    bytes_to_unicode,
)
from index.errors import ConfigurationError

CORPUS = Path(__file__).resolve().parents[1] / "index" / "corpus"
TRICKY = [
    "a  5 x",
    "  12  34 ",
    "x\n\n\n5",
    "1234567 apples, 3.14159 and 2,000,000",
    "naïve café Ångström",
    "日本語のテキスト123",
    "Ⅻ ½ ² ٣٤٥",
    "emoji 👍🏽 ok 😀😀",
    "tabs\t\t5\t",
    "don't I'LL we've 's's 7'll",
    "\u00a0\u20035 \u3000 x \u2028y",
    "e\u0301 \u200b\ufeff",
    "<|im_start|>user\nhi<|im_end|>",
    "\x04\x06ctrl\x1d",
    "   ",
    "\n",
    "a\r\nb",
    "A/RES/75/1 op 8(a) [IOM/1/4 op 8(a)];",
    "unassigned \u0378 tag \U000e0001",
]


def _write_gguf(path: Path, kvs: list[tuple[str, int, bytes]], version: int = 3) -> None:
    def s(text: str) -> bytes:
        raw = text.encode()
        return struct.pack("<Q", len(raw)) + raw

    out = b"GGUF" + struct.pack("<IQQ", version, 0, len(kvs))
    for key, vtype, payload in kvs:
        out += s(key) + struct.pack("<I", vtype) + payload
    path.write_bytes(out)


def _str(text: str) -> bytes:
    raw = text.encode()
    return struct.pack("<Q", len(raw)) + raw


def test_reader_parses_every_value_type(tmp_path):
    path = tmp_path / "t.gguf"
    tokens = ["<|im_start|>", "a", "b", "ab"]
    _write_gguf(
        path,
        [
            ("general.name", 8, _str("tiny")),
            ("u8", 0, struct.pack("<B", 7)),
            ("i32", 5, struct.pack("<i", -3)),
            ("f32", 6, struct.pack("<f", 0.5)),
            ("flag", 7, struct.pack("<?", True)),
            ("u64", 10, struct.pack("<Q", 2**40)),
            ("f64", 12, struct.pack("<d", 1.25)),
            ("tokenizer.ggml.model", 8, _str("gpt2")),
            ("tokenizer.ggml.pre", 8, _str("smollm")),
            ("tokenizer.ggml.tokens", 9, struct.pack("<IQ", 8, 4) + b"".join(map(_str, tokens))),
            ("tokenizer.ggml.token_type", 9, struct.pack("<IQ4i", 5, 4, 3, 1, 1, 1)),
            ("tokenizer.ggml.merges", 9, struct.pack("<IQ", 8, 1) + _str("a b")),
            ("tokenizer.ggml.bos_token_id", 4, struct.pack("<I", 0)),
        ],
    )
    meta = read_metadata(path)
    assert meta["general.name"] == "tiny"
    assert (meta["u8"], meta["i32"], meta["f32"], meta["flag"]) == (7, -3, 0.5, True)
    assert (meta["u64"], meta["f64"]) == (2**40, 1.25)
    vocab = read_vocab(path)
    assert vocab.tokens == tokens
    assert vocab.token_types == [TOKEN_CONTROL, 1, 1, 1]
    assert vocab.merges == ["a b"]
    assert (vocab.bos_id, vocab.eos_id, vocab.pre, vocab.model) == (0, None, "smollm", "gpt2")
    assert vocab.control_tokens() == {"<|im_start|>": 0}


def test_reader_rejects_non_gguf(tmp_path):
    bad = tmp_path / "x.gguf"
    bad.write_bytes(b"NOPE" + bytes(20))
    with pytest.raises(ConfigurationError, match="not a valid GGUF"):
        read_metadata(bad)
    old = tmp_path / "v1.gguf"
    _write_gguf(old, [], version=1)
    with pytest.raises(ConfigurationError, match="version 1"):
        read_metadata(old)


def test_shipped_vocab():
    vocab = read_vocab(find_shipped_gguf())
    assert (vocab.model, vocab.pre) == ("gpt2", "smollm")
    assert len(vocab.tokens) == 49152 and len(vocab.merges) == 48900
    assert vocab.tokens[vocab.bos_id] == "<|im_start|>"
    assert vocab.tokens[vocab.eos_id] == "<|im_end|>"
    assert len(vocab.control_tokens()) == 17


def test_byte_alphabet_is_a_bijection():
    mapping = bytes_to_unicode()
    assert len(mapping) == 256 and len(set(mapping.values())) == 256
    assert mapping[ord(" ")] == "Ġ" and mapping[ord("\n")] == "Ċ" and mapping[ord("a")] == "a"


@pytest.fixture(scope="module")
def tokenizer() -> GGUFTokenizer:
    return GGUFTokenizer()


def test_known_token_ids(tokenizer):
    # ids as produced by llama.cpp for this model
    assert tokenizer.encode("Hello world") == [19556, 905]
    assert tokenizer.encode("1234 apples") == [33, 34, 35, 36, 13855]
    assert tokenizer.encode("a  5 x") == [81, 256, 37, 1792]
    assert tokenizer.encode("\x04hi") == [6004]  # llama.cpp drops bytes without a token
    assert tokenizer.encoding._pat_str == SMOLLM_PAT_STR


def test_roundtrip_and_special_tokens_are_plain_text(tokenizer):
    text = "<|im_start|>user\n9. *Urges* States to act;"
    ids = tokenizer.encode(text)
    assert tokenizer.vocab.bos_id not in ids
    assert tokenizer.decode(ids) == text
    assert tokenizer.count(text) == len(ids)


def test_token_counter_gguf_strategy():
    counter = TokenCounter()
    assert counter.count_tokens("Hello world") == 2
    assert counter.source.startswith("gguf:")


def test_token_counter_openai_falls_back_offline(monkeypatch, caplog):
    import tiktoken

    def offline(name):
        raise ConnectionError("no network")

    monkeypatch.setattr(tiktoken, "get_encoding", offline)
    counter = TokenCounter("openai", model="not-a-known-model")
    with caplog.at_level(logging.WARNING, logger="assistant.backends.tokens"):
        assert counter.count_tokens("Hello world") == 2
    assert counter.source.startswith("gguf:")
    assert "unavailable offline" in caplog.text


def test_token_counter_openai_times_out(monkeypatch):
    import tiktoken

    monkeypatch.setattr(tiktoken, "get_encoding", lambda name: time.sleep(3))
    counter = TokenCounter("openai", load_timeout_s=0.2)
    started = time.perf_counter()
    assert counter.count_tokens("Hello world") == 2
    assert time.perf_counter() - started < 2.5


def test_token_counter_openai_uses_tiktoken_when_available(monkeypatch, tokenizer):
    import tiktoken

    monkeypatch.setattr(tiktoken, "get_encoding", lambda name: tokenizer.encoding)
    counter = TokenCounter("openai")
    assert counter.count_tokens("Hello <|im_end|> world") > 2
    assert counter.source == f"tiktoken:{tokenizer.encoding.name}"


def test_unknown_strategy():
    with pytest.raises(ConfigurationError):
        TokenCounter("bert")


# ---------------------------------------------------------------------------- slow tier


def _corpus_lines() -> list[str]:
    lines: list[str] = []
    for path in sorted(CORPUS.glob("*.txt")):
        lines += [line for line in path.read_text("utf-8").splitlines() if line.strip()]
    return lines


def _random_strings(count: int, seed: int = 1) -> list[str]:
    alphabet = list("abcXYZ  \t\n\r'sdtmlrev0123456789.,;:!?-_/()[]\"") + list(
        "éß日本👍\u0301\u00a0\u3000½²٣Ⅻ\u200b\x04\ufeffяع😀\u2028\x85\x7f\U000e0001\u0378"
    )
    rng = random.Random(seed)
    return ["".join(rng.choices(alphabet, k=rng.randint(1, 25))) for _ in range(count)]


@pytest.mark.slow
def test_matches_llama_cpp_tokenizer(tokenizer, record_property):
    llama_cpp = pytest.importorskip("llama_cpp")
    reference = llama_cpp.Llama(str(tokenizer.model_path), vocab_only=True, verbose=False)
    lines = _corpus_lines()
    samples = lines + TRICKY + _random_strings(3000)
    mismatches = []
    for text in samples:
        expected = reference.tokenize(text.encode("utf-8"), add_bos=False, special=False)
        if tokenizer.encode(text) != expected:
            mismatches.append(text)
    matched = len(samples) - len(mismatches)
    record_property("tokenizer_matches", f"{matched}/{len(samples)}")
    print(
        f"tokenizer matches llama.cpp on {matched}/{len(samples)} strings "
        f"({len(lines)} corpus lines, {len(TRICKY)} tricky, 3000 random)"
    )
    assert len(lines) > 100
    assert not mismatches, mismatches[:5]
