"""Step 3 — frame: the clause intent put into a leading phrase and its complement.

Code, not the model, decides the structure: which phrase leads, who is addressed, and
how the request's action or object follows the phrase's frame (``index/data/frames.toml``).
Each :class:`Skeleton` is a complete, grammatical clause body; the generate step may
rank them with the model and may let it add to the best one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.drafting.understand import ClauseIntent
from assistant.drafting.wording import gerund_phrase, is_base_verb, sentence_case
from index.parsing.frames import Frame, FrameBook
from index.parsing.lexicon import Lexicon

# Phrases offered when neither the request nor the precedent names one, by complement.
_TO_PHRASES = ("Calls upon", "Encourages", "Urges")
_OBJECT_PHRASES_OP = ("Supports", "Calls for", "Welcomes")
_THAT_PHRASES_OP = (
    "Notes",
    "Recognizes",
    "Emphasizes",
)  # for a that-clause: never "Takes note of that"
_PREPOSITION_END = re.compile(r"\b(?:of|for|to|by|on|about|at|with|upon)$", re.I)
_PRE_NEUTRAL = ("Recognizing", "Noting", "Bearing in mind")
_PRE_CONCERN = ("Deeply concerned", "Noting with concern", "Alarmed")
_CONCERN_WORDS = re.compile(
    r"\b(?:traffick\w*|violen\w*|abuse\w*|exploit\w*|bondage|forced|lack\w*|crisis|crises|"
    r"conflict\w*|death\w*|discriminat\w*|corrupt\w*|impunity|threat\w*|smuggl\w*|"
    r"poverty|hunger|famine|displace\w*|attack\w*|risk\w*|shortage\w*|barrier\w*|"
    r"insecurity|harass\w*|torture|slavery|detention|kill\w*|casualt\w*|declin\w*|"
    r"rise|rising|increase in|gaps?)\b",
    re.I,
)
# How a noun phrase that can stand after "Requests"/"Urges" opens ("Requests a report …").
_DETERMINED = ("that ", "the ", "a ", "an ", "more ", "further ", "additional ", "increased ")
_THAT = re.compile(r"that\b", re.I)  # a that-clause: "that …", "that, as …, …"
# Phrases that take a that-clause only as "the fact that …" in resolutions.
_WELCOME = re.compile(r"(?:(?:Further|Also|Warmly)\s+)?Welcom(?:es|ing)$", re.I)
# Light verbs that put a noun phrase under a to-infinitive phrase ("… to support X").
LIGHT_VERBS = ("support", "strengthen", "establish", "provide", "promote", "ensure")


@dataclass(frozen=True)
class Skeleton:
    """One way to write the clause: its phrase and body, built by code."""

    phrase: str
    body: str
    how: str  # which rule built it, for reports: "addressee+to", "object", "light verb"…


class Framer:
    """Builds skeleton clauses for an intent from the phrase frames."""

    def __init__(self, lexicon: Lexicon, frames: FrameBook) -> None:
        self.lexicon = lexicon
        self.frames = frames

    def skeletons(
        self,
        intent: ClauseIntent,
        precedent_phrases: Sequence[str] = (),
        precedent_texts: Sequence[str] = (),
        organ: str = "General Assembly",
        limit: int = 4,
    ) -> list[Skeleton]:
        """Skeletons best first: the request's own stance, then the precedent's phrases."""
        if intent.remain_seized:
            return [Skeleton("Decides", "to remain seized of the matter", "formula R11")]
        if intent.formula:
            return [Skeleton(intent.stance or "Decides", intent.formula, "formula R13")]
        out: list[Skeleton] = []
        for phrase, lead in self._phrases(intent, precedent_phrases):
            frame = self.frames.frame(phrase, intent.kind)
            for skeleton in self._realise(intent, phrase, lead, frame, precedent_texts, organ):
                if skeleton.body and skeleton not in out:
                    out.append(skeleton)
            if len(out) >= limit * 2:
                break
        return out[: max(limit, 1) * 2]

    # -- phrase choice -------------------------------------------------------------------

    def _phrases(
        self, intent: ClauseIntent, precedent_phrases: Sequence[str]
    ) -> list[tuple[str, str]]:
        """(phrase, words that open its complement) in order of preference."""
        kind = intent.kind
        out: list[tuple[str, str]] = []
        if intent.stance:
            found = self.lexicon.match(intent.stance, kind)
            lead = intent.stance[found.end :].strip() if found else ""
            if not found or lead.lower().startswith("with "):  # "Noting with alarm"
                out.append((intent.stance, ""))
            else:  # as the lexicon writes it, keeping the user's modifiers ("Further …")
                written = found.written if found.modifiers else found.canonical
                out.append((sentence_case(written), lead))
            return unique_phrases(out)  # the request chose: other phrases could change its meaning
        fits = self._fits(intent)
        counted = Counter(
            sentence_case(p) for p in precedent_phrases if p and self.lexicon.kind_of(p) == kind
        )
        that_clause = _is_that_clause(intent)
        for phrase, _ in counted.most_common():
            frame = self.frames.frame(phrase, kind)
            if (
                frame.name in fits
                and not (that_clause and _PREPOSITION_END.search(phrase))
                # an operative phrase the frame book does not list ("Intends") is only
                # guessed to take an object: not offered on a precedent's word alone
                and not (kind == "operative" and frame.source == "form")
            ):
                out.append((phrase, ""))
        for phrase in self._defaults(intent):
            out.append((phrase, ""))
        return unique_phrases(out)

    @staticmethod
    def _fits(intent: ClauseIntent) -> set[str]:
        if intent.kind == "operative":
            if intent.addressee or intent.verbal:
                return {"addressee_to", "to_or_that"}
            return {"object"}
        return {"object", "after"}

    @staticmethod
    def _defaults(intent: ClauseIntent) -> tuple[str, ...]:
        if intent.kind == "operative":
            if intent.addressee or intent.verbal:
                return _TO_PHRASES
            return _THAT_PHRASES_OP if _is_that_clause(intent) else _OBJECT_PHRASES_OP + _TO_PHRASES
        text = intent.object or intent.action or intent.content
        return _PRE_CONCERN if _CONCERN_WORDS.search(text) else _PRE_NEUTRAL

    # -- realisation -----------------------------------------------------------------------

    def _realise(
        self,
        intent: ClauseIntent,
        phrase: str,
        lead: str,
        frame: Frame,
        precedent_texts: Sequence[str],
        organ: str,
    ) -> list[Skeleton]:
        if lead:  # "Recognizing the need for" + object
            return [Skeleton(phrase, _join(lead, self._nominal(intent, "for" in lead)), "lead")]
        if frame.name == "addressee_to":
            obj = (intent.object or "").lower()
            if (
                frame.or_object
                and not (intent.action or intent.addressee)
                and obj.startswith(_DETERMINED)
            ):  # "Demands that …", "Requests a report …", "Urges the adoption of …"
                return self._object(intent, phrase, frame)
            return self._addressee_to(intent, phrase, frame, precedent_texts, organ)
        if frame.name == "to_or_that" and not intent.action and intent.object:
            obj = intent.object
            that = obj if _THAT.match(obj) else f"that {obj}"
            return [Skeleton(phrase, that, "that-clause")]  # "Decides that … shall …"
        if frame.name in ("to_or_that", "to"):
            return [
                Skeleton(phrase, _join("to", a), frame.name)
                for a in self._actions(intent, precedent_texts)
            ]
        if frame.name == "complete":
            return [Skeleton(phrase, "", "complete")] if intent.remain_seized else []
        return self._object(intent, phrase, frame)

    def _addressee_to(
        self,
        intent: ClauseIntent,
        phrase: str,
        frame: Frame,
        precedent_texts: Sequence[str],
        organ: str,
    ) -> list[Skeleton]:
        addressee = intent.addressee or frame.addressee or "Member States"
        if phrase.lower().startswith("appeals") and not addressee.startswith("to "):
            addressee = "to " + addressee
        report = _report(intent, addressee, organ)
        if report:
            return [Skeleton(phrase, f"{addressee} {report}", "formula R12")]
        if organ == "General Assembly" and addressee == "the Security Council" and intent.action:
            # Charter Arts. 10-11: the Assembly makes recommendations to the Council
            action = gerund_phrase(intent.action + (f" {intent.when}" if intent.when else ""))
            body = f"that the Security Council consider {action}"
            return [Skeleton("Recommends", body, "recommendation to the Council")]
        out = []
        for action in self._actions(intent, precedent_texts):
            verb = f"to refrain from {gerund_phrase(action)}" if intent.negated else f"to {action}"
            out.append(Skeleton(phrase, f"{addressee} {verb}", "addressee+to"))
        return out

    def _actions(self, intent: ClauseIntent, precedent_texts: Sequence[str]) -> list[str]:
        """Verb phrases for a to-infinitive: the request's own, or a light verb + object."""
        when = f" {intent.when}" if intent.when else ""
        if intent.action:
            return [intent.action + when]
        obj = intent.object or intent.content
        own = {w.lower() for w in re.findall(r"[A-Za-z]+", obj)}
        verbs = [
            v
            for v in dict.fromkeys([*collocated_verbs(obj, precedent_texts), *LIGHT_VERBS])
            if v not in own  # not "to support reintegration support"
        ]
        return [f"{v} {obj}{when}" for v in verbs[:4]]

    def _object(self, intent: ClauseIntent, phrase: str, frame: Frame) -> list[Skeleton]:
        nominal = self._nominal(intent)
        said = re.match(r"(about|by|at|over|of|regarding|on|with|that|to)\s+", nominal, re.I)
        if said and frame.name != "after" and said.group(1).lower() == "that":
            said = None  # "Welcomes that …", "Noting with concern that …": a that-clause
        if said:  # the request's own preposition: kept if the frame takes it
            nominal = nominal[said.end() :]
        if frame.name == "after":
            preps = [p for p in frame.after if p != "that"] or list(frame.after)
            own = said.group(1).lower() if said else ""
            prep = own if own in frame.after else _preferred_preposition(preps, nominal)
            if prep == "to" and intent.action:
                return [Skeleton(phrase, _join("to", intent.action), "after to")]
            return [Skeleton(phrase, _join(prep, nominal), f"after {prep}")]
        if (_WELCOME.match(phrase) or _PREPOSITION_END.search(phrase)) and _THAT.match(nominal):
            # "Welcoming the fact that …", "Takes note of the fact that …"
            nominal = "the fact " + nominal
        return [Skeleton(phrase, nominal, "object")]

    @staticmethod
    def _nominal(intent: ClauseIntent, after_for: bool = False) -> str:
        """The request as a noun phrase: its object, or 'efforts to' + its action."""
        if intent.action:
            action = intent.action + (f" {intent.when}" if intent.when else "")
            if after_for:
                return gerund_phrase(action)
            return f"efforts to {action}" if not intent.negated else f"efforts not to {action}"
        obj = intent.object or intent.content
        return obj + (f" {intent.when}" if intent.when else "")


