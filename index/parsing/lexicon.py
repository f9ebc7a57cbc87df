"""Leading phrases of resolution clauses, as data with provenance.

The default list lives in ``index/data/phrases.toml``; profiles and users add files of
the same shape. Matching is case-insensitive, longest phrase first (so ``Noting with
deep concern`` is not read as ``Noting``), folds British ``-ise`` spellings, and
accepts the usual modifiers (``Further requests``, ``Recalling also``).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from difflib import get_close_matches
from importlib import resources
from pathlib import Path
from typing import Literal

from index.errors import InputError
from index.wordforms import fold

PhraseKind = Literal["preambulatory", "operative"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(fold(w) for w in _WORD.findall(phrase))


@dataclass(frozen=True)
class PhraseMatch:
    """A leading phrase found at the start of a text."""

    written: str  # as it stands in the text, e.g. "Further Recommends"
    canonical: str  # the lexicon entry, e.g. "Recommends"
    kind: PhraseKind
    end: int  # offset in the text just after the phrase
    modifiers: tuple[str, ...] = ()


@dataclass
class Lexicon:
    """Known leading phrases by kind, with their sources."""

    phrases: dict[PhraseKind, dict[str, str]] = field(
        default_factory=lambda: {"preambulatory": {}, "operative": {}}
    )
    modifiers_before: list[str] = field(default_factory=list)
    modifiers_after: list[str] = field(default_factory=list)
    continuations: list[str] = field(default_factory=list)
    security_council: list[str] = field(default_factory=list)
    _index: dict[tuple[str, ...], tuple[str, PhraseKind]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @classmethod
    def default(cls) -> Lexicon:
        text = resources.files("index").joinpath("data/phrases.toml").read_text("utf-8")
        lexicon = cls()
        lexicon.extend_from_text(text, "index/data/phrases.toml")
        return lexicon

    def extend_from_file(self, path: str | Path) -> None:
        """Add the phrases of a user or profile file of the same shape as the default."""
        try:
            text = Path(path).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(path, f"cannot read phrase list: {exc}") from exc
        self.extend_from_text(text, str(path))

    def extend_from_text(self, text: str, origin: str) -> None:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise InputError(origin, f"not a valid phrase list (TOML): {exc}") from exc
        for kind in ("preambulatory", "operative"):
            for phrase, source in data.get(kind, {}).items():
                self.phrases[kind][phrase] = str(source)
        for name in ("modifiers_before", "modifiers_after", "continuations", "security_council"):
            for item in data.get(name, []):
                if item not in getattr(self, name):
                    getattr(self, name).append(item)
        for verb in self.security_council:
            self.phrases["operative"].setdefault(verb, "U")
        self._index = None

    def add(self, phrase: str, kind: PhraseKind, source: str = "user") -> None:
        self.phrases[kind][phrase] = source
        self._index = None

    def _build_index(self) -> dict[tuple[str, ...], tuple[str, PhraseKind]]:
        index: dict[tuple[str, ...], tuple[str, PhraseKind]] = {}
        for kind in ("preambulatory", "operative"):
            for phrase in self.phrases[kind]:
                index.setdefault(_key(phrase), (phrase, kind))
        return index

    @property
    def index(self) -> dict[tuple[str, ...], tuple[str, PhraseKind]]:
        built = self._index
        if built is None:
            built = self._build_index()
            self._index = built
            self._max_len = max((len(k) for k in built), default=1)
        return built

    def kind_of(self, phrase: str) -> PhraseKind | None:
        """The kind of a phrase (with modifiers) if it is known, else None."""
        found = self.match(phrase)
        if found and found.end >= len(phrase.rstrip(" ,;:.*_")):
            return found.kind
        return None

    def match(self, text: str, kind: PhraseKind | None = None) -> PhraseMatch | None:
        """The longest known leading phrase at the start of ``text``."""
        index = self.index
        words = list(_WORD.finditer(text[:200]))
        if not words or words[0].start() > 0:
            return None
        keys = [fold(w.group()) for w in words]
        best: PhraseMatch | None = None
        for skip, mods in self._prefix_options(keys):
            for length in range(min(self._max_len, len(keys) - skip), 0, -1):
                entry = index.get(tuple(keys[skip : skip + length]))
                if entry is None or (kind and entry[1] != kind):
                    continue
                end_word = skip + length
                end_word, after = self._suffix(keys, end_word, words, text)
                end = words[end_word - 1].end()
                if best is None or end > best.end:
                    best = PhraseMatch(
                        written=text[:end],
                        canonical=entry[0],
                        kind=entry[1],
                        end=end,
                        modifiers=mods + after,
                    )
                break
        return best

    def _prefix_options(self, keys: list[str]) -> list[tuple[int, tuple[str, ...]]]:
        options: list[tuple[int, tuple[str, ...]]] = [(0, ())]
        for mod in self.modifiers_before:
            mk = mod.split()
            if keys[: len(mk)] == mk:
                options.append((len(mk), (mod,)))
        return options

    def _suffix(
        self, keys: list[str], pos: int, words: list[re.Match[str]] | None = None, text: str = ""
    ) -> tuple[int, tuple[str, ...]]:
        """A trailing modifier ('Recalling also'), only when nothing but spaces precede it."""
        if (
            words is not None
            and pos < len(words)
            and text[words[pos - 1].end() : words[pos].start()].strip()
        ):
            return pos, ()
        for mod in sorted(self.modifiers_after, key=len, reverse=True):
            mk = mod.split()
            if keys[pos : pos + len(mk)] == mk:
                return pos + len(mk), (mod,)
        return pos, ()

    def nearest(self, phrase: str, kind: PhraseKind | None = None, n: int = 3) -> list[str]:
        """Known phrases closest in spelling to ``phrase`` (for 'did you mean')."""
        kinds: list[PhraseKind] = [kind] if kind else ["preambulatory", "operative"]
        pool = {p.lower(): p for k in kinds for p in self.phrases[k]}
        hits = get_close_matches(phrase.lower(), list(pool), n=n, cutoff=0.6)
        return [pool[h] for h in hits]

    def source_of(self, phrase: str) -> str | None:
        for kind in ("preambulatory", "operative"):
            if phrase in self.phrases[kind]:
                return self.phrases[kind][phrase]
        return None
