"""``draft`` and ``chat``: proposing clauses and talking to the assistant in a terminal."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from assistant.asking.memory import Conversation
from assistant.chat import ChatAnswer
from assistant.draft_document import DraftDocument
from assistant.draft_history import DraftHistory
from assistant.settings import LLM_BACKENDS, load_settings
from assistant.workspace import Workspace
from index.errors import InputError
from index.parsing.source_files import read_source

BACKENDS = list(LLM_BACKENDS)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "draft",
        help="propose clauses for a request, citing precedent",
        description="Propose clauses in correct form for REQUEST, each citing the precedent "
        "that supports it or labelled unprecedented.",
        epilog="examples:\n"
        '  clausewright draft "ask the Secretary-General to report back next session"\n'
        '  clausewright draft "alarmed by debt bondage" --kind preambulatory --n 2\n'
        '  clausewright draft "fund shelters for survivors" --draft my_draft.md',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("request", help="what the clause should do, in your own words")
    p.add_argument("--kind", choices=["operative", "preambulatory"], default="operative")
    p.add_argument("--n", type=int, default=1, help="how many clauses (default 1)")
    p.add_argument("--draft", help="your draft so far (numbering continues from it)")
    p.add_argument("--profile", help="style profile: un, nmun, thimun, plain")
    p.add_argument("--backend", choices=BACKENDS, help="language model backend")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_draft)

    p = sub.add_parser("chat", help="a terminal conversation with the assistant")
    p.add_argument("--draft", help="a draft file to work on (/insert adds proposals to it)")
    p.add_argument("--profile")
    p.add_argument("--backend", choices=BACKENDS)
    p.add_argument(
        "--session",
        default="terminal",
        help="conversation name: it is saved under <data dir>/conversations and restored "
        "next time (default: terminal)",
    )
    p.add_argument("--new", action="store_true", help="start the session's conversation afresh")
    p.set_defaults(func=cmd_chat)


def _workspace(backend: str | None) -> Workspace:
    return Workspace(load_settings(llm=backend))


def _read_draft(path: str | None) -> str | None:
    if not path:
        return None
    if not Path(path).exists():
        return ""
    return read_source(path).text


def cmd_draft(args: argparse.Namespace) -> int:
    if not 1 <= args.n <= 10:
        raise InputError("--n", "give between 1 and 10 clauses")
    if not args.request.strip():
        raise InputError("REQUEST", "empty: say what the clause should do, e.g. 'fund shelters'")
    from assistant.drafting.proposals import DraftRequest, NotProposed, Proposed, Retrieved

    ws = _workspace(args.backend)
    req = DraftRequest(args.request, args.kind, args.n, _read_draft(args.draft), args.profile)
    proposals = []
    live = sys.stdout.isatty() and not args.json  # stream text as it is written
    for event in ws.drafter.stream(req):
        if isinstance(event, Proposed):
            proposals.append(event.proposal)
            if not args.json:
                sys.stdout.write(event.proposal.render() + "\n\n")
        elif isinstance(event, NotProposed) and not args.json:
            sys.stdout.write(event.render() + "\n\n")
        elif isinstance(event, Retrieved) and live:
            sys.stdout.write(f"(found {len(event.relevant)} precedent clause(s); writing…)\n")
            sys.stdout.flush()
    if args.json:
        sys.stdout.write(
            json.dumps([p.to_dict() for p in proposals], ensure_ascii=False, indent=2) + "\n"
        )
    return 0 if all(p.clean for p in proposals) else 1


HELP = """Ask about the corpus ("which drafts mention AVRR?", "what does IOM/1/4 op 8 say?",
"how many operative clauses does IOM/1/3 have?"), follow up ("and in the preamble?"),
ask for clauses ("propose two operative clauses on witness protection"), or revise
("strengthen clause 2", "shorten: 3. *Encourages* …"). Commands: /insert N (a proposal of
this conversation, see /proposals)  /proposals  /show  /lint  /fix  /undo  /redo  /help
/quit"""


def cmd_chat(args: argparse.Namespace) -> int:
    from assistant.asking.memory import ConversationStore

    ws = _workspace(args.backend)
    store = ConversationStore(ws.data_dir / "conversations")
    conversation = Conversation() if args.new else store.load(args.session)
    doc = DraftDocument(_read_draft(args.draft) or "", ws.linter, ws.parser, args.profile)
    history = DraftHistory.start(doc.text)
    sys.stdout.write(HELP + "\n")
    if conversation.messages:
        turns = len(conversation.messages) // 2
        sys.stdout.write(
            f"(session {args.session!r} restored: {turns} earlier question(s), "
            f"{len(conversation.proposals)} proposal(s); --new starts afresh)\n"
        )
    live = sys.stdin.isatty() and sys.stdout.isatty()
    while (line := _next_line(live)) is not None:
        message = line.strip()
        if not message:
            continue
        if message.startswith("/"):
            if not _command(message, doc, conversation, args.draft, history):
                break
            store.save(args.session, conversation)
            continue
        before = len(conversation.proposals)
        answer, streamed = None, False
        for event in ws.assistant.stream(message, doc.text, args.profile, None, conversation):
            if isinstance(event, ChatAnswer):
                answer = event.answer
            elif live and event.text:  # the model's words as they come
                sys.stdout.write(event.text)
                sys.stdout.flush()
                streamed = True
        store.save(args.session, conversation)
        if answer is None:
            continue
        sys.stdout.write(("\n\n" if streamed else "") + plain(answer.text) + "\n")
        made = len(conversation.proposals) - before
        if made:
            numbers = ", ".join(str(n) for n in range(before + 1, before + made + 1))
            sys.stdout.write(f"(proposal {numbers}: /insert N puts proposal N into the draft)\n")
    return 0


def _next_line(live: bool) -> str | None:
    """The user's next line: with a prompt at a terminal; None at the end of input."""
    if live:
        try:
            return input("you> ")
        except EOFError:
            return None
    line = sys.stdin.readline()
    return line if line else None


