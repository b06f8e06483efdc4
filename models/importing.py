"""Importing files into a store, the same way from the command line and the window: read every
file first (nothing is written if one cannot be read), then write them all in one transaction,
parties merged across files, and say what was done.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.domain import PartyMerge
from models.formats import FORMAT_LABELS, ImportedFile, read_story
from models.interchange import FormatError
from models.story import Story

if TYPE_CHECKING:  # the caller's store: the window must not import the SQL module
    from models.dates import DateSpan
    from models.domain import Party
    from models.formats.columns import TableChoices
    from models.proposals import Article, Proposals
    from models.store import Store
    from models.store.history import Change
from models.wording import plural

# progress(what is being done, done, total): files while reading, events while writing.
Progress = Callable[[str, int, int], None]


def read_files(paths: Sequence[Path], *, format: str | None = None,
               skip_invalid: bool = False, progress: Progress | None = None,
               choices: TableChoices | Mapping[Path, TableChoices] | None = None
               ) -> list[ImportedFile]:
    """Every file read (a table's columns mapped as `choices` say, for every file or by
    path); FormatError listing the problems of every file that cannot be."""
    imported: list[ImportedFile] = []
    failed: list[FormatError] = []
    for index, path in enumerate(paths):
        if progress:
            progress(f"Reading {path.name}", index, len(paths))
        try:
            chosen = choices.get(path) if isinstance(choices, Mapping) else choices
            imported.append(read_story(path, format=format, skip_invalid=skip_invalid,
                                       choices=chosen))
        except FormatError as error:
            failed.append(error)
    if len(failed) == 1:
        raise failed[0]
    if failed:
        # `valid` only says whether --skip-invalid would read them all (an empty story: the
        # records themselves are read again then).
        skippable = all(error.valid is not None for error in failed)
        raise FormatError(f"{len(failed)} of {len(paths)} files", [
            f"{error.source}: {problem}" for error in failed for problem in error.problems],
            valid=Story() if skippable else None)
    return imported


@dataclass(frozen=True, slots=True)
class ImportSummary:
    files: tuple[ImportedFile, ...]
    merged: tuple[PartyMerge, ...]
    change: Change | None = None  # the import as a change (Edit > Undo in the window)

    @property
    def events(self) -> int:
        return sum(len(f.story.events) for f in self.files)

    def as_json(self) -> dict[str, Any]:
        def count(name: str) -> int:
            return sum(len(getattr(f.story, name)) for f in self.files)

        return {
            "files": [{"file": str(f.path), "format": f.format, "events": len(f.story.events),
                       "parties": len(f.story.parties), "categories": len(f.story.categories),
                       "eras": len(f.story.eras), "sources": len(f.story.sources),
                       "skipped": len(f.skipped), "warnings": list(f.warnings)}
                      for f in self.files],
            "format": ", ".join(dict.fromkeys(f.format for f in self.files)),
            "events": self.events, "parties": count("parties"),
            "categories": count("categories"), "eras": count("eras"),
            "sources": count("sources"),
            "merged": [{"party": m.name, "into": m.into} for m in self.merged],
            "skipped": [f"{f.path.name}: {problem}" for f in self.files for problem in f.skipped],
            "warnings": [f"{f.path.name}: {w}" for f in self.files for w in f.warnings],
        }

    def sentence(self) -> str:
        """What was imported, in one line."""
        found = self.as_json()
        formats = ", ".join(dict.fromkeys(FORMAT_LABELS[f.format] for f in self.files))
        parts = [plural(found["events"], "event"), *(
            plural(found[name], noun) for name, noun in (
                ("parties", "party"), ("sources", "source"), ("categories", "category"),
                ("eras", "era")) if found[name])]
        listed = f"{', '.join(parts[:-1])} and {parts[-1]}" if len(parts) > 1 else parts[0]
        text = f"Imported {listed} from {plural(len(self.files), 'file')} ({formats})."
        if self.merged:
            text += f" {plural(len(self.merged), 'party')} merged with one already known."
        if found["skipped"]:
            text += f" {plural(len(found['skipped']), 'invalid record')} left out."
        return text


def write_files(store: Store, files: Sequence[ImportedFile], *,
                progress: Progress | None = None) -> ImportSummary:
    """Write the files read in one transaction; if `progress` raises (ImportCancelled),
    nothing is written."""
    total = sum(len(f.story.events) for f in files)

    def written(done: int) -> None:
        if progress:
            progress("Writing events", done, total)

    names = ", ".join(f.path.name for f in files)
    change = store.import_stories([f.story for f in files], label=f"import of {names}",
                                  detail="\n".join(str(f.path) for f in files),
                                  merge_parties=True, progress=written if progress else None)
    return ImportSummary(tuple(files), change.merged, change)


# --- articles: the same steps from the command line and the window ---------------------------


def propose_from(path: Path, *, published: DateSpan | None = None, publisher: str = "",
                 url: str = "", title: str | None = None, known: Sequence[Party] = (),
                 cancelled: Callable[[], bool] | None = None) -> Proposals:
    """The article in `path` read (with what the person said of it: when and by whom it was
    published, where, its title) and its events and parties proposed, the store's parties
    `known`. FormatError when it cannot be read; ImportCancelled when `cancelled()`."""
    from models.articles import propose, read_article

    article = read_article(path, published=published, publisher=publisher, url=url)
    if title:
        article = replace(article, title=title)
    return propose(article, known, cancelled=cancelled)


def write_articles(store: Store, stories: Sequence[Story],
                   articles: Sequence[Article]) -> Change:
    """The accepted proposals of `articles` (one story each) written in one transaction, as
    one change: "import of the article <title>" (or of N articles), parties merged with the
    store's."""
    label = (f"import of the article {articles[0].title}" if len(articles) == 1
             else f"import of {len(articles)} articles")
    return store.import_stories(list(stories), label=label, action="article",
                                detail="\n".join(a.url or a.source for a in articles),
                                merge_parties=True)


__all__ = ["ImportSummary", "Progress", "propose_from", "read_files", "write_articles",
           "write_files"]
