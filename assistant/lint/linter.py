"""The format validator: every rule over a parsed resolution and its source lines.

``Linter(profile, lexicon)`` checks resolutions against one style profile, or against
the profile each document looks written for (``profile=None``). It works on the clause
tree of ``index.parsing.parser`` and re-reads the source lines for exact locations and fixes.
"""

from __future__ import annotations

import copy
import logging
from pathlib import Path

from assistant.lint.context import Context
from assistant.lint.diagnostic import Diagnostic
from assistant.lint.emphasis import check_emphasis
from assistant.lint.fixes import apply_fixes
from assistant.lint.header import check_header
from assistant.lint.numbering import check_labels, check_operative_numbers
from assistant.lint.phrases import check_phrases
from assistant.lint.profile import Profile, ProfileStore, infer_profile_name
from assistant.lint.punctuation import check_punctuation
from assistant.lint.runon import check_run_together
from assistant.lint.source import SourceMap, Span
from assistant.lint.substance import check_substance
from index.clause_tree import Resolution
from index.parsing.frames import FrameBook
from index.parsing.lexicon import Lexicon
from index.parsing.parser import Parser
from index.parsing.source_files import read_source
from index.search.acronyms import AcronymTable

log = logging.getLogger(__name__)

CLAUSE_RULES = (
    check_phrases,
    check_punctuation,
    check_run_together,
    check_operative_numbers,
    check_labels,
    check_emphasis,
)


class Linter:
    """Checks resolutions against a style profile and reports diagnostics with fixes."""

    def __init__(
        self,
        profile: Profile | str | None = None,
        lexicon: Lexicon | None = None,
        store: ProfileStore | None = None,
        frames: FrameBook | None = None,
        acronyms: AcronymTable | None = None,
        substance: bool | None = None,
    ) -> None:
        self.store = store or ProfileStore()
        self._acronyms = acronyms
        # the 6xx rules (assistant.lint.substance): None runs them when the profile says so
        self.substance = substance
        self.frames = frames or FrameBook.default()
        self.profile = self.store.get(profile) if isinstance(profile, str) else profile
        self.base_lexicon = lexicon or Lexicon.default()
        self._lexicons: dict[str, Lexicon] = {}
        self._inferred: dict[str, Profile] = {}

    # -- profiles and lexicons -------------------------------------------------

    def lexicon_for(self, profile: Profile | None) -> Lexicon:
        """The lexicon with the profile's extra phrases added."""
        if profile is None or not profile.phrases:
            return self.base_lexicon
        if profile.name not in self._lexicons:
            lexicon = copy.deepcopy(self.base_lexicon)
            for kind, phrases in profile.phrases.items():
                for phrase, source in phrases.items():
                    lexicon.add(phrase, kind, f"{source} ({profile.origin})")  # type: ignore[arg-type]
            self._lexicons[profile.name] = lexicon
        return self._lexicons[profile.name]

    def profile_for(self, res: Resolution) -> Profile:
        """The profile set on the linter, else the one the resolution looks written for."""
        if self.profile is not None:
            return self.profile
        name = infer_profile_name(res)
        if name not in self._inferred:
            self._inferred[name] = self.store.get(name)
        return self._inferred[name]

    def acronyms(self) -> AcronymTable:
        """The long forms the acronym rules offer (built-in ones unless given)."""
        if self._acronyms is None:
            self._acronyms = AcronymTable.builtin()
        return self._acronyms

    def parser(self) -> Parser:
        return Parser(self.lexicon_for(self.profile))

    # -- linting ---------------------------------------------------------------

    def lint_resolution(
        self, res: Resolution, source_lines: list[str], file: str | None = None
    ) -> list[Diagnostic]:
        """Diagnostics for one parsed resolution; ``source_lines`` are its file's lines."""
        profile = self.profile_for(res)
        ctx = self.context(res, source_lines, profile, file)
        check_header(ctx)
        self.run_clause_rules(ctx)
        if profile.substance if self.substance is None else self.substance:
            check_substance(ctx, self.acronyms())
        return sorted(ctx.diagnostics, key=Diagnostic.sort_key)

    def context(
        self, res: Resolution, source_lines: list[str], profile: Profile, file: str | None = None
    ) -> Context:
        log.debug("linting %s with profile %s", res.symbol, profile.name)
        return Context(
            file or res.source,
            res,
            SourceMap(source_lines, res),
            profile,
            self.lexicon_for(profile),
            self.frames,
        )

    def run_clause_rules(self, ctx: Context) -> None:
        """Every rule that looks at clauses (all but the header rules)."""
        for check in CLAUSE_RULES:
            check(ctx)
        for warning in ctx.res.warnings:
            if warning.code == "W001":
                ctx.report("CW901", Span(warning.lines[0], 1, 1), warning.message)

    def lint_lines(self, lines: list[str], source: str) -> list[Diagnostic]:
        """Parse source lines (one file's) and check every resolution in them."""
        out: list[Diagnostic] = []
        for res in self.parser().parse_lines(lines, source):
            out.extend(self.lint_resolution(res, lines, source))
        return out

    def lint_text(self, text: str, source: str = "<text>") -> list[Diagnostic]:
        """Check resolution text (one or more resolutions)."""
        return self.lint_lines(text.replace("\r\n", "\n").split("\n"), source)

    def lint_file(self, path: str | Path, encoding: str | None = None) -> list[Diagnostic]:
        """Check a resolution file (.txt, .md, .pdf, .docx)."""
        src = read_source(path, encoding=encoding)
        return self.lint_lines(src.lines, src.path)

    def fix_text(
        self, text: str, source: str = "<text>", max_passes: int = 4
    ) -> tuple[str, list[Diagnostic]]:
        """The text with every available fix applied, and the diagnostics that remain.

        One pass fixes everything the diagnostics of the text carry. A clause that ran
        into the next for want of a mark is only seen on its own after that mark is
        added, so passes repeat (up to ``max_passes``) while fixable issues remain.
        """
        diagnostics = self.lint_text(text, source)
        for _ in range(max_passes):
            if not any(d.fix for d in diagnostics):
                break
            fixed = apply_fixes(text, diagnostics)
            if fixed == text:
                break
            text = fixed
            diagnostics = self.lint_text(text, source)
        return text, diagnostics
