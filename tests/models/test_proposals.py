"""Accepted proposals become a Story: the article as a source, each event citing its sentence,
new parties under the article's keys, matched ones as the store's own."""

from __future__ import annotations

from models.dates import parse_edtf
from models.interchange import read_native
from models.paths import sample_story_path
from models.proposals import Article, Proposals, ProposedEvent, ProposedParty, to_story
from models.store import Store

TEXT = "Acme signed with Huawei on Friday. The deal was first agreed in 2016."
ARTICLE = Article("story.txt", "Acme and Huawei", TEXT, publisher="Wire",
                  url="https://example.org/acme", published=parse_edtf("2023-08-25"))
ACME = ProposedParty("p1", "Acme", "organisation", aliases=("Acme Corp",), mentions=((0, 4),))
HUAWEI = ProposedParty("p2", "Huawei", "organisation", match="huawei")
SIGNED = ProposedEvent("e1", "Acme signs with Huawei", parse_edtf("2023-08-25"), (0, 34),
                       "on Friday", (("p1", "signatory"), ("p2", "signatory")))
AGREED = ProposedEvent("e2", "Deal first agreed", parse_edtf("2016"), (35, len(TEXT)),
                       "in 2016", (("p1", ""),))
PROPOSALS = Proposals(ARTICLE, (SIGNED, AGREED), (ACME, HUAWEI))


def test_the_article_is_the_source_and_each_event_cites_its_sentence() -> None:
    story = to_story(PROPOSALS, PROPOSALS.events, PROPOSALS.parties)
    [source] = story.sources
    assert (source.title, source.publisher, source.url, source.text) == (
        "Acme and Huawei", "Wire", "https://example.org/acme", TEXT)
    assert source.published == parse_edtf("2023-08-25")
    quotes = [e.citations[0].quote for e in story.events]
    assert quotes == ["Acme signed with Huawei on Friday.", "The deal was first agreed in 2016."]
    # Huawei is the store's: referred to by its key, no record written for it.
    assert [p.name for p in story.parties] == ["Acme"]
    assert story.parties[0].aliases == ("Acme Corp",)
    roles = {(r.party, r.role) for r in story.events[0].parties}
    assert ("huawei", "signatory") in roles and len(roles) == 2
    assert story.events[1].parties[0].role == "mentioned"  # an empty role is not a role


def test_left_out_parties_leave_the_events_and_the_store_takes_the_story() -> None:
    story = to_story(PROPOSALS, (SIGNED,), (HUAWEI,))
    assert [r.party for r in story.events[0].parties] == ["huawei"] and not story.parties
    with Store.memory() as store:
        store.add_story(read_native(sample_story_path()))
        before = store.info()
        store.add_stories([to_story(PROPOSALS, PROPOSALS.events, PROPOSALS.parties)],
                          merge_parties=True)
        after = store.info()
        assert (after.events, after.parties, after.sources) == (
            before.events + 2, before.parties + 1, before.sources + 1)
        # The same article again updates what it wrote: nothing is added twice.
        store.add_stories([to_story(PROPOSALS, PROPOSALS.events, PROPOSALS.parties)],
                          merge_parties=True)
        assert store.info() == after
