"""The substance rules (CW6xx): what a chair or the Secretariat would flag beyond format.

Known-bad drafts are flagged at the right place with a fix that makes them clean;
known-good drafts, the clean fixtures and the adopted UN texts in eval/realtexts/un are
not flagged (the few findings on the real texts are pinned and explained below).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.lint import RULES, Diagnostic, Linter, ProfileStore, apply_fixes
from assistant.lint.single import lint_clause_text

ROOT = Path(__file__).resolve().parent.parent
REAL = sorted((ROOT / "eval" / "realtexts" / "un").glob("*.txt"))
SEEDS = sorted((ROOT / "index" / "corpus").glob("*.txt"))
CLEAN = sorted((ROOT / "tests" / "fixtures" / "lint" / "clean").glob("*.txt"))
SUBSTANCE = [c for c in RULES if c.startswith("CW6")]


def linter(profile: str | None = "nmun") -> Linter:
    return Linter(profile, substance=True)


def substance(text: str, profile: str = "nmun") -> list[Diagnostic]:
    return [d for d in linter(profile).lint_text(text) if d.code.startswith("CW6")]


def found(text: str, profile: str = "nmun") -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in substance(text, profile)]


def fixed(text: str, profile: str = "nmun") -> str:
    return linter(profile).fix_text(text)[0]


def ga(*clauses: str, opening: str = "The General Assembly,") -> str:
    return "\n\n".join([f"*{opening}*", *clauses]) + "\n"


# -- codes ---------------------------------------------------------------------


def test_substance_codes_are_registered_with_a_summary() -> None:
    assert SUBSTANCE == [
        "CW601",
        "CW602",
        "CW603",
        "CW611",
        "CW612",
        "CW621",
        "CW631",
        "CW632",
        "CW633",
    ]
    assert all(RULES[c].summary for c in SUBSTANCE)
    assert RULES["CW633"].severity == "info" and not RULES["CW633"].fixable


# -- 1. acronyms ---------------------------------------------------------------

USED_BEFORE = ga(
    "*Noting* the work of UNODC on trafficking,",
    "1. *Invites* the United Nations Office on Drugs and Crime (UNODC) to report.",
)


def test_acronym_used_before_its_definition_is_flagged_with_the_drafts_long_form() -> None:
    [diag] = substance(USED_BEFORE)
    assert (diag.code, diag.line, diag.col) == ("CW601", 3, 22)
    assert "UNODC" in diag.message and "line 5" in diag.message
    assert "'United Nations Office on Drugs and Crime (UNODC)'" in diag.message
    out = fixed(USED_BEFORE)
    assert "the work of United Nations Office on Drugs and Crime (UNODC) on" in out
    assert found(out) == []


def test_acronym_never_spelled_out_takes_the_builtin_long_form() -> None:
    text = ga("*Noting* the role of UNHCR and of NGOs,", "1. *Invites* the IOM to act.")
    assert found(text) == [(3, "CW602"), (3, "CW602"), (5, "CW602")]
    out = fixed(text)
    assert "Office of the United Nations High Commissioner for Refugees (UNHCR)" in out
    assert "non-governmental organizations (NGOs)" in out
    assert "International Organization for Migration (IOM)" in out
    assert found(out) == []


def test_unknown_acronym_is_named_without_a_fix() -> None:
    [diag] = substance(ga("1. *Invites* the ZQXW to act."))
    assert diag.code == "CW602" and "ZQXW" in diag.message and diag.fix is None


def test_defined_at_first_use_and_forms_that_are_not_acronyms_are_left_alone() -> None:
    text = ga(
        "*Recalling* the Convention on the Rights of the Child (CRC) and “the NPT review”,",
        "*Noting* Article 5 of the CRC and chapter XII, and HIV and AIDS,",
        "1. *URGES* Member States to ratify the CRC.",
    )
    assert found(text) == []


def test_the_bodys_own_acronym_counts_as_known() -> None:
    text = "Committee: International Organization for Migration\n\n" + ga(
        "1. *Invites* IOM field offices to act.",
        opening="The International Organization for Migration,",
    )
    assert found(text) == []


def test_organs_and_the_united_nations_are_written_in_full() -> None:
    text = ga(
        "*Noting* the work of the United Nations (UN) and the UN,",
        "1. *Requests* the SC and ECOSOC to act.",
    )
    assert found(text) == [(3, "CW602"), (5, "CW603"), (5, "CW603")]
    out = fixed(text)
    assert "the work of the United Nations and the United Nations," in out
    assert "the Security Council and Economic and Social Council to act" in out


# -- 2. resolution references --------------------------------------------------


@pytest.mark.parametrize(
    "written,want",
    [
        ("UNSCR 1325", "Security Council resolution 1325 (2000)"),
        ("SC Res. 1325", "Security Council resolution 1325 (2000)"),
        ("res 1325", "resolution 1325 (2000)"),
        ("S/RES/2388 (2017)", "Security Council resolution 2388 (2017)"),
        ("A/RES/64/293", "General Assembly resolution 64/293"),
        ("GA Res. 64/293", "General Assembly resolution 64/293"),
    ],
)
def test_non_un_reference_forms_are_rewritten(written: str, want: str) -> None:
    text = ga(
        "*Recalling* Security Council resolution 1325 (2000),",
        f"1. *Decides* to implement {written} fully.",
    )
    [diag] = substance(text)
    assert diag.code == "CW611" and repr(want) in diag.message
    assert f"to implement {want} fully." in fixed(text)


def test_year_missing_is_added_when_the_draft_gives_it() -> None:
    text = ga(
        "*Recalling* its resolutions 1325 (2000) and 2388 (2017),",
        "1. *Decides* to implement resolutions 1325 and 2388.",
    )
    diags = substance(text)
    assert [(d.code, d.line, d.col) for d in diags] == [("CW612", 5, 39), ("CW612", 5, 48)]
    assert "'resolution 1325 (2000)'" in diags[0].message
    out = fixed(text)
    assert "resolutions 1325 (2000) and 2388 (2017)." in out and found(out) == []


def test_year_missing_and_unknown_says_the_year_should_be_given() -> None:
    [diag] = substance(ga("1. *Decides* to implement resolution 1325."))
    assert diag.code == "CW612" and diag.fix is None
    assert "without its year" in diag.message and "resolution 2388 (2017)" in diag.message


def test_year_from_a_date_written_after_the_number() -> None:
    text = ga("1. *Recalls* resolution 1616 of 29 July 2005.")
    [diag] = substance(text)
    assert diag.code == "CW612"
    assert "resolution 1616 (2005) of 29 July 2005" in fixed(text)


@pytest.mark.parametrize(
    "ref",
    [
        "resolution 64/293",
        "resolutions 71/167 and 71/1 (2016)",
        "resolution 2388 (2017) of 21 November 2017",
        "resolution 3363 (XXX)",
        "resolution 2200 A (XXI)",
        "resolution 377 A (v) of 3 November 1950",
        "resolution 186 (S-2) of 14 May 1948",
        "resolutions 1325 (2000), 1820 (2008) and 1888 (2009)",
        "resolution WHA66.11",
        "Human Rights Council resolution 11/3 (2009)",
        "the report (chap. I, resolution 1)",
        "resolution 660\n(1990) in full",
    ],
)
def test_un_style_references_are_not_flagged(ref: str) -> None:
    assert found(ga(f"1. *Recalls* {ref}.")) == []


# -- 3. opening line against the header's body ---------------------------------


def headed(body: str, opening: str) -> str:
    return f"Committee: {body}\n\nTopic: Migration\n\n" + ga(
        "*Noting* the situation,", "1. *Decides* to act.", opening=opening
    )


def test_general_assembly_opening_under_an_iom_header_is_flagged_and_fixed() -> None:
    text = headed("International Organization for Migration", "The General Assembly,")
    [diag] = substance(text)
    assert (diag.code, diag.line, diag.col) == ("CW621", 5, 2)
    assert "'International Organization for Migration'" in diag.message
    out = fixed(text)
    assert "*The International Organization for Migration,*" in out and found(out) == []


@pytest.mark.parametrize(
    "body,opening",
    [
        ("Third Committee", "The General Assembly,"),
        ("SOCHUM", "The General Assembly,"),
        ("Human Rights Council", "The General Assembly,"),
        ("Commission on the Status of Women", "The Economic and Social Council,"),
        (
            "International Organization for Migration",
            "The International Organization for Migration,",
        ),
        ("Security Council", "The Security Council,"),
    ],
)
def test_an_opening_of_the_same_body_or_its_parent_organ_is_not_flagged(
    body: str, opening: str
) -> None:
    assert [c for _, c in found(headed(body, opening)) if c == "CW621"] == []


def test_a_near_miss_is_left_to_cw502() -> None:
    text = headed(
        "International Organization for Migration", "The International Organization of Migration,"
    )
    codes = [d.code for d in linter().lint_text(text)]
    assert "CW502" in codes and "CW621" not in codes


# -- 4. Security Council style -------------------------------------------------


def sc(*clauses: str) -> str:
    return ga("*Recalling* its resolution 2388 (2017),", *clauses, opening="The Security Council,")


REPORT = "*Requests* the Secretary-General to report to it within 90 days"


def test_remain_seized_missing_is_flagged_and_appended() -> None:
    text = sc(f"1. {REPORT};", "2. *Calls upon* Member States to act.")
    [diag] = substance(text)
    assert (diag.code, diag.line) == ("CW632", 7)
    out = fixed(text)
    assert out.rstrip().endswith(
        "2. *Calls upon* Member States to act;\n\n3. *Decides* to remain seized of the matter."
    )
    assert linter().lint_text(out) == []


def test_remain_seized_not_last_is_moved_to_the_end() -> None:
    text = sc(
        "1. *Decides* to remain seized of the matter;",
        f"2. {REPORT};",
        "3. *Calls upon* Member States to act.",
    )
    [diag] = substance(text)
    assert (diag.code, diag.line) == ("CW631", 5)
    out = fixed(text)
    assert out == sc(
        f"1. {REPORT};",
        "2. *Calls upon* Member States to act;",
        "3. *Decides* to remain seized of the matter.",
    )
    assert linter().lint_text(out) == []


def test_reporting_clause_is_suggested_as_information() -> None:
    text = sc(
        "1. *Calls upon* Member States to act;", "2. *Decides* to remain seized of the matter."
    )
    [diag] = substance(text)
    assert (diag.code, diag.severity, diag.fix) == ("CW633", "info", None)
    assert "Requests the Secretary-General to report" in diag.message


def test_a_well_formed_security_council_draft_is_clean() -> None:
    text = sc(f"1. {REPORT};", "2. *Decides* to remain actively seized of the matter.")
    assert found(text) == []


def test_council_rules_do_not_apply_to_other_bodies() -> None:
    assert found(ga("1. *Calls upon* Member States to act.")) == []


# -- real texts, seeds, fixtures -----------------------------------------------

# The only findings on the adopted UN texts: the two Wikisource transcriptions drop the
# year the official S/RES documents give ("resolution 1493 (2003) of 28 July 2003"),
# and two acronyms the WHA texts use without a long form.
REAL_FINDINGS = {
    "sc-1555-wikisource.txt": ["CW612"] * 4,
    "sc-1654-wikisource.txt": ["CW612"] * 11,
    "wha-66-11.txt": ["CW602"],  # "the post-2015 UN development agenda"
    "wha-66-24.txt": ["CW602"],  # ICANN, never spelled out
}


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.stem)
def test_adopted_un_texts_are_not_flagged(path: Path) -> None:
    codes = [d.code for d in linter(None).lint_file(path) if d.code.startswith("CW6")]
    assert codes == REAL_FINDINGS.get(path.name, [])


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.stem)
def test_clean_fixtures_have_no_substance_findings(path: Path) -> None:
    assert [d.code for d in linter(None).lint_file(path) if d.code.startswith("CW6")] == []


def test_seed_substance_findings_match_the_hand_checked_list() -> None:
    got = sorted(
        (path.name, d.line, d.code, d.message.split()[0] if d.code < "CW610" else "")
        for path in SEEDS
        for d in linter(None).lint_file(path)
        if d.code.startswith("CW6")
    )
    iom, ga_seed = "000_573e74ea5cfc3ccf.txt", "001_8a08a27f7d9bd727.txt"
    assert got == sorted(
        [
            (iom, 163, "CW602", "MTV"),  # a campaign's brand name
            (iom, 227, "CW602", "UN"),  # "UN Children's Fund"
            (iom, 291, "CW602", "UNCTOC"),
            (iom, 391, "CW602", "GLO"),
            (iom, 567, "CW602", "ICAT"),
            (iom, 594, "CW612", ""),  # "Security Council resolution 2331, which was adopted"
            (iom, 607, "CW612", ""),  # "Security Council resolution 2388 that was adopted"
            (iom, 768, "CW602", "UN"),
            (iom, 791, "CW602", "GLO"),
            (iom, 807, "CW602", "TIP"),
            (iom, 836, "CW602", "NGOs"),
            (ga_seed, 22, "CW611", ""),  # "UNSC Resolution 2388 (2017)"
            (ga_seed, 30, "CW602", "UN"),
            (ga_seed, 54, "CW602", "NGOs"),
            (ga_seed, 69, "CW602", "VPN"),
        ]
    )


# -- switches ------------------------------------------------------------------


def test_the_substance_rules_are_switched_on_by_the_linter_or_a_profile(
    tmp_path: Path,
) -> None:
    assert Linter("nmun").lint_text(USED_BEFORE) == []  # off by default (format only)
    (tmp_path / "chair.toml").write_text('extends = "nmun"\nsubstance = true\n', "utf-8")
    profile = ProfileStore([tmp_path]).get("chair")
    assert profile.substance is True
    assert [d.code for d in Linter(profile).lint_text(USED_BEFORE)] == ["CW601"]
    assert Linter(profile, substance=False).lint_text(USED_BEFORE) == []


def test_the_cli_shows_them_with_a_profile_that_asks_for_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    from assistant.cli import main

    chair = tmp_path / "chair.toml"
    chair.write_text('extends = "nmun"\nsubstance = true\n', "utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(USED_BEFORE, "utf-8")
    assert main(["lint", str(draft), "--profile", str(chair)]) == 0  # warnings only
    assert f"{draft}:3:22 CW601 UNODC is used before" in capsys.readouterr().out
    assert main(["lint", str(draft), "--profile", str(chair), "--fix"]) == 0
    assert "Drugs and Crime (UNODC) on trafficking" in draft.read_text("utf-8")


def test_a_lone_clause_gets_no_substance_findings() -> None:
    diags = lint_clause_text(
        "5. *Invites* UNODC to implement UNSCR 1325;", number=5, linter=linter()
    )
    assert [d.code for d in diags if d.code.startswith("CW6")] == []


def test_every_substance_fix_is_declared_fixable() -> None:
    texts = [USED_BEFORE, headed("Third Committee", "The Security Council,")]
    texts += [sc("1. *Decides* to remain seized of the matter;", "2. *Acts* now.")]
    for text in texts:
        for d in substance(text):
            assert RULES[d.code].fixable or d.fix is None, d.code
            if d.fix:
                assert apply_fixes(text, [d]) != text
