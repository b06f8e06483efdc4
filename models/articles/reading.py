"""Reading an article file (plain text, Markdown or HTML) as plain text, paragraphs separated by a
blank line, with what the file says of its title, publisher, address and publication date."""

from __future__ import annotations

import re
import string
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from models.dates import (
    DateError,
    DateSpan,
    FuzzyDate,
    Precision,
)
from models.interchange import FormatError, decode
from models.proposals import Article

MAX_ARTICLE_BYTES = 5 * 1024 * 1024  # an article, not a book


@dataclass(frozen=True, slots=True)
class _Page:
    text: str
    title: str = ""
    publisher: str = ""
    url: str = ""
    published: DateSpan | None = None


def read_article(path: Path, *, published: DateSpan | None = None, publisher: str = "",
                 url: str = "") -> Article:
    """The article in a .txt, .md or .html file as plain text, paragraphs separated by a blank
    line. What the caller gives (published, publisher, url) wins over what the file says.
    FormatError naming the file when it cannot be read, is too big or holds no text."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise FormatError(source, [f"the file is {size:,} bytes; an article is at most "
                                       f"{MAX_ARTICLE_BYTES:,}"])
        data = path.read_bytes()
    except OSError as error:
        raise FormatError(source, [f"cannot read it ({error.strerror or error})"]) from None
    raw = _CONTROL.sub(" ", decode(data, source).text)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm", ".xhtml") or (
            suffix not in (".md", ".markdown", ".txt") and _LOOKS_HTML.match(raw)):
        page = _read_html(raw)
    elif suffix in (".md", ".markdown"):
        page = _read_markdown(raw)
    else:
        page = _read_plain(raw)
    if not page.text.strip():
        raise FormatError(source, ["the file holds no article text"])
    return Article(source=source, title=page.title or path.stem, text=page.text,
                   publisher=publisher or page.publisher, url=url or page.url,
                   published=published or page.published)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LOOKS_HTML = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)
_HEADLINE_END = re.compile(r"[.,;:]$")
# A headline may end in an abbreviation's period: "Huawei sues the U.S.", "Ardern to form Govt."
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.){2,}$|\b(?:Govt|Inc|Corp|Co|Ltd|Bros|Jr|Sr)\.$")


def _paragraphs(blocks: list[list[str]], *, join_lines: bool | None) -> list[str]:
    """One paragraph per block, or one per line where the lines are not wrapped text (no line
    of a wrapped block is longer than 100 characters; join_lines None decides so)."""
    paragraphs: list[str] = []
    for block in blocks:
        joined = join_lines if join_lines is not None else max(map(len, block)) <= 100
        parts = [" ".join(block)] if joined else block
        paragraphs.extend(p for p in (" ".join(part.split()) for part in parts) if p)
    return paragraphs


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _headline(paragraphs: list[str]) -> str:
    """The first paragraph when it reads as a headline: short, no final period, more after it."""
    if len(paragraphs) < 2:
        return ""
    first = paragraphs[0]
    if len(first) <= 150 and len(first.split()) <= 20 and (
            not _HEADLINE_END.search(first) or _ABBREVIATION_END.search(first)):
        return first
    return ""


def _read_plain(text: str) -> _Page:
    paragraphs = _paragraphs(_blocks(text), join_lines=None)
    title = _headline(paragraphs)
    return _Page("\n\n".join(paragraphs[1:] if title else paragraphs), title)


# Markdown is read by regexes where one search costs as much as the text it passes over; where
# every opening mark of a line could search to its end ("**a **b **c …", "[a [b [c …", "<a <b
# …", a heading or table rule of many spaces), the line is read by the scanners below instead,
# which find what the regex in their docstring finds, each opening mark in a few bisections.
_MD_FENCE_OPEN = re.compile(r"^\s*(```|~~~)", re.MULTILINE)
_MD_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_MD_HEADING = re.compile(r"\s{0,3}(#{1,6})\s+")  # then the heading, without closing #s
_MD_RULE = re.compile(r"^\s*([-*_])(?:\s*\1){2,}\s*$")
_MD_REFDEF = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$")
_MD_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
# (possessive: as r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$" without trying every
# way to share a run of spaces between two \s*, which took time quadratic in the run)
_MD_TABLE_RULE = re.compile(
    r"^\s*+\|?\s*+:?-{3,}+:?\s*+(?:\|\s*+:?-{3,}+:?\s*+)*+\|?\s*+$")
_MD_CODE = re.compile(r"`([^`]*)`")
_SCHEME = re.compile(r"https?://")
_ASCII_LETTERS = frozenset(string.ascii_letters)
_MD_STRIKE = re.compile(r"~~(.+?)~~")


def _fenced_code_removed(text: str) -> str:
    """The text without fenced code blocks: as re.sub(r"^\\s*(```|~~~).*?^\\s*\1\\s*$", "", text,
    flags=MULTILINE | DOTALL), but a fence nothing closes is searched past once, not once for
    every fence and blank line before it."""
    closers: dict[str, re.Pattern[str]] = {}
    unclosed: dict[str, int] = {}  # no closing fence of this kind after this place
    parts: list[str] = []
    position = 0  # copied up to here
    search = 0
    while (fence := _MD_FENCE_OPEN.search(text, search)) is not None:
        mark = fence.group(1)
        if fence.end() < unclosed.get(mark, len(text) + 1):
            closer = closers.setdefault(mark, re.compile(
                r"^\s*" + re.escape(mark) + r"\s*$", re.MULTILINE))
            close = closer.search(text, fence.end())
            if close is not None:
                parts.append(text[position:fence.start()])
                position = search = close.end()
                continue
            unclosed[mark] = fence.end()
        search = fence.start(1) + 1  # every line start before the fence leads to it
    parts.append(text[position:])
    return "".join(parts)


def _heading(line: str) -> tuple[str, str] | None:
    r"""(the #s, the heading) of an ATX heading line, as
    re.match(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$", line) finds them; that regex tried every
    split of a run of spaces between its \s* for every place in the line (cubic)."""
    found = _MD_HEADING.match(line)
    if found is None or "\n" in line:
        return None
    return found.group(1), line[found.end():].rstrip().rstrip("#").rstrip()


def _places(line: str, mark: str) -> list[int]:
    return [m.start() for m in re.finditer("(?=" + re.escape(mark) + ")", line)]


def _next(places: list[int], at: int) -> int:
    """The first of the places at or after at, or -1."""
    index = bisect_left(places, at)
    return places[index] if index < len(places) else -1


def _replaced(line: str, openings: list[int],
              match_at: Callable[[int], tuple[int, str] | None]) -> str:
    """line with each match replaced, as re.sub does: from the left, matches not overlapping;
    a match starts at one of the openings and match_at gives its end and replacement."""
    parts: list[str] = []
    position = 0
    for start in openings:
        if start < position:
            continue
        found = match_at(start)
        if found is not None:
            end, replacement = found
            parts += [line[position:start], replacement]
            position = end
    parts.append(line[position:])
    return "".join(parts)


def _links(line: str) -> str:
    """Images dropped (their alt text is not the article), links to their text: as the subs
    of r"!\\[[^\\]]*\\]\\([^)]*\\)" by "", then of r"\\[([^\\]]+)\\]\\([^)]*\\)" and of
    r"\\[([^\\]]+)\\]\\[[^\\]]*\\]" by r"\1"."""
    for image, after in ((True, "("), (False, "("), (False, "[")):
        line = _link_pass(line, image, after)
    return line


def _link_pass(line: str, image: bool, after: str) -> str:
    closes, ends = _places(line, "]"), _places(line, ")" if after == "(" else "]")

    def match_at(start: int) -> tuple[int, str] | None:
        text_start = start + (2 if image else 1)
        close = _next(closes, text_start)  # [^\]] runs to the first ]
        if close < 0 or (not image and close == text_start) or \
                line[close + 1:close + 2] != after:
            return None
        end = _next(ends, close + 2)
        return None if end < 0 else (end + 1, "" if image else line[text_start:close])

    return _replaced(line, _places(line, "![" if image else "["), match_at)


def _tags(line: str) -> str:
    """Autolinks to their address, other tags dropped: as the subs of r"<(https?://[^>\\s]+)>"
    by r"\1", then r"</?[A-Za-z][^>\n]*>" by ""."""
    stops = [m.start() for m in re.finditer(r"[>\s]", line)]

    def autolink(start: int) -> tuple[int, str] | None:
        scheme = _SCHEME.match(line, start + 1)
        if scheme is None:
            return None
        stop = _next(stops, scheme.end())
        if stop <= scheme.end() or line[stop] != ">":
            return None
        return stop + 1, line[start + 1:stop]

    line = _replaced(line, _places(line, "<"), autolink)
    ends = _places(line, ">")

    def tag(start: int) -> tuple[int, str] | None:
        name = start + 2 if line[start + 1:start + 2] == "/" else start + 1
        if line[name:name + 1] not in _ASCII_LETTERS:
            return None
        end = _next(ends, name + 1)
        return None if end < 0 or "\n" in line[name:end] else (end + 1, "")

    return _replaced(line, _places(line, "<"), tag)


def _word_character(character: str) -> bool:
    return character.isalnum() or character == "_"


def _emphasis(line: str) -> str:
    """Emphasis marks dropped: as the subs of r"(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\1" by r"\2", then
    of r"(?<![\\w*])([*_])(?=\\S)(.+?)(?<=\\S)\1(?![\\w*])" by r"\2" (.+? stops at a line break:
    lines have none)."""
    if "\n" in line:
        return line
    return _emphasis_pass(_emphasis_pass(line, 2), 1)


def _emphasis_pass(line: str, size: int) -> str:
    marks = ("**", "__") if size == 2 else ("*", "_")
    closers = {mark: [k for k in _places(line, mark) if k and not line[k - 1].isspace() and (
        size == 2 or k + 1 == len(line) or not (_word_character(line[k + 1])
                                                 or line[k + 1] == "*"))]
               for mark in marks}

    def match_at(start: int) -> tuple[int, str] | None:
        mark, first = line[start:start + size], line[start + size:start + size + 1]
        if not first or first.isspace():
            return None  # (?=\S)
        if size == 1 and start and (_word_character(line[start - 1]) or line[start - 1] == "*"):
            return None  # (?<![\w*])
        close = _next(closers[mark], start + size + 1)  # .+?: one character at least
        return None if close < 0 else (close + size, line[start + size:close])

    return _replaced(line, sorted(set(_places(line, marks[0]) + _places(line, marks[1]))),
                     match_at)


def _markdown_inline(line: str) -> str:
    if "[" in line:
        line = _links(line)
    if "<" in line:
        line = _tags(line)
    if "`" in line:
        line = _MD_CODE.sub(r"\1", line)
    if "*" in line or "_" in line:
        line = _emphasis(line)
    if "~~" in line:
        line = _MD_STRIKE.sub(r"\1", line)
    return line.replace("\\", "")


def _read_markdown(text: str) -> _Page:
    meta: dict[str, str] = {}
    front = _MD_FRONT.match(text)
    if front:
        for line in front.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep:
                meta[key.strip().lower()] = value.strip().strip("'\"")
        text = text[front.end():]
    text = _fenced_code_removed(text)
    title = meta.get("title", "")
    lines: list[str] = []
    for line in text.splitlines():
        if _MD_RULE.match(line) or _MD_REFDEF.match(line) or _MD_TABLE_RULE.match(line):
            lines.append("")
            continue
        heading = _heading(line)
        if heading:
            words = _markdown_inline(heading[1]).strip()
            if not title and heading[0] == "#" and not any(x.strip() for x in lines):
                title = words  # the first line's H1 is the title, not body text
            else:
                lines += ["", words, ""]
            continue
        line = re.sub(r"^\s*(?:>\s?)+", "", line)
        if _MD_LIST.match(line):
            lines.append("")
            line = re.sub(r"^\s*(?:>\s?)+", "", _MD_LIST.sub("", line))
        lines.append(_markdown_inline(line.replace("|", " ")))
    paragraphs = _paragraphs(_blocks("\n".join(lines)), join_lines=True)
    if not title:
        title = _headline(paragraphs)
        if title:
            paragraphs = paragraphs[1:]
    published = _published_from(meta.get("date") or meta.get("published") or "")
    return _Page("\n\n".join(paragraphs), title, meta.get("publisher") or meta.get("source", ""),
                 meta.get("url") or meta.get("link", ""), published)


_PUBLISHED_KEYS = ("article:published_time", "og:article:published_time", "datepublished",
                   "citation_publication_date", "citation_date", "citation_online_date",
                   "dc.date.issued", "dc.date", "dcterms.date", "date", "pubdate",
                   "parsely-pub-date", "sailthru.date")
_PUBLISHER_KEYS = ("og:site_name", "citation_publisher", "citation_journal_title",
                   "dc.publisher", "publisher")
_URL_KEYS = ("og:url", "citation_public_url", "citation_abstract_html_url")
_TITLE_KEYS = ("og:title", "citation_title", "twitter:title")


def _published_from(value: str) -> DateSpan | None:
    """A publication date from metadata ('2023-08-25T10:00:00Z', '2023/08/25', '2023-08',
    '2023') at day precision at most."""
    found = re.match(r"\s*(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?", value)
    if not found:
        return None
    year, month, day = (int(g) if g else None for g in found.groups())
    assert year is not None
    try:
        if month is None:
            return DateSpan(FuzzyDate(year, precision=Precision.YEAR))
        if day is None:
            return DateSpan(FuzzyDate(year, month, precision=Precision.MONTH))
        return DateSpan(FuzzyDate(year, month, day, precision=Precision.DAY))
    except DateError:
        return None


def _read_html(text: str) -> _Page:
    from html.parser import HTMLParser  # only when an HTML article is read

    skip_tags = {"script", "style", "nav", "header", "footer", "aside", "noscript", "template",
                 "svg", "form", "button", "select", "iframe", "object", "canvas", "figure",
                 "figcaption", "menu", "dialog", "head"}
    block_tags = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                  "blockquote", "section", "article", "main", "tr", "table", "pre", "dd",
                  "dt", "dl", "hr", "address", "caption", "td", "th"}
    void_tags = {"br", "hr", "meta", "link", "img", "input", "area", "base", "col", "embed",
                 "source", "track", "wbr", "param"}

    class Reader(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.skipping = 0
            self.in_main = 0
            self.buffer: list[str] = []
            self.paragraphs: list[tuple[str, bool]] = []
            self.meta: dict[str, str] = {}
            self.title_parts: list[str] | None = None
            self.title = ""
            self.h1_parts: list[str] | None = None
            self.h1 = ""
            self.canonical = ""
            self.json_ld = False

        def flush(self) -> None:
            paragraph = " ".join("".join(self.buffer).split())
            if paragraph:
                self.paragraphs.append((paragraph, self.in_main > 0))
            self.buffer = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            values = {k.lower(): (v or "") for k, v in attrs}
            if tag == "meta":
                key = (values.get("property") or values.get("name")
                       or values.get("itemprop") or "").lower()
                if key and values.get("content") and key not in self.meta:
                    self.meta[key] = values["content"]
            elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
                self.canonical = values.get("href", "")
            elif tag == "time" and values.get("itemprop", "").lower() == "datepublished":
                self.meta.setdefault("datepublished", values.get("datetime", ""))
            elif tag == "script" and values.get("type", "").lower() == "application/ld+json":
                self.json_ld = True
            if tag == "title" and not self.title:
                self.title_parts = []
            if tag == "h1" and not self.h1:
                self.h1_parts = []
            if tag in ("article", "main") or values.get("role") == "main":
                self.in_main += 1
            if tag in skip_tags and tag not in void_tags:
                self.skipping += 1
            elif tag in block_tags:
                self.flush()

        def handle_endtag(self, tag: str) -> None:
            if tag == "title" and self.title_parts is not None:
                self.title = " ".join("".join(self.title_parts).split())
                self.title_parts = None
            if tag == "h1" and self.h1_parts is not None:
                self.h1 = " ".join("".join(self.h1_parts).split())
                self.h1_parts = None
                self.buffer = []  # the title is not body text
            if tag in skip_tags and self.skipping:
                self.skipping -= 1
            elif tag in block_tags:
                self.flush()
            if tag in ("article", "main") and self.in_main:
                self.in_main -= 1
            self.json_ld = False

        def parse_marked_section(self, i: int, report: bool = True) -> int:
            # "<![x]>", "<![ …": not a section HTML knows (CDATA, IF, ENDIF …): html.parser
            # raises AssertionError; browsers read it as a bogus comment, up to the next '>'.
            try:
                return super().parse_marked_section(i, report)
            except AssertionError:
                return self.parse_bogus_comment(i, report)

        def handle_data(self, data: str) -> None:
            if self.json_ld:
                found = re.search(r'"datePublished"\s*:\s*"([^"]+)"', data)
                if found:
                    self.meta.setdefault("datepublished", found.group(1))
            if self.title_parts is not None:
                self.title_parts.append(data)
            if self.h1_parts is not None:
                self.h1_parts.append(data)
            if not self.skipping and self.title_parts is None:
                self.buffer.append(data)

    reader = Reader()
    reader.feed(text)
    if not reader.rawdata.startswith("<") and reader.cdata_elem is None:
        reader.close()
    # else markup that nothing ends (a tag, comment or script left open), where feed() stopped:
    # it runs to the end of the page, as browsers read it. (close() would read on from each '<'
    # in it, each time to the end: quadratic before Python 3.13.4, gh-135462.)
    reader.flush()
    main = [p for p, in_main in reader.paragraphs if in_main]
    # A page whose <article>/<main> holds the story: the menus and teasers around it go.
    paragraphs = main if sum(map(len, main)) >= 200 else [p for p, _ in reader.paragraphs]
    meta = reader.meta

    def first(keys: tuple[str, ...]) -> str:
        return next((" ".join(meta[k].split()) for k in keys if meta.get(k, "").strip()), "")

    title = reader.h1 or first(_TITLE_KEYS) or reader.title
    return _Page("\n\n".join(paragraphs), title, first(_PUBLISHER_KEYS),
                 first(_URL_KEYS) or reader.canonical, _published_from(first(_PUBLISHED_KEYS)))
