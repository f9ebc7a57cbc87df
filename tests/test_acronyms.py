"""Word folding, and acronyms learned from text, added by hand and loaded from files."""

from __future__ import annotations

import json

import pytest

from index.errors import InputError
from index.search.acronyms import BUILTIN_SOURCE, AcronymTable, acronym_letters, find_definitions
from index.wordforms import Tokenizer, fold


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("AVRR", "avrr"),
        ("AVRRs", "avrr"),
        ("NGOs", "ngo"),
        ("IOM's", "iom"),
        ("shelters", "shelter"),
        ("countries", "country"),
        ("approaches", "approach"),
        ("processes", "process"),
        ("women", "woman"),
        ("programme", "program"),
        ("programmes", "program"),
        ("programs", "program"),
        ("organisations", "organization"),
        ("criminalised", "criminalized"),
        ("labour", "labor"),
        ("centre", "center"),
        ("defence", "defense"),
        ("analyse", "analyze"),
        ("status", "status"),
        ("crisis", "crisis"),
        ("news", "news"),
        ("its", "its"),
        ("Élan", "elan"),
    ],
)
def test_fold(word, key):
    assert fold(word) == key


def test_tokens_keep_spans_and_leave_out_possessive_s():
    text = "the IOM's Assisted (AVRR) anti-trafficking"
    toks = Tokenizer().tokens(text)
    assert [t[0] for t in toks] == ["the", "iom", "assisted", "avrr", "anti", "trafficking"]
    assert [text[s:e] for _, s, e in toks] == [
        "the",
        "IOM",
        "Assisted",
        "AVRR",
        "anti",
        "trafficking",
    ]


def _pairs(text):
    return [(d.acronym, d.expansion) for d in find_definitions(text, "test")]


@pytest.mark.parametrize(
    ("text", "acronym", "expansion"),
    [
        (
            "as well as the United Nations Office on Drugs and Crime (UNODC) Blue Heart",
            "UNODC",
            "United Nations Office on Drugs and Crime",
        ),
        (
            "Appeals to Member States to establish a Temporary Safety Status (TSS) for victims",
            "TSS",
            "Temporary Safety Status",
        ),
        (
            "to integrate the appropriate use of Intel to Prevent (ITP) servers",
            "ITP",
            "Intel to Prevent",
        ),
        (
            "the Mediterranean Sea be declared a Special Enforcement Zone (SEZ) to better",
            "SEZ",
            "Special Enforcement Zone",
        ),
        (
            "as proposed by the International Labor Organization's (ILO) publication",
            "ILO",
            "International Labor Organization",
        ),
        (
            "expansion of Assisted Voluntary Return and Reintegration (AVRR) programs",
            "AVRR",
            "Assisted Voluntary Return and Reintegration",
        ),
        (
            "the Organization for Security and Co-operation in Europe (OSCE) project",
            "OSCE",
            "Organization for Security and Co-operation in Europe",
        ),
        (
            "itself as a non-governmental organization (NGO) in order",
            "NGO",
            "non-governmental organization",
        ),
        (
            "the continuous effectiveness of the UN Office of Drugs and Crime's (UNODC) work",
            "UNODC",
            "UN Office of Drugs and Crime",
        ),
        (
            "programmes under AVRR (Assisted Voluntary Return and Reintegration) in all",
            "AVRR",
            "Assisted Voluntary Return and Reintegration",
        ),
    ],
)
def test_definitions_learned_from_text(text, acronym, expansion):
    assert _pairs(text) == [(acronym, expansion)]


def test_plural_acronym_is_learned_singular():
    assert _pairs("among governments, nongovernmental organizations (NGOs), and the public") == [
        ("NGO", "nongovernmental organizations")
    ]


def test_acronym_between_long_form_words_is_skipped():
    text = "as well as the United Nations (UN) Office on Drugs and Crime (UNODC) Blue Heart"
    assert _pairs(text) == [
        ("UN", "United Nations"),
        ("UNODC", "United Nations Office on Drugs and Crime"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Reaffirming Security Council resolutions 2331 (2016) and 2388 (2017),",
        "media campaigns such as MTV End Exploitation and Trafficking (EXIT) that",
        "Highlights Sustainable Government Goal (SDG) Goal 10, Target 7",
        "the International Criminal Police Organization (INTERPOL) as the body",
        "sub-clause (a) and (iv) of the Protocol (TIP Protocol)",
        "the coalition called the ICAT (International Criminal Court)",
    ],
)
def test_no_false_definitions(text):
    assert _pairs(text) == []


