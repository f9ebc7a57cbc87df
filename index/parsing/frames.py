"""Complement frames of leading phrases, as data (``index/data/frames.toml``).

A frame says what must follow a phrase for the clause to be English in UN style:
``Calls upon`` takes an addressee and a to-infinitive, ``Welcomes`` a noun phrase or a
that-clause, ``Alarmed`` one of *by*, *at*, *that*. The drafter builds clauses from
frames and the linter checks drafts against them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from typing import Literal

from index.errors import InputError
from index.parsing.lexicon import PhraseKind
from index.wordforms import fold

FrameName = Literal["addressee_to", "to_or_that", "to", "object", "after", "complete", "open"]
FRAME_NAMES: tuple[FrameName, ...] = (
    "addressee_to",
    "to_or_that",
    "to",
    "object",
    "after",
    "complete",
)
_MODIFIERS = ("also", "further", "strongly", "once", "again", "firmly", "deeply", "fully")
_ADJECTIVE_DEFAULT = ("about", "by", "at", "of", "that", "to", "with", "in")
DATA_FILE = "data/frames.toml"
# Verbs that open an action ("Member States to *fund* …"); a noun-phrase frame must not
# be followed by one.
ACTION_VERBS = frozenset(
    "provide fund establish create strengthen ensure support adopt share develop expand "
    "keep retain maintain "
    "promote increase train protect cooperate implement improve invest raise allocate "
    "facilitate consider take set design build enhance prioritize prioritise offer grant make "
    "collect prevent combat end assist help integrate reintegrate coordinate monitor review "
    "report prosecute identify educate finance encourage engage join ratify criminalize "
    "criminalise regulate recognize recognise address reduce eliminate guarantee use teach "
    "warn inform give deliver hold launch run open close reform revise update upgrade "
    "harmonize harmonise align extend renew restore rescue repatriate return resettle "
    "shelter house feed treat screen detect investigate punish sanction ban prohibit "
    "limit restrict require oblige mandate enable empower involve include exclude respect "
    "uphold honour honor safeguard secure defend advocate publish disseminate translate "
    "study research assess evaluate measure track record register certify license "
    "accredit recruit hire employ pay compensate reward refer connect link partner "
    "host organize organise convene participate contribute donate mobilize mobilise "
    "streamline simplify digitize digitise standardize standardise submit present "
    "continue refrain cease stop withdraw comply abide accede sign consult exchange "
    "explore pursue adapt apply maintain sustain scale foster mainstream protect "
    "abolish decriminalize decriminalise ensure expedite accelerate work act "
    "redouble intensify step reinforce bolster boost upscale express detain deport "
    "note welcome recall decide condemn urge request invite call demand deplore regret "
    "reaffirm affirm emphasize emphasise stress underline commend acknowledge".split()
)


@dataclass(frozen=True)
class Frame:
    """What follows a phrase."""

    phrase: str
    name: FrameName
    addressee: str = ""  # default addressee of an addressee_to phrase
    after: tuple[str, ...] = ()  # the words an 'after' frame accepts next
    source: str = ""
    or_object: bool = False  # an addressee_to phrase that also takes a noun phrase

    @property
    def takes_addressee(self) -> bool:
        return self.name == "addressee_to"

    def describe(self) -> str:
        """The complement in words, for diagnostics: 'an addressee and a to-infinitive'."""
        if self.name == "after":
            return "one of: " + ", ".join(f"'{w}'" for w in self.after)
        return {
            "addressee_to": "an addressee and a to-infinitive (… Member States to …)",
            "to_or_that": "a to-infinitive or a that-clause",
            "to": "a to-infinitive",
            "object": "a noun phrase or a that-clause",
            "complete": "nothing more (a complete formula)",
            "open": "anything (the phrase carries its own object)",
        }[self.name]


@dataclass
class FrameBook:
    """Frames by phrase, per kind; a phrase not listed falls back by its form."""

    frames: dict[PhraseKind, dict[str, Frame]] = field(
        default_factory=lambda: {"preambulatory": {}, "operative": {}}
    )

    @classmethod
    def default(cls) -> FrameBook:
        text = resources.files("index").joinpath(DATA_FILE).read_text("utf-8")
        return cls.from_text(text, f"index/{DATA_FILE}")

    @classmethod
    def from_text(cls, text: str, origin: str) -> FrameBook:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise InputError(origin, f"not a valid frame list (TOML): {exc}") from exc
        book = cls()
        for kind in ("preambulatory", "operative"):
            for phrase, entry in data.get(kind, {}).items():
                name = entry.get("frame")
                if name not in FRAME_NAMES:
                    raise InputError(
                        origin,
                        f"{kind} phrase {phrase!r}: frame {name!r} is not one of "
                        f"{', '.join(FRAME_NAMES)}",
                    )
                frame = Frame(
                    phrase,
                    name,
                    entry.get("addressee", ""),
                    tuple(entry.get("after", ())),
                    entry.get("source", ""),
                    bool(entry.get("or_object", False)),
                )
                book.frames[kind][_key(phrase)] = frame
        return book

    def frame(self, phrase: str, kind: PhraseKind) -> Frame:
        """The frame of ``phrase`` (modifiers such as 'Further' or 'also' ignored)."""
        table = self.frames[kind]
        key = _key(phrase)
        if key in table:
            return table[key]
        words = [w for w in key.split() if w not in _MODIFIERS]
        stripped = " ".join(words)
        if stripped in table:
            return table[stripped]
        if len(words) > 1 and words[0] in {k.split()[0] for k in table}:
            # "Reaffirming its commitment", "Reiterating its call": the phrase carries its own
            # object, and what follows is that object's complement — nothing to check
            return Frame(phrase, "open", source="form")
        return self._by_form(phrase, kind, words)

    @staticmethod
    def _by_form(phrase: str, kind: PhraseKind, words: list[str]) -> Frame:
        """An unlisted phrase: a participle or verb takes an object, an adjective a
        preposition or that-clause."""
        last = words[-1] if words else ""
        first = words[0] if words else ""
        if (
            kind == "operative"
            or first.endswith("ing")  # "Noting with alarm", "Having regard to"
            or last.endswith(("ing", "ed"))
            or last in ("of", "by", "to")
        ):
            return Frame(phrase, "object", source="form")
        return Frame(phrase, "after", after=_ADJECTIVE_DEFAULT, source="form")


def _key(phrase: str) -> str:
    return " ".join(fold(w) for w in phrase.replace("*", "").split())


# Who can be addressed by a to-infinitive phrase: actors, not things ("Calls upon
# measures to …" is not English).
_ACTOR = re.compile(
    r"\b(?:states?|governments?|countries|nations|parties|community|organi[sz]ations?|"
    r"agencies|entities|bodies|donors?|secretariat|secretary-general|society|sector|"
    r"institutions?|actors|stakeholders|partners|authorities|members|council|assembly|"
    r"commissions?|committees?|offices?|programmes?|programs?|funds?|courts?|unions?|mechanisms?|"
    r"banks?|enforcement|police|companies|businesses|enterprises|employers|platforms|media|"
    r"mediator|prosecutor|registrar|tribunals?|coordinator|adviser|"
    r"special rapporteurs?|rapporteur|representatives?|envoy|experts?|group|forces|"
    r"leaders|parliaments?|ministries|officials|people|persons|all|missions?|operations?|"
    r"team|panel|commissioner|director-general|president|chair|board|bureau|presence|"
    r"administrator|administration|department|division|organs?)\b",
    re.I,
)
_ACRONYM = re.compile(r"\b[A-Z]{2,}s?\b")
# Verbs that themselves take an addressee and a to-infinitive inside a clause
# ("Requests the Secretary-General to encourage Member States to …" is fine; "to provide
# the Secretary-General to report" is not).
_CHAINING = frozenset(
    "encourage urge invite request ask call assist help enable allow require permit "
    "empower mandate task support continue remind direct instruct authorize authorise "
    "advise appeal".split()
)
_ADDRESSEE_TO = re.compile(r"^(?P<who>.+?)\s+(?:not\s+)?to\s+(?P<verb>[a-z]+)\b", re.I | re.S)
_INNER_TO = re.compile(
    r"\bto\s+(?P<verb>[a-z]+)\s+"
    r"(?!(?:with|alongside|through|via|together|among|between|across|within)\b)"
    r"(?P<who>(?:[\w’'-]+\s+){0,6}?)"
    r"(?:Secretary-General|Member\s+States|States|states|Governments|governments|countries|"
    r"parties|sides|authorities|groups|[A-Z]{2,}\w*)\s+(?:not\s+)?to\s+[a-z]+"
)
_STARTS_AS_INFINITIVE = re.compile(r"^to\s+[a-z]+\b", re.I)


def complement_problem(frame: Frame, body: str, verbs: frozenset[str] = ACTION_VERBS) -> str | None:
    """Why ``body`` is not what ``frame`` needs after its phrase (None when it fits).

    ``verbs`` are base-form verbs: a noun-phrase frame must not be followed by one
    ('Concerned about express concern …').
    """
    text = body.strip().strip(";,.:")
    first = text.split()[0].lower() if text else ""
    if frame.name == "open":
        return None
    if frame.name == "complete":
        return (
            None
            if not text or text.lower().startswith("to remain")
            else (f"'{frame.phrase}' is a complete clause; nothing may follow it")
        )
    if not text:
        return f"'{frame.phrase}' needs {frame.describe()}"
    inner = _INNER_TO.search(text)
    if inner and inner.group("verb").lower() not in _CHAINING:
        return f"'to {inner.group('verb')} …' cannot take an addressee and a second 'to'"
    if frame.name == "addressee_to":
        m = _ADDRESSEE_TO.match(text)
        if not m or len(m.group("who").split()) > 12:
            if frame.or_object:  # "Requests a report …"
                return _object_problem(frame, text, first, verbs)
            return f"'{frame.phrase}' needs {frame.describe()}"
        if not (_ACTOR.search(m.group("who")) or _ACRONYM.search(m.group("who"))):
            if frame.or_object:  # "Encourages the development of solutions to …"
                return _object_problem(frame, text, first, verbs)
            return f"'{frame.phrase}' addresses actors, not '{m.group('who')}'"
        return None
    if frame.name in ("to_or_that", "to"):
        allowed = ("to", "that") if frame.name == "to_or_that" else ("to",)
        return None if first in allowed else f"'{frame.phrase}' needs {frame.describe()}"
    if frame.name == "after":
        return None if first in frame.after else f"'{frame.phrase}' needs {frame.describe()}"
    return _object_problem(frame, text, first, verbs)


def _object_problem(frame: Frame, text: str, first: str, verbs: frozenset[str]) -> str | None:
    """A noun phrase or a that-clause is needed: not an infinitive, a bare verb, or an
    addressee with a to-infinitive."""
    if _STARTS_AS_INFINITIVE.match(text):
        return f"'{frame.phrase}' takes {frame.describe()}, not a to-infinitive"
    if first in verbs and not _noun_use(text):
        return f"'{frame.phrase}' takes {frame.describe()}, not the verb '{first}'"
    m = _ADDRESSEE_TO.match(text)
    if m and len(m.group("who").split()) <= 3 and _ACTOR.fullmatch(m.group("who").split()[-1]):
        return f"'{frame.phrase}' does not take an addressee and a to-infinitive"
    return None


def _noun_use(text: str) -> bool:
    words = text.lower().split()
    return len(words) > 1 and words[1] in ("for", "of", "to", "from", "and", "or", "in", "on")
