"""The evaluation corpus of real articles holds together (every key's sentence is in its text,
every date reads, the halves are fair), and the scorer counts what it says it counts."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from models.dates import parse_edtf
from models.proposals import Article, Proposals, ProposedEvent, ProposedParty
from tests.articles.agreement import SECOND_READING, agreement, forms
from tests.articles.scorer import CORPUS, Key, key_date, keys, score_one, sentence_span

KEYS = list(keys())


def test_the_corpus_has_forty_articles_of_many_kinds_in_two_halves() -> None:
    assert len(KEYS) >= 40
    halves = Counter(key.half for key in KEYS)
    assert set(halves) == {"dev", "test"} and abs(halves["dev"] - halves["test"]) <= 2
    kinds = {key.doc["kind"] for key in KEYS}
    assert len(kinds) >= 8, kinds
    assert (CORPUS / "SOURCES.md").is_file()


@pytest.mark.parametrize("key", KEYS, ids=[k.text_path.stem for k in KEYS])
def test_each_key_fits_its_article(key: Key) -> None:
    doc = key.doc
    assert key.text_path.is_file()
    for field in ("url", "title", "published", "publisher", "licence", "kind", "half"):
        assert doc.get(field), field
    key.published  # noqa: B018 (reads as EDTF)
    text = " ".join(key.text_path.read_text(encoding="utf-8").split())
    assert doc["events"] and doc["parties"]
    for event in doc["events"]:
        key_date(event["date"])
        assert sentence_span(text, event["sentence"]), event["sentence"]
    for party in doc["parties"]:
        assert party["kind"] in ("organisation", "person", "government", "other"), party
    lowered = text.casefold()
    for word in doc.get("not_parties", []):
        assert word.casefold() in lowered, word


@pytest.mark.parametrize(("text", "edtf"), [
    ("~2008", "2008~"), ("198X", "1980/1989"), ("2007-23", "2007-09/2007-11"),
    ("2012-24", "2012-12/2013-02"), ("~2007/2012", "2007~/2012"), ("2019/..", "2019/.."),
])
def test_key_dates_in_the_edtf_the_keys_use(text: str, edtf: str) -> None:
    assert key_date(text).edtf() == edtf


def _proposals(text: str, events: list[ProposedEvent],
               parties: list[ProposedParty]) -> Proposals:
    return Proposals(Article("x", "t", text), tuple(events), tuple(parties))


def test_the_scorer_counts_as_it_says(tmp_path: Path) -> None:
    text = "Acme bought Widget Works on Friday. It had sued Widget in 2019. ESPOO was cold."
    key = Key(tmp_path / "x.key.json", {
        "published": "2023-08-28", "half": "dev",
        "events": [{"date": "2023-08-25", "sentence": "Acme bought Widget Works", "what": "buy"},
                   {"date": "2019", "sentence": "It had sued Widget in 2019", "what": "suit",
                    "optional": True}],
        "parties": [{"name": "Acme", "kind": "organisation"},
                    {"name": "Widget Works", "also": ["Widget"], "kind": "organisation"},
                    {"name": "Bob Stone", "also": ["President Stone"], "kind": "person"},
                    {"name": "Zed", "kind": "person"}],
        "not_parties": ["ESPOO"]})
    events = [
        ProposedEvent("e1", "buy", parse_edtf("2023-08"), (0, 35), "Friday"),  # a date around
        ProposedEvent("e2", "suit", parse_edtf("2019"), (36, 63), "in 2019"),  # optional
        ProposedEvent("e3", "cold", parse_edtf("2023"), (64, 80), ""),  # in no key
    ]
    parties = [ProposedParty("p1", "ACME", "organisation"),
               ProposedParty("p2", "Widget", "organisation"),
               ProposedParty("p3", "ESPOO", "organisation"),
               ProposedParty("p4", "Widget Works", "organisation"),  # a duplicate of p2
               ProposedParty("p5", "Stone", "person")]  # the key's, without its title
    tally = score_one(key, _proposals(text, events, parties), 0.01)
    figures = tally.figures()
    # 2023-08 does not lie inside 2023-08-25: the lead event is missed, and e1 matches nothing.
    assert (tally.found_events, tally.key_events, tally.matching_events) == (0, 1, 1)
    assert (tally.right_parties, tally.proposed_parties, tally.junk_parties) == (3, 5, 1)
    assert (tally.duplicate_parties, tally.found_parties, tally.key_parties) == (1, 3, 4)
    assert figures["party_precision"] == 0.6 and figures["party_recall"] == 0.75
    exact = [ProposedEvent("e1", "buy", parse_edtf("2023-08-25"), (0, 35), "Friday")]
    tally = score_one(key, _proposals(text, exact, parties), 0.01)
    assert (tally.found_events, tally.exact_dates, tally.matching_events) == (1, 1, 1)
    doubted = [ProposedEvent("e1", "buy", parse_edtf("2023-08-25?"), (0, 35), "Friday")]
    tally = score_one(key, _proposals(text, doubted, parties), 0.01)
    assert (tally.found_events, tally.exact_dates, tally.exact_with_doubt) == (1, 1, 0)
    json.dumps(tally.figures())


def test_each_second_reading_is_of_an_article_of_the_corpus() -> None:
    by_stem = {key.text_path.stem: key for key in KEYS}
    readings = sorted(SECOND_READING.glob("*.json"))
    assert Counter(by_stem[path.stem].half for path in readings) == {"dev": 81, "test": 18}
    for path in readings:
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert doc["parties"]
        for party in doc["parties"]:
            assert party["kind"] in ("organisation", "person", "government", "other"), party


def test_agreement_counts_a_party_by_any_of_its_forms() -> None:
    first = forms([{"name": "Apple Computer", "also": ["Apple"]}, {"name": "EMI"},
                   {"name": "Peter Mann", "also": ["Judge Mann"], "kind": "person"}])
    second = forms([{"name": "Apple"}, {"name": "Mann", "kind": "person"},
                    {"name": "Apple Inc"}, {"name": "Apple Computer"}])
    # "Apple" is Apple Computer by the key's other form; "Mann" is Judge Mann without his
    # title; "Apple Inc" is not (no suffixes are dropped, as the scorer drops none); "Apple
    # Computer" again is a duplicate; EMI is not found.
    assert agreement(second, first) == (2, 4, 2, 3)
