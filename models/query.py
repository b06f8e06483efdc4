"""The search box's query language: free text plus `field:value` terms (issue 14 §2).

    party:Huawei role:signatory date:2019..2023 category:"Patents & licensing" is:starred
    "cross-licence" -party:"United States"

- Fields (`FIELDS`, names case-insensitive, a few short aliases such as `cat:` and `p:`): party,
  role, kind, category, source, tag, collection (an imported file's name), precision (year,
  month, day, minute), date, is (starred, unstarred, exact, approximate, uncertain, ongoing),
  attr (`attr:country=China`), note (text looked for in notes).
- A value is quoted with "…" (or typographic “…”; `\\"` and `\\\\` inside) or runs to the next
  whitespace. Whitespace inside a value or phrase is folded to single spaces.
- `-field:value` excludes. A bare `-word` (or `-"phrase"`) is left out with a note: excluding
  words is not supported. So is an exclusion that does not read (`-foo:bar`, `-date:2019`):
  searching for what the person meant to exclude would be backwards.
- `date:` takes EDTF dates (models.dates) as `2019..2023`, `2019-03..2020`, `..2020`, `2019..`,
  `2023-08` or `2023-08-25`: the span runs from the earliest second of its start to the latest
  of its end; several date terms intersect.
- Nothing here raises on what a person types: a piece that does not read (an unknown field, an
  empty value, an unclosed quote, a bad date, an unknown `is:` value…) is searched as text and a
  quiet note says why. Input is cut at MAX_CHARS characters.
- format_query writes a Query back as text that parse_query reads to the same Query; complete
  offers field names and values for the piece under the cursor.

Pure Python: the window turns a Query into a models.filters.Filter (names into ids), not here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from models.dates import MIN_YEAR, OPEN_END, FuzzyDate, Precision, parse_edtf

MAX_CHARS = 500

FIELDS: tuple[str, ...] = ("party", "role", "kind", "category", "source", "tag", "collection",
                           "precision", "date", "is", "attr", "note")
ALIASES: dict[str, str] = {"p": "party", "cat": "category", "src": "source", "file": "collection",
                           "attribute": "attr"}
IS_VALUES: tuple[str, ...] = ("starred", "unstarred", "exact", "approximate", "uncertain",
                              "ongoing")
PRECISION_VALUES: tuple[str, ...] = tuple(p.name.lower() for p in Precision)

# The first second a date term can name (the start of ..2020).
OPEN_START: int = FuzzyDate(MIN_YEAR, precision=Precision.YEAR).earliest

_OPENERS = '"“'
_CLOSERS = '"”'
_QUOTES = '"“”'
_FIELD = re.compile(r"([A-Za-z]+):")
_NOTE_CHARS = 60


@dataclass(frozen=True, slots=True)
class Term:
    """One `field:value` (or `-field:value`) term."""

    field: str  # canonical field name from FIELDS
    value: str  # unquoted: "Huawei", "United States", "2019..2023", "country=China"
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Query:
    terms: tuple[Term, ...]
    text: str  # the free text, phrases re-quoted: 'cross-licence "patent pool"'
    span: tuple[int, int] | None  # the date terms' intersection; (1, 0) when it is empty
    notes: tuple[str, ...]  # quiet notes for the person, one per piece that did not read

    @property
    def is_empty(self) -> bool:
        """Nothing to search for (notes may still say why)."""
        return not self.terms and not self.text

    @property
    def words(self) -> tuple[str, ...]:
        """The free text's words and phrases, unquoted, in order."""
        return _parse(self.text)[1]


# -- quoting ------------------------------------------------------------------------------------

def _quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\")
    for quote in _QUOTES:
        escaped = escaped.replace(quote, "\\" + quote)
    return f'"{escaped}"'


def _value_text(value: str) -> str:
    """A term's value as typed: quoted only when it has to be."""
    if not value or any(c.isspace() or c in _QUOTES for c in value):
        return _quoted(value)
    return value


def _word_text(word: str) -> str:
    """A free-text word or phrase as typed: quoted when it would not read back as itself."""
    if (any(c.isspace() or c in _QUOTES or c == ":" for c in word)
            or (word.startswith("-") and len(word) > 1)):
        return _quoted(word)
    return word


