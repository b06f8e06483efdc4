"""The review rules without a window (models/articles/review.py): unique names, 'Name (role)'
lists of the parties kept, dates and titles."""

from __future__ import annotations

import pytest

from models.articles.review import (
    PartyList,
    date_problem,
    kind_problem,
    match_problem,
    title_problem,
)
from models.dates import parse_edtf
from models.proposals import ProposedEvent, ProposedParty

PARTIES = [ProposedParty("p1", "Huawei", "organisation"),
           ProposedParty("p2", "Ericsson", "organisation"),
           ProposedParty("p3", "Alphabet (Google)", "organisation"),
           ProposedParty("p4", "ESPOO", "organisation")]


def rules(kept: set[str] | None = None) -> PartyList:
    return PartyList(lambda: PARTIES, lambda p: p.name,
                     lambda: kept if kept is not None else {"p1", "p2", "p3"})


def test_parties_are_written_name_and_role_and_read_back() -> None:
    list_ = rules()
    pairs = list_.parse_parties("Huawei (signatory); ericsson;  Alphabet (Google) (owner)")
    assert pairs == (("p1", "signatory"), ("p2", ""), ("p3", "owner"))
    event = ProposedEvent("e1", "x", parse_edtf("2023"), (0, 1), "", parties=pairs)
    assert list_.parties_text(event, {p.id: p.name for p in PARTIES}.__getitem__) == \
        "Huawei (signatory); Ericsson; Alphabet (Google) (owner)"


@pytest.mark.parametrize(("text", "message"), [
    ("Nokia (buyer)", "No party called 'Nokia' in the parties list"),
    ("ESPOO", "'ESPOO' is left out: check it in the parties list first"),
])
def test_parties_not_in_the_list_are_named(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        rules().parse_parties(text)


def test_names_must_be_unique_and_not_empty() -> None:
    assert rules().name_problem("  ", "p1") == "A party needs a name."
    assert rules().name_problem("ERICSSON", "p1") == \
        "Another party in the list is already called 'ERICSSON'."
    assert rules().name_problem("Huawei\tTechnologies", "p1") is None
    assert rules().name_problem("Huawei", "p1") is None  # its own name


def test_dates_titles_kinds_and_store_parties() -> None:
    assert date_problem("2019/..") is None
    assert date_problem("") is not None and "EDTF" in date_problem("")
    assert (date_problem("2023-02-30") or "").startswith("Date not changed:")
    assert title_problem(" ") == "An event needs a title." and title_problem("x") is None
    assert kind_problem("organisation") is None and kind_problem("planet") is not None
    assert match_problem("k1", {"k1"}) is None and match_problem("", set()) is None
    assert match_problem("k9", {"k1"}) == "The store has no party with the key 'k9'."