def unique_phrases(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: set[str] = set()
    out = []
    for phrase, lead in pairs:
        if phrase.lower() not in seen:
            seen.add(phrase.lower())
            out.append((phrase, lead))
    return out


def _join(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


def _preferred_preposition(preps: Sequence[str], nominal: str) -> str:
    if "by" in preps:
        return "by"
    if "of" in preps:
        return "of"
    return preps[0] if preps else "that"


def _report(intent: ClauseIntent, addressee: str, organ: str) -> str | None:
    """R12: 'to report to the General Assembly at its next session on …'."""
    action = intent.action or ""
    if addressee != "the Secretary-General" or not re.match(r"report\b", action):
        return None
    rest = re.sub(r"^report\s*(?:back\s*)?", "", action).strip()
    named = re.match(r"to\s+the\s+((?:[A-Z][\w-]*\s*)+)", rest)
    if named:  # "report back to the Security Council": that organ, not the draft's
        organ = named.group(1).strip()
        rest = rest[named.end() :].strip()
    rest = re.sub(r"^(?:on|about|regarding)\s+", "", rest)
    about = rest or "the implementation of the present resolution"
    when = intent.when or "at its next session"
    return f"to report to the {organ} {when} on {about}"


def collocated_verbs(obj: str, texts: Sequence[str]) -> list[str]:
    """Verbs that precede the object's head noun in precedent ('to establish … shelters')."""
    words = re.findall(r"[a-z]+", obj.lower())
    if not words:
        return []
    head = words[0] if len(words) == 1 else max(words[:3], key=len)
    found: Counter[str] = Counter()
    for text in texts:
        for m in re.finditer(
            rf"\bto\s+([a-z]+)\s+(?:[a-z-]+\s+){{0,3}}{re.escape(head[:6])}", text.lower()
        ):
            found[m.group(1)] += 1
    return [v for v, _ in found.most_common() if is_base_verb(v)]


def organ_of(opening: str) -> str:
    """'The General Assembly,' → 'General Assembly' (the body a report goes to)."""
    m = re.match(r"\s*[*_]*The\s+(.+?)[*_]*,?\s*$", opening or "")
    return m.group(1).strip(" ,*_") if m else "General Assembly"


def _is_that_clause(intent: ClauseIntent) -> bool:
    return bool(intent.object and _THAT.match(intent.object))
