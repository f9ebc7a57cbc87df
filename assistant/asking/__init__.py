"""Asking: what a delegate's chat message means, answered by the right engine.

``reading`` turns a message into a typed request (``requests``), resolving follow-ups
against the conversation (``memory``); ``answering`` answers each request type with the
engine that can answer it exactly (mention search, ranked search, corpus facts, the
drafting chain, the reviser, the linter). No LLM call is needed on any of these paths.
"""
