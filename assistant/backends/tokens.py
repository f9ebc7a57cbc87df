"""Token counting: a ``tiktoken.Encoding`` rebuilt from the GGUF vocabulary.

The embedded model uses byte-level BPE (GPT-2 style): each vocabulary entry is a string
over the GPT-2 "byte to unicode" alphabet. Mapping that alphabet back to bytes gives the
byte strings tiktoken ranks. The GGUF merges are in token-id order (checked when the
encoding is built), so ranking each token by its id reproduces the merge priorities.

Pre-tokenization follows llama.cpp's ``LLAMA_VOCAB_PRE_TYPE_SMOLLM``, which applies two
regexes one after the other::

    \\p{N}
    's|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)

(the second one with llama.cpp's trailing ``\\s+`` fallback). :data:`SMOLLM_PAT_STR` is
the equivalent single pattern: every digit is a piece of its own, so `` ?\\p{N}+`` can
never match and a whitespace run right before a digit ends a piece whole.

llama.cpp silently drops bytes that have no token (the vocabulary lacks a few control
characters); the encoding gives those bytes ids past the vocabulary and
:class:`GGUFTokenizer` filters them out, so its ids equal llama.cpp's.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from index.errors import ConfigurationError, import_optional

from .gguf import TOKEN_CONTROL, TOKEN_USER_DEFINED, GGUFVocab, read_vocab, resolve_model_path

logger = logging.getLogger(__name__)

GPT2_PAT_STR = r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""
SMOLLM_PAT_STR = (
    r"""\p{N}|'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?[^\s\p{L}\p{N}]+"""
    r"""|\s+(?=\p{N})|\s+(?!\S)|\s+"""
)
_PAT_BY_PRE = {"smollm": SMOLLM_PAT_STR, "gpt2": GPT2_PAT_STR, "default": GPT2_PAT_STR}
DEFAULT_REMOTE_ENCODING = "o200k_base"


@lru_cache(maxsize=1)
def bytes_to_unicode() -> dict[int, str]:
    """GPT-2's reversible map from the 256 byte values to printable characters."""
    printable = [
        *range(ord("!"), ord("~") + 1),
        *range(ord("¡"), ord("¬") + 1),
        *range(ord("®"), ord("ÿ") + 1),
    ]
    mapping = {b: chr(b) for b in printable}
    extra = 0
    for b in range(256):
        if b not in mapping:
            mapping[b] = chr(256 + extra)
            extra += 1
    return mapping


def _unicode_to_bytes() -> dict[str, int]:
    return {c: b for b, c in bytes_to_unicode().items()}


def token_bytes(token: str, decoder: dict[str, int] | None = None) -> bytes:
    """The bytes a byte-level BPE token stands for."""
    decoder = decoder or _unicode_to_bytes()
    return bytes(decoder[c] for c in token)


def build_encoding(vocab: GGUFVocab, name: str = "gguf"):  # -> tiktoken.Encoding
    """A ``tiktoken.Encoding`` equivalent to llama.cpp's tokenizer for ``vocab``."""
    tiktoken = import_optional("tiktoken", "token counting", "pip install tiktoken")
    if vocab.model != "gpt2":
        raise ConfigurationError(
            f"tokenizer model {vocab.model!r} is not byte-level BPE; only 'gpt2' is supported"
        )
    pat_str = _PAT_BY_PRE.get(vocab.pre)
    if pat_str is None:
        raise ConfigurationError(f"pre-tokenizer {vocab.pre!r} is not supported (smollm, gpt2)")
    _check_merge_order(vocab)
    decoder = _unicode_to_bytes()
    ranks: dict[bytes, int] = {}
    specials: dict[str, int] = {}
    for token_id, (text, kind) in enumerate(zip(vocab.tokens, vocab.token_types, strict=True)):
        if kind in (TOKEN_CONTROL, TOKEN_USER_DEFINED):
            specials[text] = token_id
        else:
            ranks.setdefault(token_bytes(text, decoder), token_id)
    n_vocab = len(vocab.tokens)
    missing = [b for b in range(256) if bytes([b]) not in ranks]
    for offset, byte in enumerate(missing):
        ranks[bytes([byte])] = n_vocab + offset  # llama.cpp drops these bytes
    return tiktoken.Encoding(name, pat_str=pat_str, mergeable_ranks=ranks, special_tokens=specials)


