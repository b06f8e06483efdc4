"""Real tables made by other people (CSV, workbooks) imported through the generic table reader,
each as a person reads it: how many events, and the first one's title and date.

Files whose licence allows a copy are in tests/interop/realfiles (SOURCES.md says whose they
are); the others are read from the folder named by CHRONOLENS_REAL_FILES (default
../realfiles, beside the project), and their tests are skipped where it is absent.

Each file is read with no options where the proposed mapping gets it right by itself; otherwise
with the options a user would give (`--columns`, `--date-order`, `--sheet`, `--skip-invalid`),
and `why` says why. `events` is what a person reads as events (MANIFEST.tsv of the collection);
where Chronolens imports fewer (`imported`), `why` says which rows and why. A file that cannot be
read sensibly at all is an expected refusal, whose reason is asserted (`refused`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from models.formats import read_story
from models.formats.columns import TableChoices, parse_columns
from models.interchange import FormatError
from models.written_dates import DateOrder

ROOT = Path(__file__).resolve().parents[2]
PROJECT = Path(__file__).resolve().parent / "realfiles"
OUTSIDE = Path(os.environ.get("CHRONOLENS_REAL_FILES") or ROOT.parent / "realfiles")


@dataclass(frozen=True, slots=True)
class Real:
    file: str
    where: str  # "project" (tests/interop/realfiles) or "outside" (CHRONOLENS_REAL_FILES)
    source: str  # repository, commit and path
    licence: str
    events: int  # what a person reads as events
    title: str  # the first event's title (its start, for long ones)
    edtf: str  # the first event's date
    columns: str = ""  # as --columns takes them
    date_order: DateOrder | None = None
    sheet: str | None = None
    skip_invalid: bool = False
    format: str | None = None  # as --format takes it
    imported: int | None = None  # what Chronolens imports, where it is not `events`
    why: str = ""  # why options are needed, or why fewer events are imported
    refused: str = ""  # for an expected refusal: the reason the error gives

    @property
    def path(self) -> Path:
        return (PROJECT if self.where == "project" else OUTSIDE) / self.file


def gh(repo: str, commit: str, path: str) -> str:
    return f"https://github.com/{repo}/blob/{commit}/{path}"


FILES = [
    Real("AmericanRedCross__pam-timeline__data__timeline.csv", "outside",
         gh("AmericanRedCross/pam-timeline", "6762f8e9548d69084551203446a920b2a0b4fb0d",
            "data/timeline.csv"), "none stated", 55, "Pam threatens Vanuatu", "2015-03-11"),
    Real("DMVance__USS-Russell-DD-414-WWII-App__timeline.csv", "outside",
         gh("DMVance/USS-Russell-DD-414-WWII-App", "ecea8bca59b4a769f51f50448a488902ff649ce7",
            "timeline.csv"), "none stated", 19, "Keel Date", "1937-12-20",
         columns="date=event_date",
         why="unsaid, the exact name 'date' wins: pandas' derived '1937-12-20 00:00:00', read "
             "as a time at midnight (1937-12-20T00:00:00); event_date ('12-20-1937', "
             "'12-7-1941 12:53') is the one written, its order settled as mdy by its own values"),
    Real("EnrigleZ__Weibo_TradeWar__timeline.xlsx", "outside",
         gh("EnrigleZ/Weibo_TradeWar", "72470b198296a3bd21f520e5f003d7bcf4505db5",
            "timeline.xlsx"), "none stated", 46, "美国以中国对美国知识产权存在侵犯行为",
         "2017-08-14",
         columns="title=事件,date=时间,end=时间2,parties=发起方",
         why="Chinese column names, no synonyms for them; the yyyymmdd number cells are not "
             "proposed by contents (a column of numbers is not taken for dates)"),
    Real("KellyStathis__timeline__timeline.csv", "outside",
         gh("KellyStathis/timeline", "a67ff5dd3cb5a6b6662600624697cc66a5cad8b1",
            "timeline.csv"), "none stated", 16,
         "Bertrand Russell and Alfred Whitehead publish Principia Mathematica", "1913"),
    Real("PublicI__iraq-war-card__data__raw__Timeline935.xlsx", "outside",
         gh("PublicI/iraq-war-card", "aa9ccfece41a47a0e6aae1a053fe67284f7cb1dd",
            "data/raw/Timeline935.xlsx"), "none stated", 67,
         "On the morning of September 11, 2001", "2001-09-11"),
    Real("SamP379__Space-Exploration-Timeline__timeline.csv", "outside",
         gh("SamP379/Space-Exploration-Timeline", "db521eb929b37109621ed251ca4f5fe7de38df14",
            "timeline.csv"), "none stated", 206, "First telescopic observation of the night sky",
         "1610"),
    Real("ShadeJackrabbit__Timeline-Builder__events.xlsx", "outside",
         gh("ShadeJackrabbit/Timeline-Builder", "0bcbe8e77ed3ebefbed2b21a2a99958a9206a7b9",
            "events.xlsx"), "none stated", 9, "Wheat Cultivation Begins", "-8000"),
    Real("abcotvdata__defining-courage__timeline.csv", "outside",
         gh("abcotvdata/defining-courage", "d43d46a5982002074d55f2d8bcac2114f8a7a934",
            "timeline.csv"), "none stated", 14, "Pearl Harbor, Hawaii", "1941-12-07"),
    Real("adityamahesa__id-nickel-regulation-event-stock-analysis__timeline.xlsx", "outside",
         gh("adityamahesa/id-nickel-regulation-event-stock-analysis",
            "38231750860e13c1880ca84fc4563613f30fcae8", "timeline.xlsx"), "none stated", 8,
         "Menteri ESDM berencana melarang ekspor bijih nikel", "2019-08-09"),
    Real("amcaw__timeline_hantavirus__timeline_data.xlsx", "outside",
         gh("amcaw/timeline_hantavirus", "6e1a5fea463c3f5b010cb00588cdae3b3798a137",
            "timeline_data.xlsx"), "none stated", 12,
         "Un couple de voyageurs néerlandais embarque", "2026-04-01"),
    Real("bthos__powerpoint-timeline-generator__timeline.xlsx", "project",
         gh("bthos/powerpoint-timeline-generator", "40ef47e5f408981876c1bfa06383c730bccb49a1",
            "timeline.xlsx"), "MIT", 21, "DISCOVERY", "2025-02-20/2025-03-03"),
    Real("cacology__annalsUVaLib__timeline.csv", "outside",
         gh("cacology/annalsUVaLib", "9403334c88d504983bba7cf74d66197e709484f9",
            "timeline.csv"), "none stated", 539, "Harry Clemons term as librarian ends", "1950",
         columns="title=Topic", skip_invalid=True, imported=534,
         why="'Topic' is a category by its name, and no other column is a title; 5 Year cells "
             "are no one date: line 306 '1826-1831, 1835-1857, 1865-1881, emeritus 1881-2', "
             "321 '1881-1882, 1891-1903', 398 '1925,28,37' (several dates), 350 'after 1938' "
             "(no 'after' in EDTF we read), 467 '1984-5' (a one-digit end year: '2023-8' "
             "would be August 2023)"),
    Real("changeunyoung__art-of-korea-met__Timeline.xlsx", "outside",
         gh("changeunyoung/art-of-korea-met", "6f4c8c7c46793a995b6c9eef12a1797ba6d07b3f",
            "Timeline.xlsx"), "none stated", 11, "First Korean Objects Enter The Met Collection",
         "1889"),
    Real("controverses-telecomparistech__2017-controverses-groupe-20-modifier-le-genome-avec-"
         "crispr-cas9__timeline.csv", "outside",
         gh("controverses-telecomparistech/2017-controverses-groupe-20-modifier-le-genome-avec-"
            "crispr-cas9", "984854faeaee84e0f954e49793496a59615b35fe", "timeline.csv"),
         "none stated", 23, "", "",
         refused="no header row: no column gives date (or when, start, start date, from, "
                 "begin, …); the columns are 'Column 1', 'Column 2'",
         why="transposed: the events are columns (a row of dates, a row of titles, rows of "
             "stances); no mapping of columns reads it"),
    Real("csessig86__Timeline-scrape__timeline.csv", "outside",
         gh("csessig86/Timeline-scrape", "dc133d1b468b550cf96b4aa140411c2b2d9bf22c",
            "timeline.csv"), "none stated", 14, "Scott apparently obtains abbey insurance",
         "2012-01-11"),
    Real("dasolshim__nk-missile__timeline.csv", "outside",
         gh("dasolshim/nk-missile", "405e0d9f9e7db6705c8bd4237d6d5d3281c09d81",
            "timeline.csv"), "none stated", 56, "First Scud-B missile test firing.[8]",
         "1984-01-09"),
    Real("eltonjude__historyoftheworld__timeline.csv", "project",
         gh("eltonjude/historyoftheworld", "ebc1aa9d09e9794e2295a1808f53e2b4a726390e",
            "timeline.csv"), "MIT", 48, "Kingdom of Cusco is formed", "1200"),
    Real("etienneq__star-trek-timeline__resources__novels__pocket__strange-new-worlds__snw6.csv",
         "project", gh("etienneq/star-trek-timeline", "4e16d37a4f5a732954a05ecd8137b5b31d557a6a",
                       "resources/novels/pocket/strange-new-worlds/snw6.csv"),
         "BSD-3-Clause", 2, "The Beginning", "-2000~"),
    Real("etienneq__star-trek-timeline__resources__novels__pocket__tos__novels.csv", "project",
         gh("etienneq/star-trek-timeline", "4e16d37a4f5a732954a05ecd8137b5b31d557a6a",
            "resources/novels/pocket/tos/novels.csv"), "BSD-3-Clause", 2, "Spock's World",
         "2275", skip_invalid=True, imported=1,
         why="line 3 is a section of the novel above (number '--', title empty, sections "
             "'Vulcan: Three', startDate '~-10000'): no title; the title of the row above "
             "would be its title (not a rule a mapping can say)"),
    Real("fivethirtyeight__data__antiquities-act__actions_under_antiquities_act.csv", "project",
         gh("fivethirtyeight/data", "fcf572c4fba05a42f1f34f415bd5e6dc389efd68",
            "antiquities-act/actions_under_antiquities_act.csv"), "CC BY 4.0", 344,
         "Devils Tower National Monument", "1906",
         columns="title=current_name,date=year", skip_invalid=True, imported=336,
         why="'current_name' repeats (151 names in 344 rows), too few for a title by contents; "
             "the date column's M/D/YY ('9/24/06') pivots 00-29 to 2000-2029, so 88 dates of "
             "1906-1929 would read a century late (Devils Tower 2006-09-24): the year column "
             "is the one to take, at year precision; 7 rows have neither date nor year (lines "
             "46, 87, 102, 138, 175, 180, 196) and line 105 ('Redesignated Acadia NP') has a "
             "date '1930' and no year"),
    Real("fivethirtyeight__data__cabinet-turnover__cabinet-turnover.csv", "project",
         gh("fivethirtyeight/data", "fcf572c4fba05a42f1f34f415bd5e6dc389efd68",
            "cabinet-turnover/cabinet-turnover.csv"), "CC BY 4.0", 379, "Bert Lance",
         "1977-01-21/1977-09-23", skip_invalid=True, imported=365,
         why="'Still in office' (25 rows) is an ongoing end; 14 rows carried over from one "
             "administration to the next have 'Bush admin'/'Obama admin' as end_date (7 rows: "
             "lines 90-94, 96, 109) or 'Reagan admin'/'Clinton admin'/'Bush admin' as "
             "start_date (7 rows: lines 95, 97, 100, 101, 111, 194, 257): no date is written"),
    Real("fivethirtyeight__data__potential-candidates__2015_01_30__events.csv", "project",
         gh("fivethirtyeight/data", "fcf572c4fba05a42f1f34f415bd5e6dc389efd68",
            "potential-candidates/2015_01_30/events.csv"), "CC BY 4.0", 74, "", "",
         skip_invalid=True,
         refused="line 2, column Date: '9-Nov' is not a date: it has no year; add one, e.g. "
                 "'9-Nov 2023'",
         why="every Date is a day and month with no year ('9-Nov', '24-Jan': Nov 2014 to Mar "
             "2015), and no column gives the year"),
    Real("geoglorus__HistContext__da_DK_data_v1_0.txt", "outside",
         gh("geoglorus/HistContext", "1467b5a9756772b1a2e67587f118530391cef0a0",
            "da_DK_data_v1_0.txt"), "none stated", 51, "Lov mod tiggeri", "1708",
         format="csv", columns="end=Column 2,source_url=Column 4",
         why="a .txt with no header row (from;to;event;link): without --format csv it is "
             "refused, saying it looks like a table without a header row and to use --format "
             "csv; with it, the years and the titles are proposed from their contents, and "
             "the end year and the link are named by number"),
    Real("gkankia__The-History-of-Urban-Mobility-Governance-in-Tbilisi__timeline.xlsx",
         "outside",
         gh("gkankia/The-History-of-Urban-Mobility-Governance-in-Tbilisi",
            "116387862464b0e103b500e1ee3d788fc7c6cedb", "timeline.xlsx"), "none stated", 31,
         "საგზაო ფონდი", "2004-01-01", columns="title=event_ka", skip_invalid=True,
         why="event_en comes first but is filled in 11 rows of 31 (event_ka in all); row 44 "
             "holds only a description and a link, no event"),
    Real("gtetsi-chr__worldhistory__data.csv", "outside",
         gh("gtetsi-chr/worldhistory", "a5b461645b1a796cc33b4915e9ea838b7ddf1d58", "data.csv"),
         "none stated", 250, "Νάρμερ (Μήνης)", "-3100/-3050"),
    Real("henfiedler__Volksgesetzgebung__timeline.xlsx", "outside",
         gh("henfiedler/Volksgesetzgebung", "e9626ec11398d17ab35844a6af9cc62b8f0df217",
            "timeline.xlsx"), "none stated", 5, "Gründung der Bundesrepublik Deutschland",
         "1949-05-23"),
    Real("mbarrena__timelines__1unidad__1unidad.csv", "outside",
         gh("mbarrena/timelines", "d1ea78b1db3982680e8d16e6cfe3a30ec9749740",
            "1unidad/1unidad.csv"), "none stated", 120, "9000 aC Revolución Neolítica",
         "-8999-01-01T12:00:00"),
    Real("mstulus-droid__Chronica-Islamica__Timeline.xlsx", "outside",
         gh("mstulus-droid/Chronica-Islamica", "2d1a4b903c6def81df8699951843b8153e00732c",
            "Timeline.xlsx"), "none stated", 34, "Nabi Muhammad SAW", "0570",
         columns="title=Nama,date=Tahun Lahir",
         why="Indonesian names (Nama, Tahun Lahir = year of birth); the end, Tahun Meninggal, "
             "is left out: '632 M', '3 H/624 M' (Hijri/Masehi) are no dates we read"),
    Real("ohiggins__timeline__Timeline.csv", "project",
         gh("ohiggins/timeline", "d0cbe3e00b83530f334cfb110f1ca5ba1ca9af91", "Timeline.csv"),
         "MIT", 10, "end ww2", "1945-03-17T03:00:00"),
    Real("simplyrangel__lsr-history__timeline.xlsx", "outside",
         gh("simplyrangel/lsr-history", "f72141cf49ce4213ed631f52926b3a7f988733af",
            "timeline.xlsx"), "none stated", 28, "LSR is born to Shapley Ross", "1838",
         skip_invalid=True, imported=16,
         why="two title columns, each row filling one ('state or national history', 12 rows; "
             "'LSR family and personal history', 16 rows): a mapping has one title column"),
    Real("theonize__Currier__Chronology.xlsx", "project",
         gh("theonize/Currier", "676df95f9166c681b86a87db92ef13fcb58a55cd", "Chronology.xlsx"),
         "CC BY 4.0", 159, "Eden", "-3924/0040", skip_invalid=True, imported=153,
         why="160 rows under the two-row header: rows 35, 83, 107, 128, 158 have a name and "
             "no date at all (counted by a person, but with nothing to place them at), row 37 "
             "only a note, row 151 a start of '???' (end -597); Eden's end (E3) is a formula "
             "whose cached value is 40, read as the year 40"),
]


@pytest.mark.parametrize("real", FILES, ids=lambda real: real.file[:60])
def test_a_real_table_reads_as_a_person_reads_it(real: Real) -> None:
    if not real.path.is_file():
        assert real.where == "outside", f"{real.path} should be in the project"
        pytest.skip(f"{real.file} is not in {OUTSIDE} (set CHRONOLENS_REAL_FILES)")
    choices = TableChoices(columns=tuple(parse_columns(real.columns)),
                           date_order=real.date_order, sheet=real.sheet)
    if real.refused:
        with pytest.raises(FormatError) as raised:
            read_story(real.path, choices=choices, skip_invalid=real.skip_invalid,
                       format=real.format)
        assert str(raised.value).startswith(f"{real.path}: ")  # names the file
        assert real.refused in str(raised.value)
        return
    events = read_story(real.path, choices=choices, skip_invalid=real.skip_invalid,
                        format=real.format).story.events
    assert len(events) == (real.events if real.imported is None else real.imported)
    first = events[0]
    assert first.title.startswith(real.title), first.title
    assert first.when.edtf() == real.edtf


def test_every_shortfall_and_option_is_explained() -> None:
    for real in FILES:
        if real.imported is not None or real.refused or real.columns or real.date_order or \
                real.sheet or real.skip_invalid or real.format:
            assert real.why, real.file
        assert real.where in ("project", "outside")
    assert len({real.file for real in FILES}) == len(FILES)


def test_the_copies_in_the_project_are_attributed() -> None:
    sources = (PROJECT / "SOURCES.md").read_text(encoding="utf-8")
    copied = {real.file for real in FILES if real.where == "project"}
    assert copied == {p.name for p in PROJECT.iterdir()
                      if p.suffix not in (".md", ".LICENSE") and not p.name.startswith(".")}
    for name in copied:
        assert f"`{name}`" in sources
        assert (PROJECT / f"{name}.LICENSE").is_file()
