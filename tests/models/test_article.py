"""Reading a news article and proposing its dated events and parties (models/articles/).

The seed article (../shared/seed, read in place, skipped when absent) and a dozen made-up news
items on other topics are scored against hand-labelled answer keys: precision and recall of the
events (date and a keyword of the sentence) and of the parties (name or alias) are printed and
held above floors. Property tests: any text and any publication date propose without raising,
with offsets inside the text; dates written in many ways read back as the date they render.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from models.articles import MAX_ARTICLE_BYTES, propose, read_article
from models.articles.pipeline import LONG_SENTENCE, MAX_EVENTS
from models.articles.words import is_english_word
from models.dates import (
    MAX_SHORT_YEAR,
    MAX_YEAR,
    MIN_SHORT_YEAR,
    MIN_YEAR,
    DateSpan,
    FuzzyDate,
    Precision,
    days_in_month,
    parse_edtf,
)
from models.domain import Party
from models.interchange import FormatError, read_native
from models.paths import sample_story_path
from models.proposals import Article, Proposals, proposals_json, taking_part, to_story
from models.store import Store

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seed" / "huawei-ericsson-cross-licence.txt"
needs_seed = pytest.mark.skipif(not SEED.is_file(), reason="../shared/seed is absent")
PUBLISHED = parse_edtf("2023-08-25")


def article(text: str, published: str | None = "2023-08-25") -> Article:
    return Article("test", "Test", text, published=parse_edtf(published) if published else None)


def known_parties() -> list[Party]:
    with Store.memory() as store:
        store.add_story(read_native(sample_story_path()))
        return list(store.parties())


# --- scoring -------------------------------------------------------------------------------------

EventKey = list[tuple[str, str]]  # (EDTF, a keyword of the sentence)


def score(proposals: Proposals, events: EventKey, parties: list[str]
          ) -> tuple[tuple[int, int, int], tuple[int, int, int], list[str]]:
    """(true, false positives, misses) for events and for parties, and what went wrong."""
    notes: list[str] = []
    got = [(e.when.edtf(), proposals.quote_of(e), e.date_phrase) for e in proposals.events]
    matched: set[int] = set()
    for edtf, keyword in events:
        hit = next((i for i, (when, quote, _) in enumerate(got)
                    if when == edtf and keyword in quote and i not in matched), None)
        if hit is None:
            notes.append(f"missed event {edtf} ({keyword})")
        else:
            matched.add(hit)
    notes += [f"extra event {when} from {phrase!r}" for i, (when, _q, phrase) in enumerate(got)
              if i not in matched]
    found: set[int] = set()
    for name in parties:
        hit = next((i for i, p in enumerate(proposals.parties)
                    if (name == p.name or name in p.aliases) and i not in found), None)
        if hit is None:
            notes.append(f"missed party {name}")
        else:
            found.add(hit)
    notes += [f"extra party {p.name!r} ({p.kind})" for i, p in enumerate(proposals.parties)
              if i not in found]
    event_counts = (len(matched), len(got) - len(matched), len(events) - len(matched))
    party_counts = (len(found), len(proposals.parties) - len(found), len(parties) - len(found))
    return event_counts, party_counts, notes


def ratios(counts: tuple[int, int, int]) -> tuple[float, float]:
    true, extra, missed = counts
    return true / max(1, true + extra), true / max(1, true + missed)


# --- the seed article ----------------------------------------------------------------------------

SEED_EVENTS: EventKey = [
    ("2023-08-25", "renewed a licensing agreement"),  # announced Friday
    ("2019/2023-08-25", "sanctions on Huawei since 2019"),  # up to the article's day
    ("2023-08-25", "have signed"),  # said in a statement Friday
    ("2016", "previous agreement"),
    ("2020", "grabbed that title"),
    ("2023?", "chips"),  # could … this year, according to media reports
]
SEED_PARTIES = ["Huawei", "Ericsson", "United States", "China", "Apple", "Samsung", "Alan Fan"]
NEVER_PARTIES = {"Friday", "Despite", "Back", "Chinese", "The", "Our", "It", "American",
                 "Stockholm", "Washington", "Beijing", "U.S."}


@needs_seed
@pytest.mark.parametrize("with_store", [True, False], ids=["store-parties", "no-parties"])
def test_the_seed_article_against_its_answer_key(with_store: bool) -> None:
    read = read_article(SEED, published=PUBLISHED)
    known = known_parties() if with_store else []
    proposals = propose(read, known)
    (events, parties, notes) = score(proposals, SEED_EVENTS, SEED_PARTIES)
    event_p, event_r = ratios(events)
    party_p, party_r = ratios(parties)
    label = "store parties" if with_store else "no known parties"
    print(f"\nseed ({label}): events precision {event_p:.2f} recall {event_r:.2f} "
          f"({events[0]} right, {events[1]} extra, {events[2]} missed); parties precision "
          f"{party_p:.2f} recall {party_r:.2f} ({parties[0]} right, {parties[1]} extra, "
          f"{parties[2]} missed)" + "".join(f"\n  {n}" for n in notes))
    assert min(event_p, event_r, party_p, party_r) >= 0.8, notes
    names = {p.name for p in proposals.parties}
    assert not names & NEVER_PARTIES
    when = {e.when.edtf(): e for e in proposals.events}
    assert when["2016"].when.start.precision == Precision.YEAR
    assert when["2019/2023-08-25"].date_phrase == "since 2019"
    assert when["2023-08-25"].when.start.precision == Precision.DAY
    assert when["2023?"].date_phrase == "this year"
    by_name = {p.name: p for p in proposals.parties}
    assert set(by_name["United States"].aliases) >= {"U.S.", "Washington"}
    assert "Beijing" in by_name["China"].aliases
    assert by_name["Alan Fan"].kind == "person" and by_name["China"].kind == "government"
    if with_store:
        assert by_name["Huawei"].match == "huawei" and by_name["United States"].match == \
            "united-states"
    else:
        assert all(p.match is None for p in proposals.parties)
    signed = next(e for e in proposals.events if "previous agreement" in proposals.quote_of(e))
    roles = {next(p.name for p in proposals.parties if p.id == pid): role
             for pid, role in signed.parties}
    # "Back then, Huawei was … dethroning Apple and Samsung": the next sentence, undated,
    # tells of 2016, and its rivals join that event as such.
    assert roles == {"Huawei": "signatory", "Ericsson": "signatory", "Apple": "competitor",
                     "Samsung": "competitor"}
    sanctions = when["2019/2023-08-25"]
    roles = {next(p.name for p in proposals.parties if p.id == pid): role
             for pid, role in sanctions.parties}
    assert roles == {"United States": "sanctioning government", "Huawei": "sanctioned"}
    for event in proposals.events:
        assert event.title and len(event.title) <= 90 and event.title[0].isupper()
        assert not event.title.endswith((".", ",", ";"))


@needs_seed
def test_the_seed_proposals_become_a_story_the_store_takes() -> None:
    proposals = propose(read_article(SEED, published=PUBLISHED), known_parties())
    story = to_story(proposals, proposals.events, proposals.parties)
    assert not story.parties  # every party is the store's own
    with Store.memory() as store:
        store.add_story(read_native(sample_story_path()))
        before = store.info()
        store.add_stories([story], merge_parties=True)
        after = store.info()
    assert after.events == before.events + len(proposals.events)
    assert after.parties == before.parties


# --- made-up news on other topics ----------------------------------------------------------------

# (text, published, events, parties): written for this test, not tuned to the seed.
OWN: list[tuple[str, str | None, EventKey, list[str]]] = [
    ("Nordic Paper Group and Baltic Pulp Ltd. announced on March 3, 2021 that they would merge. "
     "The deal, worth $2016 million, is expected to close by the end of 2024. Chief executive "
     "Maria Lindqvist said the combined company would employ 2,016 people.", "2021-03-05",
     [("2021-03-03", "merge"), ("2024-12?", "close")],
     ["Nordic Paper Group", "Baltic Pulp", "Maria Lindqvist"]),
    ("Voters in Moldova re-elected President Ana Popescu on Sunday, the electoral commission "
     "said. Turnout was about 52%. Popescu first won office in 2016 and has led the country "
     "since then.", "2024-11-04",
     [("2024-11-03", "re-elected"), ("2016", "won office")], ["Moldova", "Ana Popescu"]),
    ("A federal judge in San Francisco ruled last Tuesday that Orbital Systems Inc. must pay "
     "$1.2 million to a former employee. The lawsuit was filed in 2019 by engineer Tom Becker. "
     "Orbital said it would appeal.", "2023-06-15",
     [("2023-06-13", "ruled"), ("2019", "lawsuit")],
     ["Orbital Systems", "Tom Becker"]),
    ("Real Sociedad signed striker Luca Bianchi from Torino FC on 3 March 2021 for a reported "
     "fee of 25 million euros. Bianchi, 27, scored 14 goals in the 2019-20 season.", "2021-03-04",
     [("2021-03-03", "signed"), ("2019/2020", "goals")],
     ["Real Sociedad", "Luca Bianchi", "Torino FC"]),
    ("A magnitude 6.1 earthquake struck central Albania two years ago, killing 51 people. "
     "Another quake hit the region in the 1990s, according to the Albanian Geological Survey.",
     "2021-11-26", [("2019~", "earthquake"), ("1990/1999", "quake")],
     ["Albania", "Albanian Geological Survey"]),
    ("Lumina Tech unveiled its X200 phone in Berlin on Monday. The company plans to ship 100 "
     "phones to testers next week and to start sales in early 2025. Lumina was founded in 2012.",
     "2024-09-12",
     [("2024-09-09", "unveiled"), ("2024-09-16?/2024-09-22?", "ship"),
      ("2025-01?/2025-04?", "sales"), ("2012", "founded")], ["Lumina Tech"]),
    ("Moscow condemned new sanctions imposed by Brussels on Friday. The European Union has "
     "targeted Russian banks since March 2022. EU foreign ministers are set to meet again in "
     "October.", "2023-06-23",
     [("2023-06-23", "condemned"), ("2022-03/2023-06-23", "targeted"), ("2023-10?", "meet")],
     ["Russia", "European Union"]),
    ("Finance Minister Kwame Mensah resigned on 2023-05-02, three days after a budget vote. "
     "Mensah had served since 2017.", "2023-05-03",
     [("2023-05-02", "resigned"), ("2017/2023-05-03", "served")], ["Kwame Mensah"]),
    ("Between 2010 and 2012 the Danube Shipping Company lost money every year, its annual report "
     "shows. The firm had grown quickly in the 1990s.", None,
     [("2010/2012", "lost money"), ("1990/1999", "grown")], ["Danube Shipping Company"]),
    ("Prices at Kestrel Foods have risen every month since March, the company said on "
     "Wednesday.", "2022-09-09", [("2022-03/2022-09-09", "risen")], ["Kestrel Foods"]),
    ("Historians say the old bridge in Mostar was built in the 16th century and destroyed on "
     "9 November 1993. It was rebuilt with help from the World Bank and reopened in July 2004.",
     None, [("1500/1599", "built"), ("1993-11-09", "destroyed"), ("2004-07", "rebuilt")],
     ["World Bank"]),
    ("Shares of Helix Biotech jumped 12% yesterday after the drugmaker said its trial succeeded. "
     "Helix, which listed in Aug. 2021, employs about 1500 scientists. Its COVID-19 vaccine was "
     "approved last year and sold 100 million doses in 3G, 4G and 5G markets at 2100 GMT.",
     "2022-05-10", [("2022-05-09", "jumped"), ("2021-08", "listed"), ("2021", "approved")],
     ["Helix Biotech"]),
]


def score_set(name: str, items: list[tuple[str, str | None, EventKey, list[str]]],
              floor: float) -> None:
    """Precision and recall of events and parties over a set of (text, published, events,
    parties) items: printed (the closing notes quote them), and held at `floor`."""
    totals = [[0, 0, 0], [0, 0, 0]]
    notes: list[str] = []
    for text, published, events, parties in items:
        counts = score(propose(article(text, published)), events, parties)
        for total, part in zip(totals, counts[:2], strict=True):
            for i in range(3):
                total[i] += part[i]
        notes += [f"{text[:30]}…: {n}" for n in counts[2]]
    event_p, event_r = ratios((totals[0][0], totals[0][1], totals[0][2]))
    party_p, party_r = ratios((totals[1][0], totals[1][1], totals[1][2]))
    print(f"\n{name} ({len(items)} items): events precision {event_p:.2f} recall "
          f"{event_r:.2f} {tuple(totals[0])}; parties precision {party_p:.2f} recall "
          f"{party_r:.2f} {tuple(totals[1])}" + "".join(f"\n  {n}" for n in notes))
    assert min(event_p, event_r, party_p, party_r) >= floor, notes


def test_made_up_news_against_its_answer_key() -> None:
    score_set("made-up news", OWN, 0.8)


# --- places are not parties: a second held-out set ---------------------------------------------

# (text, published, events, parties): written before the place rules (cities, "the island of X",
# "X River", "from X to Y", a maker before its model number), on topics of their own; the parties
# are the ones a reader would file, places never. Before those rules: events precision 0.94
# recall 0.94, parties precision 0.50 recall 0.90 (19 right, 19 extra, 2 missed); after: events
# 0.94/0.94, parties 0.95/1.00 (Singapore, a country where offices are, is still a party).
PLACES: list[tuple[str, str | None, EventKey, list[str]]] = [
    ("Dockworkers in Rotterdam walked out on Tuesday in a 48-hour strike over pay, halting "
     "container traffic at Europe's largest port. The FNV union said talks with terminal "
     "operator APM Terminals had broken down in January. Several ships were diverted to Antwerp "
     "and Hamburg, union spokesman Niek Stam said.", "2024-03-14",
     [("2024-03-12", "walked out"), ("2024-01", "broken down")],
     ["FNV", "APM Terminals", "Niek Stam"]),
    ("Inter Milan completed the signing of Brazilian midfielder Carlos Mendes from Flamengo on "
     "30 August 2023 for a fee of 40 million euros. The player, 24, flew from Rio de Janeiro to "
     "Milan on Monday for a medical. Inter coach Simone Inzaghi said Mendes would make his debut "
     "against Fiorentina in September.", "2023-09-01",
     [("2023-08-30", "signing"), ("2023-08-28", "flew"), ("2023-09?", "debut")],
     ["Inter Milan", "Carlos Mendes", "Flamengo", "Simone Inzaghi", "Fiorentina"]),
    ("Heavy rain flooded large parts of the Emilia-Romagna region in northern Italy on 16 May "
     "2023, killing 14 people. The Santerno River burst its banks near the town of Imola, and "
     "more than 36,000 residents were evacuated. Regional president Stefano Bonaccini said the "
     "damage could exceed 5 billion euros. Italy's cabinet declared a state of emergency on "
     "Thursday.", "2023-05-20",
     [("2023-05-16", "flooded"), ("2023-05-18", "emergency")], ["Italy", "Stefano Bonaccini"]),
    ("Bangalore-based software maker Zentrix Labs raised $120 million from investors led by "
     "Sequoia Capital on Wednesday. The startup, founded in 2015 by Priya Raman, plans to open "
     "offices in Singapore and Austin next year. Zentrix employs 900 people in Bangalore and "
     "Pune.", "2024-02-09",
     [("2024-02-07", "raised"), ("2015", "founded"), ("2025?", "offices")],
     ["Zentrix Labs", "Sequoia Capital", "Priya Raman"]),
    ("Tasman Air will launch non-stop flights from Auckland to Chicago on 2 October 2024, the "
     "airline said on Tuesday. The route will be flown by Boeing 787-9 aircraft leased from "
     "AerCap. Chief executive Maria Olsen said bookings to Chicago and Los Angeles had doubled "
     "since January.", "2024-05-16",
     [("2024-10-02?", "launch"), ("2024-01/2024-05-16", "doubled")],
     ["Tasman Air", "Boeing", "AerCap", "Maria Olsen"]),
    ("Andes Copper Corp said on Monday it had suspended work at its Cerro Blanco mine in Chile's "
     "Atacama region after a landslide. The mine, near the city of Calama, produced 85,000 "
     "tonnes of copper in 2022. Chile's mining ministry said inspectors would visit the site on "
     "Friday.", "2023-06-07",
     [("2023-06-05", "suspended"), ("2022", "produced"), ("2023-06-09?", "inspectors")],
     ["Andes Copper", "Chile"]),
    ("Lava from the Fagradalsfjall volcano reached the outskirts of Grindavik on the Reykjanes "
     "peninsula on 14 January 2024. Iceland's civil protection agency had evacuated the town's "
     "3,700 residents in November. Prime Minister Katrin Jakobsdottir said the government would "
     "help residents buy homes elsewhere.", "2024-01-16",
     [("2024-01-14", "Lava"), ("2023-11", "evacuated")], ["Iceland", "Katrin Jakobsdottir"]),
]


def test_places_are_not_parties_against_a_held_out_key() -> None:
    score_set("places held out", PLACES, 0.85)


def test_cities_and_named_places_are_not_parties_but_makers_are() -> None:
    found = parties_of(
        "Kestrel Labs holds a stake in Orbex. Shares of Acme fell in Frankfurt trading. Zenith "
        "Air flies from Sydney to London and New York with Airbus A350-1000 jets. Lava from the "
        "Etna volcano hit the island of Vulcano and the Santerno River rose near Mount Etna. "
        "Bayern Munich signed a striker; Munich said so.")
    assert set(found) == {"Acme", "Zenith Air", "Airbus", "Bayern Munich", "Kestrel Labs",
                          "Orbex"}
    assert found["Airbus"] == found["Orbex"] == "organisation"


# --- dates ---------------------------------------------------------------------------------------


def dates_of(text: str, published: str | None = "2023-08-25") -> list[str]:
    """The dates the text gives (not the lead event's, dated by the publication)."""
    return [e.when.edtf() for e in propose(article(text, published)).events if e.date_phrase]


@pytest.mark.parametrize(("text", "expected"), [
    ("The plant opened in 2016.", ["2016"]),
    ("The result of Monday's vote gave the company a new board.", ["2023-08-21"]),
    ("She was kept in prison until December 30, 2022, when she was moved.", ["2022-12-30"]),
    ("She was kept in prison until December 30, 2022.", []),  # a bound, no date
    ("Fans discuss the fair, scheduled to take place from June 8 to July 1.",
     ["2024-06-08?/2024-07-01?"]),
    ("The plant opened on 25 August 2023.", ["2023-08-25"]),
    ("The plant opened on August 25, 2023.", ["2023-08-25"]),
    ("The plant opened on Friday, Aug. 25, 2023.", ["2023-08-25"]),
    ("The plant opened on 2023-08-25.", ["2023-08-25"]),
    ("The plant opened in Aug. 2023.", ["2023-08"]),
    ("The plant opened in September 2019.", ["2019-09"]),
    ("The plant opened in the 1990s.", ["1990/1999"]),
    ("The plant opened in the late 1990s.", ["1997~/1999~"]),
    ("The plant opened in mid-2019.", ["2019-05~/2019-08~"]),
    ("The plant opened in early 2020.", ["2020-01~/2020-04~"]),
    ("The plant opened around 2019.", ["2019~"]),
    ("The plant opened circa 1850.", ["1850~"]),
    ("The plant opened in the 19th century.", ["1800/1899"]),
    ("Caesar crossed the river in 49 BC.", ["-0048"]),
    ("The plant opened in the third quarter of 2021.", ["2021-07/2021-09"]),
    # a month by the tense of its own verb, not of a later one in its clause
    ("The ministers who were appointed in November will see their assets frozen.",
     ["2022-11"]),
    ("The ministers will be appointed in November and were barred.", ["2023-11?"]),
    # days of one month
    ("Elections were held on 7 and 8 May.", ["2023-05-07/2023-05-08"]),
    ("Elections were held on May 7-8, 2012.", ["2012-05-07/2012-05-08"]),
    ("Talks were held from 7 to 9 May.", ["2023-05-07/2023-05-09"]),
    ("On May 7 and 8 people died.", ["2023-05-07"]),  # (a count after "and")
    ("Sales rose in the first half of the year.", ["2023-01/2023-06"]),
    # a quarter without its year by the verb's tense, told on 25 August 2023
    ("Sales rose in the fourth quarter.", ["2022-10/2022-12"]),
    ("Sales rose in the second quarter.", ["2023-04/2023-06"]),
    ("Sales will rise in the first quarter.", ["2024-01?/2024-03?"]),
    ("Sales will rise in the third quarter.", ["2023-07?/2023-09?"]),
    ("The plant opened in spring 2019.", ["2019-03~/2019-05~"]),
    ("The plant has been closed since 2019.", ["2019/2023-08-25"]),  # up to the day
    ("The plant ran from 2016 to 2020.", ["2016/2020"]),
    ("The plant ran between 2010 and 2012.", ["2010/2012"]),
    ("The plant ran in 2016-2020.", ["2016/2020"]),
    ("The plant ran from March to May 2021.", ["2021-03/2021-05"]),
    ("The plant lost money in the last two months of 2021.", ["2021-11/2021-12"]),
    ("The plant lost money in the first 3 months of 2021.", ["2021-01/2021-03"]),
    ("The firm's 2007-08 results were poor.", ["2007/2008"]),
    # relative to the publication date, Friday 25 August 2023
    ("The plant opened Friday.", ["2023-08-25"]),
    ("The plant opened on Monday.", ["2023-08-21"]),
    ("The plant opened last Friday.", ["2023-08-18"]),
    ("The plant will open on Monday.", ["2023-08-28?"]),
    ("The plant opened yesterday.", ["2023-08-24"]),
    ("The plant opens today.", ["2023-08-25"]),
    ("The plant opened this year.", ["2023"]),
    ("The plant opened this week.", ["2023-08-21/2023-08-25"]),  # up to the day
    ("The plant will open this week.", ["2023-08-21?/2023-08-27?"]),
    ("The fair took place this weekend.", ["2023-08-19/2023-08-20"]),  # (on a Friday)
    ("The plant opened last year.", ["2022"]),
    ("The plant opened last month.", ["2023-07"]),
    ("The plant opened last week.", ["2023-08-14/2023-08-20"]),
    ("The plant opened two years ago.", ["2021~"]),
    ("The plant opened twenty-four years ago.", ["1999~"]),
    ("The plant opened yesterday afternoon.", ["2023-08-24"]),
    ("The artist Johnnie Christmas opened the plant on Monday.", ["2023-08-21"]),
    ("Twenty four years ago, on a rainy day, the plant opened.", ["1999~"]),
    ("The plant opened during the last weekend of April 2012.", ["2012-04-28/2012-04-29"]),
    ("The plant opened in the first week of May.", ["2023-05-01/2023-05-07"]),
    ("The plant opened in the last week of February 2012.", ["2012-02-23/2012-02-29"]),
    ("The plant opened in March.", ["2023-03"]),
    ("The plant has been closed since March.", ["2023-03/2023-08-25"]),
    ("The plant opened on 3 March.", ["2023-03-03"]),
    ("The plant opened on the May 6 March of the Millions.", ["2023-05-06"]),
    ("The plant opened over the weekend.", ["2023-08-19/2023-08-20"]),
    ("The plant will open over the weekend.", ["2023-08-26?/2023-08-27?"]),
    # a date alone in its clause takes the tense of the verb after it (told 25 August 2023)
    ("Prior to that, in December, Acme rejected the offer.", ["2022-12"]),
    ("Prior to that, in December, Acme will reject the offer.", ["2023-12"]),
    ("The plant opened on the 21st.", ["2023-08-21"]),
    ("The plant opened on the 28th.", ["2023-07-28"]),
    ("The plant is on the 21st floor.", []),
    ("The plant opened in the spring.", ["2023-03~/2023-05~"]),
    ("The plant opened in the winter.", ["2022-12~/2023-02~"]),
    ("The plant opened on Christmas Eve.", ["2022-12-24"]),
    ("The plant opened on New Year's Day.", ["2023-01-01"]),
    ("The plant will be finished by the end of 2024.", ["2024-12?"]),
    ("The plant could open in 2025.", ["2025?"]),
    ("The plant reportedly opened in 2019.", ["2019?"]),
    ("The plant is expected to open in 2025.", ["2025?"]),
    ("According to media reports, the plant opened in 2019.", ["2019?"]),
    ("In 2025, the plant will open.", ["2025?"]),
    ("The plant, which opened in 2016, may close soon.", ["2016"]),
    ("Acme announced on March 3, 2021 that it would close the plant.", ["2021-03-03"]),
    # hedges and 'that' with no space before the date or after it count, as they always did
    ("The plant would1 Aug. 2023 open.", ["2023-08-01?"]),
    ("The plant opened on 1 May 2021that it would close.", ["2021-05-01"]),
    # a statement's date goes when the sentence dates something else too
    ("The plant opened in 2016, the company said on Friday.", ["2016"]),
    ("The plant closed, the company said on Friday.", ["2023-08-25"]),
])
def test_date_phrases(text: str, expected: list[str]) -> None:
    assert dates_of(text) == expected


@pytest.mark.parametrize("text", [
    "Huawei makes 5G, 3G and 4G gear.",
    "Sales were $2016 million.",
    "The firm has 2,016 employees.",
    "The firm has 2016 employees.",
    "The firm sold 100 phones.",
    "Margins rose 2016%.",
    "COVID-19 hit sales.",
    "The P60 and the Mate 60 sold well.",
    "Windows 2000 was popular.",
    "The meeting starts at 2100 GMT.",
    "The meeting starts at 10:30.",
    "The building is 1500 metres tall.",
    "The price is 3,250.50 euros.",
    "The match ended 2-1 in the 89th minute.",
    "He was born in the year 12345.",
    "The firm was founded before 2016.",
    "The deal runs until 2025.",
    "I remember like yesterday watching the convention.",
    "She recalls it as if it were yesterday.",
])
def test_numbers_that_are_not_dates(text: str) -> None:
    assert dates_of(text) == []


def test_relative_dates_need_a_publication_date() -> None:
    text = "The plant opened on Friday and closed last year, after it was built in 2016."
    assert dates_of(text, None) == ["2016"]
    assert dates_of("The plant opened this year.", "2023") == ["2023"]
    assert dates_of("The plant opened on Friday.", "2023-08") == []


MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


@st.composite
def rendered_dates(draw: st.DrawFn) -> tuple[str, str]:
    """A random date written as news writes it, and its EDTF."""
    year = draw(st.integers(1000, 2100))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, days_in_month(year, month)))
    name = MONTH_NAMES[month - 1]
    short = name if len(name) <= 4 else name[:3] + "."
    day_edtf, month_edtf = f"{year:04d}-{month:02d}-{day:02d}", f"{year:04d}-{month:02d}"
    suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}.get(day, "th")
    phrase, edtf = draw(st.sampled_from([
        (f"on {day} {name} {year}", day_edtf),
        (f"on {name} {day}, {year}", day_edtf),
        (f"on {short} {day}, {year}", day_edtf),
        (f"on the {day}{suffix} of {name} {year}", day_edtf),
        (f"on {day_edtf}", day_edtf),
        (f"in {name} {year}", month_edtf),
        (f"in {short} {year}", month_edtf),
        (f"in {year}", f"{year:04d}"),
        # (up to the article's day, 25 August 2023, where it is before it)
        (f"since {year}", f"{year:04d}/" + ("2023-08-25" if year < 2023 else "..")),
        (f"around {year}", f"{year:04d}~"),
    ]))
    return phrase, edtf


@given(rendered_dates(), st.sampled_from([
    "The treaty was signed {}.", "{}, the treaty was signed by Acme and Zenith.",
    "Acme Corp. and the U.S. signed the treaty {} in Geneva."]))
@settings(max_examples=300, deadline=None)
def test_dates_as_written_read_back(rendered: tuple[str, str], template: str) -> None:
    phrase, edtf = rendered
    sentence = template.format(phrase)
    sentence = sentence[0].upper() + sentence[1:]
    proposals = propose(article(sentence))
    assert [e.when.edtf() for e in proposals.events] == [edtf], sentence
    event = proposals.events[0]
    assert event.date_phrase.lower() == phrase.lower()


# --- any text ------------------------------------------------------------------------------------

FRAGMENTS = ["Huawei", "U.S.", "Washington", "Mr. Smith", "said", "on Friday", "in 2016",
             "since March", "between 2010 and", "the 1990s", ". ", ", ", " – ", "\n", "\n\n",
             "\"", "“", "”", "(", ")", "could", "reportedly", "Inc.", "It", "He", "5G",
             "$2016", "2,016", "last week", "two years ago", "Q3", "AD 79", "44 BC", " of ",
             "Bank", "Ministry of", "and", "&", "May", "31 February 2023", "2023-02-30",
             "9999-12-31", "0000", "mid-", "the end of", "late", "from", "to", "’s", "é", "\t"]

texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=60).map(
        " ".join),
)


