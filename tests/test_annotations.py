"""Annotation stages on the seeds: segmentation, phrase mining, marking, keywords, see-also."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import annotate

from build_corpus.config import DEFAULT_TUNING, EDGE_WORDS, FUNCTION_CHARS, STOP_WORDS, Tuning
from build_corpus.corpus.phrases import (
    PhraseFinder,
    longest_first,
)
from build_corpus.errors import GlossaryError
from build_corpus.incremental.annotate import glossary_words
from build_corpus.read.glossary import DEFAULT_GLOSSARY, load_glossary, parse_glossary
from build_corpus.text.segmentation import Segmenter

GLOSSARY = load_glossary(DEFAULT_GLOSSARY)
BIANBAN = "001_d692f105936694d5.txt"
QUWEI = "002_d2c4fd0f5dacfba5.txt"
WELL_KNOWN = [
    "两个维护",
    "两个确立",
    "四个意识",
    "四个自信",
    "一岗双责",
    "国之大者",
    "动真碰硬",
    "学深悟透",
    "以会代学",
    "形式主义官僚主义",
    "全面从严治党",
    "政治纪律和政治规矩",
    "习近平新时代中国特色社会主义思想",
    "以人民为中心的发展思想",
    "旗帜鲜明讲政治",
]
FRAGMENTS = ["两个维", "个维护", "四个意", "个意识", "习近平新时代", "新时代中国特色社会主义思想"]


@pytest.fixture(scope="module")
def segmenter():
    return Segmenter(glossary_words(GLOSSARY))


@pytest.fixture(scope="module")
def mined_alone(seed_texts):
    """Phrases the seeds yield with no glossary at all: mining by itself."""
    texts = list(seed_texts.values())
    return annotate(texts, [], Segmenter())


@pytest.fixture(scope="module")
def annotations(seed_texts, segmenter):
    return annotate(list(seed_texts.values()), GLOSSARY, segmenter)


def test_mining_finds_the_well_known_formulae_whole(mined_alone):
    found = set(mined_alone.annotations.phrases)
    assert [f for f in WELL_KNOWN if f not in found] == []
    assert [f for f in FRAGMENTS if f in found] == []


def test_mined_phrases_are_clean(mined_alone, segmenter):
    for phrase in mined_alone.annotations.phrases.values():
        text = phrase.text
        assert text[0] not in FUNCTION_CHARS and text[-1] not in FUNCTION_CHARS, text
        assert not re.search(r"[\s，。、；：“”‘’（）《》！？,.;:]", text), text
        assert phrase.text_count >= DEFAULT_TUNING.min_texts, text
        words = Segmenter.cut(segmenter, text)
        assert words[0] not in EDGE_WORDS and words[-1] not in EDGE_WORDS, text


def test_mined_phrases_are_maximal(mined_alone):
    """No phrase is listed whose every occurrence lies inside one longer phrase."""
    phrases = mined_alone.annotations.phrases
    for phrase in phrases.values():
        for longer in phrases.values():
            if longer.text != phrase.text and phrase.text in longer.text:
                assert phrase.total > longer.total, (phrase.text, longer.text)


def test_min_texts_is_configurable(seed_texts):
    texts = list(seed_texts.values())
    many = annotate(texts, [], Segmenter(), Tuning(min_texts=4))
    assert all(p.text_count >= 4 for p in many.annotations.phrases.values())
    assert {"两个维护", "四个意识"} <= set(many.annotations.phrases)


def test_mining_is_deterministic(seed_texts):
    texts = list(seed_texts.values())
    first, second = annotate(texts, [], Segmenter()), annotate(texts, [], Segmenter())
    assert first.annotations == second.annotations
    assert first.occurrences == second.occurrences
    assert first.texts == second.texts


def test_glossary_terms_are_phrases_even_once_and_only_where_they_occur(annotations, seed_texts):
    sources = "\n".join(text.source.text for text in seed_texts.values())
    for entry in GLOSSARY:
        occurs = any(form in sources for form in (entry.term, *entry.variants))
        assert (entry.term in annotations.annotations.phrases) == occurs, entry.term
    once = annotations.annotations.phrases["民主集中制"]
    assert once.entry is not None and len(annotations.occurrences[once.text]) >= 1


def test_variant_forms_count_as_the_phrase(annotations, seed_texts):
    phrase = annotations.annotations.phrases["形式主义官僚主义"]
    assert "形式主义、官僚主义" in phrase.forms
    unit_texts = {(t.name, u.anchor): u.text for t in seed_texts.values() for u in t.units()}
    occurrences = annotations.occurrences[phrase.text]
    matched = {unit_texts[o.name, o.anchor][o.start : o.end] for o in occurrences}
    assert matched == {"形式主义官僚主义", "形式主义、官僚主义"}
    # 003 writes 官僚主题, a typo of the original: kept, and not counted
    assert "形式主义、官僚主题" not in matched


def test_marks_cover_exactly_the_phrase_characters(annotations, seed_texts):
    unit_texts = {(t.name, u.anchor): u.text for t in seed_texts.values() for u in t.units()}
    phrases = annotations.annotations.phrases
    for name, own in annotations.texts.items():
        for anchor, marks in own.marks.items():
            text = unit_texts[name, anchor]
            ends = [0]
            for start, end, phrase in marks:
                assert start >= ends[-1], "marks do not overlap"
                assert text[start:end] in phrases[phrase].forms
                ends.append(end)


def test_overlapping_matches_resolve_to_the_longest():
    finder = PhraseFinder({"全面从严治党": "全面从严治党", "从严治党主体责任": "从严治党主体责任"})
    assert longest_first(finder.find("落实全面从严治党主体责任")) == [(4, 12, "从严治党主体责任")]
    # equal lengths: the earlier one
    finder = PhraseFinder({"全面从严治党": "全面从严治党", "从严治党责任": "从严治党责任"})
    assert longest_first(finder.find("落实全面从严治党责任")) == [(2, 8, "全面从严治党")]
    finder = PhraseFinder({"政治判断力": "政治判断力", "判断力": "判断力"})
    assert longest_first(finder.find("政治判断力")) == [(0, 5, "政治判断力")]


def test_one_segmentation_for_keywords_and_search(annotations, segmenter, seed_texts):
    """Search word boundaries are the same tokens keywords are counted on."""
    text = seed_texts["003_eeed8751cc19b1e4.txt"]
    paragraph = text.sections[0].children[0].children[0].paragraphs[0]
    lengths = annotations.texts[text.name].lengths[paragraph.anchor]
    words = segmenter.merge(segmenter.cut(paragraph.text))
    assert lengths == [len(w) for w in words]
    assert "两个确立" in words  # a glossary term is one word
    assert sum(lengths) == len(paragraph.text)
    user_dict = segmenter.user_dictionary()
    assert "两个维护 " in user_dict and "理论武装 " in user_dict


def test_keywords_are_characteristic_and_free_of_filler(annotations):
    found = annotations.annotations
    for keywords in [*found.text_keywords.values(), *found.section_keywords.values()]:
        for k in keywords:
            assert k.word not in STOP_WORDS and len(k.word) >= 2 and k.count >= 2
        assert [k.score for k in keywords] == sorted((k.score for k in keywords), reverse=True)
    assert "扶贫" in [k.word for k in found.text_keywords[QUWEI]]
    assert "机构编制" in [k.word for k in found.text_keywords[BIANBAN]]
    assert all(len(v) <= 10 for v in found.text_keywords.values())


def test_keyword_index_is_in_pinyin_order(annotations):
    from pypinyin import lazy_pinyin

    index = annotations.annotations.keyword_index
    words = list(index)
    assert words == sorted(words, key=lambda w: (lazy_pinyin(w), w))
    count, sections = index["扶贫"]
    assert count >= 5 and sections[0][0] == QUWEI


def test_see_also_relates_sections_of_other_texts(annotations):
    related = annotations.annotations.see_also[BIANBAN, "s2"]
    assert related and all(name != BIANBAN for name, _, _ in related)
    shared = [n for _, _, n in related]
    assert shared == sorted(shared, reverse=True) and shared[0] >= 2
    # the two texts on the same five aspects of 2021 relate their problem sections
    assert related[0][:2] == (QUWEI, "s2")


def test_glossary_errors_name_file_and_line():
    path = Path("corpus/glossary.yml")
    cases = [
        ("terms:\n  两个维护:\n    zh: x\n    colour: red\n", 4, "unknown field 'colour'"),
        ("terms:\n  两个维护:\n    variants: 形式\n", 3, "must be a list"),
        ("terms:\n  甲乙:\n    variants: [丙丁]\n  丙丁: {}\n", 4, "listed for both"),
        ("terms: [\n", 2, "not valid YAML"),
    ]
    for text, line, message in cases:
        with pytest.raises(GlossaryError) as info:
            parse_glossary(text, path)
        assert (info.value.line, message in info.value.message) == (line, True), text


def test_default_glossary_explains_at_least_sixty_formulae_each_in_both_languages():
    assert len(GLOSSARY) >= 60
    assert all(e.zh and e.en for e in GLOSSARY)
    assert all(re.search("[\u4e00-\u9fff]", e.zh) and e.en.isascii() for e in GLOSSARY)


def mine_phrases(texts: dict[str, list[list[str]]], segmenter: Segmenter, tuning: Tuning):
    """Phrase mining alone, from scratch: the clean n-grams recurring in enough `texts` (each
    the token lists of its units)."""
    from build_corpus.corpus.phrases import GramIndex, add_runs, text_runs

    added: dict[tuple[str, ...], int] = {}
    for bit, units in enumerate(texts.values()):
        add_runs(added, text_runs(units), 1 << bit)
    index = GramIndex(tuning).update({}, added, (1 << len(texts)) - 1, lambda mask: {})
    return index.mined(segmenter)


def test_mining_input_is_split_at_punctuation(segmenter):
    texts = {
        "a": [segmenter.cut("坚定“四个自信”，做到“两个维护”。")],
        "b": [segmenter.cut("增强“四个自信”、“两个维护”")],
    }
    found = mine_phrases(texts, segmenter, Tuning())
    assert "四个自信" in found and "两个维护" in found
    assert not any("”" in p or "、" in p for p in found)


def test_segmentation_gives_jiebas_own_tokens(segmenter, seed_texts):
    """rjieba, which the build uses, splits exactly as jieba does, glossary words included."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    reference = jieba.Tokenizer()
    for word in segmenter.user_words:
        reference.add_word(word)
    for text in seed_texts.values():
        assert segmenter.cut(text.source.text) == reference.lcut(text.source.text)


