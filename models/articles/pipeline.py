"""`propose`: the rules of this package applied in order to one article (see the package
docstring)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import replace

from models.articles.contexts import _DOES_AFTER, _SITE_LAST, _WRITERS, _not_english
from models.articles.dates import (
    BETWEEN_OFFSET,
    OFFSET,
    PERIOD_STEP,
    SAID_RIGHT_BEFORE,
    _dates_in,
    _Found,
    _Reference,
    day_next_to,
    offset_days,
    period_next_to,
)
from models.articles.gazetteer import is_publication
from models.articles.happenings import (
    _IN_RELATIVE_CLAUSE,
    _PERFECT,
    _YEAR_IN_A_NAME,
    ASIDE_REACH,
    happenings,
)
from models.articles.name_shapes import _DATELINE
from models.articles.parties import GAZETTEER, NEW, _Entity, _Parties
from models.articles.roles import _roles
from models.articles.sentences import _Quotes, _Sentence, _sentences, _Token, headline_end
from models.articles.titles import (
    _LEADING_ADVERBIAL,
    _PRONOUN_START,
    TITLE_LIMIT,
    _title,
    relative_aside,
)
from models.articles.words import (
    _FUTURE,
    _PAST,
    IRREGULAR_PAST,
    is_english_word,
    is_place_name,
    word_list,
)
from models.dates import DateSpan, Precision, parse_edtf
from models.domain import Party
from models.errors import ImportCancelled
from models.proposals import Article, Proposals, ProposedEvent, ProposedParty

# Bounds on the work one article makes, far above any article's (a long one gives a few hundred
# events from a few thousand date readings) and below what a person can review; past them the
# rest of the article is not dated, and the proposals say so.
MAX_EVENTS = 5_000
MAX_READINGS = 20_000  # pattern matches read as possible dates, over the whole article
# Characters read at all: a long report is ~100,000; past this, the cost is only an attacker's
# (a 5 MB article of nothing but names took 20 s: linear, but a fixed cost per word).
MAX_READ = 1_000_000
# A "sentence" longer than this (no sentence is: it is a list, a table, text without full stops)
# is quoted, titled and given parties by the part of it around each date, of about this length.
LONG_SENTENCE = 1_000
RECENT_EVENTS = 20  # how far back a happening told again by its day ("Saturday's defeat") is


def propose(article: Article, known: Sequence[Party] = (), *,
            cancelled: Callable[[], bool] | None = None) -> Proposals:
    """The dated events and the parties of an article, by the rules in the package's
    docstring. Deterministic and offline; never raises on any text; time linear in its
    length (up to a logarithm). ImportCancelled when `cancelled()` turns true (it is asked
    at every sentence: from another thread, for a Cancel button)."""

    def check() -> None:
        if cancelled is not None and cancelled():
            raise ImportCancelled("Import cancelled; nothing was written.")

    text = article.text
    if len(text) > MAX_READ:  # the first MAX_READ characters, to the last space in them
        text = text[:max(text.rfind(" ", 0, MAX_READ), MAX_READ // 2)]
    sentences = _sentences(text)
    finder = _Parties(text, sentences, known, check)
    finder.run()
    reference = _Reference.of(article.published)
    reference_end = article.published.latest if article.published else None
    reference_start = article.published.earliest if article.published else None
    ordered = sorted(finder.entities.values(), key=lambda e: min(e.mentions))
    ids = {entity.key: f"p{n}" for n, entity in enumerate(ordered, start=1)}
    kinds = {entity.key: entity.kind for entity in ordered}
    by_sentence: list[list[tuple[int, int, str]]] = [[] for _ in sentences]
    position = 0
    for mention in finder.mentions:
        while position < len(sentences) and sentences[position].end <= mention.start:
            position += 1
        if position < len(sentences) and sentences[position].start <= mention.start:
            by_sentence[position].append((mention.start, mention.end, mention.entity))
    events: list[ProposedEvent] = []
    dateline: DateSpan | None = None  # the date of a dateline ("May 14, 2007") at the top
    lead: int | None = None  # the sentence of the article's news, when it has no date
    previous_subject: str | None = None
    previous_person: str | None = None  # the one person the sentence before names, if one
    readings = MAX_READINGS
    acting: dict[str, set[str]] = {}  # the roles by the lexicon of each party that has one
    early: list[tuple[str, str]] = []  # parties acting without a date before any event
    quoted = _quoted(text, sentences, finder.tokens)
    captions = _captions(text, sentences)
    stopped: int | None = None  # where dating stopped, when it did
    stated = False  # whether a statement made in the article is an event yet
    named_so_far: list[str] = []  # the parties named so far, in order
    for number, sentence in enumerate(sentences):
        check()
        words = text[sentence.start:sentence.end]
        mentions = by_sentence[number]
        subject = _subject(words, sentence.start, mentions)
        pronoun = _PRONOUN_START.match(words) or _PRONOUN_AFTER_OPENER.match(words)
        resolved = None
        personal = pronoun is not None and pronoun.group(1).lower() in ("he", "she")
        if pronoun is not None and previous_subject is not None and personal == (
                kinds[previous_subject] == "person"):
            # ("It added …", "In January, it added …": the subject of the sentence before)
            resolved = previous_subject
        elif personal and previous_person is not None:
            resolved = previous_person  # ("Arsenal signed Lacazette. Last month he scored …")
        if pronoun is None and (named := _BODY_BY_ITS_NOUN.match(words)) is not None:
            # "On Sunday, the bureau asked for a stay": the Competition Bureau named before
            pronoun = named
            resolved = _body_meant(named.group("noun").lower(), named_so_far, finder.entities,
                                   kinds, previous_subject)
        if pronoun is not None and resolved is not None:
            at = sentence.start + pronoun.start(1)
            mentions = sorted([(at, at + len(pronoun.group(1)), resolved), *mentions])
        named_so_far.extend(key for _s, _e, key in mentions)
        previous_subject = resolved or subject or previous_subject
        persons = {key for _s, _e, key in mentions if kinds[key] == "person"}
        previous_person = next(iter(persons)) if len(persons) == 1 else None
        supposed = 0  # where what a sentence supposes ends ("If Rafter ousts Sampras, …")
        if (supposition := _SUPPOSES.match(words)) is not None:
            supposed = words.find(", ", supposition.end()) + 1 or len(words)
            mentions = [m for m in mentions if m[0] >= sentence.start + supposed]
        roles = _roles(text, finder.tokens[number], mentions, kinds)
        for key, role in roles.items():
            if role != "mentioned":
                acting.setdefault(key, set()).add(role)
        if stopped is not None or (number in quoted and lead is not None) or number in captions:
            continue  # a quotation: what someone says, not what happens
        found, read, cut = _dates_in(words, reference, readings)
        if supposed:
            # "… it would be the first all-Australian final since 1970 when Ken Rosewall
            # defeated Tony Roche": what it tells after the supposition may have happened
            found = [f for f in found if f.start >= supposed]
            if not found:
                continue
        readings -= read
        if cut is not None:
            stopped = sentence.start + cut
        if found and lead is None and not events and (
                top := _DATELINE.match(words)) is not None and found[0].start < top.end():
            # "TOKYO, July 18 (Xinhua) -- … signed a free trade agreement on Tuesday": the
            # wire's dateline names the article's day, not its news's (first: "ABUJA, Sept 20
            # (NNN-Xinhua) — … so far this year" is not a year around a day of it)
            dateline = dateline or found[0].span
            found = [f for f in found if f.start >= top.end()]
        if not found and not events and lead is not None and lead >= 0 \
                and (clock := _clock_time(words)) is not None \
                and (day := dateline or article.published) is not None:
            # "At 0800 UTC, the banks announced …", after a lead dated by the article: its day
            found = [_Found(clock.start(), clock.end(), day, clock.start(), True)]
        elif not found and events and (step := _DAY_AFTER.search(words)
                                       or OFFSET.search(words) or _clock_time(words)) is not None:
            # "In early morning the next day, the newspaper removed its comment", "Three days
            # later it sold Zenith": from the day told before it (a day, not a range or a
            # year); "At 0800 UTC, the banks announced": on that day
            if step.re is OFFSET:
                days = offset_days(step)
            elif step.re is _CLOCK:
                days = 0
            else:
                which = (step.group(1) or step.group(2)).lower()
                days = -1 if which in ("before", "previous") else 1
            shifted = day_next_to(events[-1].when, days)
            if shifted is not None:
                found = [_Found(step.start(), step.end(), shifted, step.start(), True)]
        elif not found and events and (period := PERIOD_STEP.search(words)) is not None \
                and (moved := period_next_to(events[-1].when, period)) is not None \
                and (reference_end is None or moved.earliest <= reference_end):
            # "Four months later, he signed …", "The following year, the firm was sold": the
            # month or year from the one told before
            found = [_Found(period.start(), period.end(), moved, period.start(), True)]
        found = happenings(words, found, reference_end)
        if article.published is not None:
            found = [_until_published(f, article.published) for f in found]
        if article.published is not None and _SO_FAR.search(words):
            found = [_year_to_date(f, article.published) for f in found]
        plan = _ANNOUNCES.search(words) if found and lead is None and not events else None
        if plan and reference_start is not None and all(
                f.span.latest < reference_start and f.date_start > plan.end()
                and not SAID_RIGHT_BEFORE.search(words, max(0, f.date_start - 30), f.date_start)
                for f in found):
            # "Ford … will cut 30,000 jobs … after a US$1.6 billion loss last year": the plan
            # is the article's news, on its day; what happened last year happened then (but
            # "…, its chief executive said on Tuesday": on the day it was said)
            lead = number
        if found and lead is None and not events and _news_of_the_day(words, found):
            # "Ericsson and Huawei, whose previous deal was signed in 2016, have agreed to …":
            # the article's news, dated by it; the date of its relative clause is context
            found = []
        if found and lead is None and not events and _is_dateline(words, found):
            dateline = dateline or found[0].span  # the article's own date, said at its top
            continue
        if found and lead is None and not events and (
                opening := _DATELINE_OPENING.match(words)) is not None \
                and found[0].start <= opening.end("date") and len(found) > 1:
            # "CAPE CANAVERAL, Fla. - 19 April 2018: A Falcon 9 rocket blasted off on
            # Wednesday": the dateline's date is the article's; the news has its own
            dateline = dateline or found[0].span
            found = found[1:]
        reaction = _reaction_to(words, found) if lead is None and not events else None
        if found and (when := dateline or article.published) is not None \
                and len(events) < MAX_EVENTS and (
                    _makes_a_statement(words) or reaction is not None):
            # "The United States congratulates … on the elections on May 18": the statement
            # happens on its own day, and what it speaks of on the days it gives
            lead = -1 if lead is None else lead
            stated = True
            events.append(replace(_lead_event(text, sentence, finder.tokens[number], when,
                                              mentions, kinds, ids), id=f"e{len(events) + 1}"))
        if not found:
            if lead is None and _LEAD_WORDS.search(words) and not _WRITERS.search(words):
                lead = number  # the article's news: its first sentence that says something
            elif lead == -1 and not stated and _makes_a_statement(words) and not any(
                    e.when == (dateline or article.published) for e in events):
                # "I commend President Goodluck Jonathan …": the statement is the news of its
                # day, unless the article tells that day's news already ("Today, Liberia …")
                lead = number
                stated = True
            elif lead == -1 and number < LEAD_REACH and not any(
                    e.when.start.precision >= Precision.DAY for e in events) \
                    and _acts_of_late(words, sentence.start, mentions):
                lead = number  # "… this time around Mayor Petro has decided not to support it"
            elif lead is not None and lead >= 0 and number < LEAD_REACH \
                    and not events and (when := dateline or article.published) is not None \
                    and _acts_of_late(words, sentence.start, mentions):
                # "Boeing has secured two large orders. Air Canada has ordered US$6 billion in
                # new airliners, while Air India has signed a deal …": news of the day too
                events.append(replace(_lead_event(text, sentence, finder.tokens[number], when,
                                                  mentions, kinds, ids),
                                      id=f"e{len(events) + 1}"))
                continue
            # Who acts in a sentence without a date takes part in the happening told before
            # it ("… signed a global agreement, the company said on Friday. Its chief, Alan
            # Fan, said the agreement …"), or, at the top, in the article's news.
            # (or does what the lexicon does not know: "UK's Cobham will manufacture …")
            subjects = {k for _s, e, k in mentions
                        if not _NEGATED.match(text, e) and _does_after(text, e)}
            doing = [(ids[key], role) for key, role in roles.items()
                     if role != "mentioned" or key in subjects or kinds[key] == "person"]
            if _INTRODUCES_QUOTE.search(words):
                doing = []  # who introduces a quotation comments (see `commenting` below)
            if doing and events and _PARAGRAPH_BREAK.search(
                    text, events[-1].quote[1], sentence.start) and not _BACK_THEN.match(words):
                # (but in a paragraph of its own it goes on with the article's news, not
                # with the past, unless it says it goes back: after "Kebede, who also won
                # the 2012 race, …", a paragraph "Biwott was second" tells Sunday's race)
                early += doing
            elif doing and events:
                events[-1] = _joined(events[-1], doing)
                last = events[-1]
                if not text[last.quote[1]:sentence.start].strip() and \
                        not _PARAGRAPH_BREAK.search(text, last.quote[1], sentence.start):
                    # (the sentence right after the event's tells more of it: its source too)
                    events[-1] = replace(last, quote=(last.quote[0], sentence.end))
            elif doing:
                early += doing
            continue
        if lead is None:
            lead = -1  # the first sentence that says something is dated: no lead to add
        parties = tuple((ids[key], role) for key, role in roles.items())
        names = [(s - sentence.start, e - sentence.start) for s, e, k in mentions
                 if k != resolved or s != sentence.start]
        seen: set[str] = set()
        starts: list[int] = []  # of the mentions, in a long sentence, to find those near a date
        rank: dict[str, int] = {}
        if len(words) > LONG_SENTENCE:
            starts = [s - sentence.start for s, _e, _k in mentions]
            rank = {key: n for n, key in enumerate(roles)}
        previous_end: int | None = None  # of the date before, in this sentence
        first_new = len(events)
        for date in found:
            edtf = date.span.edtf()
            after, previous_end = previous_end, date.end
            if edtf in seen:
                continue
            seen.add(edtf)
            if (words.startswith(("'s ", "’s "), date.end)
                    or words[date.start:date.end].endswith(("'s", "’s"))) and any(
                    e.when == date.span for e in events[-RECENT_EVENTS:]):
                continue  # "during Saturday's defeat": the happening told already
            if _AS_OF.search(words, max(0, date.start - 10), date.start + 3) \
                    and _A_COUNT_AFTER.match(words, date.end) \
                    and not _SAYS.search(words, 0, date.start):
                continue  # "As of February 16, 28 active cases remain": a count's day (but
                # "Secunia has said that as of March 4 IE6 has 277 flaws": Secunia's count)
            if _NOT_DONE.search(words, max(0, date.start - 50), date.start) or (
                    _OPENS_WITH_THE_DATE.fullmatch(words, 0, date.start) is not None
                    and _NOT_DONE.search(words, date.end, date.end + 120)):
                continue  # "had not commented by Wednesday", "As of yesterday, the DND has yet
                # to issue a statement": nothing happened
            if _BASELINE_BEFORE.search(words, max(0, date.start - 60), date.start) \
                    and not _ON_A_DAY.match(words, date.start) \
                    and not _SETS_A_FIGURE.search(words, max(0, date.start - 120), date.start):
                continue  # "closed at Sh11.10, down from Sh12 a week earlier": a figure's
                # baseline, no happening (but "rates rose to 6% from 5% on Thursday": the day
                # they rose; "the bank cut its rate to 6% from 6.25% in August": when it did)
            if len(events) == MAX_EVENTS:
                stopped = sentence.start + date.start
                break
            if len(words) <= LONG_SENTENCE and after is not None and after < date.start:
                # "… on Saturday, May 5, …, before going on to beat Norway on Sunday, Germany on
                # Tuesday": a later date's happening is told since the date before it
                clause = _last_break(words, after, date.start)
                told_here = words[clause:date.start].strip(" ,;:–—-")
                if _DATE_INSIDE.search(told_here):
                    # "…, as well as the February 18 sentencing of journalists …": the date
                    # stands inside what happened; it goes on after the date
                    ahead = [f.start for f in found if f.start >= date.end]
                    stop = _NEXT_COMMA.search(words, date.end)
                    end_at = min([*ahead, stop.start() if stop else len(words)])
                    told_here = f"{told_here} {words[date.end:end_at].strip()}"
                between = BETWEEN_OFFSET.fullmatch(words, date.start, date.end) is not None
                title = _CONNECTIVE.sub("", f"{told_here} ").strip() or _told_after(
                    words, date.end, finder.entities[subject].name if subject else None,
                    told_as_a_noun=between)
                # (nothing but "and" before the date: what its clause tells after it)
                bare = title.lower() not in ("", "and", "but", "or", "then")  # "and": nothing
                told = finder.entities[subject].name if subject and _opens_with(
                    words, sentence.start, mentions, subject) else ""
                # (a clause that tells its own subject: "…, and Adam Air Flight 574 vanished
                # on Monday")
                own = title[:1].isupper() and _A_VERB.search(title) is not None
                if told and told not in title and title.split() and not own and not between:
                    title = f"{told}: {title}"  # "Russia: beat Norway 4-2", "Russia: Germany 2-0"
                title = title[:1].upper() + title[1:TITLE_LIMIT]
                later = any(f.start >= date.end for f in found)
                nearby = {ids[k] for s, _e, k in mentions
                          if clause <= s - sentence.start < (date.end if later else len(words))
                          } | (
                    {ids[subject]} if subject and not own else set())
                if bare and len(title.split()) >= 2 and (told or not _A_VERB.match(title)):
                    # (a clause without its subject and no name to give it, "…, will be
                    # delayed until October 2007", is titled from the whole sentence below)
                    events.append(ProposedEvent(
                        id=f"e{len(events) + 1}", title=title, when=date.span,
                        quote=(sentence.start, sentence.end),
                        date_phrase=words[date.start:date.end],
                        parties=tuple((p, r) for p, r in parties if p in nearby)))
                    continue
            if len(words) <= LONG_SENTENCE:
                ahead = [f.start for f in found if f.start >= date.end]
                cut = _last_break(words, date.end, ahead[0]) if ahead else len(words)
                if cut <= date.end:
                    cut = len(words)  # "Acme sold Zenith in 2019 [and bought Orbex in 2021]"
                title = _title(words[:cut], (date.start, date.end), names,
                               finder.entities[resolved].name if resolved else None)
                if cut < len(words):  # the parties of its own clauses
                    here = {ids[k] for s, _e, k in mentions if s - sentence.start < cut}
                    parties_here = tuple((p, r) for p, r in parties if p in here)
                else:
                    parties_here = parties
                if relative_aside(words, date.start, date.end) is not None:
                    # (what the sentence's verbs say its parties did is not what the relative
                    # clause tells: "Wilson, who retired in 2011, died" is no death in 2011)
                    parties_here = tuple((p, "mentioned") for p, _r in parties_here)
                events.append(ProposedEvent(
                    id=f"e{len(events) + 1}", title=title or words[:TITLE_LIMIT],
                    when=date.span, quote=(sentence.start, sentence.end),
                    date_phrase=words[date.start:date.end], parties=parties_here))
                continue
            # The part of a long sentence around the date stands for the sentence: its
            # mentions are found by bisection (a walk through all of them for each date was
            # quadratic in a sentence of many names and dates).
            low, high = _around(words, date.start, date.end)
            part = words[low:high]
            near = [(s - sentence.start, e - sentence.start, k) for s, e, k in
                    mentions[bisect_left(starts, low):bisect_left(starts, high)]
                    if e - sentence.start <= high]
            title = _title(part, (date.start - low, date.end - low),
                           [(s - low, e - low) for s, e, k in near
                            if k != resolved or s != 0],
                           finder.entities[resolved].name if resolved and not low else None)
            events.append(ProposedEvent(
                id=f"e{len(events) + 1}", title=title or part[:TITLE_LIMIT], when=date.span,
                quote=(sentence.start + low, sentence.start + high),
                date_phrase=words[date.start:date.end],
                parties=tuple((ids[key], roles[key])
                              for key in sorted({k for _s, _e, k in near}, key=rank.__getitem__))))
        if reaction is not None:
            # the happening reacted to, on its own day: what it is, with who is in it
            # ("The terrorist attack at a night market in Davao"), not who reacts
            after_verb = {ids[k] for s, _e, k in mentions
                          if s - sentence.start >= reaction.start("what")}
            for n in range(first_new, len(events)):
                dated = events[n]
                told_at = words.find(dated.date_phrase, reaction.start("what"))
                what = words[reaction.start("what"):told_at] if told_at > 0 else ""
                what = _DANGLING_END.sub("", what.strip(" ,"))
                events[n] = replace(
                    dated, title=(what[:1].upper() + what[1:])[:TITLE_LIMIT] or dated.title,
                    parties=tuple((p, "mentioned") for p, _r in dated.parties
                                  if p in after_verb))  # (its roles were the reaction's)
    when = dateline or article.published
    if lead is not None and lead >= 0 and when is not None and len(events) < MAX_EVENTS:
        news = _lead_event(text, sentences[lead], finder.tokens[lead], when,
                           by_sentence[lead], kinds, ids)
        if events and _told_again(text, sentences, lead, news, events[0]):
            # "A plane crash has killed all 61 people on board. The plane crashed Friday, the
            # airline said.": the news, then its day; one happening
            dated = events[0]
            events[0] = replace(_joined(dated, news.parties), title=news.title,
                                quote=(news.quote[0], dated.quote[1]))
        else:
            events.insert(0, news)
        events = [replace(e, id=f"e{n}") for n, e in enumerate(events, start=1)]
    # Who signs a statement speaks in its first event (the statement, or the news it gives),
    # for the body that issues it.
    early += [(ids[e.key], "spokesperson") for e in ordered if e.cues.get("signs")]
    early += [(ids[e.key], "announcer") for e in ordered if e.cues.get("issues")]
    if early and events:
        events[0] = _joined(events[0], early)
    # Who only introduces a quotation ("Camilo Galeano (@camilogaleano) says …:", "Rick Lowe
    # at Weblog Bahamas gave a quick overview of the results:") comments on the news and
    # takes no part in it.
    commenting = [(sentence.start, sentence.end) for sentence in sentences
                  if _INTRODUCES_QUOTE.search(text, sentence.start, sentence.end)]
    commenting += [label.span() for sentence in sentences
                   if (label := speaker_label(text, sentence.start)) is not None]
    headline = headline_end(text)
    # A news medium that publishes the article tells it (a body's own statement, NASA's or
    # the State Department's, is the body acting)
    publisher = article.publisher.casefold().strip() if is_publication(article.publisher) \
        else ""
    unproven = {ids[e.key] for e in ordered if _unproven(e, acting, text) or _only_quoted(
        e, finder.quotes, finder.sentence_starts) or (
        e.match is None and max(start for start, _end in e.mentions) < headline
        and not e.cues.get("signs") and not e.cues.get("issues")) or (  # (a statement's signer)
        publisher and e.match is None
        and publisher in {f.casefold() for f in (e.name, *e.forms)})}
    unproven |= {ids[e.key] for e in ordered
                 if _only_comments(e, acting, text, commenting, sentences, finder.sentence_starts)}
    # An analyst and the firm named with them comment on the news ("Leonardo Correa, analyst
    # at BTG Pactual, said …", "Uralsib analyst Ivan Ivanov said …")
    analysts = [m.span() for m in _ANALYST.finditer(text)]
    analysts_from = [start for start, _end in analysts]
    unproven |= {ids[e.key] for e in ordered if e.match is None and analysts
                 and acting.get(e.key, set()) <= _REPORTING_ROLES
                 and _all_within(e.mentions, analysts, analysts_from)}
    # Who is named only in what a person is, set off after them, is their background
    # ("Seurey, who is a training partner of Olympic champion Jemima Sumgong, said …")
    backgrounds = [m.span("body") for m in _WHO_ASIDE.finditer(text)]
    backgrounds_from = [start for start, _end in backgrounds]
    unproven |= {ids[e.key] for e in ordered if e.match is None and backgrounds
                 and _all_within(e.mentions, backgrounds, backgrounds_from)}
    if unproven:
        events = [replace(e, parties=tuple((p, r) for p, r in e.parties if p not in unproven))
                  for e in events]
    events = _told_twice(events)
    taking_part = {pid for event in events for pid, _role in event.parties}
    # A party in no event is offered unchecked, for the user to add in review; but not one
    # word named once in passing with nothing said of it (of 32 such on the development half,
    # 7 were parties), nor a name the article first gives in its last quarter, where news puts
    # its background, in an article long enough to have some (of 25 such on the development
    # half, 6 were parties to both readers)
    background = len(text) * 3 // 4 if len(text) >= _LONG_ENOUGH else len(text)
    parties_out = tuple(
        ProposedParty(id=ids[e.key], name=e.name, kind=_kind_by_roles(e, acting), match=e.match,
                      aliases=tuple(f for f in e.forms if f != e.name),
                      mentions=tuple(sorted(e.mentions)))
        for e in ordered if ids[e.key] not in unproven and (
            ids[e.key] in taking_part or e.match is not None
            or (not _only_commenting(e.mentions, commenting)
                and min(start for start, _end in e.mentions) < background
                and not (e.tokens == 1 and len(e.mentions) == 1 and not e.cues
                         and not e.key.startswith(GAZETTEER)))))
    note = ""
    if stopped is not None:
        note = (f"This article has more dates than Chronolens reads at once: only its first "
                f"{stopped:,} characters of {len(article.text):,} were read for dates "
                f"({len(events):,} events). Import the rest as an article of its own.")
    elif len(text) < len(article.text):
        note = (f"This article is longer than Chronolens reads at once: only its first "
                f"{len(text):,} characters of {len(article.text):,} were read "
                f"({len(events):,} events). Import the rest as an article of its own.")
    return Proposals(article, tuple(events), parties_out, note)


_WARM_UP_TEXT = ("Warm-up\n\nOn Monday, Zentrix Corp of Paris signed a deal with Bob Smith, "
                 "the chief executive of Globex, in Kenya, the company said in 2023. Quorvex "
                 "Taliman was there.")  # (a name with no cue, for the name tagger)


def warm_up() -> None:
    """Load what the reader loads on first use (word lists, gazetteer, date patterns, name
    tagger: about 0.1-0.2 s) by reading a sentence that needs all of it: called off the GUI
    thread while the user is still choosing, the first article then costs what any other
    does."""
    propose(Article("warm-up", "Warm-up", _WARM_UP_TEXT, published=None))


_LONG_ENOUGH = 1200  # characters: about ten sentences, a short news story's length


def _only_quoted(entity: _Entity, quotes: _Quotes, sentence_starts: list[int]) -> bool:
    """Whether a new name is named only inside quotation marks: what someone says of it
    ("the Space Exploration Initiative", a senator's email), which makes it no party of the
    story's (on the development half, 1 of 7 such was one)."""
    return entity.match is None and all(
        quotes.inside(sentence_starts[bisect_right(sentence_starts, start) - 1], start)
        for start, _end in entity.mentions)


# A country that is something ("Myanmar is mainly Buddhist"), has or sees something ("South
# Korea has seen protests", "Colombia hosted the festival": where it happened) or is named
# after a preposition ("rapprochement with Russia was paramount") does nothing by it.
_COPULA_AFTER = re.compile(r"\s+(?:(?:has|have|had)\s+(?:been|had|seen)|is|was|are|were"
                           r"|hosts|hosted|saw|sees|remains|remained|lies)\b")
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:with|in|of|from|to|by|for|on|at|into|about|against|across|than|like|unlike|as)"
    r"(?:\s+(?:the|central|northern|southern|eastern|western))?\s+$", re.IGNORECASE)


