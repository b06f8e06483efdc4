"""The parties of an article: the store's, the gazetteer's (countries and their capitals) and new
names, merged across the article and given kinds from their cues."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from models.articles.contexts import (
    _ACTING_FOR_A_STATE,
    _ACTS_AFTER,
    _ADVERB,
    _AGENCY,
    _AND_DEMONYM_BODY,
    _ASIDE_AFTER,
    _BODIES,
    _BODY_AFTER,
    _BODY_BEFORE,
    _BODY_KINDS,
    _BYLINE,
    _CAPITALISED_BEFORE,
    _CAPITALISED_RUN,
    _CASE_NAMED_BY,
    _CLAUSE_BREAK,
    _COMMA,
    _COMPANY_AFTER,
    _CRAFT_AFTER,
    _DESCRIBES_A_NAME,
    _DESTINATION_BEFORE,
    _DETERMINED,
    _DOES_AFTER,
    _END_AFTER,
    _FOLLOWING,
    _GOVERNMENT_AFTER,
    _HEAD,
    _HOME_OF_A_BODY,
    _LIST_AFTER,
    _LIST_BEFORE,
    _LOCATIVE,
    _MODEL_AFTER,
    _MODIFIED,
    _NAMED_BEFORE_A_TITLE,
    _NAMED_BY,
    _NOT_LOCATIVE,
    _NUMBER_AFTER,
    _OWN_BODY_AFTER,
    _OWNER_BEFORE,
    _OWNS_A_NAME,
    _PARTY_NAMED_BY,
    _PERSON_AFTER,
    _PLACE_AFTER,
    _PLACE_BEFORE,
    _PLACE_FIRST,
    _PLACE_LAST,
    _REPORTER,
    _ROLE_AFTER,
    _ROLE_AFTER_NAME,
    _SAID_BEFORE,
    _SHARES_AFTER,
    _SHARES_BEFORE,
    _SIGNERS_BODY,
    _SITE_LAST,
    _SUFFIX_AFTER,
    _TITLE_OF_THE_NAMED,
    _WORD_AFTER,
    _WORD_RUN,
    _WORDS,
    _WORK_BEFORE,
    _WRITERS,
    _continues_name,
    _is_title,
    _not_english,
    _plain_word,
)
from models.articles.gazetteer import (
    _bodies,
    _cities,
    _Country,
    _demonyms,
    _gazetteer,
    _given_names,
    _regions,
    _surnames,
    is_publication,
    state_words_before,
)
from models.articles.lexicon import _LEXICON
from models.articles.name_patterns import Either
from models.articles.name_shapes import (
    _A_COUNT_BEFORE,
    _ACRONYM_AFTER,
    _AWARD_CATEGORIES,
    _BODY_WORDS,
    _CAPITALS_JOINED,
    _COMPOUND_MODIFIER,
    _COUNTED_BEFORE,
    _CREDIT,
    _DATELINE,
    _DETERMINED_BEFORE,
    _EAST_ASIAN_GIVEN,
    _ENVOY_BEFORE,
    _GENERIC_BODIES,
    _HONORIFICS,
    _INNER_PAIR,
    _LED_BODY,
    _LOCAL_GOVERNMENTS,
    _MENTIONS_TAGGED,
    _MODEL_BEFORE,
    _MODEL_NAME,
    _NAMES_TAGGED,
    _NEVER_IN_FRONT,
    _ONE_OF_BEFORE,
    _PAIR_BEFORE,
    _PAIRED_PRODUCT_AFTER,
    _PARTY_AND_STATE,
    _POLICY_AREAS,
    _PORTFOLIO_BEFORE,
    _PORTFOLIO_LIST,
    _PRODUCT_AFTER,
    _SPELLED_OUT,
    _SPELLED_STANDARD,
    _STATE_ABBREVIATIONS,
    _STATE_FIRST,
    _TAGGED_KINDS,
    _TITLE_CLOSES,
    _TITLE_OPENS,
    _VENUE_KINDS,
    _WEB_DOMAIN,
    _WORD,
    _about_sport,
    _demonym_ends_name,
    _demonyms_name,
    _done_to,
    _headline_case,
    _heads_a_body,
    _heads_a_name,
    _in_a_country,
    _named,
    _regnal,
    _titles,
    _without_suffix,
    malay_honours,
)
from models.articles.name_tagger import name_tagger
from models.articles.sentences import (
    _Quotes,
    _Sentence,
    _Token,
    _tokens,
    headline_end,
)
from models.articles.short_forms import _ShortForms
from models.articles.words import (
    _CHAMBERS,
    _CLUB_LAST,
    _CLUB_PREFIXES,
    _COMPANY_ORGANS,
    _CRAFT_WORDS,
    _DESCRIBING_WORDS,
    _DOCUMENT_WORDS,
    _EVENT_WORDS,
    _FACILITY_WORDS,
    _FUNCTION_WORDS,
    _GENERIC_ACRONYMS,
    _GOVERNMENT_WORDS,
    _GROUP_WORDS,
    _INDUSTRIES,
    _JOINERS,
    _JURISDICTIONS,
    _LEGAL_SUFFIXES,
    _MARKET_INDICES,
    _MONTHS,
    _NOT_NAMES,
    _ORG_CUES,
    _ORG_WORDS,
    _PLATFORMS,
    _PREPOSITIONS,
    _PRODUCT_WORDS,
    _ROLE_NOUNS,
    _STATE_AGENCIES,
    _STATE_BODY_WORDS,
    _STATE_DUTIES,
    _STORM_WORDS,
    _TITLE_WORDS,
    _WEEKDAYS,
    ADVERB_BEFORE_VERB,
    IRREGULAR_PAST,
    is_central_bank,
    is_english_word,
    is_place_name,
)
from models.domain import Party

# A title whose holder's office is a body: "the Attorney General's Office".
_OFFICE_HOLDERS = frozenset("General Prosecutor Ombudsman Auditor Comptroller Controller "
                            "Registrar Governor Mayor President".split())
_OFFICES = frozenset({"Office", "Department", "Chambers"})
# Who a body is for, in its name ("Children's Fund"); not an owner ("China's Foreign Ministry").
_COLLECTIVE_OWNERS = frozenset({"Children", "People", "Peoples", "Women", "Men", "Workers",
                                "Farmers", "Veterans", "Students", "Consumers",
                                # (and the officers of a court or an office: "Kaduwela
                                # Magistrate's Court", "the Sheriff's Office")
                                "Magistrate", "Magistrates", "Coroner", "Sheriff", "Registrar",
                                "Attorney", "Prosecutor", "Governor", "Mayor", "President"})
# What a body of states is of: "the Organization of American States".
_MEMBERS = frozenset({"States", "Nations", "Countries"})
# Seats of government that news names with "the" and that act: "the Kremlin said".
_SEATS = frozenset({"Kremlin", "White House", "Elysee", "Élysée", "Blue House"})
_AFFILIATION_BEFORE = re.compile(r"\b(?:pro|anti)-$", re.IGNORECASE)
# "the people of Belarus", "citizens of Mali": the people, not the state
_PEOPLE_OF_BEFORE = re.compile(
    r"\b(?:people|peoples|citizens|population|residents|inhabitants|voters) of (?:the )?$")
# "the mayor of Bogotá", "Bogotá's city council": a capital's own city, not the state
_CITY_OF_BEFORE = re.compile(r"\b(?:mayor|mayors|city|town|municipality) of (?:the )?$",
                             re.IGNORECASE)
_CITY_BODY_AFTER = re.compile(r"(?:'s|’s)? (?:town|city) (?:hall|council)|(?:'s|’s)? mayor\b",
                              re.IGNORECASE)
# A brand of one maker's products: "iPod Touch", "iTunes Music Store", "iPhone Developer
# Program".
_I_BRAND = re.compile(r"i[A-Z][a-z]")
# Words of an index's name that do not start one ("Jones" is a surname, "Index" a word).
_NOT_AN_INDEX_ALONE = frozenset("jones seng composite index average industrial industrials".split())
# How a body's head word joins what it is for: "Bank of England", "Institute for Fiscal
# Studies", "Committee to Protect Journalists".
_NAMED_FOR = ("of", "for", "to")
_INITIAL_GLUE = frozenset("of and for the de du la on".split())  # no letter of an acronym
GAZETTEER = "gaz:"  # the key prefix of a country or union from resources/article/countries.tsv
NEW = "new:"  # the key prefix of a name the store does not know




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
    unnamed: bool = False  # read by the name tagger as no name's words


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


def forms_in(text: str, forms: Iterable[str]) -> list[str]:
    """The names that may be in `text`: those whose first word it has at all. A regex of
    every name of a big store (125,000 at a million events) took 2.5 s to build for each
    article; of these, a few milliseconds."""
    words = set(_WORD_RUN.findall(_folded(text)))
    return [f for f in forms
            if (first := _WORD_RUN.search(_folded(f))) is None or first.group() in words]


def _folded(text: str) -> str:
    """Text as the name pattern's case-insensitive matching sees it, loosely: case folded and
    accents dropped ("İA" matches "iA", the long s matches "s"), so that no name it could match is
    left out (keeping a few more is harmless)."""
    if text.isascii():
        return text.lower()  # the same, at once: most names are (a store's 100,000 each time)
    # (lower, upper, lower: the dotless i, the long s, the Kelvin sign and ẞ meet their letters)
    decomposed = unicodedata.normalize("NFKD", text.lower().upper().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _fields_of_a_body(run: Sequence[_Token], following: _Token) -> bool:
    """Whether "and" and the word after it end a body named by its two fields: "Karachi
    Chamber of Commerce and Industry", "University of Science and Technology"."""
    return len(run) >= 3 and run[-2].text == "of" \
        and run[-3].text.lower().removesuffix("s") in _ORG_WORDS | {"chamber"} \
        and run[-1].text.lower() in _POLICY_AREAS and following.text.lower() in _POLICY_AREAS


def _name_pattern(forms: Sequence[str]) -> Either | None:
    """The names, on word boundaries, the longest first; short capitals ("US", "EU", "U.S.")
    exactly, the rest case-insensitively."""
    exact = {f for f in forms if len(f.replace(".", "")) <= 4 and f.replace(".", "").isupper()}
    caseless = set(forms) - exact
    if not forms:
        return None
    return Either(exact, caseless, r"(?<![\w])", r"(?![\w])")


