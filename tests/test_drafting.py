"""The drafting chain with the fake chat model (fast tier): form, numbering, citations."""

from __future__ import annotations

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.drafting.proposals import DraftRequest
from assistant.settings import Settings
from assistant.workspace import Workspace


def workspace(tmp_path, responses) -> Workspace:
    settings = Settings(
        data_dir=tmp_path / "data", llm="fake", embeddings="hash", min_similarity=0.1
    )
    return Workspace(settings, chat_model=FakeListChatModel(responses=responses))


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    return tmp_path_factory.mktemp("drafting")


def test_proposal_in_correct_form_with_valid_citations(shared):
    line = (
        "1. *Urges* Member States to expand Assisted Voluntary Return and Reintegration "
        "programmes for victims of trafficking [IOM/1/3 op 9] [XYZ/9 op 99];"
    )
    ws = workspace(shared, [line])
    [p] = ws.drafter.propose(DraftRequest("reintegration programmes for returning victims"))
    assert p.text == (
        "1. *Urges* Member States to expand Assisted Voluntary Return and "
        "Reintegration programmes for victims of trafficking;"
    )
    assert p.clean and not p.unprecedented
    assert p.removed_markers == 1  # XYZ/9 op 99 was not retrieved: removed and counted
    ids = [c.id for c in p.citations]
    assert "IOM/1/3 op 9" in ids and set(ids) <= set(p.retrieved)
    cited = p.citations[0]
    assert cited.text and cited.source.endswith(".txt") and cited.lines[0] > 0


def test_numbering_continues_the_users_draft(shared):
    draft = (
        "Code: GA/1/1\n\nThe General Assembly,\n\n*Recalling* its work,\n\n"
        "1. *Encourages* Member States to act;\n\n2. *Requests* a report.\n"
    )
    ws = workspace(shared, ["7. *Calls upon* Member States to fund shelters for victims;"])
    [p] = ws.drafter.propose(DraftRequest("shelters for victims", draft_text=draft))
    assert p.number == 3 and p.text.startswith("3. *Calls upon* Member States to fund shelters")


def test_deterministic_fixes_make_model_output_valid(shared):
    # no number, phrase not italic, wrong closing mark, a comma after the phrase
    ws = workspace(shared, ["Encourages, Member States to train judges on trafficking cases."])
    [p] = ws.drafter.propose(DraftRequest("train judges on trafficking cases"))
    assert p.text == "1. *Encourages* Member States to train judges on trafficking cases;"
    assert p.clean


def test_no_precedent_is_said_plainly_and_the_clause_is_still_well_formed(tmp_path):
    settings = Settings(
        data_dir=tmp_path / "data", llm="fake", embeddings="hash", min_similarity=0.99
    )
    ws = Workspace(
        settings,
        chat_model=FakeListChatModel(
            responses=["1. *Encourages* Member States to regulate asteroid mining royalties;"]
        ),
    )
    [p] = ws.drafter.propose(DraftRequest("regulate asteroid mining royalties"))
    assert p.unprecedented and not p.citations and p.clean
    assert "no precedent found in the corpus" in p.render()


def test_preambulatory_proposals(shared):
    ws = workspace(shared, ["*Deeply concerned* about the trauma of survivors of trafficking,"])
    [p] = ws.drafter.propose(DraftRequest("trauma of survivors", kind="preambulatory"))
    assert p.text == "*Deeply concerned* about the trauma of survivors of trafficking,"
    assert p.number is None and p.clean


def test_several_proposals_and_the_runnable_streams_events(shared):
    lines = "1. *Urges* Member States to protect witnesses;\n2. *Requests* States to train police;"
    ws = workspace(shared, [lines])
    events = list(ws.drafter.runnable().stream(DraftRequest("witness protection", n=2)))
    kinds = [e["event"] for e in events]
    assert kinds[0] == "retrieved" and kinds.count("proposal") == 2 and "token" in kinds
    texts = [e["proposal"].text for e in events if e["event"] == "proposal"]
    assert texts == [
        "1. *Urges* Member States to protect witnesses;",
        "2. *Requests* States to train police;",
    ]


def test_profile_decides_emphasis(shared):
    ws = workspace(shared, ["1. Urges Member States to protect witnesses;"])
    [p] = ws.drafter.propose(DraftRequest("witness protection", profile="thimun"))
    assert p.text == "1. _Urges_ Member States to protect witnesses;" and p.clean


def test_kind_is_checked(shared):
    ws = workspace(shared, ["x"])
    with pytest.raises(ValueError, match="operative or preambulatory"):
        ws.drafter.propose(DraftRequest("x", kind="annex"))  # type: ignore[arg-type]


class WordCounter:
    def count_tokens(self, text: str) -> int:
        return len(text.split())


def test_chat_prompt_packs_precedents_within_the_context_budget():
    from assistant.drafting.writers import ChatWriter, Example
    from assistant.prompts import PromptLibrary

    examples = [Example(f"X/1/1 op {i}", "word " * 50) for i in range(1, 20)]
    counter = WordCounter()

    def prompt_size(n_ctx: int, draft: str = "") -> tuple[int, int]:
        writer = ChatWriter(None, PromptLibrary(), counter, n_ctx=n_ctx, answer_tokens=100)
        msgs = writer.messages(
            kind="operative",
            count=1,
            first_number=1,
            rules="- r",
            precedents=examples,
            request="q",
            draft=draft,
        )
        text = "\n".join(t for _, t in msgs)
        return text.count("[X/1/1 op"), sum(counter.count_tokens(t) + 8 for _, t in msgs)

    few, size = prompt_size(600)
    many, _ = prompt_size(2000)
    assert 0 < few < many <= 19 and size <= 600 - 100
    assert "[X/1/1 op 1]" in "".join(
        t
        for _, t in ChatWriter(None, PromptLibrary(), counter, 600, 100).messages(
            kind="operative",
            count=1,
            first_number=1,
            rules="",
            precedents=examples,
            request="q",
            draft="",
        )
    )
    # a huge draft is cut from the top so that the best precedent still fits
    kept, size = prompt_size(800, draft="old " * 5000)
    assert kept >= 1 and size <= 700
