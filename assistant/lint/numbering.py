"""Numbering rules (CW301–CW305): operative numbers and sub-clause labels.

Operative clauses are numbered 1…n without gaps or repeats (a heading may restart the
count at 1). The fix renumbers them in order and rewrites internal references. Sub-clause
labels follow the profile's sequence by depth (``(a)`` → ``(i)`` → ``a.`` → ``i.`` for
``un``); where the profile names none, each list follows its own first label.
"""

from __future__ import annotations

from assistant.lint.context import Context, edit, top_clauses
from assistant.lint.diagnostic import TextEdit
from assistant.lint.profile import LabelStep
from assistant.lint.references import renumber_references
from index.clause_tree import Clause
from index.parsing.labels import Label, render


def expected_numbers(ops: list[Clause], first: int = 1) -> list[int]:
    """The number each operative clause should carry (restarting at a heading's 1.)."""
    out: list[int] = []
    n = first - 1
    for clause in ops:
        if clause.heading and clause.numbered and clause.number == 1:
            n = 0
        n += 1
        out.append(n)
    return out


def check_operative_numbers(ctx: Context) -> None:
    """Report gaps, repeats and missing numbers among operative clauses."""
    ops = ctx.res.operative
    if not ops or (ctx.profile.numbering == "consistent" and not any(c.numbered for c in ops)):
        return
    want = expected_numbers(ops, ctx.first_number)
    wrong = [(c, n) for c, n in zip(ops, want, strict=True) if c.numbered and c.number != n]
    missing = [(c, n) for c, n in zip(ops, want, strict=True) if not c.numbered]
    edits: list[TextEdit] = []
    for clause, n in wrong:
        span = ctx.head(clause).number
        if span is not None:
            edits.append(edit(span, f"{n}."))
    inserts = {id(c): edit(ctx.head(c).start, f"{n}. ") for c, n in missing}
    edits.extend(inserts.values())
    if wrong:
        edits.extend(_references(ctx, ops, want))
    for clause, n in wrong:
        at = ctx.head(clause).number or ctx.head(clause).start
        ctx.report(
            "CW301",
            at,
            f"operative clause numbered {clause.number} where {n} was "
            "expected; the fix renumbers all operative clauses",
            clause,
            list(edits),
        )
    for clause, n in missing:
        ctx.report(
            "CW302",
            ctx.head(clause).start,
            f"operative clause has no number; number it {n}.",
            clause,
            [inserts[id(clause)]],
        )


def _references(ctx: Context, ops: list[Clause], want: list[int]) -> list[TextEdit]:
    mapping: dict[int, list[int]] = {}
    for clause, n in zip(ops, want, strict=True):
        if clause.numbered and clause.number is not None:
            mapping.setdefault(clause.number, []).append(n)
    clauses = ctx.res.clauses()
    first = min(c.lines[0] for c in clauses)
    last = max([ctx.res.lines[1], *(c.lines[1] for c in clauses)])
    result = renumber_references(ctx.source.lines, first, last, mapping)
    for span, message in result.problems:
        ctx.report("CW305", span, message)
    return result.edits


def check_labels(ctx: Context) -> None:
    """Report sub-clause labels out of sequence or not in the profile's form."""
    for clause in top_clauses(ctx.res):
        _labels(ctx, clause, 1)


def _labels(ctx: Context, parent: Clause, depth: int) -> None:
    subs = parent.subclauses
    if not subs:
        return
    step = ctx.profile.label_step(depth)
    template = step or _own_step(subs[0])
    for i, sub in enumerate(subs, start=1):
        want = template.label(i)
        actual = render(sub.label or "", sub.label_style or "dot")  # type: ignore[arg-type]
        if actual != want:
            span = ctx.head(sub).label
            fix = [edit(span, want)] if span is not None else None
            at = span or ctx.head(sub).start
            if step is not None and not _same_style(sub, step, i):
                ctx.report(
                    "CW304",
                    at,
                    f"sub-clause label {actual!r} where the "
                    f"{ctx.profile.name} profile uses {want!r} at depth {depth}",
                    sub,
                    fix,
                )
            else:
                ctx.report(
                    "CW303",
                    at,
                    f"sub-clause label {actual!r} out of sequence; expected {want!r}",
                    sub,
                    fix,
                )
        _labels(ctx, sub, depth + 1)


def _readings(sub: Clause) -> list[tuple[str, int]]:
    return list(Label(sub.label or "", sub.label_style or "dot", 0).readings())  # type: ignore[arg-type]


def _same_style(sub: Clause, step: LabelStep, index: int) -> bool:
    """Whether a label has the step's form and kind (then only its position is wrong)."""
    if sub.label_style != step.form:
        return False
    readings = _readings(sub)
    if (step.kind, index) in readings:
        return True
    if any(kind != step.kind and n == index for kind, n in readings):
        return False
    return any(kind == step.kind for kind, _ in readings)


def _own_step(first: Clause) -> LabelStep:
    """The label sequence a list sets with its first label (``i.`` → roman, dot)."""
    readings = _readings(first)
    kind = next((k for k, n in readings if n == 1), readings[0][0] if readings else "alpha")
    return LabelStep(first.label_style or "dot", kind)  # type: ignore[arg-type]
