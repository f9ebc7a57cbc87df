"""LaTeX MUN resolution templates turned into plain resolution text.

MUN LaTeX templates write clauses as macros: ``\\pream{Noting}{with concern that …}`` and
``\\operative{Calls}{upon …}`` (``\\operative*`` for the last one), with the numbers made
by the template. Each becomes the line a text file would hold (``*Noting* with concern
that …,`` and ``1. *Calls* upon …;``); header macros (``\\committee{…}``, ``\\resNum{…}``)
become header fields. Every source line stays on its own line, so line numbers in
warnings and citations are those of the .tex file.
"""

from __future__ import annotations

import re

_COMMAND = re.compile(r"\\([A-Za-z]+)(\*?)")
_COMMENT = re.compile(r"(?<!\\)%.*$", re.MULTILINE)
_HEADER_FIELDS = {
    "committee": "Committee: {}",
    "resnum": "Code: {}",
    "topic": "Topic: {}",
    "restitle": "Topic: {}",
    "title": "Topic: {}",
    "sponsors": "Sponsors: {}",
    "signatories": "Signatories: {}",
}
_EMPHASIS = {"textit": "*", "emph": "*", "textbf": "**", "underline": "_", "uline": "_"}
_ESCAPES = [("\\%", "%"), ("\\&", "&"), ("\\$", "$"), ("\\#", "#"), ("\\_", "_"), ("~", " ")]
_CLAUSE_END = re.compile(r"[,;:.]\s*$")


def latex_to_lines(text: str) -> list[str]:
    """The resolution text of a LaTeX template, one line per source line."""
    plain = _Converter().convert(_COMMENT.sub("", text.replace("\r\n", "\n")))
    plain = plain.replace("\\\\", "")
    for escaped, char in _ESCAPES:
        plain = plain.replace(escaped, char)
    return [line.rstrip() for line in plain.split("\n")]


class _Converter:
    """Replaces the macros of one file; numbers the operative clauses as it goes."""

    def __init__(self) -> None:
        self.operatives = 0

    def convert(self, text: str) -> str:
        out: list[str] = []
        pos = 0
        for m in _COMMAND.finditer(text):
            if m.start() < pos:
                continue  # inside the arguments of a macro already converted
            out.append(text[pos : m.start()])
            name = m.group(1).lower()
            args, end = _arguments(text, m.end(), 2 if name in ("pream", "operative") else 1)
            if args is None:
                pos = m.end()
                continue
            out.append(self._replace(name, bool(m.group(2)), args))
            pos = end
        out.append(text[pos:])
        return "".join(out)

    def _replace(self, name: str, star: bool, args: list[str]) -> str:
        if name == "pream":
            return _clause(f"*{args[0].strip()}*", self.convert(args[1]), ",")
        if name == "operative":
            self.operatives += 1
            lead = f"{self.operatives}. *{args[0].strip()}*"
            return _clause(lead, self.convert(args[1]), "." if star else ";")
        if name in _HEADER_FIELDS:
            return _HEADER_FIELDS[name].format(self.convert(args[0]).strip())
        if name in _EMPHASIS:
            marker = _EMPHASIS[name]
            return f"{marker}{self.convert(args[0])}{marker}"
        # other macros (dates, meeting numbers, layout): no clause text, but their lines
        return "\n" * args[0].count("\n")


def _clause(lead: str, body: str, mark: str) -> str:
    body = body.strip(" \t")
    return f"{lead} {body}" if _CLAUSE_END.search(body) else f"{lead} {body}{mark}"


def _arguments(text: str, pos: int, count: int) -> tuple[list[str] | None, int]:
    """``count`` brace groups from ``pos`` (spaces allowed between), and where they end."""
    args: list[str] = []
    for _ in range(count):
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        if pos >= len(text) or text[pos] != "{":
            return None, pos
        depth, start = 0, pos
        for i in range(pos, len(text)):
            if text[i] == "{" and text[i - 1] != "\\":
                depth += 1
            elif text[i] == "}" and text[i - 1] != "\\":
                depth -= 1
                if depth == 0:
                    args.append(text[start + 1 : i])
                    pos = i + 1
                    break
        else:
            return None, pos
    return args, pos