_REPORTED_AT_THE_END = re.compile(r"\s+(?:reported|reports|reporting)\s*(?:[.;]|$)")
# A body named again by what it is, as a sentence's subject: "The central bank said …", "On
# Friday, the airline announced …", "The bureau asked …".
_BODY_BY_ITS_NOUN = re.compile(
    r"^(?:(?:In|On|Last|Earlier|Later|By|During|Since|After|Then|Also|This|That|Next)\b"
    r"[^,.;:\"“”]{0,40},\s+)?([Tt]he\s+(?:central\s+)?(?P<noun>bank|airline|carrier"
    r"|ministry|tribunal|court|bureau|agency|commission|authority|council|board|club|union"
    r"|lender|insurer|miner|carmaker|automaker|retailer|regulator|watchdog))\s+(?!is\b|was\b"
    r"|has\s+been\b|had\s+been\b|['’]s\b)(?=[a-z])")
# What a trade's noun may stand for: the subject before, a company.
_TRADES = frozenset("airline carrier lender insurer miner carmaker automaker retailer".split())
# What a regulator may be: a state body by its name's last word.
_REGULATORS = frozenset("commission authority agency bureau board regulator".split())


def _body_meant(noun: str, seen: list[str], entities: dict[str, _Entity],
                kinds: dict[str, str], previous_subject: str | None) -> str | None:
    """The party named before that "the <noun>" stands for: the last one whose name has the
    noun ("the bureau": the "Competition Bureau"; "the bank": the "Reserve Bank of India"), or
    for a trade the subject before when it is an organisation ("the airline": Qantas)."""
    if noun in _TRADES:
        return previous_subject if previous_subject is not None and kinds.get(
            previous_subject) == "organisation" else None
    wanted = _REGULATORS if noun in ("regulator", "watchdog") else {noun}
    for key in reversed(seen[-_SEEN_REACH:]):
        words = entities[key].name.lower().split()
        if wanted & set(words) and kinds.get(key) != "person":
            return key
    return None


