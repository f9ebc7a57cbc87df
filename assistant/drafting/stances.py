"""The words of a request that say what stance a clause takes and whom it addresses:
request verbs ("urge", "ask", "recall") and feelings ("worried about", "alarmed by") →
the leading phrase of an operative or preambulatory clause; addressees as delegates say
them ("the SG", "all countries") → as resolutions write them. Data for ``understand``.
"""

from __future__ import annotations

# A request verb → (operative phrase, preambulatory phrase). Verbs that address someone
# ("ask X to …") take their addressee from the request.
STANCES: dict[str, tuple[str, str]] = {
    "ask": ("Requests", "Recognizing the need for"),
    "request": ("Requests", "Recognizing the need for"),
    "urge": ("Urges", "Stressing the urgent need for"),
    "press": ("Urges", "Stressing the urgent need for"),
    "encourage": ("Encourages", "Encouraging"),
    "invite": ("Invites", "Recognizing the need for"),
    "call on": ("Calls upon", "Stressing the need for"),
    "appeal to": ("Calls upon", "Stressing the need for"),
    "call upon": ("Calls upon", "Stressing the need for"),
    "call for": ("Calls for", "Stressing the need for"),
    "demand": ("Demands", "Stressing the need for"),
    "recommend": ("Recommends", "Recognizing the need for"),
    "authorize": ("Authorizes", "Recognizing the need for"),
    "direct": ("Directs", "Recognizing the need for"),
    "instruct": ("Instructs", "Recognizing the need for"),
    "remind": ("Reminds", "Reminding"),
    "condemn": ("Condemns", "Condemning"),
    "denounce": ("Condemns", "Condemning"),
    "deplore": ("Deplores", "Deploring"),
    "regret": ("Regrets", "Regretting"),
    "welcome": ("Welcomes", "Welcoming"),
    "praise": ("Commends", "Commending"),
    "commend": ("Commends", "Commending"),
    "thank": ("Expresses its appreciation", "Expressing its appreciation"),
    "appreciate": ("Expresses its appreciation", "Appreciating"),
    "note": ("Takes note of", "Noting"),
    "take note": ("Takes note of", "Taking note of"),
    "acknowledge": ("Acknowledges", "Acknowledging"),
    "recognize": ("Recognizes", "Recognizing"),
    "recognise": ("Recognizes", "Recognizing"),
    "recall": ("Recalls", "Recalling"),
    "refer": ("Recalls", "Recalling"),
    "cite": ("Recalls", "Recalling"),
    "mention": ("Recalls", "Recalling"),
    "reaffirm": ("Reaffirms", "Reaffirming"),
    "affirm": ("Affirms", "Affirming"),
    "emphasize": ("Emphasizes", "Emphasizing"),
    "emphasise": ("Emphasizes", "Emphasizing"),
    "stress": ("Stresses", "Stressing"),
    "highlight": ("Emphasizes", "Emphasizing"),
    "underline": ("Underlines", "Underlining"),
    "support": ("Supports", "Supporting"),
    "endorse": ("Endorses", "Endorsing"),
    "back": ("Supports", "Supporting"),
    "decide": ("Decides", "Determined"),
    "resolve": ("Decides", "Determined"),
    "express concern": ("Expresses its concern", "Deeply concerned"),
    "express deep concern": ("Expresses its deep concern", "Deeply concerned"),
    "express alarm": ("Expresses its concern", "Alarmed"),
    "be concerned": ("Expresses its concern", "Concerned"),
    "worry": ("Expresses its concern", "Concerned"),
    "be alarmed": ("Expresses its concern", "Alarmed"),
    "be aware": ("Recognizes", "Aware"),
    "be mindful": ("Recognizes", "Mindful"),
    "be convinced": ("Affirms", "Convinced"),
    "believe": ("Affirms", "Believing"),
    "bear in mind": ("Recognizes", "Bearing in mind"),
    "keep in mind": ("Recognizes", "Bearing in mind"),
    "take into account": ("Recognizes", "Taking into account"),
}
# Adjectival stances written as "concerned about X", "alarmed by X" (no verb).
ADJECTIVES = {
    "concerned": ("Expresses its concern", "Concerned"),
    "deeply concerned": ("Expresses its deep concern", "Deeply concerned"),
    "gravely concerned": ("Expresses its grave concern", "Gravely concerned"),
    "worried": ("Expresses its concern", "Concerned"),
    "alarmed": ("Expresses its concern", "Alarmed"),
    "encouraged": ("Welcomes", "Encouraged"),
    "pleased": ("Welcomes", "Noting with satisfaction"),
    "aware": ("Recognizes", "Aware"),
    "mindful": ("Recognizes", "Mindful"),
    "convinced": ("Affirms", "Convinced"),
    "disturbed": ("Expresses its concern", "Disturbed"),
    "deeply worried": ("Expresses its deep concern", "Deeply concerned"),
    "gravely worried": ("Expresses its grave concern", "Gravely concerned"),
    "deeply alarmed": ("Expresses its deep concern", "Deeply alarmed"),
    "gravely alarmed": ("Expresses its grave concern", "Gravely alarmed"),
    "determined": ("Decides", "Determined"),
}
ADJECTIVE_PREPS = ("about", "by", "at", "over", "of", "with", "regarding")  # "that" stays
INTENSIFIERS = r"really|very|deeply|gravely|extremely|so|seriously|truly|particularly"
BODY = r"the\s+(?:general\s+assembly|security\s+council|council|assembly|committee)"

# Who a clause can address, as a delegate says it → as a resolution writes it.
ADDRESSEES: tuple[tuple[str, str], ...] = (
    (
        r"(?:the\s+)?(?:un\s+|united\s+nations\s+)?secretary[\s-]+general|(?:the\s+)?sg",
        "the Secretary-General",
    ),
    (r"(?:the\s+)?(?:un\s+)?secretariat", "the Secretariat"),
    (r"(?:the\s+)?(?:dg|director[\s-]+general)", "the Director-General"),
    (r"all\s+member\s+states|all\s+states|all\s+countries|all\s+nations", "all Member States"),
    (r"(?:the\s+)?member\s+states|(?:the\s+)?states|(?:the\s+)?countries|nations", "Member States"),
    (r"(?:the\s+)?states\s+parties", "States parties"),
    (r"(?:the\s+)?(?:national\s+)?governments", "Governments"),
    (r"(?:the\s+)?international\s+community", "the international community"),
    (r"(?:the\s+)?donors?(?:\s+(?:countries|states|community))?", "donors"),
    (r"(?:the\s+)?civil\s+society(?:\s+organi[sz]ations)?", "civil society organizations"),
    (r"(?:the\s+)?(?:ngos|non-?governmental\s+organi[sz]ations)", "non-governmental organizations"),
    (
        r"(?:the\s+)?(?:relevant\s+)?(?:un|united\s+nations)\s+(?:agencies|entities|bodies)",
        "the relevant United Nations entities",
    ),
    (r"(?:the\s+)?private\s+sector", "the private sector"),
    (r"(?:the\s+)?regional\s+organi[sz]ations", "regional organizations"),
    (r"(?:the\s+|all\s+)?parties(?:\s+to\s+the\s+conflict)?", "all parties"),
)
