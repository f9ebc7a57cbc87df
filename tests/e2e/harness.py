"""Running ``clausewright serve`` and a headless Chromium for the end-to-end tests.

The server runs as a subprocess with its own data directory and with every proxy
variable pointing at :class:`ConnectionRecorder`, a local listener that notes each
connection attempt: a library that tried to reach the internet through the usual
proxy settings would show up there.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from playwright.sync_api import Browser, Page, Playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ConnectionRecorder:
    """A local TCP listener that records the first line of every connection to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.seen: list[str] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _addr = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    first = conn.recv(512).split(b"\r\n", 1)[0]
                except OSError:
                    first = b"?"
                self.seen.append(first.decode("latin-1"))

    def close(self) -> None:
        self.sock.close()


class Server:
    """``clausewright serve`` on a free port, restartable on the same port and data."""

    def __init__(self, data_dir: Path, log_dir: Path, recorder: ConnectionRecorder) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log_dir = log_dir
        proxy = f"http://127.0.0.1:{recorder.port}"
        inherited = {k: v for k, v in os.environ.items() if not k.startswith("CLAUSEWRIGHT_")}
        self.env = {  # the defaults (embedded model and embedder), a fresh data directory
            **inherited,
            "CLAUSEWRIGHT_DATA_DIR": str(data_dir),
            "HTTP_PROXY": proxy,
            "HTTPS_PROXY": proxy,
            "ALL_PROXY": proxy,
            "http_proxy": proxy,
            "https_proxy": proxy,
            "NO_PROXY": "127.0.0.1,localhost",
            "no_proxy": "127.0.0.1,localhost",
        }
        for name in ("GRADIO_ANALYTICS_ENABLED", "HF_HUB_OFFLINE", "ORT_DISABLE_TELEMETRY"):
            self.env.pop(name, None)  # the serve command must switch these off itself
        self.proc: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self, timeout: float = 600) -> float:
        """Start and wait until the page answers; return the seconds it took."""
        self.starts += 1
        log = self.log_dir / f"serve-{self.starts}.log"
        began = time.monotonic()
        with open(log, "wb") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "assistant", "serve", "--port", str(self.port)],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        while time.monotonic() - began < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"serve exited early:\n{log.read_text(errors='replace')}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return time.monotonic() - began
            except OSError:
                time.sleep(0.5)
        raise TimeoutError(f"serve did not start in {timeout:.0f} s:\n{log.read_text()}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None

    def log_text(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in sorted(self.log_dir.glob("*.log")))


def launch_chromium(playwright: Playwright) -> Browser:
    if not Path(CHROMIUM).exists():
        raise RuntimeError(
            f"{CHROMIUM} is missing: run scripts/setup as root or `apt-get install chromium`"
        )
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


# -- the workspace page ------------------------------------------------------------------

DRAFT = "#draft-text textarea"
_VALUE = "(document.querySelector('#draft-text textarea') || {value: ''}).value"
_TEXT = "(document.querySelector(sel) || {innerText: ''}).innerText"


def open_workspace(page: Page, url: str) -> None:
    """Open the page and wait until its load events are done (draft restored and linted)."""
    page.goto(url)
    wait_draft_where(page, "v.includes('The ')")
    page.wait_for_function(
        "() => { const e = document.querySelector('#lint-summary');"
        " return e && e.innerText.trim().length > 0; }",
        timeout=60_000,
    )


def wait_draft_where(page: Page, test: str, arg: object = None, timeout_ms: int = 30_000) -> None:
    """Wait until the JS expression ``test`` holds for the draft's text ``v`` (and ``a``)."""
    page.wait_for_function(
        f"a => {{ const v = {_VALUE}; return {test}; }}", arg=arg, timeout=timeout_ms
    )


def wait_draft(page: Page, text: str, timeout_ms: int = 30_000) -> None:
    """Wait until the draft editor holds ``text`` (a failure shows both texts)."""
    try:
        wait_draft_where(page, "v === a", text, timeout_ms)
    except PlaywrightTimeout:
        assert draft_text(page) == text


def wait_text(page: Page, selector: str, contains: str, timeout_ms: int = 30_000) -> str:
    """Wait until the element shows ``contains``; return its text."""
    page.wait_for_function(
        f"([sel, s]) => {_TEXT}.includes(s)", arg=[selector, contains], timeout=timeout_ms
    )
    return page.inner_text(selector)


def ask(page: Page, message: str, timeout_ms: int = 240_000) -> str:
    """Send a chat message and wait for the whole answer; return the answer's text."""
    bots = page.locator("#chat .bot")
    before = bots.count()
    page.fill("#chat-input textarea", message)
    page.click("#send")
    page.wait_for_function(
        "n => document.querySelectorAll('#chat .bot').length > n", arg=before, timeout=timeout_ms
    )
    # the status line says "Writing…" until the answer, its citations and proposals are in
    page.wait_for_function(
        f"([sel]) => {{ const t = {_TEXT}; return t.length > 0 && !t.includes('Writing'); }}",
        arg=["#chat-status"],
        timeout=timeout_ms,
    )
    return bots.last.inner_text()


def draft_text(page: Page) -> str:
    return page.input_value(DRAFT)


def wait_lint(page: Page, contains: str, timeout_ms: int = 30_000) -> str:
    return wait_text(page, "#lint-summary", contains, timeout_ms)