_SEEN_REACH = 40  # how many mentions back "the bureau" may reach
_PRONOUN_AFTER_OPENER = re.compile(
    r"^(?:In|On|Last|Earlier|Later|By|During|Since|After|Then|Also|This|That|Next)\b"
    r"[^,.;:\"“”]{0,40},?\s+(it|he|she|the\s+(?:company|firm|group))\s+"
    r"(?!is\b|was\b|has\s+been\b|had\s+been\b|seems\b"
    r"|remains\b|appears\b|['’]s\b)")
# The rest of a list of subjects after a name: "(the Philippines) and China (have imposed)".
# (or its own body named in an aside: "Colombia and its state-run oil company, Ecopetrol,")
_REST_OF_LIST = re.compile(r"\s+(?:and|or)\s+(?:the\s+|its\s+[\w\s-]{1,40}?,\s+)?[A-Z][\w.’'-]*"
                           r"(?:\s+[A-Z][\w.’'-]*){0,4}(?:,(?=\s+[a-z]))?")


# What is done only to a person: "sentenced Sajjad and Ijaz to death". (Narrower than what a
# body does not share with its person, roles._PERSONS_LOT: "arrested" and "killed", tried here,
# made persons of a daily and a comic's hero whose roles came from a verb further off.)
_PERSONS_ROLES = frozenset({"sentenced", "deceased", "resigning party"})