def test_gram_index_finds_the_frequent_ngrams_by_their_definition_through_any_edits():
    """The gram index, built at once and then updated by difference over random edits of
    random texts, against the frequent n-grams counted by brute force."""
    import random

    from build_corpus.corpus.phrases import GramIndex, add_runs, text_runs

    rng = random.Random(7)
    vocab = [*"甲乙丙丁戊己庚辛", "，"]

    def random_text():
        return [[rng.choice(vocab) for _ in range(rng.randint(3, 20))] for _ in range(3)]

    def scratch(texts, options):
        runs = {}
        for bit, units_ in texts.items():
            add_runs(runs, text_runs(units_), 1 << bit)
        return GramIndex(options).update({}, runs, sum(1 << b for b in texts), lambda m: {})

    def by_definition(texts, options):
        """The frequent n-grams by their definition, every n-gram of every run counted: those
        of at most `max_words` words, within runs between punctuation, in `min_texts` texts;
        with the mask of the texts holding each."""
        masks = {}
        for bit, units_ in texts.items():
            for tokens in units_:
                run = []
                for token in [*tokens, "，"]:
                    if token != "，":
                        run.append(token)
                        continue
                    for n in range(1, min(len(run), options.max_words) + 1):
                        for j in range(len(run) - n + 1):
                            gram = tuple(run[j : j + n])
                            masks[gram] = masks.get(gram, 0) | 1 << bit
                    run = []
        return {g: m for g, m in masks.items() if m.bit_count() >= options.min_texts}

    for _ in range(60):
        options = Tuning(min_texts=rng.randint(2, 3), max_words=rng.randint(2, 5))
        texts = {bit: random_text() for bit in range(rng.randint(2, 7))}
        index = scratch(texts, options)
        truth = by_definition(texts, options)
        assert (index.frequent, {g: index.masks[g] for g in truth}) == (set(truth), truth)
        for _ in range(4):
            new = dict(texts)
            roll = rng.random()
            if roll < 0.5:
                new[rng.choice(list(new))] = random_text()
            elif roll < 0.75 or len(new) < 2:
                new[max(new) + 1] = random_text()
            else:
                del new[rng.choice(list(new))]
            changed = {b for b in texts.keys() | new.keys() if texts.get(b) != new.get(b)}
            gone, came = {}, {}
            for bit in changed:
                if bit in texts:
                    add_runs(gone, text_runs(texts[bit]), 1 << bit)
                if bit in new:
                    add_runs(came, text_runs(new[bit]), 1 << bit)

            def runs_of(mask, new=new):
                runs = {}
                for bit, units_ in new.items():
                    if mask >> bit & 1:
                        add_runs(runs, text_runs(units_), 1 << bit)
                return runs

            index.update(gone, came, sum(1 << b for b in changed), runs_of)
            truth = by_definition(new, options)
            assert (index.frequent, {g: index.masks[g] for g in truth}) == (set(truth), truth)
            texts = new


