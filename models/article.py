"""Read a news article (plain text, Markdown or HTML) and propose the dated events and the
parties in it, offline and by rules: nothing is downloaded, nothing is learned, and the same
article always gives the same proposals. A person reviews them before anything is written.

The rules, in the order `propose` applies them:

- Sentences. A line break ends a sentence (`read_article` leaves line breaks only between
  paragraphs). Within a line, '.', '!', '?' or '…' (with closing quotes or brackets) followed by
  a space and a capital, digit or opening quote ends one, except after titles and other
  abbreviations ("Mr.", "Dr.", "St.", "e.g."), after initials ("J. K."), and after "U.S." or
  "Jan." unless a word that usually starts sentences follows ("The", "It"). "Inc.", "Ltd."
  and the like end a sentence unless a title follows ("Acme Inc. President …").
- Dates. Absolute ones ("2016", "25 August 2023", "August 25, 2023", "Aug. 2023", "2023-08-25",
  "the 1990s", "the 19th century", "44 BC", "Q3 2021", "spring 2019", "2016-2020",
  "2019-20"), and relative ones resolved against the publication date: weekdays (the one on or
  before it; on or after it in a clause about the future), "yesterday", "today",
  "this/last/next year|month|week", "two years ago" (approximate), month names without a year
  (the last one in a clause about the past, the next in one about the future, else the nearer).
  Without a publication date the relative ones are left out: a date the article does not give
  is not guessed; inside a quotation they are the speaker's, and left out too.
  Ranges: "from X to Y", "between X and Y", "X–Y"; "since X" is ongoing ("2019/..").
  "early/mid/late 2020" is an approximate four-month range, "the end of 2024" an approximate
  December, "about/around/circa 2019" approximate ("2019~"). A hedge ("could", "may", "might",
  "would", "will", "expected to", "plans to", "is set to") before the date in the sentence, or
  after it in its clause, makes the date uncertain ("2023?"), unless a semicolon, 'but', a
  closed quotation or relative clause, a verb of saying or 'that' stands between them;
  "reportedly", "according to media reports", "sources said" anywhere in the sentence do too.
  Dates after "before", "after", "until", "prior to" and "ahead of" bound the event rather than
  date it, and are left out. A bare four-digit number is a year only in 1000..2100 and not as
  a count, price, percentage, product or time ("$2016 million", "2016 employees",
  "Windows 2000", "2100 GMT").
- Events. One per (sentence, date). The date a statement was made ("…, the company said
  Friday") is dropped when the sentence dates something else too; a sentence whose only date is
  its statement's keeps it, since the announcement is then the news ("Huawei announced Friday it
  had renewed …").
- Parties. (a) The store's parties, by name or alias, case-insensitively on word boundaries
  (short capitals such as "US" exactly). (b) Countries, their other names and their capitals
  standing for their governments (resources/article/countries.tsv): "Washington", "Beijing",
  "Brussels" (the European Union), but not a capital where it is a place ("based in
  Stockholm", "London dealing"). Demonyms ("American components", "the Chinese company") make
  no party; regions ("Europe") are known so as not to become parties. Wire credits ("(AP)")
  are not parties. A capital is a place, too, as a destination or origin ("flights from Sydney
  to London", "flew to Rome") and next to a place in a list ("to London and New York").
  (b2) Cities that are not capitals (resources/article/cities.txt: the largest per country and
  the financial, industrial and port centres) are places, never parties: "in Frankfurt
  trading", "Bangalore-based", "from Sydney". A city that ends a longer name ("Inter Milan",
  "Bayern Munich") is left to that name, and so are its other mentions in the article ("Munich
  said") unless they say where ("flew to Milan").
  (c) Other names: runs of capitalised words (joined by "&", by "of"/"for" after an
  organisation word or a title, by "de"/"van"/"von"… inside names), without leading
  function words, titles (a cue for a person: "President Joe Biden", "Chief of Staff Andrew
  Card") or demonyms. A single capitalised word is a name only with evidence: it is used
  mid-sentence (not as a modifier: "the Richter scale", "Democratic nominee"), or in a list of
  names, or with a cue; weekdays, months, titles, words the article also writes in lower case,
  camel-case products ("iPhone") and quoted nicknames never are; text in headline case and
  shouting are skipped. Names are merged across the article: "Huawei Technologies" and
  "Huawei", "Alan Fan" and "Fan", "Borussia Dortmund" and "Dortmund", a name and its acronym
  in brackets, "Donald J. Trump" and "Donald Trump". Kinds: organisation words and suffixes
  ("Inc", "Bank", "Ministry"), titles and role words next to a name ("team manager Pep
  Guardiola", "X, the company's … chief,", "said X."), common given names; a maker before its
  model number and product ("Airbus A350-1000 jets", "Boeing 737 Max aircraft", not "its Mate
  60 phone") is an organisation; otherwise a single word is an organisation and a longer name
  'other'. Places: "in X" (not "a stake in X", "invested in X"), "the state/island/town/
  outskirts of X", "X region/province/island/river/volcano/mine", "Mount X", "Lake X", "the X
  River", "flights to X", "from X to Y" cue a place, and a name whose only cues are a place's
  is not proposed at all (an organisation or person cue anywhere in the article wins).
- Roles. A lexicon of verbs and nouns ("signed", "sanctions", "said", "acquired", "sued",
  "met") gives the party before it its subject role and the first party after it (and a list
  joined to it) its object role; passives ("was acquired by X") swap them; "agreed to buy"
  takes the second verb's; otherwise "mentioned". A sentence that starts with "It", "He" or
  "She" takes the subject of the sentence before as its own.
- Titles. The sentence without its date phrase, dateline, leading adverbial clause ("Despite
  those tensions,"), trailing attribution (", the company said"), brackets and asides between
  dashes, cut at a clause boundary and then at a phrase boundary to at most 90 characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import pairwise
from pathlib import Path

from models.dates import (
    DateError,
    DateSpan,
    FuzzyDate,
    Precision,
    Qualifier,
    civil_from_days,
    days_from_civil,
    days_in_month,
)
from models.domain import Party
from models.interchange import FormatError, decode
from models.paths import resource_path
from models.proposals import Article, Proposals, ProposedEvent, ProposedParty

MAX_ARTICLE_BYTES = 5 * 1024 * 1024  # an article, not a book
TITLE_LIMIT = 90


# --- reading -------------------------------------------------------------------------------------


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


# --- word lists --------------------------------------------------------------------------------

_MONTHS = {name: number for number, names in enumerate((
    "january jan", "february feb", "march mar", "april apr", "may", "june jun",
    "july jul", "august aug", "september sep sept", "october oct", "november nov",
    "december dec"), start=1) for name in names.split()}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())} | {"a": 1, "an": 1}

# Capitalised only because they start a sentence (or a quote): never names by themselves.
_FUNCTION_WORDS = frozenset("""
a about above according across after afterwards again against ago ahead all almost already also
although always amid among an and another any anyone anything are around as at back because
been before behind being below beneath beside besides between beyond both but by can could
despite did do does during each earlier either else even ever every everyone everything except
few following for former from further had has have having he her here hers herself him himself
his how however i if in including inside instead into is it its itself just last later latter
least less like many may meanwhile might more moreover most much must my near neither never
nevertheless next no none nor not nothing now of off often on once one only onto or other others
otherwise our ours ourselves out outside over own per perhaps please rather regardless same
several shall she should since so some someone something sometimes soon still such than that
the their theirs them themselves then there thereby therefore these they this those though
through throughout thus to today together tomorrow too toward towards under unless unlike until
up upon us very via was we were what whatever when whenever where whereas wherever whether which
while who whoever whom whose why will with within without would yes yesterday yet you your
yours yourself yourselves indeed instead overall later earlier first second third finally also
still yet why what how now then here there sources officials analysts experts critics
police people residents witnesses investors shares markets prices analysts reporters
government governments company companies firm firms group groups state states official
read more related see watch share subscribe sign advertisement photo video getty image images
caption file copyright
""".split())
_TITLE_WORDS = frozenset("""
president vice prime minister ministers chancellor secretary senator sen rep representative
governor gov mayor king queen prince princess pope sheikh emir chairman chairwoman chair chief
executive officer ceo cfo coo cto director judge justice ambassador commissioner spokesman
spokeswoman spokesperson professor prof dr mr mrs ms miss mx sir dame lord lady general gen
colonel col lieutenant lt captain capt sergeant sgt admiral adm coach manager foreign defence
defense finance trade interior health deputy acting former founder cofounder co-founder premier
leader head councillor councilman dean bishop archbishop rabbi imam cardinal president-elect
attorney economy economic commerce energy agriculture justice home state chief-executive
analyst striker midfielder defender goalkeeper forward attacker winger captain playmaker staff
""".split())
_ROLE_NOUNS = frozenset("""
chief executive officer ceo cfo founder chairman chairwoman president minister spokesman
spokeswoman spokesperson director head analyst economist professor researcher lawyer attorney
judge senator governor mayor secretary ambassador official coach manager striker player
candidate leader chancellor premier commissioner editor reporter correspondent author
scientist engineer adviser advisor strategist banker investor activist actor singer
""".split())
_ORG_WORDS = frozenset("""
inc inc. corp corp. corporation co co. ltd ltd. limited llc plc group holdings holding bank
ministry agency university council commission party association institute foundation fund
authority board bureau court department office organisation organization federation union
league club fc airlines airline airways motors technologies technology systems networks
communications telecom telecoms energy pharmaceuticals pharma capital partners securities
insurance media news times post journal press company companies society committee school
survey
college academy hospital museum church army navy police ag sa nv gmbh se ab asa oyj bv spa
industries enterprises international labs laboratories solutions services electronics mobile
motor petroleum oil gas airport railways railway exchange reserve treasury parliament senate
congress cabinet government embassy assembly administration service centre center trust
alliance coalition network studios studio entertainment records publishing
""".split())
# Capitalised words that name no party: time zones, holidays, words of the calendar.
_NOT_NAMES = frozenset("""
gmt utc est edt pst pdt cet cest bst ist jst et pt am pm christmas easter ramadan eid covid
covid-19 internet web
""".split())
_GOVERNMENT_WORDS = frozenset("""
ministry department government parliament senate congress cabinet treasury embassy assembly
administration army navy police
""".split())
_GROUP_WORDS = frozenset("movement front brigade brigades militia rebels forces".split())
_ORG_CUES = frozenset("""
company firm giant maker group carrier operator rival bank lender startup start-up retailer
manufacturer supplier conglomerate chipmaker automaker carmaker airline insurer broadcaster
newspaper agency club team brand platform network outlet publisher developer producer
distributor vendor provider subsidiary unit owner parent regulator watchdog
""".split())
_LEGAL_SUFFIXES = frozenset(
    "inc corp corporation co ltd limited llc llp lp plc ag sa nv gmbh se ab asa oyj bv spa".split())
_JOINERS = frozenset("de du da do dos das di del della van von der den la le bin ibn al el".split())
_HEDGES_ANYWHERE = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|rumou?red|according to (?:\w+ ){0,2}reports?"
    r"|sources? (?:said|say|says)|people familiar with|unconfirmed|is said to|are said to"
    r"|is believed to|are believed to|is thought to|are thought to)\b", re.IGNORECASE)
_HEDGES_IN_CLAUSE = re.compile(
    r"\b(?:could(?! not\b)|(?-i:may)|might|would|should|will|shall|possibly|perhaps|probably|likely"
    r"|potentially|expect(?:s|ed)? to|expected|plans? to|planned to|planning to|aims? to"
    r"|aiming to|intends? to|hopes? to|(?:is|are|was|were) set to|scheduled to|proposed)\b"
    r"|'ll\b", re.IGNORECASE)
_FUTURE = re.compile(
    r"\b(?:will|shall|(?:is|are) (?:set|due|expected|scheduled) to|plans? to|upcoming|next)\b"
    r"|'ll\b", re.IGNORECASE)
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|told|won|made|began|came|went|took|gave|saw|met|lost|left"
    r"|sold|bought|paid|held|ran|rose|fell|grew|since|ago|last|\w{3,}ed"
    # Irregular past tenses news is written in ("upheld the result of the August 9 vote").
    r"|upheld|withheld|struck|hit|beat|brought|caught|chose|drove|fled|froze|kept|knew|led"
    r"|meant|sent|shot|shut|spent|spoke|stood|stole|swore|taught|thought|threw|understood"
    r"|wrote|withdrew|became|broke|built|felt|found|fought|sought|sank|sat|slept|won|overtook"
    r"|forbade|forgave|bore|tore|wore|swept|wept|dealt|dug|fed|bent|bled|sprang|sang|rang)\b",
    re.IGNORECASE)
_REPORTING = re.compile(
    r"\b(?:said|says|told|stated|added|noted|wrote|announced|announces|confirmed|revealed"
    r"|reported|disclosed)\b", re.IGNORECASE)
_SPEECH = re.compile(
    r"\b(?:said|says|told(?: \w+){0,2}|stated|added|noted|wrote|commented|explained|confirmed)"
    r"(?: (?:in|at|during|to|on) [^,;.\"“”]{0,40}?)?\s+(?:on |late |early )?$", re.IGNORECASE)


# --- gazetteer and names -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Country:
    name: str
    kind: str
    aliases: tuple[str, ...]
    capitals: tuple[str, ...]
    demonyms: tuple[str, ...]


@cache
def _countries() -> tuple[_Country, ...]:
    rows = resource_path("article", "countries.tsv").read_text(encoding="utf-8").splitlines()
    countries = []
    for row in rows[1:]:
        fields = row.split("\t")
        if row.startswith("#") or len(fields) != 5 or fields[0] == "name":
            continue
        name, kind, aliases, capitals, demonyms = fields

        def split(value: str) -> tuple[str, ...]:
            return tuple(v.strip() for v in value.split("|") if v.strip())

        countries.append(_Country(name, kind, split(aliases), split(capitals), split(demonyms)))
    return tuple(countries)


@cache
def _given_names() -> frozenset[str]:
    text = resource_path("article", "given_names.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


@cache
def _cities() -> re.Pattern[str]:
    """Known cities that are not capitals (resources/article/cities.txt): places, never
    parties by themselves."""
    text = resource_path("article", "cities.txt").read_text(encoding="utf-8")
    names = {line.strip() for line in text.splitlines()
             if line.strip() and not line.startswith("#")}
    ordered = sorted(names, key=lambda f: (-len(f), f))
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, ordered)) + r")(?![\w])")


@cache
def _demonyms() -> frozenset[str]:
    return frozenset(d.casefold() for c in _countries() for d in c.demonyms)


# A word: letters and digits, with inner hyphens, apostrophes and ampersands ("AT&T",
# "Rolls-Royce", "Huawei's"); or dotted capitals ("U.S.").
_WORD = re.compile(r"(?:[A-Z]\.){2,}|[^\W_](?:[\w&'’-]*[^\W_])?|&")
_POSSESSIVE = re.compile(r"['’]s?$")
_DIGIT = re.compile(r"\d")


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str  # without a possessive "'s"
    possessive: bool
    initial: bool  # first word of its sentence or of a quote

    @property
    def capitalised(self) -> bool:
        t = self.text
        if not t or _DIGIT.search(t):
            return False
        if "-" in t and t.rsplit("-", 1)[1][:1].islower():
            return False  # "Beijing-based", "U.S.-made": an adjective
        return t[0].isupper() or (len(t) > 1 and t[0].islower() and t[1].isupper())


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _WORD.finditer(text, start, end):
        word = match.group()
        possessive = bool(re.search(r"['’]s$", word)) or (
            word.endswith(("s'", "s’")) and len(word) > 2)
        if possessive:
            word = _POSSESSIVE.sub("", word)
        before = text[max(start, match.start() - 8):match.start()].rstrip()
        initial = not tokens or before.endswith(("\"", "“", "\u2018", "(", "[", ":", "'"))
        tokens.append(_Token(match.start(), match.start() + len(word), word, possessive,
                             initial))
    return tokens


# --- sentences -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Sentence:
    start: int
    end: int


_ALWAYS_ABBREVIATIONS = frozenset("""
mr mrs ms mx dr prof sen rep gov gen col lt sgt capt cmdr adm maj brig rev st mt ft pres supt
det insp hon messrs mme mlle vs v approx cf e.g i.e al ca c fig vol pp p no nos op esp est
""".split())
_CORPORATE = frozenset("inc corp co ltd llc plc bros cos".split())
_SOMETIMES_ABBREVIATIONS = frozenset(
    "jr sr etc jan feb mar apr jun jul aug sep sept oct nov "
    "dec a.m p.m".split())
_STARTERS = frozenset("""
the a an it he she they we i in on at but and this that these those there its his her their
our as after before when while however meanwhile despite according for with by last next some
many most other both all if so yet his then still also since during under over now today
""".split())
_END = re.compile(r"(?:[.!?]+|…)[\"'”’)\]]*(?=\s|$)")


def _sentences(text: str) -> list[_Sentence]:
    sentences: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for mark in _END.finditer(text, line.start(), line.end()):
            if _ends_sentence(text, mark, line.end()):
                sentences.append((start, mark.end()))
                start = mark.end()
        sentences.append((start, line.end()))
    result = []
    for start, end in sentences:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            result.append(_Sentence(start, end))
    return result


def _ends_sentence(text: str, end: re.Match[str], limit: int) -> bool:
    after = text[end.end():limit].lstrip()
    if not after:
        return True
    following = after[0]
    if not (following.isupper() or following.isdigit() or following in "\"'“\u2018([-–—"):
        return False
    marks = end.group()
    if not marks.startswith(".") or marks.startswith(".."):
        return True
    previous = re.search(r"([\w.&'’-]*)$", text[max(0, end.start() - 40):end.start()])
    word = previous.group(1).lower() if previous else ""
    bare = word.rstrip(".")
    next_word = re.match(r"[\"'“\u2018(]*(\w+)", after)
    starter = bool(next_word) and next_word.group(1).lower() in _STARTERS if next_word else False
    if bare in _ALWAYS_ABBREVIATIONS:
        return False
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", bare):  # u.s, e.g, a.m
        return bare not in ("e.g", "i.e") and starter
    if bare in _CORPORATE:
        # "Baltic Pulp Ltd. Lindqvist said": a company's name ends sentences as often as not
        return not (next_word and next_word.group(1).lower() in _TITLE_WORDS)
    if bare in _SOMETIMES_ABBREVIATIONS or re.fullmatch(r"[a-z]", bare):
        return starter
    return True


# --- dates ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Reference:
    """The publication date as far as it is known."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @staticmethod
    def of(published: DateSpan | None) -> _Reference:
        if published is None:
            return _Reference()
        date = published.start
        if date.precision == Precision.YEAR or not -9999 <= date.year <= 9999:
            return _Reference(date.year)
        if date.precision == Precision.MONTH:
            return _Reference(date.year, date.month)
        return _Reference(date.year, date.month, date.day)

    @property
    def days(self) -> int | None:
        if self.year is None or self.month is None or self.day is None:
            return None
        return days_from_civil(self.year, self.month, self.day)


