"""The statistical name tagger (issue 16): what it reads, how it is trained, what it was trained
on, and how the party finder uses it for names no rule can place."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.articles import parties as parties_module
from models.articles import propose
from models.articles.name_tagger import MODEL_FILE, TAGS, NameTagger, highest, name_tagger
from models.articles.sentences import _Token, _tokens
from models.articles.train_name_tagger import (
    _entity_spans,
    _example,
    evaluate,
    main,
    read_uner,
    train,
)
from models.dates import parse_edtf
from models.paths import resource_path
from models.proposals import Article

CORPUS_SOURCES = Path(__file__).parents[1] / "articles" / "corpus" / "SOURCES.md"


def tags_of(text: str) -> dict[str, str]:
    tokens = _tokens(text, 0, len(text))
    return {t.text: tag for t, tag in zip(tokens, name_tagger().tag(text, tokens), strict=True)}


# --- the model as shipped ------------------------------------------------------------------------

def test_the_shipped_model_reads_plain_names() -> None:
    found = tags_of("The deal was announced on Friday, said Tim Cook of Apple in Stockholm.")
    assert found["Tim"] == found["Cook"] == "PER"
    assert found["Stockholm"] == "LOC"
    assert found["deal"] == found["announced"] == found["Friday"] == "O"


def test_the_shipped_model_reads_ordinary_capitalised_words_as_no_name() -> None:
    found = tags_of("The deal was reported by the Global Challenge Robot blog.")
    assert [found[w] for w in ("Global", "Challenge", "Robot")] == ["O", "O", "O"]


def test_the_model_was_trained_on_no_article_of_the_corpus() -> None:
    """The corpus takes 20 of GUM's news articles: had the tagger learned them, the reader's
    figures on them would be by heart."""
    data = json.loads(gzip.decompress(resource_path("article", MODEL_FILE).read_bytes()))
    trained = set(data["documents"])
    in_corpus = set(re.findall(r"GUM_[a-z]+_[a-z0-9]+", CORPUS_SOURCES.read_text("utf-8")))
    assert len(in_corpus) >= 20 and len(trained) >= 80
    assert not trained & in_corpus
    assert "GUM" in data["source"] and all(len(w) == len(TAGS) for w in data["weights"].values())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gets_one_tag_a_word(text: str) -> None:
    tokens = _tokens(text, 0, len(text))
    tags = name_tagger().tag(text, tokens)
    assert len(tags) == len(tokens) and set(tags) <= set(TAGS)


def test_a_tie_is_no_name() -> None:
    assert highest([0.0, 0.0, 0.0, 0.0]) == "O"
    assert highest([0.0, 1.0, 1.0, 0.5]) == "PER"
    assert highest([0.0, 0.0, 2.0, 0.5]) == "ORG"


# --- training ------------------------------------------------------------------------------------

def test_entity_brackets_nested_and_one_word() -> None:
    misc = ["Entity=(10-person-new-coref-Charles_Bolden(1-organization-giv-coref-NASA)",
            "Entity=10)", "_", "Entity=(3-place-new-sgl)|SpaceAfter=No"]
    assert sorted(_entity_spans(misc)) == [(0, 0, "organization"), (0, 1, "person"),
                                          (3, 3, "place")]


def conllu_row(index: int, form: str, upos: str, misc: str = "_") -> list[str]:
    return [str(index), form, form, upos, "_", "_", "0", "_", "_", misc]


def test_a_mention_is_a_name_from_its_first_proper_noun_to_its_last() -> None:
    rows = [conllu_row(1, "the", "DET", "Entity=(1-organization-new"),
            conllu_row(2, "Bank", "PROPN"), conllu_row(3, "of", "ADP"),
            conllu_row(4, "England", "PROPN", "Entity=(2-place-new)1)"),
            conllu_row(5, "rose", "VERB"),
            conllu_row(6, "the", "DET", "Entity=(3-abstract-new"),
            conllu_row(7, "Euro", "PROPN", "Entity=3)|SpaceAfter=No"),
            conllu_row(8, ".", "PUNCT")]
    example = _example(rows)
    assert example.text == "the Bank of England rose the Euro. "
    assert dict(zip((t.text for t in example.tokens), example.tags, strict=True)) == {
        "the": "O", "Bank": "ORG", "of": "ORG", "England": "LOC", "rose": "O", "Euro": "O"}


def test_universal_ner_files_are_read_with_our_tokens(tmp_path: Path) -> None:
    path = tmp_path / "x.iob2"
    path.write_text("# text = Ask Jane Doe's firm in Tampa Bay .\n1\tAsk\tO\n2\tJane\tB-PER\n"
                    "3\tDoe\tI-PER\n4\t's\tO\n5\tfirm\tO\n6\tin\tO\n7\tTampa\tB-LOC\n"
                    "8\tBay\tI-LOC\n9\t.\tO\n\n", encoding="utf-8")
    [(name, [example])] = read_uner(path)
    assert name == "x.iob2"
    assert example.tags == ["O", "PER", "PER", "O", "O", "LOC", "LOC"]  # "Doe's" is "Doe"


def test_training_learns_what_it_is_shown_and_writes_a_model_the_reader_loads(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = []
    for person, city in [("Ada Okafor", "Lagos"), ("Bo Lindqvist", "Malmo"),
                         ("Chen Wei", "Wuhan"), ("Dana Ruiz", "Quito")] * 3:
        first, last = person.split()
        lines.append(f"# text = {first} {last} flew to {city} on Monday .")
        for j, (word, tag) in enumerate([(first, "B-PER"), (last, "I-PER"), ("flew", "O"),
                                         ("to", "O"), (city, "B-LOC"), ("on", "O"),
                                         ("Monday", "O"), (".", "O")], start=1):
            lines.append(f"{j}\t{word}\t{tag}")
        lines.append("")
    iob = tmp_path / "toy.iob2"
    iob.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "dep").mkdir()  # an empty GUM checkout: only the Universal NER file
    examples = read_uner(iob)[0][1]
    tagger = train(examples, rounds=5, least=0.0)
    assert evaluate(tagger, examples)["recall"] == 1.0
    out = tmp_path / "model.json.gz"
    assert main([str(tmp_path), "--uner", str(iob), "--out", str(out), "--rounds", "3"]) == 0
    assert json.loads(capsys.readouterr().out)["words"] == 12 * 7
    data = json.loads(gzip.decompress(out.read_bytes()))
    loaded = NameTagger(data["weights"])
    text = "Ada Okafor flew to Lagos on Monday."
    assert loaded.tag(text, _tokens(text, 0, len(text)))[:2] == ["PER", "PER"]


# --- its use by the party finder -----------------------------------------------------------------

class _Everywhere:
    """A stand-in tagger that reads every word as one tag, and counts what it is asked."""

    def __init__(self, tag: str) -> None:
        self.tag_of = tag
        self.spans: list[int] = []  # the words of each span asked about

    def tag_span(self, text: str, tokens: Sequence[_Token], first: int, last: int) -> list[str]:
        self.spans.append(last - first)
        return [self.tag_of] * (last - first)


TEXT = ("On Friday Acme signed a deal with Zentrix. The Global Challenge Robot newsletter was "
        "founded in 2019.")


def kinds(monkeypatch: pytest.MonkeyPatch, tag: str, text: str = TEXT) -> dict[str, str]:
    monkeypatch.setattr(parties_module, "name_tagger", lambda: _Everywhere(tag))
    article = Article("test", "Test", text, published=parse_edtf("2023-08-25"))
    return {p.name: p.kind for p in propose(article).parties}


def test_a_name_no_rule_can_place_takes_the_taggers_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    assert kinds(monkeypatch, "PER")["Global Challenge Robot"] == "person"
    assert kinds(monkeypatch, "ORG")["Global Challenge Robot"] == "organisation"
    assert kinds(monkeypatch, "LOC")["Global Challenge Robot"] == "organisation"


def test_cues_both_ways_are_decided_by_the_tagger(monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("Acme sued Zentrix on Friday. The general counsel of the company, Mark Chandler, "
            "said it would win.")  # a given name, and an appositive of "the company"
    assert kinds(monkeypatch, "PER", text)["Mark Chandler"] == "person"
    assert kinds(monkeypatch, "ORG", text)["Mark Chandler"] == "organisation"
    assert kinds(monkeypatch, "O", text)["Mark Chandler"] == "organisation"  # the rules' own


@pytest.mark.parametrize("text", [
    "On Friday the Global Challenge Robot opened a shop.",  # it does something
    "On Friday Acme agreed to buy Global Challenge Robot.",  # a role by the lexicon
])
def test_a_name_the_tagger_reads_as_none_is_dropped_unless_it_acts(
        monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    found = kinds(monkeypatch, "O")
    assert "Global Challenge Robot" not in found
    assert found["Zentrix"] == "organisation"  # a cue placed it: the tagger is not asked
    assert kinds(monkeypatch, "O", text)["Global Challenge Robot"] == "organisation"  # (acts)


def test_the_tagger_reads_each_name_where_it_stands_and_few_names_an_article(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """One sentence of 1,000 names without cues (the shape of benchmarks.article_speed's
    names_and_dates_one_sentence): the tagger is asked about a name's own words, not the whole
    sentence for each (that was quadratic: 38 s at 500 KB), and about 200 names at most."""
    stub = _Everywhere("PER")
    monkeypatch.setattr(parties_module, "name_tagger", lambda: stub)
    syllables = ["ba", "de", "ki", "lo", "mu", "ra", "si", "to", "ve", "zu"]
    names = [f"{a.title()}{b}{c} {d.title()}{b}{a}" for a in syllables for b in syllables
             for c in syllables for d in syllables[:1]]
    text = "".join(f"{name} signed on 1000-01-{n % 28 + 1:02d} with " for n, name in
                   enumerate(names)) + "Acme."
    propose(Article("test", "Test", text, published=parse_edtf("2023-08-25")))
    assert 100 < len(stub.spans) <= 200 * 3
    assert max(stub.spans) <= 2


class _BodyThenPerson(_Everywhere):
    """A stand-in tagger that reads a long name's last two words as a person's, the rest as
    an organisation's."""

    def tag_span(self, text: str, tokens: Sequence[_Token], first: int, last: int) -> list[str]:
        self.spans.append(last - first)
        count = last - first
        return ["ORG"] * (count - 2) + ["PER"] * 2 if count >= 3 else ["PER"] * count


