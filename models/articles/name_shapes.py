"""What names look like, for the party finder (parties.py): the patterns around a name and
the pure tests of a name's words (who heads a body, what is a title, what a demonym opens),
none of which needs the article's other names."""

from __future__ import annotations

import re

from models.articles.contexts import (
    _PRODUCTS,
    _WORDS,
    _is_title,
    _plain_word,
)
from models.articles.gazetteer import (
    _demonyms,
    _gazetteer,
    _given_names,
    _regions,
)
from models.articles.lexicon import (
    _LEXICON,
)
from models.articles.sentences import (
    WEB_DOMAINS,
    _Token,
)
from models.articles.words import (
    _GOVERNMENT_WORDS,
    _GROUP_WORDS,
    _LEGAL_SUFFIXES,
    _ORG_WORDS,
    _ROLE_NOUNS,
    _SPORT_WORDS,
    is_english_word,
    word_list,
)

_INNER_PAIR = re.compile(r"(?<=[\w,;)] )([A-Z][\w'’&-]* [A-Z][\w'’&-]*)")


_ENVOY_BEFORE = re.compile(r"\b(?:Ambassador|Envoy|Representative|Consul)\s+(?:to|in)\s+"
                           r"(?:the\s+)?$", re.IGNORECASE)
_PORTFOLIO_BEFORE = re.compile(r"\b(?:[Mm]inister|[Ss]ecretary|[Uu]ndersecretary|Ministry"
                               r"|Department|[Cc]ommissioner)"
                               r"(?: of State)? (?:of|for) (?:the )?$")
# Bodies named by what they are, not who ("the Republic would comply", "the Laboratory", "the
# Ministry said"): the name is elsewhere, or nowhere. ("Congress", "the Army", "the Treasury"
# name one body in a country's news.)
_GENERIC_BODIES = frozenset(
    "republic kingdom laboratory lab administration ministry department embassy".split())
# The abbreviations of the United States' states after a town ("Cape Canaveral, Fla.").
_STATE_ABBREVIATIONS = frozenset(
    "ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo "
    "mont neb nev okla ore pa tenn tex vt va wash wis wyo n.h n.j n.m n.y n.c n.d r.i s.c s.d "
    "w.va d.c".split())
# The model at the end of a craft's name (what it is: _CRAFT_AFTER): "Atlas V rocket", "Soyuz TMA-5
# spacecraft", "Falcon 9 rocket".
_MODEL_NAME = re.compile(r"[IVX]+|[A-Z]|[A-Z]*\d[\w-]*|[A-Z]+-\d[\w-]*")
# A given name of two syllables joined by a hyphen, after the family name.
_EAST_ASIAN_GIVEN = re.compile(
    r"(?!(?:Al|El|Ad|Ar|As|An|At|Abu|Bin|Ibn)-)[A-Z][a-z]{0,5}-[A-Za-z][a-z]{1,5}")
# The last word of a body named by its fields ("Securities and Exchange Commission").
_BODY_WORDS = frozenset("commission administration department agency service services bureau "
                        "board authority council ministry office committee union association "
                        "federation chamber".split())  # ("Oil and Gas Workers Union")
