"""Sub-clause labels: recognising ``a.``, ``(a)``, ``a)``, ``i.``, ``(ii)``, ``(1)``.

A label has a *form* (``dot`` ``a.``, ``paren`` ``(a)``, ``close`` ``a)``) and a *kind*
(``alpha`` a b c, ``roman`` i ii iii, ``num`` 1 2 3). Letters such as ``i``, ``v`` and
``x`` are both alpha and roman; the parser settles which from the labels around them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Form = Literal["dot", "paren", "close"]
Kind = Literal["alpha", "roman", "num"]

_ROMAN_RE = re.compile(r"^(x{0,3})(ix|iv|v?i{0,3})$")
LABEL_RE = re.compile(
    r"^(?:\((?P<paren>[a-z]{1,2}|[ivxl]{1,6}|\d{1,2})\)"
    r"|(?P<close>[a-z]{1,2}|[ivxl]{1,6})\)"
    r"|(?P<dot>[a-z]|[ivxl]{1,6})\.)\s+(?=\S)"
)

_ROMAN_TABLE = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]


def to_roman(n: int) -> str:
    """Lower-case Roman numeral of a positive integer."""
    out = []
    for value, letters in _ROMAN_TABLE:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def from_roman(text: str) -> int | None:
    """Value of a lower-case Roman numeral, or None."""
    if not text or not _ROMAN_RE.match(text):
        return None
    values = {"i": 1, "v": 5, "x": 10, "l": 50}
    total = 0
    for a, b in zip(text, text[1:] + " ", strict=True):
        va = values[a]
        total += -va if b != " " and values.get(b, 0) > va else va
    return total


def alpha_index(text: str) -> int | None:
    """1 for a, 26 for z, 27 for aa (the UN's continuation after z)."""
    if len(text) == 1 and text.isalpha():
        return ord(text) - 96
    if len(text) == 2 and text[0] == text[1] and text.isalpha():
        return 26 + ord(text[0]) - 96
    return None


def make_label(kind: Kind, n: int) -> str:
    """The label text of the n-th item of a kind (1-based)."""
    if kind == "num":
        return str(n)
    if kind == "roman":
        return to_roman(n)
    return chr(96 + n) if n <= 26 else chr(96 + n - 26) * 2


def render(label: str, form: Form) -> str:
    """How a label is written in a given form."""
    return {"dot": f"{label}.", "paren": f"({label})", "close": f"{label})"}[form]


@dataclass(frozen=True)
class Label:
    """A label as found at the start of a line."""

    text: str
    form: Form
    end: int  # offset after the label and its spaces

    def readings(self) -> list[tuple[Kind, int]]:
        """Possible (kind, position) readings, alpha first."""
        out: list[tuple[Kind, int]] = []
        if self.text.isdigit():
            return [("num", int(self.text))]
        a = alpha_index(self.text)
        if a is not None:
            out.append(("alpha", a))
        r = from_roman(self.text)
        if r is not None:
            out.append(("roman", r))
        return out


def find_label(text: str) -> Label | None:
    """The sub-clause label at the start of ``text``, if any."""
    m = LABEL_RE.match(text)
    if not m:
        return None
    form: Form = next(k for k in ("paren", "close", "dot") if m.group(k))
    label = Label(m.group(form), form, m.end())
    return label if label.readings() else None
