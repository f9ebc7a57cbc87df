"""The words a delegate's question is read by: the one home of these tables.

``KEYWORDS`` are the question words a misspelling of which is corrected ("wich drafts
mentoin AVRR" → "which drafts mention AVRR") when the corpus does not know the typed
word. ``PHRASE_VERBS`` are the leading verbs of resolution clauses a question can ask
about ("which clauses *urge* …"); each maps its forms to the verb's key.
"""

from __future__ import annotations

import re

KEYWORDS = frozenset(
    """which what where mention mentions mentioned mentioning resolution resolutions clause
    clauses draft drafts preamble preambular preambulatory operative paragraph paragraphs
    sponsored sponsors sponsor signatories propose suggest many show contain contains
    refer refers about similar precedent precedents alternatives alternative committee
    document documents include includes including texts anything preambs preamb ops
    operatives subclauses""".split()
)

# how many a word says ("three alternatives", "a clause", "some more")
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "some": 3}

# key → its forms as typed (a verb with a particle keeps it: "call upon" ~ "call on")
PHRASE_VERBS: dict[str, tuple[str, ...]] = {
    "demand": ("demand", "demands", "demanding"),
    "urge": ("urge", "urges", "urging"),
    "condemn": ("condemn", "condemns", "condemning"),
    "call upon": ("call upon", "calls upon", "calling upon", "call on", "calls on", "calling on"),
    "call for": ("call for", "calls for", "calling for"),
    "request": ("request", "requests", "requesting"),
    "encourage": ("encourage", "encourages", "encouraging"),
    "recommend": ("recommend", "recommends", "recommending"),
    "decide": ("decide", "decides", "deciding"),
    "welcome": ("welcome", "welcomes", "welcoming"),
    "recall": ("recall", "recalls", "recalling"),
    "reaffirm": ("reaffirm", "reaffirms", "reaffirming"),
    "affirm": ("affirm", "affirms", "affirming"),
    "recognize": ("recognize", "recognizes", "recognizing", "recognise", "recognises",
                  "recognising"),
    "emphasize": ("emphasize", "emphasizes", "emphasizing", "emphasise", "emphasises",
                  "emphasising"),
    "stress": ("stress", "stresses", "stressing"),
    "invite": ("invite", "invites", "inviting"),
    "support": ("support", "supports", "supporting"),
    "deplore": ("deplore", "deplores", "deploring"),
    "endorse": ("endorse", "endorses", "endorsing"),
    "authorize": ("authorize", "authorizes", "authorizing", "authorise", "authorises"),
    "commend": ("commend", "commends", "commending"),
    "express": ("express", "expresses", "expressing"),
    "note": ("note", "notes", "noting", "take note", "takes note", "taking note"),
    "acknowledge": ("acknowledge", "acknowledges", "acknowledging"),
    "establish": ("establish", "establishes", "establishing"),
    "appeal": ("appeal", "appeals", "appealing"),
    "reiterate": ("reiterate", "reiterates", "reiterating"),
    "declare": ("declare", "declares", "declaring"),
    "approve": ("approve", "approves", "approving"),
    "adopt": ("adopt", "adopts", "adopting"),
    "determine": ("determine", "determines", "determining"),
}  # fmt: skip
VERB_FORMS: dict[str, str] = {form: key for key, forms in PHRASE_VERBS.items() for form in forms}
VERB_PATTERN = "|".join(sorted((re.escape(f) for f in VERB_FORMS), key=len, reverse=True))

# who a clause speaks to: dropped from the object of a phrase-led question
ADDRESSEES = re.compile(
    r"^(?:on\s+|upon\s+)?(?:all\s+|the\s+)?(?:member\s+states|states|governments|countries|"
    r"nations|parties|the\s+parties|the\s+secretary[-\s]general|secretary[-\s]general|"
    r"the\s+international\s+community|international\s+community|everyone|all)\b\s*",
    re.I,
)
# words that say nothing about what is wanted: a message of only these is not understood
VAGUE = frozenset(
    """hmm hm ok okay yes no yeah nope thanks thank you please pls what about it this that
    the thing do does did stuff so well um uh hi hello hey help again more it one
    something anything sure fine cool go on and or but how why hm? usual same whatever
    stuff things thing again""".split()
)
# the verb that says a question looks for clauses naming something
MENTION_VERBS = (
    r"mentions?|mentioning|mentioned|refers?\s+to|referring\s+to|references?|referencing|"
    r"cites?|citing|contains?|containing|uses?|using|includes?|including|talks?\s+about|"
    r"talking\s+about|says?\s+anything\s+about|speaks?\s+(?:of|about)|names?|naming|"
    r"have|has|with"
)
SECTIONS = (
    r"(?:drafts?|resolutions?|clauses?|paragraphs?|texts?|documents?|ones|paras?|ops?|preambs?)"
)

# how a revision is said without its action word: "make op 2 stronger", "cut op 6 down"
REVISE_WORDS = {
    "strengthen": ("stronger", "more forceful", "firmer", "tougher", "punchier", "too weak",
                   "too soft", "beef it up", "beef up", "harden", "toughen", "more assertive"),
    "soften": ("softer", "milder", "less aggressive", "less harsh", "tone it down", "tone down",
               "too strong", "too harsh", "too aggressive", "water down", "water it down",
               "more diplomatic", "gentler"),
    "shorten": ("shorter", "too long", "cut it down", "trim", "tighten", "more concise",
                "condense", "cut down", "too wordy", "wordy", "long-winded"),
    "merge": ("combine", "join", "put together", "into one"),
    "split": ("break it up", "break up", "into two", "separate", "break"),
}  # fmt: skip