@st.composite
def publication_dates(draw: st.DrawFn) -> DateSpan | None:
    precision = draw(st.sampled_from(list(Precision)))
    if precision == Precision.YEAR:
        year = draw(st.integers(MIN_YEAR, MAX_YEAR))
        return DateSpan(FuzzyDate(year, precision=precision))
    year = draw(st.integers(MIN_SHORT_YEAR, MAX_SHORT_YEAR))
    month = draw(st.integers(1, 12))
    if precision == Precision.MONTH:
        return DateSpan(FuzzyDate(year, month, precision=precision))
    day = draw(st.integers(1, days_in_month(year, month)))
    return DateSpan(FuzzyDate(year, month, day, precision=Precision.DAY))


@given(texts, st.one_of(st.none(), publication_dates()), st.booleans())
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example("It was 9999. He said on Friday in 0000.", DateSpan(FuzzyDate(9999, 12, 31)), False)
@example("Since Monday, Huawei has", DateSpan(FuzzyDate(-9999, 1, 1)), True)
@example("since last year", DateSpan(FuzzyDate(MAX_YEAR, precision=Precision.YEAR)), True)
def test_any_text_proposes_within_its_bounds(text: str, published: DateSpan | None,
                                             with_store: bool) -> None:
    known = KNOWN if with_store else []
    proposals = propose(Article("fuzz", "Fuzz", text, published=published), known)
    party_ids = {p.id for p in proposals.parties}
    assert len(party_ids) == len(proposals.parties)
    assert len({e.id for e in proposals.events}) == len(proposals.events)
    for event in proposals.events:
        start, end = event.quote
        assert 0 <= start < end <= len(text)
        assert event.date_phrase in text[start:end]
        # Only the lead event has no words that date it: its dateline or publication does.
        assert event.date_phrase or event is proposals.events[0]
        assert {pid for pid, _ in event.parties} <= party_ids
        assert parse_edtf(event.when.edtf()) == event.when  # a valid DateSpan, as EDTF says
        assert event.title
    for party in proposals.parties:
        assert party.kind in ("organisation", "government", "person", "group", "place", "other")
        assert party.mentions
        for start, end in party.mentions:
            assert 0 <= start < end <= len(text)


KNOWN = [Party(1, "huawei", "Huawei", "organisation", aliases=("Huawei Technologies",)),
         Party(2, "united-states", "United States", "government", aliases=("U.S.", "US")),
         Party(3, "smith", "Smith", "person")]


# --- parties and roles ---------------------------------------------------------------------------


def parties_of(text: str, known: list[Party] | None = None) -> dict[str, str]:
    return {p.name: p.kind for p in propose(article(text), known or []).parties}


def parties_of_the_event(text: str, published: str = "2023-08-25") -> list[str]:
    """The names of the parties of the one event the text tells, in order."""
    proposals = propose(article(text, published))
    names = {p.id: p.name for p in proposals.parties}
    [event] = proposals.events
    return [names[pid] for pid, _role in event.parties]


@pytest.mark.parametrize("text", [
    # (most of its words capitalised, but "met" is no headline's small word)
    "Theresa Smith met Emmanuel Jones on Tuesday.",
    # (twelve words and few of the commonest English ones, but too few plain words to say
    # it is in another language)
    "Britain's Prime Minister Theresa Smith met French President Emmanuel Jones on Tuesday.",
])
def test_a_sentence_of_names_is_read(text: str) -> None:
    assert parties_of(text) == {"Theresa Smith": "person", "Emmanuel Jones": "person"}


@pytest.mark.parametrize(("text", "parties"), [
    # an amount given to a name is no model's number ("Mate 60" is)
    ("The European Commission fined Google 2.4 billion euros on June 27. Huawei released its "
     "Mate 60 phone on Friday.", {"European Commission": "government", "Google": "organisation",
                                  "Huawei": "organisation"}),
    # the body someone speaks for, before the title (an English word there is an adjective)
    ("On Tuesday, Microsoft Chief Executive Steve Ballmer and Republican Senator John Smith "
     "said the deal was off.", {"Microsoft": "organisation", "Steve Ballmer": "person",
                                "John Smith": "person"}),
    # a product counted or with an article, its name right before the product's word
    ("SpaceX launched a Dragon capsule on Thursday carrying 60 Starlink satellites.",
     {"SpaceX": "organisation"}),
    ("On Monday the plant made the Crown Victoria and Grand Marquis cars and the Ford Taurus "
     "sedan for Globex.", {"Globex": "organisation"}),
    ("Aeroflot ordered 22 Boeing 787 Dreamliners on Monday.",
     {"Aeroflot": "organisation", "Boeing": "organisation"}),
    ("Airbus spokesman Stefan Schaffrath said on Monday that the plane was late. Online "
     "activist Anita Hunt said so too.", {"Airbus": "organisation",
                                          "Stefan Schaffrath": "person", "Anita Hunt": "person"}),
])
def test_a_body_beside_what_is_said_of_it(text: str, parties: dict[str, str]) -> None:
    assert parties_of(text) == parties


def test_demonyms_in_a_name_are_the_names() -> None:
    found = parties_of("On Tuesday British American Tobacco agreed to buy US firm Reynolds "
                       "American, the British Prime Minister Bob Smith told the Saudi Gazette.")
    assert {"British American Tobacco", "Reynolds American", "Bob Smith"} <= set(found)
    assert "United States" not in found  # "US firm": where it is from
    assert "Saudi Gazette" not in found  # a news medium, by its name, that does nothing


def test_a_news_medium_by_its_last_word_reports_and_is_no_party() -> None:
    found = parties_of("On Monday Automotive News reported that Renault Samsung Motors is "
                       "the most likely buyer of Saturn.")
    assert "Automotive News" not in found
    assert "Renault Samsung Motors" in found


def test_a_body_is_of_the_kind_its_head_says() -> None:
    assert parties_of("On Monday the Project on Government Oversight called it favouritism. "
                      "The Council of Ministers and the Institute for Government Studies "
                      "agreed on Tuesday.") == {
        "Project on Government Oversight": "organisation", "Council of Ministers": "government",
        "Institute for Government Studies": "organisation"}


def test_a_product_named_after_its_model_stays_a_product() -> None:
    found = parties_of("Aeroflot ordered 22 new Boeing 787 Dreamliners on Monday. The "
                       "Dreamliner will be the first jet made mainly of carbon fibre.")
    assert found == {"Aeroflot": "organisation", "Boeing": "organisation"}
    # A model number alone, or a count of a plural name, says so too; a count of people or
    # a year before a name does not.
    assert set(parties_of("On Monday Air Canada ordered 14 of the long-range 787 Dreamliner. "
                          "Korean Air bought 20 Dreamliners. Three Americans died.")) == {
        "Air Canada", "Korean Air"}
    assert set(parties_of("February 28, 2007\n\nAirbus has announced 10,000 job cuts.")) == {
        "Airbus"}


def test_a_companys_own_named_products_are_products() -> None:
    assert set(parties_of("In 1987 Apple Computer added audio recording to its Macintosh "
                          "computers.")) == {"Apple Computer"}


def test_what_a_name_is_said_to_be_before_it_is_not_the_name() -> None:
    assert parties_of("On Monday the NGO Educafro protested. Videoblogger Daniel Fraga "
                      "joined it. The Greek NGO Hellenic League for Human Rights agreed. The "
                      "National Democratic Rally won.") == {
        "Educafro": "organisation", "Daniel Fraga": "person",
        "Hellenic League for Human Rights": "organisation",
        "National Democratic Rally": "group"}


def test_a_ministry_of_several_portfolios_is_one_body() -> None:
    assert parties_of("On Monday the Ministry for Food, Agriculture, Forestry and Fisheries "
                      "sent a team. The Ministry of Economy, Trade and Industry agreed. The "
                      "Ministry of Defence, Acme and Globex signed on Tuesday.") == {
        "Ministry for Food, Agriculture, Forestry and Fisheries": "government",
        "Ministry of Economy, Trade and Industry": "government",
        "Ministry of Defence": "government", "Acme": "organisation", "Globex": "organisation"}


def test_an_airport_is_a_place() -> None:
    assert parties_of("A test flight was delayed today after an accident at Suvarnabhumi "
                      "Airport. The aircraft was due to fly to Chiang Mai International "
                      "Airport.") == {}


def test_a_name_does_not_open_with_on_or_at() -> None:
    assert parties_of("Bob Smith replied on Monday to @asteris On Globex Corp, we agree.") == {
        "Bob Smith": "person", "Globex": "organisation"}


def test_a_word_inside_a_title_is_no_name() -> None:
    assert parties_of('"We thank Boeing," said Joe Leonard, Chairman and Chief Operating Officer '
                      "of AirTran Airways on Monday.") == {
        "Joe Leonard": "person", "AirTran Airways": "organisation"}


def test_a_body_named_for_a_person_is_a_body() -> None:
    assert parties_of("On Monday Douglas Aircraft and Boeing Commercial Airplanes agreed.") == {
        "Douglas Aircraft": "organisation", "Boeing Commercial Airplanes": "organisation"}


def test_a_sentence_without_common_words_is_still_english() -> None:
    assert parties_of("Amazon founder Jeff Bezos sold shares worth $2 billion last week, "
                      "filings showed.") == {"Amazon": "organisation", "Jeff Bezos": "person"}
    # (one in Spanish, where the dictionary knows "de", "la" and "solo", is not)
    assert parties_of("En tercer lugar, esos 600 millones la Alcaldía los va a invertir en "
                      "barrios y colegios de estratos populares el lunes.") == {}


def test_an_acronym_of_a_name_in_full_is_that_name() -> None:
    proposals = propose(article("The European Central Bank raised interest rates on Thursday, "
                                "ECB President Christine Lagarde said. The IMF agreed."))
    assert [(p.name, p.aliases) for p in proposals.parties] == [
        ("European Central Bank", ("ECB",)), ("Christine Lagarde", ()), ("IMF", ())]
    # A word of initials gives them all.
    proposals = propose(article("The U.S. Agency for International Development sent aid on "
                                "Monday. USAID staff arrived on Tuesday."))
    assert [(p.name, p.aliases) for p in proposals.parties] == [
        ("U.S. Agency for International Development", ("USAID",))]


def test_a_countrys_forces_act_for_it_and_a_side_taken_is_not_the_state() -> None:
    assert parties_of("Ukrainian forces shot down 20 Russian drones on Monday.") == {
        "Ukrainian forces": "government"}
    assert parties_of("On Monday pro-Russian forces attacked, and the Royal Australian Air "
                      "Force flew.") == {"Royal Australian Air Force": "government"}


def test_courts_of_a_name_keep_it_whole() -> None:
    assert parties_of("On Wednesday the Royal Courts of Justice heard the case.") == {
        "Royal Courts of Justice": "government"}


def test_a_countrys_body_keeps_the_country_in_its_name() -> None:
    assert parties_of("On Monday the study was backed by the US National Science Foundation "
                      "and flown by the UAE Air Force.") == {
        "US National Science Foundation": "government", "UAE Air Force": "government"}


def test_a_person_by_the_last_names_of_a_longer_name_is_that_person() -> None:
    proposals = propose(article("On Monday we congratulated Sanchez Ceren. We will work with "
                                "President Salvador Sanchez Ceren."))
    assert [(p.name, p.aliases) for p in proposals.parties] == [
        ("Salvador Sanchez Ceren", ("Sanchez Ceren",))]


def test_where_an_envoy_is_sent_is_no_part_of_the_envoys_name() -> None:
    assert parties_of("On Monday the Afghan Ambassador to the United States Hamdullah Mohib "
                      "said the team would travel.") == {"Hamdullah Mohib": "person"}


@pytest.mark.parametrize("credit", [
    "Ellery Roberts Biddle, Lisa Ferguson and Sarah Myers contributed to this report.",
    "Most of this report was researched, written, and edited by Lisa Ferguson and Weiping Li.",
    "Additional reporting by Maria Olsen.",
    "Translated by Maria Olsen.",
    "This post was written by Maria Olsen.",
])
def test_who_wrote_the_article_is_no_party_nor_its_news(credit: str) -> None:
    proposals = propose(article(f"{credit}\n\nZentrix Corp sued Globex. It was a surprise."))
    assert [p.name for p in proposals.parties] == ["Zentrix", "Globex"]
    assert proposals.events[0].title.startswith("Zentrix")


def test_a_countrys_electoral_commission_is_a_body_of_its_state() -> None:
    assert parties_of("The Nigerian electoral commission declared Bola Tinubu the winner on "
                      "Wednesday.") == {"Nigerian electoral commission": "government",
                                        "Bola Tinubu": "person"}


def test_a_watchdog_named_watch_keeps_its_name() -> None:
    assert parties_of("Activists from the group Human Rights Watch said on Monday that 20 "
                      "people died.") == {"Human Rights Watch": "organisation"}
    assert parties_of("On Monday Apple unveiled the Apple Watch.") == {"Apple": "organisation"}


def test_who_a_sentence_opens_with_by_what_they_are_is_no_name() -> None:
    assert parties_of("Gunmen killed 12 people in northern Nigeria on Sunday, police said.") == {
        "police": "government"}
    assert parties_of("On Monday Russian troops attacked Kharkiv.") == {
        "Russian troops": "government"}


def test_a_team_before_a_score_is_no_product() -> None:
    assert parties_of("On Sunday, Manchester City beat Arsenal 4-1 at the Etihad Stadium.") == {
        "Manchester City": "organisation", "Arsenal": "organisation"}
    assert parties_of("On Monday Huawei unveiled its Mate 60 phone.") == {
        "Huawei": "organisation"}


def test_a_capital_acts_past_a_day_and_is_done_to_by_another_state() -> None:
    assert parties_of("Beijing on Monday accused Washington of interference.") == {
        "China": "government", "United States": "government"}
    assert parties_of("He was in London on Monday visiting friends.") == {}


def test_a_body_of_states_keeps_its_members_in_its_name() -> None:
    assert parties_of("On Friday the Organization of American States praised the vote, and "
                      "the Association of Southeast Asian Nations met.") == {
        "Organization of American States": "organisation",
        "Association of Southeast Asian Nations": "organisation"}


def test_who_a_body_is_for_is_in_its_name() -> None:
    assert parties_of("The United Nations Children's Fund (UNICEF) warned on Tuesday of "
                      "famine.") == {"United Nations Children's Fund": "organisation"}
    assert parties_of("On Monday China's Foreign Ministry said so.") == {
        "China": "government", "Foreign Ministry": "government"}


def test_a_seat_of_government_acts_for_its_state() -> None:
    assert parties_of("On Tuesday, the Kremlin said Vladimir Putin would attend.") == {
        "Russia": "government", "Vladimir Putin": "person"}
    assert parties_of("The White House said on Tuesday that it would attend.") == {
        "United States": "government"}
    assert parties_of("On Tuesday reporters gathered outside the White House.") == {}


def test_what_someone_wrote_in_the_news_is_no_credit_of_the_article() -> None:
    assert parties_of("The Supreme Court on Friday struck down the law, in a ruling written by "
                      "Chief Justice John Roberts.") == {
        "Supreme Court": "government", "John Roberts": "person"}


def test_a_portfolio_after_a_lowercase_title_is_no_party() -> None:
    assert parties_of("On Monday Guatemala's secretary of Communication denied that Zentrix "
                      "Corp was hacked.") == {"Guatemala": "government", "Zentrix": "organisation"}


def test_an_age_and_what_someone_was_stand_aside() -> None:
    proposals = propose(article("Jon Huntsman Sr., 80, the Utah billionaire who overcame "
                                "poverty, died Friday in Salt Lake City."))
    names = {p.id: p.name for p in proposals.parties}
    [event] = proposals.events
    assert event.title == "Jon Huntsman Sr. died in Salt Lake City"
    assert [(names[p], r) for p, r in event.parties] == [("Jon Huntsman Sr", "deceased")]


def test_a_name_with_a_particle_opening_a_sentence_is_whole() -> None:
    assert parties_of("Nicholas von Hoffman, 88, a columnist, died on Thursday.") == {
        "Nicholas von Hoffman": "person"}


def test_an_acronym_after_in_is_no_place() -> None:
    assert parties_of("On Monday Zentrix Corp invested in April in GMAC, the financing arm of "
                      "Globex.") == {"Zentrix": "organisation", "GMAC": "organisation",
                                     "Globex": "organisation"}


def test_an_embassy_is_named_for_where_it_is() -> None:
    assert parties_of("On Monday the American Embassy in China and the US Embassy in Moscow "
                      "closed.") == {"American Embassy in China": "government",
                                     "US Embassy in Moscow": "government"}


def test_a_body_named_for_its_members_is_one_name() -> None:
    proposals = propose(article("On Monday the Kurdistan Workers' Party (PKK) attacked Zentrix."))
    assert {p.name: p.aliases for p in proposals.parties}["Kurdistan Workers' Party"] == (
        "PKK",)


def test_a_portfolio_is_a_title_only_beside_one() -> None:
    assert parties_of("On Monday Chief Justice John Roberts, Justice Anthony Kennedy and "
                      "Dean Kamen met.") == {"John Roberts": "person", "Anthony Kennedy": "person",
                                             "Dean Kamen": "person"}  # ("Dean": a given name)
    assert parties_of("On Friday the Golden State Warriors beat Zentrix. Russian Foreign "
                      "Minister Sergei Lavrov and Secretary of State Antony Blinken met.") == {
        "Golden State Warriors": "organisation", "Zentrix": "organisation",
        "Sergei Lavrov": "person", "Antony Blinken": "person"}


def test_a_known_name_with_and_in_it_is_one_name() -> None:
    proposals = propose(article(
        "On Monday Matthew Ingram of The Globe and Mail met Procter and Gamble."),
        [Party(9, "pg", "Procter and Gamble", "organisation")])
    assert {p.name for p in proposals.parties} >= {"Globe and Mail", "Procter and Gamble"}
    assert not {"Globe", "The Globe", "Mail", "Procter", "Gamble"} & {
        p.name for p in proposals.parties}


def test_a_month_after_a_given_name_is_a_family_name() -> None:
    assert parties_of("Prime Minister Theresa May met President Emmanuel Macron on Tuesday."
                      ) == {"Theresa May": "person", "Emmanuel Macron": "person"}
    # (a date is not: "hired Theresa May 5")
    assert [e.when.edtf() for e in propose(article(
        "Acme hired Theresa May 5.", "2017-07-20")).events] == ["2017-05-05"]


@pytest.mark.parametrize("text", [
    "On Monday the PLP defeated the governing FNM [Free National Movement]. The FNM lost.",
    "On Monday the PLP defeated the governing FNM (Free National Movement). The FNM lost.",
    "On Monday the PLP defeated the Free National Movement (FNM). The FNM lost.",
])
def test_an_acronym_spelled_out_beside_it_is_one_party(text: str) -> None:
    parties = {p.name: p.aliases for p in propose(article(text)).parties}
    assert parties["Free National Movement"] == ("FNM",) and "FNM" not in parties


def test_store_parties_match_by_name_and_alias_on_word_boundaries() -> None:
    text = ("Huawei Technologies said the US and the U.S. Treasury met. Huaweis are not Huawei. "
            "Let us go.")
    proposals = propose(article(text), KNOWN)
    by_name = {p.name: p for p in proposals.parties}
    assert by_name["Huawei"].match == "huawei" and by_name["Huawei"].kind == "organisation"
    assert by_name["United States"].match == "united-states"
    assert len(by_name["Huawei"].mentions) == 2  # not "Huaweis"
    [(start, end)] = by_name["United States"].mentions  # "us" is not "US"
    assert text[start:end] == "US"
    assert by_name["U.S. Treasury"].kind == "government"  # a body with a name of its own


def test_a_store_alias_matches_only_where_the_text_writes_it_as_a_name() -> None:
    acme = Party(1, "acme", "Acme Corporation", "organisation", aliases=("the Company",))
    text = "The company said on Friday that the Company had signed with Acme Corporation in 2019."
    [party] = [p for p in propose(article(text), [acme]).parties if p.match == "acme"]
    assert [text[a:b] for a, b in party.mentions] == ["the Company", "Acme Corporation"]


def test_capitals_and_countries_stand_for_governments_but_not_as_places() -> None:
    found = parties_of("Moscow condemned the move. Brussels and Beijing disagreed. Ericsson, "
                       "based in Stockholm, and Acme, a firm in Paris, said nothing. The "
                       "Washington Post sued George Washington, who never visited Latin "
                       "America.")
    assert found["Russia"] == found["China"] == "government"
    assert found["European Union"] == "organisation"  # a union of states, like the UN
    assert "Sweden" not in found and "France" not in found and "United States" not in found
    assert "United Kingdom" not in parties_of("He won two medals at the London games on "
                                              "Tuesday and at the London Olympics on Monday.")
    assert "Washington Post" in found and "George Washington" in found
    # A capital that does nothing is its city: an index of its market, a place after an
    # adjective.
    assert parties_of("On Monday London's FTSE 100 and Paris' CAC 40 fell. The trial began on "
                      "Wednesday in central London. Beijing's decision was criticised.") == {
        "China": "government"}
    # A country that starts a sentence is no part of the name that ends the one before.
    found = parties_of("On Friday Acme hired Ryan Lochte. France sanctioned Acme on Monday.")
    assert found["France"] == "government"
    # however they are spelled
    assert parties_of("The U. S. sanctioned Acme Corp. The Soviet Union launched Sputnik.") == {
        "United States": "government", "Acme": "organisation", "Soviet Union": "government"}


def test_the_news_medium_that_publishes_the_article_tells_it() -> None:
    text = "Global Voices congratulates Zentrix, which won the award on Friday."
    told = Article("gv", "t", text, published=parse_edtf("2012-05-06"), publisher="Global Voices")
    assert [p.name for p in propose(told).parties] == ["Zentrix"]
    # A body's own statement is the body acting.
    said = Article("nasa", "t", "NASA congratulates Zentrix, which won the award on Friday.",
                   published=parse_edtf("2012-05-06"), publisher="NASA")
    assert [p.name for p in propose(said).parties] == ["NASA", "Zentrix"]


def test_news_media_report_and_are_parties_only_where_they_act() -> None:
    found = parties_of("Acme was listed by Forbes as the largest firm on Monday. \"We won,\" "
                       "an Acme official told The Associated Press. The New York Times sued Acme "
                       "on Friday, according to Reuters.")
    assert list(found) == ["Acme", "New York Times"]


def test_demonyms_and_sentence_words_are_not_parties() -> None:
    found = parties_of("Despite the ban, American components still flow. Back then, Chinese "
                       "firms grew. Our view is clear. The deal is done. It was Friday in "
                       "March. President said nothing. Officials said so.")
    assert found == {}


def test_names_merge_and_take_kinds_from_cues() -> None:
    found = propose(article(
        "Chief executive Maria Lindqvist of Nordic Paper Group said on Monday the firm would "
        "buy Baltic Pulp Ltd. Lindqvist said Nordic Paper would pay cash. The European Central "
        "Bank (ECB) approved it in 2023, and the ECB said so. Mr. Okafor, a lawyer, objected.")
    ).parties
    by_name = {p.name: p for p in found}
    assert by_name["Maria Lindqvist"].kind == "person"
    assert "Lindqvist" in by_name["Maria Lindqvist"].aliases
    assert by_name["Nordic Paper Group"].kind == "organisation"
    assert "ECB" in by_name["European Central Bank"].aliases
    assert by_name["Okafor"].kind == "person"
    assert "Baltic Pulp" in by_name


def test_a_post_held_is_no_party_and_a_name_that_resigns_is_a_person() -> None:
    found = {p.name: p.kind for p in propose(article(
        "Remes resigned his Cabinet post in 2007 after prosecutors accused him of taking a "
        "bribe.", "2012-02-14")).parties}
    assert found == {"Remes": "person"}


def test_a_name_after_a_kin_word_is_a_person() -> None:
    found = {p.name: p.kind for p in propose(article(
        "Mubarak is to face trial on August 3, along with his son Alaa.", "2011-06-04")).parties}
    assert found["Alaa"] == "person"


def test_an_initial_and_a_name_are_a_person() -> None:
    found = {p.name: p.kind for p in propose(article(
        "P Duraisamy has been appointed vice-chancellor of Madras University on Friday, and K "
        "Sivan was appointed chairman of ISRO.", "2017-05-27")).parties}
    assert found["P Duraisamy"] == found["K Sivan"] == "person"


def test_a_name_before_a_title_set_off_is_a_person_not_a_town() -> None:
    found = {p.name: p.kind for p in propose(article(
        "Filippo Grandi, UN High Commissioner for Refugees, said on Tuesday that 150,000 more "
        "people had fled.", "2022-03-01")).parties}
    assert found["Filippo Grandi"] == "person"
    # (a town before its country is still a place: "ESPOO, Finland")
    assert "Espoo" not in {p.name for p in propose(article(
        "Espoo, Finland was cold on Tuesday, Nokia said.", "2022-03-01")).parties}


def test_a_house_of_representatives_is_the_states_and_mills_of_a_country_a_company() -> None:
    found = {p.name: p.kind for p in propose(article(
        "The House of Representatives on Tuesday approved the sale of a stake to Flour Mills of "
        "Nigeria.", "2014-11-10")).parties}
    assert found == {"House of Representatives": "government",
                     "Flour Mills of Nigeria": "organisation"}


def test_tribunals_and_regulators_are_the_states() -> None:
    found = {p.name: p.kind for p in propose(article(
        "The Competition Tribunal on Wednesday approved the merger. The Telecom Regulatory "
        "Authority on Friday fined Zorblax.", "2018-11-21")).parties}
    assert found["Competition Tribunal"] == found["Telecom Regulatory Authority"] == "government"


def test_a_stock_ticker_after_a_company_is_neither_a_party_nor_a_sentence_break() -> None:
    proposals = propose(article(
        "Mitsubishi Corp. (MBC.L, MSBHY.PK) reported on Thursday that its profit fell. Apple "
        "Inc. (AAPL) said on Monday it would buy back shares.", "2020-11-05"))
    names = {p.id: p.name for p in proposals.parties}
    assert [[names[pid] for pid, _role in e.parties] for e in proposals.events] == [
        ["Mitsubishi"], ["Apple"]]


def test_a_company_and_the_country_it_works_in_are_one_organisation() -> None:
    found = propose(article(
        "MTN Nigeria on Monday paid a fine to the regulator. On Monday, Unilever Philippines "
        "recalled 5,000 cans. Nigeria's regulator said on Tuesday the fine was fair.",
        "2016-06-14"))
    assert {p.name: p.kind for p in found.parties} == {
        "MTN Nigeria": "organisation", "Unilever Philippines": "organisation",
        "Nigeria": "government"}
    names = {p.id: p.name for p in found.parties}
    assert [[names[pid] for pid, _role in e.parties] for e in found.events] == [
        ["MTN Nigeria"], ["Unilever Philippines"], ["Nigeria"]]


def test_a_companys_trade_in_its_last_word_says_organisation() -> None:
    found = {p.name: p.kind for p in propose(article(
        "Exxon agreed on Monday to buy Pioneer Natural Resources. Zorvan Logistics, Kestrel "
        "Minerals and Halden Steel signed the deal on Tuesday.", "2023-10-12")).parties}
    assert [found[name] for name in ("Pioneer Natural Resources", "Zorvan Logistics",
                                     "Kestrel Minerals", "Halden Steel")] == ["organisation"] * 4


COMPANIES = [Party(n, key.lower(), key, "organisation")
             for n, key in enumerate(("Acme", "Zenith", "Orbex"), start=10)]


def test_titles_modifiers_emphasis_and_wires_are_not_names() -> None:
    found = parties_of(
        "BRUSSELS (AP) — Democratic nominee Maria Silva beat Republican President Tom Hale, "
        "White House Chief of Staff Ana Ruiz said. Silva, a former judge, called the Election "
        "a fraud. The election was measured on the Richter scale. The firm's Woodbridge holding "
        "company and the Bundesliga club Borussia Dortmund agreed. Dortmund said so.")
    assert found == {"Maria Silva": "person", "Tom Hale": "person", "United States": "government",
                     "Ana Ruiz": "person", "Woodbridge": "organisation",
                     "Bundesliga": "organisation", "Borussia Dortmund": "organisation"}


def test_a_short_form_used_more_often_than_its_long_name_after_it_is_still_it() -> None:
    proposals = propose(article(
        "Bloggers like Kirill Voronov, aka reggamortis1, sued Orbex on Monday. Voronov blogged "
        "about it. Voronov was behind. Voronov left. Zenith sold Nadir to Cerberus Capital "
        "Management on Friday. Cerberus agreed to pay. Cerberus also bought Orbex. NASA signed "
        "a deal on Friday. NASA agreed. NASA paid. The NASA Lunar Science Institute grew."))
    names = {p.name: p.aliases for p in proposals.parties}
    assert names["Kirill Voronov"] == ("Voronov",) and "Voronov" not in names
    assert names["Cerberus Capital Management"] == ("Cerberus",) and "Cerberus" not in names
    assert "NASA" in names  # named before its Institute: a name of its own


