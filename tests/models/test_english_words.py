"""The dictionary of ordinary English words the article reader asks (issue 16)."""

from __future__ import annotations

from functools import cache

from hypothesis import given
from hypothesis import strategies as st

from models.articles.words import _sorted_lines, is_english_word, is_place_name


@cache
def words() -> frozenset[str]:
    lines = _sorted_lines("english_words.txt.gz").split("\n")
    return frozenset(w for w in lines if w and not w.startswith("#"))


def test_the_bisection_finds_words_and_only_words() -> None:
    listed = sorted(words())
    assert len(listed) > 200_000
    # Every 20th word, the first and the last (all of them took 4 s).
    sample = [*listed[::20], listed[0], listed[-1]]
    assert all(is_english_word(w) for w in sample)
    assert not any(is_english_word(w + "qx") for w in sample)


def test_words_and_names() -> None:
    assert all(map(is_english_word, ["growth", "Summit", "AURA", "a", "Protesters",
                                     "Authorities"]))
    assert not any(map(is_english_word, ["Boeing", "Flamengo", "AerCap", "", "co-op", "x1",
                                         "Mendes", "Reyes"]))


def singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") else word


@given(st.text(max_size=12) | st.sampled_from(sorted(words())[::997]).map(lambda w: w + "s"))
def test_any_text_is_asked_like_a_set(text: str) -> None:
    lower = text.lower()
    plural = len(lower) > 3 and singular(lower) in words()
    assert is_english_word(text) == (lower.isalpha() and (lower in words() or plural))


def test_place_names_as_geonames_writes_them() -> None:
    lines = _sorted_lines("places.txt.gz").split("\n")
    assert len(lines) > 30_000 and lines == sorted(lines)
    assert all(is_place_name(p) for p in [*lines[::50], lines[0], lines[-1]])
    assert all(map(is_place_name, ["Reynosa", "Barranquilla", "Bogotá", "Bogota", "Fukushima",
                                   "New York City"]))
    assert not any(map(is_place_name, ["reynosa", "Boeing", "Ericsson", "Huawei", ""]))


def test_the_surnames_are_no_english_words_places_nor_countries() -> None:
    from models.articles.gazetteer import _gazetteer, _surnames
    forms = _gazetteer()[0]
    assert len(_surnames()) > 15_000
    assert not [n for n in _surnames() if is_english_word(n) or is_place_name(n) or n in forms]
