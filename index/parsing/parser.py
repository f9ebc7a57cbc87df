"""Parsing resolution files into the clause tree: the public entry points.

``parse_file(path)`` reads one file (which may hold several resolutions) and returns
its resolutions with the warnings of anything it could not place; ``parse_paths``
walks files and folders and keeps going past a bad file, collecting its error.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from index.clause_tree import Corpus, ParseWarning, Resolution
from index.errors import ClausewrightError, InputError
from index.parsing.cleaning import clean_lines
from index.parsing.headers import read_header, split_resolutions
from index.parsing.lexicon import Lexicon
from index.parsing.line_joining import Vocabulary
from index.parsing.segmenting import _OP, Segmenter, find_lead
from index.parsing.source_files import SUFFIXES, read_source
from index.parsing.tree_building import TreeBuilder, UniqueNames

log = logging.getLogger(__name__)


@dataclass
class ParseReport:
    """What parsing a set of paths gave: resolutions, and errors per failed file."""

    corpus: Corpus = field(default_factory=Corpus)
    errors: list[ClausewrightError] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class Parser:
    """Parses resolution text with a given phrase lexicon."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or Lexicon.default()

    def parse_file(self, path: str | Path, encoding: str | None = None) -> list[Resolution]:
        source = read_source(path, encoding=encoding)
        return self.parse_lines(source.lines, source.path)

    def parse_text(self, text: str, source: str = "<text>") -> list[Resolution]:
        return self.parse_lines(text.replace("\r\n", "\n").split("\n"), source)

    def parse_lines(self, raw: list[str], source: str) -> list[Resolution]:
        if not any(line.strip() for line in raw):
            raise InputError(source, "file has no text", 1)
        cleaned = clean_lines(raw, source)
        vocab = Vocabulary.from_lines([ln.text for ln in cleaned.lines])
        blocks = split_resolutions(cleaned.lines)
        resolutions = []
        symbols = UniqueNames()  # the symbols cited so far in this file
        for n, block in enumerate(blocks, start=1):
            res = self._parse_block(block, raw, source, vocab, (n, len(blocks)), symbols)
            resolutions.append(res)
        if not any(r.preambulatory or r.operative for r in resolutions):
            first = next((ln.no for ln in cleaned.lines if ln.text), 1)
            raise InputError(
                source,
                "no recognisable resolution clauses (no leading phrases "
                "such as 'Recalling' or numbered operative clauses)",
                first,
            )
        _place_file_warnings(cleaned.warnings, resolutions)
        return resolutions

    def _is_clause_start(self, text: str) -> bool:
        return bool(_OP.match(text)) or find_lead(text, self.lexicon) is not None

    def _parse_block(self, block, raw, source, vocab, position, symbols) -> Resolution:
        head = read_header(block, self._is_clause_start)
        written = head.symbol or _fallback_symbol(source, *position)
        symbol = symbols.claim(written)
        body = block[head.end :] if head.rest is None else [head.rest, *block[head.end :]]
        paras, unplaced = Segmenter(self.lexicon).segment(body)
        builder = TreeBuilder(symbol, source, vocab, raw)
        pre, ops, extras = builder.build(paras)
        content = [ln.no for ln in block if ln.text and not ln.noise]
        res = Resolution(
            symbol=symbol,
            source=source,
            lines=(content[0], content[-1]) if content else (block[0].no, block[0].no),
            body=head.body,
            topic=head.topic,
            sponsors=head.sponsors,
            signatories=head.signatories,
            opening=head.opening,
            opening_line=head.opening_line,
            preambulatory=pre,
            operative=ops,
            annexes=extras["annexes"],
            closing=extras["closing"],
            footnotes=extras["footnotes"],
        )
        _drop_footnote_markers(res)
        res.warnings.extend(_header_warnings(head, source, symbol))
        if symbol != written:
            res.warnings.append(
                ParseWarning(
                    source,
                    (res.lines[0], res.lines[0]),
                    "W005",
                    f"resolution {written} occurs twice in this file; the second is cited "
                    f"as {symbol}",
                )
            )
        res.warnings.extend(builder.warnings)
        res.warnings.extend(_numbering_warnings(res, source))
        for ln in [*head.unplaced, *unplaced]:
            res.warnings.append(
                ParseWarning(
                    source,
                    (ln.no, ln.no),
                    "W001",
                    f"text not placed in any clause: {ln.text[:80]!r}",
                )
            )
        return res