def test_a_short_name_is_the_company_named_before_not_the_person_after() -> None:
    proposals = propose(article(
        "Rogers Communications Inc. agreed to buy rival Shaw Communications Inc. on Monday. "
        "The offer has the support of Shaw's board. Rogers and Shaw have carved up cable "
        "territories. Shaw CEO Brad Shaw will join the Rogers board."))
    names = {p.name: set(p.aliases) for p in proposals.parties}
    assert "Shaw" in names["Shaw Communications"] and "Shaw" not in names["Brad Shaw"]


def test_a_body_by_either_order_of_its_words_is_one() -> None:
    proposals = propose(article(
        "The Department of State and the Department of Treasury sanctioned Orbex on Monday. "
        "The State Department said the Department of the Treasury would act."))
    assert [(p.name, set(p.aliases)) for p in proposals.parties] == [
        ("Department of State", {"State Department"}),
        ("Department of the Treasury", {"Department of Treasury"}), ("Orbex", set())]
    # (a country before it stays first: the "State Department" of the "US State Department")
    proposals = propose(article("The US State Department said on Monday it would act. The "
                                "State Department acted."))
    assert [(p.name, p.aliases) for p in proposals.parties] == [
        ("US State Department", ("State Department",))]


def test_names_from_a_court_report() -> None:
    proposals = propose(article(
        "The Court of Appeal today fixed a date to hear an application by former minister "
        "Peter Anthony. Peter was sentenced to three years in prison. Azman, who sat with "
        "Justices Lim Chong Fong and Lim Hock Leng, said so. Peter's counsel requested a new "
        "date. Peter filed a notice of motion against the sentence handed down by the Court of "
        "Appeal on March 4.", "2025-07-09"))
    names = {p.name: p.aliases for p in proposals.parties}
    assert names["Peter Anthony"] == ("Peter",)  # (his given name, however often)
    assert "Lim Chong Fong" in names  # (a title in the plural before two names)
    assert "Court of Appeal" in names and not any(n.endswith(" on") for n in names)


def test_a_point_of_the_compass_as_an_adjective_is_no_name() -> None:
    assert "Western" not in parties_of(
        "The United States said on Wednesday it had sanctioned Iran's main agency in charge of "
        "broadcasting for helping the government censor Western reports, part of a broader "
        "effort by Washington to pressure Tehran's nuclear program.")
    assert {"Western Union", "Northern Rock"} <= parties_of(
        "On Monday Western Union and Northern Rock said so.").keys()


def test_a_news_medium_named_of_a_country_is_the_medium() -> None:
    found = parties_of("Iran jammed foreign channels, including the BBC and Voice of America, "
                       "on Monday.")
    assert "America" not in found and "United States" not in found


def test_a_long_document_named_by_its_first_words_is_no_party() -> None:
    found = parties_of("On Monday Acme was sanctioned under the Global Magnitsky Human Rights "
                       "Accountability Act. Global Magnitsky requires strong evidence.")
    assert found.keys() == {"Acme"}


def test_a_name_that_opens_with_a_nationality_is_no_persons() -> None:
    # (", who fled," would say a person)
    assert parties_of("Zambian Watchdog, who fled, reported the arrests on Monday.") == {
        "Zambian Watchdog": "organisation"}


def test_a_sports_club_by_its_prefix_or_last_word_is_an_organisation() -> None:
    found = parties_of("Bhubaneswar: FC Goa emerged as champions of the Hero Super Cup after "
                       "defeating Chennaiyin 2-1 in a tense final on Saturday.")
    assert found["FC Goa"] == "organisation"
    proposals = propose(article("FC Goa emerged as champions after defeating Chennaiyin 2-1 on "
                                "Saturday, though Augusto's effort brought Chennaiyin back level."))
    names = {p.id: p.name for p in proposals.parties}
    roles = {names[pid]: role for pid, role in proposals.events[0].parties}
    assert (roles["FC Goa"], roles["Chennaiyin"]) == ("winner", "defeated")  # ("back": no verb)
    found = parties_of("It was tight all night, but the Goulburn Stags has beaten MBK United to "
                       "take home the trophy on Saturday.")
    assert found["MBK United"] == "organisation"


def test_a_central_bank_is_a_state_body() -> None:
    found = parties_of("The Bank of England, the Central Bank of Kenya and the Federal Reserve "
                       "cut rates on Thursday, and Bank of America said so.")
    assert found == {"Bank of England": "government", "Central Bank of Kenya": "government",
                     "Federal Reserve": "government", "Bank of America": "organisation"}


def test_a_list_of_words_in_title_case_names_no_one() -> None:
    found = parties_of("Edward Yiu of the Architectural, Surveying, Planning and Landscape "
                       "constituency defeated Tom Hale on Monday.")
    assert found.keys() == {"Edward Yiu", "Tom Hale"}
    # (names in a list are names; a body's portfolios are its name)
    assert {"Zorblax", "Quorvex", "Telvio"} <= parties_of(
        "Zorblax, Quorvex and Telvio sued Tom Hale on Monday.").keys()
    assert "Ministry for Food, Agriculture, Forestry and Fisheries" in parties_of(
        "On Monday the Ministry for Food, Agriculture, Forestry and Fisheries said so.")


def test_a_body_named_without_its_country_or_what_it_is_of_is_the_body() -> None:
    proposals = propose(article(
        "The Supreme Court of Brazil upheld the quotas on Thursday. Critics said the Supreme "
        "Court had erred."))
    assert [(p.name, p.aliases) for p in proposals.parties] == [
        ("Supreme Court of Brazil", ("Supreme Court",))]
    proposals = propose(article(
        "The Italian Supreme Court of Cassation ruled on Monday. The Supreme Court said so."))
    assert [(p.name, p.aliases) for p in proposals.parties] == [
        ("Italian Supreme Court of Cassation", ("Supreme Court",))]
    proposals = propose(article(
        "The Tunisia Monitoring Group of the International Freedom of Expression Exchange "
        "launched a campaign on Monday. The Tunisian Monitoring Group runs it."))
    assert [(p.name, p.aliases) for p in proposals.parties] == [
        ("Tunisia Monitoring Group of the International Freedom of Expression Exchange",
         ("Tunisian Monitoring Group",))]


def test_money_tickers_and_a_company_s_board_are_no_parties() -> None:
    found = parties_of(
        "The UAL Corporation, United Airline's parent company, announced Monday that it would "
        "buy the Continental airline for more than 3 billion U.S. dollars to form the world's "
        "largest air carrier. The deal was approved by the Boards of Directors of both companies. "
        "Albertsons announced a merger with Rite Aid Corporation (NYSE: RAD) on Tuesday.")
    assert not {"United States", "Boards", "Board of Directors", "NYSE"} & found.keys()
    assert {"UAL", "Continental", "Rite Aid"} <= found.keys()


def test_names_from_election_reports() -> None:
    found = parties_of("On Wednesday ZANU-PF took 109 seats while the Movement for Democratic "
                       "Change secured 41 in the 210-member House of Assembly.")
    assert {"ZANU-PF", "House of Assembly"} <= found.keys() and "Assembly" not in found
    names = {p.name: set(p.aliases) for p in propose(article(
        "The People's Progressive Party (PPP) won 33 seats on Sunday. IFEX-TMG (the Tunisia "
        "Monitoring Group of the International Freedom of Expression Exchange) watched.")
    ).parties}
    assert names["People's Progressive Party"] == {"PPP"}
    assert "IFEX-TMG" in names[
        "Tunisia Monitoring Group of the International Freedom of Expression Exchange"]


def test_crafts_planets_and_a_channel_are_not_their_makers() -> None:
    found = parties_of(
        "NASA's new Orion spacecraft lifted off on Friday and orbited Earth twice. Orion "
        "splashed down later. A Falcon 9 rocket carried SpaceX's satellite for NASA, according "
        "to SpaceX announcers on NASA TV.")
    assert {"NASA", "SpaceX"} <= found.keys()
    assert not {"Orion", "Earth", "Falcon", "NASA TV"} & found.keys()


def test_a_surname_of_several_is_the_one_the_story_opens_with() -> None:
    names = {p.name: set(p.aliases) for p in propose(article(
        "Jimmy Carter, the 39th president of the United States, has died, it was announced on "
        "Sunday. \"My father was a hero,\" said Chip Carter, the former president's son. "
        "Carter was the longest-lived president. Carter's wife, Rosalynn Carter, died last "
        "November.")).parties}
    assert "Carter" in names["Jimmy Carter"] and "Carter" not in names


def test_paying_tribute_is_no_payment() -> None:
    proposals = propose(article("Nancy Reagan paid tribute to Gerald Ford on Tuesday. Zorblax "
                                "paid Orbex $5 million on Wednesday."))
    names = {p.id: p.name for p in proposals.parties}
    roles = [{names[pid]: role for pid, role in e.parties} for e in proposals.events]
    assert roles[0].get("Nancy Reagan") != "payer" and roles[1]["Zorblax"] == "payer"


def test_middle_initials_tell_people_apart_and_join_the_same() -> None:
    names = {p.name: set(p.aliases) for p in propose(article(
        "George H.W. Bush, George W. Bush and Bill Clinton met on Monday.")).parties}
    assert {"George H.W. Bush", "George W. Bush"} <= names.keys()
    names = {p.name: set(p.aliases) for p in propose(article(
        "John F. Kennedy said on Monday he would go. Kennedy left. John Kennedy was there."
    )).parties}
    assert names == {"John F. Kennedy": {"Kennedy", "John Kennedy"}}


def test_a_name_spelled_two_ways_is_one() -> None:
    proposals = propose(article(
        "Raja Parvez Ashraf of the New People's Party sued Orbex on Monday. Raja Pervaiz "
        "Ashraf of the New People Party said so."))
    names = {p.name: set(p.aliases) for p in proposals.parties}
    assert names["Raja Parvez Ashraf"] == {"Raja Pervaiz Ashraf"}
    assert names["New People's Party"] == {"New People Party"}


def test_a_person_after_the_body_they_serve_is_the_person() -> None:
    found = parties_of(
        "Boeing hired Deputy Undersecretary of the Air Force for Acquisition Darleen Druyun on "
        "Friday. Director of Air Force Communications Bill Bodie said so on Monday. Microsoft "
        "Research Asia opened on Monday. On Tuesday Airbus was sold to European Aeronautic "
        "Defense & Space Company.")
    assert found["Darleen Druyun"] == found["Bill Bodie"] == "person"
    assert not any("Acquisition" in name or "Communications" in name for name in found)
    assert "Microsoft Research Asia" in found
    assert "European Aeronautic Defense & Space Company" in found  # (a title word inside)


def test_a_single_word_named_once_in_no_event_is_not_offered() -> None:
    text = ("Norvane bought Zenith on Monday. Analysts compared it to Quorvex Labs. The "
            "two trade in Oslo, as does {}.")
    found = parties_of(text.format("Telvio"))
    assert {"Norvane", "Zenith", "Quorvex Labs"} <= found.keys()
    assert "Telvio" not in found  # once, one word, in no event, nothing said of it
    assert "Telvio Group" in parties_of(text.format("Telvio Group"))


def test_countries_that_play_a_match_are_teams() -> None:
    found = parties_of("Sweden beat South Korea 1-0 in their World Cup match on Monday. "
                       "Sweden imposed sanctions on Iran on Tuesday. Iran protested. Iran "
                       "recalled its ambassador. Iran said so on Wednesday.")
    assert found["South Korea"] == "organisation"
    assert found["Iran"] == found["Sweden"] == "government"
    assert parties_of("Sweden imposed sanctions on Iran on Tuesday.")["Sweden"] == "government"
    assert parties_of("Russia beat Germany 3-2 in the quarter-final on Monday.") == {
        "Russia": "organisation", "Germany": "organisation"}


def test_month_names_take_the_year_the_clause_points_to() -> None:
    assert dates_of("The Senate vote rests on run-off elections in January.", "2020-11-15") == [
        "2021-01"]
    assert dates_of("The plant opened in January.", "2020-11-15") == ["2020-01"]
    assert dates_of("The plant will open in January.", "2020-11-15") == ["2021-01?"]
    # A promise is made on its date, though what is promised is not sure.
    assert dates_of("In 2013, Russia promised to ensure Syria would abandon its weapons.",
                    "2018-04-04") == ["2013"]
    # After "postponed until" or "ahead of", a day without a year is the nearer one.
    assert dates_of("The qualifier has been postponed until September 3rd.", "2007-08-28") == [
        "2007-09-03"]
    assert dates_of("The qualifier was postponed until September 3rd.", "2007-09-10") == [
        "2007-09-03"]
    assert dates_of("The star turned politician faces a task ahead of his swearing-in on "
                    "Jan. 16.", "2017-12-29") == ["2018-01-16"]
    assert dates_of("His term as chief executive expires in December.", "2022-05-24") == [
        "2022-12"]  # (a present tense of what is scheduled)
    # A weekday in brackets is its date's; a participle after "be" is no past tense.
    assert dates_of("The meetings will be convened on September 14 (Thursday) and December 12 "
                    "(Tuesday).", "2023-07-31") == ["2023-09-14?", "2023-12-12?"]
    assert dates_of('"Tonight we will win," she said.') == []  # the speaker's tonight
    assert dates_of('"The shuttle reached orbit Friday night," NASA said.') == ["2023-08-25"]
    # A day word before the date it names is that date, once.
    assert dates_of("Russia will face Norway tomorrow on May 17.", "2012-05-16") == [
        "2012-05-17?"]
    # Irregular past tenses point back too (found on a held-out paragraph).
    assert dates_of("The court upheld the result of the August 9 election.",
                    "2023-03-23") == ["2022-08-09"]


def roles_of(text: str) -> dict[str, str]:
    proposals = propose(article(text), COMPANIES)
    names = {p.id: p.name for p in proposals.parties}
    [event] = proposals.events
    return {names[pid]: role for pid, role in event.parties}


def test_a_pronoun_after_an_opening_phrase_is_the_subject_or_person_before() -> None:
    proposals = propose(article(
        "The EU imposed an arms embargo on Venezuela in November 2017. In January, it added "
        "seven officials to its list. Arsenal signed Alexandre Lacazette on Wednesday. Last "
        "month he scored twice.", "2018-05-29"))
    names = {p.id: p.name for p in proposals.parties}
    assert [[names[pid] for pid, _role in e.parties] for e in proposals.events][1:] == [
        ["European Union"], ["Arsenal", "Alexandre Lacazette"], ["Alexandre Lacazette"]]


def test_what_an_ing_clause_does_is_the_sentence_subjects() -> None:
    assert roles_of("An earthquake shook Zenith in 2016, killing at least two people.") == {
        "Zenith": "mentioned"}
    assert roles_of("Orbex attacked Zenith in 2016, killing two people.") == {
        "Orbex": "attacker", "Zenith": "target"}


def test_conceding_defeat_is_no_defeat_of_the_winner() -> None:
    assert roles_of("Alejandro Guillier in 2017 conceded defeat to Sebastian Pinera.") == {
        "Alejandro Guillier": "mentioned", "Sebastian Pinera": "mentioned"}


def test_it_said_is_the_subjects_saying() -> None:
    assert roles_of("Orbex raised its stake in Zenith to 70% in 2020, it said.") == {
        "Orbex": "spokesperson", "Zenith": "mentioned"}
    assert roles_of("Acme agreed to pay for a stake in German power generator Zenith, the "
                    "Finnish company announced in 2019.") == {
        "Acme": "payer", "Zenith": "mentioned"}


def test_swearing_in_and_disqualifying_are_roles() -> None:
    assert roles_of("Manuel Merino swore in his new cabinet in 2020.") == {
        "Manuel Merino": "appointer"}
    assert roles_of("In 2017 the Supreme Court disqualified Nawaz Sharif.") == {
        "Supreme Court": "dismissing party", "Nawaz Sharif": "dismissed"}


def test_a_post_set_off_after_a_name_without_its_article_is_an_aside() -> None:
    assert roles_of("Families were displaced in 2024, Raymond Omollo, principal secretary at "
                    "the Ministry of Interior, said.") == {
        "Raymond Omollo": "spokesperson", "Ministry of Interior": "mentioned"}
    # (and a spokesman's body speaks with him)
    assert roles_of("In 2015 Fuad Basya, spokesman for the Indonesian Navy, said the boats "
                    "sank.") == {"Fuad Basya": "spokesperson", "Indonesian Navy": "spokesperson"}


def test_roles_from_the_verbs() -> None:
    assert roles_of("Acme acquired Zenith in 2020.") == {"Acme": "buyer", "Zenith": "acquired"}
    assert roles_of("Zenith was acquired by Acme in 2020.") == {"Zenith": "acquired",
                                                                "Acme": "buyer"}
    assert roles_of("Acme sued Zenith in 2020.") == {"Acme": "plaintiff", "Zenith": "defendant"}
    assert roles_of("Russia sanctioned Acme in 2020.") == {
        "Russia": "sanctioning government", "Acme": "sanctioned"}
    assert roles_of("The Food and Drug Administration (FDA) said in 2020 it had approved "
                    "the drug.") == {"Food and Drug Administration": "spokesperson"}
    # (its acronym in brackets is the same speaker, not one nearer the verb)
    assert roles_of("In 2020 Acme picked Paul Russo to be its chief executive.") == {
        "Acme": "appointer", "Paul Russo": "appointee"}
    assert roles_of("Governor Mark Carney indicated in 2020 that he would stay.") == {
        "Mark Carney": "spokesperson"}
    assert roles_of("In 2020 Badrul Hisham pleaded not guilty, and prosecutor Kalmizah Salleh "
                    "charged him.") == {"Badrul Hisham": "defendant",
                                        "Kalmizah Salleh": "prosecutor"}
    assert roles_of("In 2020 Zijin agreed to buy the mine from US miner Newmont Corp.") == {
        "Zijin": "buyer", "Newmont": "seller"}  # (and from whom)
    assert roles_of("Pedro Castorena, arrested in 2018 in Guadalajara, was indicted.") == {
        "Pedro Castorena": "arrested"}  # (a participle set off after a name: done to it)
    assert roles_of("Sevilla midfielder Antonio Puerta died in 2007 at the age of 22.") == {
        "Sevilla": "mentioned", "Antonio Puerta": "deceased"}  # (a club does not die)
    assert roles_of("In 2012 the commission declared John Mahama the winner.") == {
        "John Mahama": "winner"}
    assert roles_of("In 2022 Golcharran Chulai picked up 4-20 for Wakenaam.") == {
        "Golcharran Chulai": "mentioned", "Wakenaam": "mentioned"}  # (no one appointed)
    assert roles_of("In 2015 Australia lost to England by an innings.") == {
        "Australia": "defeated", "England": "winner"}
    assert roles_of("In 2020 Governor Ferdinand Waititu was impeached by the Senate.") == {
        "Ferdinand Waititu": "dismissed", "Senate": "dismissing party"}
    assert roles_of("In 2020 Aliyu and Nasko faced prosecution by the Economic and Financial "
                    "Crimes Commission.") == {
        "Aliyu": "charged", "Nasko": "charged",
        "Economic and Financial Crimes Commission": "prosecutor"}  # (a noun and its agent)
    assert roles_of("In 2026 the watchdog fined Lotte Card 21.4 billion won.") == {
        "Lotte Card": "fined"}  # (Korea's money)
    assert roles_of("In 2023 BBC Chairman Richard Sharp resigned.") == {
        "Richard Sharp": "resigning party"}  # (he, not the BBC)
    # What is sold, and to whom.
    assert roles_of("In 2020 Orbex sold Zenith to Acme.") == {
        "Orbex": "seller", "Zenith": "acquired", "Acme": "buyer"}
    assert roles_of("In 2020 Orbex sold Zenith 20 planes.") == {"Orbex": "seller",
                                                                  "Zenith": "buyer"}
    assert roles_of("Australia on Wednesday vowed to impose sanctions on Acme.") == {
        "Australia": "sanctioning government", "Acme": "sanctioned"}  # (a date, then its verb)
    assert roles_of("Acme met Zenith and Orbex in 2020.") == {
        "Acme": "participant", "Zenith": "participant", "Orbex": "participant"}
    assert roles_of("In 2020, Acme grew and Zenith shrank.") == {"Acme": "mentioned",
                                                                 "Zenith": "mentioned"}


def test_a_body_speaks_by_its_spokesman() -> None:
    assert roles_of("Acme spokesman Bob Smith said on Monday that the plane was late.") == {
        "Acme": "spokesperson", "Bob Smith": "spokesperson"}
    # A dateless sentence's parties join the event before it: the body too.
    assert roles_of("The truce took effect on Monday. Russian Defense Ministry spokesman Igor "
                    "Konashenkov said it covers 147,000 people.") == {
        "Russian Defense Ministry": "spokesperson", "Igor Konashenkov": "spokesperson"}
    # Only a title comes between: "Acme said on Monday that Bob Smith …" is no spokesman's.
    assert roles_of("Acme hired engineer Bob Smith on Monday.")["Bob Smith"] != "spokesperson"


def test_a_body_takes_part_by_its_person() -> None:
    assert roles_of("On Sunday Acme Party's Bob Smith was elected.") == {
        "Acme Party": "elected", "Bob Smith": "elected"}
    assert roles_of("On Sunday Bob Smith of Acme Party was elected.") == {
        "Bob Smith": "elected", "Acme Party": "elected"}
    assert roles_of('"It is massive," Bob Smith, a spokesman for Acme Union, said on '
                    "Monday.") == {"Bob Smith": "spokesperson", "Acme Union": "spokesperson"}
    # An expert of a body speaks for himself: the body is only mentioned.
    assert roles_of("Bob Smith of Acme University said on Monday that prices fell.") == {
        "Bob Smith": "spokesperson", "Acme University": "mentioned"}


def test_a_long_aside_after_a_name_is_not_what_the_sentence_does() -> None:
    assert roles_of("On May 11 Cihan Kirmizigul, an engineering student at the prestigious "
                    "Galatasaray University in Istanbul, was sentenced to 11 years.") == {
        "Cihan Kirmizigul": "sentenced", "Galatasaray University": "mentioned"}
    assert parties_of("On May 11 engineering student Cihan Kirmizigul was sentenced.") == {
        "Cihan Kirmizigul": "person"}


def test_titles_are_short_plain_and_capitalised() -> None:
    proposals = propose(article(
        "Despite those tensions, Acme and Zenith – both based in Oslo – signed a \"long-term\" "
        "global agreement to license each other's patents and share research facilities on "
        "Friday, the company said in a statement. It later opened a lab in 2021."))
    titles = [e.title for e in proposals.events]
    assert titles == ["Acme and Zenith signed a long-term global agreement to license each "
                      "other's patents", "Acme later opened a lab"]
    # A date that owns the subject stays ("This year's"); the commas around a date go with it.
    assert [e.title for e in propose(article(
        "This year's theme was water security. Acme held a vigil [7 pm, May 2, 2012, the City "
        "Hall Square]. The result of Monday's elections gave Acme a seat.")).events] == [
        "This year's theme was water security", "Acme held a vigil [7 pm, the City Hall Square]",
        "The result of Monday's elections gave Acme a seat"]
    assert [e.title for e in propose(article("Back in 2008 mass protests broke out.")).events] == [
        "Mass protests broke out"]
    # An opening "together with …," or "Additionally," is no subject.
    assert [e.title for e in propose(article(
        "Today, together with the President of the United States and the Department of "
        "Treasury, the Department of State took action against two persons. Additionally, on "
        "Monday the Treasury froze their assets.")).events] == [
        "The Department of State took action against two persons",
        "The Treasury froze their assets"]
    # A dateline goes, and the comma a date leaves after it.
    assert [e.title for e in propose(article(
        "WASHINGTON - Today, the Treasury removed sanctions on two ministries.")).events] == [
        "The Treasury removed sanctions on two ministries"]
    # A long title is cut before a phrase that starts right at the limit too.
    assert [e.title for e in propose(article(
        "Russian defense officials and representatives of the Syrian rebels worked out the "
        "details of the cease-fire in northern Homs last week in Cairo.")).events] == [
        "Russian defense officials and representatives of the Syrian rebels worked out the "
        "details"]


# --- sentences -----------------------------------------------------------------------------------


def test_sentences_survive_abbreviations_decimals_and_quotes() -> None:
    text = ("Mr. Smith of Acme Inc. met Dr. Jones at St. Paul's in Jan. 2020, e.g. to talk "
            "about the U.S. market, which grew 3.5% in 2019. \"We will win,\" he said in 2021. "
            "The U.S. The end came in 2022.")
    proposals = propose(article(text))
    quotes = [proposals.quote_of(e) for e in proposals.events]
    assert quotes[0].startswith("Mr. Smith") and quotes[0].endswith("in 2019.")
    assert quotes[1] == "\"We will win,\" he said in 2021."
    assert quotes[-1] == "The end came in 2022."
    # ("which grew 3.5% in 2019" is the context of the meeting in Jan. 2020, no event)
    assert [e.when.edtf() for e in proposals.events] == ["2020-01", "2021", "2022"]


# --- reading files -------------------------------------------------------------------------------


def test_plain_text_paragraphs_headline_and_wrapping(tmp_path: Path) -> None:
    path = tmp_path / "acme-buys-zenith.txt"
    path.write_text("Acme buys Zenith\n\nAcme said on Friday it\nwould buy   Zenith.\n"
                    "It paid cash.\n\n\nZenith agreed.\n", encoding="utf-8")
    read = read_article(path, publisher="Wire", url="https://example.org/a")
    assert read.title == "Acme buys Zenith"
    assert read.text == "Acme said on Friday it would buy Zenith. It paid cash.\n\nZenith agreed."
    assert (read.publisher, read.url, read.published) == ("Wire", "https://example.org/a", None)
    long_lines = tmp_path / "story.txt"
    long_lines.write_text(("A sentence that goes on for a while to be longer than a wrapped "
                           "line would be in any plain text file. ") * 2 + "\nAnother line.\n",
                          encoding="utf-8")
    read = read_article(long_lines)
    assert read.title == "story" and read.text.count("\n\n") == 1


def test_plain_text_in_latin_1_and_with_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "cafe.txt"
    path.write_bytes("Le café a ouvert en 2016.".encode("latin-1"))
    assert read_article(path).text == "Le café a ouvert en 2016."
    path.write_bytes("\ufeffThe café opened in 2016.".encode())
    assert read_article(path).text == "The café opened in 2016."


def test_markdown_markup_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Acme buys Zenith\ndate: 2023-08-25\n---\n"
                    "# Ignored heading\n\nAcme **bought** [Zenith](https://z.example) on "
                    "*Friday*.\n![logo](logo.png)\n\n- It paid `cash`.\n- > Quoted.\n\n"
                    "```\ncode 2016\n```\n[1]: https://example.org\n", encoding="utf-8")
    read = read_article(path)
    assert read.title == "Acme buys Zenith"
    assert read.published == parse_edtf("2023-08-25")
    assert read.text == ("Ignored heading\n\nAcme bought Zenith on Friday.\n\nIt paid cash."
                         "\n\nQuoted.")
    plain = tmp_path / "b.md"
    plain.write_text("# Acme buys Zenith\n\nAcme bought _Zenith_ in 2016.\n", encoding="utf-8")
    read = read_article(plain)
    assert (read.title, read.text) == ("Acme buys Zenith", "Acme bought Zenith in 2016.")


HTML = """<!DOCTYPE html>
<html><head><title>Acme buys Zenith | Wire</title>
<meta property="article:published_time" content="2023-08-25T10:32:00Z">
<meta property="og:site_name" content="The Wire">
<meta property="og:url" content="https://wire.example/acme">
<style>p { color: red } .x:after { content: "in 1999" }</style>
<script>document.write("in 1998"); fetch("https://evil.example/" + 2016)</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World News Since 1990</a></nav>
<header><h1>Acme buys Zenith</h1></header>
<article><p>Acme said on Friday it would buy Zenith &amp; Co. for &euro;2&nbsp;billion.</p>
<p>The firms first talked in 2016.<br>Talks resumed in 2020.</p>
<figure><img src="x.png"><figcaption>Photo taken in 1997</figcaption></figure>
<aside>Read more: Acme in 1996</aside>
<noscript>Enable JavaScript since 1995</noscript><template><p>In 1994</p></template>
</article>
<footer>&copy; 2023 The Wire</footer></body></html>"""