def _fold(text: str) -> str:
    return " ".join(text.split())


def format_term(term: Term) -> str:
    """'party:"United States"', '-tag:key': the term as typed, quoting only when needed."""
    return f"{'-' if term.negated else ''}{term.field}:{_value_text(term.value)}"


def format_query(query: Query) -> str:
    """The terms, then the free text: parse_query gives back `query` (when it has no notes)."""
    return " ".join([*(format_term(t) for t in query.terms), *([query.text] if query.text else [])])


# -- parsing ------------------------------------------------------------------------------------

def _read_quoted(text: str, at: int) -> tuple[str, int, bool]:
    """The quoted text opening at `at`: (its content, the index after it, whether it closed)."""
    out: list[str] = []
    i = at + 1
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text) and text[i + 1] in _QUOTES + "\\":
            out.append(text[i + 1])
            i += 2
        elif c in _CLOSERS:
            return "".join(out), i + 1, True
        else:
            out.append(c)
            i += 1
    return "".join(out), i, False


def _word_end(text: str, at: int) -> int:
    while at < len(text) and not text[at].isspace():
        at += 1
    return at


def _shown(piece: str) -> str:
    piece = _fold(piece)
    return f'"{piece if len(piece) <= _NOTE_CHARS else piece[:_NOTE_CHARS - 1] + "…"}"'


def date_span(value: str) -> tuple[int, int] | None:
    """The seconds a `date:` value covers, [first, last]; None when it is not a date range."""
    value = value.strip()
    try:
        whole = parse_edtf(value)
        return whole.earliest, whole.latest
    except (ValueError, OverflowError):
        pass
    if value.count("..") != 1:
        return None
    left, right = (side.strip() for side in value.split(".."))
    if not left and not right:
        return None
    try:
        start = parse_edtf(left).earliest if left else OPEN_START
        end = parse_edtf(right).latest if right else OPEN_END
    except (ValueError, OverflowError):
        return None
    return (start, end) if start <= end else None


def _problem(field: str, value: str) -> str | None:
    """Why `field:value` is not a term (None when it is)."""
    if not value:
        return "has no value"
    if field == "is" and value.lower() not in IS_VALUES:
        return f"is not one of {', '.join('is:' + v for v in IS_VALUES)}"
    if field == "precision" and value.lower() not in PRECISION_VALUES:
        return f"is not one of {', '.join('precision:' + v for v in PRECISION_VALUES)}"
    if field == "attr":
        name, equals, attribute = value.partition("=")
        if not equals or not name.strip() or not attribute.strip():
            return "is not an attribute (expected e.g. attr:country=China)"
    if field == "date" and date_span(value) is None:
        return "is not a date range (expected e.g. date:2019..2023)"
    return None


def _parse(text: str) -> tuple[tuple[Term, ...], tuple[str, ...], tuple[str, ...]]:
    """(terms, free-text words and phrases, notes) of a query's text."""
    terms: list[Term] = []
    words: list[str] = []
    notes: list[str] = []

    def as_text(raw: str, negated: bool, why: str, pieces: Sequence[str]) -> None:
        if negated:
            notes.append(f"{_shown(raw)} {why}; left out")
        else:
            notes.append(f"{_shown(raw)} {why}; searched as text")
            words.extend(p for p in (_fold(p) for p in pieces) if p)

    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        negated = text[i] == "-" and i + 1 < n and not text[i + 1].isspace()
        body = i + 1 if negated else i
        field = _FIELD.match(text, body)
        if field is not None:
            name, at = field[1], field.end()
            if at < n and text[at] in _OPENERS:
                value, i, closed = _read_quoted(text, at)
                if not closed:
                    as_text(text[start:], negated, "has no closing quote",
                            (text[body:at] + text[at + 1:]).split())
                    break
            else:
                i = _word_end(text, at)
                value = text[at:i]
            raw, value = text[start:i], _fold(value)
            canonical = ALIASES.get(name.lower(), name.lower())
            if canonical not in FIELDS:
                fields = ", ".join(FIELDS)
                as_text(raw, negated, f"is not a field:value term ({name!r} is none of {fields})",
                        [f"{name}:{value}"])
                continue
            problem = _problem(canonical, value)
            if problem is None and negated and canonical == "date":
                problem = "excludes a date span, which is not supported"
            if problem is not None:
                as_text(raw, negated, problem, [f"{name}:{value}"])
                continue
            if canonical in ("is", "precision"):
                value = value.lower()
            terms.append(Term(canonical, value, negated))
            continue
        if text[body] in _OPENERS:
            phrase, i, closed = _read_quoted(text, body)
            if not closed:
                as_text(text[start:], negated, "has no closing quote", text[body + 1:].split())
                break
        else:
            i = _word_end(text, body)
            phrase = text[body:i]
        if negated:
            notes.append(f"{_shown(text[start:i])}: excluding words is not supported; left out")
        elif _fold(phrase):
            words.append(_fold(phrase))
    return tuple(terms), tuple(words), tuple(notes)