def _kind_by_roles(entity: _Entity, acting: dict[str, set[str]]) -> str:
    """A new name of one word that nothing says is a body's is a person's when all it does or
    has done to it is a person's lot."""
    roles = acting.get(entity.key)
    if entity.tokens == 1 and entity.key.startswith(NEW) and entity.kind in (
            "organisation", "other") and not _BODY_CUES & entity.cues.keys() \
            and roles and roles <= _PERSONS_ROLES:
        return "person"
    return entity.kind


_BODY_CUES = frozenset({"organisation", "government", "group"})


def _end_of_list(text: str, end: int) -> int:
    rest = _REST_OF_LIST.match(text, end)
    return rest.end() if rest else end


def _does_after(text: str, end: int) -> bool:
    """Whether a verb follows a name that ends at `end`: "Cobham will manufacture", "Thales
    supplied", "Mendes left"."""
    return bool(_DOES_AFTER.match(text, end) or _PAST.match(text, end + 1))


def _unproven(entity: _Entity, acting: dict[str, set[str]], text: str) -> bool:
    """Whether the text gives too little to call a name a party (a store party always is
    one). A country or union that does nothing in any sentence is where things happen ("the
    festival in Colombia"; a capital before a verb, "Beijing disagreed", does act). An
    ordinary English word, capitalised once and doing nothing ("Growth", "Summit", "Aura"),
    is a word or a title more often than a party, unless the words around it say what it is
    ("shares of Acme"); "from Flamengo", "leased from AerCap" are names by being no words.
    A news medium reports ("told The Associated Press", "listed by Forbes") unless it acts
    otherwise. A name the name tagger reads as no name's words ("the Global Challenge Robot")
    is none unless it does something ("agreed to buy Widget Works" is a purchase's).
    `acting`: the roles by the lexicon of the parties that have one."""
    if entity.match is not None:
        return False
    if is_publication(entity.name) or all(
            _REPORTED_AT_THE_END.match(text, end) for _start, end in entity.mentions):
        # ("…, Newstalk.com reported.": a medium, named only as the source of a report)
        return not acting.get(entity.key, set()) - _REPORTING_ROLES
    if entity.key in acting:
        return False
    if entity.unnamed:
        return not any(_does_after(text, end) for _start, end in entity.mentions)
    if entity.key.startswith(GAZETTEER):
        return not entity.cues.get("acts") and not any(
            _does_after(text, after) and not _COPULA_AFTER.match(text, after)
            and not _PREPOSITION_BEFORE.search(text, max(0, start - 20), start)
            for start, end in entity.mentions
            for after in [_end_of_list(text, end)])
    if entity.name.rsplit(maxsplit=1)[-1].lower() in _SITE_LAST and not any(
            _does_after(text, end) for _start, end in entity.mentions):
        return True  # "Kagoshima Prefecture", "in front of Buckingham Palace": a site
    if is_place_name(entity.name) and not _KIND_CUES & entity.cues.keys() and not any(
            _does_after(text, end)
            and not _PREPOSITION_BEFORE.search(text, max(0, start - 20), start)
            for start, end in entity.mentions):
        return True  # a town: "the highway to Reynosa is closed", not "UK's Cobham will make"
    return entity.tokens == 1 and len(entity.mentions) == 1 and entity.key.startswith(NEW) \
        and not entity.cues and is_english_word(entity.name)