def test_html_is_read_safely(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    read = read_article(path)
    assert read.title == "Acme buys Zenith"
    assert read.text == ("Acme said on Friday it would buy Zenith & Co. for €2 billion.\n\n"
                         "The firms first talked in 2016.\n\nTalks resumed in 2020.")
    assert read.published == parse_edtf("2023-08-25")
    assert (read.publisher, read.url) == ("The Wire", "https://wire.example/acme")
    given = read_article(path, published=parse_edtf("2024"), publisher="Me", url="u")
    assert (given.published, given.publisher, given.url) == (parse_edtf("2024"), "Me", "u")
    proposals = propose(read)
    assert [e.when.edtf() for e in proposals.events] == ["2023-08-25", "2016", "2020"]


def test_html_without_an_article_element_or_metadata(tmp_path: Path) -> None:
    path = tmp_path / "plain.htm"
    path.write_text("<title>Old &amp; new</title><div>First <b>bold</b> words.</div>"
                    "<p>Second</p><p>", encoding="utf-8")
    read = read_article(path)
    assert (read.title, read.text, read.published) == ("Old & new",
                                                       "First bold words.\n\nSecond", None)


def test_markup_html_does_not_know_is_read_as_browsers_read_it(tmp_path: Path) -> None:
    """'<![x]>' made html.parser raise AssertionError (a traceback for the reader): it is a
    bogus comment, up to the next '>'; markup left open at the end runs to the end."""
    path = tmp_path / "odd.html"
    path.write_text("<p>Acme bought <![x]>Zenith in 2016.</p><p>Talks began <![ y>in 2014.</p>"
                    "<![CDATA[not text]]><p>Then <a href='x", encoding="utf-8")
    read = read_article(path)
    assert read.text == "Acme bought Zenith in 2016.\n\nTalks began in 2014.\n\nThen"
    assert [e.when.edtf() for e in propose(read).events] == ["2016", "2014"]
    only = tmp_path / "only.html"
    only.write_text("<![x]><!-- no end", encoding="utf-8")
    with pytest.raises(FormatError, match=r"only\.html"):
        read_article(only)


MARKUP = ["<", ">", "</", "<!", "<![", "<![x]>", "<![ ", "<!--", "-->", "<?", "?>", "]]>",
          "<![CDATA[", "<![if", "<![endif]>", "<!doctype html>", "<html>", "<p>", "</p>",
          "<div>", "</div>", "<br/>", "<script>", "</script>", "<style>", "<title>", "</title>",
          "<h1>", "</h1>", "<article>", "</article>", "<main>", "<a href='x'>", "<a b=\"",
          "<meta name=date content=2023-08-25>", "<time itemprop=datePublished datetime=2019>",
          "<script type=application/ld+json>", '"datePublished": "2019-01-01"',
          "<link rel=canonical href=u>", "&", "&#", "&#x", "&amp;", "&#0;", "&#xD800;",
          "&#99999999;", "=", "'", '"', " ", "\n", "\x00", "\x0c", "/", "# ", "**", "_", "`",
          "[", "](", ")", "~~", "---\n", "```", "|", "In 2019 Acme", " said on Friday"]


@given(st.lists(st.one_of(st.sampled_from(MARKUP), st.text(max_size=4)), max_size=50),
       st.sampled_from([".html", ".htm", ".xhtml", ".md", ".txt", ""]))
@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@example(["<![x]>", "In 2019 Acme"], ".html")
@example(["<p>", "<![", " ", "In 2019 Acme"], ".html")
def test_any_file_reads_or_is_refused_by_name(tmp_path: Path, pieces: list[str],
                                              suffix: str) -> None:
    """Whatever a file holds, read_article gives an article (which propose reads) or a
    FormatError naming the file: never another exception."""
    path = tmp_path / f"fuzzed{suffix}"
    path.write_bytes("".join(pieces).encode("utf-8", "surrogatepass"))
    try:
        read = read_article(path)
    except FormatError as error:
        assert "fuzzed" in str(error)
        return
    assert read.text.strip()
    propose(read, KNOWN)


@pytest.mark.parametrize(("name", "data", "problem"), [
    ("empty.txt", b"", "no article text"),
    ("blank.md", b"\n \n\t\n", "no article text"),
    ("scripts.html", b"<script>var a = 'in 2016';</script>", "no article text"),
])
def test_unreadable_articles_name_the_file(tmp_path: Path, name: str, data: bytes,
                                           problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(FormatError) as raised:
        read_article(path)
    assert name in str(raised.value) and problem in str(raised.value)


def test_missing_and_oversized_files(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="cannot read it"):
        read_article(tmp_path / "absent.txt")
    big = tmp_path / "big.txt"
    with big.open("wb") as file:
        file.truncate(MAX_ARTICLE_BYTES + 1)
    with pytest.raises(FormatError, match="an article is at most"):
        read_article(big)


# --- cost ----------------------------------------------------------------------------------------


def test_a_long_article_proposes_quickly() -> None:
    """20,000 words: measured and printed, not asserted (the machine is shared)."""
    rng = random.Random(6)
    sentences = [text for text, *_ in OWN]
    body = []
    words = 0
    while words < 20_000:
        paragraph = " ".join(rng.choice(sentences) for _ in range(3))
        body.append(paragraph)
        words += len(paragraph.split())
    long = article("\n\n".join(body))
    start = time.perf_counter()
    proposals = propose(long, known_parties())
    seconds = time.perf_counter() - start
    print(f"\n20,000 words ({len(long.text):,} characters): {len(proposals.events)} events, "
          f"{len(proposals.parties)} parties in {seconds * 1000:.0f} ms")
    assert proposals.events


def test_a_list_of_dates_is_proposed_up_to_the_limits_and_says_so() -> None:
    """One 'sentence' of 5,200 different dates (a table pasted as text): each event quotes and
    is titled by the part of it around its date; the first 5,000 are proposed, and the note
    says how far the article was read."""
    days = [f"{1900 + n // 336}-{n % 336 // 28 + 1:02d}-{n % 28 + 1:02d}" for n in range(5_200)]
    text = "Acme opened plants on " + ", ".join(days) + ", Huawei said."
    proposals = propose(article(text), KNOWN)
    assert len(proposals.events) == MAX_EVENTS
    stopped = text.index(days[MAX_EVENTS])
    assert f"first {stopped:,} characters of {len(text):,}" in proposals.note
    for event in proposals.events[::499]:
        quote = proposals.quote_of(event)
        assert event.date_phrase in quote and len(quote) <= LONG_SENTENCE
        assert event.when.edtf() in quote and len(event.title) <= 90
    assert proposals_json(proposals)["note"] == proposals.note
    assert not propose(article("Acme opened a plant in 2016.")).note


def test_importing_the_module_is_cheap() -> None:
    code = ("import sys, time; t = time.perf_counter(); import models.articles; "
            "from models.articles.gazetteer import _countries; "
            "print(time.perf_counter() - t, 'html.parser' in sys.modules, "
            "_countries.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.split()
    print(f"\nimport models.articles: {float(out[0]) * 1000:.0f} ms")
    assert out[1:] == ["False", "0"]  # the parser and the gazetteer load on first use


def test_an_article_longer_than_chronolens_reads_says_how_far_it_read() -> None:
    from models.articles.pipeline import MAX_READ

    filler = "Acme kept the plant running. " * (MAX_READ // 29 + 1000)
    text = "Acme opened a plant in 2019. " + filler + "Acme closed it in 2024. "
    proposals = propose(Article(source="long.txt", title="Long", text=text))
    assert "longer than Chronolens reads at once" in proposals.note
    assert f"{len(text):,}" in proposals.note
    assert [event.when.edtf() for event in proposals.events] == ["2019"]  # 2024 was not read


# --- the lead event and datelines (issue 16) ---------------------------------------------------


def test_the_lead_event_is_dated_by_the_publication_when_its_sentence_has_no_date() -> None:
    proposals = propose(article(
        "Ericsson and Huawei have agreed on extending their global patent license agreement. "
        "The previous agreement was signed in 2016.", "2023-08-25"))
    lead, earlier = proposals.events
    assert (lead.when.edtf(), lead.date_phrase) == ("2023-08-25", "")
    assert lead.quote[0] == 0 and "agreed on extending" in lead.title
    assert earlier.when.edtf() == "2016"
    # Without a publication date there is nothing to date it by: no lead event.
    assert [e.when.edtf() for e in propose(article(
        "Ericsson and Huawei have agreed on extending their agreement.", None)).events] == []


def test_a_dateline_dates_the_lead_and_is_no_event_itself() -> None:
    proposals = propose(article("Saturday, August 29, 2009\n\nSpace Shuttle Discovery has "
                                "launched from Kennedy Space Center in Florida.", "2009-08-30"))
    [lead] = proposals.events
    assert lead.when.edtf() == "2009-08-29" and lead.title.startswith("Space Shuttle")
    # A first sentence that gives its own date is the lead already: nothing is added.
    proposals = propose(article("Huawei said on Friday it had renewed the licence.",
                                "2023-08-28"))
    assert [e.when.edtf() for e in proposals.events] == ["2023-08-25"]


@pytest.mark.parametrize(("text", "parties"), [
    ("The Russian Defense Ministry said on Thursday the truce held.",
     ["Russian Defense Ministry"]),
    ("Acme Corp posted the news on Twitter on Friday.", ["Acme"]),  # (its suffix dropped)
    ("On Friday, Twitter suspended the account.", ["Twitter"]),
    ("Using the Executive Order, Acme was sanctioned on Friday.", ["Acme"]),
    ("Troops were deployed in Guatemala on Friday, and Mexico said it was worried.",
     ["Mexico"]),
    ("Troops arrived in Michigan on Friday.", []),
    ("On Sunday, Novak Djokovic defeated Greece’s Stefanos Tsitsipas.",
     ["Novak Djokovic", "Stefanos Tsitsipas"]),  # where he is from
    ("China’s Foreign Ministry said on Friday that the arrest was lawful.",
     ["China", "Foreign Ministry"]),
    ("On Friday, California sued the administration.", ["California"]),
    ("Kenya is a beautiful country, and Colombia hosted the festival on Friday.", []),
    ("On Friday, Brussels and Beijing disagreed.", ["European Union", "China"]),
    ("In June, Baghdad and Tehran struck a deal. On Friday, Moscow fought back.",
     ["Iraq", "Iran", "Russia"]),  # (a capital acts by an irregular past too)
    ("Growth slowed on Friday. The Summit opened on Saturday. Then Mendes left Flamengo on "
     "Sunday.",
     ["Mendes", "Flamengo"]),  # words, capitalised; names that are no words
    ("Shares of Acme fell on Friday.", ["Acme"]),
    # Towns (GeoNames): places unless the words around say otherwise or they act.
    ("On Monday 49 bodies were found on the road that leads to Reynosa, near Barranquilla.",
     []),
    ("On Monday 49 bodies were found. The highway to Reynosa is still closed.", []),
    ("On Monday a judge sentenced Pugh for a conspiracy in Morgan, Madison and Lauderdale "
     "counties.", ["Pugh"]),
    # A site's name is a place unless it acts.
    ("On Monday Acme launched the rocket from the town of Kimotsuki, Kagoshima Prefecture.",
     ["Acme"]),
    ("On Sunday the women finished in front of Buckingham Palace, and police took him to "
     "Teaching Hospital. On Monday Buckingham Palace said the queen was well.",
     ["Buckingham Palace", "police"]),
    ("On Monday Hubert Ingraham said he will not be sworn in as the member of Parliament for "
     "North Abaco.", ["Hubert Ingraham"]),  # a seat, not a body
    ("Julie Bishop said on Monday that it was fine.", ["Julie Bishop"]),  # a title as surname
    ("On Monday the Frenchman said he would leave. She won a Grammy and two Emmys.", []),
    ("Wilson won an award from the National Endowment for the Arts on Monday.",
     ["Wilson", "National Endowment for the Arts"]),  # (a body's word: one name)
    ("The US sanctioned two agents on Monday for funding the Islamic State terrorist group.",
     ["United States", "Islamic State"]),  # (two words that alone name nothing)
    ("On Monday Ndayishimiye was picked by the governing CNDD-FDD party, not by the Green "
     "party nor an Islamist party.", ["Ndayishimiye", "CNDD-FDD"]),  # (a party's name)
    ("Brigadier-General Arnek dela Vega said on Thursday that the hostage had been freed.",
     ["Arnek dela Vega"]),  # (a particle of a name)
    ("Opposition parties welcomed the resignation on Tuesday by Home Affairs Minister Malusi "
     "Gigaba.", ["Malusi Gigaba"]),  # (a portfolio before its title)
    ("CHINA'S Zijin Mining Group is to buy a gold mine from Newmont, Zijin said on "
     "Wednesday.", ["Zijin Mining Group", "Newmont"]),  # (a possessive in capitals)
    ("The Food and Drug Administration on Wednesday approved Ipsen's drug, Sohonos.",
     ["Food and Drug Administration", "Ipsen"]),  # (a drug by its name)
    ("It follows a report on Monday by the Public Protector Busisiwe Mkhwebane.",
     ["Busisiwe Mkhwebane"]),  # (an office before a name is a title)
    ("Boeing today announced that its board had named David Calhoun chief executive.",
     ["Boeing", "David Calhoun"]),  # (a day between a name and what it does)
    ("The Department for Business and Trade released a statement on Monday.",
     ["Department for Business and Trade"]),  # (a policy area after "and": the body's)
    ("EU ministers were shocked by the downing of Malaysian Airlines Flight MH17 on 17 July.",
     []),  # (a flight: a craft)
    ("The government blocked all major social media (Gmail, Twitter, LiveJournal, Facebook) "
     "on Sunday.", []),  # (platforms)
    ("Public Safety Minister Stockwell Day joined the mourners on Tuesday. Internal Affairs "
     "Minister Minoru Terada resigned on Sunday.", ["Stockwell Day", "Minoru Terada"]),
    ("Rigaku Holdings, a maker of X-ray tools, will debut on Friday, as IPOs grew 10% YoY.",
     ["Rigaku Holdings"]),  # (capitals that name no one)
    ('"He ceases to hold office," declared Senate Speaker Ken Lusaka on Wednesday.',
     ["Ken Lusaka"]),  # (a speaker is a title)
    ("On Monday Sushil Chandra said he did his B-Tech and an LLB in Roorkee.",
     ["Sushil Chandra"]),  # (degrees)
    ("Police spokesman Frank Mba said on Sunday the suspects fled.", ["Frank Mba"]),  # (a name)
    ("Air France said on Monday it had cancelled 30 flights.", ["Air France"]),  # (an airline)
    ("Reuters reported that Kenya and Uganda signed a trade agreement on Monday. @WFP reports "
     "#Yemen food insecurity doubled since 2009.", ["Kenya", "Uganda"]),  # (a wire, a hashtag)
    ("Three died in St. Vincent and the Grenadines on Monday, and St. Lucia signed the deal.",
     ["Saint Lucia"]),  # (countries written with "St.")
    ("Up to 600 Ryanair flights will be cancelled next week, Newstalk.com reported.",
     ["Ryanair"]),  # (a medium named only as the source of a report)
    ("Toronto City Councillor Jane Smith defeated Legislator Tom Brown on Saturday, and "
     "Councilor Wan Mei-ling won.", ["Jane Smith", "Tom Brown", "Wan Mei-ling"]),  # (offices)
    ("Kwame Mensah of the Freedom Charter campaign said on Monday it was fine.",
     ["Kwame Mensah"]),  # (a name before what a law names is a name still)
    ("Zorblax cut its profit forecast on Monday. Quorvex on Monday set a record.",
     ["Zorblax", "Quorvex"]),  # (a past the same as its present)
    ("About 600 Ryanair flights were cancelled on Monday, and some 1,800 WestJet pilots walked "
     "off. Qantas bought 20 787 Dreamliners.", ["Ryanair", "WestJet", "Qantas"]),  # (counts)
    ("The bus was on its way back to Jacobabad from Sakhi Sarwar on Sunday, Acme said, and the "
     "mayor of Mioveni was detained.", ["Acme"]),  # (towns by the words before them)
    ("Station House Officer Ramesh Kumar said on Sunday he was held under the Prevention of "
     "Terrorism Act.", ["Ramesh Kumar"]),  # (an office's words, a law's first words)
    ("SAARC leaders on Tuesday wrapped up their 12th Summit after signing a declaration, and a "
     "Pastor and a Prophet were arrested.", ["SAARC"]),  # (a happening, clergy alone)
    ("It was Super Sunday for Acme as it beat Zenith on Sunday.", ["Acme", "Zenith"]),  # (a day)
    ('Leroy "Black Stalin" Calliste died on Wednesday. Calliste was 82.',
     ['Leroy "Black Stalin" Calliste']),  # (a nickname inside a name)
    ("Japan's Senior Vice-Minister for Foreign Affairs, Yasuhisa Shiozaki, visited Sudan on "
     "Monday.", ["Yasuhisa Shiozaki"]),  # (a title and its portfolio, set off before the name)
    ("Apple has agreed to sign a patent licence agreement with Nokia on Tuesday. Growth has "
     "slowed since Monday, and Analysts said so.", ["Apple", "Nokia"]),  # (what a party does)
    ("Gunmen ambushed a convoy in northwest Colombia on Monday, Acme said. The talks failed, "
     "the UN envoy to Yemen, Esmail Ould Shaikh Ahmad, said on Thursday. Frank Bainimarama "
     "was sworn in as Fiji's new prime minister on Monday.",
     ["Acme", "Esmail Ould Shaikh Ahmad", "Frank Bainimarama"]),  # (countries as where)
    ("Fiji's prime minister said on Monday the vote was fair.", ["Fiji"]),  # (unnamed: the state)
    ("Addressing Parliament on Monday, Kwame Mensah said the budget was fair.",
     ["Parliament", "Kwame Mensah"]),  # (a verb's "-ing" opens the sentence, not the name)
    ("The men were freed by the Kaduwela Magistrate's Court on Wednesday, and the "
     "Revolutionary Armed Forces of Colombia released two hostages.",
     ["Kaduwela Magistrate's Court", "Revolutionary Armed Forces of Colombia"]),  # (whole)
    ("The Federal Court on Wednesday rejected the Qantas appeal and the Zorblax lawsuit, and "
     "the Richter scale read 5.", ["Federal Court", "Qantas", "Zorblax"]),  # (who brought them)
    ("The 60-metre Dharahara Tower, built in 1832, fell on Saturday near the Three Gorges "
     "Dam and the Brandenburg Gate.", []),  # (buildings and works are places)
    ("Police Spokesperson SSP Nihal Thalduwa said on Wednesday 12 were held, and MP Manusha "
     "Nanayakkara objected.", ["Nihal Thalduwa", "Manusha Nanayakkara"]),  # (ranks, MPs)
    ("On Sunday the Indian Air Force intercepted two drones, the Federal Radio Corporation of "
     "Nigeria sacked its director, and the Royal Institution of Chartered Surveyors fined Acme.",
     ["Indian Air Force", "Federal Radio Corporation of Nigeria",
      "Royal Institution of Chartered Surveyors", "Acme"]),  # (bodies kept whole)
    ("Hurricane Ian made landfall in Florida on Wednesday, killing 15 people. Ian weakened on "
     "Thursday. Super Typhoon Haiyan and Tropical Storm Alberto hit Manila Electric in 2013.",
     ["Manila Electric"]),  # (a storm is weather, and so is its name alone after)
    ("Arsenal beat Chelsea 2-1 on Sunday. Davenport won the final on Saturday.",
     ["Arsenal", "Chelsea", "Davenport"]),  # (an English word that wins opens a sentence)
    ("Arsenal have completed the signing of Alexandre Lacazette on Wednesday, and Barcelona "
     "have signed Deco.", ["Arsenal", "Alexandre Lacazette", "Barcelona", "Deco"]),  # (clubs)
    ("On Sunday there was a sprint finish in front of Buckingham Palace, and two-time world "
     "champion Edna Kiplagat won.", ["Edna Kiplagat"]),  # (a site acts by a verb next to it)
    # "High" is a title next to another ("High Commissioner", "High Representative").
    ("The U.N. High Commissioner for Human Rights, Volker Turk, condemned the killings on "
     "Thursday.", ["Volker Turk"]),
    ("On Friday, Thales will supply electronics and Southampton, UK's Cobham will make pumps.",
     ["Thales", "Cobham"]),
    ("On Friday, Wimborne, UK's Cobham will make pumps; ESPOO, Finland was cold.", ["Cobham"]),
    ("On Friday, Zorblax, China's biggest phone maker, sold Acme.", ["Zorblax", "Acme"]),
    ("On Monday the Italian news agency ANSA reported that Ebola had spread.", []),
    ("On Monday, during the Hajj, Muslims prayed at the Grand Mosque, wrote Nature.", []),
    ("On Monday the Presidential Proclamation was read at NASA Headquarters and the Masjid "
     "Al-Haram.", []),
    ("On Monday boats left South East Asia for the Horn of Africa and the West Bank.", []),
    ("On May 4, 2012 it published an editorial, \"Reading the Measly Performance of U.S. "
     "Politicians\". The Arab Spring and the Chen Guangcheng Affair began on Monday.", []),
    ("On Monday a DDoS attack hit the IPs of Ustream.", ["Ustream"]),
    ("On Sunday Lewis Hamilton won the Monaco Grand Prix after a race through the streets "
     "and before the French Open, a book translated into Swahili and Hindi.", ["Lewis Hamilton"]),
    ("On Monday the sites were DDoS’d, Bob Smith wrote on Sina Weibo.", ["Bob Smith"]),
    ("On Monday Microsoft said Internet Explorer and Windows XP would outlast Google Chrome.",
     ["Microsoft"]),
    ("\u201cI've seen it,\u201d Bob Smith said on Monday. \u201cI'm sure.\u201d", ["Bob Smith"]),
    ("On Monday, Suleiman al-Amr spoke.", ["Suleiman al-Amr"]),
    ("On Monday Pope Benedict and King Charles III welcomed the visiting Prince Harry.",
     ["Pope Benedict", "King Charles III", "Prince Harry"]),
    ("Queen Elizabeth II died at Balmoral Castle on Thursday, Buckingham Palace said. The queen "
     "was buried at Westminster Abbey.", ["Queen Elizabeth II", "Buckingham Palace"]),
    ("Nokia said on Friday it would cut jobs. Protesters gathered on Saturday.", ["Nokia"]),
    ("Zentrix, part of the consortium, will supply engines from Friday. Happily, the crowd, "
     "of course, waited.", ["Zentrix"]),  # what a name does after an aside
    ("Rolls-Royce, the engine maker, rose on Friday. Well-Known critics rose too.",
     ["Rolls-Royce"]),  # both halves capitalised: a name
    ("Millions marched in the South on Friday, and Thousands waited.", []),
    ("Aeroflot bought 22 Boeing 787 Dreamliners on Friday for USD 2 billion, said John "
     "McCain (R-AZ); the Airbuses that Aeroflot wanted from Airbus were late.",
     ["Aeroflot", "Boeing", "John McCain", "Airbus"]),  # products, a currency, a party's seat
    ("The blog of Zentrix won the prize for Best Business Blog on Saturday, and the shop Best "
     "Buy won the prize for the most valuable player.", ["Zentrix", "Best Buy"]),
    ("Kurdish activists protested on Friday, and Tibetan monks marched in Catalonia.", []),
    ("Discovery launched from Kennedy Space Center on Friday. Fan Expo Canada opened at the "
     "Metro Toronto Convention Centre, and the Carter Center spoke.", ["Carter Center"]),
    ("Hackers launched a DDoS (Distributed Denial of Service) attack on Friday, and Long "
     "Term Evolution (LTE) patents were sold.", []),  # what a standard's letters stand for
    ("U.S. swimmer Michael Phelps won on Friday. The Soviet gymnast Larisa Latynina won in "
     "1964.", ["Michael Phelps", "Larisa Latynina"]),  # where they are from
    ("On Friday Zentrix, a Booker Prize-winner, and Scientologist Tom Cruise sold CDs, DVDs "
     "and SUVs. The Kremlin-backed Leung Kwok-hung spoke.", ["Zentrix", "Tom Cruise",
                                                              "Leung Kwok-hung"]),
    ("Hackers attacked the website Ustream.tv on Friday. Ustream's staff and Secunia.com "
     "said so; see www.Example.com or example.org/About.", ["Ustream.tv", "Secunia.com"]),
    ("Ericsson sold its stake on Friday. Brexit has hurt trade since 2016.", ["Ericsson"]),
    ("Space Shuttle Discovery launched on Friday. Later, Discovery reached orbit.", []),
    ("The MP said on TV on Friday that Bahamians voted, and Nessma TV agreed.", ["Nessma TV"]),
    ("On Friday, Acme Media aired the animated film Persepolis, an anthology called Fleeting "
     "Words, the novels such as Aura, The Death of Artemio Cruz and Burned Water, and the "
     "launch of Space Shuttle Endeavour.", ["Acme Media"]),
    ("On Friday, World Press Freedom Day ended the Cold War and Acme Games started the Great "
     "Recession at the Lukyanivska Prison near Westgate Mall.", ["Acme Games"]),
    ("Similarly, the Forum said on Friday that Barnaby Joyce would run.",
     ["Forum", "Barnaby Joyce"]),  # the Forum acts: it speaks
    ("@AcmeNews wrote on Friday: el Presidente de la República Juan Pérez dijo que la "
     "Comisión Nacional y el Tribunal Supremo rechazan la Ley General.", []),
])
def test_what_is_no_party(text: str, parties: list[str]) -> None:
    """Issue 16: organisations named with a demonym, platforms as the medium, documents,
    countries as places, handles and text in another language."""
    assert list(parties_of(text)) == parties


def test_a_state_body_named_by_its_country_is_one_party_however_it_is_written() -> None:
    proposals = propose(article(
        "The Guatemalan government declared a state of siege on Friday. Guatemalan authorities "
        "arrested five men on Saturday, and the government of Guatemala said so. Chinese police "
        "arrested him on Sunday. The US government said on Monday it would sell its stake. "
        "Guatemala expelled the envoy on Tuesday."))
    by_name = {p.name: p for p in proposals.parties}
    # the state's government is the state: the same party as the country acting by its name
    assert list(by_name) == ["Guatemala", "Chinese police", "United States"]
    assert set(by_name["Guatemala"].aliases) == {
        "Guatemalan government", "Guatemalan authorities", "government of Guatemala"}
    assert by_name["United States"].aliases == ("US government",)
    assert {p.kind for p in proposals.parties} == {"government"}


def test_a_country_s_officials_court_team_and_rebels_are_parties() -> None:
    found = parties_of(
        "Saudi officials said on Monday that 345 died. A Russian court sentenced him on Friday. "
        "Syrian rebels agreed to a truce on Tuesday. The Afghan team won a medal on Tuesday.")
    assert found == {"Saudi Arabia": "government", "Russian court": "government",
                     "Syrian rebels": "group", "Afghan team": "organisation"}


def test_the_police_are_a_party_where_they_act() -> None:
    proposals = propose(article("The police confiscated bedding on Monday. Security forces "
                                "fired on the crowd on Monday. Lagos police said so on Monday. "
                                "He called the police on Tuesday."))
    assert {p.name: p.kind for p in proposals.parties} == {"police": "government",
                                                           "security forces": "government"}
    assert [len(e.parties) for e in proposals.events] == [1, 1, 0, 0]


def test_who_acts_in_the_next_sentence_joins_the_event_with_that_sentence_as_its_source() -> None:
    text = ("On May 10, Algeria held legislative elections. The National Liberation Front won a "
            "majority of seats.\n\nThe Islamist alliance protested.")
    proposals = propose(article(text, "2012-05-12"))
    names = {p.id: p.name for p in proposals.parties}
    [event] = proposals.events
    assert "National Liberation Front" in {names[pid] for pid, _role in event.parties}
    assert text[event.quote[0]:event.quote[1]].endswith("won a majority of seats.")


def test_a_name_only_inside_quotation_marks_is_not_a_party() -> None:
    found = parties_of('Norvane signed the deal on Monday. "Telvio Systems will never agree," '
                       'she said on Monday. Quorvex Labs said on Tuesday that "Quorvex Labs '
                       'is ready".')
    assert "Telvio Systems" not in found
    assert {"Norvane", "Quorvex Labs"} <= found.keys()


def test_a_country_by_its_state_s_form_is_its_government() -> None:
    proposals = propose(article("Today, the Republic of Liberia reached the milestone of 42 days. "
                                "The Republic of Korea Army said so on Monday."))
    found = {p.name: (p.kind, p.aliases) for p in proposals.parties}
    assert found["Liberia"] == ("government", ("Republic of Liberia",))
    assert "Republic of Korea Army" in found


def test_a_country_acts_by_a_verb_right_after_it() -> None:
    assert roles_of("Russia on Monday banned imports of Polish apples.") == {
        "Russia": "banning party"}
    assert roles_of("On Monday the union sanctioned Russia.") == {"Russia": "sanctioned"}
    assert "Iran" not in parties_of("On Monday they sanctioned the big refinery of Iran.")
    assert "Afghanistan" not in parties_of(
        "Afghanistan is not one of the nations covered by President Trump's travel ban, which "
        "took effect on Monday.")


def test_a_state_body_named_by_its_leader_is_one_party() -> None:
    found = parties_of("Alexander Lukashenka won on Friday. The Lukashenka regime arrested him "
                       "on Monday, and the Monti government raised taxes. Lukashenka spoke.")
    assert found == {"Alexander Lukashenka": "person", "Lukashenka regime": "government",
                     "Monti government": "government"}


def test_an_owner_before_a_verb_of_the_lexicon_is_done_to_unless_an_object_follows() -> None:
    assert roles_of("Yulia Tymoshenko's arrest came on August 5, 2011.") == {
        "Yulia Tymoshenko": "arrested"}
    assert roles_of("Then Acme Corp's purchase of Zenith Labs closed in 2020.") == {
        "Acme": "buyer", "Zenith Labs": "acquired"}


def test_who_speaks_is_the_one_just_before_the_verb_of_saying() -> None:
    assert roles_of("Rescue teams from the Netherlands were on their way on Tuesday, the "
                    "European Commission said.") == {"European Commission": "spokesperson"}
    assert roles_of("Apple and Samsung said on Friday they had agreed.") == {
        "Apple": "spokesperson", "Samsung": "spokesperson"}
    assert roles_of("On Friday Zorblax, the Gadget Corp and the Globex Group said so.") == {
        "Zorblax": "spokesperson", "Gadget": "spokesperson", "Globex Group": "spokesperson"}
    # Who is named in what is said does what it says, and is no one it is said to.
    assert roles_of("The commission said on Friday that the Rally of the Republicans won.") == {
        "Rally of the Republicans": "winner"}
    assert roles_of("Zorblax said on Friday Zentrix had sued Globex.") == {
        "Zorblax": "spokesperson", "Zentrix": "plaintiff", "Globex": "defendant"}


def test_the_owner_of_another_party_is_no_party_to_the_verb() -> None:
    assert roles_of("In 2008 EADS won a contract to supply the United Kingdom's Royal Air "
                    "Force.") == {"EADS": "winner", "Royal Air Force": "customer"}
    assert roles_of("Acme named Zenith's chief Bob Smith in 2013.") == {
        "Acme": "appointer", "Zenith": "mentioned", "Bob Smith": "appointee"}
    assert roles_of("Acme (Finland) and Zenith merged in 2013.") == {
        "Acme": "merging party", "Zenith": "merging party"}  # Finland: a place


@pytest.mark.parametrize(("sentence", "roles"), [
    ("In 2013 Akerson will be replaced by Theodore Solso.",
     {"Akerson": "predecessor", "Theodore Solso": "successor"}),
    ("In 2013 Thales supplied Airbus.", {"Thales": "supplier", "Airbus": "customer"}),
    ("In 2012 a court sentenced Khoroshavin.", {"Khoroshavin": "sentenced"}),
    ("In 2012 Acme Corp filed for bankruptcy.", {"Acme": "filing party"}),
    ("In 2012 Acme resigned from Zenith.", {"Acme": "resigning party", "Zenith": "mentioned"}),
    ("In 2012 the police released Bob Smith.", {"police": "releasing party",
                                                "Bob Smith": "released"}),
    ("In 2012 the patents were sold by Zentrix.", {"Zentrix": "seller"}),
    ("Acme Corp noted that in 2009 Zentrix was owned by Globex.",
     {"Acme": "spokesperson", "Zentrix": "owned", "Globex": "owner"}),
    ("In 2012 an SEC investigation found fraud at Zentrix.",
     {"SEC": "investigator", "Zentrix": "investigated"}),
    ("In 2012 bans were lifted on the carrier Zentrix Airlines, the sanctions on others "
     "remained.", {"Zentrix Airlines": "banned"}),  # not by the noun of another clause
    ("In 2012 Zentrix was beaten by Globex.", {"Zentrix": "defeated", "Globex": "winner"}),
    # a participle with its agent is passive; a court overturns; a broker mediates
    ("In 2012 Zentrix and Globex agreed to a truce brokered by Egypt.",
     {"Zentrix": "signatory", "Globex": "signatory", "Egypt": "mediator"}),
    ("In 2012 the Supreme Court overturned the ban on Zentrix.",
     {"Supreme Court": "court", "Zentrix": "banned"}),
    ("In 2012 Zentrix sold its stake to KKR & Co.", {"Zentrix": "seller", "KKR": "buyer"}),
    # the verb a verb governs, a date between them; a challenge; a country's judge
    ("Zentrix agreed on Monday to acquire Globex for $2 billion.",
     {"Zentrix": "buyer", "Globex": "acquired"}),
    ("In 2012 the deal was challenged by Globex.", {"Globex": "challenger"}),
    ("In 2012 a Russian judge sentenced Bob Smith.", {"Russian judge": "court",
                                                      "Bob Smith": "sentenced"}),
    # a portfolio inside a body's name is no title; a designation sanctions
    ("In 2022 the Office of Foreign Assets Control designated Bob Smith.",
     {"Office of Foreign Assets Control": "sanctioning party", "Bob Smith": "sanctioned"}),
    ("In 2022 the Ministry of Foreign Affairs condemned Zentrix.",
     {"Ministry of Foreign Affairs": "condemning party", "Zentrix": "condemned"}),
    # a verb's noun after a determiner does nothing
    ("In 2015 Zentrix agreed to buy its rival Globex.", {"Zentrix": "buyer",
                                                        "Globex": "acquired"}),
    # a body's own name goes on after its body's word; "press releases" are a noun
    ("In 2010 the US Court of Appeals for the Second Circuit sentenced Bob Smith.",
     {"US Court of Appeals for the Second Circuit": "court", "Bob Smith": "sentenced"}),
    ("In 2005 Bob Smith was found guilty of distributing press releases for Zentrix.",
     {"Bob Smith": "mentioned", "Zentrix": "mentioned"}),
    # "added" says only before what is said
    ("In 2013 Zentrix added Bob Smith to its board.", {"Zentrix": "adding party",
                                                      "Bob Smith": "added"}),
    ("In 2013 Zentrix added that Globex lost.", {"Zentrix": "spokesperson",
                                                 "Globex": "defeated"}),  # (what it says)
    # fire that shoots attacks
    ("In 2021 the Houthis fired missiles at Zentrix.", {"Houthis": "attacker",
                                                        "Zentrix": "target"}),
    ("In 2021 Globex fired its chief Bob Smith.", {"Globex": "dismissing party",
                                                   "Bob Smith": "dismissed"}),
    # the speaker before an aside, not the name in it; who is told is told
    ("In 2012 Bob Smith, the chief executive of Zentrix, told Globex that it was over.",
     {"Bob Smith": "spokesperson", "Zentrix": "mentioned", "Globex": "addressee"}),
    ("In 2012 Bob Smith, the chief executive of Zentrix said that it was over.",
     {"Bob Smith": "spokesperson", "Zentrix": "mentioned"}),  # (its closing comma missing)
    # an acronym after "in" is no place; "is said to" says nothing
    ("In 2006 Zentrix led a group that took a stake in GMAC, the financing arm of Globex, "
     "and is said to be planning more.", {"Zentrix": "mentioned", "GMAC": "mentioned",
                                          "Globex": "mentioned"}),
    ("In 2012 Zentrix published a snapshot of challenges.", {"Zentrix": "mentioned"}),
    # a platform done to is a party
    ("In 2012 the FTC fined Twitter and a bill sought to ban TikTok.",
     {"FTC": "fining authority", "Twitter": "fined", "TikTok": "banned"}),
    ("In 2009 Zentrix decided on the name Zorblaxia.",
     {"Zentrix": "mentioned", "Zorblaxia": "mentioned"}),  # a name, nobody named
    ("The African Union suspended Mali in 2012.",
     {"African Union": "suspending party", "Mali": "suspended"}),
    ("In 2015 Malaysia rescued 400 people.", {"Malaysia": "rescuer"}),
    ("Prime Minister Bob Smith was sworn in on 3 May 2012.", {"Bob Smith": "appointee"}),
    ("In 2011 the ruling Acme Party won a majority.", {"Acme Party": "winner"}),
    ("In 2023 Acme Party threatened Globex Corp.",
     {"Acme Party": "warning party", "Globex": "warned"}),
    # a count before a word of the lexicon makes it a noun
    ("In 2008 one in three visits to the site came from Zentrix.", {"Zentrix": "mentioned"}),
    ("In 2008 Zentrix lost by 424 votes.", {"Zentrix": "defeated"}),  # (no voter)
])
def test_the_lexicon_knows_who_does_what(sentence: str, roles: dict[str, str]) -> None:
    assert roles_of(sentence) == roles


def test_statements_of_states_give_roles() -> None:
    assert roles_of("The United States congratulated Guinea-Bissau on its election in 2014.") \
        == {"United States": "welcoming party", "Guinea-Bissau": "welcomed"}
    assert roles_of("Acme condemned Zenith in 2014.") == {"Acme": "condemning party",
                                                          "Zenith": "condemned"}
    assert roles_of("Acme set out to dethrone Zenith in 2014.") == {"Acme": "competitor",
                                                                    "Zenith": "competitor"}


def test_a_month_of_last_year_is_one_date() -> None:
    assert dates_of("Cerberus acquired the majority stake in GMAC in April of last year.",
                    "2007-05-14") == ["2006-04"]


def test_a_store_party_is_found_in_its_longer_company_name() -> None:
    known = [Party(1, "samsung", "Samsung", "organisation")]
    proposals = propose(article("Samsung Electronics said on Friday profits rose."), known)
    [party] = proposals.parties
    assert (party.match, party.aliases) == ("samsung", ("Samsung Electronics",))


@pytest.mark.parametrize(("text", "expected"), [
    ("Huawei and Ericsson signed the deal on Friday, ending a dispute that began in 2021.",
     ["2023-08-25"]),
    ("The company, which was founded in 1987, signed the deal on Friday.", ["2023-08-25"]),
    ("Huawei said on Friday it had renewed its patent cross-licence with Ericsson, first "
     "signed in 2016.", ["2023-08-25"]),
    ("Acme bought Widget in 2019 and sold it in 2021.", ["2019", "2021"]),  # two happenings
])
def test_one_event_per_happening(text: str, expected: list[str]) -> None:
    """A date in a relative clause is the context of the sentence's happening (issue 16)."""
    assert dates_of(text, "2023-08-28") == expected


def test_who_only_introduces_a_quotation_is_no_party() -> None:
    proposals = propose(article(
        "The mayor Gustavo Petro withdrew the funding on Monday.\n\n"
        "Camilo Galeano (@camilogaleano) says it is a given that the event will move:\n\n"
        "\"It will be in Medellin.\"\n\n"
        "Rick Lowe at Weblog Bahamas gave a quick overview of the results:\n\n\"A landslide.\""))
    assert [p.name for p in proposals.parties] == ["Gustavo Petro"]
    # Named where something happens too, the same person stays.
    proposals = propose(article(
        "Camilo Galeano resigned on Monday.\n\nCamilo Galeano says it is over:\n\n\"Done.\""))
    assert [p.name for p in proposals.parties] == ["Camilo Galeano"]
    # A dated sentence that introduces a quotation is an event, and its speaker comments on
    # it; who is told of far into it, and a statement's author, take part.
    proposals = propose(article(
        "Online activist Anita Hunt described what happened on the morning of May 3:\n\n"
        "\"The police came.\"\n\nOn May 4 Bob Smith recounted some of the examples of sport "
        "and politics colliding, and quoted an interview with boxer and politician Vitali "
        "Klitschko, who opposes the boycott:\n\n\"No.\"\n\n"
        "The following is a statement from NASA Administrator Jim Bridenstine about the "
        "launch on May 5:\n\n\"Go.\""))
    named = {p.name for p in proposals.parties}
    assert "Anita Hunt" not in named
    assert {"Vitali Klitschko", "Jim Bridenstine"} <= named
    assert "Charles Bolden" in {p.name for p in propose(article(
        "NASA Administrator Charles Bolden issued the following statement Saturday about the "
        "shooting in Tucson:\n\n\"We are shocked.\"", "2011-01-08")).parties}
    # Who only writes of it comments too; who does something besides takes part.
    proposals = propose(article(
        "Thousands protested in Seoul on May 2. Kim Hyo-jin (@hyojinlovelove) tweeted from the "
        "scene. Bob Smith wrote that it was calm. Ann Lee wrote a post and was arrested on "
        "May 3."))
    assert {p.name for p in proposals.parties} == {"Ann Lee"}
    # A blogger, or a blog, that only tells of it comments too; a name beside a blog, or one
    # with "Blog" in it, need not.
    proposals = propose(article(
        "The police cleared the camp on May 2. Diana Costa, on her blog, says it was brutal. "
        "Pancholon reported on his blog that it rained. The collective blog Nawaat, and "
        "IFEX-TMG (the Tunisia Monitoring Group), launched a campaign on May 3. Kenya "
        "Unlimited, which hosts the Kenyan Blog Webring, said so on May 4."))
    assert {p.name for p in proposals.parties} >= {"Nawaat", "Tunisia Monitoring Group",
                                                   "Kenya Unlimited"}
    assert not {p.name for p in proposals.parties} & {"Diana Costa", "Pancholon"}


@pytest.mark.parametrize(("head", "signer"), [
    ("Press Statement\nJen Psaki\nDepartment Spokesperson\nWashington, DC\nMay 22, 2014\n\n",
     "Jen Psaki"),
    ("Statement by Sean McCormack, State Department Spokesman\nFebruary 26, 2007\n\n",
     "Sean McCormack"),
    ("Press Statement John Kerry Secretary of State Washington, DC March 25, 2014\n\n",
     "John Kerry"),  # the lines run together, as a page's text has them
    ("Antony J. Blinken, Secretary of State\n\n", "Antony J. Blinken"),
    ("Statement by Ambassador John J. Sullivan on Conviction of Bob Smith\n\n",
     "John J. Sullivan"),  # title, name, what it is about
])
def test_who_signs_a_statement_is_a_person_although_its_head_is_in_headline_case(
        head: str, signer: str) -> None:
    text = (f"Elections In The Republic\n\n{head}We congratulate the people of Acme Republic on "
            f"the peaceful elections held on Sunday. We look forward to working with them.")
    assert parties_of(text).get(signer) == "person"
    proposals = propose(article(text))
    names = {p.id: p.name for p in proposals.parties}
    assert (signer, "spokesperson") in [(names[pid], role)
                                        for pid, role in proposals.events[0].parties]
    if "State Department Spokesman" in head:
        assert ("State Department", "announcer") in [
            (names[pid], role) for pid, role in proposals.events[0].parties]
    # Capitalised lines without a title under them name nobody, nor does a reporter's byline.
    assert "Press Statement" not in parties_of(text)
    assert "Maria Olsen" not in parties_of(text.replace(head, "By Maria Olsen\n\n"))


def test_a_quotation_set_apart_gives_no_events() -> None:
    spanish = ("En primer lugar, cuando los organizadores se acercaron a la Alcaldía en mayo de "
               "2012, se les preguntó si podía estar presente la empresa en el evento.")
    text = ("The mayor withdrew the funding on Monday.\n\n"
            "The mayor explained his decision:\n\n"
            f"{spanish}\n\n"
            "Firstly, when the organisers came into the office in May 2012 we asked them.\n\n"
            "The festival moved to Medellin on Tuesday.\n\n"
            "A fan wrote:\n\n"
            "I respect this decision, made in 2011.\n\n"
            "The city paid in 2010.")
    assert dates_of(text, "2012-05-16") == ["2012-05-14", "2012-05-15", "2010"]
    # A colon after a quotation given already introduces nothing.
    assert dates_of('The caption read: "Resign now!":\n\nThe paper attacked him on May 14.',
                    "2012-05-16") == ["2012-05-14"]


def test_a_statement_made_in_the_present_happens_on_its_own_day() -> None:
    proposals = propose(article(
        "The United States congratulates the people of Guinea-Bissau on the elections on May 18. "
        "The vote was counted on May 19.", "2014-05-22"))
    assert [(e.when.edtf(), e.date_phrase) for e in proposals.events] == [
        ("2014-05-22", ""), ("2014-05-18", "on May 18"), ("2014-05-19", "on May 19")]
    # Told in the past tense, it is no statement of the article's day.
    assert dates_of("The United States congratulated the people on the elections on May 18.",
                    "2014-05-22") == ["2014-05-18"]
    # Joining others in a statement makes it too; joining in anything else does not.
    proposals = propose(article(
        "The United States joins leaders from around the world in condemning the terrorist "
        "attack in Kabul on January 17. Acme joins Globex in buying Zenith on January 16.",
        "2014-01-18"))
    assert [(e.when.edtf(), e.date_phrase) for e in proposals.events] == [
        ("2014-01-18", ""), ("2014-01-17", "on January 17"), ("2014-01-16", "on January 16")]


def test_more_news_in_the_present_perfect_at_the_top_is_of_the_articles_day() -> None:
    proposals = propose(article(
        "Boeing has secured two large orders for new aircraft.\n\nAir Canada has ordered US$6 "
        "billion in new airliners, while Air India has signed a deal for US$7 billion.\n\n"
        "The first flight of the 777 was in 1994.", "2005-04-27"))
    assert [(e.when.edtf(), e.date_phrase) for e in proposals.events] == [
        ("2005-04-27", ""), ("2005-04-27", ""), ("1994", "in 1994")]


def test_news_in_the_present_perfect_is_dated_by_the_article_when_the_first_sentence_is_not(
        ) -> None:
    proposals = propose(article(
        "Campus Party will be held this year in Bogota, as it has been since 2008. This time "
        "Mayor Gustavo Petro has decided not to support it. The event has grown.", "2012-05-14"))
    lead = proposals.events[0]
    assert (lead.when.edtf(), lead.date_phrase) == ("2012-05-14", "")
    assert "Gustavo Petro has decided" in lead.title
    # A state of things in the present perfect, with no party doing it, is no news.
    assert len(proposals.events) == 3


def test_kinds_from_how_a_name_is_shortened_and_from_the_words_before_it() -> None:
    found = parties_of(
        "Serbian tennis star Novak Djokovic beat Casper Ruud on Sunday. “I want to thank my "
        "team,” Djokovic said. Vitali Klitschko spoke on Monday; Klitschko left. Northrop "
        "Grumman bid on Monday, and Northrop lost. The Royal Air Force chose it on Friday.")
    assert found["Novak Djokovic"] == found["Vitali Klitschko"] == "person"
    assert found["Royal Air Force"] == "government"
    assert found["Northrop Grumman"] != "person"
    found = parties_of("On Friday, Paco Ragageles, co-founder of Campus Party, wrote a post.")
    assert found["Paco Ragageles"] == "person"
    found = parties_of("In February three journalists from the daily Attounisia were arrested "
                       "for publishing a photo of Real Madrid midfielder Sami Khedira with his "
                       "girlfriend.")
    assert found["Sami Khedira"] == "person"  # (what a player is: a role noun before him)
    found = parties_of("Sevilla midfielder Antonio Puerta died today at the age of 22.")
    assert found["Sevilla"] == "organisation"  # (what its member is, then the member)
    found = parties_of("Wilton Brands recalled six sprinkles on Monday, as Hu Products did.")
    assert found["Wilton Brands"] == found["Hu Products"] == "organisation"
    found = parties_of("On Monday prosecutor Kalmizah Salleh charged him.")
    assert found["Kalmizah Salleh"] == "person"
    found = parties_of("The court sentenced Sajjad and Ijaz to death yesterday.")
    assert found["Sajjad"] == found["Ijaz"] == "person"  # (what is done only to a person)
    found = parties_of("Kaizer Chiefs beat Orlando Pirates 1-0 on Saturday. Pirates captain "
                       "Innocent Maela was sent off.")
    assert found["Kaizer Chiefs"] == found["Orlando Pirates"] == "organisation"  # clubs
    found = parties_of("The Treasury has imposed sanctions on Margarita Simonyan, "
                       "editor-in-chief of the Russian broadcaster RT, it said on Wednesday.")
    assert found["Margarita Simonyan"] == "person"
    # What only a person is or does.
    found = parties_of("Yannick Carrasco scored on Friday. He was happy. Zorblax Group sold it "
                       "on Friday, and Thibaut Courtois, who saved it, won. Vlado Brnic said he "
                       "would go.")
    assert found["Yannick Carrasco"] == found["Thibaut Courtois"] == found["Vlado Brnic"] == (
        "person")
    assert found["Zorblax Group"] == "organisation"
    # Agencies of a state are government.
    found = parties_of("On Friday NASA, the U.S. Environmental Protection Agency and the "
                       "National Rifle Association said so.")
    assert found == {"NASA": "government", "U.S. Environmental Protection Agency": "government",
                     "National Rifle Association": "organisation"}
    found = parties_of("The U.S. Agency for International Development, the United States "
                       "National Security Council and the Council of Ministers said on Friday "
                       "they agreed.")
    assert set(found.values()) == {"government"} and len(found) == 3
    found = parties_of("On Friday the Beijing Daily, the World Food Programme and Serra "
                       "Automotive said so.")
    assert set(found.values()) == {"organisation"}
    # A role noun before a preposition is not the next name's role.
    found = parties_of("On Friday Kirill Mikhailov, an opposition activist from Ufa, and a "
                       "spokesman for Zentrix Group spoke.")
    assert "Ufa" not in found and found["Zentrix Group"] == "organisation"
    # A common surname ends a person's name ("Courtois", "Dwyer"), but not after an English
    # word ("Goldman Sachs" stays what its words say).
    found = parties_of("On Friday Thibaut Courtois and Conor Dwyer said so, and the bank "
                       "Global Sachs agreed.")
    assert found["Thibaut Courtois"] == found["Conor Dwyer"] == "person"
    assert found["Global Sachs"] != "person"
    # A given name that is also a town's ("Victoria", "Frederick") is a given name first.
    found = parties_of("On Friday Victoria Levy and Frederick Fung said so.")
    assert found["Victoria Levy"] == found["Frederick Fung"] == "person"


def test_who_acts_without_a_date_joins_the_event_told_before() -> None:
    proposals = propose(article(
        "Acme and Zenith signed a global agreement on Friday. Its chief, Jane Roe, said the "
        "agreement was fair. Orbex Labs was not involved. Thales will make the radios. The "
        "first draft came from Bob Smith."))
    [event] = proposals.events
    names = {p.id: p.name for p in proposals.parties}
    assert [(names[pid], role) for pid, role in event.parties] == [
        ("Acme", "signatory"), ("Zenith", "signatory"), ("Jane Roe", "spokesperson"),
        ("Thales", "mentioned"),  # does what the lexicon does not know
        ("Bob Smith", "mentioned")]  # a person: named in news for what they do
    # A party named in no event is still proposed, but not taken unless the reviewer adds it.
    assert [p.name for p in taking_part(proposals)] == [
        "Acme", "Zenith", "Jane Roe", "Thales", "Bob Smith"]
    assert "Orbex Labs" in names.values()
    # In a paragraph of its own, it goes on with the article's news, not with the past the
    # paragraph before it told, unless it says it goes back to that.
    proposals = propose(article(
        "Wilson Kipsang won the London Marathon on Sunday.\n\nTsegaye Kebede, who won the "
        "race in 2012, was third.\n\nStanley Biwott finished second.\n\nThe previous deal "
        "was signed in 2016.\n\nBack then, Acme sued Zenith.", "2014-04-13"))
    names = {p.id: p.name for p in proposals.parties}
    assert {e.when.edtf(): [names[pid] for pid, _role in e.parties]
            for e in proposals.events} == {
        "2014-04-13": ["Wilson Kipsang", "Stanley Biwott"], "2012": ["Tsegaye Kebede"],
        "2016": ["Acme", "Zenith"]}


def test_an_acronym_in_brackets_may_be_a_word_and_have_words_of_capitals() -> None:
    proposals = propose(article(
        "SA Transport and Allied Workers Union (Satawu) said on Wednesday it had called off "
        "the strike. Satawu leaders left on Friday."))
    assert [(p.name, p.aliases) for p in proposals.parties] == [
        ("SA Transport and Allied Workers Union", ("Satawu",))]
    proposals = propose(article(
        "The union rejected the United National Transport Union's (Untu) acceptance on "
        "Monday. Untu said on Tuesday it had agreed a deal with Transnet."))
    assert [(p.name, p.aliases) for p in proposals.parties] == [
        ("United National Transport Union", ("Untu",)), ("Transnet", ())]  # (after "'s")


def test_a_date_in_a_relative_clause_after_a_name_tells_that_clause() -> None:
    proposals = propose(article(
        "Nancy Wilson, who retired from touring in 2011, died at her home in Pioneertown.",
        "2018-12-14"))
    [event] = proposals.events
    assert (event.when.edtf(), event.title) == ("2011", "Nancy Wilson retired from touring")
    assert {role for _pid, role in event.parties} == {"mentioned"}  # (no death in 2011)
    # (its date may have its year after a comma)
    proposals = propose(article(
        "Sushil Chandra, who assumed charge as an Election Commissioner on February 15, 2019, "
        "left.", "2021-04-13"))
    assert [(e.when.edtf(), e.title) for e in proposals.events] == [
        ("2019-02-15", "Sushil Chandra assumed charge as an Election Commissioner")]


def test_a_surname_that_is_also_a_town_is_the_persons() -> None:
    proposals = propose(article(
        "Kipsang won on Sunday as Britain's Mo Farah toiled. Farah came home eighth. Farah "
        "said he would be back. Farah left.", "2014-04-13"))
    assert ("Mo Farah", ("Farah",)) in [(p.name, p.aliases) for p in proposals.parties]


def test_a_person_named_several_ways_is_one_party() -> None:
    proposals = propose(article(
        "On Monday the court heard the case of committee member Badrul Hisham Shaharin, also "
        "known as Chegu Bard. Deputy public prosecutor Nurilya Ellyna Nor Azmal appeared for "
        "the prosecution while lawyer "
        "Muhammad Rafique Rashid Ali represented Badrul Hisham. Muhammad Rafique told a press "
        "conference that he would appeal. Judge Datuk Abu Bakar Katar said on Tuesday that "
        "Chegu Bard's freedom of speech had a limit.", "2024-06-25"))
    people = {p.name: set(p.aliases) for p in proposals.parties if p.kind == "person"}
    assert people == {
        "Badrul Hisham Shaharin": {"Chegu Bard", "Badrul Hisham"},  # (another name; his
        "Nurilya Ellyna Nor Azmal": set(),  # given names, without his father's)
        "Muhammad Rafique Rashid Ali": {"Muhammad Rafique"},
        "Abu Bakar Katar": set()}  # (an honorific is a title)


def test_a_name_that_starts_a_sentence_with_a_common_word_is_whole_when_written_so_elsewhere(
        ) -> None:
    proposals = propose(article(
        "Campus Party, the meeting, will be held this year in Bogota. Its campus opens on "
        "Friday. The mayor will not fund Campus Party in 2013. Rival Samsung said so on Monday, "
        "as a rival would."))
    first = proposals.events[0]
    names = {p.id: p.name for p in proposals.parties}
    assert [names[pid] for pid, _role in first.parties] == ["Campus Party"]
    assert "Samsung" in names.values() and "Rival Samsung" not in names.values()


def test_a_body_named_for_its_aim_is_one_name() -> None:
    proposals = propose(article(
        "On Monday the Committee to Protect Journalists condemned the arrest. The Network to "
        "Record Incidents of Racist Violence recorded 63 incidents on Tuesday. The mayor sent "
        "the Committee to Washington on Wednesday."))
    assert [(p.name, p.kind) for p in proposals.parties] == [
        ("Committee to Protect Journalists", "organisation"),
        ("Network to Record Incidents of Racist Violence", "organisation")]


def test_a_name_in_no_event_is_offered_unless_a_long_article_first_gives_it_at_its_end(
        ) -> None:
    def names(fillers: int) -> list[str]:
        proposals = propose(article(
            "Acme and Zenith signed a global agreement on Friday. Orbex Labs was not involved. "
            + "The agreement covers radios and their parts. " * fillers
            + "Quantix Partners was not involved either."))
        assert [p.name for p in taking_part(proposals)] == ["Acme", "Zenith"]
        return [p.name for p in proposals.parties]

    assert names(30) == ["Acme", "Zenith", "Orbex Labs"]  # background, in a news story
    assert names(2) == ["Acme", "Zenith", "Orbex Labs", "Quantix Partners"]  # a brief note


def test_news_whose_only_date_is_in_an_aside_is_the_articles_and_a_country_before_a_kind_is_where(
        ) -> None:
    proposals = propose(article(
        "United States airframer Boeing has announced that development of a replacement for "
        "the 737, begun two years ago, has been pushed back several years.", "2008-05-24"))
    assert [(e.when.edtf(), e.parties) for e in proposals.events] == [
        ("2008-05-24", (("p1", "announcer"),))]
    assert [p.name for p in proposals.parties] == ["Boeing"]


def test_a_time_of_day_alone_is_on_the_day_told_before() -> None:
    proposals = propose(article(
        "Stock indexes reacted favorably on Monday. At 0800 UTC, the Bank of Canada and the "
        "Bank of Japan jointly announced a plan. The Bank of Japan will open at 9 a.m."))
    assert [e.when.edtf() for e in proposals.events] == ["2023-08-21", "2023-08-21"]
    after_the_lead = propose(article(
        "Stock indexes reacted favorably after central banks announced a joint effort.\n\n"
        "At 0800 UTC, the Bank of Canada and the Bank of Japan jointly announced a plan."))
    assert [(e.when.edtf(), len(e.parties)) for e in after_the_lead.events] == [
        ("2023-08-25", 0), ("2023-08-25", 2)]


def test_who_speaks_at_the_head_of_a_paragraph_comments_and_what_they_say_is_no_happening(
        ) -> None:
    proposals = propose(article(
        "Tension rose on Monday between Norvane and Zenith.\n\n"
        "Ed Dalisay: Zenith has a bigger problem. This is what Bush did in 2003.\n\n"
        "@redsohigh: Norvane sold its stake yesterday.\n\n"
        "Zenith said on Tuesday it would reply."))
    assert [p.name for p in proposals.parties] == ["Norvane", "Zenith"]
    assert [e.when.edtf() for e in proposals.events] == ["2023-08-21", "2023-08-22"]


def test_a_long_list_of_subjects_all_do_what_it_does_and_the_title_keeps_the_verb() -> None:
    proposals = propose(article(
        "At 0800 UTC on Monday, the Bank of Canada, the Bank of England, the European Central "
        "Bank (ECB), the United States Federal Reserve, the Bank of Japan, and the Swiss "
        "National Bank jointly announced a plan."))
    [event] = proposals.events
    assert event.title == "The Bank of Canada and five others jointly announced a plan"
    assert {role for _pid, role in event.parties} == {"announcer"} and len(event.parties) == 6


def test_a_body_named_with_and_without_its_country_is_one_party() -> None:
    proposals = propose(article(
        "On Monday the United States Federal Reserve cut rates. The Federal Reserve also "
        "arranged swap lines. The U.S. Department of State said on Tuesday the Department of "
        "State would help."))
    assert [(p.name, p.aliases) for p in proposals.parties] == [
        ("United States Federal Reserve", ("Federal Reserve",)),
        ("U.S. Department of State", ("Department of State",))]


def test_a_country_s_air_force_is_a_government_body_whatever_it_flies() -> None:
    proposals = propose(article(
        "On December 29, 2011 several Turkish Airforce F-16s bombed a convoy. Airbus has inked "
        "deals with the Royal Australian Air Force and the UAE Air Force on Monday."))
    assert [(p.name, p.kind) for p in proposals.parties] == [
        ("Turkish Airforce", "government"), ("Airbus", "organisation"),
        ("Royal Australian Air Force", "government"), ("UAE Air Force", "government")]


# Who is a party and who is not, by what the words around a name say of it.
@pytest.mark.parametrize(("text", "expected"), [
    # the people of a country are not its state
    ("On Monday the United States imposed sanctions. We stand with the brave people of "
     "Belarus and support the citizens of Mali. Mali said on Tuesday it would vote.",
     ["United States", "Mali"]),
    # a capital's own city is not the state
    ("The mayor of Bogotá refused on Monday to fund Campus Party. The London city council "
     "voted on Tuesday. Moscow said on Wednesday it would retaliate.",
     ["Campus Party", "Russia"]),
    # a country that does something is a party, one that is something is not
    ("On Friday, fishermen rescued 700 asylum seekers off Aceh. Thailand has recently "
     "cracked down on human trafficking. Myanmar is mainly Buddhist, and rapprochement with "
     "Russia was paramount.",
     ["Thailand"]),
    # so are countries listed before what they do
    ("On Friday, fishermen rescued 700 asylum seekers. Both the Philippines and China have "
     "imposed a fishing ban.",
     ["Philippines", "China"]),
    # indices, i-brands, kits, shows, camps and shoals are not parties
    ("On Monday the Dow Jones surged nearly 200 points, the NASDAQ rose and the Hang Seng "
     "fell; London's FTSE 100 and Frankfurt's DAX 30 closed down. Norvane released the iPhone "
     "Software Development Kit on Tuesday at the Paris Air Show. Gunmen attacked Camp "
     "Hurriya on Wednesday. Scarborough Shoal is claimed by three countries. Dow Jones & "
     "Company said on Thursday it would sue. iRobot Corp sold its defence unit on Friday.",
     ["Norvane", "Dow Jones & Company", "iRobot"]),
    # a craft or a game named after its kind is a work
    ("On Monday the shipment replaced cargo aboard the spaceship Cygnus. Norvane showed "
     "the game Spore on Tuesday. Cygnus burned up in October.",
     ["Norvane"]),
    # a body of what "the" names is whole
    ("The president of the University of the Philippines issued a statement on Monday.",
     ["University of the Philippines"]),
    # an operation is a campaign
    ("On Monday the army began Operation Protective Edge. Posts on Operation Clambake "
     "reported the attack on Friday.",
     []),
])
def test_who_is_a_party_by_the_words_around(text: str, expected: list[str]) -> None:
    assert [p.name for p in propose(article(text)).parties] == expected


def test_a_country_inside_a_name_that_starts_a_sentence_is_the_name_s_when_written_so_elsewhere(
        ) -> None:
    proposals = propose(article(
        "On Monday, Air India signed a deal for 50 aircraft. Air India says the new airliner "
        "will save fuel."))
    assert [p.name for p in proposals.parties] == ["Air India"]
    # ("Air" and a country are an airline even when nothing else writes them so)
    assert [p.name for p in propose(article(
        "Air India says the airliner will save fuel, India said on Monday.")).parties] == [
        "Air India", "India"]
    assert [p.name for p in propose(article(
        "Meanwhile India says the airliner will save fuel, Japan said on Monday.")).parties] == [
        "India", "Japan"]


def test_a_statement_without_a_date_is_the_news_of_its_day() -> None:
    text = ("Nigerians voted peacefully on March 28. I commend President Goodluck Jonathan for "
            "conceding the election. I also commend the commission.")
    events = propose(article(text, "2015-04-01")).events
    assert [(e.when.edtf(), text[e.quote[0]:e.quote[0] + 9]) for e in events] == [
        ("2015-04-01", "I commend"), ("2015-03-28", "Nigerians")]
    # Unless the article tells its day's news already.
    text = "Today, Liberia reached a milestone. We congratulate the people of Liberia."
    assert [e.when.edtf() for e in propose(article(text, "2015-05-09")).events] == [
        "2015-05-09"]


def test_a_year_around_a_day_of_it_and_a_record_s_age_are_no_happenings() -> None:
    text = ("Yesterday, day five of the 2018 FIFA World Cup, Sweden defeated South Korea. "
            "This was Sweden's first victory in an opening match since 1958.")
    events = propose(article(text, "2018-06-19")).events
    assert [e.when.edtf() for e in events] == ["2018-06-18"]
    # Each is still an event where it is the only date.
    assert [e.when.edtf() for e in propose(article(
        "Sweden won the 2018 FIFA World Cup. Acme has grown since 1958.")).events] == [
        "2018", "1958/2023-08-25"]


@pytest.mark.parametrize(("sentence", "parties"), [
    ("On Monday Minister of Education Stefania Giannini said so.",
     {"Stefania Giannini": "person"}),
    ("On Monday Minister of Foreign Affairs Sergei Lavrov said so.", {"Sergei Lavrov": "person"}),
    ("On Monday Secretary of State Hillary Rodham Clinton resigned.",
     {"Hillary Rodham Clinton": "person"}),
    ("On Monday Minister of Finance Mark Carney resigned.", {"Mark Carney": "person"}),
    ("On Monday the Minister of Education said so.", {}),
    ("A judge sentenced Bob Menendez on Thursday. U.S. District Judge Sidney Stein also "
     "ordered him to forfeit gold bars. Menendez, a Democrat, resigned.",
     {"Bob Menendez": "person", "Sidney Stein": "person"}),
    ("On Monday the U.S. Department of State and the Department of Agriculture said so.",
     {"U.S. Department of State": "government", "Department of Agriculture": "government"}),
    ("On Monday the Rally of Republicans won.", {"Rally of Republicans": "group"}),
    ("On Monday the Movement for Democratic Change won a majority of the seats in the vote.",
     {"Movement for Democratic Change": "group"}),
    ("On Monday Tanya Chan and Horace Cheung won seats in Santa Cruz Barillas.",
     {"Tanya Chan": "person", "Horace Cheung": "person"}),
    ("On Monday Leung Kwok-hung and Han Jong-hee won seats.",
     {"Leung Kwok-hung": "person", "Han Jong-hee": "person"}),
    ("The leader of the inspection team Joo E-suk, also the head of the quarantine office, "
     "handled it on Monday.", {"Joo E-suk": "person"}),  # a given name of one letter first
    ("On Monday Beijing-based Zorblax Corp said so.", {"Zorblax": "organisation"}),
    ("On Monday Undersecretary for Education Mr. Toccafondi said so.",
     {"Toccafondi": "person"}),
    ("On Monday the Food and Drug Administration (FDA) approved it.",
     {"Food and Drug Administration": "government"}),
    ("On Monday the Fish and Wildlife Service and the Securities and Exchange Commission said "
     "so.", {"Fish and Wildlife Service": "organisation",
             "Securities and Exchange Commission": "government"}),  # (a regulator)
    ("Apple and Samsung Electronics agreed on a deal on Monday, and Zorblax Corp missed its "
     "estimates.", {"Apple": "organisation", "Samsung Electronics": "organisation",
                    "Zorblax": "organisation"}),
    ("On Monday the Union of Rationalist Atheists and Agnostics (UAAR) launched a petition.",
     {"Union of Rationalist Atheists and Agnostics": "organisation"}),
    ("On Monday IBGE data (Brazilian Institute of Geography and Statistics) showed it.",
     {"IBGE": "organisation", "Brazilian Institute of Geography and Statistics": "organisation"}),
    ("On Monday the deal (Bank of Acme and Orbex) closed.",  # (one of two names, no whole)
     {"Bank of Acme": "organisation", "Orbex": "organisation"}),
    ("On Monday the Municipality of Livorno sued.", {"Municipality of Livorno": "government"}),
    ("On Monday the Treasury named the Islamic Republic of Iran Broadcasting.",
     {"Treasury": "government", "Islamic Republic of Iran Broadcasting": "organisation"}),
    ("On Monday the Ministry of National Defence said so.",  # (an ordinary word last)
     {"Ministry of National Defence": "government"}),
    ("On Monday the Ministry of Defence and Ministry of Energy and Natural Resources said so.",
     {"Ministry of Defence": "government",
      "Ministry of Energy and Natural Resources": "government"}),
    ("On Monday the City of Bogliasco and the State of Texas sued.",
     {"City of Bogliasco": "government", "State of Texas": "government"}),
    ("In 2017 the Supreme Court annulled the election.", {"Supreme Court": "government"}),
    ("On Monday the Bank of England and the University of Oxford agreed.",
     {"Bank of England": "government", "University of Oxford": "organisation"}),
])
def test_portfolios_and_bodies_named_of_something(sentence: str,
                                                  parties: dict[str, str]) -> None:
    assert parties_of(sentence) == parties


def test_the_warm_up_loads_what_the_reader_loads_on_first_use() -> None:
    from models.articles import gazetteer, name_tagger, warm_up
    from models.articles.dates import _date_patterns
    loaders = (gazetteer._gazetteer, gazetteer._cities, _date_patterns, name_tagger.name_tagger)
    for loader in loaders:
        loader.cache_clear()
    warm_up()
    for loader in loaders:
        assert loader.cache_info().currsize == 1, loader


def test_a_projection_is_no_happening_what_will_be_is() -> None:
    text = ("Acme opened a lab on Monday. Needs would grow by 50 percent by 2050, they "
            "estimated. Acme will open a plant by 2014.")
    assert [e.when.edtf() for e in propose(article(text, "2012-05-11")).events] == [
        "2012-05-07", "2014?"]
    # What someone said would be is a plan.
    assert [e.when.edtf() for e in propose(article(
        "Acme said on Friday it would open a plant in 2025.", "2024-05-10")).events] == [
        "2024-05-10", "2025?"]
    # What may or is likely to be is a projection too.
    text = ("Acme opened a lab on Monday. Thousands may lose their homes by the end of 2013. "
            "The protest is likely to continue next week. Acme will open a plant in June.")
    assert [e.when.edtf() for e in propose(article(text, "2012-05-11")).events] == [
        "2012-05-07", "2012-06?"]
    # What a projecting sentence dates in the past happened, in a relative clause too.
    text = ("Acme opened a lab on Monday. A protest which started on May 2, 2012 continued "
            "for another day and is likely to continue throughout the next week.")
    # (the hedge after its date in the clause still doubts it; only the day is asserted)
    assert [e.when.edtf().rstrip("?") for e in propose(article(text, "2012-05-11")).events
            ] == ["2012-05-07", "2012-05-02"]


def test_a_dateline_s_date_before_the_news_is_the_article_s() -> None:
    events = propose(article(
        "CAPE CANAVERAL, Fla. - 19 April 2018: A Falcon 9 rocket blasted off on Wednesday on "
        "SpaceX's first science mission for NASA.", "2018-04-19")).events
    assert [(e.when.edtf(), e.title) for e in events] == [
        ("2018-04-18", "A Falcon 9 rocket blasted off on SpaceX's first science mission for NASA")]
    # A wire's dateline, its day and its agency, dash or not.
    for text, published, news in [
        ("TOKYO, July 18 (Xinhua) -- Shinzo Abe and Acme signed an agreement on Tuesday.",
         "2018-07-18", ("2018-07-17", "Shinzo Abe and Acme signed an agreement")),
        ("WASHINGTON (UrduPoint News / Sputnik - 19th November, 2019) The US sanctioned two "
         "agents, the Treasury Department announced on Monday.", "2019-11-19",
         ("2019-11-18", "The US sanctioned two agents"))]:
        proposals = propose(article(text, published))
        assert [(e.when.edtf(), e.title) for e in proposals.events] == [news]
        assert not {"TOKYO", "Xinhua", "UrduPoint News", "Sputnik"} & {
            p.name for p in proposals.parties}
    # A paragraph that opens with the medium that tells it and a dash.
    proposals = propose(article(
        "Kaieteur News – Wakenaam Strikers defeated Wakenaam Royals on Sunday.", "2022-11-16"))
    assert [e.title for e in proposals.events] == ["Wakenaam Strikers defeated Wakenaam Royals"]
    assert "Kaieteur News" not in {p.name for p in proposals.parties}
    # A dateline with a colon.
    assert [e.title for e in propose(article(
        "LONDON: Kenya's Wilson Kipsang won the London Marathon on Sunday.", "2014-04-13")
    ).events] == ["Kenya's Wilson Kipsang won the London Marathon"]
    # (a dateline's day is set aside first: a year it falls in is no context of it)
    events = propose(article(
        "ABUJA, Sept 20 (NNN-Xinhua) — At least 300 people have been killed in floods in "
        "Nigeria so far this year, an official said.", "2022-09-20")).events
    assert [(e.when.edtf(), e.title) for e in events] == [
        ("2022-01/2022-09-20",
         "At least 300 people have been killed in floods in Nigeria so far")]


def test_news_told_again_with_its_day_is_one_event() -> None:
    proposals = propose(article(
        "A plane crash in Brazil has killed all 61 people on board.\n\nThe plane crashed "
        "Friday near Vinhedo, the airline Voepass said.", "2024-08-10"))
    assert [(e.when.edtf(), e.title) for e in proposals.events] == [
        ("2024-08-09", "A plane crash in Brazil has killed all 61 people on board")]
    # (but what the article has learned is no news told again)
    proposals = propose(article(
        "Wikinews has learned that the website is being attacked by hackers.\n\nThe attack "
        "was launched on Wednesday by a user.", "2024-08-10"))
    assert [e.when.edtf() for e in proposals.events] == ["2024-08-10", "2024-08-07"]


def test_a_reaction_to_a_dated_happening_is_the_news_and_the_happening_its_own() -> None:
    proposals = propose(article(
        "The members of the Security Council condemned the assassination of prosecutor Hisham "
        "Barakat on 29 June.", "2015-06-30"))
    names = {p.id: p.name for p in proposals.parties}
    assert [(e.when.edtf(), e.title, {names[p]: r for p, r in e.parties})
            for e in proposals.events] == [
        ("2015-06-30", "The members of the Security Council condemned the assassination",
         {"Security Council": "condemning party", "Hisham Barakat": "condemned"}),
        ("2015-06-29", "The assassination of prosecutor Hisham Barakat",
         {"Hisham Barakat": "mentioned"})]


def test_a_photo_caption_tells_no_news() -> None:
    text = ("Protest against censorship. Istanbul, May 2011. Photo by Erdem Civelek via "
            "Wikimedia Commons (CC BY 2.0)\n\nThe bill was approved in Parliament last week.")
    assert [e.when.edtf() for e in propose(article(text, "2014-02-26")).events] == [
        "2014-02-17/2014-02-23"]


def test_a_year_that_names_an_edition_dates_no_happening() -> None:
    assert [e.when.edtf() for e in propose(article(
        "Acme opened a lab on Monday. This week's report begins in Turkey.", "2014-02-26")
    ).events] == ["2014-02-24"]  # (a week's edition too)
    text = ("Acme opened a lab on Monday. This year's theme was water security. We welcome the "
            "government that last year's successful elections gave.")
    assert [e.when.edtf() for e in propose(article(text, "2012-05-11")).events] == [
        "2012-05-07", "2012-05-11", "2011"]  # (the welcome is a statement of the day)


def test_each_date_pattern_says_what_a_sentence_needs_for_it() -> None:
    from models.articles.dates import _NEEDS, _date_patterns
    assert len(_NEEDS) == len(_date_patterns())


def test_a_year_in_a_name_is_the_context_of_a_day() -> None:
    assert dates_of("The IOC banned Russia from the 2018 Winter Olympics on Tuesday.") == [
        "2023-08-22"]
    assert dates_of("Acme was founded at the 1992 Republican National Convention.") == ["1992"]
    assert dates_of("Acme will release its fourth quarter results on October 28.") == [
        "2023-10-28?"]


def test_a_date_in_an_aside_of_what_was_done_is_context() -> None:
    assert dates_of("The deal, announced in January 2022, was challenged in December.") == [
        "2022-12"]
    # (unless it is the only date left: "the 1991 agreement" is in a clause of its own)
    assert dates_of("Apple Corps' suit, filed in September 2003, claims that Apple violated "
                    "the 1991 agreement.") == ["2003-09"]


def test_the_same_moment_by_another_clock_is_no_other_event() -> None:
    assert [e.when.edtf() for e in propose(article(
        "A magnitude 6.4 earthquake hit southern Taiwan around 4:00am today local time (2000 "
        "yesterday UTC).", "2016-02-06")).events] == ["2016-02-06"]


def test_a_figures_comparison_dates_nothing() -> None:
    assert [e.when.edtf() for e in propose(article(
        "Itron posted net income of $65.4 million on Thursday, up from $51.8 million in the "
        "same quarter last year.", "2025-05-02")).events] == ["2025-05-01"]


def test_a_fiscal_year_beside_a_day_is_its_context() -> None:
    assert [e.when.edtf() for e in propose(article(
        "The committee convened its first meeting of fiscal year 2023-24 on Monday.",
        "2023-07-31")).events] == ["2023-07-31"]


def test_a_year_in_the_name_of_a_sentences_subject_dates_nothing() -> None:
    text = ("Acme opened a lab on Monday. The 2012 election is historic. In the 2008 election, "
            "Acme backed Zenith. The 2010 season began on Friday.")
    assert [e.when.edtf() for e in propose(article(text, "2012-05-11")).events] == [
        "2012-05-07", "2008", "2012-05-11"]


def test_the_junk_the_issue_names_is_no_party() -> None:
    text = ("Maven Launch Delayed\n\n"
            "ESPOO, Finland, 21 January 2023 (Reuters) - Nokia said on Friday it signed a deal "
            "with Ericsson covering GSM, UMTS and LTE patents.\n\n"
            "MINSK, Belarus -- The United Launch Alliance Atlas V rocket lifted off from Cape "
            "Canaveral, Fla., on Monday. Scientists at the Laboratory said the Republic would "
            "comply with the Restraining Order and the Constitution.\n\n"
            "@nasa tweeted on Monday: great launch. Photo: John Smith/AFP. Subscribe to The Wall "
            "Street Journal to read more.\n\n"
            "Presidential Election results were released on Monday.\n\n"
            "DHAKA: The death toll passed 2,000, officials said Sunday.")
    assert list(parties_of(text)) == ["Nokia", "Ericsson"]
    # A name in the headline that the story names again is found as ever.
    assert "Nokia" in parties_of("Nokia Signs Deal\n\nNokia said on Friday it signed a deal.")
    # A first line that introduces what follows is the story, no headline.
    assert "Jim Bridenstine" in parties_of(
        "The following is a statement from NASA Administrator Jim Bridenstine:\n\n"
        "“NASA mourns the passing of a leader.”")


@pytest.mark.parametrize(("text", "published", "edtf"), [
    ("The February 16 raids on Vyasna are troublesome.", "2021-02-18", "2021-02-16"),
    ("The February 20 vote is troublesome.", "2021-02-18", "2021-02-20"),
    ("The August 30 vote is troublesome.", "2021-02-18", "2020-08-30"),
    ("The August 1 vote is troublesome.", "2021-02-18", "2021-08-01"),
])
def test_a_day_without_a_year_nor_a_tense_is_the_nearer(text: str, published: str,
                                                        edtf: str) -> None:
    assert [e.when.edtf() for e in propose(article(text, published)).events] == [edtf]


@pytest.mark.parametrize("text", [
    "Ericsson and Huawei, whose previous deal was signed in 2016, have agreed to extend their "
    "patent licence. The deal covers 5G.",
    "Huawei, which has been under US sanctions since 2019, has renewed its licence with "
    "Ericsson.",
    "The deal between Ericsson and Huawei, first signed in 2016, has been renewed.",
])
def test_the_news_of_the_day_is_the_lead_though_its_sentence_dates_its_past(text: str) -> None:
    events = propose(article(text, "2023-08-25")).events
    assert [(e.when.edtf(), e.date_phrase) for e in events] == [("2023-08-25", "")]
    # A sentence that tells its past happening is dated by it.
    assert [e.when.edtf() for e in propose(article(
        "Huawei, which sued Acme in 2019, lost the case in 2021.")).events] == ["2021"]


def test_the_next_day_and_the_day_before_count_from_the_day_told_before() -> None:
    assert dates_of("Acme attacked Zentrix on May 14. In early morning the next day, Acme "
                    "removed its comment. The day before, Zentrix had sold it. The following "
                    "day was quiet.", "2012-05-16") == [
        "2012-05-14", "2012-05-15", "2012-05-14", "2012-05-15"]
    # Only after a day: "the next day" after a year is not guessed.
    assert dates_of("Acme was founded in 2001. The next day it hired Bob Smith.") == ["2001"]


def test_a_plan_announced_after_a_past_happening_is_the_news_of_the_day() -> None:
    proposals = propose(article("The Zorblax Motor Company will cut 30,000 jobs after a loss "
                                "last year. Its chief spoke.", "2006-01-23"))
    assert [e.when.edtf().rstrip("?") for e in proposals.events] == ["2006-01-23", "2005"]
    # A date before the plan's verb is when it was planned for (and, being past, not in doubt
    # for a "will"; a "may" would put it in doubt).
    assert [e.when.edtf() for e in propose(article(
        "In 2013 Akerson will be replaced by Theodore Solso.")).events] == ["2013"]
    assert [e.when.edtf() for e in propose(article(
        "In 2013 Akerson may be replaced by Theodore Solso.")).events] == ["2013?"]


def test_what_is_put_off_until_a_date_happens_then_and_what_was_meant_is_its_context() -> None:
    proposals = propose(article("The delivery, originally due later this year, will be delayed "
                                "until October 2007. Acme waited until March 2007 to sell.",
                                "2006-10-05"))
    assert [(e.when.edtf(), e.title) for e in proposals.events] == [
        ("2007-10?", "The delivery, originally due later this year, will be delayed")]


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Acme signed the deal this morning.", "2023-08-28", ["2023-08-28"]),
    ("Acme signed the deal last night.", "2023-08-28", ["2023-08-27"]),
    # what has been so far in a year is from its start to the day
    ("Thus far, Boeing has received more orders than Airbus in 2005.", "2005-06-13",
     ["2005-01/2005-06-13"]),
    ("Boeing has received 300 orders so far this year.", "2005-06-13", ["2005-01/2005-06-13"]),
    ("Boeing received 300 orders in 2005.", "2006-06-13", ["2005"]),
    # what is scheduled for a month is in the next one of that name, whatever was done before
    ("The update was released to developers and is scheduled for release in June.",
     "2008-03-06", ["2008-06"]),
    # "the past month" is the month up to the day, not the calendar month before ("last month")
    ("Tension rose in the past month.", "2012-05-22", ["2012-04-22/2012-05-22"]),
    ("Tension rose last month.", "2012-05-22", ["2012-04"]),
    ("Prices rose over the past week.", "2012-05-22", ["2012-05-15/2012-05-22"]),
    ("Sales fell in the past year.", "2012-03-31", ["2011-03-31/2012-03-31"]),
    ("Acme signed the deal the day before yesterday.", "2023-08-28", ["2023-08-26"]),
    ("Acme will sign the deal the day after tomorrow.", "2023-08-28", ["2023-08-30?"]),
    ("Acme signed the deal in March last year.", "2023-08-28", ["2022-03"]),
    ("Acme signed the deal on Monday last week.", "2023-08-28", ["2023-08-21"]),
    ("Acme will sign the deal on Friday next week.", "2023-08-28", ["2023-09-08?"]),
    # a date in brackets says which day the words before it mean
    ("Last night [April 27], Acme said so.", "2012-05-21", ["2012-04-27"]),
    ("In 2011 (and again yesterday) Acme said so.", "2012-05-21", ["2011", "2012-05-20"]),
    ("The night was cold.", "2023-08-28", []),
    # a day in a name is no date ("the April 6 Youth Movement")
    ("On May 2, police arrested members of the April 6 Youth Movement.", "2012-05-05",
     ["2012-05-02"]),
    ("Members of the 25 February movement held a sit-in on May 3.", "2012-05-05",
     ["2012-05-03"]),
    # days from a day told before, in the sentence or the one before it
    ("Acme said on Tuesday it had signed the deal a week earlier.", "2023-08-30",
     ["2023-08-22"]),  # (the statement's day is only when it was said)
    ("Acme signed the deal on May 5 and sold Zenith two days later.", "2023-08-30",
     ["2023-05-05", "2023-05-07"]),
    ("Acme signed on May 5. Three days later it sold Zenith.", "2023-08-30",
     ["2023-05-05", "2023-05-08"]),
    ("Acme signed the deal a week earlier.", "2023-08-30", []),  # earlier than what?
    ("Acme will sign the deal later this week.", "2023-08-30", ["2023-08-30?/2023-09-03?"]),
    # a weekday after a day long before the article is the article's week's
    ("He was born on 12 March 1950 in Lagos and died on Sunday.", "2023-08-28",
     ["1950-03-12", "2023-08-27"]),
    # a statement's day is the news when the sentence's other date is context; what is said
    # after "said … that" is no relative clause; where or when it was said is not what
    ("Huawei said on Friday it had renewed its licence with Ericsson, ending a dispute that "
     "began in 2021.", "2023-08-28", ["2023-08-25"]),
    ("Acme, which was founded in 1987, said on Friday that it signed a deal in March.",
     "2023-08-28", ["2023-03"]),
    ("Acme said on Friday it signed a deal in March.", "2023-08-28", ["2023-03"]),
    ("Acme said in a statement on Friday it had renewed its licence.", "2023-08-28",
     ["2023-08-25"]),
    ("Acme signed the deal earlier this week.", "2023-08-30", ["2023-08-28/2023-08-30"]),
])
def test_days_as_people_say_them(text: str, published: str, expected: list[str]) -> None:
    assert dates_of(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Polls open on Sunday.", "2023-08-25", ["2023-08-27"]),  # a Friday's: the next Sunday
    ("The trial opened on Monday and ends on Friday.", "2023-08-29",
     ["2023-08-28", "2023-09-01"]),  # each day takes the tense of its own verb
    ("The talks resume on Monday.", "2023-08-30", ["2023-09-04"]),
    ("The meeting began on Monday.", "2023-08-30", ["2023-08-28"]),
    ("The United States welcomes the elections on Sunday.", "2023-08-30", ["2023-08-27"]),
])
def test_a_present_tense_of_what_is_scheduled_names_a_day_to_come(
        text: str, published: str, expected: list[str]) -> None:
    assert dates_of(text, published) == expected


def test_weekdays_after_a_day_named_in_full_count_from_it() -> None:
    text = ("Russia started the tournament on Saturday, May 5, with a victory over Latvia, "
            "before going on to beat Norway on Sunday, Germany on Tuesday, and Denmark on "
            "Thursday.")
    assert [e.when.edtf() for e in propose(article(text, "2012-05-17")).events] == [
        "2012-05-05", "2012-05-06", "2012-05-08", "2012-05-10"]
    # Alone, a weekday is the one before the article.
    assert [e.when.edtf() for e in propose(article(
        "Russia beat Norway on Sunday.", "2012-05-17")).events] == ["2012-05-13"]


def test_a_clause_with_its_own_subject_and_irregular_verb_keeps_its_own_title() -> None:
    assert [e.title for e in propose(article(
        "Tope Folarin won the prize in 2013 and Rotimi Babatunde won it in 2012.",
        "2018-07-03")).events] == ["Tope Folarin won the prize", "Rotimi Babatunde won it"]


def test_each_happening_of_a_sentence_of_several_dates_has_its_own_title_and_parties() -> None:
    text = ("Russia started the tournament on Saturday, May 5, with a victory over Latvia, "
            "before going on to beat Norway on Sunday, and Denmark on Thursday. Russia said so.")
    proposals = propose(article(text, "2012-05-17"))
    names = {p.id: p.name for p in proposals.parties}
    assert [(e.when.edtf(), e.title, [names[p] for p, _r in e.parties])
            for e in proposals.events] == [
        ("2012-05-05", "Russia started the tournament", ["Russia", "Latvia"]),
        ("2012-05-06", "Russia: beat Norway", ["Russia", "Norway"]),
        ("2012-05-10", "Russia: Denmark", ["Russia", "Denmark"])]
    events = propose(article("Zorblax sold Zenith in 2019 and bought Orbex in 2021, said Bob "
                             "Smith.", "2022-05-17")).events
    assert [e.title for e in events] == ["Zorblax sold Zenith", "Zorblax: bought Orbex"]
    # A clause its date opens tells its happening after the date, its pronoun the subject's.
    events = propose(article("Paris-based Zorblax rebuffed Orbex last October, and in "
                             "February it rejected a takeover bid.", "2021-04-12")).events
    assert [e.title for e in events][1:] == ["Zorblax rejected a takeover bid"]
    # A date inside what happened ("the February 18 sentencing of …") keeps what follows it.
    events = propose(article("The February 16 raids on Vyasna, as well as the February 18 "
                             "sentencing of Katsiaryna Andreyeva, are troubling.",
                             "2021-02-19")).events
    assert [e.title for e in events][1:] == ["The sentencing of Katsiaryna Andreyeva"]
    # A later clause that tells its own subject is its own; an airline flies its flight.
    flights = propose(article("Garuda Indonesia Flight 200 crashed in March 2007, and Adam Air "
                              "Flight 574 vanished on Monday.", "2012-05-17"))
    names = {p.id: p.name for p in flights.parties}
    assert [(e.title, [names[p] for p, _r in e.parties]) for e in flights.events] == [
        ("Garuda Indonesia Flight 200 crashed", ["Garuda Indonesia"]),
        ("Adam Air Flight 574 vanished", ["Adam Air"])]
    # A later clause is told alone where the sentence does not open with a party.
    events = propose(article("Her funeral will be held at Westminster Abbey on September 19, "
                             "the palace announced on Saturday.", "2022-09-10")).events
    assert [e.title for e in events][1:] == ["The palace announced"]
    # Two dates of one happening ("tomorrow on May 17") keep the sentence's title.
    events = propose(article("Bob Smith said the team will face Norway tomorrow on May 17.",
                             "2012-05-16")).events
    assert all(e.title.startswith("Bob Smith said the team will face Norway") for e in events)


def test_a_space_mission_story_names_its_agencies_and_people_not_its_places() -> None:
    text = ("NASA's Perseverance rover landed on Mars on Thursday, the agency said. \"This is "
            "pivotal,\" said acting NASA Administrator Steve Jurczyk. The mission launched from "
            "Cape Canaveral Space Force Station on July 30 and will dock with the International "
            "Space Station (ISS). Engineers at the Jet Propulsion Laboratory cheered. China's "
            "Tianwen-1 probe entered orbit around Mars earlier this month, and the United Arab "
            "Emirates' Hope orbiter arrived on February 9.")
    proposals = propose(article(text, "2021-02-19"))
    assert {p.name: p.kind for p in proposals.parties} == {
        "NASA": "government", "Steve Jurczyk": "person",
        "Jet Propulsion Laboratory": "organisation"}
    # Two happenings of one sentence, joined by ", and", keep their own dates.
    assert [e.when.edtf() for e in proposals.events][-2:] == ["2021-02", "2021-02-09"]


def test_a_happening_told_again_on_its_day_is_one_event() -> None:
    """The seed story tells the renewal twice, on Friday both times (issue 16: one event per
    happening); one party doing two things in a day, or other parties, make two."""
    proposals = propose(article(
        "Huawei announced Friday it had renewed a licensing agreement with Ericsson.\n\n"
        "U.S. sanctions on Huawei since 2019 have cut off the firm from supply chains.\n\n"
        "Huawei and Ericsson have signed a global agreement, the company said Friday."))
    assert [e.when.edtf() for e in proposals.events] == ["2023-08-25", "2019/2023-08-25"]
    names = {p.id: p.name for p in proposals.parties}
    assert {names[pid] for pid, _role in proposals.events[0].parties} >= {"Huawei", "Ericsson"}
    assert len(propose(article("Acme sued Zenith on Monday. Acme bought Orbex on Monday."))
               .events) == 2


@pytest.mark.parametrize(("text", "expected"), [
    ("Barisan Nasional won 133 seats at the general election, a reduced performance compared "
     "to 2008.", []),  # the news, dated by the article
    ("Sales rose 5 percent on Monday compared with the same quarter of 2019.", ["2023-08-21"]),
    ("Turnout was higher than in 2015, officials said on Monday.", ["2023-08-21"]),
    ("Acme bought Zenith in 2015.", ["2015"]),
])
def test_a_date_compared_with_is_no_happening(text: str, expected: list[str]) -> None:
    assert dates_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Vale said on Thursday it has reached an agreement to settle claims stemming from the "
     "collapse of a dam in 2019.", ["2023-08-24"]),
    ("Acme said on Friday that it signed a deal in March.", ["2023-03"]),  # said: March's
    ("Acme said on Friday it has signed a deal with Zenith, and Orbex bought Widget in 2019.",
     ["2023-08-25", "2019"]),
])
def test_what_has_happened_by_the_day_it_is_said_is_that_days(
        text: str, expected: list[str]) -> None:
    assert dates_of(text) == expected


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_a_country_is_found_with_either_apostrophe(apostrophe: str) -> None:
    proposals = propose(article(f"The People{apostrophe}s Republic of China signed the "
                                "agreement with Mongolia on Tuesday."))
    assert [p.name for p in proposals.parties] == ["China", "Mongolia"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Health director-general Tan Sri Dr Noor Hisham Abdullah said on Friday that cases rose.",
     ["Noor Hisham Abdullah"]),
    ("Datuk Seri Najib Tun Razak told a press conference on Monday that the coalition had won.",
     ["Najib Tun Razak"]),  # (his father's "Tun" inside his name stays)
    ("Tun Dr Mahathir Mohamad resigned on Monday.", ["Mahathir Mohamad"]),
    ("Tan Cheng Bock said on Monday he would run.", ["Tan Cheng Bock"]),  # a surname
])
def test_malaysian_honours_are_no_part_of_a_name(text: str, expected: list[str]) -> None:
    proposals = propose(article(text))
    assert [p.name for p in proposals.parties] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Protesters marched on Via Espana on Wednesday.", []),
    ("The zone covers Mt Albert and Western Springs, Mr Coleman said on Wednesday.", ["Coleman"]),
    ("Mount Sinai Hospital said on Monday it had cut 100 jobs.", ["Mount Sinai Hospital"]),
])
def test_a_name_that_says_it_is_a_place_is_none_of_the_parties(
        text: str, expected: list[str]) -> None:
    assert [p.name for p in propose(article(text)).parties] == expected


