"""Language data: the word lists (resources/article/words.txt, by section) and the phrase
patterns the rules read, apart from the code that reads them, as dateparser and spaCy keep
theirs."""

from __future__ import annotations

import gzip
import re
from functools import cache, lru_cache

from models.paths import resource_path

_I = re.IGNORECASE


@cache
def _sections() -> dict[str, frozenset[str]]:
    """resources/article/words.txt: "[section]" lines, then its words (comment lines: '#')."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    text = resource_path("article", "words.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            current = sections.setdefault(stripped[1:-1], [])
        elif stripped and not stripped.startswith("#"):
            current += stripped.split()
    return {name: frozenset(words) for name, words in sections.items()}


def word_list(section: str) -> frozenset[str]:
    """The words of one section of resources/article/words.txt (KeyError: no such section)."""
    return _sections()[section]



@cache
def _sorted_lines(name: str) -> str:
    """A gzipped list in resources/article/, sorted by code point, one entry a line (the
    English words take 20 ms to read)."""
    data = resource_path("article", name).read_bytes()
    return gzip.decompress(data).decode("utf-8")


@lru_cache(maxsize=4096)  # an article asks the same words again (and a long one, often)
def is_english_word(word: str) -> bool:
    """Whether a word is in the dictionary of ordinary (lowercase) English words: "growth",
    "summit", "aura", not "Boeing" or "Flamengo". By bisection of the sorted text: a set of
    its 210,000 words would take 60 ms to make, for the few words an article asks about."""
    wanted = word.lower()
    if not wanted.isalpha():
        return False
    if wanted.endswith("s") and len(wanted) > 3:
        # Plurals: the list has the singular ("protesters", "authorities"); not a name's "-es"
        # ("Mendes" is no plural of "mend").
        stem = wanted[:-3] + "y" if wanted.endswith("ies") else wanted[:-1]
        if wanted.endswith(("ches", "shes", "sses", "xes")):
            stem = wanted[:-2]  # ("clashes", "marches": after a hissing sound)
        return _listed(_WORDS_FILE, wanted) or _listed(_WORDS_FILE, stem)
    return _listed(_WORDS_FILE, wanted)


@lru_cache(maxsize=4096)
def is_place_name(name: str) -> bool:
    """Whether a name is a city's or town's (GeoNames, population 15,000 or more), as written
    there: "Reynosa", "Barranquilla", "Bogotá" or "Bogota", "Fukushima"."""
    return _listed(_PLACES_FILE, name)


_WORDS_FILE = "english_words.txt.gz"
_PLACES_FILE = "places.txt.gz"


def _listed(name: str, wanted: str) -> bool:
    """Whether a sorted list has a line, by bisection of its text: a set of its hundreds of
    thousands of lines would take longer to make than the few lines an article asks about."""
    text = _sorted_lines(name)
    low, high = 0, len(text)  # both at the start of a line
    while low < high:
        start = text.rfind("\n", 0, (low + high) // 2) + 1
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end]
        if line == wanted:
            return True
        if line < wanted:
            low = end + 1
        else:
            high = start
    return False


_MONTHS = {name: number for number, names in enumerate((
    "january jan", "february feb", "march mar", "april apr", "may", "june jun",
    "july jul", "august aug", "september sep sept", "october oct", "november nov",
    "december dec"), start=1) for name in names.split()}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())} | {"a": 1, "an": 1} | {
    tens + (f"-{unit}" if unit else ""): 10 * (n + 2) + u
    for n, tens in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
    for u, unit in enumerate(["", *"one two three four five six seven eight nine".split()])}

# Capitalised only because they start a sentence (or a quote): never names by themselves.
_FUNCTION_WORDS = word_list("function")
_TITLE_WORDS = word_list("titles")
_ROLE_NOUNS = word_list("role nouns")
_ORG_WORDS = word_list("organisation words")
# Capitalised words that name no party: time zones, holidays, words of the calendar.
_NOT_NAMES = word_list("not names")
_DEGREES = word_list("degrees")
# What a name is described as before it ("Veteran Labour politician Tony Benn").
_DESCRIBING_WORDS = word_list("describing words")
_GOVERNMENT_WORDS = word_list("government words")
# The last word of a document's name, not a party's: "Executive Order", "the Constitution",
# "Joint Comprehensive Plan of Action", "Global Magnitsky Act".
_DOCUMENT_WORDS = word_list("document words")
_EVENT_WORDS = word_list("event words")
_INDUSTRIES = word_list("industries")  # what a company's name may open with: "Shipping"
_STORM_WORDS = word_list("storm words")
_JURISDICTIONS = word_list("jurisdictions")
_CRAFT_WORDS = word_list("craft words")
_PRODUCT_WORDS = word_list("products")
_MARKET_INDICES = word_list("market indices")
_GENERIC_ACRONYMS = word_list("generic acronyms")
# The prepositions a name may follow: "an activist from Ufa", "in an interview with Reuters".
_PREPOSITIONS = frozenset("from for of at in with to by on".split())
_STATE_AGENCIES = word_list("state agencies")
_CENTRAL_BANKS = word_list("central banks")
_CLUB_PREFIXES = word_list("club prefixes")  # "FC Goa"
_CLUB_LAST = word_list("club last words")  # "MBK United"
_COMPANY_ORGANS = word_list("company organs")  # "board_of_directors"
_CHAMBERS = word_list("chambers")  # "House of Assembly"
_PAID_NO_MONEY = word_list("paid no money")  # "paid tribute"


def is_central_bank(lowers: list[str]) -> bool:
    """Whether a name's words (lowercase, without "the") are a state's central bank's: "bank
    of england", "central bank of kenya", "european central bank", "united states federal
    reserve"."""
    return "_".join(lowers) in _CENTRAL_BANKS or lowers[-2:] == ["central", "bank"] or (
        lowers[:3] == ["central", "bank", "of"]) or lowers[-2:] == ["federal", "reserve"] or (
        lowers[-3:] in (["federal", "reserve", "bank"], ["federal", "reserve", "system"]))