_STATEMENT_VERBS = word_list("statement verbs")
_BREAK = re.compile(r",\s+|;\s+|\s+(?=(?:and|but|then|before|after|while)\s)")


def _last_break(words: str, start: int, end: int) -> int:
    """Where the last clause of words[start:end] begins (start if it has one clause)."""
    last = start
    for found in _BREAK.finditer(words, start, end):
        last = found.end()
    return last


# What joins a later happening to the one told before it in a sentence: "…, and", "before
# going on to".
# A verb in a clause: one that starts with it tells no subject ("will be delayed until …"); a
# capitalised one with it tells its own ("Adam Air Flight 574 vanished").
_A_VERB = re.compile(r"\b(?:\w+ed|was|were|is|are|has|have|had|been|will|would|said|says|"
                     + IRREGULAR_PAST + r")\b", re.IGNORECASE)
# What has been so up to the article's day: "thus far … in 2005", "so far this year".
_SO_FAR = re.compile(r"\b(?:so|thus)\s+far\b|\bto\s+date\b|\byear[\s-]to[\s-]date\b", re.IGNORECASE)


def _year_to_date(found: _Found, published: DateSpan) -> _Found:
    """The publication's year up to its day, where the sentence says "so far" of that year."""
    year = found.span
    if year.end is not None or year.open_end or year.start.precision != Precision.YEAR \
            or published.end is not None or published.start.precision != Precision.DAY \
            or year.start.year != published.start.year:
        return found
    return replace(found, span=parse_edtf(f"{year.start.year}-01/{published.edtf()}"))


def _until_published(found: _Found, published: DateSpan) -> _Found:
    """What has been so since a day up to the article's ("has fallen 40% since September"):
    the span from that day to the article's, all the article can tell of."""
    since = found.span
    if not since.open_end or published.end is not None \
            or published.start.precision != Precision.DAY \
            or DateSpan(since.start).latest >= published.earliest:
        return found
    return replace(found, span=parse_edtf(f"{since.start.edtf()}/{published.edtf()}"))


# A time of day with no day of its own, in a sentence of what was done: "At 0800 UTC, the
# banks announced …", "By around 10pm the block was removed".
_CLOCK = re.compile(r"\b(?:at|by|around|about|before|after|until|from)\s+(?:around\s+)?"
                    r"(?:\d{1,2}(?::\d{2})?\s*(?:a\.?m\b\.?|p\.?m\b\.?)|\d{4}\s*(?:UTC|GMT)\b"
                    r"|\d{1,2}:\d{2}\b|noon\b|midnight\b)", re.IGNORECASE)


def _clock_time(words: str) -> re.Match[str] | None:
    clock = _CLOCK.search(words)
    return clock if clock and _PAST.search(words) and not _FUTURE.search(words) else None


# A day told from the one before it: "the next day", "the day before".
_DAY_AFTER = re.compile(r"\b(?:on\s+)?the\s+(?:(next|following|previous)\s+day"
                        r"|day\s+(after|before))\b", re.IGNORECASE)
# What announces a plan: "will cut", "plans to close".
_ANNOUNCES = re.compile(r"\b(?:will|plans?\s+to|is\s+to|are\s+to|is\s+set\s+to)\s+\w+")
# A clause that ends before its date with a word that needs more: "as well as the".
_DATE_INSIDE = re.compile(r"\b(?:the|a|an|its|their|his|her|of|to)$", re.IGNORECASE)
_CONNECTIVE = re.compile(r"^(?:(?:and|but|then|before|after|while|with|also|as\s+well\s+as)\s+)+"
                         r"(?:going\s+on\s+to\s+|went\s+on\s+to\s+)?", re.IGNORECASE)
_NEGATED = re.compile(r"\s+(?:\w+\s+)?(?:not|never|no longer)\b")  # "Orbex was not involved"
# What the words around a name say it is: a town so named is then a party by that name.
_KIND_CUES = frozenset({"person", "organisation", "government", "group"})
# What a news medium is as the one that reports: no party for that.
_REPORTING_ROLES = frozenset({"spokesperson", "addressee", "source", "announcer"})
_TELLING_ROLES = frozenset({"spokesperson", "source"})  # (a blog that launches a campaign acts)
# Where the first sentence of an article is dated but not to a day ("will be held this year"),
# its news may still come in a sentence of the present perfect without a date, among its first
# few: that is dated by the article.
LEAD_REACH = 6
_PRESENT_PERFECT = re.compile(
    r"\s+(?:has|have)\s+(?:(?:not|also|now|just|finally|already|\w+ly)\s+)?(?:been\s+)?"
    r"(?:\w+ed|won|lost|made|taken|begun|given|chosen|sold|bought|paid|left|struck|signed)\b")
