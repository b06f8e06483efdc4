"""Reading an article file (plain text, Markdown or HTML) as plain text, paragraphs separated by a
blank line, with what the file says of its title, publisher, address and publication date."""

from __future__ import annotations

import re
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
    if len(first) <= 150 and len(first.split()) <= 20 and not _HEADLINE_END.search(first):
        return first
    return ""


def _read_plain(text: str) -> _Page:
    paragraphs = _paragraphs(_blocks(text), join_lines=None)
    title = _headline(paragraphs)
    return _Page("\n\n".join(paragraphs[1:] if title else paragraphs), title)


_MD_FENCE = re.compile(r"^\s*(```|~~~).*?^\s*\1\s*$", re.MULTILINE | re.DOTALL)
_MD_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_RULE = re.compile(r"^\s*([-*_])(?:\s*\1){2,}\s*$")
_MD_REFDEF = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$")
_MD_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_MD_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images: their alt text is not the article
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),
    (re.compile(r"</?[A-Za-z][^>\n]*>"), ""),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])"), r"\2"),
    (re.compile(r"~~(.+?)~~"), r"\1"),
)


def _markdown_inline(line: str) -> str:
    for pattern, replacement in _MD_INLINE:
        line = pattern.sub(replacement, line)
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
    text = _MD_FENCE.sub("", text)
    title = meta.get("title", "")
    lines: list[str] = []
    for line in text.splitlines():
        if _MD_RULE.match(line) or _MD_REFDEF.match(line) or _MD_TABLE_RULE.match(line):
            lines.append("")
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            words = _markdown_inline(heading.group(2)).strip()
            if not title and heading.group(1) == "#" and not any(x.strip() for x in lines):
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
    reader.close()
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