def test_acronym_letters():
    assert acronym_letters("NGOs") == "ngo"
    assert acronym_letters("GLO.ACT") == "gloact"
    assert acronym_letters("Protocol") is None
    assert acronym_letters("I") is None


def test_learn_from_seed_corpus(seed_corpus):
    table = AcronymTable()
    assert table.learn(seed_corpus) == len(table.definitions())
    avrr = table.definitions("AVRR")
    assert [(d.expansion, d.source) for d in avrr] == [
        ("Assisted Voluntary Return and Reintegration", "IOM/1/4 op 8")
    ]
    assert table.expansions("ILO") == ["International Labor Organization"]
    assert table.expansions("ngos") == table.expansions("NGO")
    assert len(table.expansions("UNODC")) == 3
    for wrong in ("EXIT", "SDG", "CEDAW", "INTERPOL", "UMIRR", "UNICEF"):
        assert table.expansions(wrong) == [], wrong


def test_reverse_lookup_folds_case_plural_spelling_and_hyphens(seed_corpus):
    table = AcronymTable()
    table.learn(seed_corpus)
    assert table.acronyms_for("non-governmental organisations") == ["NGO"]
    assert table.acronyms_for("International Labour Organisation") == ["ILO"]
    assert table.acronyms_for("assisted voluntary return and reintegration") == ["AVRR"]
    assert table.acronyms_for("voluntary return") == []


def test_add_by_hand_and_duplicates():
    table = AcronymTable()
    assert table.add("TIP", "trafficking in persons")
    assert not table.add("tip", "Trafficking in Person")
    assert table.expansions("TIPs") == ["trafficking in persons"]
    assert table.definitions("TIP")[0].source == "user"
    with pytest.raises(ValueError):
        table.add("TIP", "  ")


def test_load_toml_and_json(tmp_path):
    toml = tmp_path / "acronyms.toml"
    toml.write_text('TIP = ["trafficking in persons"]\nVoT = "victim of trafficking"\n', "utf-8")
    data = tmp_path / "acronyms.json"
    data.write_text(json.dumps({"acronyms": {"TIP": ["Trafficking in Persons Protocol"]}}))
    table = AcronymTable()
    assert table.load(toml) == 2
    assert table.load(data) == 1
    assert table.expansions("TIP") == ["trafficking in persons", "Trafficking in Persons Protocol"]
    assert table.expansions("VoT") == ["victim of trafficking"]
    assert table.definitions("VoT")[0].source == "user:acronyms.toml"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("TIP = [", "cannot read acronym file"),
        ("TIP = [1, 2]", "expected a string or a list of strings"),
        ('TIP = ["TIP"]', "not an acronym pair"),
    ],
)
def test_load_bad_file(tmp_path, content, message):
    path = tmp_path / "bad.toml"
    path.write_text(content, "utf-8")
    with pytest.raises(InputError, match=message) as err:
        AcronymTable().load(path)
    assert str(path) in str(err.value)


def test_load_missing_file(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        AcronymTable().load(tmp_path / "nope.json")


def test_builtin_table_has_provenance():
    table = AcronymTable.builtin()
    assert table.expansions("WHO") == ["World Health Organization"]
    assert all(d.source == BUILTIN_SOURCE for d in table.definitions())
    assert "CEDAW" in {d.acronym for d in table.definitions()}


def test_equivalents_link_acronym_and_all_long_forms(seed_corpus):
    table = AcronymTable()
    table.learn(seed_corpus)
    tok = Tokenizer()
    shown = {display for _, display in table.equivalents(tok.key("UN Office of Drugs and Crime"))}
    assert shown == {
        "UNODC",
        "United Nations Office on Drugs and Crime",
        "United Nations Organization on Drugs and Crime",
    }
