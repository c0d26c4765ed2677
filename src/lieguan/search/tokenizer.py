"""Search tokens for Chinese text: overlapping CJK bigrams, Latin words, one character at each run's end.

Pure Python (no Django), shared by the indexer, the query parser, the
highlighter and the benchmark, so that a text and a query always fold and
split the same way.

- Folding, one character at a time (so that every folded character maps back to
  the character it came from): NFKC (full-width ＫＩＯＳＫ → KIOSK, ① → 1),
  case folding, and the variant characters that Taiwanese documents use
  interchangeably (臺/台 …).
- A *run* is a stretch of CJK characters; whitespace between two CJK characters
  does not end it (PDF text breaks lines in mid-sentence), punctuation does.
  A run gives its overlapping bigrams, then its last character alone:
  公務車 → 公務 務車 車. Every character therefore starts exactly one token, so a
  one-character query is a prefix query (車* finds 車輛 and the 車 ending 公務車),
  and a two-character word is one token (公務, 列管, 車輛).
- A *word* is a stretch of other letters and digits (KIOSK, TaipeiON, 113, 5G),
  folded to lower case.
Tokens are whitespace-free strings of letters and digits only, so they can be
joined by spaces for the database tokenizers (FTS5 unicode61, PostgreSQL
``to_tsvector('simple', …)``) and quoted in their query languages without any
escaping.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

# Variant characters folded to one form; the first of each pair is folded to the second.
VARIANTS: dict[str, str] = {
    "臺": "台",
    "裏": "裡",
    "峯": "峰",
    "羣": "群",
    "綫": "線",
    "爲": "為",
    "衆": "眾",
    "敎": "教",
    "啓": "啟",
    "着": "著",
}
_VARIANT_TABLE = str.maketrans(VARIANTS)

# Longest query the parser reads, and most tokens it turns into database terms.
MAX_QUERY_CHARS = 200
MAX_TERMS = 16
MAX_TOKENS_PER_TERM = 48

_CJK_RANGES = (
    (0x2E80, 0x2FDF),  # radicals
    (0x3005, 0x3007),  # 々 〆 〇
    (0x3021, 0x3029),  # Suzhou numerals
    (0x3040, 0x30FF),  # kana
    (0x3100, 0x312F),  # bopomofo
    (0x31A0, 0x31BF),
    (0x3400, 0x4DBF),  # extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xAC00, 0xD7AF),  # hangul
    (0xF900, 0xFAFF),  # compatibility ideographs (NFKC maps most of them)
    (0x20000, 0x3134F),  # extensions B–G
)

CharClass = Literal["cjk", "word", "space", "mark", "other"]


def is_cjk(c: str) -> bool:
    o = ord(c)
    return any(lo <= o <= hi for lo, hi in _CJK_RANGES)


@lru_cache(maxsize=65536)
def fold(c: str) -> str:
    """One character folded for matching: NFKC, case-folded, variants unified (may be several characters)."""
    return unicodedata.normalize("NFKC", c).casefold().translate(_VARIANT_TABLE)


@lru_cache(maxsize=65536)
def char_class(c: str) -> CharClass:
    """Tokens hold letters and digits only: what every database tokenizer keeps in a word."""
    if c.isalnum():
        return "cjk" if is_cjk(c) else "word"
    if c.isspace():
        return "space"
    if unicodedata.category(c).startswith("M"):
        # A combining accent (from text typed decomposed) belongs to its letter; it is left out, not a break.
        return "mark"
    return "other"


@dataclass(frozen=True, slots=True)
class Folded:
    """A text folded for matching: ``chars[i]`` came from ``text[origin[i]]``; whitespace inside CJK runs dropped."""

    chars: str
    origin: tuple[int, ...]
    classes: tuple[CharClass, ...]


def fold_text(text: str) -> Folded:
    chars: list[str] = []
    origin: list[int] = []
    classes: list[CharClass] = []
    pending_space: list[tuple[str, int]] = []
    for i, c in enumerate(text):
        for f in fold(c):
            cls = char_class(f)
            if cls == "mark":
                continue
            if cls == "space":
                pending_space.append((" ", i))
                continue
            if pending_space:
                # Whitespace between two CJK characters is layout, not a word break.
                if not (cls == "cjk" and classes and classes[-1] == "cjk"):
                    chars.append(" ")
                    origin.append(pending_space[0][1])
                    classes.append("space")
                pending_space = []
            chars.append(f)
            origin.append(i)
            classes.append(cls)
    return Folded("".join(chars), tuple(origin), tuple(classes))


@dataclass(frozen=True, slots=True)
class Piece:
    """A CJK run or a word of a folded text, with where it lies in the folded characters."""

    kind: Literal["cjk", "word"]
    text: str
    start: int
    end: int


def pieces(folded: Folded) -> Iterator[Piece]:
    n = len(folded.chars)
    i = 0
    while i < n:
        cls = folded.classes[i]
        if cls not in ("cjk", "word"):
            i += 1
            continue
        j = i + 1
        while j < n and folded.classes[j] == cls:
            j += 1
        yield Piece(cls, folded.chars[i:j], i, j)
        i = j


def run_tokens(run: str, *, closed: bool = True) -> list[str]:
    """公務車 → 公務 務車 車; ``closed=False`` (the run may go on in the text) leaves the last character out."""
    if len(run) == 1:
        return [run]
    out = [run[k : k + 2] for k in range(len(run) - 1)]
    if closed:
        out.append(run[-1])
    return out


@lru_cache(maxsize=65536)
def _folded(c: str) -> tuple[tuple[str, CharClass], ...]:
    return tuple((f, char_class(f)) for f in fold(c))


def tokens(text: str) -> list[str]:
    """The index tokens of ``text``, in order (positions matter for phrases).

    The same as taking the ``pieces`` of ``fold_text(text)``, in one pass: this
    runs over every record when the index is rebuilt.
    """
    out: list[str] = []
    run: list[str] = []
    word: list[str] = []
    for c in text:
        for f, cls in _folded(c):
            if cls == "cjk":
                if word:
                    out.append("".join(word))
                    word = []
                run.append(f)
            elif cls == "word":
                if run:
                    out.extend(run_tokens("".join(run)))
                    run = []
                word.append(f)
            elif cls == "space":
                # A space ends a word; a CJK run goes on if CJK follows, and ends at anything else.
                if word:
                    out.append("".join(word))
                    word = []
            elif cls == "other":
                if word:
                    out.append("".join(word))
                    word = []
                if run:
                    out.extend(run_tokens("".join(run)))
                    run = []
    if word:
        out.append("".join(word))
    if run:
        out.extend(run_tokens("".join(run)))
    return out


def token_string(text: str) -> str:
    """The tokens joined by spaces: the form both databases index."""
    return " ".join(tokens(text))


# Queries ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QueryToken:
    text: str
    # Matches any token that starts with ``text``: a lone CJK character at the end of a term.
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Term:
    """One space-separated term or one quoted phrase: its pieces must appear in order, adjacent."""

    pieces: tuple[Piece, ...]
    quoted: bool = False

    def query_tokens(self) -> list[QueryToken]:
        out: list[QueryToken] = []
        last = len(self.pieces) - 1
        for n, piece in enumerate(self.pieces):
            if piece.kind == "word":
                out.append(QueryToken(piece.text))
            elif n == last and len(piece.text) == 1:
                out.append(QueryToken(piece.text, prefix=True))
            else:
                # A run followed by more of the phrase ends there in the text too, so it has its last character.
                out.extend(QueryToken(t) for t in run_tokens(piece.text, closed=n != last))
        return out[:MAX_TOKENS_PER_TERM]

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.pieces)


@dataclass(frozen=True, slots=True)
class Query:
    """Clauses joined by OR, each a conjunction of terms."""

    clauses: tuple[tuple[Term, ...], ...]

    @property
    def empty(self) -> bool:
        return not self.clauses

    def terms(self) -> list[Term]:
        return [t for clause in self.clauses for t in clause]


_QUOTES = {'"': '"', "“": "”", "「": "」", "『": "』", "”": "”"}


def _split(text: str) -> Iterator[tuple[str, bool]]:
    """Raw terms and whether each was quoted; an unclosed quote runs to the end."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
            continue
        if c in _QUOTES:
            close = _QUOTES[c]
            j = text.find(close, i + 1)
            if j < 0:
                j = n
            yield text[i + 1 : j], True
            i = j + 1
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] not in _QUOTES:
            j += 1
        yield text[i:j], False
        i = j