@pytest.mark.parametrize(("text", "parties", "title"), [
    ("RIO DE JANEIRO/SAO PAULO (Reuters) - Vale said on Thursday it reached an agreement.",
     ["Vale"], "Vale said it reached an agreement"),
    ("(DULLES, VA 5 MARCH 1999) - Orbital Sciences Corporation said on Thursday it launched a "
     "satellite.", ["Orbital Sciences"],
     "Orbital Sciences Corporation said it launched a satellite"),
    ("Sriharikota (Andra Pradesh), September 26: The Indian Space Research Organisation (ISRO) "
     "on Monday launched its satellite SCATSAT-1.", ["Indian Space Research Organisation"],
     "The Indian Space Research Organisation launched its satellite SCATSAT-1"),
    ("WASHINGTON D.C., United States, June 16 (UNHCR) The UN refugee chief António Guterres "
     "urged donors on Tuesday not to cut aid.", ["António Guterres"],
     "António Guterres urged donors not to cut aid"),
    ("Rio de Janeiro, June 15 (IANS) Dunga was sacked on Tuesday, the Brazilian Football "
     "Confederation said.", ["Dunga", "Brazilian Football Confederation"],
     "Dunga was sacked, the Brazilian Football Confederation said"),
    ("Athens, 7 December 2023 (dpa) - Theresa May met Recep Tayyip Erdogan on Thursday.",
     ["Theresa May", "Recep Tayyip Erdogan"], "Theresa May met Recep Tayyip Erdogan"),
    ("BRITAIN - 9 January 2018: Theresa May reshuffled her cabinet on Monday.",
     ["Theresa May"], "Theresa May reshuffled her cabinet"),
])
def test_more_datelines_name_no_party_and_leave_the_title(
        text: str, parties: list[str], title: str) -> None:
    proposals = propose(article(text))
    assert [p.name for p in proposals.parties] == parties
    assert [e.title for e in proposals.events] == [title]


