"""Each kind of file issue #15 found refused although a person could read every row: columns
named otherwise, dates as people write them, classic Mac line endings, an intro row, title rows
above the header, workbooks. (TimelineJS's string backgrounds and vis items without content:
tests/interop/test_timelinejs.py and test_vis.py.)"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from models.formats import detect_format, read_story
from models.formats.columns import TableChoices
from models.formats.delimited import parse_csv
from models.interchange import FormatError


def events(text: str, **choices: object) -> list[tuple[str, str]]:
    story = parse_csv(text, choices=TableChoices(**choices))  # type: ignore[arg-type]
    return [(e.title, e.when.edtf()) for e in story.events]


@pytest.mark.parametrize(("header", "row", "expected"), [
    ("Name,From,To", "Yalta,4 Feb 1945,11 Feb 1945", ("Yalta", "1945-02-04/1945-02-11")),
    ("start,end,label,era", "-3300,-2900,Bronze Age,Prehistory", ("Bronze Age", "-3300/-2900")),
    ("Headline,Year,Who", "Moon landing,1969,Armstrong", ("Moon landing", "1969")),
])
def test_columns_named_otherwise(header: str, row: str, expected: tuple[str, str]) -> None:
    assert events(f"{header}\n{row}\n") == [expected]


def test_parties_comma_joined_in_a_person_column_and_actor_columns() -> None:
    story = parse_csv('event,date,person,who_told_them\n'
                      'Leak,2013-06-05,"Snowden, Greenwald",Poitras\n')
    [event] = story.events
    names = {p.key: p.name for p in story.parties}
    assert [names[r.party] for r in event.parties] == ["Snowden", "Greenwald", "Poitras"]


@pytest.mark.parametrize(("cell", "edtf"), [
    ("11-Mar-15", "2015-03-11"),  # Excel's d-mmm-yy
    ("April-May 1945 ", "1945-04/1945-05"),  # with its trailing space
    ("3300 BC", "-3299"),
    ("-1004", "-1004"),  # an integer year (astronomical, as TimelineJS reads it)
    ("-881.5", "-0881~"),  # a fractional year: the year, approximate
    ("c. 1850", "1850~"),
    ("1990s", "1990/1999"),
    ("Spring 2003", "2003-03/2003-05"),
    ("20170814", "2017-08-14"),  # ISO's basic form (GDELT)
    ("1865.0", "1865"),  # a year a spreadsheet stored as a number
])
def test_dates_as_people_write_them(cell: str, edtf: str) -> None:
    assert events(f'title,date\nx,"{cell}"\n') == [("x", edtf)]


def test_an_all_number_date_whose_order_other_rows_settle() -> None:
    # 1/1/1951 reads alike both ways; 13/2/1951 says the file writes the day first.
    assert events("title,date\na,1/1/1951\nb,13/2/1951\nc,5/8/1951\n") == [
        ("a", "1951-01-01"), ("b", "1951-02-13"), ("c", "1951-08-05")]
    # Nothing settles it: refused with the question and the fix, until the order is given.
    with pytest.raises(FormatError, match=r"5 August or 8 May\? choose the date order"):
        parse_csv("title,date\nc,05/08/2023\n")
    assert events("title,date\nc,05/08/2023\n", date_order="mdy") == [("c", "2023-05-08")]


def test_classic_mac_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes(b"title,date,notes\rOne,1990,a\rTwo,1991,b\r")
    assert detect_format(path.read_text(encoding="utf-8"), path.name) == "csv"
    story = read_story(path).story
    assert [(e.title, e.when.edtf()) for e in story.events] == [("One", "1990"), ("Two", "1991")]
    # Detected by content too, under a name that says nothing.
    other = tmp_path / "export.txt"
    other.write_bytes(b"title,date\rOne,1990\r")
    assert len(read_story(other).story.events) == 1


def test_an_intro_row_without_a_date_is_the_timelines_title() -> None:
    warnings: list[str] = []
    story = parse_csv("headline,date,text\nOur war,,An introduction\nStart,1939,x\n",
                      warnings=warnings)
    assert story.title == "Our war" and [e.title for e in story.events] == ["Start"]
    assert warnings == ["line 2 has a title and no date: read as the timeline's title "
                        "('Our war'), not as an event"]
    # Only the first row, and only with dated rows after it: a later undated row is a problem.
    with pytest.raises(FormatError, match="line 3, column date: is empty"):
        parse_csv("headline,date\nStart,1939\nNo date,\n")


def test_title_rows_above_the_header_and_a_bom() -> None:
    story = parse_csv("\ufeffTimeline of the war\n\nSource: archives\nName,Year\nStart,1939\n")
    assert story.title == "Timeline of the war — Source: archives"
    assert [(e.title, e.when.edtf()) for e in story.events] == [("Start", "1939")]


def test_an_xlsx_workbook_with_dates_formulas_and_a_chosen_sheet(tmp_path: Path) -> None:
    import datetime

    book = openpyxl.Workbook()
    first = book.active
    first.title = "About"
    first.append(["This workbook", "lists events"])
    sheet = book.create_sheet("Events")
    sheet.append(["Event", "Date", "Year", "People"])
    sheet.append(["Signing", datetime.date(2016, 1, 14), 2016, "Huawei; Ericsson"])
    sheet.append(["Renewal", 45163, "=C2+7", "Huawei"])  # an Excel serial: 2023-08-25
    path = tmp_path / "events.xlsx"
    book.save(path)
    # The first sheet holds no events: it says so, naming its columns and the other sheets.
    with pytest.raises(FormatError, match=r"no column gives title .* another sheet with "
                                          r"--sheet: 'Events'"):
        read_story(path)
    story = read_story(path, choices=TableChoices(sheet="Events")).story
    assert [(e.title, e.when.edtf()) for e in story.events] == [
        ("Signing", "2016-01-14"), ("Renewal", "2023-08-25")]
    assert [p.name for p in story.parties] == ["Huawei", "Ericsson"]
    with pytest.raises(FormatError, match="no such sheet; its sheets are 'About', 'Events'"):
        read_story(path, choices=TableChoices(sheet="Nope"))


def test_an_ods_workbook(tmp_path: Path) -> None:
    """OpenDocument spreadsheets read the same way (calamine reads both); none of the real
    files is one, so this one is written here, as the zip of XML it is."""
    path = tmp_path / "events.ods"
    import zipfile

    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:spreadsheet><table:table table:name=\"Sheet1\">"
        + "".join("<table:table-row>" + "".join(
            f"<table:table-cell office:value-type=\"string\"><text:p>{v}</text:p>"
            "</table:table-cell>" for v in row) + "</table:table-row>"
            for row in (("title", "date"), ("Hastings", "1066"), ("Agincourt", "1415")))
        + "</table:table></office:spreadsheet></office:body></office:document-content>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
            'manifest:full-path="/" manifest:media-type="application/vnd.oasis.'
            'opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml"'
            ' manifest:media-type="text/xml"/></manifest:manifest>'))
    story = read_story(path).story
    assert [(e.title, e.when.edtf()) for e in story.events] == [
        ("Hastings", "1066"), ("Agincourt", "1415")]


def test_a_damaged_workbook_is_named_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(FormatError) as caught:
        read_story(path)
    assert str(path) in str(caught.value) and "not readable as a workbook" in str(caught.value)


def test_a_file_without_a_header_row(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_text("1708;;Lov mod tiggeri;https://example.org/a\n"
                    "1728;1728;Brand;https://example.org/b\n", encoding="utf-8")
    # Not told to read it as a table: refused, saying what it looks like and what to do.
    with pytest.raises(FormatError, match="looks like a table without a header row: import it "
                                          "with --format csv"):
        read_story(path)
    # As a table: its first row is data, its columns numbered and proposed from their values.
    story = read_story(path, format="csv",
                       choices=TableChoices(columns=(("end", "Column 2"),))).story
    assert [(e.title, e.when.edtf()) for e in story.events] == [
        ("Lov mod tiggeri", "1708"), ("Brand", "1728")]
    assert story.events[0].attributes == (("Column 4", "https://example.org/a"),)
