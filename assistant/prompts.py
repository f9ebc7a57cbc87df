"""Prompt templates as data files (``prompts/*.toml``), validated when loaded.

A prompt file declares ``name``, ``description``, ``variables`` (every ``{name}`` the
template uses, no more and no fewer), ``template`` and optionally ``system``. A file
that does not match its declaration is refused with a message naming the file.
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from index.errors import ConfigurationError


@dataclass(frozen=True)
class Prompt:
    name: str
    description: str
    variables: tuple[str, ...]
    template: str
    system: str | None = None
    origin: str = ""

    def render(self, **values: object) -> str:
        """The template with every declared variable filled in."""
        missing = set(self.variables) - set(values)
        extra = set(values) - set(self.variables)
        if missing or extra:
            raise ConfigurationError(
                f"prompt {self.name!r} ({self.origin}) takes {sorted(self.variables)}; "
                f"missing {sorted(missing)}, unexpected {sorted(extra)}"
            )
        return self.template.format(**values)

    def messages(self, **values: object) -> list[tuple[str, str]]:
        """(role, text) pairs for a chat model: the system text, then the rendered prompt."""
        out = [("system", self.system)] if self.system else []
        return [*out, ("human", self.render(**values))]


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def parse_prompt(text: str, origin: str) -> Prompt:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigurationError(f"{origin}: not valid TOML: {exc}") from exc
    for key in ("name", "variables", "template"):
        if key not in data:
            raise ConfigurationError(f"{origin}: a prompt file needs {key!r}")
    declared = set(data["variables"])
    used = placeholders(data["template"])
    if declared != used:
        raise ConfigurationError(
            f"{origin}: variables {sorted(declared)} do not match the template's "
            f"placeholders {sorted(used)}"
        )
    return Prompt(
        data["name"],
        data.get("description", "").strip(),
        tuple(data["variables"]),
        data["template"],
        data.get("system"),
        origin,
    )


class PromptLibrary:
    """The shipped prompts, optionally overridden by files in a user folder."""

    def __init__(self, override_dir: str | Path | None = None) -> None:
        self.prompts: dict[str, Prompt] = {}
        for item in resources.files("prompts").iterdir():
            if item.name.endswith(".toml"):
                prompt = parse_prompt(item.read_text("utf-8"), f"prompts/{item.name}")
                self.prompts[prompt.name] = prompt
        if override_dir is not None and Path(override_dir).is_dir():
            for path in sorted(Path(override_dir).glob("*.toml")):
                prompt = parse_prompt(path.read_text("utf-8"), str(path))
                self.prompts[prompt.name] = prompt

    def __getitem__(self, name: str) -> Prompt:
        try:
            return self.prompts[name]
        except KeyError:
            raise ConfigurationError(
                f"no prompt {name!r}; known: {', '.join(sorted(self.prompts))}"
            ) from None
