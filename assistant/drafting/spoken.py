"""What a delegate types that is not clause text: the words that only ask for a clause
("propose an operative clause on …", "- preambular paragraph please", "pre para:") and
spoken forms a resolution never uses ("don't", "rehab", "ppl", "thx", "NGOs like X",
"help get X up and running", "so the training is free", "keep working on").

``strip_instruction`` takes the asking words off; ``written_form`` writes the rest out.
"""

from __future__ import annotations

import re

# Words that only ask for a clause, at the start of a request.
_INSTRUCTION = re.compile(
    r"^(?:[A-Z][A-Za-z]{1,9}\s*(?::|\s[-–—])\s+)?"  # the body it is for: "WHA: ask the DG …"
    r"(?:(?:please|kindly|now|ok(?:ay)?|and|also|then)\b[\s,]*)*"
    r"(?:(?:can|could|would|will)\s+you\s+|(?:can|could|may)\s+(?:we|i)\s+|"
    r"(?:can|could|should|shall)\s+(?:the\s+)?(?:ga|general\s+assembly|council|committee|"
    r"security\s+council|assembly|sc)\s+|"
    r"i\s+(?:need|want|would\s+like)\s+|"
    r"we\s+(?:need|want|should|must)\s+|let'?s\s+|let\s+us\s+|help\s+me\s+)?"
    r"(?:(?:propose|draft|write|suggest|give\s+me|give\s+us)\b\s*|"
    r"(?:add|make|create|insert|put\s+in|need|want|get)\s+(?=(?:(?:an?|one|two|three|some|"
    r"another|more|\d+)\s+)?(?:new\s+)?(?:operative|preamb\w*|clauses?|paragraphs?|paras?)\b))?"
    r"(?:(?:an?|one|two|three|four|five|some|another|more|\d+)\s+)?(?:new\s+)?"
    r"(?:(?:operative|preambulatory|preambular|preamble|perambulatory|pre|op|pp)\b\s*"
    r"(?:[-–—:]\s*)?)?"
    r"(?:(?:clauses?|paragraphs?|paras?|lines?|sentences?|something|anything|stuff)\b\s*"
    r"(?:[-–—:]\s*)?)?"
    r"(?:(?:that|which|to|on|about|for|regarding|concerning|saying|where\s+we|"
    r"where\s+the\s+(?:committee|assembly|council))\b\s*)?",
    re.I,
)
_TRAILING = re.compile(
    r"[\s,;]*(?:[-–—:.]\s*(?:an?\s+)?(?:new\s+)?(?:preambular|preambulatory|preamble|operative)"
    r"(?:\s+(?:paragraph|clause|para))?|\bin\s+(?:the\s+)?(?:preamble|operative\s+(?:part|section))|"
    r"\bas\s+an?\s+(?:operative|preambulatory|preambular)\s+(?:clause|paragraph)|"
    r"\bfor\s+(?:my|our|the)\s+(?:draft|resolution)|\bciting\s+(?:a\s+)?precedents?|"
    r"\bwith\s+citations?|\bplease)\s*$",
    re.I,
)

# Spoken forms a resolution never uses → their written form (applied to the request's
# content, so the clause says "do not" and "rehabilitation", never "don't" or "rehab").
_CONTRACTIONS = re.compile(
    r"\b(ca|wo|do|does|did|is|are|was|were|has|have|had|should|must|could|would|need)n['’]t\b|"
    r"\b(do|does|did|is|are|was|were|has|have|had|should|could|would)nt\b",
    re.I,
)
_WRITTEN_FORMS: dict[str, str] = {
    "rehab": "rehabilitation",
    "info": "information",
    "govt": "Government",
    "govts": "Governments",
    "gov't": "Government",
    "app": "application",
    "apps": "applications",
    "kids": "children",
    "stats": "statistics",
    "intl": "international",
    "asap": "as soon as possible",
    "it's been": "it has been",
    "it's had": "it has had",
    "it's": "it is",
    "ppl": "people",
    "pls": "",
    "plz": "",
    "thx": "",
    "they're": "they are",
    "there's": "there is",
    "that's": "that is",
    "who's": "who is",
    "what's": "what is",
    "make sure": "ensure",
    "making sure": "ensuring",
}
_WRITTEN_WORD = re.compile(
    r"(?<![\w’'-])(" + "|".join(re.escape(w) for w in _WRITTEN_FORMS) + r")(?![\w’'-])", re.I
)

