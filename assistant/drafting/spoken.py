"""What a delegate types that is not clause text: the words that only ask for a clause
("propose an operative clause on …", "- preambular paragraph please", "pre para:") and
spoken forms a resolution never uses ("don't", "rehab", "ppl", "thx").

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


def written_form(text: str) -> str:
    """``text`` without contractions or informal words ("don't" → "do not",
    "rehab" → "rehabilitation")."""

    def expand(m: re.Match[str]) -> str:
        stem = m.group(1) or m.group(2)
        return {"ca": "can", "wo": "will"}.get(stem.lower(), stem) + (
            "not" if stem.lower() == "ca" else " not"
        )

    text = _CONTRACTIONS.sub(expand, text)
    text = _WRITTEN_WORD.sub(lambda m: _WRITTEN_FORMS[m.group(1).lower()], text)
    return re.sub(r"\s{2,}", " ", text).strip(" ,")


def strip_instruction(request: str) -> str:
    text = re.sub(r"\s+", " ", request).strip().strip("\"'“”")
    previous = None
    while previous != text:
        previous = text
        text = _INSTRUCTION.sub("", text, count=1).strip(" ,:;-")
        text = _TRAILING.sub("", text).strip(" ,:;.-?!")
    return text  # empty when the request only asked for a clause
