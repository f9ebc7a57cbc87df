"""The validator's rule codes: stable identifiers with a default severity and summary.

Codes are grouped by hundreds: 1xx leading phrase, 2xx punctuation, 3xx numbering and
labels, 4xx emphasis, 5xx header, 6xx substance (what a chair or the Secretariat would
flag: acronyms, resolution references, the body, Security Council style), 9xx text the
parser could not place. The table in
``docs/lint-rules.md`` lists the same codes; a test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.lint.diagnostic import Severity


@dataclass(frozen=True)
class Rule:
    """A rule's code, default severity, whether it carries a fix, and what it checks."""

    code: str
    severity: Severity
    fixable: bool
    summary: str


RULES: dict[str, Rule] = {
    r.code: r
    for r in (
        Rule("CW101", "error", False, "an operative phrase opens a preambulatory clause"),
        Rule(
            "CW102",
            "error",
            False,
            "a preambulatory phrase or participle opens an operative clause",
        ),
        Rule(
            "CW103",
            "warning",
            False,
            "the clause opens with no known leading phrase (names the nearest known ones)",
        ),
        Rule("CW104", "error", True, "a comma stands straight after the leading phrase"),
        Rule(
            "CW105",
            "warning",
            False,
            "a word after the first of the leading phrase is capitalised ('Further Requests')",
        ),
        Rule(
            "CW106",
            "warning",
            False,
            "the leading phrase is not followed by what it takes (index/data/frames.toml)",
        ),
        Rule("CW201", "error", True, "a preambulatory clause does not end with a comma"),
        Rule("CW202", "error", True, "an operative clause does not end with a semicolon"),
        Rule("CW203", "error", True, "the last operative clause does not end with a period"),
        Rule(
            "CW204",
            "error",
            True,
            "the text before sub-clauses (the chapeau) does not end with a colon",
        ),
        Rule(
            "CW205",
            "error",
            True,
            "a sub-clause does not end with the punctuation its position needs",
        ),
        Rule(
            "CW206",
            "warning",
            False,
            "a conjunction stands before a sub-clause's closing mark (', and;')",
        ),
        Rule(
            "CW301",
            "error",
            True,
            "operative clauses are not numbered 1…n (gap or repeat); the fix renumbers "
            "them and updates references",
        ),
        Rule("CW302", "error", True, "an operative clause has no number"),
        Rule("CW303", "error", True, "a sub-clause label is out of sequence (gap, repeat)"),
        Rule(
            "CW304",
            "error",
            True,
            "a sub-clause label does not have the profile's form for its depth",
        ),
        Rule(
            "CW305",
            "warning",
            False,
            "a reference to a paragraph number cannot be updated by the renumbering",
        ),
        Rule(
            "CW401", "error", True, "the leading phrase is not emphasised as the profile requires"
        ),
        Rule(
            "CW402",
            "error",
            True,
            "the leading phrase is emphasised in a style the profile does not use",
        ),
        Rule(
            "CW501",
            "warning",
            True,
            "no opening line naming the body, or it names none ('The Committee,'); "
            "fixable when the header names the body",
        ),
        Rule("CW502", "warning", True, "the opening line misnames the body given in the header"),
        Rule("CW503", "error", True, "the opening line does not end with a comma"),
        Rule(
            "CW601",
            "warning",
            True,
            "an acronym is used before the draft spells it out ('Long Form (ACR)'); "
            "the fix writes the long form at its first use",
        ),
        Rule(
            "CW602",
            "warning",
            True,
            "an acronym is never spelled out; fixable when its long form is known",
        ),
        Rule("CW603", "warning", True, "an organ is abbreviated ('SC', 'GA'); write it in full"),
        Rule(
            "CW611",
            "warning",
            True,
            "a resolution is cited in a non-UN form ('UNSCR 1325', 'res. 1325', "
            "'A/RES/64/293'); UN style is 'resolution 2388 (2017)', 'resolution 64/293'",
        ),
        Rule(
            "CW612",
            "warning",
            True,
            "a resolution number is cited without its year ('resolution 1325'); fixable "
            "when the draft gives the year elsewhere",
        ),
        Rule(
            "CW621",
            "warning",
            True,
            "the opening line names another body than the header (and not its parent organ)",
        ),
        Rule(
            "CW631",
            "warning",
            True,
            "'Decides to remain seized of the matter.' is not the last clause of a Security "
            "Council resolution",
        ),
        Rule(
            "CW632",
            "warning",
            True,
            "a Security Council resolution does not end with 'Decides to remain seized of "
            "the matter.'",
        ),
        Rule(
            "CW633",
            "info",
            False,
            "a Security Council resolution has no clause requesting a report of the "
            "Secretary-General",
        ),
        Rule(
            "CW901",
            "info",
            False,
            "text the parser could not place in any clause (it was not checked)",
        ),
    )
}


def rule(code: str) -> Rule:
    """The rule of a code (KeyError for an unknown code: a programming error)."""
    return RULES[code]
