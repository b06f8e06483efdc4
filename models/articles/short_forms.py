"""Which longer names a short one may stand for ("Fan": "Alan Fan", "Huawei": "Huawei
Technologies"), filed once by their words."""

from __future__ import annotations

from collections.abc import Callable
from difflib import SequenceMatcher
from itertools import islice

from models.articles.words import _ORG_WORDS, is_english_word

_HASH_MODULUS = (1 << 61) - 1
_FRAMED = 4  # names filed by the same first and last words at most
_ALIKE = 0.6  # how alike two spellings of a name's word are ("parvez", "pervaiz": 0.62)


def _prefix_hashes(words: list[str]) -> list[int]:
    """A hash of each run of first words (hashes[j]: of words[:j]), each from the one before."""
    hashes = [0]
    for word in words:
        hashes.append((hashes[-1] * 1_000_003 + (hash(word) & 0xFFFFFFFF)) % _HASH_MODULUS)
    return hashes


class _ShortForms:
    """Which longer names (of several words) a name may be short for, looked up by its words:
    the person whose last name it is ("Fan": "Alan Fan"), the name it ends or begins
    ("Dortmund": "Borussia Dortmund"), the organisation it heads ("Huawei": "Huawei
    Technologies") or the one that adds a word before it ("Founders Share Company"). Each
    longer name is filed once under what it may be short for: looking every name up in every
    longer one was quadratic in the number of names."""

    def __init__(self, persons: list[str], multi: list[str],
                 state_words: Callable[[list[str]], int] = lambda words: 0) -> None:
        person = set(persons)
        self.people: dict[str, list[str]] = {}
        for name in persons:
            self.people.setdefault(name.split()[-1], []).append(name)
        self._ending: dict[str, list[str]] = {}
        self._beginning: dict[str, list[str]] = {}
        self._headed: dict[tuple[int, int], list[str]] = {}
        self.tails: dict[str, list[str]] = {}
        self.person_tails: dict[str, list[str]] = {}  # "Sanchez Ceren": "Salvador Sanchez …"
        # (and "Muhammad Rafique": "Muhammad Rafique Rashid Ali")
        self.person_heads: dict[str, list[str]] = {}  # "Badrul Hisham": "Badrul Hisham …"
        self.stated: dict[str, list[str]] = {}  # "federal reserve": "united states federal …"
        self._frames: dict[tuple[str, str, int], list[str]] = {}  # by first, last, length
        self.cores: dict[str, list[str]] = {}  # "supreme court": "supreme court of brazil"
        self.initialled: dict[tuple[str, str], list[str]] = {}  # ("john", "kennedy"): …
        # ("emmerson", "mnangagwa"): "Emmerson Dambudzo Mnangagwa", a person's middle names
        self.middled: dict[tuple[str, str], list[str]] = {}
        self.inside: dict[str, list[str]] = {}  # "lula": "Luiz Inacio Lula da Silva"
        for name in multi:
            words = name.split()
            self._ending.setdefault(words[-1], []).append(name)
            if not any(w in _ORG_WORDS for w in words[1:]) or not is_english_word(words[0]):
                # ("Cerberus": "Cerberus Capital Management"; not "Nordic": "Nordic Paper
                # Group", whose first word is a word)
                self._beginning.setdefault(words[0], []).append(name)
            if len(words) == 3 and len(words[1]) <= 3:  # ("john f kennedy", "george hw bush")
                self.initialled.setdefault((words[0], words[2]), []).append(name)
            if len(words) > 2:
                framed = self._frames.setdefault((words[0], words[-1], len(words)), [])
                if len(framed) < _FRAMED:
                    framed.append(name)  # (a few: thousands alike would make a look-up long)
            if len(words) > 2 and not any(w in _ORG_WORDS or w in ("of", "and", "for")
                                          for w in words):
                self.middled.setdefault((words[0], words[-1]), []).append(name)
                for word in words[1:-1]:
                    if len(word) > 2 and not is_english_word(word):
                        self.inside.setdefault(word, []).append(name)
            if name in person or (len(words) > 3 and not any(
                    w in _ORG_WORDS or is_english_word(w) for w in words)):
                # (a person's too when four words none of which is a word: "Andrés Manuel
                # López Obrador", whose "López Obrador" is he)
                if len(words) > 2:
                    for count in range(1, len(words) - 1):
                        self.person_tails.setdefault(" ".join(words[count:]), []).append(name)
                    for count in range(2, len(words)):
                        self.person_heads.setdefault(" ".join(words[:count]), []).append(name)
                continue
            # filed under each run of first words that only organisation words follow
            first = len(words)
            while first > 1 and words[first - 1] in _ORG_WORDS:
                first -= 1
            hashes = _prefix_hashes(words)
            for count in range(first, len(words)):
                self._headed.setdefault((count, hashes[count]), []).append(name)
            self.tails.setdefault(name.split(" ", 1)[1], []).append(name)
            country = state_words(words)
            if country and len(words) - country >= 2:
                self.stated.setdefault(" ".join(words[country:]), []).append(name)
            # ("Supreme Court": the "Italian Supreme Court of Cassation", the "Supreme Court of
            # Brazil": a body's name without its country and what it is of)
            of = words.index("of") if "of" in words[country + 2:] else len(words)
            if country or of < len(words):
                self.cores.setdefault(" ".join(words[country:of]), []).append(name)
        for last, named in self.people.items():  # "John Kennedy" is one with "John F. Kennedy"
            self.people[last] = [name for name in named if not self._initials_left_out(name)]

    def _initials_left_out(self, name: str) -> bool:
        words = name.split()
        return len(words) == 2 and (len(self.initialled.get((words[0], words[1]), [])) == 1
                                    or len(self.middled.get((words[0], words[1]), [])) == 1)

    def holders(self, word: str) -> list[str]:
        """The longer names a one-word name ends, or begins without organisation words after
        it (when there is more than one, two of them: which is not asked)."""
        ending, beginning = self._ending.get(word, []), self._beginning.get(word, [])
        if len(ending) > 1 or len(beginning) > 1:
            return (ending + beginning)[:2]
        return list(dict.fromkeys(ending + beginning))

    def framed(self, key: str) -> list[str]:
        """The names of three words or more with key's first and last words and its length,
        whose words between are spelled alike ("raja pervaiz ashraf": "raja parvez ashraf";
        not "george h w bush" for "george w bush", nor initials)."""
        words = key.split()
        if len(words) < 3:
            return []
        return [name for name in self._frames.get((words[0], words[-1], len(words)), [])
                if all(len(a) > 2 and SequenceMatcher(None, a, b).ratio() >= _ALIKE
                       for a, b in zip(words[1:-1], name.split()[1:-1], strict=True))]

    def heads(self, key: str) -> list[str]:
        """The longer names (not persons) that begin with key's words and go on with
        organisation words only, in the article's order (two at most)."""
        words = key.split()
        filed = self._headed.get((len(words), _prefix_hashes(words)[-1]), [])
        return list(islice((name for name in filed if name.startswith(key + " ")), 2))
