"""Style profiles: what a conference's house style requires, as data.

A profile is a TOML file (``assistant/lint/profiles/<name>.toml`` for the shipped ones):
the sub-clause label sequence by depth, the emphasis of leading phrases, the closing
punctuation of each kind of clause, whether operatives must be numbered and whether the
opening line is required, and extra leading phrases. ``extends = "un"`` starts from
another profile and overrides what it sets.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.clause_tree import Resolution
from index.errors import ConfigurationError, InputError
from index.parsing.labels import Form, Kind, make_label, render

log = logging.getLogger(__name__)

BUILTIN_DIR = Path(__file__).parent / "profiles"
EMPHASIS_MARKERS = {"italic": "*", "underline": "_", "bold": "**"}
_TEMPLATE = re.compile(r"^(?:\((?P<paren>\w+)\)|(?P<close>\w+)\)|(?P<dot>\w+)\.)$")


@dataclass(frozen=True)
class LabelStep:
    """The label form and kind a profile uses at one depth (``(a)``: paren, alpha)."""

    form: Form
    kind: Kind

    def label(self, n: int) -> str:
        """The label of the n-th item (1-based), as written: ``(b)``, ``ii.``."""
        return render(make_label(self.kind, n), self.form)

    @classmethod
    def parse(cls, template: str) -> LabelStep:
        m = _TEMPLATE.match(template.strip())
        if not m:
            raise ConfigurationError(f"label template {template!r} is not like (a), a) or a.")
        form = next(k for k in ("paren", "close", "dot") if m.group(k))
        text = m.group(form)
        kind = "num" if text.isdigit() else "roman" if text == "i" else "alpha"
        return cls(form, kind)  # type: ignore[arg-type]


@dataclass
class Profile:
    """One house style."""

    name: str
    description: str = ""
    labels: list[LabelStep] = field(default_factory=list)
    emphasis: dict[str, list[str]] = field(default_factory=dict)
    preambulatory_end: str = ","
    operative_end: str = ";"
    last_operative_end: str = "."
    chapeau_end: str = ":"
    subclause_ends: list[str] = field(default_factory=lambda: [";"])
    preambulatory_subclause_ends: list[str] = field(default_factory=lambda: [",", ";"])
    numbering: str = "required"  # required | consistent
    opening: str = "required"  # required | optional
    substance: bool = False  # the 6xx rules: acronyms, references, body, Council style
    phrases: dict[str, dict[str, str]] = field(default_factory=dict)
    origin: str = ""

    def label_step(self, depth: int) -> LabelStep | None:
        """The label the profile wants at a depth (1 = first sub-clause level), if any."""
        return self.labels[depth - 1] if 0 < depth <= len(self.labels) else None

    def accepted_emphasis(self, kind: str) -> list[str]:
        """Emphasis styles accepted for a clause kind; empty when not checked."""
        return list(self.emphasis.get(kind, []))

    @classmethod
    def from_dict(cls, data: dict[str, Any], origin: str) -> Profile:
        punct = data.get("punctuation", {})
        try:
            return cls(
                name=str(data["name"]),
                description=str(data.get("description", "")),
                labels=[LabelStep.parse(t) for t in data.get("labels", [])],
                emphasis={k: [str(s) for s in v] for k, v in data.get("emphasis", {}).items()},
                preambulatory_end=punct.get("preambulatory", ","),
                operative_end=punct.get("operative", ";"),
                last_operative_end=punct.get("last_operative", "."),
                chapeau_end=punct.get("chapeau", ":"),
                subclause_ends=list(punct.get("subclause", [";"])),
                preambulatory_subclause_ends=list(punct.get("preambulatory_subclause", [",", ";"])),
                numbering=str(data.get("numbering", "required")),
                opening=str(data.get("opening", "required")),
                substance=bool(data.get("substance", False)),
                phrases={k: dict(v) for k, v in data.get("phrases", {}).items()},
                origin=origin,
            )
        except KeyError as exc:
            raise InputError(origin, f"profile lacks the field {exc.args[0]!r}") from exc
        except (TypeError, AttributeError, ValueError) as exc:
            raise InputError(origin, f"malformed profile: {exc}") from exc


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


class ProfileStore:
    """Finds profiles by name (shipped or in extra folders) or by file path."""

    def __init__(self, dirs: Sequence[str | Path] = ()) -> None:
        self.dirs = [*(Path(d) for d in dirs), BUILTIN_DIR]

    def names(self) -> list[str]:
        found = {p.stem for d in self.dirs if d.is_dir() for p in d.glob("*.toml")}
        return sorted(found)

    def get(self, name_or_path: str | Path) -> Profile:
        """A profile by name (``un``) or path (``my-conference.toml``)."""
        return Profile.from_dict(*self._load(str(name_or_path), seen=()))

    def _load(self, ref: str, seen: tuple[str, ...]) -> tuple[dict[str, Any], str]:
        path = self._find(ref)
        if str(path) in seen:
            raise InputError(path, f"profile extends itself ({' → '.join(seen)})")
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(path, f"cannot read profile: {exc}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise InputError(path, f"not a valid profile (TOML): {exc}") from exc
        data.setdefault("name", path.stem)
        base_ref = data.pop("extends", None)
        if base_ref:
            base, _ = self._load(str(base_ref), (*seen, str(path)))
            base.pop("name", None)
            data = _merge(base, data)
        log.debug("profile %s from %s", data["name"], path)
        return data, str(path)

    def _find(self, ref: str) -> Path:
        candidate = Path(ref)
        if candidate.suffix == ".toml" or candidate.is_file():
            if not candidate.is_file():
                raise InputError(candidate, "no such profile file")
            return candidate
        for d in self.dirs:
            path = d / f"{ref}.toml"
            if path.is_file():
                return path
        raise ConfigurationError(
            f"unknown profile {ref!r}; choose one of {', '.join(self.names())} "
            "or give the path of a .toml profile"
        )


def infer_profile_name(res: Resolution) -> str:
    """The shipped profile a document looks written for.

    No emphasis on any leading phrase: ``plain``. Underlined phrases or ``a)`` labels:
    ``thimun``. ``(a)`` labels: ``un``. Otherwise (italics, ``a.`` labels): ``nmun``.
    """
    clauses = [*res.preambulatory, *res.operative]
    styles = Counter(c.emphasis for c in clauses if c.emphasis != "none")
    if not styles:
        return "plain"
    forms = Counter(s.label_style for c in clauses for s in c.subclauses)
    if styles["underline"] > styles["italic"] or forms["close"] > forms["dot"] + forms["paren"]:
        return "thimun"
    if forms["paren"] > forms["dot"]:
        return "un"
    return "nmun"