_ONE_OF_BEFORE = re.compile(r"\b(?:a|an)\s+$")
_HONORIFICS = frozenset("mr mrs ms miss mx dr sir dame prof".split())
# "City of Bogliasco", "State of Texas": a place's government by its name ("Mexico City" is a
# place).
_LOCAL_GOVERNMENTS = frozenset("city town county state province region district".split())
# A dateline at the start of a paragraph: the town in capitals, maybe its state or country, a
# date and the wire, then a dash ("ESPOO, Finland, 21 January 2023 (Reuters) -", "MINSK,
# Belarus --", "CAPE CANAVERAL, Fla. —").
DATELINE_PATTERN = (
    r"^[ \t]*(?:[A-Z][A-Z'’.-]+(?:[ /-][A-Z][A-Z'’.-]+){0,5}"  # ("RIO DE JANEIRO/SAO PAULO")
    r"(?:,[ \t]+[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,2})?"
    r"(?:,?[ \t]+[\w ,]{0,30}?\d{4}|,[ \t]+[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2})?"
    r"(?:(?:[ \t]*\([^)\n]{1,30}\))?[ \t]*(?:-{1,2}(?=[ \t])|–|—)"
    # (or an agency and its date, with no dash: "WASHINGTON (UrduPoint News / Sputnik -
    # 19th November, 2019) The US …"
    r"|[ \t]*\([^)\n]{1,60}\d{4}\)"
    # or an agency after the day, with no dash: "WASHINGTON D.C., United States, June 16
    # (UNHCR) The UN …")
    r"|(?<=\d)[ \t]*\([A-Z][\w .&/-]{1,30}\)(?=[ \t]+[A-Z]))"
    # "(DULLES, VA 5 MARCH 1999) -": all of it in brackets
    r"|\([ \t]*[A-Z][A-Z .'’-]{2,30},[^)\n]{1,40}\d{4}[ \t]*\)[ \t]*(?:-{1,2}|–|—)"
    # "Sriharikota (Andra Pradesh), September 26:", "New Delhi, Jan 3 (PTI) -": a town in
    # any case, its day, and a colon or a dash, or the wire and no dash ("Rio de Janeiro,
    # June 15 (IANS) Dunga was …")
    r"|[A-Z][\w.'’-]+(?:[ \t](?:(?:de|da|do|dos|del|la|el)[ \t])?[A-Z][\w.'’-]+){0,2}"
    r"(?:[ \t]*\([^)\n]{1,30}\))?,[ \t]+"
    r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?[ \t]+\d{1,2}"
    r"(?:,[ \t]+\d{4})?"
    # (or the day first: "Athens, 7 December 2023 (dpa) -")
    r"|\d{1,2}[ \t]+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?"
    r"(?:[ \t]+\d{4})?)(?:(?:[ \t]*\([^)\n]{1,30}\))?[ \t]*(?::|-{1,2}|–|—)"
    r"|[ \t]*\([A-Z][\w .&/-]{1,30}\)(?=[ \t]+[A-Z]))"
    # "DHAKA: The death toll …": a town in capitals and a colon
    r"|[A-Z][A-Z'’.]{2,30}(?:[ /-][A-Z][A-Z'’.]{0,30}){0,2}:(?=[ \t]+[A-Z]))")
_DATELINE = re.compile(DATELINE_PATTERN, re.MULTILINE)
# A picture's credit: "Photo: John Smith/AFP", "(Photo by Jane Roe/Getty Images)".
_CREDIT = re.compile(
    r"\(?\b(?:Photo(?:graph)?s?|Image|Picture|Credit|Courtesy)(?: by|:)[ \t]+[^\n.)]{1,60}\)?")
# "Prize-winner", "Oscar-winning", "Kremlin-backed" (but "Leung Kwok-hung" is a name)
_COMPOUND_MODIFIER = re.compile(
    r"\w-(?:winner|winners|winning|nominated|based|led|backed|owned|run|born|made|funded"
    r"|linked|controlled|affiliated|speaking|style|era|allied|aligned|sponsored|related|day"
    r"|induced|free|type|like)$"
    # (and two points of the compass: "this East-West travel hub")
    r"|^(?:North|South|East|West)-(?:North|South|East|West)$")
_SPELLED_STANDARD = re.compile(
    r"\b(?P<a>[A-Za-z0-9-]{2,8})\s+\((?P<words>[A-Z][\w -]{3,60}?)\)"
    r"|\b(?P<words2>[A-Z][\w-]*(?:\s+[\w-]+){1,7})\s+\((?P<b>[A-Za-z0-9-]{2,8})\)")
_AWARD_CATEGORIES = frozenset("blog blogs tweep film picture actor actress director album song "
                              "player newcomer documentary novel book series show website app "
                              "photography design performance team".split())
_STATE_FIRST = frozenset({"national", "federal", "state", "civil", "u.s", "us", "uk", "u.k"})
# A maker and a model number before a name: "the Boeing 787 Dreamliner" (not "22 Boeing")
_MODEL_BEFORE = re.compile(r"(?:\b[A-Z][\w-]*\s+)?\b(?:[A-Z]\d{2,4}[A-Z]?|\d{3})\s+$")  # (no year)
# The rest of a body's portfolios after its first: ", Agriculture, Forestry and Fisheries"
# (then no other capitalised word: not ", Defence and the Army said").
_PORTFOLIO_LIST = re.compile(r"(?:,\s+[A-Z][a-z]+)*,?\s+and\s+[A-Z][a-z]+(?!\s+[A-Z])")
_WORD = re.compile(r"\w+")
_POLICY_AREAS = word_list("policy areas")
# Function words that open no name anywhere in a sentence ("a", "an"; "@asteris On GAPA": a
# tweet's words), where others may ("The Hague", "For Freedoms")
_NEVER_IN_FRONT = frozenset("a an on at".split())
_TITLE_OPENS = re.compile(r"\b(?:Chief|Vice|Deputy|Executive|Senior|Assistant)\s+$")
_TITLE_CLOSES = re.compile(r"\s+(?:Officer|President|Director|Manager|Secretary)\b")
_A_COUNT_BEFORE = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d{3})* $")  # "20 …" (not "May 5, 2007\n\n")
_COUNTED_BEFORE = re.compile(r"(?:\b(?:a|an|its|their)|\d)\s+$")
_PRODUCT_AFTER = re.compile(r"\s+(?:" + _PRODUCTS + r"|sedans?|SUVs?|pickups?)\b")
_DETERMINED_BEFORE = re.compile(r"(?:\b(?:the|a|an)|\d)\s+$")
_ANOTHER_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}"
_PAIRED_PRODUCT_AFTER = re.compile(r"(?:\s+(?:and|or)\s+" + _ANOTHER_NAME + r")?"
                                   + _PRODUCT_AFTER.pattern)
