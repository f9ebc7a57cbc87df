"""The ``clausewright`` command line: wiring only; the work is done by the services.

Each sub-command lives in ``assistant/commands/<area>.py`` and registers itself with
``register(subparsers)``. Errors of the ClausewrightError family print as one line and
exit with status 2; anything else is a bug and keeps its traceback. Output cut short by
its reader (``clausewright … | head``) ends the command quietly, with status 141 as a
shell reports for SIGPIPE.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Sequence

from assistant.settings import quiet_network
from index.errors import ClausewrightError

log = logging.getLogger(__name__)

COMMAND_MODULES = ("corpus", "search", "lint", "conversation", "eval", "serve")


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = argparse.ArgumentParser(
        prog="clausewright",
        description="Offline assistant for drafting UN and Model UN resolutions.",
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(f"assistant.commands.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _run(argv)
    except BrokenPipeError:
        _stop_writing_stdout()
        return 141


def _run(argv: Sequence[str] | None) -> int:
    quiet_network()
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("bm25s", "chromadb", "httpx", "urllib3"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
    try:
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return code
    except ClausewrightError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130


def _stop_writing_stdout() -> None:
    """Point stdout at /dev/null, so that flushing it at exit raises nothing more."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