@dataclass(frozen=True, slots=True)
class _Atom:
    """A date found in a sentence: its text span, and either a DateSpan or (for a month or
    month and day without a year) the month and day to resolve."""

    start: int
    end: int
    span: DateSpan | None
    yearless: tuple[int, int | None] | None = None
    relative: bool = False


def _year(year: int, qualifier: Qualifier = Qualifier.EXACT) -> FuzzyDate:
    return FuzzyDate(year, precision=Precision.YEAR, qualifier=qualifier)


def _month(year: int, month: int, qualifier: Qualifier = Qualifier.EXACT) -> FuzzyDate:
    return FuzzyDate(year, month, precision=Precision.MONTH, qualifier=qualifier)


def _day(days: int) -> FuzzyDate:
    year, month, day = civil_from_days(days)
    return FuzzyDate(year, month, day, precision=Precision.DAY)


def _point(date: FuzzyDate) -> DateSpan:
    return DateSpan(date)


def _approximate_range(start: FuzzyDate, end: FuzzyDate) -> DateSpan:
    approx = Qualifier.APPROXIMATE
    return DateSpan(replace(start, qualifier=approx), replace(end, qualifier=approx))


_MONTH_RE = (r"(?P<m>January|February|March|April|May|June|July|August|September|October|"
             r"November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")
_WEEKDAY_PREFIX = (r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|"
                   r"Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?\s+)?")
_ORD = r"(?:st|nd|rd|th)?"
_ERA = r"(?P<era>BCE|BC|B\.C\.E\.|B\.C\.|AD|A\.D\.|CE|C\.E\.)"
_COUNT_AFTER = re.compile(
    r"\s*(?:%|percent\b|per\s?cent\b|million\b|billion\b|trillion\b|thousand\b|bn\b|mn\b"
    r"|m\b|k\b|km\b|kg\b|mw\b|gw\b|mwh\b|gwh\b|mhz\b|ghz\b|gb\b|tb\b|mb\b|mah\b|hp\b|cc\b"
    r"|ml\b|feet\b|ft\b|metres\b|meters\b|miles\b|tonnes\b|tons\b|gmt\b|utc\b|hrs\b|hours\b"
    r"|h\b|euros?\b|dollars?\b|yuan\b|pounds?\b|yen\b|r[ou]bles?\b|rupees?\b|kronor\b"
    r"|crowns?\b|people\b|staff\b|personnel\b|men\b|women\b|children\b|police\b|sq\b"
    r"|square\b|acres?\b|hectares?\b|points?\b|votes?\b|times\b|local time\b|bc\b|ad\b)",
    re.IGNORECASE)
_COUNT_BEFORE = re.compile(
    r"(?:[$€£¥₹#]|\b(?:US|USD|EUR|GBP|CNY|RMB|Rs|No|no|number|page|pages|flight|room|route"
    r"|model|code|tel|phone|article|section|rule|resolution|bill|act|chapter|verse|item"
    r"|nearly|almost|over|under|than|only|just|least|total|all)\.?)\s*$")
_NOT_PLURAL = frozenset("""
as was is has its this thus his hers ours yours theirs plus versus always perhaps news series
less unless across whereas towards afterwards besides sometimes nonetheless nevertheless yes
""".split())
_DETERMINER = re.compile(
    r"\b(?:the|a|an|its|their|his|her|our|this|that|these|those|whose|in|since|by|until|of"
    r"|from|during|between|and|or|to|through|before|after|early|late|mid|circa|c\.|ca\.)\s*"
    r"$|['’]s\s*$", re.IGNORECASE)


def _bare_year_ok(sentence: str, start: int, end: int, year: int) -> bool:
    """Whether a lone four-digit number is a year here, not a count, price, model or time."""
    if not 1000 <= year <= 2100:
        return False
    before, after = sentence[max(0, start - 30):start], sentence[end:end + 30]
    if _COUNT_AFTER.match(after):
        return False
    determiner = bool(_DETERMINER.search(before))
    if _COUNT_BEFORE.search(before) and not determiner:
        return False
    previous = re.search(r"(\S+)\s+$", before)
    if previous:
        word = previous.group(1).strip("\"'“\u2018(")
        if (word[:1].isupper() and word.lower().rstrip(".,") not in _MONTHS
                and word.lower() not in _FUNCTION_WORDS and word.lower() not in _WEEKDAYS
                and not word.endswith(",")):
            return False  # "Windows 2000", "Mate 2016", "Euro 2016": a name, not a date
    following = re.match(r"\s+([a-z]+)\b(?!['’])", after)
    if following and not determiner:
        noun = following.group(1)
        if noun.endswith("s") and not noun.endswith("ss") and noun not in _NOT_PLURAL \
                and len(noun) > 3:
            return False  # "2016 employees"
    return True