_PAIR_BEFORE = re.compile(r"\b(?:the|a|an)\s+" + _ANOTHER_NAME + r"\s+(?:and|or)\s+$")
_PARTY_AND_STATE = re.compile(r"[RDI]-[A-Z][A-Za-z]{1,3}\.?")  # "Sen. John McCain (R-AZ)"
_LED_BODY = re.compile(r"\s+(?:government|regime|administration|cabinet|junta)\b"
                       # (not a company's department: "KiwiRail government relations adviser")
                       r"(?!\s+(?:relations|affairs|contracts?|business|liaison)\b)")
_VENUE_KINDS = frozenset("convention exhibition conference shopping trade space sports aquatics "
                         "events congress".split())  # before "Center": a venue
_CAPITALS_JOINED = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)+")  # "Rolls-Royce", "Mercedes-Benz"
_WEB_DOMAIN = re.compile(rf"\.(?:{WEB_DOMAINS})\b")  # "Ustream.tv" is "Ustream"
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z]{2,8})\)")
_SPELLED_OUT = re.compile(r"\s*[\[(](?:the\s+)?")


_SCORE = re.compile(r"(?<![\d/.:-])\d{1,2}\s?[-–]\s?\d{1,2}(?![\d/.:-])")  # "1-0", "3–2"
_SPORT = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _SPORT_WORDS))) + r")\b", re.I)


def _about_sport(sentence: str) -> bool:
    """Whether a sentence tells of a match: a score, or two words of sport."""
    return bool(_SCORE.search(sentence)) or len(_SPORT.findall(sentence)) >= 2


_AFTER_COMMA = re.compile(r",\s+")
_DESCRIBED_BY = re.compile(r"['’]s\s+[a-z]")  # "Huawei, China's biggest phone maker"
_TITLED_AFTER = re.compile(r"(?:['’]s)?\s+([A-Z][\w-]*)")


def _in_a_country(after: str) -> bool:
    """Whether the text after a name places it in a country or region: "…, Finland",
    "…, UK's Cobham" (not "…, China's biggest phone maker": who it is)."""
    comma = _AFTER_COMMA.match(after)
    if comma is None:
        return False
    country = _gazetteer()[1].match(after, comma.end()) or _regions().match(after, comma.end())
    if country is None or _DESCRIBED_BY.match(after, country.end()):
        return False
    following = _TITLED_AFTER.match(after, country.end())
    return following is None or not _is_title(following.group(1))  # (", UN High Commissioner")


_REGNAL_TITLES = frozenset("pope king queen prince princess emperor empress sultan".split())
_REGNAL_NUMBER = re.compile(r"[IVX]+")


def _heads_a_name(word: str) -> bool:
    """Whether a name that starts with the word goes on with "of" or "for": "Municipality of
    Livorno", "the Movement for Democratic Change"."""
    return _heads_a_body(word) or word.lower() in _LOCAL_GOVERNMENTS


def _heads_a_body(word: str) -> bool:
    """Whether a name's first word says what body it names: "Department of Agriculture",
    "Bank of England", "Rally of Republicans"."""
    lower = word.lower().rstrip(".")
    return lower in _ORG_WORDS or lower in _GOVERNMENT_WORDS or lower in _GROUP_WORDS


def _named(words: list[_Token]) -> list[_Token]:
    """The name after a portfolio ("Foreign Affairs Sergei Lavrov", "Education Stefania
    Giannini"): from its given name, else past the portfolio's English words, keeping two
    words at least ("Mark Carney")."""
    given = [i for i, w in enumerate(words) if w.text in _given_names()]
    if given:
        return words[given[0]:]
    first = 0
    while first < len(words) - 2 and is_english_word(words[first].text):
        first += 1
    return words[first:]


def _regnal(words: list[_Token]) -> bool:
    """Whether a title and one name are the name a monarch or a pope goes by: "Pope Benedict",
    "King Charles III", "Prince Harry" (not "King Charles Smith")."""
    return 2 <= len(words) <= 3 and words[0].text.lower() in _REGNAL_TITLES and (
        len(words) == 2 or _REGNAL_NUMBER.fullmatch(words[2].text) is not None)


