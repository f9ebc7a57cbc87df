"""Acronyms spelt out at first use, as UN editors require.

A proposal is pasted into a draft as a whole clause, so an acronym it uses ("IOM",
"the ICJ", "NGOs") is written in full unless the user's draft already uses it: "the
International Organization for Migration", "the International Court of Justice",
"non-governmental organizations". An acronym used twice in one clause is defined at
its first use ("the International Organization for Migration (IOM) … IOM"). The long
forms come from the built-in table of official names (``index.search.acronyms``,
UNTERM) and from :data:`SHORTHANDS`, the spoken shorthands of the UN's own organs that
no resolution writes ("the GA", "the PGA", "the SG").

Article and word order follow the use: a body named on its own takes "the" ("an opinion
from ICJ on …" → "from the International Court of Justice on …"); an acronym used as a
modifier does not ("IOM programmes" → "International Organization for Migration
programmes"); an instrument of a body is written "the Constitution of the …".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.search.acronyms import (
    BUILTIN_SOURCE,
    COUNTRY_SHORTHANDS,
    ORGAN_SHORTHANDS,
    AcronymTable,
    spells,
)
from index.wordforms import STOP_WORDS

# Shorthands of UN organs, officers and Member States said in chat.
SHORTHANDS: dict[str, str] = {**ORGAN_SHORTHANDS, **COUNTRY_SHORTHANDS}
# Long forms that name one body, officer or instrument: standing alone they take "the".
_NAMED_BODY = re.compile(
    r"\b(?:Organization|Court|Council|Assembly|Office|Fund|Programme|Agency|Commissioner|"
    r"Group|Panel|Force|Movement|Secretary-General|President|Treaty|Convention|Declaration|"
    r"Protocol|Agreement|Republic|United States|Emirates)\b"
)
# What a body has that resolutions name as "the X of the body".
_INSTRUMENTS = ("constitution", "statute", "charter", "mandate", "secretariat")
# Words before an acronym after which no article is added.
_DETERMINERS = frozenset(
    "the a an its their his her our this that these those whose each every any no".split()
)
# Words of place before a country's name: the article goes before them.
_REGIONS = frozenset(
    "eastern western northern southern central north-eastern north-western south-eastern "
    "south-western northeastern northwestern southeastern southwestern".split()
)
# An acronym as a word of its own: not "US$" (a currency), not part of "COVID-19".
_WORD = re.compile(r"(?<![\w-])(?P<acr>[A-Z][A-Za-z]*[A-Z])(?P<plural>s)?(?![\w$-])")


@dataclass(frozen=True)
class Spelling:
    """A clause body with its acronyms spelt out, and the long forms written."""

    text: str
    written: tuple[str, ...]


class AcronymSpeller:
    """Writes the acronyms of a clause in full (see the module docstring)."""

    def __init__(self, table: AcronymTable | None = None) -> None:
        self.table = table or AcronymTable.builtin()

    def long_form(self, acronym: str) -> str | None:
        if acronym in SHORTHANDS:
            return SHORTHANDS[acronym]
        # official names are trusted; a pair from elsewhere (a user's acronyms.toml) only
        # when its long form gives the acronym's letters
        forms = [
            d.expansion
            for d in self.table.definitions(acronym)
            if d.source == BUILTIN_SOURCE or spells(acronym, d.expansion)
        ]
        # "UNHCR": the Office or the High Commissioner; the officer is the one addressed
        return next((f for f in forms if not f.startswith("Office of")), None) or (
            forms[0] if forms else None
        )

    def spell_out(self, body: str, draft: str = "") -> Spelling:
        used = {m["acr"] for m in _WORD.finditer(draft)}
        counts: dict[str, int] = {}
        for m in _WORD.finditer(body):
            counts[m["acr"]] = counts.get(m["acr"], 0) + 1
        seen: set[str] = set()
        written: list[str] = []
        out: list[str] = []
        last = 0
        for m in _WORD.finditer(body):
            acr = m["acr"]
            full = self.long_form(acr)
            if full is None or acr in used or acr in seen:
                continue
            seen.add(acr)
            full = _plural(full) if m["plural"] else full
            start, end, phrase = _in_context(body, m.start(), m.end(), full)
            if counts[acr] > 1 and acr not in SHORTHANDS:
                phrase = f"{phrase} ({m.group(0)})"
            out += [body[last:start], phrase]
            last = end
            written.append(full)
        out.append(body[last:])
        text = "".join(out)
        return Spelling(text, tuple(written)) if written else Spelling(body, ())


def _plural(long_form: str) -> str:
    head, _, last = long_form.rpartition(" ")
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    elif not last.endswith("s"):
        last += "s"
    return f"{head} {last}".strip()


def _in_context(body: str, start: int, end: int, full: str) -> tuple[int, int, str]:
    """The span to replace and what to write there, with the article and order the use
    needs."""
    if re.match(r"['’]s\b", body[end:]) and full.endswith("s"):  # "Refugees'", not "…s's"
        return start, end + 2, f"{_with_article(body, start, full)}{body[end]}"
    members = re.match(r"\s+(Member\s+States|member\s+States|members|Members)\b", body[end:])
    if members:  # "WHO Member States" → "Member States of the World Health Organization"
        previous_the = bool(re.search(r"\bthe$", body[:start].rstrip(), re.I))
        begin = len(body[:start].rstrip()) - 3 if previous_the else start
        return begin, end + members.end(), f"{members.group(1)} of the {full}"
    before = body[:start].rstrip().rsplit(None, 1)
    previous = before[-1].lower().strip("(“\"'") if before else ""
    after = re.match(r"\s+([\w-]+)", body[end:])
    following = after.group(1) if after else ""
    body_name = bool(_NAMED_BODY.search(full)) and full[:1].isupper()
    if following.lower() in _INSTRUMENTS and previous == "the":
        begin = len(body[:start].rstrip()) - 3  # from "the"
        stop = end + after.end() if after else end
        return begin, stop, f"the {following.capitalize()} of the {full}"
    if body_name and previous in _REGIONS:  # "in eastern DRC" → "in the eastern …"
        begin = len(body[:start].rstrip()) - len(before[-1])
        return begin, end, f"the {before[-1]} {full}"
    modifier = bool(following) and following.lower() not in STOP_WORDS and following[:1].isalpha()
    if body_name and not modifier and previous not in _DETERMINERS:
        return start, end, f"the {full}"
    return start, end, full


def _with_article(body: str, start: int, full: str) -> str:
    before = body[:start].rstrip().rsplit(None, 1)
    previous = before[-1].lower() if before else ""
    named = bool(_NAMED_BODY.search(full)) and previous not in _DETERMINERS
    return f"the {full}" if named else full
