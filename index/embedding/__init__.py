"""Embedding: clause text → vectors (MiniLM on onnxruntime, or hashed features)."""
