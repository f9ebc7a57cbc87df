"""Building and serving the workspace app (fake backend, no browser)."""

from __future__ import annotations

import json
import socket
import stat
import urllib.error
import urllib.parse
import urllib.request

import gradio as gr
import pytest

from assistant.cli import build_parser
from assistant.commands.serve import build_server, cmd_serve
from assistant.settings import ServeSettings, Settings
from index.errors import ConfigurationError
from ui.app import launch_options
from ui.session import Sessions


def _settings(tmp_path, **serve):
    return Settings(
        data_dir=tmp_path,
        llm="fake",
        embeddings="hash",
        min_similarity=0.1,
        serve=ServeSettings(**serve),
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_launch_options_bind_locally_with_limits_and_optional_auth(tmp_path):
    opts = launch_options(ServeSettings(), tmp_path)
    assert (opts["server_name"], opts["server_port"]) == ("127.0.0.1", 7860)
    assert opts["auth"] is None and opts["share"] is False and opts["max_file_size"] == "20mb"
    assert opts["allowed_paths"] == [str(tmp_path / "exports")]
    opts = launch_options(
        ServeSettings(username="ann", password="pw", max_upload_mb=5),
        "d",
        host="0.0.0.0",
        port=9000,
    )
    assert opts["auth"] == ("ann", "pw") and opts["max_file_size"] == "5mb"
    assert (opts["server_name"], opts["server_port"]) == ("0.0.0.0", 9000)
    with pytest.raises(ConfigurationError, match="both"):
        launch_options(ServeSettings(username="ann"), tmp_path)


def test_serve_command_takes_host_and_port():
    args = build_parser().parse_args(["serve", "--host", "0.0.0.0", "--port", "8123"])
    assert (args.func, args.host, args.port) == (cmd_serve, "0.0.0.0", 8123)
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.no_warm_up) == (None, None, False)


def test_build_server_makes_the_page_with_its_parts(tmp_path):
    app, opts = build_server(_settings(tmp_path), port=8124, warm_up=False)
    assert isinstance(app, gr.Blocks) and opts["server_port"] == 8124
    ids = {c.get("props", {}).get("elem_id") for c in app.config["components"]}
    for part in (
        "chat",
        "citations",
        "clause-viewer",
        "proposals",
        "insert",
        "draft-text",
        "lint-summary",
        "diagnostics",
        "export-docx",
        "export-md",
        "upload",
        "corpus-table",
        "parse-warnings",
        "backend",
        "profile",
        "undo",
        "redo",
        "history-status",
        "draft-pick",
        "new-draft",
        "rename-draft",
        "delete-draft",
        "move-clause",
        "move-up",
        "move-down",
        "export-pdf",
        "header-lists",
        "code-help",
    ):
        assert part in ids, part
    assert app.analytics_enabled is False


def test_session_secret_is_stable_and_private(tmp_path):
    first = Sessions(tmp_path).secret()
    assert Sessions(tmp_path).secret() == first and len(first) >= 32
    mode = (tmp_path / "ui" / "session-secret").stat().st_mode
    assert stat.S_IMODE(mode) == 0o600


def test_served_page_answers_and_auth_guards_it(tmp_path):
    port = _free_port()
    app, opts = build_server(
        _settings(tmp_path, username="ann", password="pw"), port=port, warm_up=False
    )
    app.queue().launch(prevent_thread_lock=True, quiet=True, **opts)
    try:
        url = f"http://127.0.0.1:{port}"
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"{url}/config", timeout=10)
        assert err.value.code == 401
        data = urllib.parse.urlencode({"username": "ann", "password": "pw"}).encode()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        assert opener.open(f"{url}/login", data, timeout=10).status == 200
        config = json.loads(opener.open(f"{url}/config", timeout=10).read())
        assert config["title"] == "Clausewright"
    finally:
        app.close()