def test_a_date_right_before_a_verb_of_saying_is_the_statement_s() -> None:
    """A press release's "today announced that … on Thursday" is Thursday's happening, told
    today: one event, not two."""
    assert dates_of("Orbital Sciences Corporation today announced that its Pegasus rocket "
                    "launched a satellite for NASA on Thursday.") == ["2023-08-24"]


def test_a_year_naming_a_thing_does_not_date_the_news_of_the_day() -> None:
    proposals = propose(article("President Uhuru Kenyatta has received the 2021 Kenya "
                                "Certificate of Secondary Education examination results."))
    assert [e.when.edtf() for e in proposals.events] == ["2023-08-25"]


@pytest.mark.parametrize("text", [
    "Kenyatta on Friday received the Kenya Certificate of Secondary Education results.",
    "The ministers on Thursday unveiled the National Greenhouse Strategy.",
    "Malaysia on Monday marked 30 years of its Look East Policy.",
])
def test_a_certificate_a_strategy_or_a_policy_is_no_party(text: str) -> None:
    names = [p.name for p in propose(article(text)).parties]
    assert not any(word in name for name in names
                   for word in ("Certificate", "Strategy", "Policy")), names


@pytest.mark.parametrize(("text", "expected"), [
    ("Accusing Microsoft of abusing its position, the Commission fined it on Wednesday.",
     "Microsoft"),
    ("Citing Reuters, Acme said on Monday it would sell Zenith.", "Acme"),
    ("Boeing said on Monday it had won the order.", "Boeing"),
    ("Reading Borough Council said on Monday it had closed the road.", "Reading Borough Council"),
])
def test_a_participle_that_opens_a_sentence_is_no_part_of_a_name(
        text: str, expected: str) -> None:
    assert propose(article(text)).parties[0].name == expected


