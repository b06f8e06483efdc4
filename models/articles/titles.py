"""A short title for an event from the sentence that dates it."""

from __future__ import annotations

import re

from models.articles.contexts import _AGE_ASIDE
from models.articles.name_shapes import DATELINE_PATTERN
from models.articles.words import _I, _ORG_CUES, _ROLE_NOUNS

TITLE_LIMIT = 90

_LEADING_ADVERBIAL = re.compile(
    r"^(?!at\s+(?:least|most)\b)"  # ("At least 300 people were killed …": how many)
    r"(?:[A-Z][a-z]+ing\b|despite|after|before|since|although|though|while|when|as|in|on|at|back|however"
    r"|meanwhile|also|but|and|still|yet|last|earlier|later|separately|today|for|with|under"
    r"|amid|following|according|by|during|once|if|until|in addition|nevertheless|instead"
    r"|together|along|alongside|jointly|additionally|moreover|furthermore|likewise"
    r"|similarly)\b"
    r"[^,]{0,80},\s+", _I)
_TRAILING_ATTRIBUTION = re.compile(
    r",\s+(?:the\s+|a\s+|an\s+)?[^,]{0,60}?\b(?:said|says|told \w+|added|stated|reported"
    r"|announced)\b[^,]{0,30}$", _I)
_CLAUSE_CUT = re.compile(
    r",\s+(?=(?:which|who|where|according|arguing|forcing|saying|as|in response|while|but"
    r"|after|despite|amid|and|with|adding|citing|making|leaving|prompting|following|although"
    r"|because|though)\b)|\s[–—]\s|;|:\s|\s+but\s|\s+while\s|\s+whereas\s", _I)
_CUT_BEFORE = re.compile(
    r"\s(?=(?:to|for|from|with|in|on|at|by|of|as|after|before|into|over|under|amid|about"
    r"|and|or|that|which|who|because|while|since|until|against|between)\s)", _I)
_DANGLING = re.compile(
    r"(?:\s+(?:the|a|an|of|and|or|to|with|for|from|in|on|at|by|as|its|their|his|her|that"
    r"|which|who|until|till))+$", _I)
# "BRUSSELS (AP) — ", "STOCKHOLM, Aug 25 (Reuters) - ": where the wire filed it from
# (the place's capitals at most 60 long, the dashes never given back: unbounded, a title that
# starts with capitals, spaces and hyphens and is no dateline, "A------x", tried every split of
# them with the dashes after them, quadratic in their length, for every event of the sentence)
_DATELINE = re.compile(
    rf"(?:{DATELINE_PATTERN})[\s,]*"  # (the one the parties and dates are read after)
    r"(?:\d{1,2}\s+[A-Z][a-z]+\s+\d{4}:\s+)?"  # ("BRITAIN - 9 January 2018: Theresa May …")
    r"|^[A-Z][A-Z.'’ -]{2,60}(?:,[^–—()]{0,30})?(?:\s*\([^)]{1,20}\))?\s*[—–-]++[\s,]+"
    r"|^[—–-]?\s*\d{1,2}\s+[A-Z][a-z]+\s+\d{4}:\s+"  # ("- 19 April 2018: A Falcon …")
    r"|^[A-Z][A-Z.'’ -]{2,60}\([^)\n]{1,60}\d{4}\)\s+"  # ("WASHINGTON (Sputnik - …, 2019)")
    r"|^[A-Z][A-Z'’.]{2,30}(?:[ -][A-Z][A-Z'’.]{0,30}){0,2}:\s+(?=[A-Z])"  # ("LONDON: …")
    # ("Kaieteur News – Wakenaam Strikers defeated …": the medium that tells it)
    r"|^(?:[A-Z][\w&'’.]*\s){0,3}(?:News|Times|Post|Herald|Tribune|Gazette|Journal|Mail"
    r"|Daily|Standard|Express|Chronicle|Observer|Guardian|Telegraph)\s[–—-]{1,2}\s+")
# A name and a relative clause set off after it: "Wilson, who retired from touring in 2011,"
_RELATIVE_ASIDE = re.compile(r"(?P<head>\b[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}),"
                             r"\s+(?:who|which)\s+(?P<body>(?:[^,;()]|,\s\d{4}\b){3,150}),\s")
_PRONOUN_START = re.compile(r"^(It|He|She|The company|The firm|The group)\s+(?!is\b|was\b|"
                            r"has been\b|had been\b|seems\b|remains\b|appears\b|'s\b|’s\b)")


_LONE_LEAD = re.compile(r"\s*(?:(?:back|way|as|early|already|even|only|just)\s*)+", _I)
_BRACKETS = re.compile(r"\s*\([^)]*\)")
_ASIDE = re.compile(r"\s[–—]\s[^–—]{1,80}?\s[–—]\s")
_SINGLE_QUOTE = re.compile(r"(?<!\w)['\u2018](?=\w)|(?<=[\w.,!?])[’'](?!\w)")


def relative_aside(sentence: str, start: int, end: int) -> re.Match[str] | None:
    """The relative clause set off after a name that holds the date at start..end: "Wilson,
    who retired from touring in 2011, died"."""
    relative = next((r for r in _RELATIVE_ASIDE.finditer(sentence, max(0, start - 250))
                     if r.start("body") <= start), None)
    if relative is not None and end <= relative.end("body"):
        return relative
    return None


