"""One identity rule for names: two names are the same party's when they are equal but for
case and spacing ("Samsung  electronics" is "Samsung Electronics")."""

from __future__ import annotations


def name_key(name: str) -> str:
    """What names that are the same party's have in common."""
    return " ".join(name.split()).casefold()


def same_name(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)
