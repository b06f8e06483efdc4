"""Each party's role in a sentence, by its place around the lexicon's verbs."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import pairwise

from models.articles.contexts import _AGE_ASIDE, _ASIDE_AFTER, _MODEL_AFTER, _SITE_LAST
from models.articles.lexicon import _LEXICON
from models.articles.parties import GAZETTEER
from models.articles.sentences import _Token
from models.articles.words import (
    _GOVERNMENT_WORDS,
    _HARD_BREAK,
    _MONTHS,
    _ORG_WORDS,
    _PAID_NO_MONEY,
    _PREPOSITIONS,
    _ROLE_NOUNS,
    _TITLE_WORDS,
    _WEEKDAYS,
)

# Verbs of the lexicon whose noun says nothing of what parties do ("the name Tranquility",
# "buy its rival Rite Aid").
_NOUNS_TOO = frozenset("name names back file files fire free rival rivals".split())
_DETERMINERS = frozenset("the a an its his her their our this that".split())
_PARTICIPLES = frozenset("sold bought won beaten struck hit paid built chosen told freed "
                         "fined met sworn".split())  # of the lexicon's verbs, not in -ed
# Words before a noun of the lexicon's, never before its verb: "press releases", "three visits"
# ("thousands protested", "many said": a verb after a crowd)
_COUNTING = frozenset("press two three four five six seven eight nine ten dozen".split())
_RULED = frozenset("party parties coalition junta elite class family government".split())
_BE = frozenset("is are was were been being be".split())
# What joins the names of a list: "Apple, Samsung and Xiaomi". (Written as
# "(?:\s*(?:,|and|…)\s*)+", the spaces between two commas could go to either, which took time
# exponential in the number of commas when the rest did not match.)
_LIST_GAP = re.compile(r"\s*(?:(?:,|and|or|&|as well as)\s*)+(?:the\s+)?")


_PAY = frozenset("pay pays paid".split())
_ADDED = frozenset("add adds added".split())  # says only before what is said:
_SAYS_AFTER = re.compile(r"\s*(?:[,:.;\"“”'\u2018’]|$|\s(?:that|in\s+a\b|on\s+(?:Twitter|X)\b))")
_ADDING = ("adding party", "added")
_FIRE = frozenset("fire fires fired firing".split())  # dismisses, unless it shoots:
_SHOTS = frozenset("on at upon rockets missiles shells shots mortars bullets rounds "
                   "artillery tear teargas".split())
# An aside whose closing comma is missing before a verb of saying: "Buzz Hargrove, the
# president of Canadian Auto Workers said …"
_OPEN_ASIDE = re.compile(r",\s+(?:the|a|an|its|their)\s[^,.;:()\"“”]{1,60}?"
                         r"(?=\s+(?:said|says|told|added)\b)")
_TO_REACH = 5  # tokens from a verb to the "to" of the verb it governs, at most
_WHEN_WORDS = frozenset("on in last this next week month year also then now".split())
_TELLING = frozenset("tell tells told".split())  # "told Congress": who is told, not who tells
_BY = re.compile(r"\bby\s")
# The other side of a sale, after "to" or "from": "sold Zenith to Orbex" (a buyer), "bought
# the mine from US miner Newmont" (a seller).
_OTHER_SIDE = {"seller": (re.compile(r"\bto\s+(?:the\s+)?$"), "buyer"),
               "buyer": (re.compile(r"\bfrom\s+(?:the\s+)?(?:[\w.-]+\s+){0,3}$"), "seller")}


def _other_side(subject: str, between: str) -> str | None:
    side = _OTHER_SIDE.get(subject)
    return side[1] if side is not None and side[0].search(between[-80:]) else None


_COUNT_AFTER = re.compile(r"\s+(?:\d|an?\s|two\s|three\s|four\s|five\s|six\s|ten\s)")
# Between a verb of saying and its speaker, the speaker's title: '"…," said acting NASA
# Administrator Steve Jurczyk'.
_TITLED = re.compile(r"\s+(?:(?:acting|former|deputy|then|chief|the)\s+|[A-Z][\w.'’-]*\s+){0,5}")
_OWNER_GAP = re.compile(r"['’]s?\s+")
_AGENT_WORDS = _ROLE_NOUNS | _ORG_WORDS | _GOVERNMENT_WORDS | _TITLE_WORDS
_DESCRIBED = re.compile(r"(?:[a-z][\w-]*\s+){0,4}")  # "the US's largest car maker GM"
_BY_ITS_OWNER = frozenset("of on against with to for in over".split())
_THAT = re.compile(r"\bthat\b")
_SOFT_BREAK = re.compile(r"[,:–—]|\s-\s")


@dataclass(frozen=True, slots=True)
class _Trigger:
    index: int  # token index in the sentence
    subject: str
    obj: str
    passive: bool
    speech: bool


def _roles(text: str, tokens: list[_Token], mentions: list[tuple[int, int, str]],
           kinds: dict[str, str]) -> dict[str, str]:
    """Each mentioned party's role in the sentence, by its place around the lexicon's verbs."""
    triggers: list[_Trigger] = []
    for index, token in enumerate(tokens):
        entry = _LEXICON.get(token.text.lower())
        if entry is None or (token.text[0].isupper() and not token.initial):
            continue
        if token.text.lower() in _NOUNS_TOO and index and \
                tokens[index - 1].text.lower() in _DETERMINERS:
            continue  # "going by the name", "on the back of": a noun, no verb of the lexicon
        if token.text.lower() in ("defeat", "victory") and index and \
                tokens[index - 1].text.lower().startswith("conced"):
            continue  # "conceded defeat to Sebastian Pinera": the conceding says who won
        if token.text.lower() == "won" and index and (
                tokens[index - 1].text[:1].isdigit()
                or tokens[index - 1].text.lower() in ("million", "billion", "trillion")):
            continue  # "fined Lotte Card 21.4 billion won": Korea's money
        if token.text.lower().startswith("impos") and any(
                t.text.lower() in _LEXICON for t in tokens[index + 1:index + 3]):
            continue  # "imposed sanctions on", "imposes a ban on": the noun says what
        if token.text.lower().startswith("pick") and index + 1 < len(tokens) \
                and tokens[index + 1].text.lower() == "up":
            continue  # "picked up 4-20", "picked up the award": no one named to a post
        if token.text.lower() in _PAY and index + 1 < len(tokens) and (
                tokens[index + 1].text.lower() in _PAID_NO_MONEY):
            continue  # "paid tribute to a dear friend": no payment
        if token.text.lower() == "ruling" and index + 1 < len(tokens) and (
                tokens[index + 1].text.lower() in _RULED or tokens[index + 1].capitalised):
            continue  # "the ruling party", "the ruling Acme Party": who rules, no court's ruling
        if index and (tokens[index - 1].text.lower() in _COUNTING
                      or (tokens[index - 1].text.isdigit() and len(tokens[index - 1].text) < 4)
                      or (
                tokens[index - 1].text.lower() == "of" and not token.text.endswith("ing"))):
            continue  # "press releases", "a snapshot of challenges", "three visits": a noun
        previous = [t.text.lower() for t in tokens[max(0, index - 2):index]]
        agent_next = index + 1 < len(tokens) and tokens[index + 1].text == "by"
        next_token = tokens[index + 1] if index + 1 < len(tokens) else None
        set_off = index > 0 and tokens[index - 1].capitalised and text[
            tokens[index - 1].end:token.start].strip() == "," and entry[0] != "spokesperson" \
            and not (next_token is not None and next_token.capitalised
                     and next_token.text.lower() not in _MONTHS)
        # ("Pedro Castorena, arrested June 17 …, was indicted"; not "Zentrix, told Globex")
        participle = token.text.lower().endswith("ed") or token.text.lower() in _PARTICIPLES
        passive = ((any(w in _BE for w in previous) or agent_next or set_off) and participle) \
            or (agent_next and token.text.lower().endswith(("ion", "ment")))
        # ("facing prosecution by the EFCC": a noun with its agent is passive too)
        # ("a ceasefire brokered by Egypt": a participle with its agent is passive too)
        if token.text.lower() in _ADDED and not _SAYS_AFTER.match(text, token.end):
            entry = _ADDING  # "added Syria's minister to the list": no saying
        if token.text.lower() in _FIRE and any(
                t.text.lower() in _SHOTS for t in tokens[index + 1:index + 3]):
            entry = _LEXICON["attacked"]  # "fired missiles at", "fired on protesters"
        if entry[0] == "spokesperson" and previous[-1:] and previous[-1] in _BE:
            continue  # "is said to be planning": reported, nobody says
        speech = entry[0] == "spokesperson"
        triggers.append(_Trigger(index, entry[0], entry[1], passive, speech))
    roles: dict[str, str] = {}
    done_by_the_subject = {t.index for t in triggers if t.index > 0 and not t.passive
                           and tokens[t.index].text.lower().endswith("ing")
                           and text[tokens[t.index - 1].end:tokens[t.index].start].strip() == ","}
    sentence_start = tokens[0].start if tokens else 0
    said_by_the_subject = {t.index for t in triggers if (
        t.speech or t.subject == "announcer") and _SUBJECT_AGAIN.search(
        text, max(0, tokens[t.index].start - 50), tokens[t.index].start)}
    last_object: tuple[int, str] | None = None
    used: set[int] = set()  # triggers whose object is taken: the first party after a verb
    # The words and verbs around a mention are found by bisection, not by a walk from the
    # start of the sentence for each mention (quadratic in a sentence of many names).
    ends = [t.end for t in tokens]
    firsts = [t.start for t in tokens]
    places = [t.index for t in triggers]
    starts = {start: key for start, _end, key in mentions}
    ordered_starts = sorted(starts)
    verbs = [tokens[t.index].start for t in triggers]  # in order
    aside_until = -1  # the end of an aside after a name ("Shou Chew, the chief of TikTok,")
    speaker_before: tuple[int, int] | None = None  # a person and "of"/"from" after them
    for start, end, key in mentions:
        index = bisect_right(ends, start)  # its first word
        index = index if index < len(tokens) else len(tokens) - 1
        last = max(index, bisect_left(firsts, end) - 1)  # its last word (of "U. S." too)
        role = "mentioned"
        inside_aside = start < aside_until  # (what follows the aside is not its names' doing)
        aside = _ASIDE_AFTER.match(text, end) or _OPEN_ASIDE.match(text, end) \
            or _AGE_ASIDE.match(text, end)
        if aside is not None:
            aside_until = aside.end()
            last = max(last, bisect_left(firsts, aside.end()) - 1)  # what it does comes after
        owner = _OWNER_GAP.match(text, end)
        if text.startswith(")", end) or (owner and _owns_no_agent(
                text, owner.end(), starts, kinds, verbs)):
            # "(Finland)" aside; the owner of what acts is no party to the verb
            last_object = None
            if key not in roles:
                roles[key] = role
            continue
        # (a country acts by a verb right after it, "Russia attacked", and is done to by one
        # right before it, "sanctioned Russia"; a verb further off is mostly another's:
        # "Afghanistan is not one of the nations covered by … travel ban")
        country = key.startswith(GAZETTEER) or key.rsplit(maxsplit=1)[-1] in _SITE_LAST
        # (and so does a site: "in front of Buckingham Palace, and … Edna Kiplagat won")
        before = [t for t in triggers[bisect_left(places, index - (3 if country else 6)):
                                      bisect_left(places, index)]
                  if not _broken(text, tokens[t.index].end, start, soft=False)]
        told_from = aside.end() if aside is not None else end  # (what it does: after it)
        reach = last
        while country and reach + 1 < len(tokens) and (
                tokens[reach + 1].text.lower() in _WHEN_WORDS
                or tokens[reach + 1].text.lower() in _WEEKDAYS):
            reach += 1  # ("Australia on Wednesday vowed to impose sanctions": its verb)
        after = [t for t in triggers[bisect_right(places, last):
                                     bisect_right(places, reach + (4 if country else 12))]
                 if not _broken(text, told_from, tokens[t.index].start, soft=True)
                 and not (t.index and tokens[t.index - 1].text.lower() in _DETERMINERS
                          and "," in text[told_from:tokens[t.index].start])]
        # ("… lifted on Pakistan International Airlines, the sanctions on Indonesian airlines
        # remained": a noun in another clause says nothing of the name before it)
        if before and before[-1].speech and before[-1].index not in used and _reported(
                text, tokens, before[-1].index, index, start):
            before = []  # "the commission said that the Rally won": what the Rally does
        if last_object is not None and _LIST_GAP.fullmatch(text, last_object[0], start):
            role = last_object[1]  # a list after the verb: "with Apple, Samsung and Xiaomi"
        elif before and before[-1].index not in used:
            trigger = before[-1]
            used.add(trigger.index)
            between = text[tokens[trigger.index].end:start]
            by = _BY.search(between) is not None
            if trigger.speech and tokens[trigger.index].text.lower() not in _TELLING and (
                    index - trigger.index <= 2 or _TITLED.fullmatch(
                    text, tokens[trigger.index].end, start)) and not _THAT.search(
                                                                              between):
                role = trigger.subject  # '"…," said Alan Fan'
            elif trigger.passive and by:
                role = trigger.subject
            elif (other := _other_side(trigger.subject, between)) is not None or (
                    trigger.subject == "seller" and _COUNT_AFTER.match(text, end)):
                # "sold its stake to KKR", "bought it from Newmont", "sold Air Canada 20
                # planes" (but "sold Zenith", "bought Zenith": what is sold)
                role = other or "buyer"
            else:
                role = trigger.obj
        elif before and (other := _other_side(
                before[-1].subject, text[tokens[before[-1].index].end:start])) is not None:
            role = other  # "sold Zenith to Orbex", "bought the mine from Newmont"
        elif after and not before and not inside_aside:
            trigger = after[0]
            for later in after[1:]:  # "agreed to buy": the second verb says what it does
                # (a date or two words may come between: "agreed on Monday to acquire")
                if later.index <= trigger.index + _TO_REACH \
                        and tokens[later.index - 1].text == "to" and all(
                            t.capitalised or t.text[:1].isdigit() or t.text in _WHEN_WORDS
                            for t in tokens[trigger.index + 1:later.index - 1]):
                    trigger = later  # (not "won a contract to supply": the contract's)
            owned = _OWNER_GAP.fullmatch(text, end, tokens[trigger.index].start) and not (
                trigger.index + 1 < len(tokens)
                and tokens[trigger.index + 1].text.lower() in _BY_ITS_OWNER)
            # "Tymoshenko's arrest", "Huawei's ban": what is done to its owner; but "Russia's
            # attack on Ukraine", "Acme's purchase of Zenith": what its owner does
            role = trigger.obj if trigger.passive or owned else trigger.subject
            if trigger.index in done_by_the_subject and (
                    start != mentions[0][0] or text[sentence_start:start].strip()):
                # "An earthquake shook New Zealand on Monday, killing two people": what the
                # clause's "-ing" does is its sentence subject's, not the name nearest it
                role = "mentioned"
            elif trigger.index in said_by_the_subject:
                # "Fortum will raise its stake in Uniper, it said": the sentence's subject
                # speaks, not the name nearest the verb
                role = role if start == mentions[0][0] else "mentioned"
            elif trigger.speech and not owned:
                following = bisect_right(ordered_starts, start)
                nearer = ordered_starts[following] if following < len(ordered_starts) else None
                if nearer is not None and nearer < tokens[trigger.index].start \
                        and starts[nearer] != key \
                        and not (aside is not None and nearer < aside.end()) \
                        and not _LIST_GAP.fullmatch(text, end, nearer) \
                        and not _OWNER_GAP.fullmatch(text, end, nearer) \
                        and not (kinds.get(key) == "person"
                                 and _OF_BODY.fullmatch(text, end, nearer)):
                    # "Teams from the Netherlands were on their way, the European Commission
                    # said": who speaks is the one just before the verb ("China's Ministry",
                    # "Bob Smith of Acme University" speak as one)
                    role = "mentioned"
                elif speaker_before is not None and speaker_before[1] == start:
                    role = "mentioned"  # "Bob Smith of Acme University said": Bob Smith
        speaker_before = (start, end) if kinds.get(key) == "person" else None
        if speaker_before is not None:
            of_body = _OF_BODY.match(text, end)
            speaker_before = (start, of_body.end()) if of_body else None
        if _WINNER_AFTER.match(text, end):
            role = "winner"  # "declared John Mahama the winner", "named Acme as the winner"
        elif role == "mentioned" and _MODEL_AFTER.match(text, end):
            role = "maker"  # "ordered 39 Boeing 787 jets": who makes them takes part
        elif role == "struck" and country:
            role = "mentioned"  # "a quake hit Pakistan": where, not a state that acts
        if role == "sanctioning party" and kinds.get(key) == "government":
            role = "sanctioning government"
        last_object = (end, role) if role != "mentioned" else None
        if roles.get(key, "mentioned") == "mentioned":
            roles[key] = role
    _speak_for_their_bodies(text, mentions, kinds, roles)
    _share_the_list_s_role(text, mentions, roles)
    return roles


# Between two names of a list, an acronym in brackets after the first maybe: "the European
# Central Bank (ECB), the United States Federal Reserve".
_IN_A_LIST = re.compile(r"(?:\s*\([^()]{1,12}\))?" + _LIST_GAP.pattern)


def _share_the_list_s_role(text: str, mentions: list[tuple[int, int, str]],
                           roles: dict[str, str]) -> None:
    """A list of names before what they do, too long for the verb to reach its first: each
    takes the role of the one after it ("The Bank of Canada, the Bank of England, …, and the
    Swiss National Bank jointly announced": all announce)."""
    listed = [m for m in mentions  # (not one in brackets: "Acme (Finland) and Zenith merged")
              if not (text[m[0] - 1:m[0]] == "(" and text.startswith(")", m[1]))]
    for (_start, end, key), (following, _end, next_key) in reversed(list(pairwise(listed))):
        if roles.get(key) == "mentioned" and roles.get(next_key, "mentioned") != "mentioned" \
                and key != next_key and _IN_A_LIST.fullmatch(text, end, following):
            roles[key] = roles[next_key]


# Between a body and the person who speaks or acts for it: "Airbus spokesman", "Russian
# Defense Ministry spokesman", "Boeing chief executive", "New People Party's".
_STAFF = re.compile(r"(?:\s+[\w-]+){1,4}\s+|['’]s\s+")
# Between a person and the body they act for: "Cheng Chung-tai of Civic Passion", "Julien
# Talavan, a spokesman for Force Ouvrière" (in an aside only a spokesman speaks for a body:
# "Bob Smith, the chief executive of Zentrix, told Globex" is his telling).
_OF_BODY = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?")
_STAFF_OF = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?|,\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}"
                       r"(?:of|for|at|from)\s+(?:the\s+)?")  # (", spokesman for the military")


