"""`clausewright COMMAND --help` explains every argument a user must type."""

from __future__ import annotations

import argparse

from assistant.cli import build_parser


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    out: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:  # argparse keeps its subcommands here
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                out[name] = sub
                out.update({f"{name} {k}": v for k, v in _subparsers(sub).items()})
    return out


def test_every_positional_argument_has_a_description():
    missing = [
        f"{name}: {action.dest}"
        for name, sub in _subparsers(build_parser()).items()
        for action in sub._actions
        if not action.option_strings
        and not isinstance(action, argparse._SubParsersAction)
        and not action.help
    ]
    assert missing == []


def test_the_commands_that_take_free_text_show_examples():
    subs = _subparsers(build_parser())
    for name in ("draft", "search", "mentions", "show", "parse"):
        assert "examples:" in (subs[name].epilog or ""), name