def parse_query(text: str) -> Query:
    """Parse what a person typed: terms (AND), "quoted phrases", and OR between terms.

    Everything else — FTS operators, SQL, wildcards — is text, and anything
    that is not a letter or digit only separates words.
    """
    text = text[:MAX_QUERY_CHARS]
    clauses: list[list[Term]] = [[]]
    count = 0
    for raw, quoted in _split(text):
        if not quoted and raw == "OR":
            if clauses[-1]:
                clauses.append([])
            continue
        if not quoted and raw == "AND":
            continue
        found = tuple(pieces(fold_text(raw)))
        if not found or count >= MAX_TERMS:
            continue
        clauses[-1].append(Term(found, quoted))
        count += 1
    return Query(tuple(tuple(c) for c in clauses if c))


def fts5_query(query: Query) -> str:
    """The query in SQLite FTS5 syntax; every token is a quoted string, so nothing typed is an operator."""

    def term(t: Term) -> str:
        parts = [f'"{q.text}"' + (" *" if q.prefix else "") for q in t.query_tokens()]
        return " + ".join(parts)

    return " OR ".join("(" + " AND ".join(term(t) for t in clause) + ")" for clause in query.clauses)


def tsquery(query: Query) -> str:
    """The query for PostgreSQL ``to_tsquery('simple', …)``; tokens hold only letters and digits."""

    def term(t: Term) -> str:
        parts = [f"'{q.text}'" + (":*" if q.prefix else "") for q in t.query_tokens()]
        return "(" + " <-> ".join(parts) + ")"

    return " | ".join("(" + " & ".join(term(t) for t in clause) + ")" for clause in query.clauses)
