"""Chronolens: command line and entry point. Run with no command to open the window."""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from models import __version__
from models.dates import DateError, DateSpan, parse_edtf
from models.filters import Filter
from models.formats import (
    EXPORT_LABELS,
    FORMATS,
    PICTURE_FORMATS,
    export_store,
)
from models.formats.columns import FIELDS as COLUMN_FIELDS
from models.formats.columns import TableChoices
from models.interchange import FormatError
from models.paths import backup_folder, default_store_path, sample_story_path
from models.query import parse_query
from models.store import Store, StoreError, StoreInUse, ensure_store
from models.wording import plural


class UserError(Exception):
    """Something the user can fix; shown as one line, exit status 1."""


# Bounds of the whole-number options: beyond them a number means nothing more (no store holds
# more hits), would run for days (generate), or does not fit SQLite's 64-bit integers (the
# OverflowError that a --limit of 2**63 - 1 used to print as a traceback).
MAX_LIMIT = 1_000_000_000
MAX_EVENTS = 100_000_000
MAX_PARTIES = 10_000_000
INT64 = (-(2**63), 2**63 - 1)


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high`, else a usage error saying so."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:  # not a number, or one of more than 4,300 digits
            value = None
        if value is None or not low <= value <= high:
            shown = text if len(text) <= 30 else text[:30] + "…"
            digits = text.strip().removeprefix("-").removeprefix("+").isdigit()
            what = "is out of range" if digits else "is not a whole number"
            raise argparse.ArgumentTypeError(f"{shown} {what}: give a whole number from "
                                             f"{low:,} to {high:,}")
        return value

    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chronolens",
        description="Chronolens: a timeline explorer for events, parties and their sources.",
    )
    parser.add_argument("--version", action="version", version=f"Chronolens {__version__}")
    parser.add_argument("--smoke-test", action="store_true",
                        help="check this installation (the sample story in a temporary folder, "
                             "a search, a painted frame), print what was checked and exit")
    parser.add_argument("--db", metavar="PATH", type=Path,
                        help="the store to use (default: your own store, built from the sample "
                             "story on first run)")
    parser.add_argument("--read-only", action="store_true",
                        help="open the store read-only (beside another Chronolens writing it)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    info = commands.add_parser("info", help="counts and date range of the store")
    info.add_argument("--json", action="store_true", help="print JSON")
    narrowing(info)

    search = commands.add_parser(
        "search", help="search events and parties; fields narrow, e.g. "
                       "'party:Huawei role:signatory date:2019..2023 cross-licence'")
    search.add_argument("text", metavar="QUERY")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.add_argument("--limit", type=whole_number(1, MAX_LIMIT), default=20, metavar="N")

    shot = commands.add_parser("screenshot", help="render the main window to a PNG and exit")
    shot.add_argument("out", type=Path, metavar="OUT.png")
    shot.add_argument("--size", default="1600x1000", metavar="WxH")
    shot.add_argument("--span", metavar="EDTF-INTERVAL",
                      help="the span to show, e.g. 2016/2023 (default: the whole story)")
    shot.add_argument("--select", metavar="TEXT",
                      help="select the best search hit for TEXT (default: the latest event)")
    shot.add_argument("--layout", type=Path, metavar="OUT.json",
                      help="also write what the timeline drew: lanes, events, counts (JSON)")
    narrowing(shot)

    check = commands.add_parser("check", help="check the store for damage and say what was found")
    check.add_argument("--json", action="store_true", help="print JSON")

    imp = commands.add_parser(
        "import", help="import files into the store (Chronolens JSON, TimelineJS, Timeline, "
                       "ICEWS, GDELT, vis-timeline, CSV)")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument("--json", action="store_true", help="print a JSON summary")
    imp.add_argument("--skip-invalid", action="store_true",
                     help="import the valid records and list the others (by default, one "
                          "invalid record and nothing is imported)")
    imp.add_argument("--article", action="store_true",
                     help="read news articles (text, Markdown, HTML) and propose the dated "
                          "events and the parties in them (written only with --accept-all)")
    imp.add_argument("--published", metavar="DATE",
                     help="with --article: when it was published (EDTF, e.g. 2023-08-25); "
                          "'Friday' and 'this year' are read from it")
    imp.add_argument("--publisher", metavar="NAME", help="with --article: who published it")
    imp.add_argument("--url", metavar="URL", help="with --article: where it was published")
    imp.add_argument("--accept-all", action="store_true",
                     help="with --article: write every proposal (in the window you review "
                          "them first)")
    imp.add_argument("--format", choices=FORMATS, metavar="NAME",
                     help="read every file as this format instead of telling it from the "
                          f"content ({', '.join(FORMATS)})")
    imp.add_argument("--columns", metavar="FIELD=COLUMN,…",
                     help="for CSV files and spreadsheets: which column gives which field, "
                          "e.g. title=label,date=From,end=To,parties=person (the others are "
                          "proposed from their names and contents); fields: "
                          + ", ".join(COLUMN_FIELDS))
    imp.add_argument("--parties-sep", metavar="SEP",
                     help="what separates the parties in one cell (proposed from the cells: "
                          "';', '|' or ',')")
    imp.add_argument("--date-order", choices=("dmy", "mdy", "ymd"),
                     help="the order of day, month and year in all-number dates such as "
                          "05/08/2023 (otherwise settled by the file's own dates, or refused)")
    imp.add_argument("--sheet", metavar="NAME", help="the workbook's sheet to read (the first)")
    imp.add_argument("--preview", action="store_true",
                     help="for CSV files and spreadsheets: print the proposed mapping of the "
                          "columns and the first rows as they would import; write nothing")
    imp.add_argument("--rows", type=int, default=10, metavar="N",
                     help="with --preview: how many rows to show (10)")

    exp = commands.add_parser(
        "export", help="export the store as Chronolens JSON, TimelineJS3 JSON or CSV, or the "
                       "timeline as a PNG, SVG or PDF picture")
    exp.add_argument("out", type=Path, metavar="OUT")
    exp.add_argument("--format", choices=EXPORT_FORMATS, metavar="NAME",
                     help=f"one of {', '.join(EXPORT_FORMATS)} (default: from OUT's suffix, "
                          ".json being native)")
    exp.add_argument("--size", default="1600x1000", metavar="WxH",
                     help="the picture's size, for png, svg and pdf")
    exp.add_argument("--span", metavar="EDTF-INTERVAL",
                     help="the span the picture shows, e.g. 2016/2023 (default: the whole story)")
    narrowing(exp)

    hist = commands.add_parser("history", help="list the changes kept in the store's history")
    hist.add_argument("--since", metavar="DATE", help="only changes from DATE on (2026-12-01)")
    hist.add_argument("--json", action="store_true", help="print JSON")
    gen = commands.add_parser("generate", help="write a synthetic store for measurements")
    gen.add_argument("out", type=Path, metavar="OUT.db")
    gen.add_argument("--events", type=whole_number(0, MAX_EVENTS), default=100_000, metavar="N")
    gen.add_argument("--parties", type=whole_number(1, MAX_PARTIES), default=10_000,
                     metavar="M")
    gen.add_argument("--seed", type=whole_number(*INT64), default=0, metavar="S")
    return parser


def open_store(args: argparse.Namespace, *, create: bool = False, reading: bool = True) -> Store:
    """The store of --db (or the user's own), for a command that only reads it (reading=True:
    if another Chronolens is writing it, read it read-only) or one that writes it."""
    path = store_path(args)
    try:
        store = Store.open(path, create=create and args.db is not None, read_only=args.read_only,
                           reading=reading)
    except StoreInUse as error:
        if not reading:
            raise UserError(f"{error} Close it there, then try again.") from None
        store = Store.open(path, read_only=True)
    for warning in store.warnings:
        print(f"chronolens: {warning}", file=sys.stderr)
    if store.notice and not args.read_only:
        print(f"chronolens: {store.path} is open read-only: {store.notice}", file=sys.stderr)
    return store


def store_path(args: argparse.Namespace) -> Path:
    """--db, or the user's own store (built from the sample story on first run)."""
    return args.db if args.db is not None else ensure_store(default_store_path(),
                                                            sample_story_path())


def narrowing(command: argparse.ArgumentParser) -> None:
    command.add_argument("--filter", metavar="QUERY",
                         help="only the events that pass QUERY (the search box's language, "
                              "e.g. 'party:Huawei -collection:icews.tab')")
    command.add_argument("--view", metavar="NAME",
                         help="as the view saved under NAME shows it (its filter, and for "
                              "pictures its span and lanes)")


def view_of(store: Store, args: argparse.Namespace) -> dict[str, Any] | None:
    """The saved view --view names (UserError when the store has none by that name)."""
    name = getattr(args, "view", None)
    if not name:
        return None
    saved = store.view(name)
    try:
        view = json.loads(saved.spec) if saved is not None else None
    except ValueError:
        view = None
    if not isinstance(view, dict):
        names = ", ".join(v.name for v in store.views()) or "none saved yet"
        raise UserError(f"--view {name!r}: no such view in {store.path} ({names})")
    return view


def filter_of(store: Store, args: argparse.Namespace) -> Filter:
    """The filter --view and --filter ask for (both: the view's narrowed by the query); what
    the query's pieces were taken as is said on stderr."""
    flt = Filter()
    view = view_of(store, args)
    if view is not None and isinstance(view.get("filter"), dict):
        flt = Filter.from_json(view["filter"])
    text = getattr(args, "filter", None)
    if text:
        asked, notes = store.filter_of(parse_query(text))
        for note in notes:
            print(f"chronolens: note: {note}", file=sys.stderr)
        flt = flt.combined(asked)
    return flt


def date_json(span: DateSpan | None) -> str | None:
    return None if span is None else span.edtf()


def cmd_info(args: argparse.Namespace) -> None:
    with open_store(args) as store:
        info = store.info()
        flt = filter_of(store, args)
        passing = None if flt.is_empty else store.count_passing(flt)
    if args.json:
        print(json.dumps({
            "path": info.path, "events": info.events, "parties": info.parties,
            "aliases": info.aliases, "sources": info.sources, "citations": info.citations,
            "categories": info.categories, "eras": info.eras,
            "earliest": date_json(info.earliest), "latest": date_json(info.latest),
            **({} if passing is None else {"passing_filter": passing}),
        }, ensure_ascii=False, indent=2))
        return
    span = (f"{info.earliest.display()} to {info.latest.display()}"
            if info.earliest and info.latest else "no events")
    counts = ", ".join(plural(n, noun) for n, noun in (
        (info.events, "event"), (info.parties, "party"), (info.aliases, "alias"),
        (info.sources, "source"), (info.citations, "citation"),
        (info.categories, "category"), (info.eras, "era")))
    print(f"{info.path}\n  {counts}\n  {span}")
    if passing is not None:
        print(f"  {passing:,} of {info.events:,} events pass the filter")


def cmd_search(args: argparse.Namespace) -> None:
    with open_store(args) as store:
        results = store.query_results(args.text, limit=args.limit)
    if args.json:
        print(json.dumps({
            "text": results.text,
            "notes": list(results.notes),
            "parties": [{"id": h.party.id, "key": h.party.key, "name": h.party.name,
                         "kind": h.party.kind, "aliases": list(h.party.aliases),
                         "matched_alias": h.matched_alias} for h in results.parties],
            "events": [{"id": h.event.id, "key": h.event.key, "title": h.event.title,
                        "date": h.event.when.edtf(), "display_date": h.event.when.display(),
                        "via_party": h.via_party, "where": h.where} for h in results.events],
        }, ensure_ascii=False, indent=2))
        return
    for note in results.notes:
        print(f"note: {note}")
    if not results.parties and not results.events:
        print(f"Nothing found for {args.text!r}.")
    for p in results.parties:
        alias = f" (as {p.matched_alias})" if p.matched_alias else ""
        print(f"party  {p.party.name}{alias}  [{p.party.kind}]")
    for e in results.events:
        via = e.found_through
        print(f"event  {e.event.when.display()}  {e.event.title}{via}")


def cmd_history(args: argparse.Namespace) -> None:
    since = None
    if args.since:
        try:
            since = datetime.date.fromisoformat(args.since).isoformat()
        except ValueError:
            raise UserError(f"--since {args.since!r}: give a date as YYYY-MM-DD") from None
    with open_store(args) as store:
        changes = store.history_changes(since=since)
        entries: dict[int, list[Any]] = {}
        for entry in store.history(since=since):
            entries.setdefault(entry.change_id, []).append(entry)
    if args.json:
        print(json.dumps([{
            "id": c.change_id, "at": c.at, "action": c.action, "label": c.label,
            "detail": c.detail, "undoes": c.undoes,
            "records": [{"table": e.table, "id": e.record_id, "last_id": e.last_id, "op": e.op,
                         "field": e.field, "old": e.old, "new": e.new}
                        for e in entries.get(c.change_id, [])]} for c in changes],
            ensure_ascii=False, indent=2))
        return
    if not changes:
        print("No changes kept" + (f" since {since}." if since else " yet."))
    for c in changes:
        print(f"{c.at[:19].replace('T', ' ')}  {c.action:<7} {c.label}")
        for e in entries.get(c.change_id, []):
            print(f"    {e.describe()}")


def cmd_check(args: argparse.Namespace) -> int:
    report = Store.check_file(store_path(args))  # whatever state it is in: never refused
    if args.json:
        print(json.dumps({"path": report.path, "ok": report.ok, "checked": list(report.checked),
                          "problems": list(report.problems)}, ensure_ascii=False, indent=2))
    else:
        print(report.path)
        for what in report.checked:
            print(f"  checked: {what}")
        for problem in report.problems:
            print(f"  PROBLEM: {problem}")
        print("No problems found." if report.ok else
              f"{plural(len(report.problems), 'problem')} found. Your backups are in "
              f"{backup_folder()}.")
    return 0 if report.ok else 1


def cmd_import(args: argparse.Namespace) -> None:
    for file in args.files:
        if not file.is_file():
            raise UserError(f"{file}: no such file")
    if args.article:
        cmd_import_article(args)
        return
    if args.accept_all or args.published or args.publisher or args.url:
        raise UserError("--accept-all, --published, --publisher and --url go with --article")
    from models.importing import read_files, write_files

    choices = table_choices(args)
    if args.preview:
        preview_tables(args.files, args, choices)
        return
    # Every file read before any is written: one bad file, nothing written.
    files = read_files(args.files, format=args.format, skip_invalid=args.skip_invalid,
                       choices=choices)
    with open_store(args, create=True, reading=False) as store:
        summary = write_files(store, files, progress=ProgressLine())
    found = summary.as_json()
    if args.json:
        print(json.dumps(found, indent=2, ensure_ascii=False))
        return
    print(summary.sentence())
    for line in (*[f"merged: {m['party']} → {m['into']}" for m in found["merged"]],
                 *[f"left out: {s}" for s in found["skipped"]],
                 *[f"warning: {w}" for w in found["warnings"]]):
        print(f"  {line}")


def table_choices(args: argparse.Namespace) -> TableChoices:
    """What --columns, --parties-sep, --date-order and --sheet say about tables."""
    from models.formats.columns import ColumnError, parse_columns

    try:
        columns = tuple(parse_columns(args.columns or ""))
    except ColumnError as error:
        raise UserError(str(error)) from None
    if args.parties_sep is not None and not args.parties_sep:
        raise UserError("--parties-sep: give the separator, e.g. --parties-sep ','")
    return TableChoices(columns=columns, parties_sep=args.parties_sep,
                        date_order=args.date_order, sheet=args.sheet, remembered=True)


def preview_tables(paths: Sequence[Path], args: argparse.Namespace,
                   choices: TableChoices) -> None:
    """import --preview: each table's mapping and first rows as they would import."""
    from models.formats import read_table_file
    from models.formats.columns import ColumnError, mapping_for
    from models.formats.rows import preview

    if args.rows < 1:
        raise UserError("--rows: give a number of 1 or more")
    found = []
    for path in paths:
        table = read_table_file(path, format=args.format, sheet=args.sheet)
        try:
            mapping = mapping_for(table, choices)
        except ColumnError as error:
            raise FormatError(str(path), [str(error)]) from None
        shown = preview(table, mapping, rows=args.rows)
        assert shown is not None  # (only a stop() stops it)
        found.append((table, shown))
    if args.json:
        shown = [shown.as_json(table) for table, shown in found]
        print(json.dumps(shown[0] if len(shown) == 1 else shown, indent=2, ensure_ascii=False))
        return
    for table, shown in found:
        print(f"{table.source}: {table.header_said}"
              + (" (a mapping remembered for this header)" if shown.mapping.remembered else ""))
        for name, field in zip(table.header, shown.mapping.fields, strict=True):
            print(f"  {name or '(unnamed)'!s:<24} → {COLUMN_FIELDS[field]}")
        print((f"  parties separated by {shown.mapping.parties_sep!r}; "
               if shown.mapping.columns("parties") else "  ")
              + f"date order: {shown.mapping.date_order or 'not settled by the dates'}")
        if shown.mapping.missing:
            print(f"  missing: {', '.join(shown.mapping.missing)} (say which with --columns)")
        for row in shown.rows:
            if row.intro:
                print(f"  line {row.line}: the timeline's title")
            elif row.event is not None:
                event = shown.event_json(row.event)
                names = ", ".join(p["name"] for p in event.get("parties", []))
                print(f"  line {row.line}: {event['date']:<24} {event['title'][:60]}"
                      + (f"  [{names[:60]}]" if names else ""))
            elif row.problems:
                said = "; ".join(p.removeprefix(f"line {row.line}, ") for p in row.problems)
                print(f"  line {row.line}: FAILS: {said[:200]}")
            else:  # no mapping yet: the cells as they are
                print(f"  line {row.line}: {' | '.join(c.strip() for c in row.cells)[:100]}")
        checked = f"{shown.checked:,} rows" + ("" if shown.complete else " (the first)")
        print(f"  {plural(shown.failing, 'row')} of {checked} would fail" + (
            ": import with --skip-invalid to leave them out" if shown.failing else ""))
        if any("choose the date order" in problem for problem in shown.failures):
            print("  say the order of all-number dates with --date-order dmy (or mdy, ymd)")


def cmd_import_article(args: argparse.Namespace) -> None:
    """Propose events and parties from news articles; write them only with --accept-all."""
    from models.importing import propose_from, write_articles
    from models.proposals import proposals_json, taking_part, to_story

    if args.format or args.skip_invalid:
        raise UserError("--format and --skip-invalid are for data files, not --article")
    published = parse_edtf(args.published) if args.published else None

    def proposed_with(known: Sequence[Any]) -> list[Any]:
        return [propose_from(file, published=published, publisher=args.publisher or "",
                             url=args.url or "", known=known) for file in args.files]

    merged: tuple[object, ...] = ()
    if not args.accept_all and args.db is not None and not args.db.exists():
        proposed = proposed_with(())  # no store: no parties known
    else:
        with open_store(args, create=args.accept_all, reading=not args.accept_all) as store:
            proposed = proposed_with(store.parties())
            if args.accept_all:
                change = write_articles(store, [to_story(p, p.events, taking_part(p))
                                                for p in proposed],
                                        [p.article for p in proposed])
                merged = change.merged
    if args.json:
        print(json.dumps({"written": args.accept_all, "proposals": [
            proposals_json(p) for p in proposed]}, indent=2, ensure_ascii=False))
        return
    for p in proposed:
        print(f"{p.article.source}: {p.article.title}")
        for event in p.events:
            names = {party.id: party.name for party in p.parties}
            who = "; ".join(f"{names.get(pid, pid)} ({role})" for pid, role in event.parties)
            print(f"  {event.when.display():<22} {event.title}" + (f"  [{who}]" if who else ""))
        in_events = taking_part(p)
        matched = [party.name for party in in_events if party.match]
        new = [f"{party.name} ({party.kind})" for party in in_events if not party.match]
        print(f"  parties known: {', '.join(matched) or 'none'}; new: {', '.join(new) or 'none'}")
        if left := [party.name for party in p.parties if party not in in_events]:
            print(f"  named in no event (not written): {', '.join(left)}")
        if p.note:
            print(f"  note: {p.note}")
    events = sum(len(p.events) for p in proposed)
    if args.accept_all:
        print(f"Imported {plural(events, 'event')} from {plural(len(proposed), 'article')}"
              + (f"; {plural(len(merged), 'party')} merged with one already known." if merged
                 else "."))
    else:
        print(f"Proposed {plural(events, 'event')}; nothing was written. Add --accept-all to "
              "write them with the parties in them, or review them in the window (File > "
              "Import article…).")


class ProgressLine:
    """Progress of a long import on stderr: one line rewritten in a terminal, else a line at
    every tenth. Quiet for imports of fewer than PROGRESS_EVENTS events."""

    def __init__(self) -> None:
        self._tty = sys.stderr.isatty()
        self._tenth = -1
        self._shown = False

    def __call__(self, what: str, done: int, total: int) -> None:
        if total < PROGRESS_EVENTS:
            return
        tenth = done * 10 // total
        if not self._tty and tenth == self._tenth:
            return
        self._tenth = tenth
        line = f"{what}: {done:,} of {total:,} ({done * 100 // total}%)"
        print(f"\r{line}" if self._tty else line, end="" if self._tty else "\n", file=sys.stderr,
              flush=True)
        if self._tty and done == total:
            print(file=sys.stderr)


PROGRESS_EVENTS = 20_000


EXPORT_FORMATS = (*EXPORT_LABELS, *PICTURE_FORMATS)
_EXPORT_SUFFIXES = {".json": "native", ".csv": "csv", ".png": "png", ".svg": "svg",
                    ".pdf": "pdf"}


def cmd_export(args: argparse.Namespace) -> None:
    out: Path = args.out
    format = args.format or _EXPORT_SUFFIXES.get(out.suffix.lower())
    if format is None:
        raise UserError(f"{out}: say which format with --format ({', '.join(EXPORT_FORMATS)}); "
                        f"the suffix {out.suffix or '(none)'!r} does not tell")
    if format in PICTURE_FORMATS:
        from gui.app import render_view

        size, span = parse_size(args.size), parse_span(args.span)
        with open_store(args) as store:
            render_view(store, out, format=format, size=size, span=span,
                        view=view_of(store, args), narrowed=filter_of(store, args))
    else:
        with open_store(args) as store:
            export_store(store, out, format, narrowed=filter_of(store, args))
    print(f"Exported to {out} ({format})")


def cmd_generate(args: argparse.Namespace) -> None:
    from models.generate import generate

    out: Path = args.out
    if args.events < 0 or args.parties < 1:
        raise UserError("--events must be at least 0 and --parties at least 1")
    started = time.perf_counter()
    interactive = sys.stderr.isatty()

    def progress(done: int) -> None:
        line = (f"generating: {done:,} / {args.events:,} events "
                f"({time.perf_counter() - started:.0f} s)")
        print(f"\r{line}" if interactive else line, end="" if interactive else "\n",
              file=sys.stderr, flush=True)

    generate(out, args.events, args.parties, seed=args.seed, progress=progress)
    seconds = time.perf_counter() - started
    if interactive:
        print(file=sys.stderr)
    rate = args.events / seconds if seconds > 0 else 0.0
    print(f"Generated {out}: {args.events:,} events, {args.parties:,} parties in {seconds:.1f} s "
          f"({rate:,.0f} events/s)")


def parse_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise UserError(f"--size {text!r}: use WIDTHxHEIGHT, e.g. 1600x1000") from None
    if not (200 <= width <= 10000 and 200 <= height <= 10000):
        raise UserError(f"--size {text!r}: width and height must be 200 to 10000 pixels")
    return width, height


def parse_span(text: str | None) -> DateSpan | None:
    span = parse_edtf(text) if text else None
    if span is not None and not span.is_range:
        raise UserError(f"--span {text!r}: give an interval such as 2016/2023")
    return span


def cmd_screenshot(args: argparse.Namespace) -> None:
    size, span = parse_size(args.size), parse_span(args.span)
    from gui.app import render_screenshot

    with open_store(args) as store:
        render_screenshot(store, args.out, size=size, span=span, select=args.select,
                          layout=args.layout, view=view_of(store, args),
                          narrowed=filter_of(store, args))
    print(f"Saved {args.out}" + (f" and {args.layout}" if args.layout else ""))


def cmd_window(args: argparse.Namespace) -> int:
    from gui.display_check import display_problem

    problem = display_problem()  # before Qt loads a platform plugin: it aborts when it can't
    if problem is not None:
        raise UserError(problem)
    from gui.app import run_app

    return run_app(lambda path, read_only: Store.open(path, read_only=read_only,
                                                      check_later=True), args.db,
                   own_store=lambda: ensure_store(default_store_path(), sample_story_path()),
                   read_only=args.read_only, maker=make_store)


def make_store(path: Path) -> None:
    """A new, empty store at `path` (File > New store…, or a --db that names nothing); anything
    already there is refused (StoreError), never replaced."""
    with Store.open(path, create=True, only_new=True):
        pass  # the schema is written on opening; closing puts the file in its place


def cmd_smoke_test() -> int:
    """Exit 0 with one line of what was checked, or 1 with the reason it failed."""
    try:
        from gui.smoke import run_smoke_test

        print(run_smoke_test(), flush=True)
        return 0
    except Exception as error:  # the reason, whatever it is, is the point of a smoke test
        print(f"chronolens: smoke test failed: {type(error).__name__}: {error}", file=sys.stderr)
        return 1


COMMANDS = {"check": cmd_check, "info": cmd_info, "search": cmd_search, "import": cmd_import,
            "history": cmd_history, "export": cmd_export, "screenshot": cmd_screenshot,
            "generate": cmd_generate}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.smoke_test:
        return cmd_smoke_test()
    try:
        if args.command is None:
            return cmd_window(args)
        status = COMMANDS[args.command](args)
        return status if isinstance(status, int) else 0
    except (UserError, StoreError, FormatError, DateError) as error:
        print(f"chronolens: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        print(f"chronolens: {where}{error.strerror or error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