def test_a_person_after_the_body_they_serve_is_split_off_by_the_tagger(
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = "On Friday Acme hired Air Force Acquisition Darleen Druyun."
    monkeypatch.setattr(parties_module, "name_tagger", lambda: _BodyThenPerson("O"))
    article = Article("test", "Test", text, published=parse_edtf("2023-08-25"))
    found = {p.name: p.kind for p in propose(article).parties}
    assert found["Darleen Druyun"] == "person"
    assert not any("Acquisition" in name for name in found)
    assert "Air Force Acquisition Darleen Druyun" in kinds(monkeypatch, "ORG", text)


def test_long_names_ask_the_tagger_about_200_at_most(monkeypatch: pytest.MonkeyPatch) -> None:
    stub = _Everywhere("ORG")
    monkeypatch.setattr(parties_module, "name_tagger", lambda: stub)
    syllables = ["ba", "de", "ki", "lo", "mu", "ra", "si", "to", "ve", "zu"]
    names = [f"{a.title()}{b} {c.title()}{a} {b.title()}{c}" for a in syllables
             for b in syllables for c in syllables]
    text = "".join(f"{name} signed on 1000-01-{n % 28 + 1:02d} with " for n, name in
                   enumerate(names)) + "Acme."
    propose(Article("test", "Test", text, published=parse_edtf("2023-08-25")))
    long_spans = [n for n in stub.spans if n == 3]
    assert 100 < len(long_spans) <= 200 * 4  # 200 splits asked, 3 mentions of 200 kinds
