"""Leading-phrase rules (CW101–CW106).

Preambulatory clauses open with a preambulatory phrase (a participle or adjective:
"Recalling", "Deeply concerned"), operative clauses with a present-tense verb phrase
("Encourages", "Further requests"). The lexicon (``index/data/phrases.toml`` plus the
profile's and the user's phrases) decides, longest match first, with modifiers.
"""

from __future__ import annotations

import re

from assistant.lint.context import Context, edit, top_clauses
from assistant.lint.source import Head, Span
from index.clause_tree import Clause
from index.parsing.frames import complement_problem
from index.parsing.lexicon import Lexicon, PhraseMatch

_KIND_NAME = {"preambulatory": "preambulatory", "operative": "operative"}
# A comma after the phrase is fine when it opens a short aside closed by another comma:
# "Recalling, in this regard, its resolution …", "Decides, inter alia, to …".
_ASIDE = re.compile(
    r",\s*(?:in|inter alia|also|moreover|further|furthermore|however|therefore|among others"
    r"|with|at|as|once again|again|accordingly|notably|especially|by|on|for|within|under"
    r"|through|to that end|to this end)\b[^,;:]{0,80},\s*\S",
    re.I,
)


def check_phrases(ctx: Context) -> None:
    """Report clauses whose leading phrase is unknown, of the wrong kind or mis-punctuated."""
    for clause in top_clauses(ctx.res):
        head = ctx.head(clause)
        found = ctx.phrase(clause)
        at = head.phrase or _word_span(ctx, head)
        if found is None:
            _unknown(ctx, clause, head, at)
            continue
        if found.kind != clause.kind:
            _wrong_kind(ctx, clause, found, at)
        else:
            _capitals(ctx, clause, found, at)
            _complement(ctx, clause, found, at)
        _comma(ctx, clause, found, head)


def counterpart(lexicon: Lexicon, written: str, kind: str) -> str | None:
    """The known phrase of ``kind`` a phrase of the other kind turns into.

    ``Highlights`` → ``Highlighting``, ``Acknowledges with appreciation`` →
    ``Acknowledging with appreciation``, ``Recalling`` → ``Recalls``.
    """
    words = written.split()
    for i, word in enumerate(words):
        for candidate in _forms(word, kind):
            phrase = " ".join([*words[:i], candidate, *words[i + 1 :]])
            if lexicon.kind_of(phrase) == kind:
                return phrase
    return None


def _forms(word: str, kind: str) -> list[str]:
    low = word.lower()
    if kind == "preambulatory" and low.endswith("s"):
        stems = [word[:-2], word[:-1]] if low.endswith("es") else [word[:-1]]
        return [f"{s}ing" for s in stems if s]
    if kind == "operative" and low.endswith("ing"):
        stem = word[:-3]
        return [f"{stem}s", f"{stem}es", f"{stem}{stem[-1:]}s"] if stem else []
    return []


def _word_span(ctx: Context, head: Head) -> Span:
    raw = ctx.source.text(head.start.line)
    pos = head.start.col - 1
    for part in (head.number, head.label, head.open_marker):
        if part is not None:
            pos = part.end_col - 1
    pos += len(raw[pos:]) - len(raw[pos:].lstrip())
    m = re.match(r"[\w'’\-]+", raw[pos:])
    return Span(head.start.line, pos + 1, pos + 1 + (m.end() if m else 0))


def _unknown(ctx: Context, clause: Clause, head: Head, at: Span) -> None:
    written = _written_lead(ctx, clause, head)
    kind = clause.kind
    first = written.split()[0] if written else ""
    if kind == "operative" and first.lower().endswith("ing"):
        ctx.report(
            "CW102",
            at,
            f"participle {first!r} opens an operative clause; operative "
            "clauses open with a present-tense verb such as 'Encourages'",
            clause,
        )
        return
    near: list[str] = []
    for probe in (written, first):
        for hit in ctx.lexicon.nearest(probe, kind, n=3):  # type: ignore[arg-type]
            if hit not in near:
                near.append(hit)
    hint = (
        f"nearest known: {', '.join(repr(p) for p in near[:3])}"
        if near
        else "no known phrase is close; add it to a phrase list if it is right"
    )
    ctx.report("CW103", at, f"unknown {_KIND_NAME[kind]} phrase {written!r}; {hint}", clause)


def _written_lead(ctx: Context, clause: Clause, head: Head) -> str:
    """What the writer meant as the phrase: the emphasised span, else the first word."""
    if head.open_marker and head.close_marker and head.close_marker.line == head.start.line:
        raw = ctx.source.text(head.start.line)
        inner = raw[head.open_marker.end_col - 1 : head.close_marker.col - 1].strip(" ,")
        if inner and len(inner.split()) <= 5:
            return inner
    words = clause.text.split()
    return words[0].strip(",;:.") if words else ""


def _wrong_kind(ctx: Context, clause: Clause, found: PhraseMatch, at: Span) -> None:
    other = counterpart(ctx.lexicon, found.written, clause.kind)
    article = "an" if clause.kind == "operative" else "a"
    hint = f"; use {article} {clause.kind} form such as {other!r}" if other else ""
    if clause.kind == "preambulatory":
        message = f"operative phrase {found.written!r} in the preamble{hint}"
        ctx.report("CW101", at, message, clause)
    else:
        message = f"preambulatory phrase {found.written!r} opens an operative clause{hint}"
        ctx.report("CW102", at, message, clause)


def _capitals(ctx: Context, clause: Clause, found: PhraseMatch, at: Span) -> None:
    words = found.written.split()
    upper = [w for w in words[1:] if w[:1].isupper() and not w.isupper()]
    if upper and not words[0].isupper():
        fixed = " ".join([words[0], *(w.lower() if w in upper else w for w in words[1:])])
        ctx.report(
            "CW105",
            at,
            f"{found.written!r} capitalises {', '.join(upper)}; write {fixed!r}",
            clause,
        )


def _complement(ctx: Context, clause: Clause, found: PhraseMatch, at: Span) -> None:
    """CW106: the phrase's frame ('Calls upon' + addressee + to-infinitive, …)."""
    if clause.subclauses:  # a chapeau ("Urges Member States:") continues in its sub-clauses
        return
    frame = ctx.frames.frame(found.canonical, clause.kind)  # type: ignore[arg-type]
    body = clause.text[found.end :].strip().lstrip(",").strip()
    problem = complement_problem(frame, body)
    if problem:
        ctx.report("CW106", at, problem, clause)


def _comma(ctx: Context, clause: Clause, found: PhraseMatch, head: Head) -> None:
    rest = clause.text[found.end :]
    if not rest.startswith(",") or _ASIDE.match(rest):
        return
    fix = None
    if head.comma is not None:
        raw = ctx.source.text(head.comma.line)
        nxt = raw[head.comma.end_col - 1 : head.comma.end_col]
        fix = [edit(head.comma, "" if nxt.isspace() or not nxt else " ")]
    at = head.comma or head.phrase or head.start
    ctx.report(
        "CW104", at, f"comma straight after the leading phrase {found.written!r}", clause, fix
    )
