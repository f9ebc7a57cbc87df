"""``serve``: the Gradio drafting workspace in a browser, on 127.0.0.1 by default."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any

from assistant.settings import Settings, load_settings, quiet_network
from assistant.workspace import Workspace

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="the drafting workspace in your browser")
    p.add_argument("--host", help="address to bind (default 127.0.0.1, settings: serve.host)")
    p.add_argument("--port", type=int, help="port (default 7860, settings: serve.port)")
    p.add_argument(
        "--no-warm-up",
        action="store_true",
        help="start at once; index and load the model on first use instead",
    )
    p.set_defaults(func=cmd_serve)


def build_server(
    settings: Settings, host: str | None = None, port: int | None = None, warm_up: bool = True
) -> tuple[Any, dict[str, Any]]:
    """The workspace app for ``settings`` and its launch arguments."""
    quiet_network()
    from ui.app import build_app, launch_options
    from ui.pool import WorkspacePool
    from ui.session import Sessions

    options = launch_options(settings.serve, settings.data_dir, host, port)
    ws = Workspace(settings)
    if warm_up:  # index the corpus and load the model before the first request
        log.info("preparing the workspace: corpus index and model")
        ws.ensure_indexed()
        _ = ws.assistant
    sessions = Sessions(
        settings.data_dir, settings.profile or "auto", settings.llm, settings.precedents
    )
    app = build_app(WorkspacePool(ws), sessions, settings.serve.max_upload_mb)
    return app, options


def cmd_serve(args: argparse.Namespace) -> int:
    if not args.no_warm_up:
        sys.stderr.write("Preparing the workspace (the first start indexes the corpus)…\n")
    app, options = build_server(load_settings(), args.host, args.port, not args.no_warm_up)
    where = f"http://{options['server_name']}:{options['server_port']}"
    sys.stderr.write(f"Clausewright workspace on {where} (Ctrl+C to stop)\n")
    app.queue().launch(**options)
    return 0
