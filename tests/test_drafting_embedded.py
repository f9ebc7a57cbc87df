"""Acceptance: the embedded SmolLM2 drafts offline from the shipped corpus."""

from __future__ import annotations

import re

import pytest

from assistant.drafting.proposals import DraftRequest
from assistant.settings import Settings
from assistant.workspace import Workspace

pytestmark = pytest.mark.slow

OPERATIVE = re.compile(r"^\d+\. \*[A-Z][a-z]+(?: [a-z]+)*\* [^;*]+;$")
PREAMBULATORY = re.compile(r"^\*[A-Z][a-z]+(?: [a-z]+)*\* [^;*]+,$")


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    return Workspace(Settings(data_dir=tmp_path_factory.mktemp("embedded")))


def test_operative_clause_urging_reintegration_support(ws):
    [p] = ws.drafter.propose(
        DraftRequest("propose an operative clause urging reintegration support, citing precedent")
    )
    assert OPERATIVE.match(p.text), p.text
    assert p.text.startswith("1. *Urges* Member States to provide reintegration support")
    assert p.clean, [d.render() for d in p.diagnostics]
    assert p.citations and {c.id for c in p.citations} <= set(p.retrieved)


def test_numbering_continues_a_draft_and_preambles(ws):
    draft = (
        "Code: GA/3/9\n\nThe General Assembly,\n\n*Recalling* its resolution 71/1,\n\n"
        "1. *Encourages* Member States to act;\n"
    )
    [p] = ws.drafter.propose(
        DraftRequest("shelters and medical care for survivors", draft_text=draft)
    )
    assert p.number == 2 and p.text.startswith("2. *") and p.clean
    [q] = ws.drafter.propose(DraftRequest("the trauma survivors endure", kind="preambulatory"))
    assert PREAMBULATORY.match(q.text), q.text
    assert q.clean


def test_unprecedented_request_is_marked(ws):
    [p] = ws.drafter.propose(DraftRequest("regulate asteroid mining royalties"))
    assert p.unprecedented and not p.citations and p.clean


def test_chat_answers_avrr_exactly_with_the_embedded_default(ws):
    answer = ws.assistant.respond("which drafts mention AVRR?")
    assert [c.id for c in answer.citations] == [
        "IOM/1/3 op 9",
        "IOM/1/4 op 8",
        "IOM/1/4 op 8(a)",
        "IOM/1/4 op 8(b)",
    ]
