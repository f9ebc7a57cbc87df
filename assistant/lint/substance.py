"""The substance rules (6xx): what a chair or the Secretariat would flag beyond format.

Run over a whole resolution after the format rules (never on a lone clause): acronyms
spelled out at first use, resolution references in UN style, the opening line naming
the header's body, and Security Council style. They run when the linter is built with
``Linter(..., substance=True)`` or its profile sets ``substance = true`` (a user profile:
``extends = "un"`` and ``substance = true``); off by default until the format-only
consumers (the linting eval suite) ask for format rules explicitly.
"""

from __future__ import annotations

from assistant.lint.acronym_use import check_acronyms
from assistant.lint.citations import check_citations
from assistant.lint.context import Context
from assistant.lint.council import check_council
from assistant.lint.organ import check_opening_body
from index.search.acronyms import AcronymTable


def check_substance(ctx: Context, acronyms: AcronymTable) -> None:
    """Every substance rule, in the order of the codes."""
    check_acronyms(ctx, acronyms)
    check_citations(ctx)
    check_opening_body(ctx)
    check_council(ctx)
