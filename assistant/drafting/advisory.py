"""The fixed form of a request for an advisory opinion of the International Court of Justice.

Article 96 (1) of the Charter lets the General Assembly or the Security Council request
an advisory opinion "on any legal question"; the Court's Statute (Article 65) says the
question is laid before it in a written request "containing an exact statement of the
question". Resolutions that do so use one wording (R13 in ``index/data/frames.toml``;
e.g. A/RES/71/292 on the Chagos Archipelago, A/RES/77/247):

    *Decides*, in accordance with Article 96 of the Charter of the United Nations, to
    request the International Court of Justice, pursuant to Article 65 of the Statute of
    the Court, to render an advisory opinion on the following question: “…?”

of which the drafter writes the core: "*Decides* to request the International Court of
Justice to render an advisory opinion on the following question: “…?”".

The clause is written without the two article references: the fact guard admits no
number that the request, the draft or a cited precedent does not hold, and code is held
to that rule as much as a model is. A delegate who wants them adds "in accordance with
Article 96 of the Charter of the United Nations" after *Decides*, as A/RES/71/292 and
A/RES/ES-10/14 do; the clause is complete and correct without it.

``advisory_request`` writes that body for a chat request ("ask the ICJ for an advisory
opinion on whether X are legal"); the question is turned into a direct question when the
request gives one ("whether X are legal" → “Are X consistent with international
law?”) and is otherwise kept as the delegate worded it.
"""

from __future__ import annotations

import re

FORMULA = "to request the International Court of Justice to render an advisory opinion"
_ASKS_COURT = re.compile(
    r"\badvisory\s+opinion\b.*\b(?:ICJ|International\s+Court\s+of\s+Justice|World\s+Court)\b|"
    r"\b(?:ICJ|International\s+Court\s+of\s+Justice|World\s+Court)\b.*\badvisory\s+opinion\b",
    re.I,
)
_QUESTION = re.compile(
    r"\badvisory\s+opinion\b.*?\b(?:on|about|regarding|concerning|as\s+to)\s+(?P<q>.+)$", re.I
)
_WHETHER = re.compile(
    r"^whether\s+(?P<subject>.+?)\s+(?P<aux>is|are|was|were|can|may|must|does|do|has|have)\s+"
    r"(?P<rest>.+)$",
    re.I,
)
# "are legal": the standard a legal question is put against, as the Court is asked it.
_LEGALITY = (
    (
        re.compile(r"\b(?:legal|lawful|permissible)(?:\s+under\s+international\s+law)?$"),
        "consistent with international law",
    ),
    (
        re.compile(r"\b(?:illegal|unlawful)(?:\s+under\s+international\s+law)?$"),
        "contrary to international law",
    ),
)
_WH_NOUNS = re.compile(r"^the\s+(?:legal\s+consequences|obligations|rights)\b", re.I)


def asks_for_advisory_opinion(text: str) -> bool:
    """Whether ``text`` asks for an advisory opinion of the International Court of Justice."""
    return bool(_ASKS_COURT.search(text))


def advisory_request(text: str) -> str | None:
    """The body of a *Decides* clause requesting the opinion, or None when ``text`` does
    not ask the Court for one on a stated question."""
    if not asks_for_advisory_opinion(text):
        return None
    m = _QUESTION.search(text)
    if not m:  # no question to put: the ordinary request path writes it
        return None
    question = m.group("q").strip(' .,;:?“”"')
    direct = _direct_question(question)
    if direct:
        return f"{FORMULA} on the following question: “{direct}”"
    return f"{FORMULA} on {question}"


def _direct_question(question: str) -> str | None:
    """'whether X are legal' → 'Are X consistent with international law?'; 'the legal
    consequences of X' → 'What are the legal consequences of X?'."""
    if _WH_NOUNS.match(question):
        return f"What are {question}?"
    m = _WHETHER.match(question)
    if not m:
        return None
    rest = m.group("rest")
    for pattern, standard in _LEGALITY:
        rest = pattern.sub(standard, rest)
    return f"{m.group('aux').capitalize()} {m.group('subject')} {rest}?"
