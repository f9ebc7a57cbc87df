"""Checking one proposed clause on its own, as the drafting chain does with model output.

``lint_clause_text("9. *Urges* Member States to …;", "operative", number=9)`` runs the
clause rules on that text as if it stood in a resolution at that place: its kind is the
one given, its number is checked against ``number`` and its closing mark against
``is_last``. Locations and fixes refer to the clause text itself.
"""

from __future__ import annotations

import logging

from assistant.lint.diagnostic import Diagnostic
from assistant.lint.linter import Linter
from assistant.lint.profile import Profile
from index.clause_tree import Clause, Resolution
from index.errors import InputError
from index.parsing.lexicon import Lexicon

log = logging.getLogger(__name__)

SOURCE = "<clause>"


def lint_clause_text(
    text: str,
    kind: str = "operative",
    number: int | None = None,
    is_last: bool = False,
    profile: Profile | str = "nmun",
    lexicon: Lexicon | None = None,
    linter: Linter | None = None,
) -> list[Diagnostic]:
    """Diagnostics for one clause (with any sub-clauses) written as ``text``.

    ``number`` is the operative number the clause should carry (None: not checked);
    ``is_last`` says whether it closes the resolution (then it ends with a period).
    """
    if kind not in ("preambulatory", "operative"):
        raise ValueError(f"kind must be 'preambulatory' or 'operative', not {kind!r}")
    linter = linter or Linter(profile, lexicon)
    chosen = linter.profile or linter.store.get("nmun")
    lines = text.replace("\r\n", "\n").split("\n")
    res = _as_resolution(linter, lines, kind)
    if res is None:
        return [_no_clause(text)]
    ctx = linter.context(res, lines, chosen, SOURCE)
    ctx.first_number = number if number is not None else 1
    ctx.final_operative = is_last
    linter.run_clause_rules(ctx)
    out = ctx.diagnostics
    if kind == "operative" and number is None:
        out = [d for d in out if d.code not in ("CW301", "CW302", "CW305")]
    return sorted(out, key=Diagnostic.sort_key)


def _as_resolution(linter: Linter, lines: list[str], kind: str) -> Resolution | None:
    """The text parsed as a resolution holding just this clause, of the given kind."""
    try:
        parsed = linter.parser().parse_lines(lines, SOURCE)
    except InputError as exc:
        log.debug("clause text not parsed: %s", exc)
        return None
    top: list[Clause] = [c for r in parsed for c in (*r.preambulatory, *r.operative)]
    if not top:
        return None
    for clause in top:
        if kind == "operative" and clause.number is None:
            clause.numbered = False
        clause.kind = kind  # type: ignore[assignment]
    res = parsed[0]
    res.preambulatory, res.operative = (top, []) if kind == "preambulatory" else ([], top)
    res.warnings = []
    return res


def _no_clause(text: str) -> Diagnostic:
    first = text.strip().split("\n", 1)[0][:60]
    return Diagnostic(
        SOURCE,
        1,
        1,
        "CW103",
        "warning",
        f"no clause found: {first!r} opens with no known leading phrase",
        clause=None,
        end_line=1,
        end_col=1,
    )