def test_keyword_documents_updated_by_difference_equal_ones_counted_afresh(seed_texts, segmenter):
    """Taking a text's counts out and putting an edited version in gives what counting the
    edited corpus afresh gives: frequencies, totals and every keyword."""
    from collections import Counter

    from build_corpus.corpus.keywords import Documents, candidates, keywords

    def counts(text):
        return Counter(
            candidates(w for u in text.units() for w in segmenter.merge(segmenter.cut(u.text)))
        )

    corpus = {name: counts(text) for name, text in seed_texts.items()}
    kept = Documents()
    for name, words in corpus.items():
        kept.add(name, words)
    before = kept.refresh(10)
    edited = dict(corpus)
    first, second = sorted(corpus)[:2]
    edited[first] = corpus[first] + Counter({"新词语": 40, "扶贫": 4})
    edited[second] = Counter({w: n for w, n in corpus[second].items() if n != 2})
    kept.remove(first, corpus[first])
    kept.add(first, edited[first])
    kept.remove(second, corpus[second])
    kept.add(second, edited[second])
    fresh = Documents()
    for name, words in edited.items():
        fresh.add(name, words)
    assert kept.df == fresh.df and kept.occurrences == fresh.occurrences
    assert kept.totals == fresh.totals and kept.rankable == fresh.rankable
    assert kept.postings == fresh.postings
    # ranked again only where a score can have moved; the rest kept from before the edit
    assert kept.refresh(10) == fresh.refresh(10) == keywords(edited, 10) != before
    shown = {k.word for kws in before.values() for k in kws}
    assert {w: sorted(v) for w, v in kept.scores(shown).items()} == {
        w: sorted(v) for w, v in fresh.scores(shown).items()
    }
    assert "新词语" in [k.word for k in kept.refresh(10)[first]]
    with pytest.raises(ValueError, match="already counted"):
        kept.add(first, edited[first])