class _Parties:
    """Finds the parties of one article: the store's, the gazetteer's and new names."""

    def __init__(self, text: str, sentences: list[_Sentence], known: Sequence[Party],
                 check: Callable[[], None] = lambda: None) -> None:
        self.text = text
        self.sentences = sentences
        self.check = check  # raises when the work is no longer wanted
        self.tokens: list[list[_Token]] = []
        for s in sentences:
            check()
            self.tokens.append(_tokens(text, s.start, s.end))
        self.weak: set[int] = set()  # starts of words that are no evidence of a name alone
        self.entities: dict[str, _Entity] = {}
        self.mentions: list[_Mention] = []
        self.claimed = bytearray(len(text))  # 1 where a found name already stands
        self.place_ends: set[int] = set()  # where a place found in the text ends
        self.sentence_starts = [s.start for s in sentences]
        self._sentence_start_set = set(self.sentence_starts)
        self.token_starts: dict[int, list[int]] = {}  # by sentence, when the tagger asks
        self.names_tagged = 0
        self.spans_tagged = 0
        self.known_forms: dict[str, Party] = {}
        for party in known:
            for form in (party.name, *party.aliases):
                if len(form.strip()) >= 2:
                    self.known_forms.setdefault(form.strip().casefold(), party)
        self.lowercase_words = {m.group().lower() for m in re.finditer(r"\b[a-z][a-z'-]*\b",
                                                                      text)}
        self.quotes = _Quotes(text)
        self.titles: set[str] = set()  # last words of crafts' and works' names, seen so far
        self.documents: set[str] = set()  # first two words of long documents' names, so far
        self.models: set[str] = set()  # products named after a maker's model ("Dreamliner")
        # Pairs of capitalised words inside sentences: a name that also starts one ("Campus
        # Party [es], the meeting …") is written so elsewhere.
        self.inner_pairs = {m.group(1) for m in _INNER_PAIR.finditer(text)}
        # Courts and cartels named in lowercase after their seat ("the Madras high court"),
        # with their kinds: found before the seat is taken for a place, named by find_names.
        self.lowercase_bodies: list[tuple[str, int, int, str]] = []
        self.acting_regions: set[int] = set()  # where a region acts as its government

    # mentions of names already known (the store's, the gazetteer's)

    def _entity(self, key: str, name: str, kind: str, match: str | None) -> _Entity:
        if key not in self.entities:
            self.entities[key] = _Entity(key, name, kind, match, evidence=True,
                                         tokens=len(name.split()))
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
        pattern = _name_pattern(forms_in(self.text, (
            f for p in {id(p): p for p in self.known_forms.values()}.values()
            for f in (p.name, *p.aliases) if len(f.strip()) >= 2)))
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
            elif self._continues(match.start(), end):
                continue
            entity = self._entity(party.key, party.name, party.kind, party.key)
            self._add(entity, match.start(), end)

    def _name_allowed(self, word: str) -> bool:
        return _plain_word(word) or word.casefold() in self.known_forms or word in _gazetteer()[0]

    def _continues(self, start: int, end: int) -> bool:
        return _continues_name(self.text, start, end, self._name_allowed, self.inner_pairs)

    def find_lowercase_bodies(self) -> None:
        """Courts, cartels and local governments named in lowercase after their seat ("the
        Madras high court", "the Gulf cartel", "the Niger state government"), before the seat
        is taken for a place (or for the country of the same name)."""
        courts = _COURT_IN_LOWERCASE.finditer(self.text)
        cartels = _CARTEL.finditer(self.text)
        local = _LOCAL_GOVERNMENT.finditer(self.text)
        for found, kind in [*((m, "government") for m in courts),
                            *((m, "organisation") for m in cartels),
                            *((m, "government") for m in local)]:
            start = found.start(1)
            if found.group(1).split()[0].lower() in _demonyms():
                continue  # "a Brazilian appeals court": the state's, unnamed
            if not self._is_claimed(start, found.end()):
                self.lowercase_bodies.append(
                    (self.text[start:found.end()], start, found.end(), kind))
                self._claim(start, found.end())

    def find_gazetteer(self) -> None:
        for dateline in _AGENCY.finditer(self.text):
            self._claim(*dateline.span())  # "BRUSSELS (AP) —": the wire, not a party
        for dateline in _TOWN_DATELINE.finditer(self.text):
            town = dateline.group(1).title()
            if is_place_name(town) or town in _gazetteer()[0]:
                self._claim(*dateline.span())  # "SEOUL, The European Commission …"
        for dateline in _DATELINE.finditer(self.text):
            self._claim(*dateline.span())  # "ESPOO, Finland, 21 January 2023 -": where from
        for source in _SOURCE_DASH.finditer(self.text):
            if is_publication(source["source"]):
                self._claim(*source.span())  # "Kaieteur News – Wakenaam Strikers defeated …"
        for listing in _TICKER.finditer(self.text):
            self._claim(*listing.span())  # "(NYSE: RAD)": where its shares trade
        for listing in _TICKER_AFTER_SUFFIX.finditer(self.text):
            self._claim(*listing.span("ticker"))  # "Apple Inc. (AAPL)": its shares
        for credit in _CREDIT.finditer(self.text):
            self._claim(*credit.span())  # "Photo: John Smith/AFP": who took the picture
        for sentence in self.sentences:
            if _WRITERS.search(self.text, sentence.start, sentence.end):
                self._claim(sentence.start, sentence.end)  # "… contributed to this report"
        for term in _TERM_ACRONYM.finditer(self.text):
            words = [w for w in term["words"].split() if w not in ("of", "and", "the")]
            letters = term["letters"]
            if "".join(w[0] for w in words[-len(letters):]).upper() == letters and \
                    words[-1] not in _GOVERNMENT_WORDS | _BODY_NOUNS:  # (no body in lowercase)
                # "liquified natural gas (LNG)": a term's letters, there and later alone
                self._claim(*term.span("letters"))
                self.titles.add(letters)
        for spelled in _SPELLED_STANDARD.finditer(self.text):
            # "a DDoS (Distributed Denial of Service) attack", "Long Term Evolution (LTE)":
            # what a standard's letters stand for
            if (spelled["a"] or spelled["b"]).lower() in _GENERIC_ACRONYMS:
                self._claim(*spelled.span("words" if spelled["a"] else "words2"))
        forms, pattern = _gazetteer()
        for match in pattern.finditer(self.text):
            start, end = match.span()
            if self._is_claimed(start, end):
                continue
            country, role = forms[match.group()]
            if self.text[start - 1:start] == "#":
                self._claim(start, end)  # "#Yemen": a hashtag, what a post is about
                continue
            if _AFFILIATION_BEFORE.search(self.text, max(0, start - 5), start):
                self._claim(start, end)  # "pro-Russian forces": a side taken, not the state
                continue
            if _PEOPLE_OF_BEFORE.search(self.text, max(0, start - 30), start) or (
                    role == "capital" and (
                        _CITY_OF_BEFORE.search(self.text, max(0, start - 30), start)
                        or _CITY_BODY_AFTER.match(self.text, end))):
                self._place(start, end)
                continue
            if role in ("name", "alias") and not match.group().replace(".", "").isupper() \
                    and self._brand_before(start) and _DOES_AFTER.match(self.text, end):
                continue  # "Vale Canada signed", "Nestle India said": a company's unit
            if self._government_body(match, country, role):
                continue
            if _KIND_AFTER.match(self.text, end):
                self._place(start, end)  # "US firm Reynolds", "the US giant": where it is from
                continue
            if _CURRENCY_AFTER.match(self.text, end):
                self._claim(start, end)  # "3 billion U.S. dollars": money, no party
                continue
            if role == "demonym":
                run = _CAPITALISED_RUN.match(self.text, end)
                if run and any(w.lower() in _ORG_WORDS or w.lower() in _GOVERNMENT_WORDS
                               for w in run.group().split()):
                    continue  # "Russian Defense Ministry", "Indian Air Force": a name's start
                if run and _demonyms_name([match.group(), *run.group().split()]):
                    continue  # "British American Tobacco": the demonyms are the name's
                if not _continues_name(self.text, start, end, _plain_word):
                    self._claim(start, end)  # an adjective: never a name
                continue
            acronym = role == "alias" and match.group().replace(".", "").isupper()
            # "the Republic of Liberia": the country by its form, which is the state's
            state = _STATE_FORM_BEFORE.search(self.text, max(0, start - 40), start) \
                if role != "demonym" and not _CAPITALISED_RUN.match(self.text, end) else None
            maker = _NAME_OF_BEFORE.search(self.text, max(0, start - 40), start) \
                if state is None and not _CAPITALISED_RUN.match(self.text, end) else None
            if maker and not any(w.lower() in _ORG_WORDS | _GOVERNMENT_WORDS | _GROUP_WORDS
                                 or w in ("of", "for") or _is_title(w)
                                 for w in maker.group().split()[:-1]):
                self._place(start, end)  # "PZL Mielec of Poland": where the company is from
                continue
            if state is not None:
                start = state.start(1)
            elif not acronym and self._continues(start, end):
                continue
            run = _CAPITALISED_RUN.match(self.text, end)
            if run and any(w.lower() in _ORG_WORDS or w.lower() in _GOVERNMENT_WORDS
                           for w in run.group().split()):
                continue  # "U.S. Geological Survey", "UK Treasury", "UAE Air Force": a name
            if self.text.startswith("-", end) and self.text[end + 1:end + 2].islower():
                self._claim(start, end)  # "London-based": a place
                continue
            before = self.text[max(0, start - 60):start]
            if _POST_IN_BEFORE.search(before):
                continue  # "the American Embassy in China": the post's name
            following = _FOLLOWING.match(self.text[end:end + 30])
            acts = (_CAPITAL_ACTS if role == "capital" else _GOVERNMENT_AFTER).match(
                self.text, end) or (
                following and following.group(1)[:1].isupper()
                and _is_title(following.group(1))) or (  # "White House Chief of …"
                role == "capital" and _CAPITAL_DONE_TO.search(before))  # "accused Washington"
            # (a capital stands for its state when it does something, "Moscow said", "Beijing's
            # decision"; not "in central London.", "London's FTSE 100")
            if role == "capital" and (_LOCATIVE.search(before) or _PLACE_BEFORE.search(before)
                                      or _DESTINATION_BEFORE.search(before)
                                      or (before.endswith(("the ", "The "))
                                          and match.group() not in _SEATS)
                                      or self._listed_place(start) or not acts):
                # "based in Stockholm", "London dealing", "flights from Sydney to London", "the
                # London games": a place
                self._place(start, end)
                continue
            if country.kind == "place":
                self._claim(start, end)  # a region: "Europe", "the Middle East"
                continue
            owned = _OWNS_A_NAME.match(self.text, end)
            if owned and not any(w.lower() in _ORG_WORDS for w in self.text[
                    owned.end() - 2:owned.end() + 40].split()[:3]):
                # "Greece's Stefanos Tsitsipas": where someone is from (but "China's Foreign
                # Ministry" is China's own)
                self._claim(start, end)
                continue
            if (titled := _TITLE_OF_THE_NAMED.match(self.text, end)) is not None and (
                    titled["named"] or _NAMED_BEFORE_A_TITLE.search(before)):
                self._claim(start, end)  # "sworn in as Fiji's new prime minister": where from
                continue
            if _HOME_OF_A_BODY.match(self.text, end):
                self._claim(start, end)  # "South Africa's largest union said": where it is
                continue
            described = _DESCRIBES_A_NAME.match(self.text, end)
            if described and described.group(1) in _ROLE_NOUNS and not any(
                    _LEXICON.get(word, ("mentioned",))[0] != "mentioned"
                    for word in described.group().split()[:-1]):
                # (but "Zimbabwe sacked coach Michael Nees": Zimbabwe acts)
                self._claim(start, end)  # "U.S. swimmer Michael Phelps": where he is from
                continue
            if role != "capital" and (
                    (_LOCATIVE.search(before) and not _NOT_LOCATIVE.search(before))
                    or _PLACE_BEFORE.search(before) or _DESTINATION_BEFORE.search(before)):
                # "in Guatemala", "flew to Mexico": where, not who; the country is a party
                # where its government acts in another mention ("Mexico said")
                self._place(start, end)
                continue
            entity = self._country(country)
            if role == "capital" or state is not None:
                entity.cues["acts"] = 1  # before a verb, or by its form: the state acts
            self._add(entity, start, end)
        self.find_cities()

    def _brand_before(self, start: int) -> bool:
        """Whether the word before a country's name opens its sentence and is a name's, not
        an English word the article writes in lowercase too, a function word or a title: the
        brand of a company's unit in that country ("Vale Canada", "Nestle India")."""
        word = _CAPITALISED_WORD_BEFORE.search(self.text, max(0, start - 30), start)
        if word is None or word.start() not in self._sentence_start_set:
            return False
        lower = word.group(1).lower()
        return word.group(1)[1:].islower() and lower not in self.lowercase_words \
            and lower not in _FUNCTION_WORDS and not lower.endswith("ly") \
            and not _is_title(lower) and lower not in _demonyms() \
            and lower not in _MONTHS and lower not in _WEEKDAYS

    def _country(self, country: _Country) -> _Entity:
        """The one party of a country: the store's where it knows it, else the gazetteer's."""
        known = next((self.known_forms[f.casefold()]
                      for f in (country.name, *country.aliases, *country.capitals)
                      if f.casefold() in self.known_forms), None)
        if known is not None:
            return self._entity(known.key, known.name, known.kind, known.key)
        return self._entity(GAZETTEER + country.name, country.name, country.kind, None)

    def _government_body(self, match: re.Match[str], country: _Country, role: str) -> bool:
        """A country's government or a body of its state, named by the country: "the
        Guatemalan government", "Kenyan authorities", "US government", "Chinese police",
        "the Government of Kenya". One party per country and body however it is written."""
        if country.kind == "place" or role == "capital":
            return False
        start, end = match.span()
        after = _BODY_AFTER.match(self.text, end) or _OWN_BODY_AFTER.match(self.text, end)
        before = _BODY_BEFORE.search(self.text, max(0, start - 20), start) \
            if role != "demonym" else None
        if after is None and before is None:
            paired = _AND_DEMONYM_BODY.match(self.text, end) if role == "demonym" else None
            if paired is None or paired.group(1).lower() not in _demonyms() or _BODIES[
                    paired.group(2).lower()] != "government":
                return False
            self._state_acts(country, start, end)  # "Saudi and Iranian diplomats": Saudi's
            return True
        goes_on = _NAME_GOES_ON.match(self.text, after.end()) if after is not None else None
        if goes_on is not None and not _plain_word(goes_on.group(1)) \
                and not any(c.isdigit() for c in goes_on.group(1)) \
                and after is not None and after.group(1)[:1].isupper():
            return False  # "US Court of Appeals", "Ghana Police Service": a body's own name
            # (but "Turkish Airforce F-16s" are its aircraft)
        if after is not None:
            body, start, end = after.group(1).lower(), start, after.end()
        else:
            assert before is not None
            body, start = before.group(1).lower(), before.start(1)
        if body in _ACTING_FOR_A_STATE:
            self._state_acts(country, start, end)
            return True
        body = _BODIES.get(body, body)
        if body == "government":
            # "the Argentine government" is the state, the party "Argentina" stands for too
            entity = self._country(country)
            entity.cues["government"] = entity.cues["acts"] = 1  # by its form, as a state
            self._add(entity, start, end)
            return True
        kind = _BODY_KINDS.get(body, "government")
        entity = self._entity(f"{NEW}{body} of {country.name.casefold()}",
                              self.text[start:end], kind, None)
        entity.cues[kind] = 1
        self._add(entity, start, end)
        return True

    def _state_acts(self, country: _Country, start: int, end: int) -> None:
        """A mention of a state acting, by words that are no name of it ("Israeli strikes")."""
        entity = self._country(country)
        entity.cues["government"] = entity.cues["acts"] = 1
        named = self.text[start:end] in entity.forms
        self._add(entity, start, end)
        if not named:
            del entity.forms[self.text[start:end]]

    def _place(self, start: int, end: int) -> None:
        self._claim(start, end)
        self.place_ends.add(end)

    def _listed_place(self, start: int) -> bool:
        """Whether a name follows a place in a list: "from Sydney to London and New York"."""
        gap = _LIST_BEFORE.search(self.text[max(0, start - 8):start])
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
            previous = _CAPITALISED_BEFORE.search(self.text[max(0, start - 40):start])
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
            if self._continues(start, end):
                continue  # "Manchester United", "New York Times"
            run = _CAPITALISED_RUN.match(self.text, end)
            if run and any(w.lower() in _ORG_WORDS for w in run.group().split()):
                continue
            verb = _HAVE_AFTER.match(self.text, end) or _WORD_AFTER.match(self.text, end)
            if not where and verb is not None and \
                    _LEXICON.get(verb.group(1), ("mentioned",))[0] != "mentioned":
                continue  # "Liverpool beat Chelsea", "Barcelona have signed Deco": its club (or
                # its council) acts
            self._place(start, end)
        for match in _regions().finditer(self.text):
            start, end = match.span()
            if self._is_claimed(start, end) or self._continues(start, end):
                continue  # "Texas Instruments": not a place here
            if (government := _REGION_GOVERNMENT.match(self.text, end)) is not None:
                # "the Punjab government withdrew the petitions": the region's own government
                name = self.text[start:government.end()]
                entity = self._entity(f"{NEW}{name.casefold()}", name, "government", None)
                entity.cues["government"] = 1
                self._add(entity, start, government.end())
                continue
            if _ACTS_AFTER.match(self.text, end):
                if not _LOCATIVE.search(self.text, max(0, start - 30), start):
                    self.acting_regions.add(start)  # "Kerala on Tuesday declared": its state
                continue  # "California sued": not a place here
            run = _CAPITALISED_RUN.match(self.text, end)
            if run and any(w.lower() in _ORG_WORDS or w.lower() in _GOVERNMENT_WORDS
                           for w in run.group().split()):
                continue  # "Michigan State University", "Missouri State Highway Patrol"
            self._place(start, end)

    # new names

    def _bylines(self) -> Iterator[tuple[str, int, int, bool, dict[str, int]]]:
        """Who signs a statement, in the lines above its text ("Statement by Sean McCormack,
        State Department Spokesman"; "John Kerry" over "Secretary of State"): a person, although
        the lines are in headline case. A reporter's byline ("By Maria Olsen") is claimed."""
        head = self.text[:_HEAD]
        for reporter in _REPORTER.finditer(head):
            self._claim(*reporter.span())  # "By Maria Olsen": who wrote it, no party
        for found in _BYLINE.finditer(head):
            group = next(g for g in ("name", "signer", "titled", "head", "about")
                         if found.group(g))
            name = found.group(group)
            if not name.isupper() and not any(_plain_word(w) for w in name.split()):
                yield name, found.start(group), found.end(group), True, {"person": 2,
                                                                         "signs": 1}
            body = _SIGNERS_BODY.match(head, found.end(group))
            if body is not None:  # "…, State Department Spokesman": the body one speaks for
                yield body["body"], body.start("body"), body.end("body"), True, {
                    "government": 1, "issues": 1}

    def find_names(self) -> None:
        occurrences: list[tuple[str, int, int, bool, dict[str, int]]] = list(self._bylines())
        occurrences += [(name, start, end, True, {kind: 2})
                        for name, start, end, kind in self.lowercase_bodies]
        for listed in _TITLE_CASE_LIST.finditer(self.text):
            words = re.findall(r"[A-Z][a-z]+", listed.group())
            body = _PORTFOLIOS_BEFORE.search(self.text, max(0, listed.start() - 40),
                                             listed.start())
            if not (body and body.group(1).lower() in _GOVERNMENT_WORDS | _ORG_WORDS) and all(
                    _a_word(w) and w not in _gazetteer()[0] and not is_place_name(w)
                    for w in words):
                # "Edward Yiu of the Architectural, Surveying, Planning and Landscape
                # constituency": a list of words in title case names no one (but "Ministry
                # for Food, Agriculture, Forestry and Fisheries" is a body's)
                self._claim(*listed.span())
        for listed in _bodies().finditer(self.text):
            if not self._is_claimed(*listed.span()):  # "Save the Children", whole
                occurrences.append((listed.group(), *listed.span(), True, {"organisation": 2}))
                self._claim(*listed.span())
        acronyms: dict[str, str] = {}
        headline = headline_end(self.text)  # its names are found again in the story
        for number, sentence_tokens in enumerate(self.tokens):
            self.check()
            first_name = len(occurrences)
            following = self.tokens[number + 1] if number + 1 < len(self.tokens) else []
            tokens = [t for t in sentence_tokens if not self._is_claimed(t.start, t.end)
                      and t.start >= headline
                      and self.text[t.start - 1:t.start] not in ("@", "#", ".", "/")]
            # (handles, tags, addresses: "www.Example.com", "example.org/About")
            if _headline_case(tokens) or _not_english(sentence_tokens):
                continue
            positions: dict[int, int] = {}  # token index by start, made when first asked
            for run in self._runs(tokens):
                if len(run) == 1 and _plain_word(run[0].text) and \
                        run[0].text.lower().rstrip(".") not in _ORG_WORDS:
                    continue  # "In", "The", "Monday" alone: what _trim would drop, at once
                name_tokens, cues, evidence = self._trim(run, tokens)
                if len(name_tokens) >= 3:
                    positions = positions or {t.start: i for i, t in enumerate(tokens)}
                    name_tokens = self._person_after_title(
                        name_tokens, tokens, positions[name_tokens[0].start], cues)
                if not name_tokens:
                    dropped = _ACRONYM_AFTER.match(self.text, run[-1].end)
                    if dropped and len(run) > 1:  # "International Space Station (ISS)": a
                        self.titles.add(dropped.group(1))  # place, and so is "ISS"
                    continue
                start, end = name_tokens[0].start, name_tokens[-1].end
                led = _LED_BODY.match(self.text, end)
                if led and len(name_tokens) <= 2 and not name_tokens[-1].possessive \
                        and not cues.get("organisation"):
                    # "the Monti government", "the Lukashenka regime": a state body by its leader
                    end, evidence = led.end(), True
                    cues["government"] = cues.get("government", 0) + 1
                if _PARTY_AFTER.match(self.text, end):
                    # "the Congress party said": a political party, whatever its name's words
                    cues.pop("government", None)
                    cues["organisation"] = cues.get("organisation", 0) + 2
                name = self.text[start:end]
                occurrences.append((name, start, end, evidence, cues))
                bracket = _BRACKETED_ACRONYM.match(self.text, end, end + 16)
                if bracket and len(name_tokens) > 1 and not is_place_name(bracket.group(1)):
                    # (not "Sam Allardyce (Blackburn)": his club's town)
                    acronyms[bracket.group(1).upper()] = name  # ("Satawu" too)
            if len(occurrences) > first_name and following and following[0].text in (
                    "He", "She") and " " in occurrences[first_name][0] \
                    and sentence_tokens and occurrences[first_name][1] == sentence_tokens[0].start:
                # "Dean Kamen founded it. He …": the sentence's subject is a person
                cues = occurrences[first_name][4]
                cues["person"] = cues.get("person", 0) + 1
        # "the FNM [Free National Movement]", "the DNA (Democratic National Alliance)": an
        # acronym spelled out after it
        ordered = sorted(occurrences, key=lambda o: o[1])
        for (short, _s, short_end, _e, _c), (name, start, end, _e2, _c2) in pairwise(ordered):
            opening = _SPELLED_OUT.match(self.text, short_end)
            if short.isupper() and " " not in short and opening and opening.end() == start \
                    and self.text[end:end + 1] in ("]", ")") and " " in name:
                acronyms.setdefault(short, name)
        # "Badrul Hisham Shaharin, also known as Chegu Bard": another name of the one before
        # (and "the ruling National Action Party, or PAN, said": its letters, by "or")
        for (name, _s, end, _e, _c), (other, start, other_end, _e2, _c2) in pairwise(ordered):
            if " " in name and (_ALSO_KNOWN_AS.fullmatch(self.text, end, start) or (
                    _OR_BETWEEN.fullmatch(self.text, end, start)
                    and self.text[other_end:other_end + 1] in (",", ")") and (
                        (other.isupper() and " " not in other)
                        # ("Central Japan Railway Co., or JR Tokai,": a company's other name)
                        or name.rstrip(".").rsplit(maxsplit=1)[-1].lower() in _LEGAL_SUFFIXES
                        or any(w.isupper() and len(w) > 1 for w in other.split())))):
                acronyms.setdefault(other.upper(), name)
        # "the European Central Bank … ECB President Christine Lagarde": an acronym of a name
        # the article gives in full, by its initials, with no brackets between them
        initials: dict[str, set[str]] = {}
        for name, *_rest in occurrences:
            words = [w for w in name.split() if w.lower() not in _INITIAL_GLUE]
            if len(words) > 1 and all(w[:1].isupper() for w in words):
                # (a word of initials gives them all: "U.S. Agency for International
                # Development" is USAID)
                letters = "".join(w.replace(".", "") if _DOTTED.fullmatch(w) else w[0]
                                  for w in words)
                initials.setdefault(letters, set()).add(name)
        for name, *_rest in occurrences:
            head = name.split("-")[0]
            if " " not in name and "-" in name and head.isupper() and len(head) > 2 \
                    and name.replace("-", "").isupper():
                acronyms.setdefault(head, name)  # "VMRO-DPMNE" … "VMRO": its first letters
        for short, *_rest in occurrences:
            full = initials.get(short, set())
            if short.isupper() and short.isalpha() and len(full) == 1:
                acronyms.setdefault(short, next(iter(full)))
        self._merge(occurrences, acronyms)

    def _person_after_title(self, words: list[_Token], tokens: list[_Token], first: int,
                            cues: dict[str, int]) -> list[_Token]:
        """The person at the end of a long name (words, from token `first` of the sentence's
        tokens) that the tagger reads as a body's words, then a person's: "Air Force
        Communications Bill Bodie", "Acquisition Darleen Druyun" (what they do, then who they
        are)."""
        if self.spans_tagged == _NAMES_TAGGED:
            return words
        self.spans_tagged += 1
        tags = name_tagger().tag_span(self.text, tokens, first, first + len(words))
        person = len(tags) - next((i for i, t in enumerate(reversed(tags)) if t != "PER"),
                                  len(tags))
        if person == 0 or len(tags) - person < 2 or tags[person - 1] == "O" or not any(
                is_english_word(w.text) for w in words[:person]):
            return words  # (but "Nurilya Ellyna Nor Azmal" is all one person's)
        for body in ("government", "organisation", "group"):
            cues.pop(body, None)  # (the body's words were what the person does)
        cues["person"] = cues.get("person", 0) + 1
        return words[person:]

    def _runs(self, tokens: list[_Token]) -> Iterator[list[_Token]]:
        """Runs of capitalised words with their joiners."""
        index = 0
        while index < len(tokens):
            if not tokens[index].capitalised:
                index += 1
                continue
            run = [tokens[index]]
            if index and tokens[index - 1].text in ("al", "el") \
                    and self.text[tokens[index - 1].end:tokens[index].start] in (" ", "-"):
                run.insert(0, tokens[index - 1])  # "al Shabaab", "al-Qaeda": the article's own
            index += 1
            # what the run holds so far, kept up as it grows: asking it of the whole run at each
            # joiner was quadratic in the run's length ("A & B & C & …")
            organisation = _heads_a_name(run[0].text)
            # ("Municipality of Livorno", "City of Bogliasco", "Rally of Republicans")
            of_seen, scanned = False, run[0].start  # " of " in the run's text, read up to scanned
            while index < len(tokens) and (not run[-1].possessive or (
                    run[-1].text in _COLLECTIVE_OWNERS
                    and tokens[index].capitalised) or (
                    run[-1].text in _OFFICE_HOLDERS and tokens[index].text in _OFFICES)):
                # ("United Nations Children's Fund", "People's Liberation Army", "Attorney
                # General's Office": names)
                token = tokens[index]
                gap = self.text[run[-1].end:token.start]
                initial = gap == ". " and len(run[-1].text) == 1 and run[-1].text.isupper()
                owners = (gap in ("' ", "’ ") and run[-1].text.endswith("s")
                          and token.text.lower() in _ORG_WORDS) or (  # "Kurdistan Workers' Party"
                    run[-1].possessive and gap in ("'s ", "’s "))  # "Children's Fund"
                body = 1 if run[0].text == "The" else 0  # its word
                if gap == ", " and len(run) > body + 2 \
                        and run[body].text.lower() in _GOVERNMENT_WORDS \
                        and run[body + 1].text in ("of", "for") and (
                            portfolios := _PORTFOLIO_LIST.match(self.text, run[-1].end)) \
                        and all(w.lower() in _POLICY_AREAS
                                for w in _WORD.findall(portfolios.group()) if w != "and"):
                    # "Ministry for Food, Agriculture, Forestry and Fisheries": one body
                    while index < len(tokens) and tokens[index].end <= portfolios.end():
                        run.append(tokens[index])
                        index += 1
                    break
                nickname = _NICKNAME.match(self.text, run[-1].end) if len(run) == 1 and (
                    run[0].text in _given_names()) else None
                if nickname is not None:
                    # 'Trevor “Winston Soso” Lockhart': a given name, a nickname, a surname
                    while index < len(tokens) and tokens[index].start < nickname.end():
                        index += 1
                    if index < len(tokens):
                        run.append(tokens[index])
                        index += 1
                    continue
                if gap != " " and not initial and not owners:
                    break  # ("Donald J. Trump" runs on past the initial)
                if token.capitalised and token.text != "The":  # "Loud The Athletic": two names
                    run.append(token)
                    organisation = organisation or token.text.lower() in _ORG_WORDS or (
                        len(run) == 2 and run[0].text == "The" and _heads_a_name(token.text))
                    index += 1
                    continue
                following = tokens[index + 1] if index + 1 < len(tokens) else None
                third = tokens[index + 2] if index + 2 < len(tokens) else None
                if token.text in ("of", "for") and following is not None and \
                        following.text == "the" and third is not None and third.capitalised and \
                        organisation and self.text[token.end:third.start] == " the ":
                    run += [token, following, third]  # "Flint Center for the Performing Arts"
                    organisation = True
                    index += 3
                    continue
                if token.text in _JOINERS and following is not None \
                        and following.text in _JOINERS and third is not None \
                        and third.capitalised \
                        and (not run[-1].initial or run[-1].text in _given_names()) \
                        and self.text[run[-1].end:third.start].count(" ") == 3 \
                        and len(self.text[run[-1].end:third.start]) <= 12:
                    run += [token, following, third]  # "Ursula von der Leyen", "de la Rúa"
                    index += 3
                    continue
                if following is None or not following.capitalised or \
                        self.text[token.end:following.start] != " ":
                    break
                joiner = token.text
                titled = _is_title(run[-1].text) and _is_title(following.text)
                of = (joiner in ("of", "for", "on") and (organisation or titled)) or (
                    joiner == "in" and run[-1].text in _POSTS) or (  # "American Embassy in China"
                    joiner == "to" and run[-1].text.lower() in _ORG_WORDS
                    and is_english_word(following.text) and not is_place_name(following.text)) or (
                    joiner == "of" and is_publication(  # "Voice of America": a medium
                        f"{self.text[run[0].start:run[-1].end]} of {following.text}")) or (
                    joiner == "of" and run[-1].text in _STATE_FORMS) or (
                    joiner == "of" and following.text.lower() in _CHAMBERS) or (
                    joiner == "of" and run[-1].text.lower() in _GROUP_WORDS)
                # ("Revolutionary Armed Forces of Colombia": a group of a country)
                # ("House of Assembly": a chamber's name)
                # ("Islamic Republic of Iran Broadcasting": a state's form inside a name)
                # ("Committee to Protect Journalists", "Network to Record Incidents of Racist
                # Violence": a body named for its aim; not "sent the Committee to Washington")
                if joiner == "and" and not of_seen:
                    seen = self.text[max(run[0].start, scanned - 4):token.start]
                    of_seen = " of " in seen or " for " in seen  # ("Department for Business
                    # and Trade")
                    scanned = token.start
                spelled = self._spelled_out(tokens, run, index) if joiner == "and" else 0
                if not spelled and joiner == "and":
                    spelled = self._body_of_two(tokens, run, index)
                if spelled:  # "Food and Drug Administration (FDA)"
                    run += tokens[index:index + spelled]
                    index += spelled
                    continue
                if joiner == "&" or of or (
                        joiner in _JOINERS and (not run[-1].initial
                                                or run[-1].text in _given_names()
                                                # ("Viv de Beus said": no word opens it)
                                                or not is_english_word(run[-1].text.lower()))) or (
                        joiner == "and" and self._known_with_and(run, following)) or (
                        joiner == "and" and of_seen
                        and run[run[0].text == "The" and len(run) > 1].text.lower()
                        in _GOVERNMENT_WORDS
                        and following.text.lower() not in _GOVERNMENT_WORDS) or (
                        joiner == "and" and _fields_of_a_body(run, following)):
                    # ("Ministry of Energy and Natural Resources"; but "Ministry of National
                    # Defence and Ministry of Energy" are two)
                    run += [token, following]
                    organisation = organisation or any(
                        t.text.lower() in _ORG_WORDS for t in (token, following))
                    index += 2
                    continue
                break
            # (a title word before an organisation word is its name's: "Defense Ministry")
            honours = malay_honours(run)  # ("Tan Sri Dr Noor Hisham": one person's)
            titles = [i for i, t in enumerate(run[:-1]) if i > honours and _titles(run, i)
                      and not _is_title(run[i - 1].text)
                      and run[i - 1].text not in ("of", "for")  # "Office of Foreign Assets …"
                      and run[i + 1].text.lower().rstrip(".") not in _ORG_WORDS
                      and run[-1].text.lower().rstrip(".") not in _ORG_WORDS]
            # (but "European Aeronautic Defense & Space Company" ends as a body's name does)
            if titles:
                # "Richmond Federal Reserve Bank President Thomas Barkin", "Fed Chair Jerome
                # Powell": an organisation, then a person; a lone English word before a title
                # ("Fed", "Republican") is a name only if the article uses it as one elsewhere
                # ("Microsoft CEO Steve Ballmer", "Uralsib analyst …" are names)
                head = run[:titles[0]]
                if len(head) == 1 and is_english_word(head[0].text):
                    self.weak.add(head[0].start)
                if not _names_the_office(head, run[titles[0]].text):
                    yield head  # (but "Station House Officer Ramesh Kumar": his office)
                run = run[titles[0]:]
            yield run

    def _known_with_and(self, run: list[_Token], following: _Token) -> bool:
        """Whether a name with "and" in it is a known one: a publication ("The Globe and
        Mail") or a party of the store ("Procter and Gamble")."""
        name = self.text[run[0].start:following.end]
        return is_publication(name) or name.casefold() in self.known_forms

    def _body_of_two(self, tokens: list[_Token], run: list[_Token], index: int) -> int:
        """How many tokens from `index` (an "and") continue a body named by two fields:
        "Securities and Exchange Commission", "Fish and Wildlife Service" (the words before
        "and" ordinary words, those after ending in a body's word; not "Apple and Samsung
        Electronics")."""
        if len(run) > 2 or not all(is_english_word(t.text) for t in run):
            return 0
        end = index + 1
        while end < len(tokens) and end - index <= 3 and tokens[end].capitalised \
                and self.text[tokens[end - 1].end:tokens[end].start] == " ":
            end += 1
        if end - index < 3 or tokens[end - 1].text.lower() not in _BODY_WORDS:
            return 0
        return end - index

    def _spelled_out(self, tokens: list[_Token], run: list[_Token], index: int) -> int:
        """How many tokens from `index` (an "and") continue the run as one name, by the
        acronym in brackets after it whose letters are its words' initials: "Food and Drug
        Administration (FDA)", "Union of Rationalist Atheists and Agnostics (UAAR)"; 0 if
        none does."""
        end = index + 1
        while end < len(tokens) and end - index <= 5 and tokens[end].capitalised \
                and self.text[tokens[end - 1].end:tokens[end].start] == " ":
            end += 1
        if end == index + 1:
            return 0
        acronym = _WORD_ACRONYM_AFTER.match(self.text, tokens[end - 1].end)
        if acronym is None:
            # "IBGE data (Brazilian Institute of Geography and Statistics)": a whole bracket
            # of one name of something spells out the acronym before it (in another language,
            # so its letters may differ; not "the deal (Bank of Acme and Orbex)")
            opened = _ACRONYM_BEFORE.search(self.text, max(0, run[0].start - 40), run[0].start)
            closed = self.text[tokens[end - 1].end:tokens[end - 1].end + 1] in (")", "]")
            named_of = " of " in self.text[run[0].start:tokens[index].start]
            return end - index if opened and closed and named_of else 0
        # (its letters, as a word too: "SA Transport and Allied Workers Union (Satawu)")
        initials = "".join(t.text if t.text.isupper() and len(t.text) <= 3 else t.text[0]
                           for t in (*run, *tokens[index + 1:end])
                           if t.capitalised and (t.text.isupper() or not _plain_word(t.text)))
        # (not "The", "On Monday")
        return end - index if sorted(initials.upper()) == sorted(acronym.group(1).upper()) \
            else 0

    def _a_product(self, start: int, end: int) -> bool:
        """Whether the name at start..end is a product's: with an article or counted before
        it, alone or in a pair, and a product's word after ("the Ford Taurus sedan", "the Crown
        Victoria and Grand Marquis cars")."""
        before = self.text[max(0, start - 60):start]
        return bool((_DETERMINED_BEFORE.search(before) and _PAIRED_PRODUCT_AFTER.match(
            self.text, end)) or (_PAIR_BEFORE.search(before) and _PRODUCT_AFTER.match(
                self.text, end)))

    def _month_as_surname(self, words: list[_Token]) -> bool:
        """Whether a name ends in a month that is a family name: "Theresa May met …" (not
        "Acme May 5", "Theresa in May")."""
        return len(words) > 1 and words[-1].text.lower() in _MONTHS \
            and words[-2].text in _given_names() \
            and not _DAY_NUMBER.match(self.text, words[-1].end)

    @staticmethod
    def _title_as_surname(words: list[_Token]) -> bool:
        """Whether a title ends a person's name as its surname: "Julie Bishop", "Sarah
        Judge" (a given name that is no English word, then the title)."""
        return len(words) == 2 and _is_title(words[1].text) \
            and words[0].text in _given_names() and not is_english_word(words[0].text)

    def _trim(self, run: list[_Token], tokens: list[_Token]
              ) -> tuple[list[_Token], dict[str, int], bool]:
        """The name in a run, without leading function words, demonyms and titles (which are
        cues), and whether it is evidence of a name by itself."""
        cues: dict[str, int] = {}
        words = list(run)
        organisation = any(t.text.lower().rstrip(".") in _ORG_WORDS for t in words[1:]) or (
            len(words) > 2 and _heads_a_name(words[0].text)
            and words[1].text in ("of", "for"))
        # ("State of Texas", "Office of Foreign Assets Control": no title in it)
        if len(words) > 1 and all(w.text.isupper() for w in words) and sum(
                len(w.text) >= 4 for w in words) >= 2:
            return [], cues, False  # "NO VOTE WATCHERS OR OBSERVERS": shouting
        if honours := malay_honours(words):
            cues["person"] = cues.get("person", 0) + 1
            words = words[honours:]
        if len(words) > 2 and _ENVOY_BEFORE.search(
                self.text, max(0, words[0].start - 40), words[0].start):
            # "Ambassador to the United States Hamdullah Mohib": where the envoy is sent, then
            # the envoy
            for size in (3, 2, 1):
                if len(words) > size + 1 and " ".join(
                        w.text for w in words[:size]) in _gazetteer()[0]:
                    words = words[size:]
                    cues["person"] = cues.get("person", 0) + 1
                    break
        if len(words) > 2 and not organisation and _PORTFOLIO_BEFORE.search(
                self.text, max(0, words[0].start - 40), words[0].start):
            # "Minister of Education Stefania Giannini": the portfolio, then the name, from its
            # given name or as its last two words
            cues["person"] = cues.get("person", 0) + 1
            words = _named(words)
        elif len(words) <= 2 and _PORTFOLIO_BEFORE.search(
                self.text, max(0, words[0].start - 40), words[0].start) and all(
                is_english_word(w.text) or _is_title(w.text) for w in words):
            return [], cues, False  # "the Minister of Education", "Undersecretary for Education"
        if len(words) > 2 and _is_title(words[0].text) and words[1].text in ("of", "for") \
                and all(w.text.lower() in _POLICY_AREAS or w.text in ("of", "for", "and", "&")
                        or _is_title(w.text) for w in words[2:]):
            return [], cues, False  # "Vice-Minister for Foreign Affairs, Yasuhisa Shiozaki"
        titles = [i for i in range(len(words) - 1) if _titles(words, i)]
        if titles and not organisation:
            # "Republican President George Bush", "Chief of Staff Andrew Card": the name is
            # what follows the last title
            cues["person"] = cues.get("person", 0) + 1
            regnal = _regnal(words[titles[-1]:])
            portfolio = any(w.text in ("of", "for") for w in words[titles[0]:titles[-1] + 1])
            words = words[titles[-1] + (0 if regnal else 1):]
            if portfolio and len(words) > 2:
                words = _named(words)  # "Minister of Foreign Affairs Sergei Lavrov"
            words = words[malay_honours(words):]  # "Prime Minister Tan Sri Muhyiddin Yassin"
        if len(words) == 2 and words[1].text.lower() in _WEEKDAYS \
                and is_english_word(words[0].text.lower()):
            return [], cues, False  # "Super Sunday", "Black Friday": a day's name
        first = 0  # the leading words go by moving past them (a pop(0) each was quadratic)
        while first < len(words):
            word, left = words[first], len(words) - first
            lower = word.text.lower().rstrip(".")
            pair = f"{word.text} {words[first + 1].text}" if left > 1 else ""
            if word.initial and lower in self.lowercase_words and left > 1 \
                    and lower not in _ORG_WORDS and pair not in self.inner_pairs \
                    and not is_place_name(pair) \
                    and not _regnal(words[first:]) \
                    and not (left == 2 and words[first + 1].text.lower() in _SITE_LAST):
                # ("New York Times: …", "Queen Elizabeth II", "Freedom House said …")
                first += 1  # "Rival Samsung": a common word that starts the sentence
            elif (lower in _FUNCTION_WORDS and (word.initial or lower in _NEVER_IN_FRONT
                                                 or word.text.isupper())
                  and word.text not in _gazetteer()[0]
                  and not (lower == "state" and left > 1  # "State Bank of India"
                           and words[first + 1].text.lower() in _ORG_WORDS | _GOVERNMENT_WORDS)
                  and not (left == 2 and words[first + 1].text.lower() in _SITE_LAST)) \
                    or (lower in _WEEKDAYS and not (
                        left > 1 and word.text[:1].isupper() and not _WHEN_BEFORE.search(
                            self.text, max(0, word.start - 8), word.start))) \
                    or lower in _MONTHS:  # (but "Coach Monday Okoro": his given name)
                first += 1
            elif lower in _demonyms() and not organisation and not _demonyms_name(
                    [w.text for w in words[first:]]) and not any(
                    w.text.lower() in _GOVERNMENT_WORDS for w in words[first + 1:]):
                # (but "Indian Air Force" is India's)
                first += 1
            elif word.initial and left > 1 and _opening_participle(word.text) and not (
                    lower in _INDUSTRIES
                    and any(w.text.lower() in _ORG_WORDS for w in words[first + 1:])):
                # (but "Shipping Corporation of India" is one name; "Addressing Parliament" is
                # what the speaker did)
                first += 1  # "Accusing Microsoft of abusing …": what the sentence opens with
            elif word.initial and lower in _DESCRIBING_WORDS and left > 1:
                first += 1  # "Veteran Labour politician Tony Benn", "Embattled Boeing"
            elif lower in _NOT_NAMES and left > 1 and (
                    words[first + 1].text in _given_names() or lower.endswith("man")):
                # "Scientologist Tom Cruise": what he believes, then who he is; "Dutchman
                # Tallon Griekspoor" (nationality), whatever his given name
                first += 1
            elif left > 1 and (lower in _GENERIC_ACRONYMS or (
                    lower in _demonyms()
                    and words[first + 1].text.lower() in _GENERIC_ACRONYMS)):
                first += 1  # "the NGO Educafro", "Greek NGO Hellenic League": what it is
            elif left > 1 and (lower in _ROLE_NOUNS or lower.endswith("blogger")) \
                    and not organisation and words[first + 1].text in _given_names():
                cues["person"] = cues.get("person", 0) + 1
                first += 1  # "Videoblogger Daniel Fraga": what he is, then who
            elif lower in _TITLE_WORDS and not organisation and left > 1 \
                    and not _regnal(words[first:]) and _titles(words[first:], 0):
                cues["person"] = cues.get("person", 0) + 1
                first += 1
            else:
                break
        words = words[first:]
        while words and ((_plain_word(words[-1].text) and words[-1].text.lower().rstrip(".")
                         not in _ORG_WORDS and not _demonym_ends_name(words) and not (
                             len(words) > 2 and _of_before_last(words) and (
                                 organisation or _heads_a_body(words[0].text)))
                         and not self._month_as_surname(words)
                         and not self._title_as_surname(words)
                         and not _a_companys_arm(words)
                         and not (len(words) > 3 and words[-2].text == "and"
                                  and words[-1].text.lower() in _POLICY_AREAS
                                  and _heads_a_body(words[0].text))  # "… Business and Trade"
                         and tuple(w.text for w in words) not in _PLAIN_WORDS_NAMES
                         and not (words[-1].text == "Watch" and len(words) > 2)
                         and not (words[-1].text in _MEMBERS and len(words) > 2
                                  and any(w.text == "of" for w in words)
                                  and _heads_a_body(words[0].text)))
                         or words[-1].text.lower() in ("of", "and", "&", "the", "on", "for")):
            words.pop()  # (but "Department of State", "Department of Agriculture" stay whole,
            # and so does "Human Rights Watch"; "Apple Watch" is Apple's)
        if len(words) == 2 and words[0].text == "The" and not words[0].initial:
            pass  # "according to The Athletic": the article is part of the name
        elif words and words[0].text == "The" and len(words) > 1:
            words.pop(0)
        if not words or _COMPOUND_MODIFIER.search(words[-1].text):
            return [], cues, False  # "the Booker Prize-winner", "an Oscar-winning actor"
        last = words[-1].text.lower().rstrip(".")
        if _GOVERNED_BY_AFTER.match(self.text, words[-1].end):
            return [], cues, False  # "Former Maguindanao governor Juan Cruz": where he governs
        if len(words) == 1 and (_AWARD_AFTER.match(self.text, words[0].end)
                                or _AWARD_BEFORE.search(self.text, max(0, words[0].start - 40),
                                                       words[0].start)):
            return [], cues, False  # "named Man of the Match", "Player of the Series": a prize
        if last in _EVENT_WORDS and len(words) == 1 and not cues.get("person") \
                and is_english_word(last):
            return [], cues, False  # "wrapped up their 12th Summit after signing": a happening
        if last in _EVENT_WORDS and len(words) > 1 and not (
                cues.get("person") and len(words) == 2 and not is_english_word(words[0].text)):
            # (but "Minister Stockwell Day" is a person)
            return [], cues, False  # "World Press Freedom Day", "the Cold War": a happening
        if _TITLE_NEXT.match(self.text, words[-1].end) and all(
                w.text.lower() in _POLICY_AREAS or is_english_word(w.text.lower())
                for w in words):
            # "Home Affairs Minister Malusi Gigaba", "Public Safety Minister Stockwell Day": a
            # portfolio
            return [], cues, False
        if words[0].text == "Operation" and len(words) > 1:
            return [], cues, False  # "Operation Protective Edge", "Operation Clambake": a campaign
        if len(words) > 1 and (words[0].text.lower() in _STORM_WORDS or (
                words[0].text == "Super" and words[1].text.lower() in _STORM_WORDS)):
            self.titles.add(words[-1].text)  # (and later "Ian" alone)
            return [], cues, False  # "Hurricane Ian", "Tropical Storm Alberto": weather
        if len(words) > 2 and words[0].text in ("Parliament", "Assembly") \
                and words[1].text == "for":
            return [], cues, False  # "the member of Parliament for North Abaco": a seat
        lowers = [w.text.lower().rstrip(".") for w in words]
        if last in _PRODUCT_WORDS or (_I_BRAND.match(words[0].text) and not any(
                w in _LEGAL_SUFFIXES for w in lowers)):
            # "Internet Explorer", "Windows XP", "iPod Touch": a product (but "iRobot Corp" is
            # a company)
            return [], cues, False
        if lowers[0] in _MARKET_INDICES and lowers[0] not in _NOT_AN_INDEX_ALONE and all(
                w in _MARKET_INDICES or w.isdigit() for w in lowers):
            return [], cues, False  # "the Dow Jones", "Nikkei 225": a stock market index
        if len(words) > 1 and self._a_product(words[0].start, words[-1].end):
            return [], cues, False  # "the Ford Taurus sedan", "the X and Grand Marquis cars"
        if _MEDICINE_AFTER.match(self.text, words[-1].end) or (
                _APPROVED_BEFORE.search(self.text, max(0, words[0].start - 12), words[0].start)
                and _FOR_PATIENTS_AFTER.match(self.text, words[-1].end)):
            # "approved Myalept for a rare fat disorder", "Comirnaty, the vaccine made by
            # Pfizer": a medicine, and so wherever it is named later
            if len(words) == 1:
                self.models.add(words[0].text.casefold())
            return [], cues, False
        if len(words) > 1 and words[0].text in ("Best", "Most") and last in _AWARD_CATEGORIES:
            return [], cues, False  # "Best Business Blog", "Best Actress": a prize's category
        if last in _FACILITY_WORDS and len(words) > 1:
            return [], cues, False  # "Cape Canaveral Space Force Station": a place
        if len(words) > 1 and (
                (last in ("center", "centre") and words[-2].text.lower() in _VENUE_KINDS)
                or (words[-2].text.lower() in _EVENT_WORDS and words[-1].text in _gazetteer()[0])):
            return [], cues, False  # "Kennedy Space Center", "Fan Expo Canada": where, what
        if len(words) > 1 and _MODEL_NAME.fullmatch(words[-1].text) \
                and _CRAFT_AFTER.match(self.text, words[-1].end):
            return [], cues, False  # "the United Launch Alliance Atlas V rocket": a craft
        if (model := _MODEL_NUMBER_AFTER.match(self.text, words[-1].end)) is not None and \
                _CRAFT_AFTER.match(self.text, model.end()):
            self.titles.add(words[-1].text)  # (and later "Falcon" alone)
            return [], cues, False  # "a Falcon 9 rocket", "an Ariane 5 rocket": a craft
        if _CRAFT_AFTER.match(self.text, words[-1].end) and _OWNED_BEFORE.search(
                self.text, max(0, words[0].start - 20), words[0].start):
            self.titles.add(words[-1].text)
            return [], cues, False  # "NASA's new Orion spacecraft": the owner's craft
        flight = next((i for i, w in enumerate(words) if w.text == "Flight"), None)
        if flight and _NUMBER_AFTER.match(self.text, words[flight].end):
            words = words[:flight]  # "Garuda Indonesia Flight 200": the airline that flew it
            last = words[-1].text.lower().rstrip(".")
        if any(w.text.lower() in _CRAFT_WORDS for w in words):
            # "Space Shuttle Endeavour", "the Hubble Space Telescope"; later "Endeavour" alone
            self.titles.add(words[-1].text)
            return [], cues, False
        floor = tokens[0].start if tokens else 0
        if _WORK_BEFORE.search(self.text, max(floor, words[0].start - 160), words[0].start):
            self.titles.add(words[-1].text)
            return [], cues, False  # "the film Persepolis", "novels such as Aura, …": a work
        if len(words) == 1 and words[0].text in self.titles:
            return [], cues, False
        document = _DOCUMENT_OF_BEFORE.search(self.text, max(floor, words[0].start - 30),
                                              words[0].start)
        if (last in _DOCUMENT_WORDS and (len(words) > 1 or self.text.startswith(
                " of ", words[-1].end))) or (
                len(words) == 1 and last in ("constitution", "order")) or (
                document is not None and document.group(1).lower() in _DOCUMENT_WORDS):
            # (and both words of "a Memorandum of Understanding")
            if len(words) > 3:  # ("Global Magnitsky" later: the "Global Magnitsky … Act")
                self.documents.add(" ".join(w.text for w in words[:2]))
            return [], cues, False  # "Executive Order", "the Constitution": a document
        if len(words) == 2 and " ".join(w.text for w in words) in self.documents:
            return [], cues, False
        if len(words) == 1 and words[0].text.lower() not in _ORG_WORDS and (
                document := _OF_A_DOCUMENT_AFTER.match(self.text, words[-1].end)) is not None \
                and document.group(1).lower() in _DOCUMENT_WORDS:
            return [], cues, False  # "under the Prevention of Terrorism Act": its first words
        if last in _PLATFORMS and len(words) <= 2:
            if not _ACTS_AFTER.match(self.text, words[-1].end) and not _done_to(
                    self.text[max(floor, words[0].start - 40):words[0].start]):
                return [], cues, False  # "posted on Twitter", "on Sina Weibo": the medium
            cues["acts"] = 1  # "Twitter suspended the account", "a bill to ban TikTok"
        if "_".join(lowers) in _COMPANY_ORGANS:
            return [], cues, False  # "the Boards of Directors of both companies": whose?
        if len(words) == 1:
            word = words[0]
            lower = word.text.lower()
            if _plain_word(word.text) or len(word.text) < 2 or lower in _GENERIC_ACRONYMS or (
                    lower in _ORG_WORDS and lower not in _GOVERNMENT_WORDS) \
                    or lower in _GENERIC_BODIES:
                return [], cues, False
            if word.text.isupper() and len(word.text) > 6 and not _ACRONYM_PAIR.fullmatch(
                    word.text):  # (but "ZANU-PF" is a name)
                return [], cues, False  # shouting, not a name
            if _TITLE_OPENS.search(self.text, max(0, word.start - 12), word.start) \
                    and _TITLE_CLOSES.match(self.text, word.end):
                return [], cues, False  # "Chief Operating Officer": inside a title
            if (_MODEL_BEFORE.search(self.text, max(0, word.start - 30), word.start) or (
                    _A_COUNT_BEFORE.search(self.text, max(0, word.start - 12), word.start)
                    and word.text.endswith("s") and lower not in _demonyms()
                    and lower.removesuffix("s") not in _demonyms())) \
                    and not _ITS_COUNTED_AFTER.match(self.text, word.end) \
                    and not _MODEL_AFTER.match(self.text, word.end):
                # (but "121 Boeing 787 airliners", "30 Airbus A350 jets": the maker of a model)
                # "the Boeing 787 Dreamliner", "787 Dreamliner", "bought 20 Dreamliners": a
                # product (but "three Americans" are people)
                self.models.add(word.text.casefold().removesuffix("s"))
                return [], cues, False
            if _PARTY_AND_STATE.fullmatch(word.text) or \
                    word.text.casefold().removesuffix("s") in self.models:
                return [], cues, False  # "(R-AZ)"; "The Dreamliner will be …" after "787 …"
            if _ONE_OF_BEFORE.search(self.text, max(0, word.start - 4), word.start) \
                    and _END_AFTER.match(self.text, word.end):
                return [], cues, False  # "Menendez, a Democrat, resigned": what one is
            if lower.rstrip(".") in _STATE_ABBREVIATIONS and self.text[
                    max(0, word.start - 2):word.start] == ", ":
                return [], cues, False  # "Cape Canaveral, Fla.": a state
            owner = _OWNER_BEFORE.search(self.text[max(0, word.start - 8):word.start])
            if owner and _CRAFT_AFTER.match(self.text, word.end):
                return [], cues, False  # "NASA's Perseverance rover": its craft
            if _COUNTED_BEFORE.search(self.text, max(0, word.start - 20), word.start) \
                    and _PRODUCT_AFTER.match(self.text, word.end):
                return [], cues, False  # "60 Starlink satellites", "a Soyuz rocket": products
            if _MODEL_AFTER.match(self.text, word.end) and not owner:
                # "Airbus A350-1000 jets": the maker, not its product
                cues["organisation"] = cues.get("organisation", 0) + 2
            elif _NUMBER_AFTER.match(self.text[word.end:word.end + 40]):
                # (the amount's unit within reach: "fined Google 13.5 billion euros")
                return [], cues, False  # "Mate 60", "iPhone 15": a product
            adverb = _ADVERB.fullmatch(lower) and _COMMA.match(self.text, word.end)
            if word.initial and (lower in self.lowercase_words or lower in _FUNCTION_WORDS
                                 or adverb):  # "Similarly, …": an adverb opens the sentence
                return [], cues, False
            if lower in self.lowercase_words and lower not in _GOVERNMENT_WORDS:
                return [], cues, False  # "the Election was Rigged": a word, capitalised
        self._cues(words, tokens, cues)
        evidence = len(words) > 1 or not words[0].initial or bool(cues) or (
            words[0].text.isupper() and 3 <= len(words[0].text) <= 5)  # "NASA's rover landed"
        if len(words) == 1 and words[0].initial and (
                self._does_next(words[0].end) or _SPEAKER_AFTER.match(self.text, words[0].end)) \
                and not is_english_word(words[0].text):
            evidence = True  # "Nokia said on Friday …", "Airbus spokesman Stefan Schaffrath"
        if len(words) == 1 and words[0].initial and _AGENT_AFTER.match(self.text, words[0].end) \
                and not words[0].text.lower().endswith("s") \
                and words[0].text.lower() not in _FUNCTION_WORDS:
            evidence = True  # "Apple has agreed to sign …", "Apple said": what a party does
        if len(words) == 1 and words[0].initial and _CAPITALS_JOINED.fullmatch(words[0].text) \
                and not all(map(is_english_word, words[0].text.split("-"))):
            evidence = True  # "Rolls-Royce": no word is capitalised so (but "Well-Known")
        if len(words) == 1 and words[0].initial and _LIST_AFTER.match(self.text, words[0].end):
            evidence = True  # "Sony, Samsung and several start-ups": a list of names
        if len(words) == 1 and (words[0].start in self.weak or words[0].text[:1].islower()):
            evidence = False  # "iPhone": a product; "Republican President …": an adjective
        if self.text[words[0].start - 1:words[0].start] in ("\"", "“", "'", "\u2018") and \
                self.text[words[-1].end:words[-1].end + 1] in ("\"", "”", "'", "’"):
            evidence = False  # “Galaxy Nexus”, "Android Beam": a product or a nickname
        if len(words) == 1 and not cues and self.quotes.inside(tokens[0].start if tokens else 0,
                                                               words[0].start):
            evidence = False  # 'the Election was Rigged': capitals for emphasis in a quote
        if len(words) == 1 and not cues and _MODIFIED.match(self.text, words[0].end) and (
                _DETERMINED.search(self.text[max(0, words[0].start - 20):words[0].start])
                or _ROLE_AFTER.match(self.text, words[0].end)):
            evidence = False  # "the Richter scale", "Democratic nominee": a modifier
            if _NAMED_BY.match(self.text, words[0].end) or (
                    _PARTY_NAMED_BY.match(self.text, words[0].end)
                    and not is_english_word(words[0].text)):
                evidence = True  # "its Woodbridge holding company": the company's name
                cues["organisation"] = cues.get("organisation", 0) + 1
            elif _CASE_NAMED_BY.match(self.text, words[0].end) \
                    and not is_english_word(words[0].text):
                evidence = True  # "rejected the Qantas appeal": who appealed
        elif len(words) == 1 and is_english_word(words[0].text.lower()) and _MODIFIED.match(
                self.text, words[0].end) and _HELD_BY_BEFORE.search(
                self.text, max(0, words[0].start - 8), words[0].start):
            # "resigned his Cabinet post", "her Senate seat": what is theirs (but "its Boeing
            # jets" are a maker's)
            evidence = False
        return words, cues, evidence

    def _does_next(self, end: int) -> bool:
        """Whether what ends at `end` does something next, maybe after an aside."""
        aside = _ASIDE_AFTER.match(self.text, end)
        end = aside.end() if aside else end
        when = _WHEN_AFTER.match(self.text, end)  # "Boeing today announced"
        return bool(_DOES_AFTER.match(self.text, when.end() if when else end))

    def _cues(self, words: list[_Token], tokens: list[_Token], cues: dict[str, int]) -> None:
        lowers = [w.text.lower().rstrip(".") for w in words]
        joined = next((n for n, w in enumerate(lowers) if w in ("of", "on", "for")), None)
        stately = lowers
        if joined and any(w in _ORG_WORDS and w not in _GOVERNMENT_WORDS
                          for w in lowers[:joined]):
            # a body's head says what it is, and what it is of only by its last word: the
            # "Project on Government Oversight" is no state's, the "Council of Ministers" is
            stately = [*lowers[:joined], lowers[-1]]
        if lowers[-1] in _LEGAL_SUFFIXES or lowers[-1] in _COMPANY_LAST:
            stately = []  # "Treasury Wine Estates", "Navy Federal Holdings": a company's
        elif stately and stately[0] in _GOVERNMENT_WORDS and len(stately) > 1 and not any(
                w in _ORG_WORDS or w in _GOVERNMENT_WORDS or w in ("of", "for")
                for w in stately[1:]):
            stately = stately[1:]  # "Treasury Wine": the word names a company's trade
        if any(w in _GOVERNMENT_WORDS for w in stately) or (
                words[0].start in self.acting_regions) or any(
                w.possessive and w.text in _OFFICE_HOLDERS for w in words[:-1]) or is_central_bank(
                [w for w in lowers if w != "the"]) or (
                len(lowers) > 2 and lowers[0] in _LOCAL_GOVERNMENTS and lowers[1] == "of") or (
                len(lowers) == 1 and lowers[0] in _STATE_AGENCIES) or (
                len(lowers) > 1 and any(w in _STATE_DUTIES for w in lowers) and any(
                    w in _DUTY_BODIES for w in lowers[1:])) or (
                len(lowers) > 1 and any(w in _STATE_BODY_WORDS for w in lowers[1:]) and (
                    lowers[0] in _STATE_FIRST or lowers[0] in _demonyms()
                    or any(" ".join(w.text for w in words[:n]) in _gazetteer()[0]
                           for n in (1, 2, 3)))):
            # (and "NASA", "the U.S. Environmental Protection Agency", "National Science
            # Foundation": agencies of a state)
            cues["government"] = cues.get("government", 0) + 1
        elif any(w in _GROUP_WORDS for w in lowers[1:]) or (  # "Rally of the Republicans"
                len(lowers) > 2 and lowers[0] in _GROUP_WORDS and lowers[1] in _NAMED_FOR):
            cues["group"] = cues.get("group", 0) + 1
        elif any(w in _ORG_WORDS for w in lowers[1:]) or any("&" in w for w in lowers) or (
                len(lowers) > 1 and (lowers[0] in _CLUB_PREFIXES or lowers[-1] in _CLUB_LAST)
            ) or (  # "FC Goa", "MBK United"
                len(lowers) > 2 and lowers[0] in _ORG_WORDS and lowers[1] in _NAMED_FOR) or (
                len(lowers) > 1 and lowers[-1] == "air") or (
                _a_companys_arm(words)):
            # "Acme Holdings", "Bank of England", "Institute for Fiscal Studies", an airline:
            # "Adam Air" (not the "Royal Air Force"), a company's arm: "MTN Nigeria"
            cues["organisation"] = cues.get("organisation", 0) + 2
        floor = tokens[0].start if tokens else 0
        before = self.text[max(floor, words[0].start - 60):words[0].start]
        after = self.text[words[-1].end:words[-1].end + 60]
        previous = _WORDS.findall(_CLAUSE_BREAK.split(before)[-1])[-2:]  # not '“… my team,” X'
        if previous and (previous[-1].lower() in _ROLE_NOUNS or (
                previous[-1].lower() in _HONORIFICS and previous[-1][:1].isupper())):
            cues["person"] = cues.get("person", 0) + 2  # "team manager Pep Guardiola", "Mr. X"
        if _LOCATIVE.search(before):
            previous = []  # "a judge in San Francisco": the words before are not about it
        if any(w.lower() in _ORG_CUES for w in previous) or _COMPANY_AFTER.match(after) \
                or _SHARES_AFTER.match(after) or _SHARES_BEFORE.search(before):
            cues["organisation"] = cues.get("organisation", 0) + 1
        if _MEMBER_AFTER.match(after):
            cues["organisation"] = cues.get("organisation", 0) + 1  # "Sevilla midfielder X"
        if _PERSON_AFTER.match(after) and len(words) > 1:
            cues["person"] = cues.get("person", 0) + 1  # "Yannick Carrasco, who …"
        if previous and previous[-1].lower() in _PREPOSITIONS:
            previous = []  # "an activist from Ufa", "a spokesman for Acme": not the role's
        if any(w.lower() in _ROLE_NOUNS for w in previous) or _ROLE_AFTER_NAME.match(after) \
                or (_SAID_BEFORE.search(before) and len(words) > 1 and _END_AFTER.match(after)):
            cues["person"] = cues.get("person", 0) + 1
        if len(words) in (2, 3) and words[0].text in _given_names():
            cues["person"] = cues.get("person", 0) + 1
        elif len(words) in (2, 3) and words[-1].text in _surnames() \
                and not is_english_word(words[0].text):
            cues["person"] = cues.get("person", 0) + 1  # "Thibaut Courtois"
        elif len(words) == 1 and words[0].text in _surnames() \
                and not is_english_word(words[0].text) \
                and _SPEAKS_AFTER.match(self.text, words[0].end):
            cues["person"] = cues.get("person", 0) + 1  # "Merkel said", "Coleman told"
        if len(words) > 1 and (titled := _TITLE_ASIDE_AFTER.match(after)) is not None \
                and _is_title(titled.group(1)):
            cues["person"] = cues.get("person", 0) + 1  # "Filippo Grandi, UN High Commissioner"
        if len(words) == 2 and len(words[0].text.rstrip(".")) == 1 and words[0].text.isupper() \
                and lowers[1] not in _ORG_WORDS:
            cues["person"] = cues.get("person", 0) + 1  # "K Sivan", "P. Duraisamy": an initial
        if len(words) in (2, 3) and _EAST_ASIAN_GIVEN.fullmatch(words[-1].text):
            cues["person"] = cues.get("person", 0) + 1  # "Leung Kwok-hung", "Kim Min-Woo"
        locative = _LOCATIVE.search(before) and not _NOT_LOCATIVE.search(before) and not (
            len(words) == 1 and words[0].text.isupper())  # ("a stake in GMAC": no place)
        if _in_a_country(after):
            locative = True  # "Wimborne, UK's Cobham …", "ESPOO, Finland": a town
        facility = len(lowers) > 1 and lowers[-1] in _FACILITY_WORDS  # "Westgate Mall"
        named_place = len(lowers) > 1 and (lowers[0] in _PLACE_FIRST or lowers[-1] in _PLACE_LAST)
        if (locative or _PLACE_BEFORE.search(before) or _PLACE_AFTER.match(after)
                or _DESTINATION_BEFORE.search(before) or lowers[0] in _PLACE_FIRST
                or lowers[-1] in _PLACE_LAST or facility) and "organisation" not in cues:
            cues["place"] = cues.get("place", 0) + 1
        if named_place and "organisation" not in cues:
            cues["named place"] = 1  # "Mt Albert", "Via Espana": a place's, not a person's

    def _merge(self, occurrences: list[tuple[str, int, int, bool, dict[str, int]]],
               acronyms: dict[str, str]) -> None:
        """Occurrences grouped into entities: short forms join the long name they shorten."""
        def key_of(name: str) -> str:
            words = [w for w in re.findall(r"[\w&'’-]+", _WEB_DOMAIN.sub("", name.casefold()))
                     if w not in _LEGAL_SUFFIXES and len(w) > 1]
            if (initials := _MIDDLE_INITIALS.fullmatch(name)) is not None and len(words) == 2:
                # "George H.W. Bush" is not "George W. Bush": the initials stay, as one word
                words.insert(1, re.sub(r"\W", "", initials.group(1)).casefold())
            if words and words[0] == "the":
                words = words[1:]
            # "the Department of the Treasury" is the "Department of Treasury", and the "State
            # Department" the "Department of State"
            words = [w for n, w in enumerate(words) if w != "the" or not n or words[n - 1] != "of"]
            # ("New People's Party" is the "New People Party")
            words = [w[:-2] if w.endswith(("'s", "’s")) and len(w) > 3 else w for w in words]
            country = state_words_before(words)  # (kept first: "US State Department")
            if len(words) - country >= 2 and words[-1] in _INVERTED_BODIES and "of" not in words:
                words = [*words[:country], words[-1], "of", *words[country:-1]]
            return " ".join(words) or name.casefold()

        longest: dict[str, str] = {}
        cue_totals: dict[str, dict[str, int]] = {}
        counts: dict[str, int] = {}
        first_named: dict[str, int] = {}  # where each is first named
        for name, start, _end, _evidence, cues in occurrences:
            key = key_of(name)
            counts[key] = counts.get(key, 0) + 1
            first_named[key] = min(first_named.get(key, start), start)
            if len(name) > len(longest.get(key, "")):
                longest[key] = name
            totals = cue_totals.setdefault(key, {})
            for cue, count in cues.items():
                totals[cue] = totals.get(cue, 0) + count
        persons = [k for k in longest if " " in k and cue_totals[k].get("person")]
        multi = [k for k in longest if " " in k]
        shorter = _ShortForms(persons, multi, state_words_before)
        targets: dict[str, str] = {}

        def target(key: str) -> str:
            if key not in targets:
                targets[key] = _target(key)
            return targets[key]

        def _target(key: str) -> str:
            if key.casefold() in self.known_forms:
                return "known:" + key
            if key.upper() in acronyms:
                return key_of(acronyms[key.upper()])
            words = key.split()
            heads = shorter.heads(key)
            if len(words) == 1:
                people = shorter.people.get(key, [])
                if len(people) == 1 and len(heads) == 1 and (
                        first_named[heads[0]] < first_named[key] < first_named[people[0]]):
                    # "Shaw Communications Inc. … Shaw's board … Shaw CEO Brad Shaw": the
                    # company named before it, not the person named after
                    return heads[0]
                if len(people) == 1:
                    return people[0]
                if len(people) > 1:
                    # "Jimmy Carter … Chip Carter, the former president's son … Carter was the
                    # longest-lived president": the one the story opens with
                    first = min(people, key=first_named.__getitem__)
                    if first_named[first] < min(len(self.text) // 4, first_named[key]):
                        return first
                holders = list(dict.fromkeys(  # (one of "Emmerson [Dambudzo] Mnangagwa")
                    target(h) for h in shorter.holders(key) if not is_publication(longest[h])))
                if len(holders) == 1 and (counts[key] <= 2 * counts[holders[0]] or (
                        first_named[holders[0]] < first_named[key]
                        and (not is_english_word(key) or longest[key] in _given_names())
                        and (not is_place_name(longest[key])
                             or _last_of_a_short_name(key, holders[0])))):
                    # "Dortmund", "City": "Borussia Dortmund", "Manchester City"; but "Tibet" is
                    # not the "Tibet Autonomous Region Earthquake Bureau" (a name that is no
                    # word or place, "Mikhailov", and that the holder comes before, is its
                    # holder's however often it is used; "NASA" before "NASA Lunar Science
                    # Institute" is not)
                    return holders[0]
                inside = list(dict.fromkeys(target(h) for h in shorter.inside.get(key, [])))
                if not holders and len(inside) == 1 and not is_english_word(key):
                    return inside[0]  # "Lula": "Luiz Inacio Lula da Silva", his own name
            # "Huawei" and "Nordic Paper" are short for "Huawei Technologies", "Nordic Paper
            # Group" (organisation words after it) when nothing else starts so.
            if len(heads) == 1 and not is_publication(longest[heads[0]]):
                return heads[0]  # (but "NASA" is not "NASA TV")
            # "Sanchez Ceren" is "Salvador Sanchez Ceren", a person of more names
            named = shorter.person_tails.get(key, []) if len(words) > 1 else []
            if len(named) == 1:
                return named[0]
            # "Badrul Hisham" is the "Badrul Hisham Shaharin" named before, a person's names
            # without the last
            named = shorter.person_heads.get(key, []) if len(words) > 1 else []
            if len(named) == 1 and first_named[named[0]] < first_named[key]:
                return named[0]
            # "John Kennedy" is the "John F. Kennedy" of the article (not when there are two:
            # "George Bush" beside "George H.W. Bush" and "George W. Bush")
            initialled = shorter.initialled.get((words[0], words[1]), []) \
                if len(words) == 2 else []
            if len(initialled) == 1:
                return initialled[0]
            # "Emmerson Mnangagwa" is the "Emmerson Dambudzo Mnangagwa" of the article
            middled = shorter.middled.get((words[0], words[1]), []) if len(words) == 2 else []
            if len(middled) == 1 and not any(is_english_word(w) for w in words):
                return middled[0]
            # "Raja Pervaiz Ashraf" is the "Raja Parvez Ashraf" named before: a spelling of the
            # same names between the same first and last
            spelled = [other for other in shorter.framed(key)
                       if other != key and first_named[other] < first_named[key]]
            if len(spelled) == 1:
                return spelled[0]
            # "the Federal Reserve" is the "United States Federal Reserve" of the article
            stated = shorter.stated.get(key, []) if len(words) > 1 else []
            if len(stated) == 1:
                return stated[0]
            # "the Supreme Court" is the "Supreme Court of Brazil" named before it (and the
            # "Tunisian Monitoring Group" the "Tunisia Monitoring Group of the …")
            core = " ".join(words[state_words_before(words):])
            cores = [name for name in shorter.cores.get(core, []) if name != key
                     and first_named[name] < first_named[key]] if " " in core else []
            if len(cores) == 1 and words[-1] in _ORG_WORDS:
                return cores[0]
            # "the Founders Share Company" is the "Reuters Founders Share Company"
            tails = shorter.tails.get(key, []) if len(words) > 1 else []
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
            entity = self.entities.get(NEW + key) or _Entity(
                NEW + key, _without_suffix(longest[key]), "other", None,
                tokens=len(longest[key].split()))
            self.entities[entity.key] = entity
            entity.evidence = entity.evidence or evidence
            for cue, count in cues.items():
                entity.cues[cue] = entity.cues.get(cue, 0) + count
            self._add(entity, start, end)
        plurals: dict[str, str] = {}  # a plural's key, and its singular's it joins
        for key, entity in list(self.entities.items()):
            if not key.startswith(NEW):
                continue
            singular = next((self.entities[k] for k in (key[:-1], key[:-2])
                             if entity.tokens == 1 and key.endswith("s") and k in self.entities),
                            None)
            if singular is not None and entity.evidence and not any(
                    _A_COUNT_BEFORE.search(self.text, max(0, start - 12), start)
                    for start, _end in entity.mentions):
                # "the Houthi rebels … The Houthis seized the city": the same party
                singular.mentions += entity.mentions
                singular.forms.update(entity.forms)
                plurals[key] = singular.key
                del self.entities[key]
                continue
            if not entity.evidence or singular is not None:
                del self.entities[key]  # ("20 Airbuses", "Dreamliners": the maker's products)
                continue
            if entity.tokens > 1 and entity.name.split()[-1] in entity.forms \
                    and not entity.cues.get("place"):
                # "Novak Djokovic" … "Djokovic": a person goes by the last word of the name
                entity.cues["person"] = entity.cues.get("person", 0) + 1
            elif entity.tokens > 1 and (first := entity.name.split()[0]) in entity.forms \
                    and not is_english_word(first) and not entity.cues.get("person"):
                # a company by its first: "Northrop Grumman" … "Northrop" (not "Orchid Island" …
                # "Orchid": an ordinary word; nor "Prime Minister Muhyiddin Yassin" …
                # "Muhyiddin": a person called by his given name)
                entity.cues["organisation"] = entity.cues.get("organisation", 0) + 1
            entity.kind = _kind(entity)
            if entity.kind == "person" and entity.tokens > 1 \
                    and entity.name.split()[0].casefold() in _demonyms():
                entity.kind = "organisation"  # "Zambian Watchdog": no one's given name
            if entity.kind == "other":  # no cue says what it is: the name tagger may
                tagged = self._tagged_kind(entity)
                entity.unnamed = tagged is None  # "Global Challenge Robot": no name at all?
                # (one kept for what it does is a body: "Human Rights Watch said")
                entity.kind = tagged or "organisation"
            elif entity.kind in ("person", "organisation") and entity.cues.get("person") \
                    and entity.cues.get("organisation") \
                    and entity.name.split()[-1].lower() not in _ORG_WORDS | _CLUB_LAST:
                # (a body's or a club's word ends it: "Douglas Aircraft", "Orlando Pirates" are
                # no persons)
                # cues both ways ("the general counsel of the company, Mark Chandler,"): the
                # name tagger decides
                entity.kind = self._tagged_kind(entity) or entity.kind
            if entity.kind == "person" and "&" in entity.name:
                entity.kind = "organisation"  # "Johnson & Johnson": no person's name
            if entity.kind == "place":
                del self.entities[key]  # "in Mostar", "the island of La Palma": a place
        self.mentions = [_Mention(m.start, m.end, plurals.get(m.entity, m.entity))
                         for m in self.mentions
                         if plurals.get(m.entity, m.entity) in self.entities]

    def _tagged_kind(self, entity: _Entity) -> str | None:
        """What the name tagger reads a name the rules cannot place as, by most of its words in
        its first mentions: a person's or an organisation's (a place's too: see _TAGGED_KINDS);
        None when most are no name's words at all ("Global Challenge Robot", "Better Idea")."""
        if self.names_tagged == _NAMES_TAGGED:
            return entity.kind  # (an article of thousands of such names: a list, no news)
        self.names_tagged += 1
        tags: list[str] = []
        for start, end in entity.mentions[:_MENTIONS_TAGGED]:
            index = bisect_right(self.sentence_starts, start) - 1
            tokens = self.tokens[index]
            if index not in self.token_starts:
                self.token_starts[index] = [t.start for t in tokens]
            first = last = bisect_left(self.token_starts[index], start)
            while last < len(tokens) and tokens[last].end <= end:
                last += 1
            tags += name_tagger().tag_span(self.text, tokens, first, last)
        named = [t for t in tags if t != "O"]
        if len(named) * 2 < len(tags):
            return None
        if not named:
            return entity.kind
        return _TAGGED_KINDS[max(_TAGGED_KINDS, key=named.count)]

    def find_teams(self) -> None:
        """Countries that play: "Sweden beat South Korea 1-0" names national teams, where
        most of a country's sentences are about a match, or a quarter of the article's. A team
        named in a match plays in it, as a party, whichever side of the verb it stands."""
        countries = [e for e in self.entities.values()
                     if e.key.startswith(GAZETTEER) and e.kind == "government"]
        if not countries:
            return
        spans = [self.text[s.start:s.end] for s in self.sentences]
        sporting = sum(map(_about_sport, spans)) * 4 > len(spans)
        for entity in countries:
            sentences = {bisect_right(self.sentence_starts, start) - 1
                         for start, _ in entity.mentions}
            playing = sum(1 for i in sentences if _about_sport(spans[i]))
            if sporting or playing * 2 > len(sentences):
                entity.kind = "organisation"
                if playing:
                    entity.cues["acts"] = 1  # a team plays in a match: "beat Germany 3-2"

    def find_forces(self) -> None:
        """The police and security forces of the story's country, written in lowercase, where
        they do something: "The police confiscated …", "police launched a fresh attack"; the
        one force a country's possessive named ("Zimbabwe's police fired … police said")."""
        owners: dict[str, list[_Entity]] = {}  # by body, once: not all entities for each mention
        for key, entity in self.entities.items():
            if key.startswith(NEW) and " of " in key:
                owners.setdefault(key[len(NEW):].split(" of ", 1)[0], []).append(entity)
        for found in _FORCES.finditer(self.text):
            start, end = found.span("name")
            if self._is_claimed(end - 1, end) or not self._does_next(found.end()):
                continue  # ("Chinese police" is China's; "Security" alone may be a town)
            before = _WORD_BEFORE.search(self.text, max(0, found.start() - 30), found.start())
            if before and before[1][:1].isupper() and before[1].lower() not in _FUNCTION_WORDS:
                continue  # "Lagos police": a force of its own name
            body = found["name"].lower()
            owned = owners.get(body, [])
            if len(owned) == 1:
                entity = owned[0]
            else:
                entity = self._entity(f"{NEW}{body}", body, "government", None)
                entity.cues["government"] = 1
            self._add(entity, start, end)

    def run(self) -> None:
        self.find_known()
        self.find_lowercase_bodies()
        self.find_gazetteer()
        self.find_names()
        self.find_forces()
        self.find_teams()
        self.mentions.sort(key=lambda m: m.start)


def _of_before_last(words: list[_Token]) -> bool:
    """Whether a name's last word is what it is of: "Department of State", "University of
    the Philippines", "Ministry of National Defence" (two words after "of" at most)."""
    return words[-2].text == "of" or (
        len(words) > 3 and words[-3].text == "of" and words[-2].text != "and") or (
        len(words) > 3 and words[-2].text == "the" and words[-3].text == "of") or (
        len(words) > 4 and words[-4].text == "of" and words[-1].text == "States")
    # ("Economic Community of West African States")


# Who speaks for a body, after its name: "Airbus spokesman Stefan Schaffrath"
# What only a party does, right after its name (not "Analysts said": a plural).
_AGENT_AFTER = re.compile(r"\s+(?:(?:has|have|had)\s+)?(?:today\s+|on\s+\w+day\s+)?(?:said|says"
                          r"|announced|announces|agreed|signed|sued|acquired|bought|won|beat"
                          r"|defeated|edged|thrashed|completed|confirmed|appointed"
                          r"|unveiled|reported)\b")
_SPEAKER_AFTER = re.compile(
    r"\s+(?:" + "|".join(sorted(map(re.escape, _TITLE_WORDS))) + r")\s+[A-Z]")
_CAPITAL_VERB = (r"(?:\s+on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?"
                 # (a day may come between: "Beijing on Monday accused")
                 r"\s+" + ADVERB_BEFORE_VERB
                 + r"(?:has|have|had|is|was|are|were|will|would|could|can|may|might|should"
                 r"|must|also|still|now|then|says|said|\w+ed|" + IRREGULAR_PAST + r")\b")
# (or a list of them before one: "Brussels and Beijing disagreed")
_CAPITAL_ACTS = re.compile(r"['’]s?\s+[a-z]|" + _CAPITAL_VERB
                           + r"|\s+(?:and|or)\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?" + _CAPITAL_VERB)
# What one state does to another, before a capital that stands for it: "accused Washington".
_CAPITAL_DONE_TO = re.compile(r"\b(?:accus|urg|warn|condemn|critici[sz]|sanction|pressur|blam"
                              r"|thank|congratulat|prais|denounc)\w*\s+$")
_KIND_AFTER = re.compile(r"[ \t]+(?:" + "|".join(sorted(map(re.escape, _ORG_CUES))) + r")\b")
_NAME_GOES_ON = re.compile(r"[ \t]+(?:(?:of|for)[ \t]+(?:the[ \t]+)?)?([A-Z][\w'’-]*)")
_POSTS = frozenset("Embassy Consulate Mission".split())  # named for where they are
_POST_IN_BEFORE = re.compile(r"\b(?:" + "|".join(_POSTS) + r")\s+in\s+$")
_DAY_NUMBER = re.compile(r"\s*\d")
_CURRENCY_AFTER = re.compile(r"\s+(?:dollars?|cents?|pounds?|francs?|pesos?|rupees?)\b"
                             r"|\$")  # ("US$10bil": the currency)
_TICKER = re.compile(r"\((?:NYSE|NASDAQ|Nasdaq|AMEX|LSE|TSX|ASX|HKEX|SGX|OTC|TSE)"
                     r"(?:\s+American)?\s*:\s*[A-Z][A-Z.\d]{0,6}\)")
# A company's stock tickers after its legal suffix: "Mitsubishi Corp. (MBC.L, MSBHY.PK)",
# "Mitsubishi Heavy Industries Ltd. (7011)", "Apple Inc. (AAPL)".
_TICKER_AFTER_SUFFIX = re.compile(
    r"\b(?:Inc|Corp|Co|Ltd|Limited|LLC|plc|PLC|AG|SA|NV|SE|Bhd|Tbk)\.?\s*(?P<ticker>\((?:[A-Z]{1,6}"
    r"(?:\.[A-Z]{1,2})?|\d{4,6})(?:,\s*(?:[A-Z]{1,6}(?:\.[A-Z]{1,2})?|\d{4,6}))*\))")
_ACRONYM_PAIR = re.compile(r"[A-Z]{2,5}-[A-Z]{1,5}")  # "ZANU-PF"
# "Falcon 9", "Ariane 5" (not a maker's airliner, "Boeing 787 jets": three digits or more)
_MODEL_NUMBER_AFTER = re.compile(r"\s+(?!\d{3})\d[\w-]*")
_OWNED_BEFORE = re.compile(r"['’]s\s+(?:new\s+|first\s+|latest\s+)?$")  # "NASA's new"
_MIDDLE_INITIALS = re.compile(r"[A-Z][\w'’-]+\s+((?:[A-Z]\.\s*)+)[A-Z][\w'’-]+")
_INVERTED_BODIES = frozenset({"department", "ministry"})  # "State Department": "… of State"
# Capitalised words in a list of three or more: "Architectural, Surveying, Planning and Landscape"
# (twelve at most: a search from each word of a long list to its end was quadratic)
_TITLE_CASE_LIST = re.compile(r"\b[A-Z][a-z]+(?:, [A-Z][a-z]+){1,12},? (?:and|or) [A-Z][a-z]+\b")
_PORTFOLIOS_BEFORE = re.compile(r"([A-Z]\w*)\s+(?:for|of)\s+(?:the\s+)?$")


def _a_word(word: str) -> bool:
    """Whether a capitalised word is an ordinary English word, or one's -ing form
    ("Planning", "Surveying")."""
    if is_english_word(word):
        return True
    stem = word[:-3]
    return word.endswith("ing") and any(
        is_english_word(w) for w in (stem, stem + "e", stem[:-1]) if len(w) > 2)


_ACRONYM_BEFORE = re.compile(r"\b[A-Z]{2,8}(?:\s+[a-z]+){0,2}\s*[(\[]$")  # "IBGE data ("
_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")  # initials: "U.S.", "U.K."
_BODY_NOUNS = frozenset("organisation organization commission agency bank authority council "
                        "committee union party company corporation association institute fund "
                        "board bureau office service".split())
_TERM_ACRONYM = re.compile(r"(?P<words>(?:\b[a-z][\w-]*\s+){1,8})\((?P<letters>[A-Z]{2,6})\)")
_PARTY_AFTER = re.compile(r"\s+party\b")
_WORD_BEFORE = re.compile(r"(\w[\w'’-]*)\s+$")
_STATE_FORMS = frozenset("Republic Kingdom Federation Commonwealth Principality Sultanate "
                         "Emirate".split())
# A name and "of" before a country: "Fincantieri of (Italy)" (with the words of the name
# before it: "National Union of Metalworkers of (South Africa)" is one name).
# A court in lowercase after its seat's name: "the Madras high court", "a Lahore
# anti-terrorism court" (no possessive is a seat's name: "Pakistan's supreme court" is the
# state's).
_COURT_IN_LOWERCASE = re.compile(
    r"(?<![\w'’.])(?!(?:The|A|An|In|On|At|By)\s)((?:[A-Z][\w-]*[ \t]+){1,3})(?:high|supreme"
    r"|district|sessions|appeals?|appellate|magistrates?|constitutional|anti-terrorism"
    r"|anti-terror|accountability|special|family|military)\s+court\b")
_LOCAL_GOVERNMENT = re.compile(  # ("the Borno state government")
    r"(?<![\w'’.])(?!(?:The|A|An|In|On|At|By)\s)((?:[A-Z][\w'’-]*[ \t]+){1,2})"
    r"(?:state|provincial|regional|county|municipal)[ \t]+government\b")
_CARTEL = re.compile(r"(?<![\w'’.])(?!(?:The|A|An|In|On|At|By)\s)((?:[A-Z][\w-]*[ \t]+){1,2})"
                     r"cartel\b")  # "the Gulf cartel", "a Sinaloa cartel leader"
# A town at a paragraph's start, then a comma or a colon and the story: "SEOUL, The …",
# "Chennai: The Madras High Court …" (a dateline, when the town is known).
_TOWN_DATELINE = re.compile(r"^[ \t]*([A-Z][\w'’.-]+(?:[ \t][A-Z][\w'’.-]+){0,2})[,:]"
                            r"(?=[ \t]+[A-Z])", re.MULTILINE)
_NAME_OF_BEFORE = re.compile(r"(?:\b(?:[A-Z][\w'’-]*|of|for|and|the)\s+)*?\b[A-Z][\w'’-]*"
                             r"\s+of\s+$")
_STATE_FORM_BEFORE = re.compile(
    r"\b((?:(?:Federal|Democratic|Islamic|People['’]s|Socialist|Arab|United)\s+)*"
    r"(?:" + "|".join(sorted(_STATE_FORMS | {"State"})) + r"))\s+of\s+(?:the\s+)?$")
_FORCES = re.compile(
    r"(?<![\w-])(?:riot\s+)?(?P<name>[Pp]olice|[Ss]ecurity\s+forces)(?:\s+officers)?\b")


def _last_of_a_short_name(key: str, holder: str) -> bool:
    """Whether a name is the last of two or three words, as a surname is ("Farah" of "Mo
    Farah", though Farah is a town too; not "Tibet" of the "Tibet Autonomous Region …")."""
    words = holder.split()
    return 2 <= len(words) <= 3 and words[-1] == key


_HELD_BY_BEFORE = re.compile(r"\b(?:his|her|their|its|my|our|your)\s+$", re.IGNORECASE)
_TITLE_ASIDE_AFTER = re.compile(r",\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){0,3}([A-Z][a-z-]+)\b")
_NICKNAME = re.compile(r" [“\"][A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}[”\"] (?=[A-Z][a-z])")
# A title that governs a place, after the place: "Maguindanao governor Juan Cruz".
_GOVERNED_BY_AFTER = re.compile(r"\s+(?:deputy\s+|vice\s+|lieutenant\s+)?(?:governor|mayor"
                                r"|premier|chief\s+minister)\s+[A-Z]")
# A prize named for what its winner was best in: "Man of the Match", "Player of the Year".
_AWARD_AFTER = re.compile(r" of the (?:Match|Series|Year|Month|Tournament|Season|Game|Race)\b")
_AWARD_BEFORE = re.compile(r"\b[A-Z][a-z]+ of the $")
# The last word of a company's name that no state body's ends with.
_COMPANY_LAST = frozenset({"estates", "holdings", "group"})
# A body's word that a state duty before it makes the state's ("Election Commission"; not
# the "Tax Foundation", a think tank).
_DUTY_BODIES = frozenset("commission board authority office bureau agency directorate".split())
# A document's first word, capitalised, and "of" before a name: "Memorandum of [Understanding]".
_DOCUMENT_OF_BEFORE = re.compile(r"\b([A-Z][a-z]+) of (?:the )?$")
_OF_A_DOCUMENT_AFTER = re.compile(r" (?:of|on|for) (?:the )?(?:[A-Z][\w-]*\s+){0,4}([A-Z][a-z]+)\b")
# What a company has that a number counts, after its name: "600 Ryanair flights", "1,800 WestJet
# pilots" (no model numbers).
_ITS_COUNTED_AFTER = re.compile(r"\s+(?:flights|pilots|workers|employees|staff|passengers"
                                r"|customers|stores|shops|branches|jobs|shares|subscribers|users"
                                r"|drivers|members)\b")
_HAVE_AFTER = re.compile(r"\s+(?:has|have|had)\s+(\w+)")
# Names of words that alone would name nothing: a faith's adjective and a title.
_PLAIN_WORDS_NAMES = frozenset({("Islamic", "State")})
# A name's acronym in brackets after it, maybe after its possessive: "the United National
# Transport Union's (Untu) acceptance".
_BRACKETED_ACRONYM = re.compile(r"(?:['’]s)?\s*\(([A-Z][A-Za-z&.]{1,9})\)")
_TITLE_NEXT = re.compile(r"\s+(?:Minister|Secretary|Commissioner|Minister's|Secretary's)\b")
# What a body's member is, then the member: "Sevilla midfielder Antonio Puerta", "Acme
# spokesman John Smith".
_MEMBER_AFTER = re.compile(
    r"\s+(?:spokes(?:man|woman|person)|chair(?:man|woman)?|president|director|ceo|cfo|coach"
    r"|manager|striker|midfielder|defender|goalkeeper|winger|playmaker|player|captain|founder"
    r"|official)\s+[A-Z][a-z]")  # (not what one is alone: "Online activist Anita Hunt")
_WHEN_AFTER = re.compile(r"\s+(?:today|yesterday|now|also|recently|(?:on\s+)?(?:Monday|Tuesday"
                         r"|Wednesday|Thursday|Friday|Saturday|Sunday))(?=\s)")
# A paragraph that opens with the medium that tells it and a dash.
_SOURCE_DASH = re.compile(r"^[ \t]*(?P<source>[A-Z][\w&'’.]*(?:[ \t]+[A-Z][\w&'’.]*){0,3})"
                          r"[ \t]+[–—-]{1,2}[ \t]+", re.MULTILINE)
_WORD_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z](?:[A-Z]{1,7}|[a-z]{2,7}))\)")  # "(FDA)", "(Satawu)"
_SPEAKS_AFTER = re.compile(r"\s+(?:said|says|told|added|explained|recalled|insisted)\b")
_WHEN_BEFORE = re.compile(r"\b(?:on|last|next|this|by|until|since|from|every|each|of|early|late"
                          r"|before|after|during)\s+$", re.IGNORECASE)
