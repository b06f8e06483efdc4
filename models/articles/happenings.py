"""Which dates of a sentence date its happenings: the others are their context (a date in a
relative clause or an aside, a statement's day, a figure's comparison, a year naming a thing),
or no happening at all (a projection, an edition, a record's age)."""

from __future__ import annotations

import re
from bisect import bisect_left

from models.articles.dates import _Found
from models.articles.words import _EVENT_WORDS, _PAST, _SPEECH, SAID_AFTER
from models.dates import DateSpan, Precision


def happenings(words: str, found: list[_Found], reference_end: int | None) -> list[_Found]:
    """The dates of a sentence (`found`, in order) that date what happens in it; the article's
    latest day is `reference_end` (None: not known)."""
    if reference_end is not None and len(found) > 1 and _projects(words):
        # "A protest which started on May 2 … is likely to continue throughout the next
        # week": what is projected is no happening, whatever else the sentence dates
        found = [f for f in found if f.span.earliest <= reference_end] or found
    # (before the sentence's happening is chosen among its dates: a date compared with is
    # none of them, "Turnout was higher than in 2015, officials said on Monday")
    found = [f for f in found if not _COMPARED_BEFORE.search(
        words, max(0, f.date_start - 40), f.date_start)]
    if len(found) > 1:
        # "…, ending a dispute that began in 2021": a date in a relative clause is the
        # context of the sentence's happening, not another one
        found = [f for f in found if not _in_relative_clause(words, f.date_start)] or found
        found = [f for f in found if not _IN_PARTICIPLE_ASIDE.search(
            words, max(0, f.date_start - RELATIVE_REACH), f.date_start)] or found
        # "banned Russia from the 2018 Winter Olympics on Tuesday", "will release its
        # fourth quarter results on October 28": a period that names a thing is the
        # context of the day's happening
        found = [f for f in found if not _YEAR_IN_A_NAME.match(words, f.date_start) and not (
            f.span.start.precision < Precision.DAY and _FIGURES_AFTER.match(words, f.end))
                 and not _FISCAL_BEFORE.search(words, max(0, f.date_start - 20), f.date_start)
                 and not _SPLIT_YEAR.fullmatch(words, f.start, f.end)] or found
    if len(found) > 1:
        # (after the context is set aside: "Huawei said on Friday it had renewed its
        # licence, ending a dispute that began in 2021" is Friday's news)
        verbs = [m.start() for m in _SAYING.finditer(words)]
        is_said = [_said_before(words, verbs, f.date_start)
                   or _tells_a_past(words, f, found) for f in found]
        happening = [f for f, said_here in zip(found, is_said, strict=True) if not said_here]
        said = [f for f, said_here in zip(found, is_said, strict=True) if said_here]
        if said and happening and _PERFECT.search(
                words, said[0].end, min(f.date_start for f in happening)):
            # "Vale said on Thursday it has reached an agreement … to settle claims from
            # the collapse of a dam in 2019": what has happened by the day it is said is
            # that day's news; a later date in its clause is context
            apart = _CLAUSES_APART.search(words, said[0].end)  # (once: many dates)
            happening = [said[0], *(f for f in happening if f.date_start < said[0].start
                                    or (apart and f.date_start >= apart.end()))]
        if not (reference_end is not None and all(
                f.span.earliest > reference_end for f in happening)):
            found = happening or found  # (what someone says will be makes the saying news)
    if 1 < len(found) <= FEW_DATES:
        # "Yesterday, day five of the 2018 FIFA World Cup, …": a year around a day of it
        # in the same sentence is the day's context, not another happening (in a
        # sentence of few dates: one of many is a list, and pairs would take long)
        found = [f for f in found if f.span.is_range or not any(
            o.span.edtf() != f.span.edtf() and within(o.span, f.span)
            and not _CLAUSES_APART.search(words, min(o.end, f.end), max(o.start, f.start))
            for o in found)]  # (", and the UAE's orbiter arrived on February 9": another)
    glosses = [g.span() for g in _ZONE_GLOSS.finditer(words)] if "(" in words else []
    found = [f for f in found
             if not any(a <= f.start < b for a, b in glosses)  # "(2000 yesterday UTC)"
             and not _names_an_edition(words, f.date_start)
             and not (f.span.open_end and _FIRST_SINCE.search(words, 0, f.date_start))
             and not _names_with_year(words, f)
             and not _a_term_of_years(words, f)
             and not (reference_end is not None and f.span.earliest > reference_end
                      and _projects(words))]
    return found


