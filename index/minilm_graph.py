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

GRAPH_VERSION = 1  # bump when the graph changes: cached .onnx files are keyed on it
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
            name: _tensor(buffer, info)
            for name, info in header.items()
            if name != "__metadata__"
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

    def __init__(self) -> None:
        from onnx import helper, numpy_helper

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

    def op(self, op_type: str, *inputs: str, outputs: int = 1, **attrs: Any) -> Any:
        self._count += 1
        names = [f"{op_type.lower()}_{self._count}_{i}" for i in range(outputs)]
        node = self.helper.make_node(op_type, list(inputs), names, **attrs)
        self.nodes.append(node)
        return names[0] if outputs == 1 else names

    def dense(self, x: str, prefix: str, w: dict[str, np.ndarray]) -> str:
        """``x @ W.T + b`` for a torch Linear stored as ``prefix.weight``/``prefix.bias``."""
        weight = self.const(f"{prefix}.wT", np.ascontiguousarray(w[f"{prefix}.weight"].T))
        bias = self.const(f"{prefix}.b", w[f"{prefix}.bias"])
        return self.op("Add", self.op("MatMul", x, weight), bias)

    def layer_norm(self, x: str, prefix: str, w: dict[str, np.ndarray], eps: float) -> str:
        gamma = self.const(f"{prefix}.g", w[f"{prefix}.weight"])
        beta = self.const(f"{prefix}.beta", w[f"{prefix}.bias"])
        return self.op("LayerNormalization", x, gamma, beta, axis=-1, epsilon=eps)


