"""Leading-phrase rules CW101–CW106: passing and failing cases."""

from __future__ import annotations

import pytest

from assistant.lint import Linter, apply_fixes
from assistant.lint.phrases import counterpart
from index.parsing.lexicon import Lexicon

HEAD = "Resolution GA/1/1\n\nThe General Assembly,\n\n"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter("nmun")


def lint(linter: Linter, body: str) -> list:
    return linter.lint_text(HEAD + body + "\n", "t.txt")


def found(linter: Linter, body: str, code: str) -> list:
    return [d for d in lint(linter, body) if d.code == code]


def test_clean_clauses_with_modifiers_and_british_spellings(linter: Linter) -> None:
    body = (
        "*Recognising* the work done,\n\n*Deeply concerned* by the figures,\n\n"
        "*Taking into consideration* the reports,\n\n*Recalling also* its resolutions,\n\n"
        "1. *Further requests* the Secretary-General to report;\n\n"
        "2. *Once again calls upon* Member States to act;\n\n"
        "3. *Authorises* the mission to act;\n\n4. *Decides* to remain seized of the matter."
    )
    assert lint(linter, body) == []


def test_operative_phrase_in_preamble_is_an_error_with_counterpart(linter: Linter) -> None:
    diags = found(linter, "*Highlights* the goal,\n\n1. *Urges* States to act.", "CW101")
    assert len(diags) == 1
    d = diags[0]
    assert (d.line, d.col, d.severity) == (5, 2, "error")
    assert "'Highlighting'" in d.message
    assert d.clause == "GA/1/1 pre 1"


def test_preambulatory_phrase_opening_an_operative_is_an_error(linter: Linter) -> None:
    diags = found(linter, "*Noting* the goal,\n\n1. *Recalling* its resolutions.", "CW102")
    assert [(d.line, d.col) for d in diags] == [(7, 5)]
    assert "'Recalls'" in diags[0].message


def test_unknown_participle_opening_an_operative_is_an_error(linter: Linter) -> None:
    diags = found(linter, "*Noting* the goal,\n\n1. *Promoting* cooperation.", "CW102")
    assert len(diags) == 1 and "participle 'Promoting'" in diags[0].message


def test_unknown_phrase_warns_with_nearest_known(linter: Linter) -> None:
    diags = found(linter, "*Recallling* the goal,\n\n1. *Urges* States to act.", "CW103")
    assert len(diags) == 1
    assert diags[0].severity == "warning"
    assert "'Recalling'" in diags[0].message


def test_known_phrase_is_not_reported_as_unknown(linter: Linter) -> None:
    assert found(linter, "*Recalling* the goal,\n\n1. *Urges* States to act.", "CW103") == []


def test_comma_after_phrase_is_an_error_and_fixed(linter: Linter) -> None:
    text = HEAD + "*Recalling*, the 2014 programme,\n\n1. *Urges* States to act.\n"
    diags = [d for d in linter.lint_text(text) if d.code == "CW104"]
    assert [(d.line, d.col) for d in diags] == [(5, 12)]
    fixed = apply_fixes(text, diags)
    assert "*Recalling* the 2014 programme," in fixed
    assert [d for d in linter.lint_text(fixed) if d.code == "CW104"] == []


def test_comma_opening_a_short_aside_is_accepted(linter: Linter) -> None:
    body = "*Recalling*, in this regard, its resolution 70/1,\n\n1. *Decides*, inter alia, to act."
    assert found(linter, body, "CW104") == []


def test_capitalised_word_inside_phrase_warns(linter: Linter) -> None:
    diags = found(linter, "*Noting* the goal,\n\n1. *Further Recommends* action.", "CW105")
    assert len(diags) == 1 and "'Further recommends'" in diags[0].message
    assert found(linter, "*Noting* the goal,\n\n1. *Further recommends* action.", "CW105") == []


def test_counterpart_forms() -> None:
    lexicon = Lexicon.default()
    assert (
        counterpart(lexicon, "Acknowledges with appreciation", "preambulatory")
        == "Acknowledging with appreciation"
    )
    assert counterpart(lexicon, "Notes", "preambulatory") == "Noting"
    assert counterpart(lexicon, "Emphasizing", "operative") == "Emphasizes"
    assert counterpart(lexicon, "Welcoming", "operative") == "Welcomes"
    assert counterpart(lexicon, "Zorbing", "operative") is None


def test_profile_phrases_extend_the_lexicon(tmp_path) -> None:
    profile = tmp_path / "conf.toml"
    profile.write_text(
        'name = "conf"\nextends = "nmun"\n[phrases.operative]\n'
        '"Implores" = "conference handbook"\n',
        "utf-8",
    )
    body = "*Noting* the goal,\n\n1. *Implores* States to act."
    assert found(Linter(str(profile)), body, "CW103") == []
    assert len(found(Linter("nmun"), body, "CW103")) == 1


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("1. *Calls on* measures to fund shelters.", "addresses actors"),
        ("1. *Requests* Member States to provide the Secretary-General to report.", "second 'to'"),
        ("*Concerned about* express concern about debt bondage,\n\n1. *Urges* States to act.",
         "verb"),
        ("*Alarmed* the rise of trafficking,\n\n1. *Urges* States to act.", "one of"),
    ],
)  # fmt: skip
def test_a_phrase_without_its_complement_is_a_warning(linter: Linter, body, says) -> None:
    [diag] = found(linter, body, "CW106")
    assert diag.severity == "warning" and says in diag.message


def test_phrases_with_their_complements_pass(linter: Linter) -> None:
    body = (
        "*Alarmed by* the rise of trafficking,\n\n*Reaffirming its commitment* to end it,\n\n"
        "1. *Requests* a report on shelters;\n\n2. *Demands* that all parties cease fire;\n\n"
        "3. *Encourages* the development of solutions to trafficking;\n\n"
        "4. *Calls upon* Member States to fund shelters."
    )
    assert found(linter, body, "CW106") == []