# A lowercase word of three letters or more that is not glue: a sentence that says something.
_LEAD_WORDS = re.compile(r"\b(?!(?:and|the|for|with|from|of)\b)[a-z]{3,}\b")


def _told_after(words: str, end: int, subject: str | None, *, told_as_a_noun: bool = False
                ) -> str:
    """What a clause opened by its date tells after it, the sentence's subject for its pronoun
    ("Suez rebuffed …, and in February it rejected a bid": "Suez rejected a bid"); empty when
    it tells nothing after it. `told_as_a_noun`: a happening may be named without a verb
    ("two days after Brazil's 1-0 loss to Peru")."""
    stop = _NEXT_COMMA.search(words, end)
    rest = words[end:stop.start() if stop else len(words)].strip(" .")
    pronoun = _PRONOUN_OPENING.match(rest)
    if pronoun and subject:
        rest = f"{subject} {rest[pronoun.end():]}"
    return rest if len(rest.split()) >= 3 and (told_as_a_noun or _A_VERB.search(rest)) else ""


_PRONOUN_OPENING = re.compile(r"^(?:it|they|he|she)\s+", re.IGNORECASE)


def _is_dateline(words: str, found: list[_Found]) -> bool:
    """Whether a sentence only dates the article ("Saturday, August 29, 2009", "Press
    Statement John Kerry Secretary of State Washington, DC September 21, 2013"): without its
    dates it says nothing (no lowercase word)."""
    gaps: list[str] = []  # (joined once: cutting each date out of the whole was quadratic)
    at = 0
    for date in sorted(found, key=lambda d: d.start):
        gaps.append(words[at:max(at, date.start)])
        at = max(at, date.end)
    gaps.append(words[at:])
    return _LEAD_WORDS.search(" ".join(gaps)) is None


# A dateline's place, then its date, before the story's first words: "CAPE CANAVERAL, Fla. -
# 19 April 2018:"
# (or the date alone, where the place's abbreviation ended a sentence: "Fla." and "- 19 …")
_DATELINE_OPENING = re.compile(r"(?:[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?)?"
                               r"\s*[-–—]+\s*(?P<date>[^:–—]{4,30}?)\s*[:–—-]\s")
_STATEMENT_START = re.compile(
    r"[\"“]?\s*(?:We|I|(?:The\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})"
    r"(?:\s+\w+ly|\s+also)?\s+(\w+)\b")




def _joined(event: ProposedEvent, parties: Sequence[tuple[str, str]]) -> ProposedEvent:
    """The event with these (party id, role) pairs too, for parties it does not have yet; a
    party it has as only mentioned takes the role it is given."""
    roles = dict(event.parties)
    given: dict[str, str] = {}
    for pid, role in parties:  # the first role of each, unless only mentioned
        if given.get(pid, "mentioned") == "mentioned":
            given[pid] = role
    kept = tuple((pid, given[pid] if role == "mentioned" and pid in given else role)
                 for pid, role in event.parties)
    more = tuple((pid, role) for pid, role in given.items() if pid not in roles)
    return replace(event, parties=kept + more) if more or kept != event.parties else event


_APPOSITIVE = re.compile(r",\s+(?:(?:first|originally|previously|already|once)\s+)?"
                         r"(?:\w+ed|begun|built|held|made|written|won|set|born|taken|given"
                         r"|struck|sold|bought)\b[^,;:()\"“”]*$")  # ", first signed in …"
_NEXT_COMMA = re.compile(r"[,;:]|$")


def _news_of_the_day(words: str, found: list[_Found]) -> bool:
    """Whether a sentence with dates tells news of the article's own day: a verb of the present
    perfect in its main clause, and each date in a relative clause or an aside ("Huawei, which
    has been under sanctions since 2019, has renewed …") or naming a thing ("President Uhuru
    Kenyatta has received the 2021 Kenya Certificate of Secondary Education results")."""
    asides: list[tuple[int, int]] = []
    for date in found:
        if _YEAR_IN_A_NAME.match(words, date.date_start):
            asides.append((date.start, date.end))  # "has received the 2021 KCSE results"
            continue
        before = words[max(0, date.date_start - ASIDE_REACH):date.date_start]
        opening = _IN_RELATIVE_CLAUSE.search(before) or _APPOSITIVE.search(before)
        if opening is None:
            return False
        start = date.date_start - len(before) + opening.start()
        closing = _NEXT_COMMA.search(words, date.end)
        asides.append((start, closing.end() if closing else len(words)))
    return any(not any(a <= verb.start() < b for a, b in asides)
               for verb in _PRESENT_PERFECT.finditer(words))


def _acts_of_late(words: str, offset: int, mentions: list[tuple[int, int, str]]) -> bool:
    """Whether a party in the sentence has just done something: a verb of the present perfect
    right after its name ("Mayor Gustavo Petro has decided")."""
    return any(_PRESENT_PERFECT.match(words, end - offset) for _start, end, _key in mentions)


def _makes_a_statement(words: str) -> bool:
    """Whether a sentence makes the statement it says, by a verb of the present tense after
    its subject: "We welcome …", "The United States strongly condemns …", "The United States
    joins leaders from around the world in condemning …"."""
    start = _STATEMENT_START.match(words)
    if start is None:
        return False
    if start.group(1) in ("join", "joins"):
        joining = _JOINS_IN.match(words, start.end())
        return joining is not None and joining.group(1) in _STATEMENT_VERBS
    return start.group(1) in _STATEMENT_VERBS


def _reaction_to(words: str, found: list[_Found]) -> re.Match[str] | None:
    """A reaction to a happening the sentence's dates belong to: "The members of the Security
    Council condemned the terrorist attack at a night market in Davao on 2 September" (the
    attack's day; the statement is the article's news)."""
    reaction = _REACTION.search(words) if found else None
    if reaction is not None and all(
            f.start > reaction.end() and not _CLAUSE_GAP.search(words, reaction.end(), f.start)
            and _WRITTEN_DAY.search(words, f.date_start, f.end) is not None
            and f.span.start.precision == Precision.DAY
            for f in found):
        return reaction  # (a day written out; "condemned the attack on Monday" is not so sure)
    return None


_REACTION = re.compile(
    r"\b(?:condemned|denounced|deplored|welcomed|congratulated|commended|applauded|mourned"
    r"|praised)\s+(?P<what>(?:the\s+|an?\s+|this\s+)?(?:[\w-]+\s+){0,3}?(?:attacks?|bombings?"
    r"|killings?|assassination|shooting|explosion|blasts?|massacre|elections?|vote|referendum"
    r"|release|signing|agreement|ceasefire|launch|decision|verdict|ruling))\b")
_DANGLING_END = re.compile(r"(?:\s+(?:on|in|at|of|from|since|by|during))+$")
_WRITTEN_DAY = re.compile(r"\d")  # "on 29 June", "on June 29, 2015" (not "on Monday")
_CLAUSE_GAP = re.compile(r"[;:]|,\s+(?:and|but|while|which|who)\b")


_JOINS_IN = re.compile(r"[^.;:]{0,80}?\bin\s+(\w+?)ing\b")  # "… in condemning": "condemn"


_RECENT_DAYS = 7  # how far before the article's day the day of its news may be


def _told_again(text: str, sentences: list[_Sentence], lead: int, news: ProposedEvent,
                first: ProposedEvent) -> bool:
    """Whether the first dated event, in one of the two sentences after the lead's, tells
    the lead's news again with its day: the lead says it has happened (a present perfect)
    and the day is one of the week before the article's."""
    following = sentences[lead + 1:lead + 3]
    if not first.date_phrase or not following \
            or not following[0].start <= first.quote[0] <= following[-1].end:
        return False
    if not _PERFECT.search(text, sentences[lead].start, sentences[lead].end):
        return False
    day, published = first.when, news.when
    if day.end is not None or day.start.precision != Precision.DAY or published.end is not None \
            or published.start.precision != Precision.DAY:
        return False
    return 0 <= (published.earliest - day.earliest) // 86_400 <= _RECENT_DAYS