def _place_file_warnings(warnings: list[ParseWarning], resolutions: list[Resolution]) -> None:
    """Put each cleaning warning first in the resolution whose lines hold it (else the last);
    several in one resolution go in reverse order of their lines.

    Resolutions come in file order and do not overlap, so the owner is found by bisection.
    """
    starts = [r.lines[0] for r in resolutions]
    placed: dict[int, list[ParseWarning]] = {}
    for warning in warnings:
        line = warning.lines[1]
        k = bisect_right(starts, line) - 1
        owner = k if k >= 0 and line <= resolutions[k].lines[1] else len(resolutions) - 1
        placed.setdefault(owner, []).append(warning)
    for k, found in placed.items():
        resolutions[k].warnings[:0] = found[::-1]


# footnote markers whose form says what they are, after a mark: "Council,[1]",
# "abuse,78/", "consider,**/" (its stars already read as emphasis: "consider,/")
_MARKED_FOOTNOTE = re.compile(r"(?<=[,;:.])(?:\[\^?\d{1,3}\]|(?:\d{1,3}|\*{1,3})?/)(?=\s|$)")


def _drop_footnote_markers(res: Resolution) -> None:
    """Take footnote reference numbers ('Development,1', 'Council,[1]') off clause text."""
    for clause in res.clauses():
        clause.text = _MARKED_FOOTNOTE.sub("", clause.text)
    numbers = [m.group(1) for b in res.footnotes if (m := re.match(r"(\d{1,2})\s", b.text))]
    if not numbers:
        return
    alternatives = "|".join(numbers)
    marker = re.compile(rf"(?<=[A-Za-z,.;:)”\"])({alternatives})(?=[\s,;.]|$)")
    for clause in res.clauses():
        clause.text = marker.sub("", clause.text)


def _fallback_symbol(source: str, n: int, total: int) -> str:
    stem = re.sub(r"[^\w.-]+", "-", Path(source).stem).strip("-") or "doc"
    return stem if total == 1 else f"{stem}#{n}"


def _header_warnings(head, source: str, symbol: str) -> list[ParseWarning]:
    out = []
    first = head.opening_line or 1
    if head.symbol is None:
        out.append(
            ParseWarning(
                source,
                (first, first),
                "W002",
                f"no symbol found (Code:, Resolution …, A/RES/…); cited as {symbol}",
            )
        )
    if head.opening is None:
        out.append(
            ParseWarning(
                source,
                (first, first),
                "W006",
                "no opening line naming the body ('The General Assembly,')",
            )
        )
    return out


def _numbering_warnings(res: Resolution, source: str) -> list[ParseWarning]:
    out = []
    expected = 1
    for clause in res.operative:
        if not clause.numbered:
            continue
        if clause.number != expected:
            out.append(
                ParseWarning(
                    source,
                    clause.lines,
                    "W007",
                    f"operative clause numbered {clause.number} where {expected} was expected",
                )
            )
        expected = (clause.number or 0) + 1
    return out


def iter_source_files(paths: list[str | Path]) -> list[Path]:
    """Files to parse under the given files and folders, in a stable order."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(
                sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
            )
        else:
            out.append(p)
    return out


def parse_paths(
    paths: list[str | Path], parser: Parser | None = None, encoding: str | None = None
) -> ParseReport:
    """Parse every file under ``paths``; a bad file is reported and the rest go on."""
    parser = parser or Parser()
    report = ParseReport()
    for path in iter_source_files(paths):
        report.files.append(str(path))
        try:
            report.corpus.resolutions.extend(parser.parse_file(path, encoding=encoding))
        except ClausewrightError as exc:
            log.info("%s", exc)  # returned to the caller, who reports it
            report.errors.append(exc)
    return report


def default_corpus_dir() -> Path:
    """The seed corpus shipped inside the package."""
    return Path(__file__).resolve().parents[1] / "corpus"
