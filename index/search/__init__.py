"""Search: ranked hybrid search (BM25 + dense) and exhaustive mention search."""