# Chat words and their written form, in lower case only ("Army" in a name stays as it is).
_CHAT_WORDS: dict[str, str] = {
    "extra": "additional",
    "ads": "advertisements",
    "advert": "advertisement",
    "adverts": "advertisements",
    "pics": "photographs",
    "pic": "photograph",
    "photos": "photographs",
    "army": "armed forces",
    "armies": "armed forces",
    "res": "resolution",
    "every single": "every",
    "get here": "attend",
    "come here": "attend",
    "be here": "attend",
    "summit where": "summit at which",
    "conference where": "conference at which",
    "meeting where": "meeting at which",
    "forum where": "forum at which",
    "workshops where": "workshops at which",
    "sessions where": "sessions at which",
    "sue": "bring legal proceedings against",
    "at-risk people": "persons at risk",
    "at-risk persons": "persons at risk",
    "glitch": "anomaly",
    "glitches": "anomalies",
    "use more": "make greater use of",
    "invest more in": "increase investment in",
    "as soon as possible": "at the earliest possible date",
    "Jan": "January",
    "Feb": "February",
    "Aug": "August",
    "Sep": "September",
    "Sept": "September",
    "Oct": "October",
    "Nov": "November",
    "Dec": "December",
    "suing": "bringing legal proceedings against",
}
_CHAT_WORD = re.compile(r"(?<![\w’'-])(" + "|".join(map(re.escape, _CHAT_WORDS)) + r")(?![\w’'-])")
# Stems that resolutions spell with -ize ("recognise" → "recognize"); a closed list, as
# many -ise words are never -ize ("advertise", "comprise", "exercise", "promise").
_IZE = re.compile(
    r"\b((?:de|re|un)?(?:organ|recogn|special|criminal|priorit|mobil|stabil|legal|normal|"
    r"maxim|minim|util|author|harmon|institutional|operational|final|categor|emphas|sensit|"
    r"standard|modern|privat|digit|global|marginal|subsid|summar|optim|neutral|penal|"
    r"rational|real|revital|social|equal|critic|mechan|capital|central|local|democrat|"
    r"militar|immun|urban|computer|visual|character|conceptual|incentiv|industrial|"
    r"legitim|stigmat|synchron|victim|terror|traum|jeopard|formal|apolog|familiar|"
    r"memorial|monopol|polar|radical|sanit|strategi|moral))is(e|es|ed|ing|ation|ations|er|ers)\b"
)

# "should complement X, not replace it" → "should complement, and not replace, X"; the
# subject said again as "it" after "but" is dropped ("X is growing, but it should …").
_NOT_INSTEAD = re.compile(
    r"\b(?P<verb>complement|supplement|support|reinforce|strengthen|add\s+to)\s+"
    r"(?P<obj>[^,;]+?),?\s+(?:and\s+)?not\s+(?P<neg>replace|substitute\s+for|duplicate|"
    r"undermine|compete\s+with)\s+(?:it|them)\b",
    re.I,
)
# "Tajikistan's government" → "the Government of Tajikistan", as resolutions name it.
_GOVERNMENT = re.compile(
    r"\b(?:the\s+)?(?P<country>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3})['’]s\s+[Gg]overnment\b"
)
_NOT_EVEN = re.compile(r"\b(not|never|no\s+longer)\s+even\b", re.I)  # chat emphasis
_BUT_IT = re.compile(r",?\s+but\s+(?:it|they)\s+(?=(?:should|must|shall|can|may|will)\b)", re.I)
# "NGOs like Hope for Justice", "a mobile app, like MigApp": "such as"; never "would like".
_LIKE = re.compile(r"(?P<word>[\w’'-]+)(?P<comma>,?)\s+like\s+(?=[\w“\"'])")
_NOT_PLURAL_NOUN = frozenset(
    "is was has does looks seems feels sounds this thus us yes less unless always perhaps "
    "its his hers ours yours theirs as".split()
)
_HELP_GET_RUNNING = re.compile(
    r"\bhelp(?:\s+to)?\s+(?:get|set|make)\s+(?P<x>.+?)\s+up\s+and\s+running\b", re.I
)
_GET_RUNNING = re.compile(r"\b(?:get|set|make)\s+(?P<x>.+?)\s+up\s+and\s+running\b", re.I)
_UP_RUNNING = re.compile(r"\bup\s+and\s+running\b", re.I)
_HELP_SET_UP = re.compile(r"\bhelp(?:\s+to)?\s+set\s+up\s+(?=\w)", re.I)
_KEEP_ON = re.compile(r"\bkeep(?:\s+on)?\s+(?!(?:any|some|every|no)thing\b)(?=\w+ing\b)")
_MORE_AND_MORE = re.compile(r"\bmore\s+and\s+more\s+(?P<w>\w+)", re.I)
# Purpose and verbs said in chat: "so the training is free" → "so that …", "so there is
# less risk" → "in order to reduce the risk", "help get X up and running" → "support the
# establishment of X", "keep working" → "continue working".
_SO_LESS = re.compile(
    r"(?:^|,?\s+)so\s+(?:that\s+)?there\s+(?:is|will\s+be|would\s+be)\s+"
    r"(?:less|a\s+lower|a\s+reduced)\s+(?P<x>risk|danger|chance|likelihood)\b",
    re.I,
)
_SO_FEWER = re.compile(
    r"(?:^|,?\s+)so\s+(?:that\s+)?there\s+(?:are|will\s+be|would\s+be)\s+fewer\s+(?P<x>\w+)", re.I
)
_SUBJECT = (
    r"(?:they|it|he|she|we|you|the|their|its|his|her|this|these|those|nobody|no\s+one|"
    r"everyone|everybody|people|victims?|survivors?|children|kids|migrants|states|countries|"
    r"governments|there|[a-z]+(?:['’]s?)?\s+(?:[a-z-]+\s+){0,3}?(?:can|could|will|would|may|"
    r"might|must|should|do\s+not|does\s+not|cannot))\b"
)
_SO_CLAUSE = re.compile(
    r"(?P<word>[\w’'-]+)(?P<lead>,?\s+)so\s+(?!let\b|allow\b)(?=" + _SUBJECT + ")", re.I
)
# "so" after these is not "so that" ("have not yet done so", "and so", "is so …").
_NOT_PURPOSE = frozenset(
    "do does did done doing and or but not is are was were be been being even just only "
    "why if think hope say said".split()
)