def _without_suffix(name: str) -> str:
    """'Orbital Systems Inc' -> 'Orbital Systems': the legal form stays an alias."""
    words = name.split()
    while len(words) > 1 and (words[-1].lower().strip(".,") in _LEGAL_SUFFIXES
                              or words[-1] in ("&", "and")):  # "KKR & Co"
        words.pop()
    return " ".join(words).rstrip(",")


# A name the tagger reads as a place's that is a party all the same (nothing placed it) is
# mostly a body named after its place: "Washington Capitals", "Access Kenya".
_TAGGED_KINDS = {"PER": "person", "ORG": "organisation", "LOC": "organisation"}
_MENTIONS_TAGGED = 3  # of a name's mentions, the first few tell the tagger enough
_NAMES_TAGGED = 200  # names an article asks the tagger about, at most (the corpus's most: 19)


def _demonyms_name(words: list[str]) -> bool:
    """Whether the demonyms opening a name are its own: what follows them is one common
    word ("British American Tobacco", "American Express"), not a name ("British Prime …")."""
    rest = [w for w in words if w.lower() not in _demonyms()]
    return len(rest) == 1 and len(words) > 1 and is_english_word(rest[0]) \
        and not _plain_word(rest[0])


def _demonym_ends_name(words: list[_Token]) -> bool:
    """Whether a demonym ends a name ("Reynolds American"): after a word that is no common
    one."""
    return len(words) > 1 and words[-1].text.lower() in _demonyms() and (
        (not _plain_word(words[-2].text) and not is_english_word(words[-2].text))
        or (len(words) == 2 and words[-2].text in _given_names()))  # "Bill English"


def _titles(words: list[_Token], i: int) -> bool:
    """Whether word i of a name is a title: a portfolio's word only next to another title
    ("Foreign Minister", "Secretary of State"; not "Golden State Warriors")."""
    if not _is_title(words[i].text) or (
            words[i].text == "Dean" and i == 0 and len(words) == 2):  # "Dean Kamen": a name
        return False
    return words[i].text.lower() not in _PORTFOLIOS or (
        i + 1 < len(words) and _is_title(words[i + 1].text)) or (
        i >= 2 and words[i - 1].text in ("of", "for") and _is_title(words[i - 2].text))


def malay_honours(words: list[_Token]) -> int:
    """How many of a name's first words are Malaysian honours, which go before the name and
    are no part of it: 3 in "Tan Sri Dr Noor Hisham Abdullah", 2 in "Datuk Seri Najib Tun
    Razak" (whose "Tun", inside, is his father's), 0 in "Tan Cheng Bock" or "Sri Lanka"."""
    first = words[0].text.lower().rstrip("'’") if words else ""
    if first not in _HONOURS_FIRST or (first in _HONOURS_OF_TWO and (
            len(words) < 2 or words[1].text.lower() not in ("sri", "puan"))):
        return 0
    count = 1
    while count < len(words) - 1 and words[count].text.lower().rstrip(".") in _HONOURS_AFTER:
        count += 1
    return count if count < len(words) else 0


_HONOURS_FIRST = frozenset("tun datuk dato datin tan puan toh".split())
_HONOURS_OF_TWO = frozenset("tan puan toh".split())  # "Tan Sri", "Puan Sri", "Toh Puan"
_HONOURS_AFTER = frozenset("sri seri panglima paduka puan dr ir haji hajah".split())


_PORTFOLIOS = frozenset("foreign defence defense finance trade interior health economy economic "
                        "commerce energy agriculture home state high".split())


def _done_to(before: str) -> bool:
    """Whether the words before a name do something to it by the verb lexicon ("ban", "fined",
    "sued") or name its officer ("the chief executive of"): it is a party then, not a medium."""
    words = _WORDS.findall(before)[-3:]
    if not words:
        return False
    entry = _LEXICON.get(words[-1].lower())
    if entry is not None and entry[1] != "mentioned":
        return True
    return len(words) >= 2 and words[-1] == "of" and (
        words[-2].lower() in _ROLE_NOUNS or _is_title(words[-2]))


def _headline_case(tokens: list[_Token]) -> bool:
    """Text in headline case (menus, section titles): every longer word capitalised, and the
    small words a headline leaves in lowercase the only ones in it ("Theresa Smith met
    Emmanuel Jones on Tuesday" is a sentence of names)."""
    words = [t for t in tokens if t.text.isalpha() and len(t.text) >= 4]
    return len(words) >= 4 and all(t.capitalised for t in words) and all(
        t.capitalised or t.text in _HEADLINE_SMALL_WORDS for t in tokens if t.text.isalpha())


_HEADLINE_SMALL_WORDS = frozenset(
    "a an the of in on at to for and or but nor by with as from vs via per".split())