def test_the_figure_a_figure_is_compared_with_is_no_happening() -> None:
    assert dates_of("Its shares closed on Friday at Sh11.10, down from Sh12 a week earlier. "
                    "Profit fell to Sh190 million on March 3, a decline from Sh216 million in "
                    "2017. Inflation eased to 5% on May 2 from 6% in October.", "2019-12-13") \
        == ["2019-12-13", "2019-03-03", "2019-05-02"]
    assert dates_of("Earnings per share were 58.55 yen, down from 154.64 yen last year.",
                    "2020-11-05") == []  # (the only date too)
    # (a year is no figure: the list of top 10 species from 2012, announced today)
    assert dates_of("The committee announced its list of top 10 species from 2012 today, "
                    "May 23.", "2013-05-23") == ["2012", "2013-05-23"]


def test_a_future_told_as_said_is_after_the_saying() -> None:
    # "would" after "said" looks ahead, as "will" does (the article is of Friday 4 March)
    assert dates_of("Reliance said it would challenge the decision in court on Monday.",
                    "2005-03-04") == ["2005-03-07?"]
    # and a weekday ahead of the day it was said on is the first after it, though past
    assert dates_of("The union said on Friday that workers will strike on Monday.",
                    "2019-09-10") == ["2019-09-09"]


def test_a_month_of_the_same_year_is_in_the_year_named_before_it() -> None:
    assert dates_of("The workers filed a case on Aug. 17, 2011, but in September of the same "
                    "year the company fired them.", "2013-02-05") == ["2011-08-17", "2011-09"]
    assert dates_of("In 2009 Acme opened a plant, and in March that year it hired 300 people.",
                    "2013-02-05") == ["2009", "2009-03"]


def test_the_day_a_count_stands_at_is_no_happening() -> None:
    assert dates_of("As of February 16, 28 active cases remain in the region. As of Monday, the "
                    "ban took effect.", "2025-02-18") == ["2025-02-17"]
    # (but a count someone gives is their say: "Secunia has said that as of March 4 …")
    assert dates_of("Secunia has said that as of March 4, 2011, IE6 has 277 flaws.",
                    "2011-03-08") == ["2011-03-04"]


def test_a_participle_after_be_tells_no_tense() -> None:
    assert dates_of("The sanctions are set to be formally adopted at a meeting on June 25 in "
                    "Luxembourg, EU sources said.", "2018-05-29") == ["2018-06-25?"]
    assert dates_of("The deal could be approved in June.", "2018-05-29") == ["2018-06?"]
    assert dates_of("The deal was approved in June.", "2018-05-29") == ["2017-06"]


def test_what_happened_days_before_the_day_told_is_its_own_event() -> None:
    events = propose(article("Dunga was sacked on Tuesday, two days after Brazil's 1-0 loss to "
                             "Peru in Foxborough.", "2016-06-15")).events
    assert [(e.when.edtf(), e.title) for e in events] == [
        ("2016-06-14", "Dunga was sacked"),
        ("2016-06-12", "Brazil's 1-0 loss to Peru in Foxborough")]
    # (with no day told before it there is nothing to count from)
    assert dates_of("Three days after the vote, Smith resigned.", "2016-06-15") == []


def test_a_date_that_bounds_a_figure_or_a_superlative_is_no_time() -> None:
    assert dates_of("RWE said Monday it had agreed to buy Essent in the biggest European "
                    "takeover this year.", "2013-08-29") == ["2013-08-26"]
    assert dates_of("Air New Zealand said on Thursday its net profit for the year to June rose.",
                    "2013-08-29") == ["2013-08-29"]
    # (a verb between: the year is a happening's)
    assert dates_of("On Monday it said the biggest protest took place in 2012.",
                    "2013-08-29") == ["2013-08-26", "2012"]


def test_a_weekday_explained_in_brackets_is_one_date_phrase() -> None:
    events = propose(article("The strike is next Wednesday (July 25th) and Thursday (July "
                             "26th), the union said.", "2018-07-18")).events
    assert [(e.when.edtf(), e.date_phrase) for e in events] == [
        ("2018-07-25", "next Wednesday (July 25th)"), ("2018-07-26", "Thursday (July 26th)")]
    assert not any(e.title.endswith("(") for e in events)


def test_a_coming_weekday_is_ahead() -> None:
    assert dates_of("The union has called a strike for this coming Friday.", "2018-07-18") == [
        "2018-07-20"]
    assert dates_of("The union will strike this coming Wednesday.", "2018-07-18") == [
        "2018-07-25?"]


def test_should_tells_what_is_to_come() -> None:
    assert dates_of("The transaction should be completed in October.", "2009-06-05") \
        == ["2009-10?"]
    assert dates_of("The deal should have been completed in October.", "2009-06-05") \
        == ["2008-10"]


@pytest.mark.parametrize("text", [
    "Vale said on Thursday it has reached an agreement. Leonardo Correa, analyst at BTG "
    "Pactual, said in a note the agreement appeared positive.",
    "Petrobras raised prices on Thursday, BTG Pactual analyst Leonardo Correa said.",
    "Merino resigned on Sunday. “All of Peru is fired up,” said Jose Vega, a protester in Lima.",
    "Merino resigned on Sunday. “It was chaos,” said shopkeeper Ana Ruiz, a witness.",
])
def test_an_analyst_and_the_firm_named_with_them_comment(text: str) -> None:
    assert [p.name for p in propose(article(text)).parties] == [text.split()[0]]


def test_an_analyst_who_acts_is_a_party() -> None:
    names = [p.name for p in propose(article(
        "Leonardo Correa, analyst at BTG Pactual, was arrested on Thursday.")).parties]
    assert "Leonardo Correa" in names


@pytest.mark.parametrize(("text", "expected"), [
    ("Ursula von der Leyen said on Monday the deal was done.", "Ursula von der Leyen"),
    ("Valéry Giscard d'Estaing said on Monday he would run.", "Valéry Giscard d'Estaing"),
    ("His wife Blanche d’Alpuget confirmed the death on Thursday.", "Blanche d’Alpuget"),
])
def test_particles_inside_a_name_keep_it_whole(text: str, expected: str) -> None:
    assert [p.name for p in propose(article(text)).parties] == [expected]


def test_counsel_is_a_title() -> None:
    proposals = propose(article("Counsel Cyrus Das represented Malaysiakini on Monday."))
    first = proposals.parties[0]
    assert (first.name, first.kind) == ("Cyrus Das", "person")


@pytest.mark.parametrize(("text", "expected"), [
    ("Toyota on Monday said it will cut 500 jobs.", ["2023-08-21"]),  # said: the last Monday
    ("Workers are to go on strike on Thursday.", ["2023-08-31"]),  # "are to": to come
    ("The minister is to blame for the loss on Thursday.", ["2023-08-24"]),
])
def test_a_statement_s_day_and_what_is_to_come(text: str, expected: list[str]) -> None:
    assert dates_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The Chamber of Commerce said on Monday it made a final offer.", "Chamber of Commerce"),
    ("The Chamber of Mines said on Monday it made a final offer.", "Chamber of Mines"),
    ("The Oil and Gas Workers Union said on Monday it would strike.",
     "Oil and Gas Workers Union"),
])
def test_a_chamber_and_a_union_of_two_trades_are_whole(text: str, expected: str) -> None:
    assert [p.name for p in propose(article(text)).parties] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("Liverpool beat Chelsea 2-0 on Sunday.", {"Liverpool": "winner", "Chelsea": "defeated"}),
    ("Zimbabwe sacked coach Michael Nees on Wednesday.",
     {"Zimbabwe": "dismissing party", "Michael Nees": "dismissed"}),
])
def test_a_city_or_a_country_that_acts_first_in_a_sentence_is_a_party(
        text: str, expected: dict[str, str]) -> None:
    assert roles_of(text) == expected


def test_a_city_where_something_happens_is_no_party() -> None:
    assert propose(article("Fans flew to Liverpool on Sunday.")).parties == ()


def test_a_long_aside_about_the_subject_of_the_day_s_news_is_context() -> None:
    proposals = propose(article(
        "Bandula Warnapura, who captained Sri Lanka in their first ever Test match against "
        "England in 1982, has died at the age of 68.", "2021-10-18"))
    assert [(e.when.edtf(), e.title) for e in proposals.events] == [
        ("2021-10-18", "Bandula Warnapura has died at the age of 68")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Davenport today became the first American-born woman to win the title since Chris "
     "Evert Lloyd in 1982.", ["2023-08-25"]),  # whom she is compared with, and when
    ("The company, which was founded in 1987, signed the deal on Friday.", ["2023-08-25"]),
    ("Mayor John Robertson said at last week's meeting that the council would hold its rates.",
     ["2023-08-14/2023-08-20"]),  # a meeting is a happening, not an edition
])
def test_a_rival_s_year_is_no_happening_and_a_meeting_is_one(
        text: str, expected: list[str]) -> None:
    assert dates_of(text) == expected


def test_what_a_sentence_supposes_is_no_happening() -> None:
    proposals = propose(article(
        "Davenport beat Hingis on Saturday.\n\nIf Patrick Rafter ousts Pete Sampras in the "
        "semifinal on Sunday, it would be the first all-Australian final since 1970.",
        "1998-09-13"))
    assert [e.when.edtf() for e in proposals.events] == ["1998-09-12"]
    assert not any(p.name == "Patrick Rafter" for p in taking_part(proposals))


@pytest.mark.parametrize(("text", "expected"), [
    ("South Africa's largest union said on Monday it would strike.", []),
    ("Kenya's top court ruled on Monday.", ["Kenya"]),  # a state body: the state's own
])
def test_a_country_before_its_unnamed_company_or_union_is_where_it_is(
        text: str, expected: list[str]) -> None:
    assert [p.name for p in propose(article(text)).parties] == expected


def test_a_word_that_names_a_kind_of_place_alone_is_none_of_the_parties() -> None:
    names = [p.name for p in propose(article(
        "SpaceX recovered its Falcon 9 rocket and Delta capsule Wednesday, NASA said.")).parties]
    assert "Delta" not in names


def test_a_date_alone_in_its_clause_takes_the_tense_of_the_verb_past_an_aside() -> None:
    assert dates_of("In November, Pedro Parente, chief executive of Petrobras, touted a "
                    "discovery.", "2018-07-04") == ["2017-11"]


def test_letters_given_after_or_are_the_name_s() -> None:
    proposals = propose(article(
        "Josefina Vazquez Mota, of the ruling National Action Party, or PAN, said on Monday "
        "expropriation leads nowhere. PAN officials agreed."))
    assert [(p.name, p.aliases) for p in proposals.parties][1:] == [
        ("National Action Party", ("PAN",))]


@pytest.mark.parametrize(("text", "kind"), [
    ("Merkel said on Monday the deal was fair.", "person"),
    ("Coleman told reporters on Thursday that the website was restored.", "person"),
    ("Samsung said on Monday the deal was fair.", "organisation"),
])
def test_a_surname_alone_that_speaks_is_a_person(text: str, kind: str) -> None:
    assert propose(article(text)).parties[0].kind == kind


def test_the_news_told_again_with_its_day_cites_the_sentence_with_the_day() -> None:
    text = ("Directors at Arcelor have opted to back an offer to merge with Mittal Steel.\n\n"
            "Analysts expect a vote later. Shareholders will meet. The bid is large.\n\n"
            "Arcelor directors met Mittal Steel for nine hours on Sunday to consider the bid.")
    proposals = propose(article(text, "2006-06-25"))
    [event] = proposals.events
    assert (event.when.edtf(), event.date_phrase) == ("2006-06-25", "on Sunday")
    assert text[event.quote[0]:event.quote[1]].startswith("Arcelor directors met")


def test_a_statement_that_tells_no_past_happening_is_the_news() -> None:
    dates = dates_of("Foreign Ministry in a statement today said the short visit from April 4-5 "
                     "is also to honour the invitation.", "2021-04-03")
    assert "2021-04-03" in dates


def test_a_date_said_of_now_is_the_nearer() -> None:
    assert dates_of("The ministry said the short visit from April 4-5 is to honour an "
                    "invitation.", "2021-04-03") == ["2021-04-04/2021-04-05"]
    assert dates_of("He said the election on March 3 was fair.", "2021-04-03") == ["2021-03-03"]


def test_a_person_called_by_the_first_of_his_names_stays_a_person() -> None:
    proposals = propose(article(
        "Prime Minister Tan Sri Muhyiddin Yassin will visit Brunei on Sunday. Muhyiddin will "
        "meet the Sultan."))
    first = proposals.parties[0]
    assert (first.name, first.kind, first.aliases) == ("Muhyiddin Yassin", "person",
                                                       ("Muhyiddin",))


@pytest.mark.parametrize(("text", "expected"), [
    ("India beat Australia by 31 runs at the Adelaide Oval on Monday.", ["India", "Australia"]),
    ("Carnegie Hall announced on Monday that the concert would move.", ["Carnegie Hall"]),
])
def test_a_ground_a_hall_or_a_house_is_a_site_unless_it_acts(
        text: str, expected: list[str]) -> None:
    assert [p.name for p in propose(article(text)).parties] == expected


def test_a_common_word_before_a_site_word_at_the_start_is_the_name_s() -> None:
    names = [p.name for p in propose(article(
        "Freedom House said on Monday that press freedom fell.")).parties]
    assert names == ["Freedom House"]


def test_a_happening_named_again_by_its_day_s_possessive_is_no_new_event() -> None:
    proposals = propose(article("Hebei lost 3-2 to Henan Jianye on Saturday. Angry fans held "
                                "aloft a banner during Saturday's defeat.", "2019-05-15"))
    assert [e.when.edtf() for e in proposals.events] == ["2019-05-11"]
    # (a day's possessive with no happening told on it is one: "Monday's elections")
    assert dates_of("Monday's elections were peaceful.", "2019-05-15") == ["2019-05-13"]


def test_who_is_named_only_in_what_a_person_is_is_their_background() -> None:
    names = [p.name for p in propose(article(
        "Seurey, who is a training partner of Olympic champion Jemima Sumgong, said on Sunday "
        "she had trained hard.")).parties]
    assert names == ["Seurey"]
    # (named where something happens too, the same person stays)
    names = [p.name for p in propose(article(
        "Seurey, who is a training partner of Jemima Sumgong, won on Sunday. Jemima Sumgong "
        "was second.")).parties]
    assert "Jemima Sumgong" in names


def test_a_year_written_across_two_beside_a_day_is_its_context() -> None:
    assert dates_of("The Reserve Bank of India on Thursday cut the repo rate to 6 per cent in "
                    "its first policy statement for 2019-20.", "2019-04-04") == ["2019-04-04"]
    assert dates_of("The budget for 2019-20 was passed.", "2019-04-04") == ["2019/2020"]


@pytest.mark.parametrize(("text", "expected"), [
    ("The Economic Community of West African States said on Monday it would meet.",
     "Economic Community of West African States"),
    ("The East African Community said on Monday it would meet.", "East African Community"),
])
def test_a_community_of_states_is_one_body(text: str, expected: str) -> None:
    assert [p.name for p in propose(article(text)).parties] == [expected]


def test_a_day_of_a_month_named_in_a_quotation_is_one_of_the_article_s_days() -> None:
    assert dates_of("\"I presented my resignation letter on 22 September,\" Goncalves said.",
                    "2008-10-05") == ["2008-09-22"]


@pytest.mark.parametrize(("text", "name"), [
    ("Coach Monday Okoro resigned on Friday.", "Monday Okoro"),
    ("Sunday Oliseh resigned on Friday.", "Sunday Oliseh"),
])
def test_a_weekday_that_is_a_given_name_is_no_date(text: str, name: str) -> None:
    proposals = propose(article(text, "2016-02-26"))
    assert [e.when.edtf() for e in proposals.events] == ["2016-02-26"]
    assert [p.name for p in proposals.parties] == [name]
    assert dates_of("On Monday Acme signed the deal.", "2016-02-26") == ["2016-02-22"]


def test_a_memorandum_by_its_letters_is_no_party() -> None:
    names = [p.name for p in propose(article(
        "Ambassador Halim Majeed said the MOU was signed on Wednesday.")).parties]
    assert "MOU" not in names


@pytest.mark.parametrize(("text", "expected"), [
    ("State House said on Monday the president would travel.", ["State House"]),
    ("Government House said on Monday it would close.", ["Government House"]),
])
def test_a_common_word_before_a_site_word_is_the_site_s_name(
        text: str, expected: list[str]) -> None:
    assert [p.name for p in propose(article(text)).parties] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The Karachi Chamber of Commerce and Industry said on Monday it would appeal.",
     ["Karachi Chamber of Commerce and Industry"]),
    ("The Federation of Indian Chambers of Commerce and Industry on Monday criticised the tax.",
     ["Federation of Indian Chambers of Commerce and Industry"]),
    ("The Hong Kong University of Science and Technology said on Monday it had won.",
     ["Hong Kong University of Science and Technology"]),
    ("The Bank of England and Barclays said on Monday they had agreed.",
     ["Bank of England", "Barclays"]),
])
def test_a_body_named_by_two_fields_keeps_both(text: str, expected: list[str]) -> None:
    assert [p.name for p in propose(article(text)).parties] == expected


def test_a_memorandum_of_understanding_is_a_document_not_two_parties() -> None:
    proposals = propose(article(
        "The two sides on Monday signed a Memorandum of Understanding between China "
        "International Development Cooperation Agency and Pakistan Ministry of Economic "
        "Affairs."))
    assert [p.name for p in proposals.parties] == [
        "China International Development Cooperation Agency",
        "Pakistan Ministry of Economic Affairs"]


@pytest.mark.parametrize("text", [
    "LONDON (Reuters) — Three people were killed in a fire on Friday.",
    "MINSK — Three people were killed in a fire on Friday.",
])
def test_the_first_word_after_a_dateline_starts_the_sentence(text: str) -> None:
    assert [p.name for p in propose(article(text)).parties] == []