def test_related_sections_kept_up_to_date_equal_ones_ranked_afresh():
    """Sections that come, go and change: what `Related` keeps equals a fresh ranking."""
    import random

    from build_corpus.corpus import related

    rng = random.Random(11)
    vocab = [f"短语{i}" for i in range(40)]

    def random_phrases():
        return frozenset(rng.sample(vocab, rng.randint(0, 12)))

    def fresh(sections, tuning):
        out = related.Related(tuning)
        for key, phrases in sections.items():
            out.set(key, phrases)
        ranked = out.refresh()
        assert ranked == related.related_sections(sections, tuning)
        return ranked

    # few sections per phrase, so that both rare and common phrases occur
    for max_sections in (3, 50):
        tuning = Tuning(related_max_sections=max_sections)
        sections = {(f"t{t}", f"s{s}"): random_phrases() for t in range(8) for s in range(4)}
        kept = related.Related(tuning)
        for key, phrases in sections.items():
            kept.set(key, phrases)
        kept.refresh()
        for _ in range(40):
            key = rng.choice(sorted(sections))
            if rng.random() < 0.2 and len(sections) > 2:
                del sections[key]
                kept.set(key, None)
            else:
                sections[key] = random_phrases()
                kept.set(key, sections[key])
            assert kept.refresh() == fresh(sections, tuning)
    assert any(kept.best.values())


FORMULAE = [
    "中央八项规定",
    "新发展理念",
    "理论武装",
    "群众路线",
    "以人民为中心的发展思想",
    "学深悟透",
]


def test_a_formula_in_the_glossary_is_marked_wherever_it_occurs(annotations, seed_texts):
    """A verb or word next to a formula does not make a longer phrase that hides it
    (落实中央八项规定, 强化理论武装): every place a seed has one of these formulae links to
    its page."""
    places, marked = 0, 0
    for name, text in seed_texts.items():
        marks = annotations.texts[name].marks
        for unit in text.units():
            for formula in FORMULAE:
                for start in (m.start() for m in re.finditer(formula, unit.text)):
                    end = start + len(formula)
                    places += 1
                    marked += any(  # as itself, or as a variant holding it (党的群众路线)
                        s <= start and end <= e and phrase == formula
                        for s, e, phrase in marks.get(unit.anchor, [])
                    )
    assert places > 30 and marked == places
    mined = [p for p, phrase in annotations.annotations.phrases.items() if phrase.entry is None]
    forms = [f for e in GLOSSARY for f in (e.term, *e.variants)]
    assert not [p for p in mined if any(f in p and len(p) - len(f) <= 4 for f in forms)]
