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
        }

    def render(self) -> str:
        """For a terminal: the clause, then its citations or the no-precedent notice."""
        lines = [self.text]
        if self.unprecedented:
            lines.append("   no precedent found in the corpus: this clause is unprecedented")
        for c in self.citations:
            lines.append(f"   cites {c.id}: {c.text[:110]}{'…' if len(c.text) > 110 else ''}")
        return "\n".join(lines)