# The sentence's subject named again before its verb of saying: ", it said", ", the Finnish
# company announced".
_SUBJECT_AGAIN = re.compile(
    r",\s+(?:it|they|the\s+(?:[\w-]+\s+){0,3}(?:company|firm|group|bank|carrier|airline|ministry"
    r"|government|agency|club|organisation|organization|maker|giant|lender|insurer|operator"
    r"|utility|regulator|miner|retailer|automaker|carmaker|conglomerate))\s+(?:(?:also|later"
    r"|then)\s+)?$", re.IGNORECASE)
_WINNER_AFTER = re.compile(r"\s+(?:as\s+)?(?:the\s+)?(?:outright\s+)?winners?\b")
# What befalls only the person, not the body named with them.
_PERSONS_LOT = frozenset({"mentioned", "deceased", "sentenced", "arrested", "killed",
                          "charged", "accused", "resigning party", "dismissed"})


def _speak_for_their_bodies(text: str, mentions: list[tuple[int, int, str]],
                            kinds: dict[str, str], roles: dict[str, str]) -> None:
    """A body named with its person's title takes part as that person does: "Russian
    Defense Ministry spokesman Igor Konashenkov said …" is the ministry's saying, as a
    statement its official signs is its body's; "New People Party's Michael Tien", elected,
    is the party's seat."""
    for (_start, end, first), (after, _end, second) in pairwise(mentions):
        between = text[end:after]
        if kinds.get(first) != "person" and kinds.get(second) == "person":
            body, person = first, second
            staff = _STAFF.fullmatch(between)
            fits = staff is not None and (between.strip() in ("'s", "’s") or all(
                word.lower() in _TITLE_WORDS for word in between.split()))
        elif kinds.get(first) == "person" and kinds.get(second) != "person":
            person, body = first, second
            staff = _STAFF_OF.fullmatch(between)
            fits = staff is not None and (any(
                word.lower().startswith("spokes") for word in between.split()[1:-1]) or (
                between.split()[0] in ("of", "from") and roles.get(person) != "spokesperson"))
            # (but "Nicolas Retsinas of Harvard University said": an expert's word, not the
            # university's)
        else:
            continue
        if not fits:
            continue
        if roles.get(body, "mentioned") == "mentioned" \
                and roles.get(person, "mentioned") not in _PERSONS_LOT:
            roles[body] = roles[person]
        elif roles.get(body) == roles.get(person) and roles.get(person) in _PERSONS_LOT:
            roles[body] = "mentioned"  # "Sevilla midfielder Antonio Puerta died": he did