def within(inner: DateSpan, outer: DateSpan) -> bool:
    return outer.earliest <= inner.earliest and inner.latest <= outer.latest


_CLAUSES_APART = re.compile(r"[,;]\s+(?:and|but|while|whereas)\s|;\s")
# A present perfect: how news tells what has just happened ("has killed", "have agreed").
# (not of telling: "Wikinews has learned that … is being attacked")
_PERFECT = re.compile(r"\b(?:has|have)\s+(?:been\s+)?(?:\w+ly\s+)?"
                      r"(?!(?:learned|learnt|said|reported|told|stated|heard)\b)"
                      r"\w+(?:ed|en|ung|ought|ld|lt|nt|wn|id|ade|ot|un)\b"
                      r"|\b(?:has|have)\s+(?:won|met|sold|struck|hit|sworn)\b")

# "Needs would grow by 50 percent by 2050", "children may die by the end of 2012", "is likely
# to continue next week": a projection, no happening (what will be, "in service by 2011", is
# one; what "could" be too: "could open in 2025" may happen).
_CONDITIONAL = re.compile(r"\b(?:would|may|might|(?:is|are)\s+likely\s+to)\b")


def _projects(words: str) -> bool:
    """Whether a sentence projects what would be ("needs would grow by 2050"), not what someone
    said would be ("Acme said on Friday it would open a plant in 2025": a plan)."""
    would = _CONDITIONAL.search(words)
    return would is not None and _SAYING.search(words, 0, would.start()) is None


# "The 2012 election is historic": a year that opens a sentence as part of its subject's name
# tells what the sentence is about, not when it happens ("In the 2012 election, …" does).
_NAMING_YEAR = re.compile(r"\s*The\s+(\d{4})\s+\w")


def _names_with_year(words: str, date: _Found) -> bool:
    opening = _NAMING_YEAR.match(words)
    return opening is not None and opening.end(1) == date.end


# "during his 2003-2010 presidency", "our broader 2021-2025 strategy", "the 2023/24 crop
# year": years that describe a term, a plan or a season, no happening
_TERM_OF_YEARS = re.compile(r"\d{4}\s?[-–/]\s?(?:\d{4}|\d{2})\s+[a-z]")
_OWNER_BEFORE = re.compile(r"\b(?:his|her|its|their|our|my|your|the)\s+(?:[a-z]+\s+){0,2}$")


def _a_term_of_years(words: str, date: _Found) -> bool:
    """(but "won the title in the 2003/04 season": when it was won)"""
    owner = _OWNER_BEFORE.search(words, max(0, date.date_start - 40), date.date_start)
    return _TERM_OF_YEARS.fullmatch(words, date.date_start, min(len(words), date.end + 2)) \
        is not None and owner is not None and not words[:owner.start()].endswith("in ")


# "Sweden's first victory in an opening match since 1958": a record's age, no happening.
_FIRST_SINCE = re.compile(r"\b(?:first|\w+est)\b[^.;]*\bsince\s+$")
# A relative clause open just before a date: "that began in 2021", "which was founded in 1987".
# (or in an aside of what was meant to be: "…, originally due later this year, will be …";
# and one of what was done, "The deal, announced in January 2022, was challenged …", when
# a date outside the clauses is left)
_IN_RELATIVE_CLAUSE = re.compile(r"\b(?:that|which|who|whose)\b[^,;:()\"“”]*$"
                                 r"|,\s+(?:originally|previously|initially|formerly)\b[^,;:()\"“”]*$")
# The same moment by another clock, in brackets: "around 4:00am today local time (2000
# yesterday UTC)".
_ZONE_GLOSS = re.compile(r"\([^()]{0,40}\b(?:UTC|GMT)\b[^()]{0,20}\)")
# "up from $51.8 million in the same quarter last year": a figure's comparison, no happening
# "the same quarter of 2019", "a reduced performance compared to 2008", "higher than in
# 2015": a date a figure is compared with is no happening
_COMPARED_BEFORE = re.compile(r"\b(?:same\s+(?:quarter|period|month|week|time|day)\s+(?:of\s+)?"
                              # ("since Chris Evert Lloyd in 1982")
                              r"|since\s+(?:(?-i:[A-Z])[\w.'’-]*\s+){1,4}in\s+"
                              r"|compared\s+(?:to|with)\s+(?:the\s+same\s+\w+\s+(?:of\s+)?)?"
                              r"(?:(?:in|on)\s+)?|than\s+(?:in|on)\s+|versus\s+)$",
                              re.IGNORECASE)
