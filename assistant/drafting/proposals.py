"""What the drafting chain returns: proposed clauses with their citations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["preambulatory", "operative"]


@dataclass
class Citation:
    """A precedent clause a proposal was grounded on; expandable to its text and source."""

    id: str
    text: str
    score: float
    source: str = ""
    lines: tuple[int, int] = (0, 0)
    support: float = 0.0

    @classmethod
    def from_record(
        cls,
        clause_id: str,
        text: str,
        meta: dict[str, Any],
        score: float = 1.0,
        support: float = 0.0,
    ) -> Citation:
        """A citation of a stored clause (its text and store metadata)."""
        lines = (int(meta.get("line_start", 0)), int(meta.get("line_end", 0)))
        return cls(clause_id, text, score, str(meta.get("source", "")), lines, support)

    @property
    def symbol(self) -> str:
        return self.id.split(" ", 1)[0]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "score": round(self.score, 4),
            "support": round(self.support, 3),
            "source": self.source,
            "lines": list(self.lines),
        }


@dataclass
class DraftRequest:
    """A request for clauses: what, which kind, how many, continuing which draft."""

    request: str
    kind: Kind = "operative"
    n: int = 1
    draft_text: str | None = None
    profile: str | None = None
    precedents: int | None = None  # precedent clauses to use (None: the settings' number)


@dataclass
class Proposal:
    """One proposed clause in correct form, with the precedent it stands on."""

    kind: Kind
    number: int | None
    phrase: str
    body: str
    text: str  # as it goes into the draft: "9. *Urges* Member States to …;"
    citations: list[Citation] = field(default_factory=list)
    retrieved: list[str] = field(default_factory=list)
    unprecedented: bool = False
    diagnostics: list[Any] = field(default_factory=list)  # remaining lint diagnostics
    removed_markers: int = 0
    repaired: bool = False
    latency_s: float = 0.0
    raw: str = ""  # what the model wrote
    source: str = "frame"  # frame | frame+model | model: who wrote the words
    model_words: int = 0  # words of the body the model wrote
    considered: int = 0  # candidates generated for this proposal
    rejected: list[str] = field(default_factory=list)  # defect codes of rejected candidates

    @property
    def model_share(self) -> float:
        """Share of the body's words written by the model (the rest by code)."""
        total = len(self.body.split())
        return self.model_words / total if total else 0.0

    @property
    def clean(self) -> bool:
        return not self.diagnostics

    @property
    def plain(self) -> str:
        """The clause without emphasis markers."""
        return self.text.replace("*", "").replace("_", "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "number": self.number,
            "phrase": self.phrase,
            "body": self.body,
            "text": self.text,
            "citations": [c.to_dict() for c in self.citations],
            "retrieved": self.retrieved,
            "unprecedented": self.unprecedented,
            "diagnostics": [d.to_dict() for d in self.diagnostics],
            "removed_markers": self.removed_markers,
            "repaired": self.repaired,
            "latency_s": round(self.latency_s, 3),
            "source": self.source,
            "model_share": round(self.model_share, 3),
            "considered": self.considered,
            "rejected": self.rejected,
        }

    def render(self) -> str:
        """For a terminal: the clause, then its citations or the no-precedent notice."""
        lines = [self.text]
        if self.unprecedented:
            lines.append("   no precedent found in the corpus: this clause is unprecedented")
        for c in self.citations:
            lines.append(f"   cites {c.id}: {c.text[:110]}{'…' if len(c.text) > 110 else ''}")
        return "\n".join(lines)


# -- what the drafting chain streams ------------------------------------------------------


@dataclass(frozen=True)
class Retrieved:
    """Retrieval is done: every hit, and those similar enough to count as precedent."""

    hits: list[Any]
    relevant: list[Any]
    similarity: dict[str, float] = field(default_factory=dict)  # dense cosine to the topic


@dataclass(frozen=True)
class Writing:
    """Text as it is written (for a live display); ``number`` is the clause's number."""

    number: int | None
    text: str


@dataclass(frozen=True)
class Proposed:
    """A verified proposal."""

    proposal: Proposal


@dataclass(frozen=True)
class NotProposed:
    """No candidate survived verification: said plainly instead of showing a broken clause."""

    request: str
    reasons: list[str]

    def render(self) -> str:
        why = "; ".join(dict.fromkeys(self.reasons)) or "no candidate could be built"
        return f"No clause I could stand behind for {self.request!r}: {why}."


DraftEvent = Retrieved | Writing | Proposed | NotProposed