_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
            "winter": (12, 2)}
_PARTS = {"early": (1, 4), "mid": (5, 8), "middle": (5, 8), "late": (9, 12)}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
             "4th": 4}


def _season(year: int, name: str) -> DateSpan:
    first, last = _SEASONS[name.lower()]
    return _approximate_range(_month(year, first), _month(year + (last < first), last))


def _ago(ref: _Reference, count: int, unit: str) -> DateSpan | None:
    unit = unit.lower().rstrip("s")
    approx = Qualifier.APPROXIMATE
    if ref.year is None:
        return None
    if unit in ("year", "decade"):
        return _point(_year(ref.year - count * (10 if unit == "decade" else 1), approx))
    if ref.month is None:
        return None
    if unit == "month":
        index = ref.year * 12 + ref.month - 1 - count
        return _point(_month(index // 12, index % 12 + 1, approx))
    days = ref.days
    if days is None:
        return None
    if unit == "week":
        return _point(replace(_day(days - 7 * count), qualifier=approx))
    return _point(_day(days - count))


def _relative_word(ref: _Reference, which: str, unit: str) -> DateSpan | None:
    """'this/last/next year|month|week' and seasons."""
    which, unit = which.lower(), unit.lower()
    shift = {"this": 0, "last": -1, "past": -1, "next": 1, "earlier": 0, "later": 0}[which]
    if ref.year is None:
        return None
    if unit == "year":
        return _point(_year(ref.year + shift))
    if unit in _SEASONS:
        if ref.month is None:
            return None
        year = ref.year + shift
        if which in ("last", "past") and _SEASONS[unit][0] > ref.month:
            year = ref.year - 1 if shift == -1 else year
        return _season(year, unit)
    if ref.month is None:
        return None
    if unit == "month":
        index = ref.year * 12 + ref.month - 1 + shift
        return _point(_month(index // 12, index % 12 + 1))
    days = ref.days
    if days is None:
        return None
    monday = days - (days + 3) % 7 + 7 * shift  # 1970-01-01 was a Thursday
    if unit == "week":
        return DateSpan(_day(monday), _day(monday + 6))
    return DateSpan(_day(monday + 5), _day(monday + 6))  # weekend


def _weekday(ref: _Reference, name: str, which: str, future: bool | None) -> DateSpan | None:
    days = ref.days
    if days is None:
        return None
    target = _WEEKDAYS.index(name.lower())
    today = (days + 3) % 7
    back = (today - target) % 7
    which = which.lower()
    if which == "last":
        back = back or 7
    elif which == "next" or (which in ("", "on", "this") and future):
        forward = (target - today) % 7
        if which == "next":
            forward = forward or 7
        return _point(_day(days + forward))
    return _point(_day(days - back))


def _within_year(year: int, month: int, day: int | None) -> DateSpan | None:
    if day is None:
        return _point(_month(year, month))
    if not 1 <= day <= days_in_month(year, month):
        return None
    return _point(FuzzyDate(year, month, day, precision=Precision.DAY))


def _yearless(ref: _Reference, month: int, day: int | None, future: bool | None
              ) -> DateSpan | None:
    """A month (and day) without a year: the last such date on or before publication in a
    clause about the past, the next one on or after it in a clause about the future, else the
    nearer of the two ("run-off elections in January", written in November)."""
    if ref.year is None or ref.month is None:
        return None
    here = (ref.month, ref.day or 0 if day is not None else 0)
    there = (month, day or 0)
    if there == here:
        return _within_year(ref.year, month, day)
    before = ref.year - (there > here)
    after = ref.year + (there < here)
    if future is None:
        distance_back = (ref.month - month) % 12 or 12
        future = (month - ref.month) % 12 < distance_back
    return _within_year(after if future else before, month, day)


# A handler reads one match: the sentence, the publication date, and whether the clause is
# about the future (True), the past (False) or says neither (None).
Handler = Callable[[re.Match[str], str, _Reference, bool | None], _Atom | None]


def _make(match: re.Match[str], span: DateSpan | None, **extra: object) -> _Atom | None:
    if span is None and "yearless" not in extra:
        return None
    return _Atom(match.start(), match.end(), span, **extra)  # type: ignore[arg-type]


def _month_number(match: re.Match[str]) -> int:
    return _MONTHS[match.group("m").lower().rstrip(".")]


def _era_year(number: int, era: str | None) -> int:
    if era and era.replace(".", "").upper() in ("BC", "BCE"):
        return 1 - number  # astronomical years: 1 BC is year 0
    return number


def _h_iso(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    year, month, day = int(m["y"]), int(m["mo"]), int(m["d"])
    if not 1 <= month <= 12:
        return None
    return _make(m, _within_year(year, month, day))


def _h_day_month_year(m: re.Match[str], s: str, ref: _Reference, f: bool | None) -> _Atom | None:
    year = _era_year(int(m["y"]), m["era"])
    if m["era"] is None and not 1000 <= year <= 2100:
        return None
    return _make(m, _within_year(year, _month_number(m), int(m["d"])))


def _h_month_day(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    day = int(m["d"])
    if not 1 <= day <= 31:
        return None
    month = _month_number(m)
    return _Atom(m.start(), m.end(), _yearless(ref, month, day, future), (month, day), True)


def _h_month_year(m: re.Match[str], s: str, ref: _Reference, f: bool | None) -> _Atom | None:
    year = int(m["y"])
    if not 1000 <= year <= 2100:
        return None
    return _make(m, _point(_month(year, _month_number(m))))


_MONTH_ALONE_BEFORE = re.compile(
    r"\b(?:in|since|by|until|till|from|to|through|during|last|next|this|early|late|mid-?|of"
    r"|end of|beginning of|start of|middle of|and|or|between|on)\s*$", re.IGNORECASE)


def _h_month_alone(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    before = s[:m.start()]
    if not _MONTH_ALONE_BEFORE.search(before):
        return None
    month = _month_number(m)
    which = re.search(r"\b(last|next|this)\s*$", before, re.IGNORECASE)
    if which and ref.year is not None and ref.month is not None:
        word = which.group(1).lower()
        year = ref.year
        if word == "last":
            year -= 1 if month >= ref.month else 0
        elif word == "next":
            year += 1 if month <= ref.month else 0
        return _Atom(m.start(), m.end(), _point(_month(year, month)), (month, None), True)
    return _Atom(m.start(), m.end(), _yearless(ref, month, None, future), (month, None), True)


def _h_weekday(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    before = s[:m.start()]
    if re.search(r"\b(?:Good|Black|Super|Cyber|Bloody|Holy|Ash|Easter|Palm)\s+$", before):
        return None  # a named day, not a weekday of this week
    span = _weekday(ref, m["wd"], m["which"] or "", future)
    return _Atom(m.start(), m.end(), span, relative=True) if span else None


def _h_word_day(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    days = ref.days
    if days is None:
        return None
    shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[m["w"].lower()]
    return _Atom(m.start(), m.end(), _point(_day(days + shift)), relative=True)


def _h_relative(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    span = _relative_word(ref, m["which"], m["unit"])
    return _Atom(m.start(), m.end(), span, relative=True) if span else None


def _h_ago(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    word = m["n"].lower()
    count = int(word) if word.isdigit() else _NUMBER_WORDS.get(word)
    if count is None or count > 5000:
        return None
    span = _ago(ref, count, m["unit"])
    return _Atom(m.start(), m.end(), span, relative=True) if span else None


def _decade_start(m: re.Match[str], ref: _Reference) -> int | None:
    if m["full"]:
        return int(m["full"])
    short = int(m["short"])
    now = ref.year if ref.year is not None else 2000
    year = 2000 + short
    return year if year <= now else 1900 + short


def _h_decade(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    start = _decade_start(m, ref)
    if start is None or not 1000 <= start <= 2100:
        return None
    part = (m["part"] or "").lower()
    if part:
        first, last = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}[part]
        return _make(m, _approximate_range(_year(start + first), _year(start + last)))
    return _make(m, DateSpan(_year(start), _year(start + 9)))


def _h_century(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    number = int(m["n"])
    if not 1 <= number <= 22:
        return None
    if m["era"]:
        first, last = -(number * 100) + 1, -(number - 1) * 100
    else:
        first, last = (number - 1) * 100, (number - 1) * 100 + 99
    part = (m["part"] or "").lower()
    if part:
        offset = {"early": (0, 30), "mid": (40, 60), "late": (70, 99)}[part]
        return _make(m, _approximate_range(_year(first + offset[0]), _year(first + offset[1])))
    return _make(m, DateSpan(_year(first), _year(last)))


def _quarter_year(m: re.Match[str], ref: _Reference) -> int | None:
    if m["y"]:
        year = int(m["y"])
        return year if 1000 <= year <= 2100 else None
    if m["rel"]:
        shift = {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
        return None if ref.year is None else ref.year + shift
    return ref.year


def _h_quarter(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    year = _quarter_year(m, ref)
    if year is None:
        return None
    quarter = _ORDINALS.get((m["q"] or "").lower()) or int(m["qn"] or 0)
    if not 1 <= quarter <= 4:
        return None
    first = quarter * 3 - 2
    return _Atom(m.start(), m.end(), DateSpan(_month(year, first), _month(year, first + 2)),
                 relative=not m["y"])


def _h_half(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    year = _quarter_year(m, ref)
    if year is None:
        return None
    first = 1 if m["h"].lower() == "first" else 7
    return _Atom(m.start(), m.end(), DateSpan(_month(year, first), _month(year, first + 5)),
                 relative=not m["y"])


def _h_season(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    year = int(m["y"])
    if not 1000 <= year <= 2100:
        return None
    return _make(m, _season(year, m["season"]))


def _h_part_year(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    """'early 2020', 'mid-2019', 'late 2019', 'the end of 2024', 'the end of the year'."""
    if m["y"]:
        year = int(m["y"])
        if not 1000 <= year <= 2100:
            return None
        relative = False
    else:
        if ref.year is None:
            return None
        year = ref.year + {"this": 0, "the": 0, "last": -1, "next": 1}[m["rel"].lower()]
        relative = True
    part = next(w for w in m["part"].lower().split() if w not in ("the", "of"))
    if part in ("end", "beginning", "start"):
        month = 12 if part == "end" else 1
        span = _point(_month(year, month, Qualifier.APPROXIMATE))
    else:
        first, last = _PARTS[part]
        span = _approximate_range(_month(year, first), _month(year, last))
    return _Atom(m.start(), m.end(), span, relative=relative)


def _h_part_month(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    """'early March 2021', 'the end of March': the month, approximate."""
    month = _month_number(m)
    if m["y"]:
        year = int(m["y"])
        if not 1000 <= year <= 2100:
            return None
        return _make(m, _point(_month(year, month, Qualifier.APPROXIMATE)))
    span = _yearless(ref, month, None, future)
    if span is not None:
        span = DateSpan(replace(span.start, qualifier=Qualifier.APPROXIMATE))
    return _Atom(m.start(), m.end(), span, (month, None), True)


def _h_era(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    number = int(m["n"])
    if not 1 <= number <= 9999:
        return None
    return _make(m, _point(_year(_era_year(number, m["era"]))))


def _h_year_range(m: re.Match[str], s: str, ref: _Reference, f: bool | None) -> _Atom | None:
    first, second, sep = int(m["a"]), m["b"], m["sep"]
    if len(second) == 2 and sep == "-" and " " not in m.group():
        number = int(second)
        if number != (first + 1) % 100 and 1 <= number <= 12 and 1000 <= first <= 2100:
            return _make(m, _point(_month(first, number)))  # ISO "2023-08"
    if len(second) == 2:
        last = first // 100 * 100 + int(second)
        if last <= first:
            last += 100
    else:
        last = int(second)
    if not (1000 <= first < last <= 2100) or last - first > 200:
        return None
    if not _bare_year_ok(s, m.start(), m.end(), first):
        return None
    return _make(m, DateSpan(_year(first), _year(last)))


def _h_year(m: re.Match[str], s: str, ref: _Reference, future: bool | None) -> _Atom | None:
    year = int(m["y"])
    if not _bare_year_ok(s, m.start(), m.end(), year):
        return None
    return _make(m, _point(_year(year)))


_I = re.IGNORECASE


@cache
def _date_patterns() -> tuple[tuple[re.Pattern[str], Handler], ...]:
    """The date patterns, compiled on first use (most sessions never read an article)."""
    return (
    (re.compile(r"(?<![\w/.-])(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})"
                r"(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w/-])"), _h_iso),
    (re.compile(_WEEKDAY_PREFIX + r"(?<!\d)(?P<d>\d{1,2})" + _ORD + r"\s+(?:of\s+)?"
                + _MONTH_RE + r",?\s+(?P<y>\d{1,4})(?!\d)(?:\s*" + _ERA + r")?"),
     _h_day_month_year),
    (re.compile(_WEEKDAY_PREFIX + _MONTH_RE + r"\s+(?P<d>\d{1,2})" + _ORD
                + r",?\s+(?P<y>\d{4})(?![\d%])(?P<era>)"), _h_day_month_year),
    (re.compile(_WEEKDAY_PREFIX + _MONTH_RE + r"\s+(?P<d>\d{1,2})" + _ORD + r"(?![\d%:.,]\d)"
                r"(?!\w)"), _h_month_day),
    (re.compile(_WEEKDAY_PREFIX + r"(?<!\d)(?P<d>\d{1,2})" + _ORD + r"\s+(?:of\s+)?"
                + _MONTH_RE + r"(?!\w)"), _h_month_day),
    (re.compile(_MONTH_RE + r",?\s+(?:of\s+)?(?P<y>\d{4})(?![\d%])"), _h_month_year),
    (re.compile(r"(?<![\w-])" + _MONTH_RE + r"(?!\w|\s+\d)"), _h_month_alone),
    (re.compile(r"\b(?:(?P<which>last|next|this|on|early|late)\s+)?"
                r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![\w'’])"
                r"(?:\s+(?:morning|afternoon|evening|night))?", _I), _h_weekday),
    (re.compile(r"\b(?P<w>yesterday|today|tonight|tomorrow)\b", _I), _h_word_day),
    (re.compile(r"\b(?:(?:earlier|later)\s+)?(?P<which>this|last|next|past)\s+"
                r"(?P<unit>year|month|week|weekend|spring|summer|autumn|fall|winter)\b", _I),
     _h_relative),
    (re.compile(r"\b(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
                r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|\d{1,4})"
                r"\s+(?P<unit>years?|months?|weeks?|days?|decades?)\s+ago\b", _I), _h_ago),
    (re.compile(r"\b(?:the\s+)?(?:(?P<part>early|mid|late)[\s-]+)?"
                r"(?:(?P<full>\d{3}0)['’]?s|['’](?P<short>\d0)['’]?s)\b", _I), _h_decade),
    (re.compile(r"\b(?:the\s+)?(?:(?P<part>early|mid|late)[\s-]+)?(?P<n>\d{1,2})(?:st|nd|rd|th)"
                r"[\s-]+century(?:\s+" + _ERA + r")?", _I), _h_century),
    (re.compile(r"\b(?:the\s+)?(?:(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter"
                r"|Q(?P<qn>[1-4]))(?:\s+of)?(?:\s+(?:(?P<y>\d{4})(?!\d)"
                r"|(?P<rel>this|last|next)\s+year))?"), _h_quarter),
    (re.compile(r"\b(?:the\s+)?(?P<h>first|second)\s+half\s+of\s+(?:(?P<y>\d{4})(?!\d)"
                r"|(?P<rel>this|last|next)\s+year)", _I), _h_half),
    (re.compile(r"\b(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?"
                r"(?P<y>\d{4})(?!\d)", _I), _h_season),
    (re.compile(r"\b(?P<part>early|mid|late|the\s+(?:end|beginning|start|middle)\s+of"
                r"|(?:end|beginning|start|middle)\s+of)[\s-]+(?:(?P<y>\d{4})(?![\d%])"
                r"|(?P<rel>this|last|next|the)\s+year)\b", _I), _h_part_year),
    (re.compile(r"\b(?:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)[\s-]+"
                + _MONTH_RE + r"(?:,?\s+(?P<y>\d{4})(?!\d))?(?!\w)"), _h_part_month),
    (re.compile(r"\b(?P<n>\d{1,4})\s*" + _ERA + r"(?!\w)"), _h_era),
    (re.compile(r"\b(?P<era>AD|A\.D\.)\s*(?P<n>\d{1,4})\b"), _h_era),
    (re.compile(r"(?<![\w$€£¥#.,/:-])(?P<a>\d{4})\s?(?P<sep>[-–—/])\s?(?P<b>\d{4}|\d{2})"
                r"(?![\w%-]|[.,]\d)"), _h_year_range),
    (re.compile(r"(?<![\w$€£¥#.,/:+-])(?P<y>\d{4})(?![\w%]|[.,:]\d|-\d)"), _h_year),
)

_SINCE = re.compile(r"\b(?:ever\s+)?since\s+$", _I)
_BOUND = re.compile(r"\b(?:before|after|until|till|prior\s+to|ahead\s+of|up\s+to)\s+(?:the\s+)?$",
                    _I)
_APPROX_BEFORE = re.compile(
    r"\b(?:about|around|circa|c\.|ca\.|approximately|roughly|some\s*time\s+in|sometime\s+in"
    r"|as\s+early\s+as|as\s+late\s+as)\s+(?:in\s+)?$", _I)
_APPROX_AFTER = re.compile(r"\s+or\s+so\b", _I)
_RANGE_OPEN = re.compile(r"\b(?P<w>from|between)\s+(?:the\s+)?$", _I)
_RANGE_JOIN = re.compile(r"\s*(?:(?P<w>to|and|until|till|through|thru)\s+(?:the\s+)?|[-–—]\s*)$",
                         _I)
_PREPOSITION = re.compile(
    r"\b(?:in|on|during|since|from|between|by|of|at|ever since)\s+(?:the\s+)?$", _I)


@dataclass(frozen=True, slots=True)
class _Found:
    """A date as it dates an event: where its words are in the sentence, and the date."""

    start: int  # of the phrase, preposition included ("in 2016")
    end: int
    span: DateSpan
    date_start: int  # of the date's own words, for titles and reporting checks
    relative: bool


def _clauses(sentence: str) -> list[tuple[int, int]]:
    """Spans of the clauses of a sentence, split at commas, semicolons, colons, dashes and
    'but'/'while'/'whereas'/'although'. A short opening phrase with a date in it ("In 2025,",
    "On Monday,") belongs to the clause after it."""
    cuts = [0]
    for cut in re.finditer(r"[,;:][\"”’']?\s(?!\d)|\s[–—-]\s"
                           r"|\s(?=(?:but|while|whereas|although)\s)", sentence):
        cuts.append(cut.end())
    cuts.append(len(sentence) + 1)
    spans = [(a, b) for a, b in pairwise(cuts) if b > a]
    if len(spans) > 1:
        opening = sentence[spans[0][0]:spans[0][1]]
        if len(opening.split()) <= 7 and _DATE_WORD.search(opening):
            spans[:2] = [(spans[0][0], spans[1][1])]
    return spans or [(0, len(sentence) + 1)]


_DATE_WORD = re.compile(r"\d{3,4}|\b(?:year|month|week|today|yesterday|tomorrow|[A-Z]\w+day)\b"
                        r"|\b" + _MONTH_RE.replace("(?P<m>", "(?:"))


def _clause_of(clauses: list[tuple[int, int]], position: int) -> tuple[int, int]:
    return next((c for c in clauses if c[0] <= position < c[1]), clauses[-1])


# Every date pattern needs one of these: most sentences have none and are done at once.
_MAY_DATE = re.compile(
    r"\d|day|month|year|week|ago|today|tonight|tomorrow|yesterday|Jan|Feb|Mar|Apr|May|Jun|Jul"
    r"|Aug|Sep|Oct|Nov|Dec|spring|summer|autumn|fall|winter|quarter|half|century", _I)


def _dates_in(sentence: str, ref: _Reference) -> list[_Found]:
    """The dates of one sentence, with their qualifiers, in order."""
    if not _MAY_DATE.search(sentence):
        return []
    clauses = _clauses(sentence)
    atoms: list[_Atom] = []
    for pattern, handler in _date_patterns():
        for match in pattern.finditer(sentence):
            clause = _clause_of(clauses, match.start())
            end = min(clause[1], len(sentence))
            future: bool | None = True if _FUTURE.search(sentence, clause[0], end) else (
                False if _PAST.search(sentence, clause[0], end) else None)
            try:
                atom = handler(match, sentence, ref, future)
            except (DateError, ValueError, OverflowError):
                atom = None
            if atom is not None:
                atoms.append(atom)
    # The longest reading of any stretch of words wins ("25 August 2023" over "2023").
    atoms.sort(key=lambda a: (a.start - a.end, a.start))
    chosen: list[_Atom] = []
    for atom in atoms:
        if all(atom.end <= c.start or atom.start >= c.end for c in chosen):
            chosen.append(atom)
    chosen.sort(key=lambda a: a.start)
    found: list[_Found] = []
    index = 0
    anywhere = _HEDGES_ANYWHERE.search(sentence) is not None
    while index < len(chosen):
        atom = chosen[index]
        before = sentence[:atom.start]
        span = atom.span
        end = atom.end
        relative = atom.relative
        opener = _RANGE_OPEN.search(before)
        partner = chosen[index + 1] if index + 1 < len(chosen) else None
        joined = None
        if partner is not None:
            join = _RANGE_JOIN.fullmatch(sentence, atom.end, partner.start)
            if join and (opener or not join["w"]) and (
                    not opener or (opener["w"].lower() == "between") == (
                    (join["w"] or "").lower() == "and")):
                joined = _join(atom, partner, ref)
        if joined is not None and partner is not None:
            span, end = joined, partner.end
            relative = atom.relative or partner.relative
            index += 1
            start = opener.start() if opener else atom.start
        else:
            if span is None and atom.yearless is not None:
                span = None  # a month without a year and without a publication date
            start = atom.start
            if span is not None and _SINCE.search(before):
                start = _SINCE.search(before).start()  # type: ignore[union-attr]
                span = DateSpan(span.start, open_end=True)
            elif _BOUND.search(before):
                span = None
            elif span is not None and (_APPROX_BEFORE.search(before)
                                       or _APPROX_AFTER.match(sentence, atom.end)):
                approx = _APPROX_BEFORE.search(before)
                start = approx.start() if approx else start
                if _APPROX_AFTER.match(sentence, atom.end):
                    end = _APPROX_AFTER.match(sentence, atom.end).end()  # type: ignore[union-attr]
                span = _qualified(span, Qualifier.APPROXIMATE)
            elif (preposition := _PREPOSITION.search(before)) is not None:
                start = preposition.start()
        index += 1
        if span is None or (relative and _inside_quote(sentence, 0, atom.start)):
            continue  # "Tonight we are keeping our word": the speaker's tonight
        if anywhere or _hedged(sentence, _clause_of(clauses, atom.start), atom):
            span = _qualified(span, Qualifier.UNCERTAIN)
        found.append(_Found(start, end, span, atom.start, relative))
    return found


def _hedged(sentence: str, clause: tuple[int, int], atom: _Atom) -> bool:
    """Whether a hedge in the date's clause covers it: one before the date does; one after it
    does unless the date belongs to a verb of saying ("announced on March 3 that they would
    merge") or 'that' introduces what is hedged."""
    end = min(clause[1], len(sentence))
    for hedge in _HEDGES_IN_CLAUSE.finditer(sentence, 0, atom.start):
        # one before the date covers it across commas ("will be available in the United
        # States, Europe and Asia from November"), but not across a semicolon, a 'but', or
        # from inside a relative clause that has closed ("The deal, which could …, was signed")
        between = sentence[hedge.end():atom.start]
        opened = sentence[:hedge.start()]
        relative = re.search(r",\s+(?:which|who|whose)\b[^,]*$", opened) is not None
        quoted = re.search(r"[\"”]", between) is not None  # '"We will win," he said in 2021'
        if not _HARD_BREAK.search(between) and not (relative and "," in between) and not quoted:
            return True
    after = _HEDGES_IN_CLAUSE.search(sentence, atom.end, end)
    if after is None:
        return False
    if _REPORTING.search(sentence, clause[0], after.start()):
        return False
    return re.search(r"\bthat\b", sentence[atom.end:after.start()]) is None


def _join(first: _Atom, second: _Atom, ref: _Reference) -> DateSpan | None:
    """The range from the first date to the second; a first date without a year takes the
    second's ("from March to May 2021")."""
    if second.span is None:
        return None
    start_span = first.span
    if first.yearless is not None and second.span.start.precision >= Precision.YEAR and \
            not second.relative:
        month, day = first.yearless
        start_span = _within_year(second.span.start.year, month, day)
    if start_span is None:
        return None
    start = start_span.start
    last = second.span.end or second.span.start
    if second.span.open_end or (start_span.is_range and start_span.end is None):
        return None
    if last.latest < start.earliest:
        return None
    try:
        return DateSpan(start, last)
    except DateError:
        return None


def _qualified(span: DateSpan, qualifier: Qualifier) -> DateSpan:
    def weaker(date: FuzzyDate) -> FuzzyDate:
        if date.qualifier == Qualifier.UNCERTAIN:
            return date
        return replace(date, qualifier=qualifier)

    return DateSpan(weaker(span.start), None if span.end is None else weaker(span.end),
                    span.open_end)


# --- parties -------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Entity:
    key: str  # internal: a store key, "gaz:<name>" or "new:<normalised name>"
    name: str
    kind: str
    match: str | None = None
    forms: dict[str, None] = field(default_factory=dict)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    evidence: bool = False
    cues: dict[str, int] = field(default_factory=dict)
    tokens: int = 1


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    entity: str


def _cased_like_a_name(found: str, party: Party) -> bool:
    """Whether text matched case-insensitively is written as the party's name or alias is:
    every word capitalised there is capitalised here ("the company" is not the alias "the
    Company")."""
    written = found.split()
    for form in (party.name, *party.aliases):
        words = form.split()
        if [w.casefold() for w in words] == [t.casefold() for t in written] and all(
                t[:1].isupper() for w, t in zip(words, written, strict=True) if w[:1].isupper()):
            return True
    return False


def _name_pattern(forms: Sequence[str]) -> re.Pattern[str] | None:
    """One regex for many names: the longest first, on word boundaries; short capitals ("US",
    "EU", "U.S.") exactly, the rest case-insensitively."""
    parts = []
    for form in sorted(set(forms), key=lambda f: (-len(f), f)):
        escaped = re.escape(form)
        exact = len(form.replace(".", "")) <= 4 and form.replace(".", "").isupper()
        parts.append(escaped if exact else f"(?i:{escaped})")
    if not parts:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])")


_SUFFIX_AFTER = re.compile(
    r"(?:,?\s+(?:Technologies|Technology|Inc\.?|Corp\.?|Corporation|Co\.|Co\b|Ltd\.?|Limited|"
    r"LLC|plc|PLC|Group|Holdings|AG|S\.A\.|SA|NV|N\.V\.|GmbH|SE|AB|ASA|Oyj)(?!\w))+")
# A capital stands for its government when it acts: at the end of a phrase, before a verb
# ("Washington has pressured", "Moscow condemned", "Beijing could use"), not before a noun
# ("London dealing", "Beijing time").
_GOVERNMENT_AFTER = re.compile(
    r"(?:['’]s\b|\s*[^\w\s]|\s*$|\s+(?:has|have|had|is|was|are|were|will|would|could|can|may"
    r"|might|should|must|and|or|to|in|on|over|of|for|with|against|also|still|now|then|says|said"
    r"|\w+ed|\w+s)\b)")
_PLACE_BEFORE = re.compile(
    r"\b(?:(?:state|city|town|village|province|region|county|district|island|port|outskirts"
    r"|suburbs?|shores?|slopes?|banks?|coast|mouth)\s+of"
    r"|(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:\s+of|ern)"
    r"|capital)\s+$", _I)
_PLACE_AFTER = re.compile(
    r"\s+(?:township|county|province|city|state|region|district|village|town|island|islands"
    r"|river|valley|mountains?|lake|sea|coast|border|prefecture|peninsula|airport|port"
    r"|volcano|volcanoes|glacier|desert|bay|gulf|strait|canyon|basin|delta|reef|archipelago"
    r"|mine)\b")
# A place's own name says it is one: "Mount Etna", "Lake Geneva", "the Santerno River".
_PLACE_FIRST = frozenset("mount mt lake cape isle gulf".split())
_PLACE_LAST = frozenset("""
river lake island islands volcano valley mountains mountain peninsula bay sea ocean desert
canyon glacier basin delta strait region province county district prefecture coast
""".split())
# "a stake in Osram", "invested in Acme": "in" before a name that is no place.
_NOT_LOCATIVE = re.compile(
    r"\b(?:stakes?|invest\w*|shares?|interest|holdings?|position|role|jobs?|trust|confidence"
    r"|faith|partner|participation|positions)\s+in\s+(?:the\s+)?$", _I)
# A destination or origin: "flights from Sydney to London and New York", "flew to Milan".
_DESTINATION_BEFORE = re.compile(
    r"(?:\bfrom\s+(?:[A-Z][\w'’.-]*\s+){1,4}(?:to|and)"
    r"|\b(?:flights?|routes?|services|trips?|travel\w*|fl(?:y|ies|ew|own|ying)|move[ds]?|moving"
    r"|relocat\w+|return\w*|head(?:s|ed|ing)?|arriv\w+|depart\w*|land(?:s|ed|ing)|sail\w*"
    r"|drove|driv\w+|non-stop|nonstop|direct|diverted|bound)\s+(?:to|from|into|for|between)"
    r"|\bto\s+and\s+from)\s+$")
# A capitalised word before a lowercase noun modifies it: "the Richter scale", "the first
# Black woman", "Democratic nominee" (verbs and small words after a name are not nouns).
_MODIFIED = re.compile(
    r"\s+(?!(?:has|have|had|is|was|are|were|will|would|could|can|may|might|should|must|and|or"
    r"|to|in|on|at|by|as|for|with|from|of|over|against|also|still|now|then|says|said|who|which"
    r"|that|but|if|after|before|since|into|than|while|when|where|because|although|though|so"
    r"|yet|not|never)\b)[a-z]+\b(?<!ed)(?:(?<![^s]s)|(?<=ions))")
_NAMED_BY = re.compile(
    r"\s+(?:[a-z]+\s+)?(?:company|firm|group|bank|club|agency|airline|brand|network|fund"
    r"|carrier|operator|unit|subsidiary|newspaper|broadcaster|league|union)\b")
_ROLE_AFTER = re.compile(
    r"\s+(?:nominee|candidate|lawmakers?|senators?|voters|officials?|supporters|members|leaders?"
    r"|club|team|side|champions|giant|player|players|fans|politicians?|party|government)\b")
# A maker before its model number and product: "Airbus A350-1000 jets", "Boeing 737 Max
# aircraft", "Embraer E195 planes".
_MODEL_AFTER = re.compile(
    r"\s+[A-Z]{0,3}\d[\w-]*(?:\s+[A-Z][\w-]*){0,2}\s+(?:jets?|jetliners?|airliners?|aircraft"
    r"|planes?|helicopters?|drones?|engines?|phones?|smartphones?|handsets?|tablets?|laptops?"
    r"|cars?|trucks?|vehicles?|buses|locomotives?|trains?|ships?|tankers?|chips?|processors?"
    r"|satellites?|rockets?|missiles?|tanks?|models?|series|fleet)\b")
_CAPITALISED_RUN = re.compile(r"(?:\s[A-Z][\w&'’-]*){1,4}")
_AGENCY = re.compile(r"\((?:Reuters|AP|AFP|dpa|Bloomberg|Xinhua|UPI|PA|ANI|IANS)\)")
_LOCATIVE = re.compile(
    r"\b(?:in|near|outside|inside|across|around|throughout|visit|visits|visited|visiting"
    r"|based in|headquartered in|located in|born in|arrived in|trip to)\s+(?:the\s+)?$", _I)


def _continues_name(text: str, start: int, end: int, allowed: Callable[[str], bool]) -> bool:
    """Whether a name found at start..end is only part of a longer capitalised name: a
    capitalised word right before it ("George Washington", "Latin America", "Bank of
    America") or after it ("Washington Post", "China Mobile")."""
    before = text[max(0, start - 60):start]
    previous = re.search(r"([^\W\d_][\w&'’.-]*)( of(?: the)?)? $", before)
    if previous and previous.group(1)[0].isupper() and not allowed(previous.group(1)):
        line_start = before.rfind("\n")
        head = before[:previous.start()].rstrip()
        sentence_initial = (not head or head.endswith((".", "!", "?", "\"", "“", ":"))
                            or line_start >= previous.start() - 1)
        if previous.group(2) or not sentence_initial:
            return True
    after = re.match(r" ([^\W\d_][\w&'’-]*)", text[end:end + 40])
    return bool(after and after.group(1)[0].isupper() and not allowed(after.group(1)))


def _inside_quote(text: str, start: int, position: int) -> bool:
    """Whether a place in a sentence (from start) is inside quotation marks."""
    before = text[start:position]
    if before.count("“") > before.count("”"):
        return True
    return before.count('"') % 2 == 1 or len(re.findall(r"(?<!\w)['\u2018]", before)) > len(
        re.findall(r"['’](?!\w)", before))


def _is_title(word: str) -> bool:
    """A title or role word, hyphenated ones too ("Vice-President", "Co-founder")."""
    lower = word.lower().rstrip(".")
    return lower in _TITLE_WORDS or any(p in _TITLE_WORDS for p in lower.split("-") if p)


def _plain_word(word: str) -> bool:
    """A capitalised word that does not make a name longer: a function word, weekday, month,
    title, demonym or legal suffix."""
    lower = word.lower().rstrip(".")
    lower = _POSSESSIVE.sub("", lower)
    return (lower in _FUNCTION_WORDS or lower in _NOT_NAMES or lower in _WEEKDAYS
            or lower in _MONTHS or _is_title(lower) or lower in _demonyms()
            or lower in _LEGAL_SUFFIXES)


class _Parties:
    """Finds the parties of one article: the store's, the gazetteer's and new names."""

    def __init__(self, text: str, sentences: list[_Sentence], known: Sequence[Party]) -> None:
        self.text = text
        self.sentences = sentences
        self.tokens = [_tokens(text, s.start, s.end) for s in sentences]
        self.weak: set[int] = set()  # starts of words that are no evidence of a name alone
        self.entities: dict[str, _Entity] = {}
        self.mentions: list[_Mention] = []
        self.claimed = bytearray(len(text))  # 1 where a found name already stands
        self.place_ends: set[int] = set()  # where a place found in the text ends
        self.known_forms: dict[str, Party] = {}
        for party in known:
            for form in (party.name, *party.aliases):
                if len(form.strip()) >= 2:
                    self.known_forms.setdefault(form.strip().casefold(), party)
        self.lowercase_words = {m.group().lower() for m in re.finditer(r"\b[a-z][a-z'-]*\b",
                                                                      text)}

    # mentions of names already known (the store's, the gazetteer's)

    def _entity(self, key: str, name: str, kind: str, match: str | None) -> _Entity:
        if key not in self.entities:
            self.entities[key] = _Entity(key, name, kind, match, evidence=True)
        return self.entities[key]

    def _add(self, entity: _Entity, start: int, end: int) -> None:
        entity.forms[self.text[start:end]] = None
        entity.mentions.append((start, end))
        self.mentions.append(_Mention(start, end, entity.key))
        self._claim(start, end)

    def _is_claimed(self, start: int, end: int) -> bool:
        return 1 in self.claimed[start:end]

    def _claim(self, start: int, end: int) -> None:
        self.claimed[start:end] = b"\x01" * (end - start)

    def find_known(self) -> None:
        pattern = _name_pattern(
            [f for p in {id(p): p for p in self.known_forms.values()}.values()
             for f in (p.name, *p.aliases) if len(f.strip()) >= 2])
        if pattern is None:
            return
        for match in pattern.finditer(self.text):
            party = self.known_forms.get(match.group().casefold())
            if party is None or not _cased_like_a_name(match.group(), party):
                continue
            end = match.end()
            suffix = _SUFFIX_AFTER.match(self.text, end)
            if suffix:
                end = suffix.end()
            elif _continues_name(self.text, match.start(), end, self._name_allowed):
                continue
            entity = self._entity(party.key, party.name, party.kind, party.key)
            self._add(entity, match.start(), end)

    def _name_allowed(self, word: str) -> bool:
        return _plain_word(word) or word.casefold() in self.known_forms or word in _gazetteer()[0]

    def find_gazetteer(self) -> None:
        for dateline in _AGENCY.finditer(self.text):
            self._claim(*dateline.span())  # "BRUSSELS (AP) —": the wire, not a party
        forms, pattern = _gazetteer()
        for match in pattern.finditer(self.text):
            start, end = match.span()
            if self._is_claimed(start, end):
                continue
            country, role = forms[match.group()]
            if role == "demonym":
                if not _continues_name(self.text, start, end, _plain_word):
                    self._claim(start, end)  # an adjective: never a name
                continue
            acronym = role == "alias" and match.group().replace(".", "").isupper()
            if not acronym and _continues_name(self.text, start, end, self._name_allowed):
                continue
            run = _CAPITALISED_RUN.match(self.text, end)
            if run and any(w.lower() in _ORG_WORDS for w in run.group().split()):
                continue  # "U.S. Geological Survey", "UK Treasury": an organisation's name
            if self.text.startswith("-", end) and self.text[end + 1:end + 2].islower():
                self._claim(start, end)  # "London-based": a place
                continue
            before = self.text[max(0, start - 60):start]
            following = re.match(r"\s+([\w-]+)", self.text[end:end + 30])
            acts = _GOVERNMENT_AFTER.match(self.text, end) or (
                following and _is_title(following.group(1)))  # "White House Chief of Staff"
            if role == "capital" and (_LOCATIVE.search(before) or _PLACE_BEFORE.search(before)
                                      or _DESTINATION_BEFORE.search(before)
                                      or self._listed_place(start) or not acts):
                # "based in Stockholm", "London dealing", "flights from Sydney to London": a place
                self._place(start, end)
                continue
            if country.kind == "place":
                self._claim(start, end)  # a region: "Europe", "the Middle East"
                continue
            known = next((self.known_forms[f.casefold()]
                          for f in (country.name, *country.aliases, *country.capitals)
                          if f.casefold() in self.known_forms), None)
            if known is not None:
                entity = self._entity(known.key, known.name, known.kind, known.key)
            else:
                entity = self._entity("gaz:" + country.name, country.name, country.kind, None)
            self._add(entity, start, end)
        self.find_cities()

    def _place(self, start: int, end: int) -> None:
        self._claim(start, end)
        self.place_ends.add(end)

    def _listed_place(self, start: int) -> bool:
        """Whether a name follows a place in a list: "from Sydney to London and New York"."""
        gap = re.search(r"(?:\s*,)?\s+(?:and|or)\s+$|\s*,\s*$", self.text[max(0, start - 8):start])
        return gap is not None and start - len(gap.group()) in self.place_ends

    def find_cities(self) -> None:
        """Known cities are places, never parties; but the city at the end of a longer name
        ("Inter Milan", "Borussia Dortmund") is left to that name, and so is "Milan" elsewhere
        in its article (a short name for the club) unless it is where something is ("flew to
        Milan")."""
        found = [m for m in _cities().finditer(self.text) if not self._is_claimed(*m.span())]
        tails = set()
        for match in found:
            start, end = match.span()
            previous = re.search(r"([A-Z][\w&'’.-]*) $", self.text[max(0, start - 40):start])
            if previous and not self._name_allowed(previous.group(1)):
                tails.add(match.group())
        for match in found:
            start, end = match.span()
            before = self.text[max(0, start - 60):start]
            where = (_LOCATIVE.search(before) or _PLACE_BEFORE.search(before)
                     or _DESTINATION_BEFORE.search(before) or self._listed_place(start))
            if (match.group() in tails and not where) or (self.text.startswith("-", end)
                                          and self.text[end + 1:end + 2].isupper()):
                continue  # "Inter Milan", "Bristol-Myers": part of a name
            if _continues_name(self.text, start, end, self._name_allowed):
                continue  # "Manchester United", "New York Times"
            run = _CAPITALISED_RUN.match(self.text, end)
            if run and any(w.lower() in _ORG_WORDS for w in run.group().split()):
                continue
            self._place(start, end)

    # new names

    def find_names(self) -> None:
        occurrences: list[tuple[str, int, int, bool, dict[str, int]]] = []
        acronyms: dict[str, str] = {}
        for sentence_tokens in self.tokens:
            tokens = [t for t in sentence_tokens if not self._is_claimed(t.start, t.end)]
            if _headline_case(tokens):
                continue
            for run in self._runs(tokens):
                name_tokens, cues, evidence = self._trim(run, tokens)
                if not name_tokens:
                    continue
                start, end = name_tokens[0].start, name_tokens[-1].end
                name = self.text[start:end]
                occurrences.append((name, start, end, evidence, cues))
                bracket = re.match(r"\s*\(([A-Z][A-Za-z&.]{1,9})\)", self.text[end:end + 14])
                if bracket and len(name_tokens) > 1:
                    acronyms[bracket.group(1)] = name
        self._merge(occurrences, acronyms)

    def _runs(self, tokens: list[_Token]) -> Iterator[list[_Token]]:
        """Runs of capitalised words with their joiners."""
        index = 0
        while index < len(tokens):
            if not tokens[index].capitalised:
                index += 1
                continue
            run = [tokens[index]]
            index += 1
            while index < len(tokens) and not run[-1].possessive:
                token = tokens[index]
                gap = self.text[run[-1].end:token.start]
                initial = gap == ". " and len(run[-1].text) == 1 and run[-1].text.isupper()
                if gap != " " and not initial:  # "Donald J. Trump" runs on past the initial
                    break
                if token.capitalised and token.text != "The":  # "Loud The Athletic": two names
                    run.append(token)
                    index += 1
                    continue
                following = tokens[index + 1] if index + 1 < len(tokens) else None
                third = tokens[index + 2] if index + 2 < len(tokens) else None
                if token.text in ("of", "for") and following is not None and \
                        following.text == "the" and third is not None and third.capitalised and \
                        any(t.text.lower() in _ORG_WORDS for t in run) and \
                        self.text[token.end:third.start] == " the ":
                    run += [token, following, third]  # "Flint Center for the Performing Arts"
                    index += 3
                    continue
                if following is None or not following.capitalised or \
                        self.text[token.end:following.start] != " ":
                    break
                joiner = token.text
                organisation = any(t.text.lower() in _ORG_WORDS for t in run)
                titled = _is_title(run[-1].text) and _is_title(following.text)
                of = joiner in ("of", "for", "on") and (organisation or titled)
                if joiner == "&" or of or (
                        joiner in _JOINERS and not run[-1].initial) or (
                        joiner == "and" and " of " in self.text[run[0].start:token.start]
                        and run[0].text.lower() in _GOVERNMENT_WORDS):
                    run += [token, following]
                    index += 2
                    continue
                break
            titles = [i for i, t in enumerate(run[:-1]) if i and _is_title(t.text)
                      and not _is_title(run[i - 1].text)]
            if titles:
                # "Richmond Federal Reserve Bank President Thomas Barkin", "Fed Chair Jerome
                # Powell": an organisation, then a person; a lone word before a title ("Fed",
                # "Republican") is a name only if the article uses it as one elsewhere
                head = run[:titles[0]]
                if len(head) == 1:
                    self.weak.add(head[0].start)
                yield head
                run = run[titles[0]:]
            yield run

    def _trim(self, run: list[_Token], tokens: list[_Token]
              ) -> tuple[list[_Token], dict[str, int], bool]:
        """The name in a run, without leading function words, demonyms and titles (which are
        cues), and whether it is evidence of a name by itself."""
        cues: dict[str, int] = {}
        words = list(run)
        organisation = any(t.text.lower().rstrip(".") in _ORG_WORDS for t in words[1:])
        if len(words) > 1 and all(w.text.isupper() for w in words) and sum(
                len(w.text) >= 4 for w in words) >= 2:
            return [], cues, False  # "NO VOTE WATCHERS OR OBSERVERS": shouting
        titles = [i for i, w in enumerate(words[:-1]) if _is_title(w.text)]
        if titles and not organisation:
            # "Republican President George Bush", "Chief of Staff Andrew Card": the name is
            # what follows the last title
            cues["person"] = cues.get("person", 0) + 1
            words = words[titles[-1] + 1:]
        while words:
            lower = words[0].text.lower().rstrip(".")
            if words[0].initial and lower in self.lowercase_words and len(words) > 1 \
                    and lower not in _ORG_WORDS:
                words.pop(0)  # "Rival Samsung": a common word that starts the sentence
            elif (lower in _FUNCTION_WORDS and (words[0].initial or lower in ("a", "an")
                                                 or words[0].text.isupper())) \
                    or lower in _WEEKDAYS or lower in _MONTHS:
                words.pop(0)
            elif lower in _demonyms() and not organisation:
                words.pop(0)
            elif lower in _TITLE_WORDS and not organisation and len(words) > 1:
                cues["person"] = cues.get("person", 0) + 1
                words.pop(0)
            else:
                break
        while words and ((_plain_word(words[-1].text) and words[-1].text.lower().rstrip(".")
                         not in _ORG_WORDS) or words[-1].text.lower() in ("of", "and", "&")):
            words.pop()
        if len(words) == 2 and words[0].text == "The" and not words[0].initial:
            pass  # "according to The Athletic": the article is part of the name
        elif words and words[0].text == "The" and len(words) > 1:
            words.pop(0)
        if not words:
            return [], cues, False
        if len(words) == 1:
            word = words[0]
            lower = word.text.lower()
            if _plain_word(word.text) or len(word.text) < 2 or (
                    lower in _ORG_WORDS and lower not in _GOVERNMENT_WORDS):
                return [], cues, False
            if word.text.isupper() and len(word.text) > 6:
                return [], cues, False  # shouting, not a name
            following = self.text[word.end:word.end + 12]
            owner = re.search(r"(?:['’]s?|\b(?:its|his|her|their|our))\s+$",
                              self.text[max(0, word.start - 8):word.start])
            if _MODEL_AFTER.match(self.text, word.end) and not owner:
                # "Airbus A350-1000 jets": the maker, not its product
                cues["organisation"] = cues.get("organisation", 0) + 2
            elif re.match(r"\s+[A-Z]?\d", following):
                return [], cues, False  # "Mate 60", "iPhone 15": a product
            if word.initial and (lower in self.lowercase_words or lower in _FUNCTION_WORDS):
                return [], cues, False
            if lower in self.lowercase_words and lower not in _GOVERNMENT_WORDS:
                return [], cues, False  # "the Election was Rigged": a word, capitalised
        self._cues(words, tokens, cues)
        evidence = len(words) > 1 or not words[0].initial or bool(cues)
        if len(words) == 1 and words[0].initial and re.match(r"(?:,|\s+and|\s+&)\s+[A-Z]",
                                                              self.text[words[0].end:]):
            evidence = True  # "Sony, Samsung and several start-ups": a list of names
        if len(words) == 1 and (words[0].start in self.weak or words[0].text[:1].islower()):
            evidence = False  # "iPhone": a product; "Republican President …": an adjective
        if self.text[words[0].start - 1:words[0].start] in ("\"", "“", "'", "\u2018") and \
                self.text[words[-1].end:words[-1].end + 1] in ("\"", "”", "'", "’"):
            evidence = False  # “Galaxy Nexus”, "Android Beam": a product or a nickname
        if len(words) == 1 and not cues and _inside_quote(self.text, tokens[0].start if tokens
                                                          else 0, words[0].start):
            evidence = False  # 'the Election was Rigged': capitals for emphasis in a quote
        if len(words) == 1 and not cues and _MODIFIED.match(self.text, words[0].end) and (
                re.search(r"\b(?:the|a|an|its|his|her|their|first|new)\s+(?:\w+\s+)?$",
                          self.text[max(0, words[0].start - 20):words[0].start], _I)
                or _ROLE_AFTER.match(self.text, words[0].end)):
            evidence = False  # "the Richter scale", "Democratic nominee": a modifier
            if _NAMED_BY.match(self.text, words[0].end):
                evidence = True  # "its Woodbridge holding company": the company's name
                cues["organisation"] = cues.get("organisation", 0) + 1
        return words, cues, evidence

    def _cues(self, words: list[_Token], tokens: list[_Token], cues: dict[str, int]) -> None:
        lowers = [w.text.lower().rstrip(".") for w in words]
        if any(w in _GOVERNMENT_WORDS for w in lowers):
            cues["government"] = cues.get("government", 0) + 1
        elif any(w in _GROUP_WORDS for w in lowers[1:]):
            cues["group"] = cues.get("group", 0) + 1
        elif any(w in _ORG_WORDS for w in lowers[1:]) or any("&" in w for w in lowers):
            cues["organisation"] = cues.get("organisation", 0) + 2
        floor = tokens[0].start if tokens else 0
        before = self.text[max(floor, words[0].start - 60):words[0].start]
        after = self.text[words[-1].end:words[-1].end + 60]
        previous = re.findall(r"[\w'’-]+", before)[-2:]
        if previous and previous[-1].lower() in _ROLE_NOUNS:
            cues["person"] = cues.get("person", 0) + 2  # "team manager Pep Guardiola"
        if _LOCATIVE.search(before):
            previous = []  # "a judge in San Francisco": the words before are not about it
        if any(w.lower() in _ORG_CUES for w in previous) or re.match(
                r",\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}(?:company|firm|group|maker|bank)\b",
                after) or re.match(r"['’]s\s+shares\b|\s+shares\b", after):
            cues["organisation"] = cues.get("organisation", 0) + 1
        if any(w.lower() in _ROLE_NOUNS for w in previous) or re.match(
                r",\s+(?:\d{1,3},|(?:the|a|an|its|his|her|their)\s+(?:[\w'’-]+\s+){0,5}"
                r"(?:" + "|".join(sorted(_ROLE_NOUNS)) + r")\b)", after) or (re.search(
                r"\b(?:said|says|told|added)\s+$", before) and len(words) > 1
                and re.match(r"\s*(?:[,.;]|$)", after)):
            cues["person"] = cues.get("person", 0) + 1
        if len(words) in (2, 3) and words[0].text in _given_names():
            cues["person"] = cues.get("person", 0) + 1
        locative = _LOCATIVE.search(before) and not _NOT_LOCATIVE.search(before)
        if (locative or _PLACE_BEFORE.search(before) or _PLACE_AFTER.match(after)
                or _DESTINATION_BEFORE.search(before) or lowers[0] in _PLACE_FIRST
                or lowers[-1] in _PLACE_LAST) and "organisation" not in cues:
            cues["place"] = cues.get("place", 0) + 1

    def _merge(self, occurrences: list[tuple[str, int, int, bool, dict[str, int]]],
               acronyms: dict[str, str]) -> None:
        """Occurrences grouped into entities: short forms join the long name they shorten."""
        def key_of(name: str) -> str:
            words = [w for w in re.findall(r"[\w&'’-]+", name.casefold())
                     if w not in _LEGAL_SUFFIXES and len(w) > 1]
            if words and words[0] == "the":
                words = words[1:]
            return " ".join(words) or name.casefold()

        longest: dict[str, str] = {}
        cue_totals: dict[str, dict[str, int]] = {}
        counts: dict[str, int] = {}
        for name, _start, _end, _evidence, cues in occurrences:
            key = key_of(name)
            counts[key] = counts.get(key, 0) + 1
            if len(name) > len(longest.get(key, "")):
                longest[key] = name
            totals = cue_totals.setdefault(key, {})
            for cue, count in cues.items():
                totals[cue] = totals.get(cue, 0) + count
        persons = [k for k in longest if " " in k and cue_totals[k].get("person")]
        multi = [k for k in longest if " " in k]

        def target(key: str) -> str:
            if key.casefold() in self.known_forms:
                return "known:" + key
            if key.upper() in acronyms:
                return key_of(acronyms[key.upper()])
            words = key.split()
            if len(words) == 1:
                people = [p for p in persons if p.split()[-1] == key]
                if len(people) == 1:
                    return people[0]
                holders = [m for m in multi if key == m.split()[-1] or (
                    key == m.split()[0] and not any(w in _ORG_WORDS for w in m.split()[1:]))]
                if len(holders) == 1 and counts[key] <= 2 * counts[holders[0]]:
                    # "Dortmund", "City": "Borussia Dortmund", "Manchester City"; but "Tibet" is
                    # not the "Tibet Autonomous Region Earthquake Bureau"
                    return holders[0]
            # "Huawei" and "Nordic Paper" are short for "Huawei Technologies", "Nordic Paper
            # Group" (organisation words after it) when nothing else starts so.
            heads = [m for m in multi if m.split()[:len(words)] == words and m != key
                     and m not in persons
                     and all(w in _ORG_WORDS for w in m.split()[len(words):])]
            if len(heads) == 1:
                return heads[0]
            # "the Founders Share Company" is the "Reuters Founders Share Company"
            tails = [m for m in multi if len(words) > 1 and m.split()[-len(words):] == words
                     and len(m.split()) == len(words) + 1 and m not in persons]
            if len(tails) == 1 and words[-1] in _ORG_WORDS:
                return tails[0]
            return key

        for name, start, end, evidence, cues in occurrences:
            key = target(key_of(name))
            if key.startswith("known:"):
                party = self.known_forms[key[6:].casefold()]
                entity = self._entity(party.key, party.name, party.kind, party.key)
                self._add(entity, start, end)
                continue
            entity = self.entities.get("new:" + key) or _Entity(
                "new:" + key, _without_suffix(longest[key]), "other", None,
                tokens=len(longest[key].split()))
            self.entities[entity.key] = entity
            entity.evidence = entity.evidence or evidence
            for cue, count in cues.items():
                entity.cues[cue] = entity.cues.get(cue, 0) + count
            self._add(entity, start, end)
        for key, entity in list(self.entities.items()):
            if not key.startswith("new:"):
                continue
            if not entity.evidence:
                del self.entities[key]
                continue
            entity.kind = _kind(entity)
            if entity.kind == "place":
                del self.entities[key]  # "in Mostar", "the island of La Palma": a place
        self.mentions = [m for m in self.mentions if m.entity in self.entities]

    def run(self) -> None:
        self.find_known()
        self.find_gazetteer()
        self.find_names()
        self.mentions.sort(key=lambda m: m.start)


def _without_suffix(name: str) -> str:
    """'Orbital Systems Inc' -> 'Orbital Systems': the legal form stays an alias."""
    words = name.split()
    while len(words) > 1 and words[-1].lower().strip(".,") in _LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words).rstrip(",")


def _kind(entity: _Entity) -> str:
    cues = entity.cues
    if cues.get("government"):
        return "government"
    if cues.get("group"):
        return "group"
    if cues.get("person", 0) > cues.get("organisation", 0):
        return "person"
    if cues.get("organisation"):
        return "organisation"
    if cues.get("place"):
        return "place"
    return "organisation" if entity.tokens == 1 else "other"


def _headline_case(tokens: list[_Token]) -> bool:
    """Text in headline case (menus, section titles): every longer word capitalised."""
    words = [t for t in tokens if t.text.isalpha() and len(t.text) >= 4]
    return len(words) >= 4 and all(t.capitalised for t in words)


@cache
def _gazetteer() -> tuple[dict[str, tuple[_Country, str]], re.Pattern[str]]:
    forms: dict[str, tuple[_Country, str]] = {}
    for country in _countries():
        for role, names in (("name", (country.name,)), ("alias", country.aliases),
                            ("capital", country.capitals), ("demonym", country.demonyms)):
            for name in names:
                forms.setdefault(name, (country, role))
    ordered = sorted(forms, key=lambda f: (-len(f), f))
    pattern = re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, ordered)) + r")(?![\w])")
    return forms, pattern


# --- roles ---------------------------------------------------------------------------------------

_LEXICON_ROWS = (
    ("signed signing", "signatory", "signatory"),
    ("renew renews renewed renewing extend extends extended extending agree agrees agreed",
     "signatory", "signatory"),
    ("agreement agreements deal deals pact pacts treaty contract contracts accord licence "
     "license", "signatory", "signatory"),
    ("sanction sanctions sanctioned sanctioning", "sanctioning party", "sanctioned"),
    ("ban bans banned banning blacklist blacklisted blacklisting", "banning party", "banned"),
    ("say says said tell tells told added stated", "spokesperson", "addressee"),
    ("announce announces announced announcing unveil unveils unveiled launch launches launched",
     "announcer", "mentioned"),
    ("acquire acquires acquired acquiring buy buys bought buying purchase purchases purchased "
     "takeover acquisition", "buyer", "acquired"),
    ("sell sells sold selling", "seller", "buyer"),
    ("merge merges merged merging merger", "merging party", "merging party"),
    ("sue sues sued suing lawsuit", "plaintiff", "defendant"),
    ("meet meets met meeting talks summit", "participant", "participant"),
    ("accuse accuses accused accusing suspect suspects suspected", "accuser", "accused"),
    ("deny denies denied", "denying party", "mentioned"),
    ("warn warns warned warning", "warning party", "warned"),
    ("pressure pressures pressured pressuring urge urges urged", "pressuring party", "pressed"),
    ("fined", "fining authority", "fined"),
    ("invest invests invested investing investment", "investor", "investee"),
    ("beat beats defeated defeats defeat", "winner", "defeated"),
    ("win wins won", "winner", "mentioned"),
    ("elected", "electorate", "elected"),
    ("appoint appoints appointed hire hires hired", "appointer", "appointee"),
    ("join joins joined joining", "joining party", "joined"),
    ("attack attacks attacked invade invades invaded", "attacker", "target"),
    ("hit hits struck rocked", "cause", "affected"),
    ("ruled ruling", "court", "party"),
    ("approve approves approved approval cleared", "approver", "approved"),
    ("block blocks blocked reject rejects rejected", "blocking party", "blocked"),
    ("pay pays paid", "payer", "payee"),
    ("partner partners partnered partnership", "partner", "partner"),
    ("according", "mentioned", "source"),
)
_LEXICON = {word: (subject, obj) for words, subject, obj in _LEXICON_ROWS
            for word in words.split()}
_BE = frozenset("is are was were been being be".split())
_HARD_BREAK = re.compile(r";|\s(?:but|which|who|whose|while|whereas|although)\s|,\s+(?:which|who)",
                         _I)


@dataclass(frozen=True, slots=True)
class _Trigger:
    index: int  # token index in the sentence
    subject: str
    obj: str
    passive: bool
    speech: bool


def _roles(text: str, tokens: list[_Token], mentions: list[tuple[int, int, str]],
           kinds: dict[str, str]) -> dict[str, str]:
    """Each mentioned party's role in the sentence, by its place around the lexicon's verbs."""
    triggers: list[_Trigger] = []
    for index, token in enumerate(tokens):
        entry = _LEXICON.get(token.text.lower())
        if entry is None or (token.text[0].isupper() and not token.initial):
            continue
        previous = [t.text.lower() for t in tokens[max(0, index - 2):index]]
        passive = any(w in _BE for w in previous) and token.text.lower().endswith("ed")
        speech = entry[0] == "spokesperson"
        triggers.append(_Trigger(index, entry[0], entry[1], passive, speech))
    roles: dict[str, str] = {}
    last_object: tuple[int, str] | None = None
    used: set[int] = set()  # triggers whose object is taken: the first party after a verb
    for start, end, key in mentions:
        index = next((i for i, t in enumerate(tokens) if t.end > start), len(tokens) - 1)
        last = next((i for i, t in enumerate(tokens) if t.end >= end), index)
        role = "mentioned"
        before = [t for t in triggers if t.index < index and index - t.index <= 6
                  and not _broken(text, tokens[t.index].end, start, soft=False)]
        after = [t for t in triggers if t.index > last and t.index - last <= 12
                 and not _broken(text, end, tokens[t.index].start, soft=True)]
        if last_object is not None and re.fullmatch(
                r"(?:\s*(?:,|and|or|&|as well as)\s*)+", text[last_object[0]:start]):
            role = last_object[1]  # a list after the verb: "with Apple, Samsung and Xiaomi"
        elif before and before[-1].index not in used:
            trigger = before[-1]
            used.add(trigger.index)
            between = text[tokens[trigger.index].end:start]
            by = re.search(r"\bby\s", between) is not None
            if trigger.speech and index - trigger.index <= 2 and not re.search(r"\bthat\b",
                                                                              between):
                role = trigger.subject  # '"…," said Alan Fan'
            elif trigger.passive and by:
                role = trigger.subject
            else:
                role = trigger.obj
        elif after and not before:
            trigger = after[0]
            for later in after[1:]:  # "agreed to buy": the second verb says what it does
                if later.index == trigger.index + 2 and tokens[trigger.index + 1].text == "to":
                    trigger = later
            role = trigger.obj if trigger.passive else trigger.subject
        if role == "sanctioning party" and kinds.get(key) == "government":
            role = "sanctioning government"
        last_object = (end, role) if role != "mentioned" else None
        if roles.get(key, "mentioned") == "mentioned":
            roles[key] = role
    return roles


def _broken(text: str, start: int, end: int, *, soft: bool) -> bool:
    """Whether a clause ends between two places: always at a semicolon or before 'but',
    'which', 'who'; between a verb and its object also at a comma or a dash."""
    between = text[start:end]
    if _HARD_BREAK.search(between):
        return True
    return not soft and re.search(r"[,:–—]|\s-\s", between) is not None


# --- titles --------------------------------------------------------------------------------------

_LEADING_ADVERBIAL = re.compile(
    r"^(?:[A-Z][a-z]+ing\b|despite|after|before|since|although|though|while|when|as|in|on|at|back|however"
    r"|meanwhile|also|but|and|still|yet|last|earlier|later|separately|today|for|with|under"
    r"|amid|following|according|by|during|once|if|until|in addition|nevertheless|instead)\b"
    r"[^,]{0,80},\s+", _I)
_TRAILING_ATTRIBUTION = re.compile(
    r",\s+(?:the\s+|a\s+|an\s+)?[^,]{0,60}?\b(?:said|says|told \w+|added|stated|reported"
    r"|announced)\b[^,]{0,30}$", _I)
_CLAUSE_CUT = re.compile(
    r",\s+(?=(?:which|who|where|according|arguing|forcing|saying|as|in response|while|but"
    r"|after|despite|amid|and|with|adding|citing|making|leaving|prompting|following|although"
    r"|because|though)\b)|\s[–—]\s|;|:\s|\s+but\s|\s+while\s|\s+whereas\s", _I)
_CUT_BEFORE = re.compile(
    r"\s(?=(?:to|for|from|with|in|on|at|by|of|as|after|before|into|over|under|amid|about"
    r"|and|or|that|which|who|because|while|since|until|against|between)\s)", _I)
_DANGLING = re.compile(
    r"(?:\s+(?:the|a|an|of|and|or|to|with|for|from|in|on|at|by|as|its|their|his|her|that"
    r"|which|who))+$", _I)
# "BRUSSELS (AP) — ", "STOCKHOLM, Aug 25 (Reuters) - ": where the wire filed it from
_DATELINE = re.compile(r"^[A-Z][A-Z.'’ -]{2,}(?:,[^–—()]{0,30})?(?:\s*\([^)]{1,20}\))?\s*[—–-]+\s+")
_PRONOUN_START = re.compile(r"^(It|He|She|The company|The firm|The group)\s+(?!is\b|was\b|"
                            r"has been\b|had been\b|seems\b|remains\b|appears\b|'s\b|’s\b)")


def _title(sentence: str, date_phrase: tuple[int, int], names: list[tuple[int, int]],
           subject: str | None) -> str:
    """A short title from the sentence: without its date phrase, leading adverbial clause,
    trailing attribution and asides, cut at a clause or phrase boundary."""
    start, end = date_phrase
    after = sentence[end:]
    joint = "" if not after[:1].isspace() else " "
    without = (sentence[:start].rstrip() + joint + after.lstrip()).lstrip(" ,")
    text = without if len(without.split()) >= 3 else sentence
    text = _DATELINE.sub("", text)
    text = re.sub(r"\s*\([^)]*\)", "", text)
    text = re.sub(r"\s[–—]\s[^–—]{1,80}?\s[–—]\s", " ", text)
    text = text.replace('"', "").replace("“", "").replace("”", "")
    text = re.sub(r"(?<!\w)['\u2018](?=\w)|(?<=[\w.,!?])[’'](?!\w)", "", text)
    text = " ".join(text.split())
    adverbial = _LEADING_ADVERBIAL.match(text)
    if adverbial and len(text[adverbial.end():].split()) >= 3:
        text = text[adverbial.end():]
    attribution = _TRAILING_ATTRIBUTION.search(text)
    if attribution and attribution.start() > 20:
        text = text[:attribution.start()]
    cut = _CLAUSE_CUT.search(text, 20)
    if cut:
        text = text[:cut.start()]
    text = _premodifiers(text, sentence, names)
    if subject:
        pronoun = _PRONOUN_START.match(text)
        if pronoun:
            text = subject + text[pronoun.end(1):]
    text = text.strip(" .,;:!?–—-\"'")
    if len(text) > TITLE_LIMIT:
        cuts = [m.start() for m in _CUT_BEFORE.finditer(text, 0, TITLE_LIMIT) if m.start() >= 30]
        text = text[:cuts[-1]] if cuts else text[:TITLE_LIMIT].rsplit(" ", 1)[0]
    text = _DANGLING.sub("", text).strip(" .,;:!?–—-")
    return text[:1].upper() + text[1:]


def _premodifiers(text: str, sentence: str, names: list[tuple[int, int]]) -> str:
    """'Chinese telecommunications giant Huawei announced' -> 'Huawei announced'."""
    for start, end in names:
        name = sentence[start:end]
        position = text.find(name)
        if position < 0:
            continue
        if position == 0:
            break
        before = text[:position].rstrip()
        words = before.split()
        if 1 <= len(words) <= 5 and "," not in before[:-1] and (
                words[-1].rstrip(",").lower() in _ORG_CUES | _ROLE_NOUNS):
            rest = text[position + len(name):]
            if before.endswith(","):
                rest = re.sub(r"^,\s*", " ", rest)
            return name + rest
        break
    return text


# --- propose -------------------------------------------------------------------------------------


def propose(article: Article, known: Sequence[Party] = ()) -> Proposals:
    """The dated events and the parties of an article, by the rules in this module's
    docstring. Deterministic and offline; never raises on any text."""
    text = article.text
    sentences = _sentences(text)
    finder = _Parties(text, sentences, known)
    finder.run()
    reference = _Reference.of(article.published)
    ordered = sorted(finder.entities.values(), key=lambda e: min(e.mentions))
    ids = {entity.key: f"p{n}" for n, entity in enumerate(ordered, start=1)}
    kinds = {entity.key: entity.kind for entity in ordered}
    by_sentence: list[list[tuple[int, int, str]]] = [[] for _ in sentences]
    position = 0
    for mention in finder.mentions:
        while position < len(sentences) and sentences[position].end <= mention.start:
            position += 1
        if position < len(sentences) and sentences[position].start <= mention.start:
            by_sentence[position].append((mention.start, mention.end, mention.entity))
    events: list[ProposedEvent] = []
    previous_subject: str | None = None
    for number, sentence in enumerate(sentences):
        words = text[sentence.start:sentence.end]
        mentions = by_sentence[number]
        subject = _subject(words, sentence.start, mentions)
        pronoun = _PRONOUN_START.match(words)
        resolved = None
        if pronoun is not None and previous_subject is not None and (
                pronoun.group(1) in ("He", "She")) == (kinds[previous_subject] == "person"):
            resolved = previous_subject
            mentions = [(sentence.start, sentence.start + len(pronoun.group(1)), resolved),
                        *mentions]
        found = _dates_in(words, reference)
        if len(found) > 1:
            found = [f for f in found if not _SPEECH.search(words[:f.date_start])] or found
        if found:
            roles = _roles(text, finder.tokens[number], mentions, kinds)
            parties = tuple((ids[key], role) for key, role in roles.items())
            names = [(s - sentence.start, e - sentence.start) for s, e, k in mentions
                     if k != resolved or s != sentence.start]
            seen: set[str] = set()
            for date in found:
                edtf = date.span.edtf()
                if edtf in seen:
                    continue
                seen.add(edtf)
                title = _title(words, (date.start, date.end), names,
                               finder.entities[resolved].name if resolved else None)
                events.append(ProposedEvent(
                    id=f"e{len(events) + 1}", title=title or words[:TITLE_LIMIT],
                    when=date.span, quote=(sentence.start, sentence.end),
                    date_phrase=words[date.start:date.end], parties=parties))
        previous_subject = resolved or subject or previous_subject
    parties_out = tuple(
        ProposedParty(id=ids[e.key], name=e.name, kind=e.kind, match=e.match,
                      aliases=tuple(f for f in e.forms if f != e.name),
                      mentions=tuple(sorted(e.mentions)))
        for e in ordered)
    return Proposals(article, tuple(events), parties_out)


def _subject(words: str, offset: int, mentions: list[tuple[int, int, str]]) -> str | None:
    """The party a sentence is about: its first mention after any leading adverbial clause."""
    adverbial = _LEADING_ADVERBIAL.match(words)
    skip = offset + (adverbial.end() if adverbial else 0)
    return next((key for start, _end, key in mentions if start >= skip), None)


__all__ = ["MAX_ARTICLE_BYTES", "propose", "read_article"]
