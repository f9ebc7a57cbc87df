"""The composition root: builds the services a user's settings ask for, once, lazily.

The CLI, the UI and the evaluation harness all get their embedder, store, search
search, mention search, linter and chat model from one ``Workspace``; nothing else reads
settings or builds back-ends. Optional back-ends are imported only when chosen.

What is built from the store's contents (searches, the parsed corpus, the drafter) is
dropped and built again when the store changes: at once after this workspace's own
ingest, and within ``store.refresh_s`` seconds of another process's (the web server
holds one workspace for as long as it runs).
"""

from __future__ import annotations

import logging
import time
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from assistant.backends import OLLAMA_INSTALL, OPENAI_INSTALL
from assistant.settings import Settings
from index.clause_tree import Corpus
from index.errors import ClausewrightError, ConfigurationError, import_optional
from index.parsing.parser import Parser, default_corpus_dir, iter_source_files
from index.store.source_reading import parse_sources, source_key

if TYPE_CHECKING:
    from assistant.chat import ChatAssistant
    from assistant.drafting.chain import Drafter
    from assistant.revising import Reviser
    from index.parsing.frames import FrameBook
    from index.search.hybrid import HybridSearch
    from index.search.mentions import MentionSearch
    from index.store.clause_store import ClauseStore, SyncResult
    from index.store.store_check import StoreCheck

log = logging.getLogger(__name__)
T = TypeVar("T")


class built_over_the_store(cached_property[T]):
    """A cached property built from the store's contents: before each use the workspace
    checks (at most every ``store.refresh_s`` seconds) whether another writer committed
    since it was built, and if so it is built again. A workspace made by
    ``Workspace.for_backend`` takes the shared ones from the workspace it came from."""

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        instance._follow_store()
        origin = instance._origin
        name = self.attrname
        if origin is not None and name in _SHARED_ACROSS_BACKENDS and name not in instance.__dict__:
            instance.__dict__[name] = getattr(origin, name)
        return super().__get__(instance, owner)

    def __set__(self, instance: Any, value: T) -> None:  # a data descriptor: always asked
        instance.__dict__[self.attrname] = value

    def __delete__(self, instance: Any) -> None:
        instance.__dict__.pop(self.attrname, None)