def _told_twice(events: list[ProposedEvent]) -> list[ProposedEvent]:
    """One event for a happening told again on its day by the parties it had ("Huawei
    announced Friday it had renewed a licensing agreement with Ericsson … Huawei and Ericsson
    have signed a global agreement, the company said Friday"): the later sentence's parties
    join the first's of that day; two who act are needed (one alone may do two things in a
    day). Linear: only the day's first event is asked."""
    kept: list[ProposedEvent] = []
    first_of_day: dict[DateSpan, int] = {}
    for event in events:
        day = event.when
        if day.end is not None or day.start.precision != Precision.DAY:
            kept.append(event)
            continue
        acting = {pid for pid, role in event.parties if role != "mentioned"}
        same = first_of_day.get(day)
        if same is not None and len(acting) >= 2 \
                and acting <= {pid for pid, _role in kept[same].parties}:
            kept[same] = _joined(kept[same], event.parties)
            if not kept[same].date_phrase and event.date_phrase:
                # (the news dated by the article, then told with its day: the sentence that
                # gives the day is its source)
                kept[same] = replace(kept[same], quote=event.quote,
                                     date_phrase=event.date_phrase)
            continue
        first_of_day.setdefault(day, len(kept))
        kept.append(event)
    return [replace(e, id=f"e{n}") for n, e in enumerate(kept, start=1)]


def _lead_event(text: str, sentence: _Sentence, tokens: list[_Token], when: DateSpan,
                mentions: list[tuple[int, int, str]], kinds: dict[str, str],
                ids: dict[str, str]) -> ProposedEvent:
    """The article's news, whose sentence gives no date: dated by its dateline or its
    publication date (issue 16: the lead event is always proposed)."""
    words = text[sentence.start:sentence.end]
    roles = _roles(text, tokens, mentions, kinds)
    names = [(s - sentence.start, e - sentence.start) for s, e, _k in mentions]
    title = _title(words, (0, 0), names, None)
    return ProposedEvent(id="e1", title=title or words[:TITLE_LIMIT], when=when,
                         quote=(sentence.start, sentence.end), date_phrase="",
                         parties=tuple((ids[key], role) for key, role in roles.items()))


def _around(words: str, start: int, end: int) -> tuple[int, int]:
    """The part of a long sentence around words[start:end], about LONG_SENTENCE long, cut at
    spaces."""
    half = max(0, LONG_SENTENCE - (end - start)) // 2
    low, high = max(0, start - half), min(len(words), end + half)
    if low:
        space = words.find(" ", low, start)
        low = space + 1 if space >= 0 else low
    if high < len(words):
        space = words.rfind(" ", end, high)
        high = space if space >= 0 else high
    return low, high


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# A sentence that goes back to the time told before it: "Back then, Huawei was …".
_BACK_THEN = re.compile(r"(?:back then|at the time|at that time|by then|then|that (?:year|month"
                        r"|week|day))\b", re.IGNORECASE)
# Who speaks, named before a colon at the head of a paragraph, as comments and tweets are
# quoted in a round-up ("Ed Dalisay: China has a bigger problem at home.", "@OmarMash: …").
_SPEAKER_LABEL = re.compile(r"(?:@\S{1,30}|[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){1,4})"
                            r"(?:[ \t]+\[\w\w\])?:[ \t]")


def speaker_label(text: str, start: int) -> re.Match[str] | None:
    """The speaker's label that opens the paragraph starting at `start`, if it has one."""
    before = text[max(0, start - 12):start]
    if start and before[len(before.rstrip()):].count("\n") < 2:
        return None  # (the words just before, not the whole text back: a line's start)
    return _SPEAKER_LABEL.match(text, start)


def _captions(text: str, sentences: list[_Sentence]) -> set[int]:
    """The sentences of a photo's caption, which tell of the picture, not the news: a paragraph
    with a photo's credit ("Protest against Internet censorship. Istanbul, May 2011. Photo by
    Erdem Civelek via Wikimedia Commons (CC BY 2.0)")."""
    captions: set[int] = set()
    for paragraph in _paragraphs(text, sentences):  # (each searched once: not per sentence)
        if paragraph and _CAPTION_CREDIT.search(text, sentences[paragraph[0]].start,
                                                sentences[paragraph[-1]].end):
            captions.update(paragraph)
    return captions


def _paragraphs(text: str, sentences: list[_Sentence]) -> list[list[int]]:
    """The numbers of the sentences of each paragraph, in order."""
    paragraphs: list[list[int]] = [[]]
    for number, sentence in enumerate(sentences):
        if paragraphs[-1] and _PARAGRAPH_BREAK.search(text, sentences[number - 1].end,
                                                     sentence.start):
            paragraphs.append([])
        paragraphs[-1].append(number)
    return paragraphs


def _quoted(text: str, sentences: list[_Sentence], tokens: list[list[_Token]]) -> set[int]:
    """The sentences of quotations set apart: the paragraphs after one that ends with a colon
    ("Mayor Petro … explained his decision on three points:"). The quotation is the next
    paragraph, or, where it is in another language, those paragraphs and as many after them
    in English (their translation)."""
    paragraphs = _paragraphs(text, sentences)
    quoted = {n for paragraph in paragraphs for n in paragraph
              if speaker_label(text, sentences[paragraph[0]].start) is not None}
    index = 0
    while index < len(paragraphs) - 1:
        last = sentences[paragraphs[index][-1]]
        index += 1
        if not _INTRODUCES_QUOTE.search(text, last.start, last.end):
            continue
        foreign = 0
        while index + foreign < len(paragraphs) and any(
                _not_english(tokens[n]) for n in paragraphs[index + foreign]):
            foreign += 1
        for paragraph in paragraphs[index:index + max(1, 2 * foreign)]:
            quoted.update(paragraph)
        index += max(1, 2 * foreign)
    return quoted


_CAPTION_CREDIT = re.compile(r"\b(?:Photo(?:graph)?s?|Image|Picture)\s+(?:by|courtesy|credit)\b"
                             r"|\(CC BY[\w. -]*\)")
# What someone who only writes of the news does right after their name.
_COMMENTS_AFTER = re.compile(r"(?:\s*\([^()]{1,40}\))?\s+(?:tweeted|blogged|posted|wrote|"
                             r"commented|explained|described|observed|recounted|opined|"
                             r"argued|reflected)\b")
_STATEMENT_BY = re.compile(r"\bstatement\b")  # its author's ("issued the following statement")
OPENING_REACH = 40  # characters before a name that still opens its sentence
COMMENTER_REACH = 80  # characters into a sentence that introduces a quotation: who says it
# A sentence that introduces a quotation: it ends with a colon (or a colon and a quote mark),
# not one after a quotation it gave already ('The caption read: "… corrupt!":').
_INTRODUCES_QUOTE = re.compile(r"(?<![\"”]):\s*[\"“]?\s*$")


