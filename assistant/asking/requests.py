"""The typed requests a chat message is read into, and the scope that narrows them."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

Kind = Literal["operative", "preambulatory"]
FactName = Literal[
    "count_clauses",  # how many (operative / preambular) clauses [in X]
    "count_subclauses",  # how many sub-clauses [in X]
    "count_mentioning_clauses",  # how many clauses mention X
    "count_resolutions",  # how many resolutions [mention X / are from a body]
    "list_resolutions",  # which resolutions [are from a body / are about a topic]
    "committee",  # which committee or body adopted X
    "topic",  # what X is about
    "sponsors",  # who sponsored X
    "signatories",  # who signed X
]


@dataclass(frozen=True)
class Scope:
    """What narrows an answer: a section, a leading phrase, a body, a resolution."""

    kind: Kind | None = None
    phrase: str | None = None  # a leading verb, folded: "urge", "call upon", "demand"
    body: str | None = None  # "Security Council", "General Assembly", …
    symbol: str | None = None  # one resolution
    series: str | None = None  # resolutions whose symbol or number starts so: 'IOM/', 'ga:80/'
    year_from: int | None = None  # adopted in or after this year
    year_to: int | None = None  # adopted in or before this year

    def narrowed(self, other: Scope) -> Scope:
        """This scope with every slot ``other`` sets replaced."""
        return Scope(
            other.kind or self.kind,
            other.phrase or self.phrase,
            other.body or self.body,
            other.symbol or self.symbol,
            other.series or self.series,
            other.year_from or self.year_from,
            other.year_to or self.year_to,
        )

    def describe(self) -> str:
        """'in operative clauses of Security Council resolutions' (empty if unscoped)."""
        parts = []
        if self.phrase:
            parts.append(f"led by '{self.phrase}'")
        if self.kind:
            parts.append("in operative clauses" if self.kind == "operative" else "in the preamble")
        if self.symbol:
            parts.append(f"of {self.symbol}")
        elif self.body:
            parts.append(f"of {self.body} resolutions")
        if self.series and not self.symbol:
            parts.append(f"of the {self.series.removeprefix('ga:').rstrip('/:')} series")
        if self.year_from and self.year_from == self.year_to:
            parts.append(f"adopted in {self.year_from}")
        elif self.year_from or self.year_to:
            since = f" from {self.year_from}" if self.year_from else ""
            parts.append(f"adopted{since}{f' up to {self.year_to}' if self.year_to else ''}")
        return " ".join(parts)

    def is_empty(self) -> bool:
        return self == Scope()


@dataclass(frozen=True)
class FindMentions:
    """Every clause that mentions any of ``terms`` (exhaustive)."""

    terms: tuple[str, ...]
    scope: Scope = field(default_factory=Scope)
    exact: bool = False  # a quoted phrase: matched as written (case aside)
    bare: bool = False  # the message was only the term: ranked search when nothing matches
    every: bool = False  # 'both X and Y': clauses that mention every term, not any


@dataclass(frozen=True)
class FindSimilar:
    """The clauses closest in meaning to ``topic`` (ranked)."""

    topic: str
    scope: Scope = field(default_factory=Scope)


@dataclass(frozen=True)
class ShowClause:
    """One clause by ID, a resolution, or the clause of a resolution that fits a description."""

    clause_id: str | None = None
    symbol: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class CorpusFact:
    """A fact about the corpus: a count, a list of resolutions, a committee, sponsors."""

    fact: FactName
    scope: Scope = field(default_factory=Scope)
    terms: tuple[str, ...] = ()  # for facts about mentions
    topic: str | None = None  # for 'which resolutions are about …'


@dataclass(frozen=True)
class ProposeClauses:
    """New clauses: ``count`` of ``kind`` on what ``request`` asks."""

    request: str
    kind: Kind = "operative"
    count: int = 1


@dataclass(frozen=True)
class ReviseClause:
    """A revision of clauses of the draft or pasted ones ('shorten clause 3')."""

    action: str
    target: str  # what follows the action word: 'clause 3', ': 4. *Urges* …'
    clause: int | None = None  # the draft's operative number, when named


@dataclass(frozen=True)
class CheckDraft:
    """A check of the user's draft."""


@dataclass(frozen=True)
class Clarify:
    """A message that could not be read: ask back, with examples."""

    said: str
    reason: str = "not understood"


Request = (
    FindMentions
    | FindSimilar
    | ShowClause
    | CorpusFact
    | ProposeClauses
    | ReviseClause
    | CheckDraft
    | Clarify
)

INTENTS: dict[type, str] = {
    FindMentions: "mentions",
    FindSimilar: "similar",
    ShowClause: "show",
    CorpusFact: "facts",
    ProposeClauses: "propose",
    ReviseClause: "revise",
    CheckDraft: "check",
    Clarify: "clarify",
}


def intent_of(request: Request) -> str:
    """The intent name the question suite uses for a request."""
    return INTENTS[type(request)]


def rescoped(request: Request, scope: Scope) -> Request:
    """The same request with its scope narrowed (requests without a scope are unchanged)."""
    if isinstance(request, FindMentions | FindSimilar | CorpusFact):
        return replace(request, scope=request.scope.narrowed(scope))
    return request