_STATE_BODY_WORDS = word_list("state body words")
_STATE_DUTIES = word_list("state duties")  # "the Election Commission"
_FACILITY_WORDS = word_list("facility words")
# Platforms that carry what people say: a medium, not a party, unless they act themselves
# ("Twitter suspended the account").
_PLATFORMS = word_list("platforms")
_GROUP_WORDS = word_list("group words")
_ORG_CUES = word_list("organisation cues")
_LEGAL_SUFFIXES = word_list("legal suffixes")
_JOINERS = word_list("joiners")
_SPORT_WORDS = word_list("sport words")
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
    r"\b(?:will|shall|should(?! have)"
    r"|(?:is|are) (?:set|due|expected|scheduled|slated) (?:to|for|in)|plans? to"
    r"|(?:is|are) to (?!blame\b)[a-z]+"  # ("Workers are to go on strike on Thursday")
    r"|upcoming|next|(?<!was )(?<!were )(?<!had been )(?:scheduled|slated|expected) (?:to|for))\b"
    r"|'ll\b", re.IGNORECASE)
# A verb of saying right after a date: the date is the statement's, told in the past ("Toyota
# on Monday said it will cut jobs"; "Orbital today announced that its rocket launched a
# satellite on Thursday").
SAID_AFTER = re.compile(r"\s+(?:said|announced|reported|confirmed|stated)\b")
# Irregular past tenses news is written in ("upheld the result of the August 9 vote").
IRREGULAR_PAST = (
    r"told|won|made|began|came|went|took|gave|saw|met|lost|left|sold|bought|paid|held|ran|rose"
    r"|fell|grew|upheld|withheld|struck|hit|beat|brought|caught|chose|drove|fled|froze|kept"
    r"|knew|led|meant|sent|shot|shut|spent|spoke|stood|stole|swore|taught|thought|threw"
    r"|understood|wrote|withdrew|became|broke|built|felt|found|fought|sought|sank|sat|slept"
    r"|overtook|forbade|forgave|bore|tore|wore|swept|wept|dealt|dug|fed|bent|bled|sprang|sang"
    r"|rang")
# Adverbs news puts between a doer and its verb ("Hamas later released", "Egypt first
# proposed"), with the space after them; optional.
ADVERB_BEFORE_VERB = (
    r"(?:(?:also|still|then|later|first|finally|earlier|initially|eventually|subsequently"
    r"|quickly|swiftly|promptly|immediately|reportedly|already|previously|formally|officially"
    r"|publicly|jointly|separately|repeatedly|recently|again|yesterday|today"
    # (or when: "Ecopetrol last week reported")
    r"|(?:earlier\s+|later\s+)?(?:last|this)\s+(?:week|month|year|morning|afternoon|evening))"
    r"\s+)?")
_PAST = re.compile(r"\b(?:was|were|had|did|said|since|ago|last|\w{3,}ed|" + IRREGULAR_PAST
                   + r")\b", re.IGNORECASE)
_REPORTING = re.compile(
    r"\b(?:said|says|told|stated|added|noted|wrote|announced|announces|confirmed|revealed"
    r"|reported|disclosed|promised|pledged|vowed)\b", re.IGNORECASE)  # (what one commits to)
_SPEECH = re.compile(
    r"\b(?:said|says|told(?: \w+){0,2}|stated|added|noted|wrote|commented|explained|confirmed)"
    # (what comes between is where or when it was said, not what: "said in a statement on",
    # not "said on Friday that it signed a deal in")
    r"(?: (?:in|at|during|to|on) (?:(?!\b(?:that|it|he|she|they|we|its)\b)[^,;.\"“”]){0,40}?)?"
    r"\s+(?:on |late |early )?$", re.IGNORECASE)

_HARD_BREAK = re.compile(r";|\s(?:but|which|who|whose|while|whereas|although)\s|,\s+(?:which|who)",
                         _I)