def _reported(text: str, tokens: list[_Token], verb: int, index: int, start: int) -> bool:
    """Whether a name after a verb of saying (token `verb`; the name's first word is token
    `index`, at `start`) is in what is said ("said that the Rally won") rather than its
    speaker ('"…," said Alan Fan', 'said acting NASA Administrator Steve Jurczyk')."""
    if _THAT.search(text, tokens[verb].end, start):
        return True
    return not (index - verb <= 2 or _TITLED.fullmatch(text, tokens[verb].end, start)
                or tokens[index - 1].text.lower() in _PREPOSITIONS)  # "in an interview with"



def _owns_no_agent(text: str, position: int, starts: dict[int, str], kinds: dict[str, str],
                   verbs: list[int]) -> bool:
    """Whether what a possessive owns (from `position`) is another party or a thing, not
    its agent: "the United Kingdom's Royal Air Force", "the United States's largest car
    manufacturer General Motors", "Zorblax, China's biggest phone maker, sold …" (but
    "Huawei's chief executive said", "China's Foreign Ministry said": a state and a company act
    by their people and bodies; "Tymoshenko's arrest": a verb of the lexicon, read below)."""
    described = _DESCRIBED.match(text, position)
    assert described is not None  # it matches the empty string
    if bisect_left(verbs, position) < bisect_left(verbs, described.end()):
        return False  # a verb of the lexicon among the words
    if described.end() in starts:
        return kinds.get(starts[described.end()]) != "government"
    owned = described.group().split()
    return bool(owned) and not any(word in _AGENT_WORDS for word in owned)


def _broken(text: str, start: int, end: int, *, soft: bool) -> bool:
    """Whether a clause ends between two places: always at a semicolon or before 'but',
    'which', 'who'; between a verb and its object also at a comma or a dash."""
    between = text[start:end]
    if _HARD_BREAK.search(between):
        return True
    return not soft and _SOFT_BREAK.search(between) is not None
