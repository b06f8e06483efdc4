"""Import speed: the time to read a file and to write it into a store, for a big native file
(the generated story), the same story exported as CSV, a table of the dates people write (as
CSV and as an .xlsx workbook, through the proposed column mapping), and each real file in
../shared/data repeated to size. Prints JSON.

    .venv/bin/python -m benchmarks.import_formats --events 100000 --runs 3 --json

Each measurement is the median of `--runs` imports into a fresh store, in this process: `read`
is read_files (decode, detect, parse, key prefixes), `write` is write_files (one transaction,
party merging, progress callback) into an empty store, and `into_sample` the same write into a
store already holding the sample story (the update path with triggers).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from models.importing import read_files, write_files
from models.paths import sample_story_path
from models.store import Store

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
REPEATED = {  # a real file, its header lines (kept once) and the format: repeated to size
    "icews": ("icews/andybega_icews__events.2018.sample.tab", 1),
    "gdelt": ("gdelt/cyrilvincent_iscri__20240921.small.CSV", 0),
}


def _repeated(folder: Path, name: str, relative: str, header: int, events: int) -> Path:
    """The file's rows repeated (ids made unique) until it holds about `events` rows."""
    lines = (DATA / relative).read_text(encoding="utf-8").splitlines()
    head, rows = lines[:header], lines[header:]
    out = [*head]
    copy = 0
    while len(out) - header < events:
        for row in rows:
            first, rest = row.split("\t", 1)
            out.append(f"{first}{copy:06d}\t{rest}")
        copy += 1
    path = folder / f"{name}{Path(relative).suffix}"
    path.write_text("\n".join(out[:header + events]) + "\n", encoding="utf-8")
    return path


def _native(folder: Path, events: int) -> Path:
    from models.generate import generate_stories
    from models.interchange import dump_native
    from models.story import Story

    chunks = list(generate_stories(events, max(events // 10, 1), seed=1))
    story = Story(title=chunks[0].title, categories=chunks[0].categories,
                  parties=chunks[0].parties, sources=chunks[0].sources, eras=chunks[0].eras,
                  events=tuple(e for c in chunks for e in c.events))
    path = folder / "generated.json"
    path.write_text(dump_native(story), encoding="utf-8")
    return path


# Dates as people write them, in the mix the people's table cycles through.
PEOPLE_DATES = ("4 Feb {y}", "{y}-03-11", "11-Mar-{yy:02d}", "c. {y}", "{d}0s", "Spring {y}",
                "April-May {y}", "{y}", "August {y}", "{y}.0", "3/{m}/{y}")


def _people_rows(events: int) -> list[list[object]]:
    """Rows of a table as a person keeps one: Name, From, To, person (comma-joined)."""
    rows: list[list[object]] = []
    for i in range(events):
        y = 1800 + i % 220
        date = PEOPLE_DATES[i % len(PEOPLE_DATES)].format(
            y=y, yy=y % 100, d=y // 10, m=13 + i % 15)  # 13..27: the day settles the order
        point_year = PEOPLE_DATES[i % len(PEOPLE_DATES)] in ("{y}", "August {y}")
        rows.append([f"Event {i}", date, str(y + 1) if point_year and i % 2 == 0 else "",
                     f"Person {i % 500}, Person {(i * 7) % 500}"])
    return rows


def _people_csv(folder: Path, events: int) -> Path:
    import csv

    path = folder / "people.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Name", "From", "To", "person"])
        writer.writerows(_people_rows(events))
    return path


def _people_xlsx(folder: Path, events: int) -> Path:
    """The people's table as a workbook (openpyxl, a test dependency, writes it)."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Events")
    sheet.append(["Name", "From", "To", "person"])
    for row in _people_rows(events):
        sheet.append(row)
    path = folder / "people.xlsx"
    book.save(path)
    return path


def _csv_export(folder: Path, native: Path) -> Path:
    from models.formats import export_story
    from models.interchange import read_native

    path = folder / "generated.csv"
    export_story(read_native(native), path, "csv")
    return path


def _measure(path: Path, folder: Path, runs: int) -> dict[str, Any]:
    reads, writes, into = [], [], []
    files: list[Any] = []
    for run in range(runs):
        start = time.perf_counter()
        files = read_files([path])
        reads.append(time.perf_counter() - start)
        for target, seconds in ((folder / f"{path.stem}-empty-{run}.db", writes),
                                (folder / f"{path.stem}-sample-{run}.db", into)):
            with Store.open(target, create=True) as store:
                if seconds is into:
                    write_files(store, read_files([sample_story_path()]))
                start = time.perf_counter()
                write_files(store, files, progress=lambda *_: None)
                seconds.append(time.perf_counter() - start)
    events = len(files[0].story.events)
    return {"format": files[0].format, "events": events, "bytes": path.stat().st_size,
            "read_s": round(statistics.median(reads), 3),
            "write_s": round(statistics.median(writes), 3),
            "into_sample_s": round(statistics.median(into), 3),
            "events_per_s": round(events / (statistics.median(reads)
                                            + statistics.median(writes)))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        native = _native(folder, args.events)
        results.append(_measure(native, folder, args.runs))
        for path in (_csv_export(folder, native), _people_csv(folder, args.events),
                     _people_xlsx(folder, args.events)):
            results.append({"file": path.name, **_measure(path, folder, args.runs)})
        if DATA.is_dir():
            for name, (relative, header) in REPEATED.items():
                path = _repeated(folder, name, relative, header, args.events)
                results.append(_measure(path, folder, args.runs))
    print(json.dumps({"events": args.events, "runs": args.runs, "imports": results},
                     indent=2 if args.json else None))


if __name__ == "__main__":
    main()