_YEAR_IN_A_NAME = re.compile(r"(?<=\bthe )\d{4}\s+[A-Z]")
# "its first meeting of fiscal year 2023-24 on Monday": the year of an account, no happening's
# "its first policy statement for 2019-20": a year written across two, a fiscal one
_SPLIT_YEAR = re.compile(r"\d{4}[-–/]\d{2}")
_FISCAL_BEFORE = re.compile(r"\b(?:fiscal|financial|budget)\s+year\s+$|\bFY\s*$", re.IGNORECASE)
# "This year's theme was water security", "his first gold at this year's Games": a year that
# names an edition of something tells what, not when anything happened
# (but "last year's successful democratic elections" is a happening's date)
_EDITION = re.compile(r"(?:this|last|next)\s+(?:year|month|week)['’]s((?:\s+[\w-]+){1,3})",
                      re.IGNORECASE)  # (and "This week's report begins in Turkey")


def _names_an_edition(words: str, position: int) -> bool:
    edition = _EDITION.match(words, position)
    return edition is not None and not any(
        word.lower() in _EVENT_WORDS for word in edition.group(1).split())
_FIGURES_AFTER = re.compile(r"[\s-]+(?:results|earnings|profits?|sales|revenues?|loss(?:es)?"
                            r"|figures|report|budget|accounts)\b")
_IN_PARTICIPLE_ASIDE = re.compile(
    r"\w,\s+(?:(?:first|last|originally|initially|previously|once|[a-z]{2,20}ly)\s+)?"
    r"[a-z]+ed\s+(?:in|on|at)\s+$")  # ", first signed in 2016"
FEW_DATES = 4
RELATIVE_REACH = 60  # characters from "that"/"which" to the date, at most
# (and in an aside about the subject of the day's news: "Bandula Warnapura, who captained Sri
# Lanka in their first ever Test match against England in 1982, has died")
ASIDE_REACH = 100

# A verb of saying, where a statement's date may follow it ("…, the company said on Friday").
_SAYING = re.compile(r"\b(?:said|says|told|stated|added|noted|wrote|commented|explained"
                     r"|confirmed)", re.IGNORECASE)
SPEECH_REACH = 160  # characters from a verb of saying to the date it gives, at most


def _in_relative_clause(words: str, position: int) -> bool:
    """Whether the date at position is in a relative clause ("a dispute that began in 2021"),
    not in what is said ("said on Friday that it signed a deal in March")."""
    clause = _IN_RELATIVE_CLAUSE.search(words, max(0, position - RELATIVE_REACH), position)
    return clause is not None and not (clause.group().startswith("that") and _SAID_THAT.search(
        words, max(0, clause.start() - RELATIVE_REACH), clause.start()))


_SAID_THAT = re.compile(r"\b(?:said|says|announced|confirmed|reported|added|told\s+\w+)"
                        r"(?:\s+(?:on|in|late|early)\s+[\w ]{1,25}?)?\s+$", re.IGNORECASE)


def _tells_a_past(words: str, date: _Found, found: list[_Found]) -> bool:
    """Whether a date right before a verb of saying is the statement's, which tells a
    happening of the past dated after it ("Orbital today announced that its rocket launched a
    satellite on Thursday"; not "in a statement today said the short visit from April 4-5 is
    also to honour …": the statement is the news)."""
    saying = SAID_AFTER.match(words, date.end)
    if saying is None:
        return False
    later = next((f for f in found if f.date_start > saying.end()), None)
    return later is not None and any(
        deed.group().lower() not in _NOT_DEEDS
        for deed in _PAST.finditer(words, saying.end(), later.date_start))


_NOT_DEEDS = frozenset({"said", "told", "was", "were", "had", "last", "since", "ago"})


def _said_before(words: str, verbs: list[int], position: int) -> bool:
    """Whether the date at position is a statement's (_SPEECH ends just before it), tried from
    the verbs of saying (at verbs) shortly before it: searching the whole sentence so far for
    each date was quadratic in a sentence of many dates."""
    nearby = verbs[bisect_left(verbs, position - SPEECH_REACH):bisect_left(verbs, position)]
    return any(_SPEECH.match(words, verb, position) for verb in reversed(nearby))
