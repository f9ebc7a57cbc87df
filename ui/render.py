"""Turning the assistant's results into what the page shows: choices, Markdown, rows.

Pure functions of their arguments (no Gradio import), so they are tested directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

CLEAN = "✓ No problems found: the draft is clean."
CORPUS_HEADERS = [
    "symbol",
    "committee",
    "topic",
    "preambulatory",
    "operative",
    "sub-clauses",
    "warnings",
    "file",
]


def citation_choices(citations: Sequence[Any]) -> list[tuple[str, str]]:
    """The answer's citations as chips: (label, clause ID)."""
    return [(c.id, c.id) for c in citations]


def clause_markdown(
    clause_id: str, record: tuple[str, dict[str, Any]] | None, subclauses: Sequence[str] = ()
) -> str:
    """A cited clause with its resolution, clause ID, sub-clauses and source lines."""
    if record is None:
        return f"`{clause_id}` is not in the index (was its file removed?)."
    text, meta = record
    text = "\n".join([text, *subclauses])
    resolution = meta.get("symbol") or clause_id.split(" ", 1)[0]
    about = " — ".join(str(v) for v in (meta.get("body"), meta.get("topic")) if v)
    start, end = meta.get("line_start", 0), meta.get("line_end", 0)
    lines = f"line {start}" if start == end else f"lines {start}–{end}"
    source = Path(str(meta.get("source", ""))).name or "unknown file"
    parts = [
        f"#### {clause_id}",
        "",
        f"Resolution **{resolution}**" + (f" ({about})" if about else ""),
        "",
        "> " + text.replace("\n", "\n> "),
        "",
        f"Source: `{source}`, {lines}",
    ]
    return "\n".join(parts)


def welcome_markdown(examples: Sequence[str]) -> str:
    """What an empty chat shows: what to ask, with examples."""
    lines = ["**Ask about the corpus or ask for a clause.** For example:", ""]
    return "\n".join([*lines, *(f"- {e}" for e in examples)])


def proposal_choices(
    proposals: Sequence[Any], inserted: Sequence[bool] = ()
) -> list[tuple[str, str]]:
    """Proposed clauses for "insert into draft": (short label, index); inserted ones marked."""
    out = []
    for i, p in enumerate(proposals):
        label = p.plain if len(p.plain) <= 140 else p.plain[:139] + "…"
        if p.unprecedented:
            label += "  [no precedent]"
        if i < len(inserted) and inserted[i]:
            label = "[inserted] " + label
        out.append((label, str(i)))
    return out


def diagnostic_key(diagnostic: Any) -> str:
    return f"{diagnostic.line}:{diagnostic.col}:{diagnostic.code}"


def diagnostic_choices(diagnostics: Sequence[Any]) -> list[tuple[str, str]]:
    """Lint results as a clickable list: (line, severity, code, message; key)."""
    out = []
    for d in diagnostics:
        fix = " (fix available)" if d.fix else ""
        label = f"line {d.line}:{d.col} {d.severity} {d.code}: {d.message}{fix}"
        out.append((label, diagnostic_key(d)))
    return out


def lint_summary(diagnostics: Sequence[Any]) -> str:
    if not diagnostics:
        return CLEAN
    fixable = sum(1 for d in diagnostics if d.fix)
    errors = sum(1 for d in diagnostics if d.severity == "error")
    return (
        f"**{len(diagnostics)} problem(s)** ({errors} error(s), {fixable} with a fix): "
        "choose one to jump to its line."
    )


def key_line(key: str | None) -> int | None:
    """The line number in a diagnostic key (``line:col:code``)."""
    head = (key or "").split(":", 1)[0]
    return int(head) if head.isdigit() else None


def line_context(text: str, line: int | None) -> str:
    """The draft line a diagnostic points at, with its neighbours."""
    lines = text.split("\n")
    if line is None or not 1 <= line <= len(lines):
        return ""
    out = []
    for n in range(max(1, line - 1), min(len(lines), line + 1) + 1):
        mark = "→" if n == line else " "
        out.append(f"{mark} {n:>3} | {lines[n - 1]}")
    return "```text\n" + "\n".join(out) + "\n```"