def parse_query(text: str) -> Query:
    """The query a person typed; never raises (what does not read is searched as text, with a
    note saying why)."""
    cut = text[:MAX_CHARS]
    terms, words, notes = _parse(cut)
    if len(text) > MAX_CHARS:
        notes = (*notes, f"the query is cut at {MAX_CHARS} characters")
    span: tuple[int, int] | None = None
    for term in terms:
        if term.field == "date":
            first, last = date_span(term.value) or (OPEN_START, OPEN_END)
            span = (first, last) if span is None else (max(span[0], first), min(span[1], last))
    if span is not None and span[0] > span[1]:
        span = (1, 0)
    return Query(terms, " ".join(_word_text(w) for w in words), span, notes)


# -- completion ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Completion:
    start: int  # the span of the text the candidate replaces
    end: int
    candidates: tuple[str, ...]  # whole replacements: 'party:"United States"', 'role:'


def _pieces(text: str) -> list[tuple[int, int]]:
    """Where parse_query's pieces lie in `text` (the same scan, without judging them)."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        body = i + 1 if text[i] == "-" and i + 1 < n and not text[i + 1].isspace() else i
        field = _FIELD.match(text, body)
        at = field.end() if field is not None else body
        if at < n and text[at] in _OPENERS:
            i = _read_quoted(text, at)[1]
        else:
            i = _word_end(text, at)
        spans.append((start, i))
    return spans


def complete(text: str, cursor: int, values: Callable[[str, str], Sequence[str]], *,
             limit: int = 20) -> Completion:
    """Candidates for the piece under the cursor (typed up to the cursor): field names
    ('party:') while it has no colon; `field:value` (asking `values(field, partial)`, except
    for is: and precision:, known here) after one. A leading '-' is kept."""
    cursor = max(0, min(cursor, len(text)))
    start = end = cursor
    for first, last in _pieces(text):
        if first < cursor <= last:
            start, end = first, last
            break
    typed = text[start:cursor]
    negated = typed.startswith("-")
    body = typed[1:] if negated else typed
    sign = "-" if negated else ""
    found: list[str] = []
    field = _FIELD.match(body)
    if field is None:
        if ":" not in body:
            alias = ALIASES.get(body.lower())  # 'src' offers 'source:'
            found = [f"{sign}{f}:" for f in FIELDS if f.startswith(body.lower()) or f == alias]
    else:
        canonical = ALIASES.get(field[1].lower(), field[1].lower())
        partial = body[field.end():]
        if partial[:1] and partial[0] in _OPENERS:
            partial = _read_quoted(partial, 0)[0]
        partial = _fold(partial) + (" " if partial[-1:].isspace() and partial.strip() else "")
        if canonical in ("is", "precision"):
            known = IS_VALUES if canonical == "is" else PRECISION_VALUES
            offered: Sequence[str] = [v for v in known if v.startswith(partial.lower())]
        elif canonical in FIELDS:
            offered = values(canonical, partial)
        else:
            offered = []
        for value in offered:
            if isinstance(value, str) and value.strip():
                candidate = format_term(Term(canonical, value, negated))
                if candidate not in found:
                    found.append(candidate)
            if len(found) >= limit:
                break
    return Completion(start, end, tuple(found[:max(limit, 0)]))