_OR_BETWEEN = re.compile(r"\.?,\s+or\s+")  # (after a suffix's period too: "Co., or JR Tokai")
# A medicine's name: what it is after it, or what it is approved for.
_MEDICINE_AFTER = re.compile(r"(?:,\s+|\s+as\s+|\s+(?:is|was)\s+)(?:the|a|an|its)\s+"
                             r"(?:[\w-]+\s+){0,2}?(?:drug|vaccine|medicine"
                             r"|treatment|pill|jab|therapy|antibody|antiviral)\b"
                             r"(?![\s-]*(?:makers?|compan(?:y|ies)|firms?|developers?"
                             r"|manufacturers?|giants?|groups?|producers?)\b)")
_APPROVED_BEFORE = re.compile(r"\b(?:approved|approves|approve|authori[sz]ed|cleared|licensed)"
                              r"\s+$")
_FOR_PATIENTS_AFTER = re.compile(r"\s+(?:for|to\s+treat)\s+(?:use\b|the\s+treatment\b"
                                 r"|treating\b|patients\b|adults\b|children\b|people\b"
                                 r"|(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:disease|disorder|condition"
                                 r"|cancer|infection|syndrome)\b)")
_CAPITALISED_WORD_BEFORE = re.compile(r"([A-Z][a-z]+)[ \t]$")
_REGION_GOVERNMENT = re.compile(r"\s+government\b")
_ALSO_KNOWN_AS = re.compile(r",?\s*(?:also|better|popularly|widely)?\s*known\s+as\s+"
                            r"|,?\s*a\.?k\.?a\.?\s+|,?\s*nicknamed\s+"
                            r"|\s+alias\s+")  # ("Ibrahim Khalil alias Kosai Khalil")


