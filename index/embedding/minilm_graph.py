"""all-MiniLM-L6-v2 as an ONNX graph, built from its safetensors weights.

The graph is the BERT encoder followed by sentence-transformers' pooling head for
this model: mean over the attention mask, then L2 normalisation. Its inputs are
``input_ids`` and ``attention_mask`` (int64, batch x tokens, padded per batch); its
output ``sentence_embedding`` is float32, batch x hidden. ``token_type_ids`` are all
zero for single sentences, so the type embedding is folded into the position table.

Weights are read with a small reader of the safetensors format (an 8-byte
little-endian header length, a JSON header, then the raw tensor buffer), so the
``safetensors`` package is not needed.
"""

from __future__ import annotations

import json
import math
import struct
from pathlib import Path
from typing import Any

import numpy as np

from index.errors import ConfigurationError

GRAPH_VERSION = 2  # bump when the graph changes: cached .onnx files are keyed on it
OPSET = 18
INPUTS = ("input_ids", "attention_mask")
OUTPUT = "sentence_embedding"

_DTYPES: dict[str, Any] = {
    "F64": np.float64,
    "F32": np.float32,
    "F16": np.float16,
    "I64": np.int64,
    "I32": np.int32,
    "I16": np.int16,
    "I8": np.int8,
    "U8": np.uint8,
    "BOOL": np.bool_,
}
_MAX_HEADER = 100 * 1024 * 1024


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Read every tensor of a ``.safetensors`` file into little-endian numpy arrays."""
    try:
        with path.open("rb") as fh:
            prefix = fh.read(8)
            if len(prefix) != 8:
                raise ValueError("file shorter than its 8-byte header length")
            (size,) = struct.unpack("<Q", prefix)
            if size > _MAX_HEADER:
                raise ValueError(f"header length {size} is implausible")
            header = json.loads(fh.read(size))
        buffer = np.fromfile(path, dtype=np.uint8, offset=8 + size)
        return {
            name: _tensor(buffer, info) for name, info in header.items() if name != "__metadata__"
        }
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigurationError(f"{path}: not a readable safetensors file: {exc}") from exc


def _tensor(buffer: np.ndarray, info: dict[str, Any]) -> np.ndarray:
    start, end = info["data_offsets"]
    if not 0 <= start <= end <= buffer.size:
        raise ValueError(f"tensor data {start}:{end} lies outside the buffer")
    raw = buffer[start:end]
    if info["dtype"] == "BF16":
        wide = raw.view("<u2").astype(np.uint32) << 16
        return wide.view(np.float32).reshape(info["shape"])
    dtype = _DTYPES.get(info["dtype"])
    if dtype is None:
        raise ValueError(f"unsupported dtype {info['dtype']}")
    return raw.view(np.dtype(dtype).newbyteorder("<")).reshape(info["shape"]).astype(dtype)


class _Graph:
    """Collects nodes and initializers, naming every intermediate value uniquely."""

    def __init__(self, eps: float) -> None:
        from onnx import helper, numpy_helper

        self.eps = eps
        self.prefix = ""
        self.helper = helper
        self.numpy_helper = numpy_helper
        self.nodes: list[Any] = []
        self.initializers: dict[str, Any] = {}
        self._count = 0

    def const(self, name: str, value: np.ndarray) -> str:
        """Register an initializer once under ``name`` (later calls reuse it)."""
        if name not in self.initializers:
            self.initializers[name] = self.numpy_helper.from_array(value, name)
        return name

    def scalar(self, name: str, value: float) -> str:
        return self.const(name, np.array(value, np.float32))

    def op(self, op_type: str, *inputs: str, outputs: int = 1, **attrs: Any) -> Any:
        self._count += 1
        names = [f"{op_type.lower()}_{self._count}_{i}" for i in range(outputs)]
        node = self.helper.make_node(op_type, list(inputs), names, **attrs)
        self.nodes.append(node)
        return names[0] if outputs == 1 else names

    def dense(self, x: str, prefix: str, w: dict[str, np.ndarray]) -> str:
        """``x @ W.T + b`` (one Gemm) for a torch Linear ``prefix.weight``/``prefix.bias``."""
        weight = self.const(f"{prefix}.weight", w[f"{prefix}.weight"])
        bias = self.const(f"{prefix}.bias", w[f"{prefix}.bias"])
        return self.op("Gemm", x, weight, bias, transB=1)

    def shape_of_batch(self, *tail: int) -> str:
        """The shape ``[batch, tokens, *tail]`` of the current inputs."""
        suffix = self.const("tail_" + "_".join(map(str, tail)), np.array(tail, np.int64))
        return self.op("Concat", self.op("Shape", "input_ids"), suffix, axis=0)

    def layer_norm(self, x: str, prefix: str, w: dict[str, np.ndarray], eps: float) -> str:
        gamma = self.const(f"{prefix}.gamma", w[f"{prefix}.weight"])
        beta = self.const(f"{prefix}.beta", w[f"{prefix}.bias"])
        return self.op("LayerNormalization", x, gamma, beta, axis=-1, epsilon=eps)


def _embeddings(g: _Graph, w: dict[str, np.ndarray], eps: float) -> tuple[str, str]:
    """Word + position (+ type 0) embeddings, and the additive attention-mask bias."""
    table = w["embeddings.position_embeddings.weight"]
    table = table + w["embeddings.token_type_embeddings.weight"][0]
    seq_len = g.op("Shape", "input_ids", start=1, end=2)
    zero = g.const("zero", np.array([0], np.int64))
    positions = g.op("Slice", g.const("pos_type", table), zero, seq_len, zero)
    words = g.op("Gather", g.const("word", w["embeddings.word_embeddings.weight"]), "input_ids")
    hidden = g.layer_norm(g.op("Add", words, positions), "embeddings.LayerNorm", w, eps)
    size = w["embeddings.LayerNorm.weight"].shape[0]
    hidden = g.op("Reshape", hidden, g.const(f"rows_{size}", np.array([-1, size], np.int64)))
    # (1 - mask) * -1e9, shaped batch x 1 x 1 x tokens to broadcast over heads and queries
    mask = g.op("Cast", "attention_mask", to=1)
    bias = g.op("Mul", g.op("Sub", g.scalar("one_f", 1.0), mask), g.scalar("neg", -1e9))
    return hidden, g.op("Unsqueeze", bias, g.const("axes_1_2", np.array([1, 2], np.int64)))


def _attention(g: _Graph, x: str, mask_bias: str, w: dict[str, np.ndarray], heads: int) -> str:
    """Self-attention with one fused QKV projection, 1/sqrt(head size) folded into Q."""
    p = g.prefix + ".attention"
    hidden = w[f"{p}.self.query.weight"].shape[0]
    head = hidden // heads
    scale = np.float32(1.0 / math.sqrt(head))
    names = ("query", "key", "value")
    weight = np.concatenate([w[f"{p}.self.{n}.weight"] for n in names])
    bias = np.concatenate([w[f"{p}.self.{n}.bias"] for n in names])
    weight[:hidden] *= scale
    bias[:hidden] *= scale
    w[f"{p}.qkv.weight"], w[f"{p}.qkv.bias"] = weight, bias
    qkv = g.op("Reshape", g.dense(x, f"{p}.qkv", w), g.shape_of_batch(3, heads, head))
    qkv = g.op("Transpose", qkv, perm=[2, 0, 3, 1, 4])
    zero = g.const("zero", np.array([0], np.int64))
    q, k, v = (
        g.op("Squeeze", t, zero) for t in g.op("Split", qkv, outputs=3, axis=0, num_outputs=3)
    )
    scores = g.op("MatMul", q, g.op("Transpose", k, perm=[0, 1, 3, 2]))
    probs = g.op("Softmax", g.op("Add", scores, mask_bias), axis=-1)
    context = g.op("Transpose", g.op("MatMul", probs, v), perm=[0, 2, 1, 3])
    merged = g.op("Reshape", context, g.const(f"rows_{hidden}", np.array([-1, hidden], np.int64)))
    out = g.op("Add", g.dense(merged, f"{p}.output.dense", w), x)
    return g.layer_norm(out, f"{p}.output.LayerNorm", w, g.eps)


def _feed_forward(g: _Graph, x: str, w: dict[str, np.ndarray]) -> str:
    """Dense, exact (erf) GELU, dense, residual, LayerNorm; onnxruntime fuses the GELU."""
    inner = g.dense(x, f"{g.prefix}.intermediate.dense", w)
    erf = g.op("Erf", g.op("Div", inner, g.scalar("sqrt2", math.sqrt(2.0))))
    gelu = g.op(
        "Mul", g.op("Mul", inner, g.op("Add", erf, g.scalar("one_f", 1.0))), g.scalar("half", 0.5)
    )
    out = g.op("Add", g.dense(gelu, f"{g.prefix}.output.dense", w), x)
    return g.layer_norm(out, f"{g.prefix}.output.LayerNorm", w, g.eps)


def _pool(g: _Graph, hidden: str) -> str:
    """Mean over the attention mask, then x / max(||x||, 1e-12), as sentence-transformers."""
    last = g.const("axis_last", np.array([-1], np.int64))
    tokens = g.const("axis_tokens", np.array([1], np.int64))
    mask = g.op("Unsqueeze", g.op("Cast", "attention_mask", to=1), last)
    summed = g.op("ReduceSum", g.op("Mul", hidden, mask), tokens, keepdims=0)
    count = g.op("Max", g.op("ReduceSum", mask, tokens, keepdims=0), g.scalar("tiny", 1e-9))
    mean = g.op("Div", summed, count)
    norm = g.op("Max", g.op("ReduceL2", mean, last, keepdims=1), g.scalar("norm_eps", 1e-12))
    return g.op("Div", mean, norm)


def build_model(
    weights: dict[str, np.ndarray], config: dict[str, Any], metadata: dict[str, str]
) -> Any:
    """Return the ``onnx.ModelProto`` of encoder, mean pooling and L2 normalisation."""
    from onnx import TensorProto, checker, helper

    w = {k: v.astype(np.float32) for k, v in weights.items() if v.dtype.kind == "f"}
    g = _Graph(eps=float(config.get("layer_norm_eps", 1e-12)))
    x, mask_bias = _embeddings(g, w, g.eps)
    for i in range(int(config["num_hidden_layers"])):
        g.prefix = f"encoder.layer.{i}"
        x = _attention(g, x, mask_bias, w, int(config["num_attention_heads"]))
        x = _feed_forward(g, x, w)
    size = int(config["hidden_size"])
    x = g.op("Reshape", x, g.shape_of_batch(size))
    g.nodes.append(helper.make_node("Identity", [_pool(g, x)], [OUTPUT]))
    graph = helper.make_graph(
        g.nodes,
        "all-MiniLM-L6-v2",
        [helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "tokens"]) for n in INPUTS],
        [helper.make_tensor_value_info(OUTPUT, TensorProto.FLOAT, ["batch", size])],
        initializer=list(g.initializers.values()),
    )
    opsets = [helper.make_opsetid("", OPSET)]
    model = helper.make_model(graph, opset_imports=opsets, producer_name="clausewright")
    helper.set_model_props(model, metadata)
    checker.check_model(model)
    return model