class Workspace:
    """Everything Clausewright works with, for one settings object."""

    def __init__(
        self, settings: Settings, parser: Parser | None = None, chat_model: Any = None
    ) -> None:
        self.settings = settings
        self.lexicon = self._lexicon()
        self.parser = parser or Parser(self.lexicon)
        if chat_model is not None:  # e.g. a fake model handed in by a test
            self.__dict__["chat_model"] = chat_model
        self._origin: Workspace | None = None  # see for_backend
        self._store_seen: str | None = None  # the store generation things were built over
        self._checked_at = float("-inf")

    def _lexicon(self) -> Any:
        from index.parsing.lexicon import Lexicon

        lexicon = Lexicon.default()
        for path in self.settings.phrase_files:
            lexicon.extend_from_file(path)
        return lexicon

    # -- paths -----------------------------------------------------------------

    @property
    def data_dir(self) -> Path:
        return Path(self.settings.data_dir)

    def corpus_paths(self) -> list[Path]:
        """The configured corpus, or the seed corpus shipped with the package."""
        return [Path(p) for p in self.settings.corpus] or [default_corpus_dir()]

    # -- embeddings and store ------------------------------------------------------

    @cached_property
    def embedder(self) -> tuple[Any, str, Any]:
        """(langchain Embeddings, embedder id, chroma embedding function or None)."""
        mode = self.settings.embeddings
        if mode == "embedded":
            from index.embedding.chroma_adapter import ChromaMiniLM
            from index.embedding.minilm import MiniLMEmbedder

            emb = MiniLMEmbedder(self.data_dir / "models", threads=self.settings.embedded.n_threads)
            return emb, "all-MiniLM-L6-v2", ChromaMiniLM(emb.cache_dir, embedder=emb)
        if mode == "hash":
            from index.embedding.hashed import HashEmbedder

            hashed = HashEmbedder()
            return hashed, hashed.model_id, None
        if mode == "openai":
            remote = import_optional("langchain_openai", "embeddings=openai", OPENAI_INSTALL)
            OpenAIEmbeddings = remote.OpenAIEmbeddings
            openai = self.settings.openai
            remote_emb = OpenAIEmbeddings(
                base_url=openai.base_url,
                api_key=openai.api_key,
                model=openai.embedding_model,
                check_embedding_ctx_length=False,
            )
            return remote_emb, f"openai:{openai.embedding_model}", None
        if mode == "ollama":
            remote = import_optional("langchain_ollama", "embeddings=ollama", OLLAMA_INSTALL)
            OllamaEmbeddings = remote.OllamaEmbeddings
            ollama = self.settings.ollama
            remote_emb = OllamaEmbeddings(base_url=ollama.base_url, model=ollama.embedding_model)
            return remote_emb, f"ollama:{ollama.embedding_model}", None
        raise ConfigurationError(
            f"unknown embeddings mode {mode!r}: use embedded, hash, openai or ollama"
        )

    @cached_property
    def store(self) -> ClauseStore:
        store = self._open_store()
        store.recover()  # what a writer killed in the middle left
        self._saw_store(store)
        return store

    def _open_store(self, accept_other_embedder: bool = False) -> ClauseStore:
        from index.store.clause_store import ClauseStore
        from index.store.writer_lock import WriterLock

        emb, emb_id, chroma_ef = self.embedder
        cfg = self.settings.store
        if cfg.mode == "server":
            lock = WriterLock(
                self.data_dir / f"chroma-{cfg.host}-{cfg.port}.lock", cfg.lock_timeout_s
            )
            return ClauseStore.open_server(
                cfg.host, cfg.port, emb, emb_id, chroma_ef=chroma_ef, lock=lock
            )
        return ClauseStore.open_local(
            self.data_dir / "chroma",
            emb,
            emb_id,
            chroma_ef=chroma_ef,
            lock_timeout_s=cfg.lock_timeout_s,
            accept_other_embedder=accept_other_embedder,
        )

    def known_paths(self) -> list[str | Path]:
        """The files of the configured corpus and every other file the store has indexed
        (by path, or uploaded), each once."""
        files: list[str | Path] = list(iter_source_files(list(self.corpus_paths())))
        seen = {source_key(p) for p in files}
        others = {e.source for e in self.store.manifest().values()} - seen
        return files + sorted(others)

    def source_encodings(self) -> dict[str, str | None]:
        """The encoding each indexed file was read with (None: UTF-8 or UTF-16)."""
        return {e.source: e.encoding for e in self.store.manifest().values()}

    def ingest(
        self,
        paths: list[str | Path] | None = None,
        progress: Any = None,
        encoding: str | None = None,
    ) -> SyncResult:
        """Bring the store in line with ``paths`` (default: every file it knows and the
        configured corpus), reading them with ``encoding`` (default: as indexed before,
        else UTF-8 or UTF-16)."""
        chosen = list(paths) if paths else self.known_paths()
        result = self.store.sync(chosen, self.parser, progress, encoding)
        self._saw_store(self.store)
        self._prepare_reads()
        return result

    def rebuild(self, progress: Any = None) -> SyncResult:
        """Index everything the store knows, and the configured corpus, into new collections
        (also after a change of embedder, which an ordinary opening refuses)."""
        store = self.__dict__.get("store") or self._open_store(accept_other_embedder=True)
        corpus: list[str | Path] = list(self.corpus_paths())
        result = store.rebuild(corpus, self.parser, progress)
        self.__dict__["store"] = store
        self._saw_store(store)
        self._prepare_reads()
        return result

    def check(self, repair: bool = False, progress: Any = None) -> StoreCheck:
        """The store against its records, vectors and files (``store_check``)."""
        from index.store.store_check import check_store

        corpus: list[str | Path] = list(self.corpus_paths())
        result = check_store(self.store, corpus, self.parser, repair, progress)
        self._saw_store(self.store)
        if repair:
            self._prepare_reads()
        return result

    def _saw_store(self, store: ClauseStore) -> None:
        """Drop what was built over the store; record its generation as the one seen."""
        for derived in _BUILT_OVER_THE_STORE:
            self.__dict__.pop(derived, None)  # rebuilt over the new store on next use
        self._store_seen = store.generation()
        self._checked_at = time.monotonic()

    def _follow_store(self) -> None:
        """Drop what was built over the store if another writer committed since (looked
        at no more than every ``store.refresh_s`` seconds)."""
        if self._origin is not None:
            self._origin._follow_store()
            if self._store_seen != self._origin._store_seen:
                for derived in _BUILT_OVER_THE_STORE:
                    self.__dict__.pop(derived, None)
                self._store_seen = self._origin._store_seen
            return
        store = self.__dict__.get("store")
        now = time.monotonic()
        if store is None or now - self._checked_at < self.settings.store.refresh_s:
            return
        self._checked_at = now
        generation = store.generation()
        if generation != self._store_seen:
            log.info("the store changed (generation %s): loading it again", generation)
            self._saw_store(store)

    def ensure_indexed(self) -> None:
        """Index the configured corpus on first use (nothing to do when unchanged)."""
        if not self.store.manifest():
            log.info("the store is empty: indexing %s", ", ".join(map(str, self.corpus_paths())))
            self.ingest(list(self.corpus_paths()))

    @built_over_the_store
    def ranked(self) -> HybridSearch:
        """Ranked search over the committed clauses: its index (units, vectors, BM25) is
        built once per committed state and kept in ``<data dir>/cache``
        (``ranked_store``), memory-mapped on reading."""
        from index.search.ranked_store import ranked_search

        self.ensure_indexed()
        return ranked_search(self.store, self.data_dir / "cache")

    # -- the parsed corpus ---------------------------------------------------------

    @built_over_the_store
    def corpus(self) -> Corpus:
        """The resolutions that are indexed, parsed from their sources."""
        self.ensure_indexed()
        manifest = self.store.manifest()
        encodings = {e.source: e.encoding for e in manifest.values()}
        report = parse_sources(sorted(encodings), self.parser, encodings=encodings)
        for err in report.errors:
            log.warning("an indexed file cannot be read now: %s", err)
        report.corpus.resolutions = [r for r in report.corpus.resolutions if r.symbol in manifest]
        return report.corpus

    @built_over_the_store
    def mentions(self) -> MentionSearch:
        """Exhaustive mention search over the committed clauses: its index is built once
        per committed state and kept in ``<data dir>/cache`` (``mention_store``); the
        acronym table is the built-in one, the corpus's own, then ``acronyms.toml``."""
        from index.search.mention_store import mention_search

        self.ensure_indexed()
        return mention_search(self.store, self.data_dir / "cache", self.data_dir / "acronyms.toml")

    def _prepare_reads(self) -> None:
        """Build what readers load for the state just committed (once per state)."""
        if not self.store.manifest():
            return
        for built in ("ranked", "mentions"):
            try:
                getattr(self, built)
            except (OSError, ClausewrightError) as exc:  # a reader builds it when it can
                log.warning("could not prepare the %s index: %s", built, exc)

    # -- validation and generation ---------------------------------------------------

    @cached_property
    def linter(self) -> Any:
        from assistant.lint.linter import Linter

        return Linter(self.settings.profile, self.lexicon, substance=True)

    @cached_property
    def chat_model(self) -> Any:
        from assistant.backends import make_chat_model

        return make_chat_model(self.settings, model_path=self.embedded_model_path())

    def embedded_model_path(self) -> Path | None:
        """The GGUF the embedded backend runs (None for other backends)."""
        if self.settings.llm != "embedded":
            return None
        if self.settings.embedded.model_path:
            return Path(self.settings.embedded.model_path)
        from assistant.backends.gguf import packaged_model_path

        return packaged_model_path(self.settings.embedded.model, self.data_dir / "models")

    @cached_property
    def token_counter(self) -> Any:
        from assistant.backends.tokens import TokenCounter

        strategy = "openai" if self.settings.llm == "openai" else "gguf"
        model = self.settings.openai.model if strategy == "openai" else None
        return TokenCounter(strategy, model=model, model_path=self.embedded_model_path())

    @cached_property
    def prompts(self) -> Any:
        from assistant.prompts import PromptLibrary

        return PromptLibrary(self.data_dir / "prompts")

    @cached_property
    def frames(self) -> FrameBook:
        from index.parsing.frames import FrameBook

        return FrameBook.default()

    @built_over_the_store
    def drafter(self) -> Drafter:
        from assistant.drafting.chain import Drafter, DraftingOptions
        from assistant.drafting.cite import SupportRule
        from assistant.drafting.spelled_out import AcronymSpeller

        options = DraftingOptions(
            precedents=self.settings.precedents,
            min_similarity=self.settings.min_similarity,
            seed=self.settings.embedded.seed,
            n_ctx=self.settings.embedded.n_ctx,
            tails=self.settings.embedded.tails,
            support=SupportRule(
                self.settings.citation_min_cosine,
                self.settings.citation_min_terms,
                self.settings.citation_limit,
                same_kind=self.settings.citation_same_section,
                names=self.settings.citation_names,
            ),
        )
        counter = None if self.settings.llm == "fake" else self.token_counter
        if self.settings.llm == "openai":
            options.n_ctx = self.settings.openai.context_tokens
        elif self.settings.llm == "ollama":
            options.n_ctx = self.settings.ollama.context_tokens
        return Drafter(
            self.ranked,
            self.chat_model,
            self.prompts,
            self.linter,
            self.lexicon,
            self.parser,
            self.frames,
            counter,
            options,
            AcronymSpeller(self.mentions.acronyms),  # built-in, the corpus's own, the user's
        )

    @built_over_the_store
    def reviser(self) -> Reviser:
        from assistant.revising import Reviser

        return Reviser(self.drafter, self.chat_model, self.prompts)

    @built_over_the_store
    def assistant(self) -> ChatAssistant:
        from assistant.chat import ChatAssistant

        return ChatAssistant(
            self.drafter,
            self.mentions,
            self.ranked,
            self.reviser,
            self.corpus,
            self.chat_model,
            self.prompts,
            self.settings.precedents,
            self.linter,
        )

    def for_backend(self, llm: str, chat_model: Any = None) -> Workspace:
        """A workspace drafting with another backend over the same store, searches and
        linter (nothing built from the store is built twice)."""
        settings = self.settings.model_copy(update={"llm": llm})
        other = Workspace(settings, parser=self.parser, chat_model=chat_model)
        other._origin = self
        other._store_seen = self._store_seen
        for shared in _SHARED_ACROSS_BACKENDS:
            if shared in self.__dict__:
                other.__dict__[shared] = self.__dict__[shared]
        return other


# What does not depend on the language model: shared by the workspaces of one server.
_SHARED_ACROSS_BACKENDS = (
    "embedder",
    "store",
    "ranked",
    "corpus",
    "mentions",
    "linter",
    "frames",
    "prompts",
)
# What an ingest makes stale: everything built from the store's contents (checked
# against the class's cached properties by tests/test_workspace.py).
_BUILT_OVER_THE_STORE = ("ranked", "corpus", "mentions", "drafter", "reviser", "assistant")