def written_form(text: str) -> str:
    """``text`` without contractions or informal words ("don't" → "do not",
    "rehab" → "rehabilitation", "extra" → "additional"), spelt as resolutions spell
    ("specialise" → "specialize")."""

    def expand(m: re.Match[str]) -> str:
        stem = m.group(1) or m.group(2)
        return {"ca": "can", "wo": "will"}.get(stem.lower(), stem) + (
            "not" if stem.lower() == "ca" else " not"
        )

    text = _CONTRACTIONS.sub(expand, text)
    text = _WRITTEN_WORD.sub(lambda m: _WRITTEN_FORMS[m.group(1).lower()], text)
    text = _CHAT_WORD.sub(lambda m: _CHAT_WORDS[m.group(1)], text)
    text = _IZE.sub(r"\1iz\2", text)
    text = _LIKE.sub(_like, text)
    text = _spoken_verbs(text)
    text = _NOT_INSTEAD.sub(lambda m: f"{m['verb']}, and not {m['neg']}, {m['obj']}", text)
    text = _BUT_IT.sub(", but ", text)
    text = _NOT_EVEN.sub(r"\1", text)
    text = _GOVERNMENT.sub(lambda m: f"the Government of {m['country']}", text)
    return re.sub(r"\s{2,}", " ", text).strip(" ,")


def strip_instruction(request: str) -> str:
    text = re.sub(r"\s+", " ", request).strip().strip("\"'“”")
    previous = None
    while previous != text:
        previous = text
        text = _INSTRUCTION.sub("", text, count=1).strip(" ,:;-")
        text = _TRAILING.sub("", text).strip(" ,:;.-?!")
    return text  # empty when the request only asked for a clause


def _like(m: re.Match[str]) -> str:
    word, comma = m.group("word"), m.group("comma")
    plural = word.endswith("s") and word.lower() not in _NOT_PLURAL_NOUN
    return f"{word}{comma} such as " if comma or plural else m.group(0)


def _spoken_verbs(text: str) -> str:
    text = _HELP_GET_RUNNING.sub(lambda m: f"support the establishment of {m['x']}", text)
    text = _GET_RUNNING.sub(lambda m: f"establish {m['x']}", text)
    text = _UP_RUNNING.sub("operational", text)
    text = _HELP_SET_UP.sub("support the establishment of ", text)
    text = _KEEP_ON.sub("continue ", text)
    text = _MORE_AND_MORE.sub(_more_and_more, text)
    return _purpose(text)


def _more_and_more(m: re.Match[str]) -> str:
    word = m.group("w")
    if word.endswith("s") or word in ("people", "children", "women", "men"):
        return f"an increasing number of {word}"
    return f"increasingly {word}"


def _purpose(text: str) -> str:
    text = _SO_LESS.sub(lambda m: f" in order to reduce the {m['x']}", text)
    text = _SO_FEWER.sub(lambda m: f" in order to reduce the number of {m['x']}", text)
    return _SO_CLAUSE.sub(_so_that, text)


def _so_that(m: re.Match[str]) -> str:
    if m.group("word").lower() in _NOT_PURPOSE:
        return m.group(0)
    return f"{m['word']}{m['lead']}so that "