def _f32(weights: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {k: v.astype(np.float32) for k, v in weights.items() if v.dtype.kind == "f"}


def _embeddings(g: _Graph, w: dict[str, np.ndarray], eps: float) -> tuple[str, str]:
    """Word + position (+ type 0) embeddings and the additive attention mask."""
    table = w["embeddings.position_embeddings.weight"]
    table = table + w["embeddings.token_type_embeddings.weight"][0]
    g.const("pos_type", table)
    g.const("word", w["embeddings.word_embeddings.weight"])
    g.const("zero", np.array([0], np.int64))
    g.const("one", np.array([1], np.int64))
    seq_len = g.op("Shape", "input_ids", start=1, end=2)
    positions = g.op("Slice", "pos_type", "zero", seq_len, "zero")
    summed = g.op("Add", g.op("Gather", "word", "input_ids"), positions)
    hidden = g.layer_norm(summed, "embeddings.LayerNorm", w, eps)
    # (1 - mask) * -1e9, shaped batch x 1 x 1 x tokens to broadcast over heads and queries
    g.const("ones_f", np.array(1.0, np.float32))
    g.const("neg", np.array(-1e9, np.float32))
    mask_f = g.op("Cast", "attention_mask", to=1)
    g.const("bias_axes", np.array([1, 2], np.int64))
    bias = g.op("Mul", g.op("Sub", "ones_f", mask_f), "neg")
    return hidden, g.op("Unsqueeze", bias, "bias_axes")


def _attention(g: _Graph, x: str, mask_bias: str, w: dict[str, np.ndarray], i: int) -> str:
    """Self-attention with one fused QKV projection; 1/sqrt(head) folded into Q."""
    p = f"encoder.layer.{i}.attention"
    heads = 12
    hidden = w[f"{p}.self.query.weight"].shape[0]
    head = hidden // heads
    scale = np.float32(1.0 / math.sqrt(head))
    wq = w[f"{p}.self.query.weight"] * scale
    bq = w[f"{p}.self.query.bias"] * scale
    wqkv = np.concatenate([wq, w[f"{p}.self.key.weight"], w[f"{p}.self.value.weight"]])
    bqkv = np.concatenate([bq, w[f"{p}.self.key.bias"], w[f"{p}.self.value.bias"]])
    qkv = g.op("Add", g.op("MatMul", x, g.const(f"{p}.wqkv", wqkv.T.copy())), g.const(f"{p}.bqkv", bqkv))
    shape = g.const(f"{p}.qkv_shape", np.array([0, 0, 3, heads, head], np.int64))
    qkv = g.op("Transpose", g.op("Reshape", qkv, shape), perm=[2, 0, 3, 1, 4])
    q, k, v = g.op("Split", qkv, outputs=3, axis=0, num_outputs=3)
    q, k, v = (g.op("Squeeze", t, "zero") for t in (q, k, v))
    scores = g.op("Add", g.op("MatMul", q, g.op("Transpose", k, perm=[0, 1, 3, 2])), mask_bias)
    context = g.op("MatMul", g.op("Softmax", scores, axis=-1), v)
    merged_shape = g.const(f"{p}.merged_shape", np.array([0, 0, hidden], np.int64))
    merged = g.op("Reshape", g.op("Transpose", context, perm=[0, 2, 1, 3]), merged_shape)
    return g.op("Add", g.dense(merged, f"{p}.output.dense", w), x)


def _gelu(g: _Graph, x: str) -> str:
    """Exact (erf) GELU, the ``gelu`` of BERT's config; onnxruntime fuses the pattern."""
    g.const("sqrt2", np.array(math.sqrt(2.0), np.float32))
    g.const("half", np.array(0.5, np.float32))
    erf = g.op("Erf", g.op("Div", x, "sqrt2"))
    return g.op("Mul", g.op("Mul", x, g.op("Add", erf, "ones_f")), "half")


def _pool(g: _Graph, hidden: str) -> str:
    """Mean over the attention mask, then x / max(||x||, 1e-12)."""
    mask = g.op("Unsqueeze", g.op("Cast", "attention_mask", to=1), g.const("last", np.array([-1], np.int64)))
    summed = g.op("ReduceSum", g.op("Mul", hidden, mask), "one", keepdims=0)
    count = g.op("Max", g.op("ReduceSum", mask, "one", keepdims=0), g.const("tiny", np.array(1e-9, np.float32)))
    mean = g.op("Div", summed, count)
    norm = g.op("ReduceL2", mean, g.const("minus1", np.array([-1], np.int64)), keepdims=1)
    norm = g.op("Max", norm, g.const("eps_norm", np.array(1e-12, np.float32)))
    return g.op("Div", mean, norm)


def build_model(weights: dict[str, np.ndarray], config: dict[str, Any], metadata: dict[str, str]) -> Any:
    """Return an ``onnx.ModelProto`` of encoder + pooling + normalisation."""
    from onnx import TensorProto, checker, helper

    w = _f32(weights)
    eps = float(config.get("layer_norm_eps", 1e-12))
    g = _Graph()
    x, mask_bias = _embeddings(g, w, eps)
    for i in range(int(config["num_hidden_layers"])):
        p = f"encoder.layer.{i}"
        x = g.layer_norm(_attention(g, x, mask_bias, w, i), f"{p}.attention.output.LayerNorm", w, eps)
        inner = _gelu(g, g.dense(x, f"{p}.intermediate.dense", w))
        x = g.layer_norm(g.op("Add", g.dense(inner, f"{p}.output.dense", w), x), f"{p}.output.LayerNorm", w, eps)
    pooled = _pool(g, x)
    g.nodes.append(helper.make_node("Identity", [pooled], [OUTPUT]))
    dims = ["batch", "tokens"]
    graph = helper.make_graph(
        g.nodes,
        "minilm",
        [helper.make_tensor_value_info(n, TensorProto.INT64, dims) for n in INPUTS],
        [helper.make_tensor_value_info(OUTPUT, TensorProto.FLOAT, ["batch", int(config["hidden_size"])])],
        initializer=list(g.initializers.values()),
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="clausewright")
    helper.set_model_props(model, metadata)
    checker.check_model(model)
    return model