def _only_comments(entity: _Entity, acting: dict[str, set[str]], text: str,
                   commenting: Sequence[tuple[int, int]], sentences: Sequence[_Sentence],
                   sentence_starts: Sequence[int]) -> bool:
    """Whether a new name only comments on the news: who is named only where they introduce a
    quotation, doing nothing the lexicon knows there but say it ("Online activist Anita Hunt
    described what happened on the morning of May 3:"; not "… an interview with boxer Vitali
    Klitschko, who opposes the boycott:", told of far into the sentence, nor a statement's
    author); a person who only writes of it ("Kim Hyo-jin (@hyojinlovelove) tweeted from a
    scene of protest"); a blog or its blogger, which only tells of it ("Pancholon reported on
    his blog"; a blog that launches a campaign acts)."""
    if entity.match is not None:
        return False
    roles = acting.get(entity.key, set())
    if roles <= _REPORTING_ROLES and not entity.cues.get("signs"):
        openings = [(start, min(end, start + COMMENTER_REACH)) for start, end in commenting
                    if not _STATEMENT_BY.search(text, start, end)]
        if _only_commenting(entity.mentions, openings):
            return True
        if entity.kind == "person" and all(
                _COMMENTS_AFTER.match(text, end)
                and _opens(text, start, _sentence_around(start, sentence_starts, sentences))
                for start, end in entity.mentions):
            return True
    return roles <= _TELLING_ROLES and not entity.key.startswith(GAZETTEER) and all(
        _near_a_blog(text, start, end, _sentence_around(start, sentence_starts, sentences))
        for start, end in entity.mentions)


def _sentence_around(start: int, sentence_starts: Sequence[int],
                     sentences: Sequence[_Sentence]) -> tuple[int, int]:
    """The span of the sentence a mention starting at `start` is in."""
    sentence = sentences[bisect_right(sentence_starts, start) - 1]
    return sentence.start, sentence.end


_BLOG = re.compile(r"\bblog(?:s|ger|gers|ged|ging)?\b")  # (not "the Kenyan Blog Webring")
BLOG_REACH = 40  # characters between a name and the blog it writes or is


def _near_a_blog(text: str, start: int, end: int, sentence: tuple[int, int]) -> bool:
    """Whether a blog is named right around a mention, in its sentence ("Pancholon reported
    on his blog", "The blog Religiões Afro Brasileiras", "Latin American Social Scientists
    blog"; not "The collective blog Nawaat, and IFEX-TMG (the Tunisia Monitoring Group …)")."""
    return _BLOG.search(text, max(sentence[0], start - BLOG_REACH // 2),
                        min(sentence[1], end + BLOG_REACH)) is not None


def _opens(text: str, start: int, sentence: tuple[int, int]) -> bool:
    """Whether a mention opens its sentence, after a few words of who it is ("Yemeni blogger
    Afrah Nasser wrote …"; not "…, Bob Smith wrote on Sina Weibo": the source of a report)."""
    return start - sentence[0] <= OPENING_REACH and "," not in text[sentence[0]:start]


def _all_within(mentions: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int]],
                starts: Sequence[int]) -> bool:
    """Whether every mention starts in one of the spans (in order, apart; `starts` their
    starts, made once for all the entities), by bisection."""
    for m_start, _m_end in mentions:
        index = bisect_right(starts, m_start) - 1
        if index < 0 or m_start >= spans[index][1]:
            return False
    return True


_AS_OF = re.compile(r"\bas\s+(?:of|at)\s", re.IGNORECASE)
_A_COUNT_AFTER = re.compile(r"[^.;]{0,30}?\d")
_SAYS = re.compile(r"\b(?:said|says|say|told|tells|reported|reports|announced|announces)\b")
# A figure compared with, before its date: "down from Sh12 (a week earlier)", "a decline from
# Sh216 million (in 2017)", "from 6% (in October)".
_BASELINE_BEFORE = re.compile(
    r"\b(?:from|compared\s+(?:with|to)|against|versus|vs\.?)\s+(?:an?\s+|the\s+)?"
    r"(?:about\s+|around\s+|nearly\s+|almost\s+|some\s+|just\s+)?"
    r"(?!(?:1[5-9]|20)\d\d\s)"  # (not a year: "its list of top 10 species from 2012 today")
    r"(?:[$€£¥]|[A-Z]{1,3}\$|Sh|Ksh|Rs\.?|N|R|RM|P)?\s?\d[\d.,]*\s?(?:%|percent|per\s+cent)?"
    r"(?:\s+(?:million|billion|trillion|bn|m|points?|tonnes|barrels|units|cents|yuan|euros"
    r"|dollars|pounds|rupees|shillings|naira|rand|yen))*\s+$", re.IGNORECASE)
# What has not happened: "have yet to issue statements", "had not commented by Wednesday".
_NOT_DONE = re.compile(r"\b(?:(?:has|have|had)\s+yet\s+to|(?:has|have|had)\s+not\s+(?:yet\s+)?"
                       r"\w+ed|(?:has|have|had)\s+not\s+been)\b")
_OPENS_WITH_THE_DATE = re.compile(r"\s*(?:(?:As(?:\s+(?:of|at))?|By|Until)\s*)?", re.IGNORECASE)
_ON_A_DAY = re.compile(r"on\s|(?:today|yesterday)\b", re.IGNORECASE)
# Someone setting a figure, not a figure changing: "the bank cut its key rate", "raised
# interest rates", "lowered the repo rate".
_SETS_A_FIGURE = re.compile(r"\b(?:cut|raised|lowered|hiked|reduced|increased|trimmed|slashed)\s+"
                            r"(?:its|their|the|interest|benchmark|key|policy)\b")
_WHO_ASIDE = re.compile(r"\b[A-Z][\w.'’-]*,\s+who\s+(?P<body>(?:is|was|are|were|has\s+been"
                        r"|had\s+been)\s[^,;()\n]{3,150}),\s")  # (not "who sat with …")
_COMMENTATOR = (r"\b(?:(?:senior|chief|political|market|equity|energy|oil|industry|independent"
                r"|leading|financial|credit|investment)\s+){0,2}"
                r"(?:analyst|economist|strategist|commentator|pollster|protester|demonstrator"
                r"|passer-by|passerby|bystander|shopkeeper|commuter|onlooker)s?")
_ANALYST = re.compile(
    # "BTG Pactual analyst Leonardo Correa", "economist Nouriel Roubini"
    r"(?:\b[A-Z][\w&.'’-]*\s+){0,3}" + _COMMENTATOR + r"\s+(?:[A-Z][\w.'’-]+\s+){0,3}[A-Z][\w.'’-]+"
    # "Leonardo Correa, analyst at BTG Pactual", "Ivan Ivanov, an oil analyst with Uralsib"
    r"|\b[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3},\s+(?:an?\s+|the\s+)?" + _COMMENTATOR
    + r"(?:\s+(?:at|with|of|for|from)\s+(?:the\s+)?[A-Z][\w&.'’-]*"
    r"(?:\s+(?:of\s+|for\s+|&\s+)?[A-Z][\w&.'’-]*){0,5})?")


def _only_commenting(mentions: Sequence[tuple[int, int]],
                     commenting: Sequence[tuple[int, int]]) -> bool:
    """Whether every mention lies in a sentence that introduces a quotation."""
    return all(any(start <= m_start < end for start, end in commenting)
               for m_start, _m_end in mentions) if commenting else False


# A sentence that supposes: "If Patrick Rafter ousts Pete Sampras on Sunday, …": no happening
# in its clause, and no one acts in it.
_SUPPOSES = re.compile(r"\s*(?:If|Unless|Should\s+(?:the|a|an|[A-Z]\w+)\s)\b")




def _opens_with(words: str, offset: int, mentions: list[tuple[int, int, str]],
                key: str) -> bool:
    """Whether the sentence opens with the party, after any leading adverbial clause and an
    article ("Russia started …", "In May, the Kremlin said …"; not "Her funeral … at
    Westminster Abbey")."""
    adverbial = _LEADING_ADVERBIAL.match(words)
    at = offset + (adverbial.end() if adverbial else 0)
    return any(k == key and at <= start <= at + 4 for start, _end, k in mentions)


def _subject(words: str, offset: int, mentions: list[tuple[int, int, str]]) -> str | None:
    """The party a sentence is about: its first mention after any leading adverbial clause."""
    adverbial = _LEADING_ADVERBIAL.match(words)
    skip = offset + (adverbial.end() if adverbial else 0)
    return next((key for start, _end, key in mentions if start >= skip), None)
