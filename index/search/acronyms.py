"""Acronyms learned from the corpus (word folding lives in ``index.wordforms``).

``AcronymTable`` maps acronyms to their long forms. ``learn`` reads definitions from
the corpus itself: "Assisted Voluntary Return and Reintegration (AVRR)" and
"AVRR (Assisted Voluntary Return and Reintegration)". A pair is only accepted when the
acronym's letters come from the long form's words: every significant word gives its
initial, stop-words (and, of, for, the, ...) may give theirs or be skipped, and a word
may also give the initials of its parts: hyphenated pieces ("Co-operation"), capitals
("UN Office ... (UNODC)") and what follows non-, anti- etc. ("nongovernmental
organizations (NGOs)"). "(2016)", "(EXIT)" after "End Exploitation and Trafficking" or
"(SDG)" after "Sustainable Government Goal" are not definitions. ``builtin()`` adds a
few well-known UN acronyms; learning from the corpus does not need them.
"""

from __future__ import annotations

import json
import logging
import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from index.clause_tree import Corpus
from index.errors import InputError
from index.wordforms import STOP_WORDS, Tokenizer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AcronymDefinition:
    """An acronym, one long form of it, and where the pair came from."""

    acronym: str
    expansion: str
    source: str

    def to_dict(self) -> dict[str, str]:
        return {"acronym": self.acronym, "expansion": self.expansion, "source": self.source}


_ACRONYM = r"[A-Z][A-Za-z0-9&./-]{0,11}"
_FORWARD = re.compile(rf"\(\s*({_ACRONYM})\s*\)")
_REVERSE = re.compile(rf"(?<![\w-])({_ACRONYM})\s*\(([^()]{{3,160}})\)")
_LONG_WORD = re.compile(r"[^\W_]+(?:[-‐‑–'’][^\W_]+)*")
_BOUNDARY = re.compile(r"[;:()\[\]\"“”]|\.\s")
_PAREN_ACRONYM = re.compile(rf"\(\s*{_ACRONYM}\s*\)")


