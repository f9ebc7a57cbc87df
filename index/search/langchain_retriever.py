"""The hybrid clause search as a langchain ``BaseRetriever``."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from index.search.hybrid import Filters, HybridSearch


class ClauseRetriever(BaseRetriever):
    """Retrieves precedent clauses; ``Document.metadata['id']`` is the citation ID."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    index: Any  # HybridSearch (Any keeps pydantic from validating numpy internals)
    k: int = 10
    mode: str = "hybrid"
    filters: Filters | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        index: HybridSearch = self.index
        hits = index.search(query, k=self.k, filters=self.filters, mode=self.mode)
        return [
            Document(
                page_content=h.text,
                metadata={
                    **h.metadata,
                    "id": h.clause_id,
                    "score": h.score,
                    "dense_score": h.dense_score,
                    "lexical_score": h.lexical_score,
                },
            )
            for h in hits
        ]