def _check_merge_order(vocab: GGUFVocab) -> None:
    ids = {t: i for i, t in enumerate(vocab.tokens)}
    previous = -1
    for merge in vocab.merges:
        left, _, right = merge.partition(" ")
        merged = ids.get(left + right)
        if merged is None or merged <= previous:
            raise ConfigurationError(
                f"GGUF merges are not in token-id order at {merge!r}; "
                "token ids cannot serve as BPE ranks for this vocabulary"
            )
        previous = merged


class GGUFTokenizer:
    """Encode and decode exactly like llama.cpp (``add_bos=False, special=False``)."""

    def __init__(self, model_path: Path | str | None = None) -> None:
        self.model_path = resolve_model_path(model_path)
        self.vocab = read_vocab(self.model_path)
        self.encoding = build_encoding(self.vocab, name=self.model_path.stem)
        self.n_vocab = len(self.vocab.tokens)

    def encode(self, text: str) -> list[int]:
        ids = self.encoding.encode(text, allowed_special=set(), disallowed_special=())
        return [i for i in ids if i < self.n_vocab]

    def decode(self, ids: list[int]) -> str:
        return self.encoding.decode(ids)

    def count(self, text: str) -> int:
        return len(self.encode(text))


class TokenCounter:
    """``count_tokens(text)`` for the configured backend.

    ``strategy="gguf"`` counts with the embedded model's vocabulary. ``strategy="openai"``
    tries the tiktoken encoding of ``model`` (``o200k_base`` if unknown); tiktoken
    downloads encodings on first use, so when that fails (offline) or takes longer than
    ``load_timeout_s`` a warning is logged and the GGUF vocabulary is used instead.
    """

    def __init__(
        self,
        strategy: str = "gguf",
        model: str | None = None,
        model_path: Path | str | None = None,
        load_timeout_s: float = 5.0,
    ) -> None:
        if strategy not in ("gguf", "openai"):
            raise ConfigurationError(f"unknown token counting strategy {strategy!r}")
        self.strategy = strategy
        self.model = model
        self.model_path = model_path
        self.load_timeout_s = load_timeout_s
        self._encode: Callable[[str], list[int]] | None = None
        self.source = ""  # name of the encoding actually used, set on first count

    def count_tokens(self, text: str) -> int:
        return len(self._encoder()(text))

    def _encoder(self) -> Callable[[str], list[int]]:
        if self._encode is None:
            encode = self._remote_encoder() if self.strategy == "openai" else None
            if encode is None:
                tokenizer = GGUFTokenizer(self.model_path)
                encode, self.source = tokenizer.encode, f"gguf:{tokenizer.model_path.name}"
            self._encode = encode
        return self._encode

    def _remote_encoder(self) -> Callable[[str], list[int]] | None:
        encoding, error = _load_tiktoken(self.model, self.load_timeout_s)
        if encoding is None:
            logger.warning(
                "tiktoken encoding for %s unavailable offline (%s); "
                "counting tokens with the embedded GGUF vocabulary instead",
                self.model or DEFAULT_REMOTE_ENCODING,
                error,
            )
            return None
        self.source = f"tiktoken:{encoding.name}"
        return lambda text: encoding.encode(text, disallowed_special=())


def _load_tiktoken(model: str | None, timeout_s: float) -> tuple[Any, str]:
    """(encoding, "") or (None, why). Runs in a daemon thread: a download that hangs
    neither blocks the caller past ``timeout_s`` nor the interpreter's exit."""
    import tiktoken

    result: dict[str, Any] = {}

    def load() -> None:
        try:
            if model:
                try:
                    result["encoding"] = tiktoken.encoding_for_model(model)
                    return
                except KeyError:
                    pass
            result["encoding"] = tiktoken.get_encoding(DEFAULT_REMOTE_ENCODING)
        except Exception as exc:  # network errors come in many types (requests, OSError)
            result["error"] = f"{type(exc).__name__}: {exc}"

    thread = threading.Thread(target=load, name="tiktoken-load", daemon=True)
    thread.start()
    thread.join(timeout_s)
    if "encoding" in result:
        return result["encoding"], ""
    return None, result.get("error", f"no answer within {timeout_s:g}s")