def plain(markdown: str) -> str:
    """An answer for a terminal: Markdown emphasis and code marks taken off, clause
    emphasis (``*Urges*``) kept, since it is part of the clause as it goes into a draft."""
    text = re.sub(r"\*\*([^*\n]+)\*\*", r"\1", markdown)
    return re.sub(r"`([^`\n]+)`", r"\1", text)


def _command(
    message: str,
    doc: DraftDocument,
    conversation: Conversation,
    path: str | None,
    history: DraftHistory | None = None,
) -> bool:
    history = history or DraftHistory.start(doc.text)
    before = doc.text
    word = message.partition(" ")[0]
    if word in ("/quit", "/exit"):
        return False
    if word in ("/undo", "/redo"):
        _step(word, doc, history, path)
        return True
    _draft_command(message, doc, conversation, path)
    if doc.text != before:  # /insert and /fix are steps /undo takes back
        history.operation(before, doc.text, word.lstrip("/"))
    return True


def _step(word: str, doc: DraftDocument, history: DraftHistory, path: str | None) -> None:
    """/undo or /redo: the draft as it was before (or after) the last change."""
    label = history.undo_label() if word == "/undo" else history.redo_label()
    text = history.undo(doc.text) if word == "/undo" else history.redo(doc.text)
    if text is None:
        sys.stdout.write(f"nothing to {word.lstrip('/')}\n")
        return
    doc.text = text
    if path:
        Path(path).write_text(doc.text, "utf-8")
    sys.stdout.write(f"{word.lstrip('/')}ne: {label}\n{doc.text}\n")


def _draft_command(
    message: str, doc: DraftDocument, conversation: Conversation, path: str | None
) -> None:
    word, _, rest = message.partition(" ")
    made = conversation.proposals
    if word == "/insert" and not (rest.strip().isdigit() and 0 < int(rest) <= len(made)):
        have = f"1 to {len(made)}" if made else "none yet: ask for a clause first"
        sys.stdout.write(f"/insert N: N is a proposal number ({have}); see /proposals\n")
    elif word == "/insert":
        doc.insert(made[int(rest) - 1])
        conversation.mark_inserted(int(rest) - 1)
        if path:
            Path(path).write_text(doc.text, "utf-8")
        sys.stdout.write(doc.text + "\n")
    elif word == "/proposals":
        for n, (p, used) in enumerate(zip(made, conversation.inserted, strict=True), start=1):
            sys.stdout.write(f"{n}. {'[inserted] ' if used else ''}{p.text}\n")
        if not made:
            sys.stdout.write("no proposals yet\n")
    elif word == "/show":
        sys.stdout.write(doc.text + "\n")
    elif word == "/lint":
        diagnostics = doc.lint()
        sys.stdout.write("\n".join(d.render() for d in diagnostics) or "no problems found")
        sys.stdout.write("\n")
    elif word == "/fix":
        remaining = doc.fix_all()
        if path:
            Path(path).write_text(doc.text, "utf-8")
        sys.stdout.write(f"fixed; {len(remaining)} problem(s) left\n")
    else:
        sys.stdout.write(HELP + "\n")