def _title(sentence: str, date_phrase: tuple[int, int], names: list[tuple[int, int]],
           subject: str | None) -> str:
    """A short title from the sentence: without its date phrase, leading adverbial clause,
    trailing attribution and asides, cut at a clause or phrase boundary."""
    start, end = date_phrase
    relative = relative_aside(sentence, start, end)
    if relative is not None:
        # "Wilson, who retired from touring in 2011, died at her home": what the date tells
        # is the relative clause's ("Wilson retired from touring"), not what the sentence's
        # subject did
        head = relative["head"]
        sentence = f"{head} {relative['body']}"
        shift = len(head) + 1 - relative.start("body")
        start, end = start + shift, end + shift
        names = []
    elif (aside := next(_RELATIVE_ASIDE.finditer(sentence, 0, 400), None)) is not None \
            and not aside.start("body") <= start < aside.end():
        # "Bandula Warnapura, who captained Sri Lanka in 1982, has died": the aside is what
        # he was, not what happened
        cut_from, cut_to = aside.end("head"), aside.end()
        sentence = f"{sentence[:cut_from]} {sentence[cut_to:]}"
        if start >= cut_to:
            shift = cut_from + 1 - cut_to
            start, end = start + shift, end + shift
        names = []
    after = sentence[end:]
    before = sentence[:start].rstrip()
    if before.endswith(",") and after.lstrip().startswith(","):
        after = after.lstrip()[1:]  # "[7 pm, May 2, 2012, the City Hall]": one comma
    joint = "" if not after[:1].isspace() else " "
    if _LONE_LEAD.fullmatch(before):
        before = ""  # "Back in 2008 mass protests broke out": the adverb went with its date
    without = (before + joint + after.lstrip()).lstrip(" ,")
    if after.startswith(("'s ", "’s ")) or sentence[start:end].endswith(("'s", "’s")):
        without = sentence  # "This year's theme", "the result of Monday's elections": the
        # date belongs to what follows
    text = without if len(without.split()) >= 3 else sentence
    text = _DATELINE.sub("", text)
    close = text.rfind(")")  # no bracket opened after the last ')' closes: search up to it
    if close >= 0:
        text = _BRACKETS.sub("", text[:close + 1]) + text[close + 1:]
    text = _ASIDE.sub(" ", text)
    # "Jon Huntsman Sr., 80, the Utah billionaire …, died": "Jon Huntsman Sr. died"
    text = _AGE_ASIDE.sub(lambda aside: aside.group()[:1].strip(","), text, count=1)
    text = text.replace('"', "").replace("“", "").replace("”", "")
    text = _SINGLE_QUOTE.sub("", text)
    text = " ".join(text.split())
    adverbial = _LEADING_ADVERBIAL.match(text)
    if adverbial and len(text[adverbial.end():].split()) >= 3:
        text = text[adverbial.end():]
    text = _fewer_subjects(text)
    attribution = _TRAILING_ATTRIBUTION.search(text)
    if attribution and attribution.start() > 20:
        text = text[:attribution.start()]
    cut = _CLAUSE_CUT.search(text, 20)
    if cut:
        text = text[:cut.start()]
    text = _premodifiers(text, sentence, names)
    if subject:
        pronoun = _PRONOUN_START.match(text)
        if pronoun:
            text = subject + text[pronoun.end(1):]
    text = text.strip(" .,;:!?–—-\"'")
    if len(text) > TITLE_LIMIT:
        # (the search looks a word past the limit, to see the word a cut goes before)
        cuts = [m.start() for m in _CUT_BEFORE.finditer(text, 0, TITLE_LIMIT + 10)
                if 30 <= m.start() <= TITLE_LIMIT]
        text = text[:cuts[-1]] if cuts else text[:TITLE_LIMIT].rsplit(" ", 1)[0]
    text = _DANGLING.sub("", text).strip(" .,;:!?–—-")
    return text[:1].upper() + text[1:]


# A list of three names or more that opens a sentence, before what they did: "The Bank of
# Canada, the Bank of England, …, and the Swiss National Bank jointly announced".
_ITEM = r"(?:[Tt]he\s+)?[A-Z][\w.&'’-]*(?:\s+(?:(?:of|for|de|the)\s+)*[A-Z][\w.&'’-]*)*"
_SUBJECT_LIST = re.compile(rf"({_ITEM})((?:,\s+(?:and\s+)?{_ITEM}){{2,}})"
                           r"(?=\s+(?!(?:of|for|and|the|de)\b)[a-z])")
_COUNTS = "two three four five six seven eight nine ten".split()


def _fewer_subjects(text: str) -> str:
    """The first of a long list of subjects and how many others, so that a title keeps what
    they did: "The Bank of Canada and five others jointly announced …"."""
    subjects = _SUBJECT_LIST.match(text)
    if subjects is None or len(subjects.group()) < 60:
        return text
    others = subjects.group(2).count(",")
    count = _COUNTS[others - 2] if 2 <= others <= 10 else str(others)
    return f"{subjects.group(1)} and {count} others{text[subjects.end():]}"


def _premodifiers(text: str, sentence: str, names: list[tuple[int, int]]) -> str:
    """'Chinese telecommunications giant Huawei announced' -> 'Huawei announced'."""
    for start, end in names:
        name = sentence[start:end]
        position = text.find(name)
        if position < 0:
            continue
        if position == 0:
            break
        before = text[:position].rstrip()
        words = before.split()
        if 1 <= len(words) <= 5 and "," not in before[:-1] and (
                words[-1].rstrip(",").lower() in _ORG_CUES | _ROLE_NOUNS):
            rest = text[position + len(name):]
            if before.endswith(","):
                rest = re.sub(r"^,\s*", " ", rest)
            return name + rest
        break
    return text