def _names_the_office(words: list[_Token], title: str) -> bool:
    """Whether the words before a title name the office, not a body: plain words before an
    officer's ("Station House Officer", "District Police Officer"), or a jurisdiction ("Toronto
    City Councillor", "Taoyuan County Legislator")."""
    if not words:
        return False
    if words[-1].text.lower() in _JURISDICTIONS:
        return True
    return title.lower() in ("officer", "officers") and all(
        is_english_word(w.text.lower()) for w in words)



def _a_companys_arm(words: list[_Token]) -> bool:
    """Whether two words are a company and a country it works in: "MTN Nigeria", "Unilever
    Philippines" (not "Acme Philippines": the first word is one of the language's; not "Alevi
    Kurdish")."""
    forms = _gazetteer()[0]
    return len(words) == 2 and words[1].text in forms and forms[words[1].text][1] != "demonym" \
        and not is_english_word(words[0].text.lower()) and words[0].text not in _given_names()


def _opening_participle(word: str) -> bool:
    """Whether a capitalised word is a verb's "-ing" form, which may open a sentence before a
    name ("Accusing Microsoft of …"): "Accus" + "e" is a verb; "Boeing", "Sterling" and the town
    of Reading are names."""
    lower = word.lower()
    if len(lower) < 6 or not lower.endswith("ing") or is_place_name(word):
        return False
    stem = lower[:-3]
    return is_english_word(stem) or is_english_word(stem + "e") or (
        len(stem) > 2 and stem[-1] == stem[-2] and is_english_word(stem[:-1]))  # "Dropping"


def _kind(entity: _Entity) -> str:
    cues = entity.cues
    if cues.get("government"):
        return "government"
    if cues.get("group"):
        return "group"
    if cues.get("named place") and not cues.get("organisation"):
        return "place"
    if cues.get("person", 0) > cues.get("organisation", 0):
        return "person"
    if cues.get("organisation"):
        return "organisation"
    if cues.get("place"):
        return "place"
    return "organisation" if entity.tokens == 1 else "other"