def acronym_letters(candidate: str) -> str | None:
    """The letters an acronym spells ("NGOs" -> "ngo"), or None if it is not one."""
    core = re.sub(r"(['’]?s)$", "", candidate) if candidate[-1:] == "s" else candidate
    letters = [c for c in core if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    if upper < 2 or upper * 2 < len(letters) or len(letters) > 10:
        return None
    return "".join(letters).lower()


def find_definitions(text: str, source: str) -> list[AcronymDefinition]:
    """Acronym definitions written in ``text``, both "Long Form (LF)" and "LF (Long Form)"."""
    found = []
    for m in _FORWARD.finditer(text):
        letters = acronym_letters(m.group(1))
        if letters is None:
            continue
        before = _PAREN_ACRONYM.sub(" ", text[: m.start()])
        cut = max((b.end() for b in _BOUNDARY.finditer(before)), default=0)
        words = _LONG_WORD.findall(before[cut:])[-(2 * len(letters) + 5) :]
        long_form = _shortest_long_form(words, letters)
        if long_form:
            found.append(AcronymDefinition(_singular_acronym(m.group(1)), long_form, source))
    for m in _REVERSE.finditer(text):
        letters = acronym_letters(m.group(1))
        words = _LONG_WORD.findall(m.group(2))
        if letters and len(words) >= 2 and _spells(words, letters):
            expansion = " ".join(_strip_possessive(w) for w in words)
            found.append(AcronymDefinition(_singular_acronym(m.group(1)), expansion, source))
    return found


def spells(acronym: str, long_form: str) -> bool:
    """Whether ``long_form`` gives ``acronym`` by the rules above ("International
    Organization for Migration" gives "IOM"; "International Criminal Police Organization"
    does not give "INTERPOL", which is a name made of syllables)."""
    letters = acronym_letters(acronym)
    words = _LONG_WORD.findall(long_form)
    return bool(letters) and len(words) >= 2 and _spells(words, letters or "")


def _singular_acronym(candidate: str) -> str:
    return re.sub(r"['’]?s$", "", candidate)


def _strip_possessive(word: str) -> str:
    return re.sub(r"['’]s$", "", word)


def _shortest_long_form(words: list[str], letters: str) -> str | None:
    for k in range(2, len(words) + 1):
        tail = words[-k:]
        if tail[0].lower() in STOP_WORDS or tail[0][0].lower() != letters[0]:
            continue
        if _spells(tail, letters):
            return " ".join(_strip_possessive(w) for w in tail)
    return None


_PREFIX = re.compile(r"(?:anti|counter|cross|inter|intra|multi|non|self|socio|trans)")


def _initials(word: str) -> str:
    """The letters a word can give an acronym: its initial, then the initials of its parts.

    Parts are hyphenated pieces, capitals inside a word ("UN", "PreK") and what follows a
    prefix such as non- or anti- ("nongovernmental" gives "ng").
    """
    word = _strip_possessive(word)
    letters = []
    for part in re.split(r"[-‐‑–]", word):
        if not part:
            continue
        caps = part.isupper() and len(part) <= 5
        for n, c in enumerate(part):
            if n == 0 or caps or (c.isupper() and part[n - 1].islower()):
                letters.append(c)
        prefix = _PREFIX.match(part.lower())
        if prefix and len(part) - prefix.end() >= 3 and not part[prefix.end()].isupper():
            letters.append(part[prefix.end()])
    return "".join(letters).lower()


def _spells(words: list[str], letters: str) -> bool:
    """Whether ``letters`` come from ``words`` by the rules in the module docstring."""
    plain = [_strip_possessive(w).lower() for w in words]
    initials = [_initials(w) for w in words]
    if not initials[0] or initials[0][0] != letters[0] or plain[0] in STOP_WORDS:
        return False
    memo: dict[tuple[int, int], bool] = {}

    def spells_from(i: int, j: int) -> bool:
        if (i, j) not in memo:
            stop = i < len(plain) and plain[i] in STOP_WORDS
            memo[i, j] = _step(stop, initials, letters, i, j, spells_from)
        return memo[i, j]

    return spells_from(0, 0)


def _step(
    stop: bool, initials: list[str], letters: str, i: int, j: int, rest: Callable[[int, int], bool]
) -> bool:
    """Word ``i`` gives letters from ``j`` on; ``rest`` checks the words after it."""
    if i == len(initials):
        return j == len(letters)
    if stop and rest(i + 1, j):
        return True
    word = initials[i]
    if j == len(letters) or not word or word[0] != letters[j]:
        return False
    # the word gives its initial, then possibly the initials of its parts, in order
    ends = [j + 1]
    k, pos = j + 1, 1
    while k < len(letters):
        pos = word.find(letters[k], pos) + 1
        if pos == 0:
            break
        k += 1
        ends.append(k)
    return any(rest(i + 1, e) for e in reversed(ends))


class AcronymTable:
    """Acronyms and their long forms, each pair with its provenance.

    Lookups fold case, plurals, spelling and word breaks: "non-governmental
    organisations" finds what "nongovernmental organization" was recorded under.
    """

    def __init__(self, tokenizer: Tokenizer | None = None) -> None:
        self._tok = tokenizer or Tokenizer()
        self._defs: dict[str, list[AcronymDefinition]] = {}
        self._by_expansion: dict[str, set[str]] = {}

    def __len__(self) -> int:
        return len(self._defs)

    def _canon(self, text: str) -> str:
        return "".join(self._tok.key(text))

    def add(self, acronym: str, expansion: str, source: str = "user") -> bool:
        """Record one pair; False if it was already known (same words, any spelling)."""
        akey, ekey = self._canon(acronym), self._tok.key(expansion)
        if not akey or not ekey or "".join(ekey) == akey:
            raise ValueError(f"not an acronym pair: {acronym!r} = {expansion!r}")
        known = self._defs.setdefault(akey, [])
        if any(self._tok.key(d.expansion) == ekey for d in known):
            return False
        known.append(AcronymDefinition(acronym.strip(), expansion.strip(), source))
        self._by_expansion.setdefault("".join(ekey), set()).add(akey)
        return True

    def learn(self, corpus: Corpus) -> int:
        """Learn every definition written in the corpus's clauses; returns how many were new."""
        new = 0
        for res in corpus.resolutions:
            for clause in res.clauses():
                if "(" in clause.text:
                    new += self.learn_text(clause.text, clause.id)
        log.info("learned %d acronym definitions from %d resolutions", new, len(corpus.resolutions))
        return new

    def learn_text(self, text: str, source: str) -> int:
        """Learn the definitions written in one text; returns how many were new."""
        return sum(
            self.add(d.acronym, d.expansion, d.source) for d in find_definitions(text, source)
        )

    def load(self, path: str | Path) -> int:
        """Add pairs from a TOML or JSON file of ``ACRONYM = ["long form", ...]``."""
        path = Path(path)
        try:
            raw = path.read_text("utf-8")
            data = json.loads(raw) if path.suffix.lower() == ".json" else tomllib.loads(raw)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise InputError(path, f"cannot read acronym file: {exc}") from exc
        if isinstance(data, dict) and isinstance(data.get("acronyms"), dict):
            data = data["acronyms"]
        if not isinstance(data, dict):
            raise InputError(path, "expected a table of ACRONYM = [expansions]")
        new = 0
        for acronym, value in data.items():
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
                raise InputError(path, f"{acronym}: expected a string or a list of strings")
            try:
                new += sum(self.add(acronym, x, f"user:{path.name}") for x in items)
            except ValueError as exc:
                raise InputError(path, str(exc)) from exc
        return new

    def expansions(self, term: str) -> list[str]:
        """The long forms of an acronym (any case or plural), in the order learned."""
        return [d.expansion for d in self._defs.get(self._canon(term), [])]

    def acronyms_for(self, phrase: str) -> list[str]:
        """The acronyms whose long form is ``phrase`` (folded: case, plural, spelling)."""
        keys = self._by_expansion.get(self._canon(phrase), set())
        return sorted(self._defs[k][0].acronym for k in keys)

    def query_expansions(self, text: str) -> list[str]:
        """What else a query's words name, each once: the long forms of the acronyms it
        writes in capitals ("ICJ", not "who") and the acronyms of the long forms it
        contains, folded ("non-governmental organisations" → "NGO")."""
        out: dict[str, None] = {}
        for word in _LONG_WORD.findall(text):
            if acronym_letters(word) is not None:
                out.update(dict.fromkeys(self.expansions(word)))
        keys = self._tok.key(text)
        longest = max((len(d.expansion.split()) for d in self.definitions()), default=0) + 2
        for i in range(len(keys)):
            for j in range(i + 2, min(len(keys), i + longest) + 1):
                for akey in sorted(self._by_expansion.get("".join(keys[i:j]), ())):
                    out[self._defs[akey][0].acronym] = None
        return list(out)

    def definitions(self, term: str | None = None) -> list[AcronymDefinition]:
        """Every pair with its source, or those of one acronym."""
        if term is not None:
            return list(self._defs.get(self._canon(term), []))
        return [d for defs in self._defs.values() for d in defs]

    def equivalents(self, key: tuple[str, ...]) -> list[tuple[tuple[str, ...], str]]:
        """Folded phrases naming the same thing as the folded phrase ``key``, with a display
        form: an acronym's long forms, or a long form's acronyms and their other long forms."""
        canon = "".join(key)
        acronyms = set(self._by_expansion.get(canon, set()))
        if canon in self._defs:
            acronyms.add(canon)
        out: dict[tuple[str, ...], str] = {}
        for akey in sorted(acronyms):
            defs = self._defs[akey]
            out.setdefault(self._tok.key(defs[0].acronym), defs[0].acronym)
            for d in defs:
                out.setdefault(self._tok.key(d.expansion), d.expansion)
        out.pop(key, None)
        return list(out.items())

    @classmethod
    def builtin(cls, tokenizer: Tokenizer | None = None) -> AcronymTable:
        """A table of well-known UN-system acronyms (see ``BUILTIN_SOURCE``)."""
        table = cls(tokenizer)
        for acronym, expansion in BUILTIN_ACRONYMS:
            table.add(acronym, expansion, BUILTIN_SOURCE)
        return table


Definition = tuple[str, str, str]  # acronym, long form, where it is written


def new_to_builtin(pairs: Iterable[Definition]) -> list[Definition]:
    """Those of ``pairs`` (acronym, long form, source) that add to the built-in table and
    to the pairs before them: adding only these to ``AcronymTable.builtin()`` gives the
    table that adding them all gives (what a saved index keeps of a corpus's definitions)."""
    table = AcronymTable.builtin()
    return [pair for pair in pairs if table.add(*pair)]


BUILTIN_SOURCE = "built-in: official names as listed in UNTERM (unterm.un.org)"
BUILTIN_ACRONYMS: tuple[tuple[str, str], ...] = (
    ("UN", "United Nations"),
    ("ECOSOC", "Economic and Social Council"),
    ("IOM", "International Organization for Migration"),
    ("ILO", "International Labour Organization"),
    ("UNHCR", "Office of the United Nations High Commissioner for Refugees"),
    ("UNHCR", "United Nations High Commissioner for Refugees"),
    ("OHCHR", "Office of the United Nations High Commissioner for Human Rights"),
    ("UNODC", "United Nations Office on Drugs and Crime"),
    ("UNICEF", "United Nations Children's Fund"),
    ("UNFPA", "United Nations Population Fund"),
    ("UNDP", "United Nations Development Programme"),
    ("UNEP", "United Nations Environment Programme"),
    ("UNESCO", "United Nations Educational, Scientific and Cultural Organization"),
    ("UNIFEM", "United Nations Development Fund for Women"),
    ("WHO", "World Health Organization"),
    ("WFP", "World Food Programme"),
    ("FAO", "Food and Agriculture Organization of the United Nations"),
    ("ICJ", "International Court of Justice"),
    ("ICC", "International Criminal Court"),
    ("INTERPOL", "International Criminal Police Organization"),
    ("OSCE", "Organization for Security and Co-operation in Europe"),
    ("NGO", "non-governmental organization"),
    ("SDG", "Sustainable Development Goal"),
    ("CEDAW", "Convention on the Elimination of All Forms of Discrimination against Women"),
    ("CRC", "Convention on the Rights of the Child"),
    ("UNTOC", "United Nations Convention against Transnational Organized Crime"),
    ("ICAT", "Inter-Agency Coordination Group against Trafficking in Persons"),
    ("UDHR", "Universal Declaration of Human Rights"),
    ("NPT", "Treaty on the Non-Proliferation of Nuclear Weapons"),
    ("TPNW", "Treaty on the Prohibition of Nuclear Weapons"),
    ("IAEA", "International Atomic Energy Agency"),
    ("IHL", "international humanitarian law"),
    ("UHC", "universal health coverage"),
    ("OEWG", "open-ended working group"),
    ("LDC", "least developed country"),
    ("LLDC", "landlocked developing country"),
    ("SIDS", "small island developing States"),
    ("NAM", "Non-Aligned Movement"),
    ("ICT", "information and communications technology"),
    ("MDG", "Millennium Development Goal"),
    ("UNSC", "United Nations Security Council"),
    ("UNGA", "United Nations General Assembly"),
    ("IPCC", "Intergovernmental Panel on Climate Change"),
    ("UNFCCC", "United Nations Framework Convention on Climate Change"),
    ("UNDOF", "United Nations Disengagement Observer Force"),
)


# Shorthands said for the UN's organs and officers: a resolution writes them in full
# (UN Editorial Manual; names as in UNTERM). The drafter spells them out, the linter
# flags them (CW603).
ORGAN_SHORTHANDS: dict[str, str] = {
    "GA": "General Assembly",
    "UNGA": "General Assembly",
    "SC": "Security Council",
    "UNSC": "Security Council",
    "ECOSOC": "Economic and Social Council",
    "HRC": "Human Rights Council",
    "SG": "Secretary-General",
    "UNSG": "Secretary-General",
    "DSG": "Deputy Secretary-General",
    "SRSG": "Special Representative of the Secretary-General",
    "PGA": "President of the General Assembly",
}
# Member States by the short forms said in chat (names as in the UNTERM country list).
COUNTRY_SHORTHANDS: dict[str, str] = {
    "US": "United States of America",
    "USA": "United States of America",
    "DRC": "Democratic Republic of the Congo",
    "DPRK": "Democratic People's Republic of Korea",
    "UAE": "United Arab Emirates",
}
