"""Other words for a term that name the same thing: explicit data, each entry with its
source — never fuzzy matching.

The mention engine (``index.search.mentions``) is exact: a term, its acronym or long form
as the corpus defines them, singular and plural, British and American spelling. What it
cannot know is written here, and a question's term gets only what is listed:

* ``SAME``: names of one thing (a treaty's short name and its full title; two words for
  one thing), searched both ways;
* ``SAID_AS``: a word delegates use for what UN texts call otherwise ("charities" are the
  non-governmental organizations of UN texts), searched one way only;
* ``ACTIONS``: an action noun and the forms of its verb, for phrase-led questions only —
  "resolutions that demand a withdrawal" asks for clauses that demand that someone
  withdraw ("Demands that Iraq withdraw immediately").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.wordforms import words


@dataclass(frozen=True)
class Related:
    """Terms that name one thing, and where that is said."""

    terms: tuple[str, ...]
    source: str


SAME: tuple[Related, ...] = (
    Related(
        (
            "TIP Protocol",
            "Trafficking in Persons Protocol",
            "Protocol to Prevent, Suppress and Punish Trafficking in Persons",
        ),
        "UN Treaty Collection, chapter XVIII.12.a: the Protocol to Prevent, Suppress and "
        "Punish Trafficking in Persons, Especially Women and Children (2000); UNODC calls it "
        "the Trafficking in Persons Protocol (seed IOM/1/4 pre 17 defines 'TIP Protocol')",
    ),
    Related(
        (
            "Smuggling of Migrants Protocol",
            "Protocol against the Smuggling of Migrants by Land, Sea and Air",
        ),
        "UN Treaty Collection, chapter XVIII.12.b; UNODC's short name for it",
    ),
    Related(
        ("Palermo Convention", "United Nations Convention against Transnational Organized Crime"),
        "UN Treaty Collection, chapter XVIII.12 (adopted at Palermo, 2000); UNODC",
    ),
    Related(
        ("Refugee Convention", "Convention relating to the Status of Refugees"),
        "UN Treaty Collection, chapter V.2 (1951); UNHCR calls it the 1951 Refugee Convention",
    ),
    Related(
        ("UN Charter", "Charter of the United Nations"),
        "the Charter's own title (San Francisco, 1945)",
    ),
    Related(
        (
            "Treaty of Pelindaba",
            "Pelindaba Treaty",
            "African Nuclear-Weapon-Free Zone Treaty",
        ),
        "the treaty's title as General Assembly resolutions cite it: 'the African "
        "Nuclear-Weapon-Free Zone Treaty (Treaty of Pelindaba)' (A/RES/80/14)",
    ),
    Related(("prison", "penitentiary"), "Merriam-Webster Thesaurus, entry 'prison'"),
    Related(("helpline", "hotline"), "Merriam-Webster, entry 'hotline' (sense 2)"),
)

SAID_AS: dict[str, tuple[str, ...]] = {
    # what delegates say → what UN texts say (ECOSOC resolution 1996/31 names the
    # organizations of civil society the UN consults 'non-governmental organizations')
    "charity": ("non-governmental organization",),
    "charitable organization": ("non-governmental organization",),
}

ACTIONS: dict[str, tuple[str, ...]] = {
    # action noun → its verb's forms (Merriam-Webster: each noun is 'the act of' the verb)
    "withdrawal": ("withdraw", "withdraws", "withdrew", "withdrawn", "withdrawing"),
    "ratification": ("ratify", "ratifies", "ratified", "ratifying"),
    "cessation": ("cease", "ceases", "ceased", "ceasing"),
    "release": ("release", "released", "releasing"),
    "deployment": ("deploy", "deploys", "deployed", "deploying"),
    "implementation": ("implement", "implements", "implemented", "implementing"),
    "accession": ("accede", "accedes", "acceded", "acceding"),
    "compliance": ("comply", "complies", "complied", "complying"),
    "negotiation": ("negotiate", "negotiates", "negotiated", "negotiating"),
    "protection": ("protect", "protects", "protected", "protecting"),
    "prosecution": ("prosecute", "prosecutes", "prosecuted", "prosecuting"),
    "investigation": ("investigate", "investigates", "investigated", "investigating"),
}


def _key(term: str) -> tuple[str, ...]:
    return tuple(words(term))


_SAME = {_key(t): r.terms for r in SAME for t in r.terms}
_SAID_AS = {_key(k): v for k, v in SAID_AS.items()}
_ACTIONS = {_key(k): v for k, v in ACTIONS.items()}


def same_as(term: str) -> tuple[str, ...]:
    """The other names listed for ``term`` (compared word by word: case, plural and
    spelling folded), without ``term`` itself."""
    key = _key(term)
    others = [*_SAME.get(key, ()), *_SAID_AS.get(key, ()), *reordered(term)]
    return tuple(t for t in others if _key(t) != key)


_INSTRUMENTS = r"(?:Treaty|Convention|Protocol|Declaration|Agreement|Accords?|Charter|Statute)"
_PLACE_FIRST = re.compile(rf"^(?P<place>[A-Z][\w'’-]+)\s+(?P<kind>{_INSTRUMENTS})$")
_PLACE_LAST = re.compile(rf"^(?P<kind>{_INSTRUMENTS})\s+of\s+(?P<place>[A-Z][\w'’-]+)$")


def reordered(term: str) -> tuple[str, ...]:
    """An instrument named by its place said the other way round ('Pelindaba Treaty' ~
    'Treaty of Pelindaba', 'Declaration of Doha' ~ 'Doha Declaration'): English names
    a treaty either way."""
    m = _PLACE_FIRST.match(term.strip())
    if m:
        return (f"{m.group('kind')} of {m.group('place')}",)
    m = _PLACE_LAST.match(term.strip())
    if m:
        return (f"{m.group('place')} {m.group('kind')}",)
    return ()


def acted(term: str) -> tuple[str, ...]:
    """The verb forms of an action noun ('a withdrawal' → 'withdraw', 'withdrew', …)."""
    key = _key(term)
    if key[:1] in (("a",), ("an",), ("the",)):
        key = key[1:]
    return _ACTIONS.get(key, ())
