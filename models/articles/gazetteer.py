"""Countries, their other names, capitals and demonyms, cities and given names
(resources/article/), loaded on first use."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from models.articles.name_patterns import one_of
from models.paths import resource_path


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
    """given_names.txt (written for Chronolens) and census_given_names.txt (the 1990 US
    Census's)."""
    names: set[str] = set()
    for file in ("given_names.txt", "census_given_names.txt"):
        text = resource_path("article", file).read_text(encoding="utf-8")
        names.update(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))
    return frozenset(names)


@cache
def _surnames() -> frozenset[str]:
    """census_surnames.txt: the 1990 US Census's commonest surnames that are no English words
    or places."""
    text = resource_path("article", "census_surnames.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


@cache
def _cities() -> re.Pattern[str]:
    """Known cities that are not capitals (resources/article/cities.txt): places, never
    parties by themselves."""
    text = resource_path("article", "cities.txt").read_text(encoding="utf-8")
    names = {spelled for line in text.splitlines() if line.strip() and not line.startswith("#")
             for spelled in either_apostrophe(line.strip())}
    return re.compile(r"(?<![\w-])" + one_of(names) + r"(?![\w])")


@cache
def _bodies() -> re.Pattern[str]:
    """Organisations named by ordinary words (resources/article/bodies.txt): "Save the
    Children", "Friends of the Earth"."""
    text = resource_path("article", "bodies.txt").read_text(encoding="utf-8")
    names = {line.strip() for line in text.splitlines()
             if line.strip() and not line.startswith("#")}
    return re.compile(r"(?<![\w-])" + one_of(names) + r"(?![\w-])")


@cache
def _regions() -> re.Pattern[str]:
    """States, provinces and regions inside countries (resources/article/regions.txt): places,
    unless a sentence has one act by itself."""
    text = resource_path("article", "regions.txt").read_text(encoding="utf-8")
    names = {spelled for line in text.splitlines() if line.strip() and not line.startswith("#")
             for spelled in either_apostrophe(line.strip())}
    return re.compile(r"(?<![\w-])" + one_of(names) + r"(?![\w])")


def either_apostrophe(name: str) -> tuple[str, ...]:
    """The name as written with a straight or a curly apostrophe ("People’s Republic of
    China" had been read as "Republic of China", Taiwan)."""
    return (name, name.replace("'", "’")) if "'" in name else (name,)


@cache
def _demonyms() -> frozenset[str]:
    return frozenset(d.casefold() for c in _countries() for d in c.demonyms)


@cache
def _gazetteer() -> tuple[dict[str, tuple[_Country, str]], re.Pattern[str]]:
    forms: dict[str, tuple[_Country, str]] = {}
    for country in _countries():
        for role, names in (("name", (country.name,)), ("alias", country.aliases),
                            ("capital", country.capitals), ("demonym", country.demonyms)):
            for name in (spelled for n in names for spelled in either_apostrophe(n)):
                forms.setdefault(name, (country, role))
                if role in ("name", "alias") and len(name) > 3:
                    forms.setdefault(name.upper(), (country, role))  # "CHINA'S Zijin Mining"
    return forms, re.compile(r"(?<![\w])" + one_of(forms) + r"(?![\w])")


@cache
def _state_forms() -> frozenset[str]:
    """A country's name, other names and demonyms, casefolded: what may open the name of one
    of its bodies ("United States Federal Reserve", "U.S. Department of State")."""
    return frozenset(form.casefold() for form, (country, role) in _gazetteer()[0].items()
                     if role != "capital" and country.kind == "government")


def state_words_before(words: list[str]) -> int:
    """How many of a name's first words (casefolded) name a country: 2 for "united states
    federal reserve", 0 for "federal reserve"."""
    forms = _state_forms()
    return next((n for n in (3, 2, 1) if len(words) > n and " ".join(words[:n]) in forms), 0)


@cache
def _publications() -> frozenset[str]:
    """News media (resources/article/publications.txt), casefolded, without "The"."""
    text = resource_path("article", "publications.txt").read_text(encoding="utf-8")
    return frozenset(publication_key(line) for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def publication_key(name: str) -> str:
    """A name as the list of publications is looked up: casefolded, without a leading "The"."""
    words = name.casefold().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def is_publication(name: str) -> bool:
    """A news medium: one of the list, or a name that says it is one ("Saudi Gazette", "the
    Jakarta Post", "Automotive News", "Saudi Press Agency"; "Al Jazeera English" is listed as
    "Al Jazeera")."""
    key = publication_key(name)
    words = key.split()
    return key in _publications() or (len(words) > 1 and words[-1] in _MEDIUM_WORDS) or (
        len(words) > 2 and words[-2] in ("news", "press") and words[-1] == "agency") or (
        len(words) > 1 and words[-1] == "english" and " ".join(words[:-1]) in _publications())


# The last word of a news medium's name.
_MEDIUM_WORDS = frozenset("gazette times post journal herald tribune chronicle telegraph "
                          "observer newspaper magazine news tv".split())  # ("NASA TV")
