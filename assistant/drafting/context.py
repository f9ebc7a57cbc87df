"""What a request is drafted against: the user's draft so far, and the precedent found.

``DraftContext`` reads the draft (next operative number, the body's opening line, the
style profile); ``Precedents`` retrieves for the request, keeps the hits similar enough
to count as precedent, turns them into examples for the model and picks the citations
that support what was written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.drafting.citing import choose_support
from assistant.drafting.proposals import Citation, DraftRequest
from index.errors import InputError
from index.search.hybrid import RankedHit

DEFAULT_OPENING = "The General Assembly,"
_MARKS = {"italic": "*", "underline": "_", "bold": "**"}
_COUNT = re.compile(
    r"\b(?:\d+|one|two|three|four|five|an?|some|new)\s+(?:new\s+)?"
    r"(?:(?:operative|preambulatory|preamble)\s+)?(?:clauses?|paragraphs?)\b",
    re.I,
)
_META = re.compile(
    r"\b(please|propose|proposing|draft|drafting|write|writing|suggest|give|me|us|"
    r"operative|preambulatory|clauses?|paragraphs?|citing|cite|cites|with\s+citations?|"
    r"citations?|precedents?|for my (?:draft|resolution))\b",
    re.I,
)


@dataclass
class DraftContext:
    """Numbering, opening line and style profile taken from the user's draft."""

    next_number: int
    opening: str
    profile: Any

    @classmethod
    def of(cls, req: DraftRequest, parser: Any, linter: Any) -> DraftContext:
        profile = linter.store.get(req.profile) if req.profile else None
        if not (req.draft_text or "").strip():
            return cls(1, DEFAULT_OPENING, profile or linter.store.get("nmun"))
        try:
            resolutions = parser.parse_text(req.draft_text, "<draft>")
        except InputError:
            return cls(1, _opening_line(req.draft_text), profile or linter.store.get("nmun"))
        res = resolutions[-1]
        numbers = [c.number or 0 for c in res.operative]
        next_number = max(numbers, default=0) + 1
        opening = res.opening or DEFAULT_OPENING
        return cls(next_number, opening, profile or linter.profile_for(res))

    def emphasis(self, kind: str) -> str:
        accepted = self.profile.accepted_emphasis(kind)
        return _MARKS.get(accepted[0], "") if accepted else ""

    def terminal(self, kind: str) -> str:
        return (
            self.profile.preambulatory_end
            if kind == "preambulatory"
            else self.profile.operative_end
        )

    def rules(self, kind: str) -> str:
        mark = self.emphasis(kind)
        phrase = f"{mark}Phrase{mark}" if mark else "Phrase"
        if kind == "operative":
            return (
                f"- Write: number, full stop, the leading phrase as {phrase} (a present-tense "
                f"verb such as Urges, Encourages, Calls upon), then the body.\n"
                f"- End the clause with '{self.terminal(kind)}'."
            )
        return (
            f"- Write: the leading phrase as {phrase} (a participle or adjective such as "
            f"Recalling, Deeply concerned), then the body; no number.\n"
            f"- End the clause with '{self.terminal(kind)}'."
        )


def _opening_line(text: str) -> str:
    m = re.search(r"^\s*[*_]*(The [^,\n]{3,80},)", text, re.M)
    return m.group(1) if m else DEFAULT_OPENING


@dataclass
class Found:
    """What retrieval returned for one request, and which of it counts as precedent."""

    hits: list[RankedHit]
    relevant: list[RankedHit]
    similarity: dict[str, float] = field(default_factory=dict)

    def phrases(self, kind: str) -> list[str]:
        return [
            h.metadata.get("phrase", "") for h in self.relevant if h.metadata.get("kind") == kind
        ]


class Precedents:
    """Retrieval, relevance, examples and citations for the drafting chain."""

    def __init__(self, index: Any, min_similarity: float) -> None:
        self.index = index
        self.min_similarity = min_similarity

    @staticmethod
    def topic(request: str) -> str:
        """The request without the words that only ask for a clause."""
        text = _META.sub(" ", _COUNT.sub(" ", request))
        text = re.sub(r"\s*[,;:]\s*(?=[,;:]|$)", "", text)
        text = re.sub(r"\s{2,}", " ", text).strip(" ,;:.")
        text = re.sub(r"^(?:on|about|regarding|concerning|for|to)\s+", "", text, flags=re.I)
        return text or request

    def find(self, request: str, kind: str, k: int) -> Found:
        topic = self.topic(request)
        vector = np.asarray(self.index.embedder.embed_query(topic), dtype=np.float32)
        norm = float(np.linalg.norm(vector)) or 1.0
        vector = vector / norm
        hits = self.index.hybrid(topic, k, vector=vector)
        similarity = {
            h.clause_id: float(self.index.vectors[self.index.position[h.clause_id]] @ vector)
            for h in hits
        }
        relevant = [h for h in hits if similarity[h.clause_id] >= self.min_similarity]
        return Found(hits, relevant, similarity)

    def examples(
        self, found: Found, kind: str, limit: int, mark: str, number: int | None
    ) -> list[Any]:
        """Top-level clauses of the wanted kind among (or above) the relevant hits."""
        from assistant.drafting.writers import Example

        out: list[Example] = []
        seen: set[str] = set()
        for hit in found.relevant:
            root_id, text, meta = self._root(hit)
            if meta.get("kind") != kind or root_id in seen:
                continue
            seen.add(root_id)
            phrase = meta.get("phrase") or ""
            rest = text[len(phrase) :].strip() if phrase and text.startswith(phrase) else text
            rest = re.sub(r"[:;,.]$", ";" if kind == "operative" else ",", rest)
            head = f"{mark}{phrase}{mark} " if phrase else ""
            out.append(Example(root_id, f"{head}{rest}"))
            if len(out) >= limit:
                break
        return out

    def _root(self, hit: RankedHit) -> tuple[str, str, dict[str, Any]]:
        clause_id, text, meta = hit.clause_id, hit.text, hit.metadata
        while meta.get("parent"):
            record = self.index.record(meta["parent"])
            if record is None:
                break
            clause_id = meta["parent"]
            text, meta = record
        return clause_id, text, meta

    def cite(self, body: str, found: Found, marked: list[str]) -> list[Citation]:
        """The relevant hits that support ``body`` (model-marked ones first)."""
        by_id = {h.clause_id: h for h in found.relevant}
        ordered = [by_id[m] for m in marked if m in by_id]
        ordered += [h for h in found.relevant if h.clause_id not in marked]
        chosen = choose_support(body, [(h.clause_id, h.text) for h in ordered], preferred=marked)
        out = []
        for cid, support in chosen:
            hit = by_id[cid]
            meta = hit.metadata
            out.append(
                Citation(
                    cid,
                    hit.text,
                    found.similarity.get(cid, 0.0),
                    meta.get("source", ""),
                    (meta.get("line_start", 0), meta.get("line_end", 0)),
                    support,
                )
            )
        return out