def corpus_rows(corpus: Any, manifest: dict[str, Any]) -> list[list[Any]]:
    """One row per indexed resolution, with clause counts and its warnings."""
    rows = []
    for res in sorted(corpus.resolutions, key=lambda r: r.symbol):
        subs = sum(len(c.walk()) - 1 for c in [*res.preambulatory, *res.operative])
        entry = manifest.get(res.symbol)
        source = Path(entry.source if entry else res.source).name
        rows.append(
            [
                res.symbol,
                res.body or "",
                res.topic or "",
                len(res.preambulatory),
                len(res.operative),
                subs,
                len(res.warnings),
                source,
            ]
        )
    return rows


def warnings_markdown(corpus: Any) -> str:
    """Every parse warning of the indexed resolutions, by resolution."""
    out = []
    for res in sorted(corpus.resolutions, key=lambda r: r.symbol):
        for w in res.warnings:
            start, end = w.lines
            where = f"line {start}" if start == end else f"lines {start}–{end}"
            out.append(f"- **{res.symbol}** `{Path(w.file).name}` {where} `{w.code}`: {w.message}")
    if not out:
        return "No parse warnings."
    return f"**{len(out)} parse warning(s)**\n\n" + "\n".join(out)


def sync_markdown(result: Any, rejected: Sequence[str], unchanged: Sequence[str] = ()) -> str:
    """What an upload did: added, replaced, removed, unchanged, skipped and failed files.

    Every resolution the store removed is named: nothing leaves the corpus silently."""
    out = []
    if result is not None:
        if result.added:
            out.append(f"Added: {', '.join(result.added)}.")
        if result.replaced:
            out.append(f"Replaced: {', '.join(result.replaced)}.")
        if result.removed:
            out.append(f"Removed from the corpus: {', '.join(result.removed)}.")
        if result.unchanged_files:
            out.append(f"{len(result.unchanged_files)} file(s) unchanged.")
    out += [f"ℹ {u}" for u in unchanged]
    if result is not None:
        out += [f"⚠ {w}" for w in result.warnings]
        out += [f"✗ {e}" for e in result.errors]
    out += [f"✗ {r}" for r in rejected]
    return "\n\n".join(out) or "Nothing to index."


def clause_choices(res: Any) -> list[tuple[str, str]]:
    """The draft's clauses to move: (section, position and opening words; ``pre:N``/``op:N``)."""
    if res is None:
        return []
    out = []
    for i, c in enumerate(res.preambulatory, 1):
        out.append((f"Preamble {i}: {_short(c.text)}", f"pre:{i}"))
    for i, c in enumerate(res.operative, 1):
        out.append((f"Operative {i}: {_short(c.text)}", f"op:{i}"))
    return out


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def header_lists(
    sponsors: tuple[list[str], list[str]], signatories: tuple[list[str], list[str]]
) -> str:
    """Sponsors and signatories as lists, names given twice and names in both flagged."""
    out = []
    for title, (names, twice) in (("Sponsors", sponsors), ("Signatories", signatories)):
        if names:
            out.append(f"**{title} ({len(names)}):** " + " · ".join(names))
        if twice:
            out.append(f"⚠ Listed twice in {title.lower()}: {', '.join(twice)} (kept once).")
    both = {n.casefold() for n in sponsors[0]} & {n.casefold() for n in signatories[0]}
    if both:
        named = [n for n in sponsors[0] if n.casefold() in both]
        out.append(f"⚠ Both sponsor and signatory: {', '.join(named)}.")
    return "\n\n".join(out) or "Separate names with commas: `France, Chad, Peru`."


def code_help(diagnostics: Sequence[Any], rules: dict[str, Any]) -> str:
    """What each lint code in ``diagnostics`` checks (from the rule table), once each."""
    codes = sorted({d.code for d in diagnostics})
    if not codes:
        return ""
    lines = ["**What the codes mean**", ""]
    for code in codes:
        rule = rules.get(code)
        about = rule.summary if rule else "see docs/lint-rules.md"
        fix = " — *Apply fix* repairs it" if rule is not None and rule.fixable else ""
        lines.append(f"- `{code}`: {about}{fix}")
    return "\n".join(lines)


def profile_choices(profiles: dict[str, str]) -> list[tuple[str, str]]:
    """Style profiles as (name — what it checks, name); "auto" first."""
    out = [("auto — chosen from the draft's own style", "auto")]
    out += [(f"{name} — {about}" if about else name, name) for name, about in profiles.items()]
    return out