def test_a_nationality_before_a_name_is_no_part_of_it() -> None:
    proposals = propose(article("Frenchman Gael Monfils beat Dutchman Tallon Griekspoor on "
                                "Sunday."))
    assert [p.name for p in proposals.parties] == ["Gael Monfils", "Tallon Griekspoor"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Veteran Labour politician Tony Benn died on Friday.", ["Tony Benn"]),
    ("Embattled Boeing said on Monday it would cut jobs.", ["Boeing"]),
    ("Jailed Kremlin critic Alexei Navalny said on Monday he was ill.", ["Alexei Navalny"]),
])
def test_a_describing_word_opening_the_sentence_is_no_part_of_a_name(
        text: str, expected: list[str]) -> None:
    assert [p.name for p in propose(article(text)).parties] == expected


@pytest.mark.parametrize("text", [
    "Harry Kane was named Man of the Match on Sunday.",
    "Joe Root was named Player of the Series on Sunday.",
])
def test_a_prize_for_the_best_is_no_party(text: str) -> None:
    names = [p.name for p in propose(article(text)).parties]
    assert names in (["Harry Kane"], ["Joe Root"])


def test_a_capital_before_a_lowercase_word_of_office_is_a_place() -> None:
    """"home" is also the first word of a title ("Home Secretary"), but not in lowercase."""
    proposals = propose(article("The singer died on Friday at his Paris home."))
    assert [p.name for p in proposals.parties] == []


def test_a_country_before_a_described_player_is_where_she_is_from() -> None:
    proposals = propose(article("Gauff beat Spain's top-seeded Paula Badosa 6-2, 6-3 on Sunday."))
    assert [p.name for p in proposals.parties] == ["Gauff", "Paula Badosa"]


def test_a_name_with_its_middle_name_is_one_person_with_its_shorter_forms() -> None:
    proposals = propose(article(
        "Mnangagwa declared winner\n\n"
        "Emmerson Mnangagwa has been declared the winner of the election on Friday.\n\n"
        "Mnangagwa won 50.8 percent of the vote, the commission announced on Friday.\n\n"
        "“Emmerson Dambudzo Mnangagwa is therefore duly declared elected president,” said "
        "chair Priscilla Chigumba."))
    assert [(p.name, sorted(p.aliases)) for p in proposals.parties] == [
        ("Emmerson Dambudzo Mnangagwa", ["Emmerson Mnangagwa", "Mnangagwa"]),
        ("Priscilla Chigumba", [])]


def test_a_name_inside_a_longer_one_is_that_person() -> None:
    proposals = propose(article(
        "The court upheld Luiz Inacio Lula da Silva's conviction on Wednesday. Lula said on "
        "Thursday he would appeal."))
    assert [(p.name, p.aliases) for p in proposals.parties] == [
        ("Luiz Inacio Lula da Silva", ("Lula",))]


def test_a_demonym_after_a_given_name_is_a_surname() -> None:
    proposals = propose(article("Deputy Prime Minister Bill English said on Monday he would "
                                "stand."))
    assert [p.name for p in proposals.parties] == ["Bill English"]


@pytest.mark.parametrize(("text", "expected"), [
    ("The Directorate of Vigilance on Friday filed an appeal.", "Directorate of Vigilance"),
    ("The Enforcement Directorate on Friday arrested the minister.", "Enforcement Directorate"),
])
def test_a_directorate_is_one_state_body(text: str, expected: str) -> None:
    assert [(p.name, p.kind) for p in propose(article(text)).parties] == [
        (expected, "government")]


def test_a_name_before_an_amount_with_decimals_is_no_product() -> None:
    proposals = propose(article("The commission fined Google 13.5 billion euros on Thursday."))
    assert [p.name for p in proposals.parties] == ["Google"]


@pytest.mark.parametrize(("text", "expected"), [
    ("The judge said in his ruling that during his 2003-2010 presidency, Lula was one of the "
     "architects of the scheme.", ["2023-08-25"]),
    ("Our investment aligns with our broader 2021-2025 strategy, said Aiman AlMudaifer.",
     ["2023-08-25"]),
    ("He served from 2003-2010 as mayor.", ["2003/2010"]),
])
def test_years_that_describe_a_term_or_a_plan_date_nothing(
        text: str, expected: list[str]) -> None:
    assert [e.when.edtf() for e in propose(article(text)).events] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The Foreign Office said on Tuesday the talks went well.", ("Foreign Office", "government")),
    ("The Fair Trade Commission fined Acme on Thursday.", ("Fair Trade Commission", "government")),
    ("The Election Commission on Friday announced the results.",
     ("Election Commission", "government")),
    ("The Tax Foundation said on Friday the plan was costly.", ("Tax Foundation", "organisation")),
])
def test_a_body_with_a_state_s_duty_is_the_state_s(text: str, expected: tuple[str, str]) -> None:
    assert (lambda p: (p.name, p.kind))(propose(article(text)).parties[0]) == expected


@pytest.mark.parametrize("text", [
    "Human Rights Watch said on Tuesday the arrests were illegal.",
    "Global Witness said on Tuesday the firm lied.",
])
def test_a_name_of_no_one_s_words_that_acts_is_a_body(text: str) -> None:
    assert [p.kind for p in propose(article(text)).parties] == ["organisation"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Reporters Without Borders condemned the arrest on Tuesday.", "Reporters Without Borders"),
    ("Save the Children said on Tuesday it would appeal.", "Save the Children"),
    ("Friends of the Earth sued the company on Tuesday.", "Friends of the Earth"),
])
def test_a_body_named_by_ordinary_words_is_found_whole(text: str, expected: str) -> None:
    assert [(p.name, p.kind) for p in propose(article(text)).parties] == [
        (expected, "organisation")]


@pytest.mark.parametrize(("text", "expected"), [
    ("The central bank cut its key rate to 6.5% from 6.75% on Thursday.", ["2023-08-24"]),
    ("The bank had cut its benchmark rate by 25 basis points to 6% from 6.25% in August.",
     ["2023-08"]),
    ("Shares closed at Sh11.10 on Monday, down from Sh12 a week earlier.", ["2023-08-21"]),
])
def test_the_day_a_figure_was_set_is_no_baseline(text: str, expected: list[str]) -> None:
    assert dates_of(text) == expected


def test_a_plan_said_on_a_day_is_one_event_on_that_day() -> None:
    proposals = propose(article("Boeing will cut 500 jobs, its chief executive said on Tuesday."))
    assert [e.when.edtf() for e in proposals.events] == ["2023-08-22"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Inflation will ease next year, the central bank said on Tuesday.", "2023-08-22"),
    ("The firm said it will appeal on Monday.", "2023-08-28?"),
])
def test_the_day_something_was_said_is_past_whatever_it_says(text: str, expected: str) -> None:
    assert dates_of(text)[-1] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("China on Monday imposed tariffs on Australian wine.", [("China", "imposing party")]),
    ("The Foreign Ministry on Wednesday summoned the ambassador.",
     [("Foreign Ministry", "summoning party")]),
    ("The court on Monday imposed a fine of Rs.50 lakh on Acme Ltd.",
     [("Acme", "mentioned")]),
])
def test_imposing_and_summoning_are_roles_and_a_currency_mark_no_party(
        text: str, expected: list[tuple[str, str]]) -> None:
    proposals = propose(article(text))
    names = {p.id: p.name for p in proposals.parties}
    assert [(names[i], r) for e in proposals.events for i, r in e.parties] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("State Bank of India said on Monday its profit rose.",
     [("State Bank of India", "organisation")]),
    ("Treasury Wine Estates said on Tuesday that the tariffs would go. Treasury Wine shares "
     "rose 5%.", [("Treasury Wine Estates", "organisation")]),
    ("The airline Emirates said on Monday it had ordered 65 jets.",
     [("Emirates", "organisation")]),
])
def test_companies_named_like_states_are_companies(
        text: str, expected: list[tuple[str, str]]) -> None:
    assert [(p.name, p.kind) for p in propose(article(text)).parties] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("ZANU-PF said on Tuesday it had won.", ["ZANU-PF"]),
    ("FAW-Volkswagen Sales Co was fined on Tuesday.", ["FAW-Volkswagen Sales"]),
])
def test_a_hyphen_in_a_name_in_capitals_is_no_dateline_s_dash(
        text: str, expected: list[str]) -> None:
    assert [p.name for p in propose(article(text)).parties] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Qantas posted a record profit on Thursday. On Friday, the airline announced an order "
     "for 24 jets.", [["Qantas"], ["Qantas"]]),
    ("The Competition Bureau filed an appeal on Friday. On Sunday, the bureau asked for a "
     "stay.", [["Competition Bureau"], ["Competition Bureau"]]),
    ("Boeing filed an appeal on Friday. After being released from its carrier on Sunday, the "
     "rocket ignited.", [["Boeing"], []]),
])
def test_a_body_named_again_by_what_it_is_takes_part(
        text: str, expected: list[list[str]]) -> None:
    proposals = propose(article(text))
    names = {p.id: p.name for p in proposals.parties}
    assert [[names[i] for i, _r in e.parties] for e in proposals.events] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("In February 2022, Boeing signed a contract. Four months later, Airbus signed one.",
     ["2022-02", "2022-06"]),
    ("Boeing was fined in 2019. The following year, Boeing was sold.", ["2019", "2020"]),
    ("The tribunal heard the case in December 2022. Before the month ended, the tribunal "
     "dismissed the application.", ["2022-12", "2022-12"]),
    ("Boeing was fined in 2019. Two months later, Boeing was sold.", ["2019"]),
])
def test_a_month_or_a_year_told_from_the_one_before(text: str, expected: list[str]) -> None:
    assert dates_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Gauff won the Auckland title this past January.", ["2023-01"]),
    ("Gauff won the title this past September.", ["2022-09"]),
])
def test_this_past_month_is_the_last_one(text: str, expected: list[str]) -> None:
    assert dates_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Ghana has raised the price of cocoa for the remainder of the 2023/24 crop year.",
     ["2023-08-25"]),
    ("Arsenal won the title in the 2003/04 season.", ["2003/2004"]),
])
def test_a_season_of_years_is_a_scope_unless_it_is_when(text: str, expected: list[str]) -> None:
    assert [e.when.edtf() for e in propose(article(text)).events] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The navy bought two frigates from Fincantieri of Italy on Monday.", ["Fincantieri"]),
    ("The National Union of Metalworkers of South Africa said on Monday it would strike.",
     ["National Union of Metalworkers of South Africa"]),
    ("The Bank of Italy said on Monday rates would rise.", ["Bank of Italy"]),
])
def test_a_country_after_a_company_and_of_is_where_it_is_from(
        text: str, expected: list[str]) -> None:
    assert [p.name for p in propose(article(text)).parties] == expected


@pytest.mark.parametrize("text", [
    "The Dubai Airshow kicked off on Monday.",
    "The Yemen Conference opened on Monday.",
])
def test_a_show_or_a_conference_is_a_happening_not_a_party(text: str) -> None:
    assert [p.name for p in propose(article(text)).parties] == []


@pytest.mark.parametrize("text", [
    "SEOUL, The European Commission on Tuesday approved the merger.",
    "Brussels: The European Commission on Tuesday approved the merger.",
])
def test_a_known_town_and_a_comma_or_colon_opening_a_paragraph_is_a_dateline(text: str) -> None:
    assert [p.name for p in propose(article(text)).parties] == ["European Commission"]


def test_the_place_before_a_governor_s_title_is_where_he_governs() -> None:
    proposals = propose(article("Former Maguindanao governor Juan Cruz was convicted of graft "
                                "on Friday."))
    assert [p.name for p in proposals.parties] == ["Juan Cruz"]


@pytest.mark.parametrize(("text", "expected"), [
    ("The Madras high court on Thursday sentenced K Ponmudy to three years.",
     ["Madras high court", "K Ponmudy"]),
    ("A Lahore anti-terrorism court on Monday convicted Ali Khan.",
     ["Lahore anti-terrorism court", "Ali Khan"]),
    ("A Brazilian appeals court on Wednesday upheld the conviction of Ali Khan.", ["Ali Khan"]),
])
def test_a_court_in_lowercase_after_its_seat_is_a_party(text: str, expected: list[str]) -> None:
    assert [p.name for p in propose(article(text)).parties] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Kerala on Tuesday declared an emergency after floods.", [("Kerala", "government")]),
    ("California sued the administration on Tuesday.", [("California", "government")]),
    ("Mad cow disease broke out in California on Tuesday.", []),
])
def test_a_region_that_acts_is_its_government(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(p.name, p.kind) for p in propose(article(text)).parties] == expected


def test_a_plural_after_a_hissing_sound_is_an_english_word() -> None:
    assert is_english_word("Clashes") and is_english_word("marches")
    assert [p.name for p in propose(article(
        "Clashes broke out on Saturday between police and protesters.")).parties] == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The ministry had not commented by Wednesday.", []),
    ("As of yesterday afternoon, the air force has yet to issue a statement.", []),
    ("Boeing signed the deal on Monday, though it has not been ratified.", ["2023-08-21"]),
])
def test_what_has_not_happened_is_no_event(text: str, expected: list[str]) -> None:
    assert dates_of(text) == expected


def test_a_double_surname_alone_is_the_person_of_four_names() -> None:
    proposals = propose(article("Andrés Manuel López Obrador won on Sunday. López Obrador "
                                "thanked voters on Monday."))
    assert [(p.name, p.aliases) for p in proposals.parties] == [
        ("Andrés Manuel López Obrador", ("López Obrador",))]


@pytest.mark.parametrize(("text", "expected"), [
    ("The Coahuila Attorney General's Office charged five men on Tuesday.",
     "Coahuila Attorney General's Office"),
    ("The Prosecutor General's Office said on Tuesday five men were charged.",
     "Prosecutor General's Office"),
])
def test_an_office_holder_s_office_is_one_state_body(text: str, expected: str) -> None:
    assert [(p.name, p.kind) for p in propose(article(text)).parties] == [
        (expected, "government")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Italy's coastguard said on Sunday that about 30 migrants were missing.",
     [("Italy's coastguard", "government")]),
    ("Zimbabwe's police fired tear gas on Friday. Later, police arrested 20 protesters.",
     [("Zimbabwe's police", "government")]),
])
def test_a_state_s_body_after_its_country_s_possessive_is_the_party(
        text: str, expected: list[tuple[str, str]]) -> None:
    assert [(p.name, p.kind) for p in propose(article(text)).parties] == expected


def test_a_cartel_in_lowercase_after_its_name_is_a_party() -> None:
    proposals = propose(article("The Gulf cartel killed three police officers on Tuesday."))
    assert [(p.name, p.kind) for p in proposals.parties] == [("Gulf cartel", "organisation")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Hamas later released 81 hostages on Friday.", "Hamas"),
    ("Egypt first proposed a ceasefire on Sunday.", "Egypt"),
    ("Moscow swiftly denied the report on Sunday.", "Russia"),
    ("Ecopetrol last week reported a net profit of 11.55 trillion pesos.", "Ecopetrol"),
])
def test_an_adverb_between_a_one_word_doer_and_its_verb_keeps_the_doer(
        text: str, expected: str) -> None:
    assert parties_of_the_event(text) == [expected]


@pytest.mark.parametrize("text", [
    "Egypt brokered a ceasefire between Israel and Hamas on Monday.",
    "Egypt mediated a truce between Israel and Hamas on Monday.",
])
def test_the_sides_of_a_truce_take_part_beside_its_broker(text: str) -> None:
    assert parties_of_the_event(text) == ["Egypt", "Israel", "Hamas"]


@pytest.mark.parametrize(("text", "expected"), [
    # (told in the past tense, but 16 May 2023 was a Tuesday: the Thursday is next week's)
    ("The President has convened the new parliament for Thursday 16 May.", ["2024-05-16"]),
    ("The vote was held on Thursday, May 9.", ["2024-05-09"]),
    ("The court sat on Wed 10 May 2023.", ["2023-05-10"]),
])
def test_a_weekday_told_with_a_yearless_day_picks_the_year(text: str, expected: list[str]) -> None:
    assert dates_of(text, "2024-05-10") == expected


@pytest.mark.parametrize("text", [
    "Emirates Group promised staff a bonus on Friday. On Thursday, the company posted a profit.",
    "Emirates Group promised staff a bonus on Friday. Last year, the firm posted a profit.",
])
def test_the_company_after_an_opening_date_is_the_subject_before(text: str) -> None:
    proposals = propose(article(text, "2023-05-12"))
    names = {p.id: p.name for p in proposals.parties}
    assert [[names[pid] for pid, _role in e.parties] for e in proposals.events] == [
        ["Emirates Group"], ["Emirates Group"]]


@pytest.mark.parametrize("text", [
    "Vale Base Metals said on Monday it is committing US$10bil for investment in Indonesia.",
    "Vale said on Monday it would invest US$2 billion, and NZ$1 billion more in 2025.",
])
def test_a_country_s_letters_before_a_dollar_sign_are_its_currency(text: str) -> None:
    assert "United States" not in parties_of(text)


@pytest.mark.parametrize("text", [
    "On Monday, Israeli strikes on south Lebanon killed 11 people.",
    "Israeli airstrikes killed 11 people on Monday.",
])
def test_a_state_s_strikes_are_the_state_acting_and_where_they_fall_a_place(text: str) -> None:
    proposals = propose(article(text, "2024-12-03"))
    assert [(p.name, p.aliases) for p in proposals.parties] == [("Israel", ())]
    assert [len(e.parties) for e in proposals.events] == [1]


def test_a_name_after_alias_is_the_same_person() -> None:
    proposals = propose(article("The court sentenced Ibrahim Khalil alias Kosai Khalil to death "
                                "on Tuesday. Kosai Khalil was absent.", "2023-06-06"))
    assert [(p.name, p.aliases) for p in proposals.parties] == [
        ("Ibrahim Khalil", ("Kosai Khalil",))]


@pytest.mark.parametrize(("text", "expected"), [
    ("On Friday the Punjab government withdrew three petitions.", "Punjab government"),
    ("The Kerala state government declared a holiday on Monday.", "Kerala state government"),
    # (a state named like a country is no country: Nigeria's Niger state)
    ("The Niger state government said on Sunday that 200 children were taken.",
     "Niger state government"),
    ("The Borno state government said on Sunday that 20 died.", "Borno state government"),
])
def test_a_region_s_government_in_lowercase_is_a_party(text: str, expected: str) -> None:
    assert parties_of(text) == {expected: "government"}


def test_a_region_opens_the_name_of_its_highway_patrol() -> None:
    assert parties_of("The Missouri State Highway Patrol said Tuesday that a third passenger "
                      "died.") == {"Missouri State Highway Patrol": "government"}


@pytest.mark.parametrize(("text", "expected"), [
    ("The U.S. Food and Drug Administration on Tuesday approved Myalept for a rare fat "
     "disorder. Myalept will be available soon.", ["Food and Drug Administration"]),
    ("The European Medicines Agency on Thursday approved Comirnaty, the vaccine made by Pfizer.",
     ["European Medicines Agency", "Pfizer"]),
    # (but a drug maker is a company)
    ("Pfizer is a drug maker based in New York. Pfizer said on Monday it would grow.",
     ["Pfizer"]),
])
def test_a_medicine_is_no_party(text: str, expected: list[str]) -> None:
    assert list(parties_of(text)) == expected


@pytest.mark.parametrize(("first", "headline"), [
    ("Ardern to form Govt.", True),
    ("Huawei sues the U.S.", True),
    ("Labour won 64 seats on Saturday.", False),  # (a sentence: the story has no headline)
])
def test_a_headline_may_end_in_an_abbreviation_s_period(
        tmp_path: Path, first: str, headline: bool) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"{first}\n\nLabour won 64 seats on Saturday, officials said.\n",
                    encoding="utf-8")
    assert (read_article(path).title == first) == headline


@pytest.mark.parametrize(("text", "expected"), [
    ("Greek and Turkish leaders met in Athens on Thursday.", ["Greece", "Turkey"]),
    ("The top Saudi and Iranian diplomats met in Beijing on Thursday.", ["Saudi Arabia", "Iran"]),
])
def test_states_by_their_demonyms_before_those_who_speak_for_them_take_part(
        text: str, expected: list[str]) -> None:
    assert parties_of_the_event(text) == expected
    assert all(p.aliases in ((), ("Saudi",)) for p in propose(article(text)).parties)


def test_a_company_s_other_name_after_or_is_the_same_party() -> None:
    proposals = propose(article("Central Japan Railway Co., or JR Tokai, announced on Thursday "
                                "that it would raise fares. JR Tokai said so on Friday."))
    assert [(p.name, set(p.aliases)) for p in proposals.parties] == [
        ("Central Japan Railway", {"Central Japan Railway Co", "JR Tokai"})]


@pytest.mark.parametrize("mark", ['"', "“"])
def test_the_speaker_after_a_quotation_of_two_sentences_is_found(mark: str) -> None:
    close = '"' if mark == '"' else "”"
    proposals = propose(article(
        f"The army said on Monday the base was attacked. {mark}We lost two soldiers. The "
        f"terrorists came in nine trucks,{close} Colonel Sani Usman said."))
    assert [p.name for p in proposals.parties] == ["Sani Usman"]


@pytest.mark.parametrize(("text", "expected"), [
    ("The curbs reverse gains made following the January 25, 2011 uprising.", ["2011-01-25"]),
    ("Members of the April 6 Youth Movement were arrested in May.", ["2014-05"]),
])
def test_a_full_date_before_an_uprising_is_its_day(text: str, expected: list[str]) -> None:
    assert dates_of(text, "2014-06-11") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Havildar Zil-e-Hussain and Sepoy Imtiaz Khan were killed on Monday.",
     {"Zil-e-Hussain": "person", "Imtiaz Khan": "person"}),
    ("Barrister Salman Safdar told the court on Wednesday that he had no notice.",
     {"Salman Safdar": "person"}),
    ("The Pentagon said on Tuesday that U.S. Central Command conducted a raid.",
     {"Pentagon": "government", "U.S. Central Command": "government"}),
])
def test_ranks_are_titles_and_commands_are_state_bodies(
        text: str, expected: dict[str, str]) -> None:
    assert parties_of(text) == expected


def test_a_company_s_government_relations_staff_are_no_government() -> None:
    assert parties_of("KiwiRail said on Monday it would end the contract. A senior KiwiRail "
                      "government relations adviser emailed staff on February 12.") == {
        "KiwiRail": "organisation"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Vale Canada signed an agreement on Monday.", {"Vale Canada": "organisation"}),
    ("Nestle India said on Monday its profit rose.", {"Nestle India": "organisation"}),
    # (but a word that opens the sentence is no brand: the state acts)
    ("Then Canada signed an agreement on Monday.", {"Canada": "government"}),
    ("Numerous UN mediations have failed since Monday.", {}),
])
def test_a_brand_before_a_country_opening_a_sentence_names_a_company_s_unit(
        text: str, expected: dict[str, str]) -> None:
    assert parties_of(text) == expected


@pytest.mark.parametrize(("text", "maker"), [
    ("Riyadh Air ordered 39 Boeing 787 jets on Tuesday.", "Boeing"),
    ("IndiGo ordered 30 Airbus A350 jets on Tuesday.", "Airbus"),
    ("Saudi Arabia announced the order of up to 121 Boeing 787 airliners on Tuesday.", "Boeing"),
])
def test_the_maker_before_its_model_number_takes_part_in_the_order(text: str, maker: str) -> None:
    assert maker in parties_of_the_event(text)


def test_a_country_a_quake_hits_is_where_not_who() -> None:
    proposals = propose(article("A massive quake hit Pakistan and Afghanistan on Monday, killing "
                                "at least 277 people.", "2015-10-27"))
    assert [e.parties for e in proposals.events] == [()]


@pytest.mark.parametrize("name", ["Johnson & Johnson", "Marks & Spencer"])
def test_a_name_with_an_ampersand_is_no_person_s(name: str) -> None:
    assert parties_of(f"{name} said on Thursday it would ship the goods.") == {
        name: "organisation"}


def test_a_town_in_brackets_after_a_person_is_no_other_name_of_them() -> None:
    proposals = propose(article("Sam Allardyce (Blackburn) was sacked on Sunday. The SA Transport "
                                "and Allied Workers Union (Satawu) said on Monday it would "
                                "strike."))
    assert [(p.name, p.aliases) for p in proposals.parties] == [
        ("Sam Allardyce", ()), ("SA Transport and Allied Workers Union", ("Satawu",))]


def test_a_name_before_party_is_a_political_party_not_a_state_body() -> None:
    assert parties_of("The Congress party said on Sunday that the country had lost a great "
                      "singer.") == {"Congress": "organisation"}


@pytest.mark.parametrize("text", [
    "She had been admitted because of Covid-related complications on January 11.",
    "After that, D-day will come, the agency said on Monday.",
    "Emirates on Monday ordered jets for flights through this East-West travel hub.",
])
def test_hyphenated_modifiers_name_no_one(text: str) -> None:
    assert not {"Covid-related", "D-day", "East-West"} & set(parties_of(text))


@pytest.mark.parametrize(("text", "expected"), [
    ("Hamas has been badly damaged over the last year.", ["2023-10-28/2024-10-28"]),
    ("The company was sold last year.", ["2023"]),
])
def test_the_last_year_is_the_year_up_to_the_article(text: str, expected: list[str]) -> None:
    assert dates_of(text, "2024-10-28") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Catton won the prize on Tuesday for a novel set in 19th-century New Zealand.",
     ["2013-10-15"]),
    ("The church was built in the 16th century.", ["1500/1599"]),
])
def test_a_hyphenated_century_before_a_noun_is_no_date(text: str, expected: list[str]) -> None:
    assert dates_of(text, "2013-10-16") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Judge Mohamad Nazlan on Friday set July 28 to issue his verdict.", ["2020-06-05"]),
    ("The record was set on July 28 in Paris.", ["2020-07-28"]),
])
def test_a_day_set_for_what_is_to_come_is_no_event_of_its_own(
        text: str, expected: list[str]) -> None:
    assert dates_of(text, "2020-08-05" if "record" in text else "2020-06-05") == expected


def test_a_country_before_its_own_company_named_in_an_aside_acts_with_it() -> None:
    assert parties_of_the_event("Colombia and its state-run oil company, Ecopetrol, announced on "
                                "Tuesday they have signed an offshore deal.", "2019-03-06") == [
        "Colombia", "Ecopetrol"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Viv de Beus said on Friday the strike would hurt travellers.", "Viv de Beus"),
    ("Joaquim Silva e Luna said on Monday that prices would stay.", "Joaquim Silva e Luna"),
])
def test_a_name_with_a_particle_that_opens_a_sentence_is_whole(text: str, expected: str) -> None:
    assert list(parties_of(text)) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("In April, Sinopec became the first Asian firm to secure a stake in the project.",
     ["Sinopec"]),
    ("The African Union said on Monday it would send troops.", ["African Union"]),
])
def test_a_continent_s_adjective_alone_names_no_one(text: str, expected: list[str]) -> None:
    assert list(parties_of(text)) == expected


def test_a_term_s_letters_in_brackets_name_no_one() -> None:
    assert parties_of("In 2022 Sinopec signed a deal for four million tonnes of liquified "
                      "natural gas (LNG) on Monday. LNG prices rose on Tuesday.") == {
        "Sinopec": "organisation"}


@pytest.mark.parametrize("agency", ["Saudi Press Agency", "Yonhap News Agency"])
def test_a_news_or_press_agency_that_reports_is_the_medium(agency: str) -> None:
    assert parties_of(f"Riyadh Air said it will buy 39 jets, the {agency} reported on "
                      "Tuesday.") == {"Riyadh Air": "organisation"}


def test_a_time_zone_names_no_one() -> None:
    assert set(parties_of("Debate was due to begin at 10am local (9am AEST) on Tuesday, Manasseh "
                          "Sogavare said.")) == {"Manasseh Sogavare"}


@pytest.mark.parametrize("text", [
    "The two officers were shot dead at Block Factory, a suburb of East Trasacco, on May 2.",
    "Gunmen attacked the Zamzam camp on Monday.",
])
def test_a_name_said_to_be_a_suburb_or_a_camp_is_a_place(text: str) -> None:
    assert parties_of(text) == {}


def test_a_name_s_plural_is_the_same_party_unless_counted() -> None:
    proposals = propose(article("The Houthi rebels control Sanaa. The Houthis seized the city in "
                                "2014. Qantas bought 20 Airbuses on Monday. Airbus said so."))
    by_name = {p.name: p for p in proposals.parties}
    assert by_name["Houthi"].aliases == ("Houthis",)
    assert "Airbuses" not in by_name["Airbus"].aliases
    assert all(e.parties for e in proposals.events)


def test_the_first_letters_of_a_hyphenated_acronym_are_the_same_party() -> None:
    proposals = propose(article("VMRO-DPMNE won the vote on Sunday. VMRO also appointed "
                                "ministers on Monday."))
    assert [(p.name, p.aliases) for p in proposals.parties] == [("VMRO-DPMNE", ("VMRO",))]


def test_a_lowercase_al_before_a_name_is_part_of_it() -> None:
    proposals = propose(article("Gunmen from al Shabaab shot dead an official on Wednesday. Al "
                                "Shabaab said so on Thursday."))
    assert [p.name for p in proposals.parties] == ["al Shabaab"]
