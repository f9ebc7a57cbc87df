"""The store: clause records and their vectors, persisted in Chroma with a manifest."""
