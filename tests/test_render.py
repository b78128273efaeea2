"""Each renderer on a tiny input, against its exact output written out here.

The inputs are lines of the seed texts (shortened to a sentence or two), their
real metadata and glossary entries, and the hostile sample's metadata. Tests
give them as plain data, texts named by source file; the helpers below are the
only code that builds the model's objects and calls the renderers, so a change
of the model or of a renderer's signature is mended there alone. The expected
strings are written by hand from what a page must show (README: "Outline and
anchors", "Annotations", "Search"); none is produced by the code under test.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from conftest import CORPUS, SAMPLES

from build_corpus.config import DEFAULT_TUNING
from build_corpus.corpus.listing import aspect_rows
from build_corpus.layout import RE_SLOT, split_bodies
from build_corpus.model import (
    Annotations,
    Corpus,
    CorpusIndex,
    CorpusText,
    GlossaryEntry,
    Keyword,
    Occurrence,
    Outline,
    Phrase,
    SourceText,
    Text,
    TextAnnotation,
    TextMeta,
)
from build_corpus.read.inferred import Inferred
from build_corpus.read.metadata import load_metadata, text_meta
from build_corpus.render.aspects import render_aspect_index, render_aspect_pages
from build_corpus.render.markdown import Page, render_catalogue, render_text_page, render_years
from build_corpus.render.phrases import (
    render_keyword_index,
    render_phrase_index,
    render_phrase_page,
)
from build_corpus.render.search import encode_lengths, search_documents
from build_corpus.text.aspects import summaries
from build_corpus.text.outline import parse_text

# --- the texts (corpus/metadata.yml, tests/samples/hostile/metadata.yml) and glossary ---

S000, S001, S002, S003 = (
    "000_1ecf946f01ba9833.txt",
    "001_d692f105936694d5.txt",
    "002_d2c4fd0f5dacfba5.txt",
    "003_eeed8751cc19b1e4.txt",
)
HOSTILE = "hostile.txt"
_SEEDS = load_metadata(
    CORPUS / "metadata.yml", [S000, S001, S002, S003, "004_1ba1f5e5e2bd770c.txt"]
)
METAS = {  # in corpus order, as the metadata files give them (every field given)
    name: text_meta(name, entry, Inferred(), entry.slug)
    for name, entry in {
        **{name: _SEEDS[name] for name in (S000, S001, S002, S003)},
        **load_metadata(SAMPLES / "hostile" / "metadata.yml", [HOSTILE]),
    }.items()
}


def entry(term: str, zh: str = "", en: str = "", variants: tuple[str, ...] = ()):
    return GlossaryEntry(term=term, zh=zh, en=en, variants=variants)


TWO_UPHOLDS = entry(
    "两个维护",
    zh="坚决维护习近平同志党中央的核心、全党的核心地位，坚决维护党中央权威和集中统一领导。",
    en='the "Two Upholds"',
)
TWO_ESTABLISHES = entry(
    "两个确立",
    zh="确立习近平同志党中央的核心、全党的核心地位，"
    "确立习近平新时代中国特色社会主义思想的指导地位。",
    en='the "Two Establishes"',
)
FORMALISM = entry(
    "形式主义官僚主义",
    zh="做表面文章、脱离实际的作风，和脱离群众、高高在上的作风。",
    en="formalism and bureaucratism",
    variants=("形式主义、官僚主义",),
)

# --- helpers: the only code that builds the model's objects and calls the renderers ---


def slug(name: str) -> str:
    return METAS[name].slug


def parse(name: str, *lines: str) -> Text:
    """`lines` parsed as the build parses the source file `name`."""
    return parse_text(SourceText(name=name, text="\n".join(lines) + "\n", encoding="utf-8"))


def unit_texts(text: Text) -> dict[str, str]:
    """Text of each heading (marker and title) and paragraph, by anchor."""
    units = {p.anchor: p.text for p in text.preamble}
    for section in text.walk():
        units[section.anchor] = section.heading
        units.update((p.anchor, p.text) for p in section.paragraphs)
    return units


def span(unit: str, form: str) -> tuple[int, int]:
    """Where `form` first occurs in `unit`."""
    start = unit.index(form)
    return start, start + len(form)


def corpus_index(headings: dict[tuple[str, str], str]) -> CorpusIndex:
    """All texts of `METAS`, and top-level headings by (source name, anchor)."""
    texts = tuple(
        CorpusText(SourceText(name=name, text="", encoding="utf-8"), meta)
        for name, meta in METAS.items()
    )
    return CorpusIndex(Corpus(texts), dict(headings), DEFAULT_TUNING.label_chars)


def phrase(
    text: str,
    phrase_slug: str,
    forms: tuple[str, ...] = (),
    definition: GlossaryEntry | None = None,
    counts: dict[str, int] | None = None,
) -> Phrase:
    """A phrase; `counts` by source name."""
    return Phrase(
        text=text,
        slug=phrase_slug,
        forms=forms or (text,),
        entry=definition,
        counts=dict(counts or {}),
    )


def text_page(
    name: str,
    lines: tuple[str, ...],
    marks: dict[str, list[tuple[str, Phrase]]] | None = None,
    keywords: tuple[str, ...] = (),
    section_keywords: dict[str, tuple[str, ...]] | None = None,
    see_also: dict[str, list[tuple[str, str, int]]] | None = None,
    headings: dict[tuple[str, str], str] | None = None,
) -> Page:
    """The page of text `name` made of `lines`; `marks`: (form, phrase) to mark in each
    heading or paragraph, by anchor; `see_also`: (source name, anchor, shared phrases) by
    top-level anchor; `headings`: of other texts, by (source name, anchor)."""
    text = parse(name, *lines)
    units = unit_texts(text)
    words = set(keywords).union(*(section_keywords or {}).values())
    own = TextAnnotation(
        counts={},
        marks={
            anchor: [(*span(units[anchor], form), p.text) for form, p in found]
            for anchor, found in (marks or {}).items()
        },
        lengths={},
        words=Counter(),
        section_words={},
        section_phrases={},
    )
    ann = Annotations(
        phrases={p.text: p for found in (marks or {}).values() for _, p in found},
        text_keywords={name: [Keyword(word, 1.0, 1) for word in keywords]},
        section_keywords={
            (name, anchor): [Keyword(word, 1.0, 1) for word in found]
            for anchor, found in (section_keywords or {}).items()
        },
        see_also={(name, anchor): list(related) for anchor, related in (see_also or {}).items()},
        keyword_slugs={word: KEYWORD_SLUGS[word] for word in words},
    )
    return render_text_page(text, METAS[name], own, ann, corpus_index(headings or {}))


def phrase_page(shown: Phrase, occurrences: list[tuple[str, str, str, str]]) -> Page:
    """The page of `shown`, with a concordance of `occurrences`: (source name, anchor, text
    of that heading or paragraph, form found in it)."""
    found = [
        Occurrence(name, anchor, *span(unit, form)) for name, anchor, unit, form in occurrences
    ]
    units = {(name, anchor): unit for name, anchor, unit, _ in occurrences}
    return render_phrase_page(shown, found, corpus_index({}), units)


def phrase_index(phrases: list[Phrase]) -> str:
    return render_phrase_index(phrases)


def keyword_index(
    words: dict[str, tuple[int, list[tuple[str, str]]]], headings: dict[tuple[str, str], str]
) -> str:
    """The keyword index of `words` (count, and sections as (source name, anchor)), in
    pinyin order; `headings` by (source name, anchor)."""
    ann = Annotations(
        keyword_index=dict(words), keyword_slugs={word: KEYWORD_SLUGS[word] for word in words}
    )
    return render_keyword_index(ann, corpus_index(headings))


def search_docs(name: str, lines: tuple[str, ...], lengths: dict[str, list[int]]) -> list[dict]:
    """Search documents of text `name` made of `lines`; `lengths`: word lengths by anchor."""
    return search_documents(parse(name, *lines), METAS[name], lengths)


def catalogue(texts: list[tuple[TextMeta, str]], limit: int = 200) -> str:
    return render_catalogue(texts, "texts", limit)


KEYWORD_SLUGS = {
    "快餐式": "kuai-can-shi",
    "碎片化": "sui-pian-hua",
    "浅层次": "qian-ceng-ci",
    "深层次": "shen-ceng-ci",
    "5G基站": "5g-ji-zhan",
    "ＸＸ项目": "xx-xiang-mu",
    "12345热线": "12345-re-xian",
}


# --- text pages ---

# Lines of seed 000: the opening sentence, the first heading, and a body of two clauses
# (one with a ** redaction) holding a mined phrase and a glossary term.
PREAMBLE_000 = "这次民主生活会的主题和对照检查内容，突出了旗帜鲜明讲政治的重要要求。"
HEADING_000 = "一、查摆出的主要问题"
BODY_000 = "增强了推动**融入新发展格局的坚定自觉，以实际行动践行“两个维护”。"


def seed_000_page() -> Page:
    mined = phrase("新发展格局", "xin-fa-zhan-ge-ju")
    upholds = phrase("两个维护", "liang-ge-wei-hu", definition=TWO_UPHOLDS)
    return text_page(
        S000,
        (PREAMBLE_000, HEADING_000, BODY_000),
        marks={"s1-p1": [("新发展格局", mined), ("两个维护", upholds)]},
    )


META_000 = (
    '<p class="corpus-meta"'
    ' data-corpus-title="市委书记“旗帜鲜明讲政治”专题民主生活会个人对照检查材料"'
    ' data-corpus-year="2022" data-corpus-role="市委书记"'
    ' data-corpus-meeting="2022年“旗帜鲜明讲政治”专题民主生活会（党的二十大召开前）"'
    ' data-corpus-source="000_1ecf946f01ba9833.txt">'
    "<span>2022年</span> · <span>市委书记</span>"
    " · <span>2022年“旗帜鲜明讲政治”专题民主生活会（党的二十大召开前）</span>"
    " · <span>来源文件 <code>000_1ecf946f01ba9833.txt</code></span></p>\n"
    # the citation as files
    '<p class="corpus-downloads"><span class="corpus-label">引用数据</span>'
    ' <a href="../../data/cite/2022-shiweishuji-jiangzhengzhi.json" download>CSL-JSON</a>'
    ' <a href="../../data/cite/2022-shiweishuji-jiangzhengzhi.bib" download>BibTeX</a></p>\n'
)
PREAMBLE_000_HTML = (
    '<p id="s0-p1" class="corpus-p">'
    "这次民主生活会的主题和对照检查内容，突出了旗帜鲜明讲政治的重要要求。"
    '<a class="headerlink" href="#s0-p1" title="本段链接">¶</a></p>\n'
)
# the role its heading names, under a top-level heading
ROLE_000_HTML = (
    '<div class="corpus-annot">'
    '<p class="corpus-kind"><span class="corpus-label">作用</span> 查摆问题</p></div>\n'
)
BODY_000_HTML = (
    '<p id="s1-p1" class="corpus-p">增强了推动'
    '<span class="corpus-redaction" title="原文此处已隐去">**</span>融入'
    '<a class="corpus-phrase" href="../../phrases/xin-fa-zhan-ge-ju/">'
    "新发展格局</a>的坚定自觉，以实际行动践行“"
    '<a class="corpus-phrase corpus-phrase--defined" href="../../phrases/liang-ge-wei-hu/"'
    ' title="两个维护：坚决维护习近平同志党中央的核心、全党的核心地位，'
    '坚决维护党中央权威和集中统一领导。（the &quot;Two Upholds&quot;）">两个维护</a>”。'
    '<a class="headerlink" href="#s1-p1" title="本段链接">¶</a></p>\n'
)


def test_text_page_markdown_holds_front_matter_headings_and_slots():
    page = seed_000_page()
    assert page.markdown_text() == (
        "---\n"
        'title: "市委书记“旗帜鲜明讲政治”专题民主生活会个人对照检查材料"\n'
        "search:\n"
        "  exclude: true\n"
        "---\n"
        "\n"
        "# 市委书记“旗帜鲜明讲政治”专题民主生活会个人对照检查材料 {#title}\n"
        "\n"
        "<!-- corpus:0 -->\n"
        "\n"
        '## 一、查摆出的主要问题 {#s1 data-corpus-path=""}\n'
        "\n"
        "<!-- corpus:1 -->\n"
    )


def test_text_page_bodies_hold_meta_preamble_and_marked_paragraph():
    page = seed_000_page()
    assert page.bodies_text() == (
        "<!-- corpus:0 -->\n"
        + META_000
        + PREAMBLE_000_HTML
        + "<!-- corpus:1 -->\n"
        + ROLE_000_HTML
        + BODY_000_HTML
    )


# Seed 002: a level-1 heading with no body, a level-2 heading with an ASCII bracket
# (`（一)`, indented in the source) holding a glossary term, and `1.` with a short body.
HEADING_002 = "二、2021年度查摆的主要问题"
SUBHEADING_002 = "  （一)在带头深刻感悟“两个确立”的决定性意义方面。"
ITEM_002 = "1.理论政策的学习研究不深入。更多的是快餐式阅读、碎片化学习、浅层次思考。"


def seed_002_page() -> Page:
    establishes = phrase("两个确立", "liang-ge-que-li", definition=TWO_ESTABLISHES)
    return text_page(
        S002,
        (HEADING_002, SUBHEADING_002, ITEM_002),
        marks={"s2-1": [("两个确立", establishes)]},
        keywords=("快餐式", "碎片化"),
        section_keywords={"s2": ("浅层次",)},
        see_also={"s2": [(S003, "s1", 3), (S001, "s0", 2)]},
        headings={(S003, "s1"): "一、对照检查找出的问题"},
    )


def test_text_page_nested_headings_escaped_marked_and_annotated():
    page = seed_002_page()
    assert page.markdown_text() == (
        "---\n"
        'title: "区委副书记2021年度民主生活会个人对照检查材料"\n'
        "search:\n"
        "  exclude: true\n"
        "---\n"
        "\n"
        "# 区委副书记2021年度民主生活会个人对照检查材料 {#title}\n"
        "\n"
        "<!-- corpus:0 -->\n"
        "\n"
        '## 二、2021年度查摆的主要问题 {#s2 data-corpus-path=""}\n'
        "\n"
        "<!-- corpus:1 -->\n"
        "\n"
        # `)` and `.` are Markdown punctuation: numeric references; the path is the
        # markers of the enclosing headings
        "### （一&#41;在带头深刻感悟“"
        '<a class="corpus-phrase corpus-phrase--defined" href="../../phrases/liang-ge-que-li/"'
        ' title="两个确立：确立习近平同志党中央的核心、全党的核心地位，'
        "确立习近平新时代中国特色社会主义思想的指导地位。"
        '（the &quot;Two Establishes&quot;）">两个确立</a>”的决定性意义方面。'
        ' {#s2-1 data-corpus-path="二、"}\n'
        "\n"
        "<!-- corpus:2 -->\n"
        "\n"
        '#### 1&#46;理论政策的学习研究不深入。 {#s2-1-1 data-corpus-path="二、（一)"}\n'
        "\n"
        "<!-- corpus:3 -->\n"
    )
    assert page.bodies_text() == (
        "<!-- corpus:0 -->\n"
        '<p class="corpus-meta" data-corpus-title="区委副书记2021年度民主生活会个人对照检查材料"'
        ' data-corpus-year="2021" data-corpus-role="区委副书记"'
        ' data-corpus-meeting="2021年度民主生活会" data-corpus-source="002_d2c4fd0f5dacfba5.txt">'
        "<span>2021年</span> · <span>区委副书记</span> · <span>2021年度民主生活会</span>"
        " · <span>来源文件 <code>002_d2c4fd0f5dacfba5.txt</code></span></p>\n"
        '<p class="corpus-downloads"><span class="corpus-label">引用数据</span>'
        ' <a href="../../data/cite/2021-quwei-fushuji.json" download>CSL-JSON</a>'
        ' <a href="../../data/cite/2021-quwei-fushuji.bib" download>BibTeX</a></p>\n'
        '<p class="corpus-keywords"><span class="corpus-label">关键词</span>'
        ' <a href="../../keywords/#kw-kuai-can-shi">快餐式</a>'
        ' <a href="../../keywords/#kw-sui-pian-hua">碎片化</a></p>\n'
        "<!-- corpus:1 -->\n"
        '<div class="corpus-annot">'
        '<p class="corpus-kind"><span class="corpus-label">作用</span> 查摆问题</p>'
        '<p class="corpus-keywords"><span class="corpus-label">关键词</span>'
        ' <a href="../../keywords/#kw-qian-ceng-ci">浅层次</a></p>'
        '<p class="corpus-see-also"><span class="corpus-label">另见</span>'
        ' <a href="../2022-shiweishuji/#s1" title="共有 3 条提法">'
        "《市委书记2022年民主生活会对照检查材料》一、对照检查找出的问题</a>"
        ' <a href="../2021-bianban-fuzeren/" title="共有 2 条提法">'
        "《市委编办负责同志2021年度民主生活会个人对照检查材料》引言</a></p></div>\n"
        "<!-- corpus:2 -->\n"
        # the aspect its heading names, linking to this text's row on the aspect's page
        '<p class="corpus-kind"><span class="corpus-label">方面</span>'
        ' <a href="../../aspects/zhengzhi-suzhi/#t-2021-quwei-fushuji"'
        ' title="各篇材料在这一方面的对照">政治素质/政治能力</a></p>\n'
        "<!-- corpus:3 -->\n"
        '<p id="s2-1-1-p1" class="corpus-p">更多的是快餐式阅读、碎片化学习、浅层次思考。'
        '<a class="headerlink" href="#s2-1-1-p1" title="本段链接">¶</a></p>\n'
    )


def test_text_page_escapes_hostile_metadata_headings_and_paragraphs():
    # lines of tests/samples/hostile/hostile.txt; a title ends at its first colon
    page = text_page(
        HOSTILE,
        (
            '<script>alert("source")</script>前言里有脚本',
            "一、<b>粗体</b>[链接](javascript:alert(1))",
            '[x](javascript:alert(1)) <a href="http://evil.example/">外链</a> <http://evil.example/>',
        ),
    )
    redaction = '<span class="corpus-redaction" title="原文此处已隐去">&#42;&#42;</span>'
    assert page.markdown_text() == (
        "---\n"
        f'title: "{HOSTILE_TITLE}"\n'
        "search:\n"
        "  exclude: true\n"
        "---\n"
        "\n"
        "# &#60;/title&#62;&#60;script&#62;alert&#40;&#34;title&#34;&#41;&#60;/script&#62;《标题》"
        f"{redaction}粗{redaction} {{#title}}\n"
        "\n"
        "<!-- corpus:0 -->\n"
        "\n"
        "## 一、&#60;b&#62;粗体&#60;/b&#62;&#91;链接&#93;&#40;javascript&#58;"
        ' {#s1 data-corpus-path=""}\n'
        "\n"
        "<!-- corpus:1 -->\n"
    )
    assert page.bodies_text() == (
        "<!-- corpus:0 -->\n"
        f'<p class="corpus-meta" data-corpus-title="{HOSTILE_TITLE}" data-corpus-year="2024"'
        ' data-corpus-role="&lt;img src=x onerror=alert(1)&gt;角色"'
        ' data-corpus-meeting="{{ page.title }} 会议 &quot;引号&quot;"'
        ' data-corpus-source="hostile.txt"><span>2024年</span>'
        " · <span>&lt;img src=x onerror=alert(1)&gt;角色</span>"
        " · <span>{{ page.title }} 会议 &quot;引号&quot;</span>"
        " · <span>来源文件 <code>hostile.txt</code></span></p>\n"
        '<p class="corpus-downloads"><span class="corpus-label">引用数据</span>'
        ' <a href="../../data/cite/hostile.json" download>CSL-JSON</a>'
        ' <a href="../../data/cite/hostile.bib" download>BibTeX</a></p>\n'
        '<p id="s0-p1" class="corpus-p">'
        "&lt;script&gt;alert(&quot;source&quot;)&lt;/script&gt;前言里有脚本"
        '<a class="headerlink" href="#s0-p1" title="本段链接">¶</a></p>\n'
        "<!-- corpus:1 -->\n"
        '<p id="s1-p1" class="corpus-p">alert(1))'
        '<a class="headerlink" href="#s1-p1" title="本段链接">¶</a></p>\n'
        '<p id="s1-p2" class="corpus-p">[x](javascript:alert(1))'
        " &lt;a href=&quot;http://evil.example/&quot;&gt;外链&lt;/a&gt;"
        " &lt;http://evil.example/&gt;"
        '<a class="headerlink" href="#s1-p2" title="本段链接">¶</a></p>\n'
    )


# --- Page and its sidecar ---


def test_page_puts_each_run_of_body_html_in_one_numbered_slot():
    page = Page()
    page.markdown("# 一、查摆出的主要问题 {#s1}\n")
    page.html("")  # nothing to show: no slot
    page.html('<p id="s1-p1">甲</p>\n')
    page.html('<p id="s1-p2">乙</p>\n')
    page.markdown("## （一）政治理论学习不够系统。 {#s1-1}\n")
    page.html('<p id="s1-1-p1">丙</p>\n')
    assert page.markdown_text() == (
        "# 一、查摆出的主要问题 {#s1}\n"
        "\n"
        "<!-- corpus:0 -->\n"
        "\n"
        "## （一）政治理论学习不够系统。 {#s1-1}\n"
        "\n"
        "<!-- corpus:1 -->\n"
    )
    assert page.bodies_text() == (
        "<!-- corpus:0 -->\n"
        '<p id="s1-p1">甲</p>\n'
        '<p id="s1-p2">乙</p>\n'
        "<!-- corpus:1 -->\n"
        '<p id="s1-1-p1">丙</p>\n'
    )
    assert split_bodies(page.bodies_text()) == {
        "0": '<p id="s1-p1">甲</p>\n<p id="s1-p2">乙</p>\n',
        "1": '<p id="s1-1-p1">丙</p>\n',
    }


def test_page_without_bodies_has_an_empty_sidecar():
    page = Page()
    page.markdown("# 提法索引 {#title}\n")
    page.html("")
    assert page.markdown_text() == "# 提法索引 {#title}\n"
    assert page.bodies_text() == ""
    assert split_bodies(page.bodies_text()) == {}


def test_split_bodies_gives_back_every_body_of_a_text_page_in_its_slot():
    page = seed_000_page()
    bodies = split_bodies(page.bodies_text())
    assert RE_SLOT.findall(page.markdown_text()) == list(bodies) == ["0", "1"]
    assert bodies == {"0": META_000 + PREAMBLE_000_HTML, "1": ROLE_000_HTML + BODY_000_HTML}
    # what the MkDocs hook does: each slot replaced by its body
    spliced = RE_SLOT.sub(lambda slot: bodies[slot[1]], page.markdown_text())
    assert spliced == (
        "---\n"
        'title: "市委书记“旗帜鲜明讲政治”专题民主生活会个人对照检查材料"\n'
        "search:\n"
        "  exclude: true\n"
        "---\n"
        "\n"
        "# 市委书记“旗帜鲜明讲政治”专题民主生活会个人对照检查材料 {#title}\n"
        "\n" + META_000 + PREAMBLE_000_HTML + "\n"
        "\n"
        '## 一、查摆出的主要问题 {#s1 data-corpus-path=""}\n'
        "\n" + ROLE_000_HTML + BODY_000_HTML + "\n"
    )


# --- the catalogue of texts (home page) ---


def test_catalogue_lists_texts_newest_year_first_then_by_slug():
    texts = [
        (METAS[S000], S000),
        (METAS[S001], S001),
        # a text without metadata (tests/samples/messy): its file name is its title
        (
            TextMeta(slug="shi-wei-shu-ji-2023", title="市委 书记（2023）.txt"),
            "市委 书记（2023）.txt",
        ),
        (METAS[S002], S002),
        (METAS[S003], S003),
    ]
    assert catalogue(texts) == (
        "## 2022年 {#y2022}\n"
        "\n"
        "- [《市委书记2022年民主生活会对照检查材料》](texts/2022-shiweishuji.md)  \n"
        "  市委书记 · 2022年度民主生活会 · 来源文件 003&#95;eeed8751cc19b1e4&#46;txt\n"
        "- [《市委书记“旗帜鲜明讲政治”专题民主生活会个人对照检查材料》]"
        "(texts/2022-shiweishuji-jiangzhengzhi.md)  \n"
        "  市委书记 · 2022年“旗帜鲜明讲政治”专题民主生活会（党的二十大召开前）"
        " · 来源文件 000&#95;1ecf946f01ba9833&#46;txt\n"
        "\n"
        "## 2021年 {#y2021}\n"
        "\n"
        "- [《市委编办负责同志2021年度民主生活会个人对照检查材料》]"
        "(texts/2021-bianban-fuzeren.md)  \n"
        "  市委机构编制委员会办公室负责同志 · 2021年度民主生活会"
        " · 来源文件 001&#95;d692f105936694d5&#46;txt\n"
        "- [《区委副书记2021年度民主生活会个人对照检查材料》](texts/2021-quwei-fushuji.md)  \n"
        "  区委副书记 · 2021年度民主生活会 · 来源文件 002&#95;d2c4fd0f5dacfba5&#46;txt\n"
        "\n"
        "## 年份不详 {#y-unknown}\n"
        "\n"
        "- [《市委 书记（2023）&#46;txt》](texts/shi-wei-shu-ji-2023.md)  \n"
        "  来源文件 市委 书记（2023）&#46;txt\n"
    )


def test_beyond_its_limit_the_catalogue_lists_years_and_each_year_has_a_page():
    texts = [(METAS[name], name) for name in (S000, S001, S002, S003)]
    assert catalogue(texts, limit=3) == (
        "## 按年份 {#years}\n"
        "\n"
        "共 4 篇材料。\n"
        "\n"
        "- [2022年](texts/years/2022.md)：2 篇\n"
        "- [2021年](texts/years/2021.md)：2 篇\n"
    )
    assert render_years(texts, 4) == {}
    pages = render_years(texts, 3)
    assert list(pages) == ["2022.md", "2021.md"]
    assert pages["2021.md"] == (
        '---\ntitle: "2021年的材料"\nsearch:\n  exclude: true\n---\n'
        "\n"
        "# 2021年 {#title}\n"
        "\n"
        "共 2 篇。[全部年份](../../index.md#years)\n"
        "\n"
        "- [《市委编办负责同志2021年度民主生活会个人对照检查材料》](../2021-bianban-fuzeren.md)  \n"
        "  市委机构编制委员会办公室负责同志 · 2021年度民主生活会"
        " · 来源文件 001&#95;d692f105936694d5&#46;txt\n"
        "- [《区委副书记2021年度民主生活会个人对照检查材料》](../2021-quwei-fushuji.md)  \n"
        "  区委副书记 · 2021年度民主生活会 · 来源文件 002&#95;d2c4fd0f5dacfba5&#46;txt\n"
    )


# --- aspect pages ---

# Headings and first sentences of seeds 003 and 004 on 斗争精神, in problems and causes only.
ASPECT_TEXTS = {
    S003: [
        "一、对照检查找出的问题",
        "（五）带头发扬斗争精神，防范化解风险挑战方面",
        "一是斗争本领不够强。面对复杂问题，有时存在畏难情绪。",
        "二、原因分析",
        "（一）在思想方面。",
        "对理论学习抓得不够紧。",
    ],
    S000: [
        "一、查摆出的主要问题",
        "（三）“履职尽责，担当作为，着力破解突出矛盾和问题，防范化解风险挑战”方面",
        "在推动工作落实上还有差距。",
        "二、出现问题的原因剖析",
        "（三）斗争精神有所弱化。",
        "面对新时期、新形势、新任务，坚韧斗志有所松动。",
    ],
}


def aspect_outlines() -> dict[str, Outline]:
    return {
        name: Outline.of(t, summaries(t, 8))
        for name in ASPECT_TEXTS
        if (t := parse(name, *ASPECT_TEXTS[name]))
    }


def test_aspect_page_sets_each_texts_sections_on_an_aspect_side_by_side_by_role():
    listing = [(METAS[name], name) for name in ASPECT_TEXTS]
    rows = aspect_rows(listing, aspect_outlines())
    assert [name for _, name, _ in rows["斗争精神"]] == [S003, S000]  # as the catalogue: by slug
    assert [name for _, name, _ in rows["担当作为"]] == [S000]
    assert [name for _, name, _ in rows["理论学习"]] == [S003]
    pages = render_aspect_pages(rows, limit=5)
    assert set(pages) == {"douzheng-jingshen", "dandang-zuowei", "lilun-xuexi"}
    page = pages["douzheng-jingshen"]
    assert page.markdown_text().startswith('---\ntitle: "方面对照：斗争精神"')
    body = page.bodies_text()
    texts = re.findall(r'<section class="corpus-aspect-text">(.*?)</section>', body, re.S)
    assert len(texts) == 2
    first, second = texts
    assert f'<h3 id="t-{slug(S003)}"><a href="../../texts/{slug(S003)}/">' in first
    cells = dict(re.findall(r'data-role="(.+?)">(.*?)</div>', first))
    assert list(cells) == ["查摆问题", "原因剖析"]  # the roles this aspect's sections have
    href = f"../../texts/{slug(S003)}/#s1-5"
    assert cells["查摆问题"] == (
        '<span class="corpus-label">查摆问题</span>'
        f'<p><a href="{href}">（五）带头发扬斗争精神，防范化解风险挑战方面</a>'
        "<span>一是斗争本领不够…</span></p>"  # its first subsection's heading, 8 characters
    )
    assert (
        cells["原因剖析"]
        == '<span class="corpus-label">原因剖析</span><p class="corpus-none">—</p>'
    )
    cells = dict(re.findall(r'data-role="(.+?)">(.*?)</div>', second))
    assert (
        f'href="../../texts/{slug(S000)}/#s2-3">（三）斗争精神有所弱化。</a>' in cells["原因剖析"]
    )
    assert "corpus-none" in cells["查摆问题"]  # its problems section is on 担当作为
    index = render_aspect_index(rows)
    assert "- [斗争精神](douzheng-jingshen.md)：2 篇，2 节" in index
    assert "- 作风：本语料中没有" in index


def test_beyond_its_limit_an_aspect_page_lists_years_and_each_year_has_a_page():
    listing = [(METAS[name], name) for name in ASPECT_TEXTS]
    pages = render_aspect_pages(aspect_rows(listing, aspect_outlines()), limit=1)
    assert set(pages) >= {"douzheng-jingshen", "douzheng-jingshen/2022"}
    years = pages["douzheng-jingshen"].markdown_text()
    assert "- [2022年](douzheng-jingshen/2022.md)：2 篇" in years
    body = pages["douzheng-jingshen/2022"].bodies_text()
    assert f'href="../../../texts/{slug(S003)}/#s1-5"' in body
    assert '<a href="../../">全部方面</a>' in body


# --- phrase pages and the indexes ---

# A heading of seed 002 and a sentence of seed 003 (where the variant form is written).
HEADING_002_FORMALISM = "4.形式主义官僚主义把控不严。"
SENTENCE_003_FORMALISM = (
    "要牢固树立抓好党建就是最大政绩的理念，自觉扛起从严管党治党的政治责任，"
    "持续深入整治“四风”特别是形式主义、官僚主义，时刻做到自重自省自警自励、"
    "慎独慎初慎微慎友，示范带动全市干部不断把全面从严治党引向深入。"
)


def test_phrase_page_shows_definition_bars_and_concordance():
    formalism = phrase(
        "形式主义官僚主义",
        "xing-shi-zhu-yi-guan-liao-zhu-yi",
        ("形式主义官僚主义", "形式主义、官僚主义"),
        FORMALISM,
        counts={S003: 2, S002: 3},  # shown in corpus order
    )
    # two of five occurrences: the concordance is limited, the counts are not
    page = phrase_page(
        formalism,
        [
            (S002, "s2-5-4", HEADING_002_FORMALISM, "形式主义官僚主义"),
            (S003, "s3-0-4-p1", SENTENCE_003_FORMALISM, "形式主义、官僚主义"),
        ],
    )
    assert page.markdown_text() == (
        "---\n"
        'title: "形式主义官僚主义"\n'
        "search:\n"
        "  exclude: true\n"
        "---\n"
        "\n"
        "# 形式主义官僚主义 {#title}\n"
        "\n"
        "<!-- corpus:0 -->\n"
        "\n"
        "## 各篇出现次数 {#frequency}\n"
        "\n"
        "<!-- corpus:1 -->\n"
        "\n"
        "## 语境索引 {#concordance}\n"
        "\n"
        "<!-- corpus:2 -->\n"
    )
    assert page.bodies_text() == (
        "<!-- corpus:0 -->\n"
        '<dl class="corpus-definition">'
        "<dt>释义</dt><dd>做表面文章、脱离实际的作风，和脱离群众、高高在上的作风。</dd>"
        '<dt>English</dt><dd lang="en">formalism and bureaucratism</dd>'
        "<dt>异写</dt><dd>“形式主义、官僚主义”</dd></dl>\n"
        '<p class="corpus-stats">出现于 2 篇材料，共 5 次。<a href="../">全部提法</a></p>\n'
        "<!-- corpus:1 -->\n"
        '<div class="corpus-bars">'
        '<a class="corpus-bar" href="#t-2021-quwei-fushuji"'
        ' title="区委副书记2021年度民主生活会个人对照检查材料：3 次">'
        '<span class="corpus-bar__label">区委副书记2021年度民主生活会个人对照检查材料</span>'
        '<span class="corpus-bar__track"><span class="corpus-bar__fill" style="width:100.0%">'
        '</span></span><span class="corpus-bar__count">3</span></a>'
        '<a class="corpus-bar" href="#t-2022-shiweishuji"'
        ' title="市委书记2022年民主生活会对照检查材料：2 次">'
        '<span class="corpus-bar__label">市委书记2022年民主生活会对照检查材料</span>'
        '<span class="corpus-bar__track"><span class="corpus-bar__fill" style="width:66.7%">'
        '</span></span><span class="corpus-bar__count">2</span></a></div>\n'
        "<!-- corpus:2 -->\n"
        '<p class="corpus-downloads"><a href="../../data/concordance/'
        'xing-shi-zhu-yi-guan-liao-zhu-yi.csv" download>'
        "下载语境索引（CSV）</a></p>\n"
        '<p class="corpus-stats">以下列出前 2 处，共 5 处；各篇次数见上。</p>\n'
        '<h3 id="t-2021-quwei-fushuji">《区委副书记2021年度民主生活会个人对照检查材料》</h3>\n'
        '<div class="corpus-concordance"><a class="corpus-kwic" href="../../texts/'
        "2021-quwei-fushuji/?h=%E5%BD%A2%E5%BC%8F%E4%B8%BB%E4%B9%89"
        '%E5%AE%98%E5%83%9A%E4%B8%BB%E4%B9%89#s2-5-4">'
        '<span class="corpus-kwic__left">4.</span>'
        '<mark class="corpus-kwic__key">形式主义官僚主义</mark>'
        '<span class="corpus-kwic__right">把控不严。</span></a></div>\n'
        '<h3 id="t-2022-shiweishuji">《市委书记2022年民主生活会对照检查材料》</h3>\n'
        '<div class="corpus-concordance"><a class="corpus-kwic" href="../../texts/'
        "2022-shiweishuji/?h=%E5%BD%A2%E5%BC%8F%E4%B8%BB%E4%B9%89%E3%80%81"
        '%E5%AE%98%E5%83%9A%E4%B8%BB%E4%B9%89#s3-0-4-p1">'
        # 20 characters each side, an ellipsis where the paragraph goes on
        '<span class="corpus-kwic__left">…党的政治责任，持续深入整治“四风”特别是</span>'
        '<mark class="corpus-kwic__key">形式主义、官僚主义</mark>'
        '<span class="corpus-kwic__right">，时刻做到自重自省自警自励、慎独慎初慎微…</span>'
        "</a></div>\n"
    )


def test_phrase_page_of_a_mined_phrase_with_redactions_in_its_context():
    unit = "2019年发生了**农商行“挤兑风波”，2020年出现了**投资担保公司失信问题"
    page = phrase_page(
        phrase("农商行", "nong-shang-hang", counts={S000: 1}),
        [(S000, "s1-3-p2", unit, "农商行")],
    )
    assert page.bodies_text() == (
        "<!-- corpus:0 -->\n"
        '<p class="corpus-definition corpus-definition--none">'
        "自动发现的重复提法，词表暂无释义。</p>\n"
        '<p class="corpus-stats">出现于 1 篇材料，共 1 次。<a href="../">全部提法</a></p>\n'
        "<!-- corpus:1 -->\n"
        '<div class="corpus-bars"><a class="corpus-bar" href="#t-2022-shiweishuji-jiangzhengzhi"'
        ' title="市委书记“旗帜鲜明讲政治”专题民主生活会个人对照检查材料：1 次">'
        '<span class="corpus-bar__label">'
        "市委书记“旗帜鲜明讲政治”专题民主生活会个人对照检查材料</span>"
        '<span class="corpus-bar__track"><span class="corpus-bar__fill" style="width:100.0%">'
        '</span></span><span class="corpus-bar__count">1</span></a></div>\n'
        "<!-- corpus:2 -->\n"
        '<p class="corpus-downloads"><a href="../../data/concordance/nong-shang-hang.csv" download>'
        "下载语境索引（CSV）</a></p>\n"
        '<h3 id="t-2022-shiweishuji-jiangzhengzhi">'
        "《市委书记“旗帜鲜明讲政治”专题民主生活会个人对照检查材料》</h3>\n"
        '<div class="corpus-concordance"><a class="corpus-kwic"'
        ' href="../../texts/2022-shiweishuji-jiangzhengzhi/?h=%E5%86%9C%E5%95%86%E8%A1%8C#s1-3-p2">'
        '<span class="corpus-kwic__left">2019年发生了'
        '<span class="corpus-redaction" title="原文此处已隐去">**</span></span>'
        '<mark class="corpus-kwic__key">农商行</mark>'
        '<span class="corpus-kwic__right">“挤兑风波”，2020年出现了'
        '<span class="corpus-redaction" title="原文此处已隐去">**</span>投资担…</span>'
        "</a></div>\n"
    )


HOSTILE_TITLE = "&lt;/title&gt;&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;《标题》**粗**"


def test_phrase_page_escapes_a_hostile_title_and_context():
    # a paragraph of tests/samples/hostile/hostile.txt, under 一、（一）
    unit = "正文 *星号* _下划线_ |竖线| `反引号` **加粗** XX地方 &amp; &lt; \\转义"
    page = phrase_page(
        phrase("地方", "di-fang", counts={HOSTILE: 1}), [(HOSTILE, "s1-1-p1", unit, "地方")]
    )
    assert page.bodies_text() == (
        "<!-- corpus:0 -->\n"
        '<p class="corpus-definition corpus-definition--none">'
        "自动发现的重复提法，词表暂无释义。</p>\n"
        '<p class="corpus-stats">出现于 1 篇材料，共 1 次。<a href="../">全部提法</a></p>\n'
        "<!-- corpus:1 -->\n"
        '<div class="corpus-bars"><a class="corpus-bar" href="#t-hostile"'
        f' title="{HOSTILE_TITLE}：1 次"><span class="corpus-bar__label">{HOSTILE_TITLE}</span>'
        '<span class="corpus-bar__track"><span class="corpus-bar__fill" style="width:100.0%">'
        '</span></span><span class="corpus-bar__count">1</span></a></div>\n'
        "<!-- corpus:2 -->\n"
        '<p class="corpus-downloads"><a href="../../data/concordance/di-fang.csv" download>'
        "下载语境索引（CSV）</a></p>\n"
        f'<h3 id="t-hostile">《{HOSTILE_TITLE}》</h3>\n'
        '<div class="corpus-concordance"><a class="corpus-kwic"'
        ' href="../../texts/hostile/?h=%E5%9C%B0%E6%96%B9#s1-1-p1">'
        '<span class="corpus-kwic__left">…|竖线| `反引号` '
        '<span class="corpus-redaction" title="原文此处已隐去">**</span>加粗'
        '<span class="corpus-redaction" title="原文此处已隐去">**</span> '
        '<span class="corpus-redaction" title="原文此处已隐去">XX</span></span>'
        '<mark class="corpus-kwic__key">地方</mark>'
        '<span class="corpus-kwic__right"> &amp;amp; &amp;lt; \\转义</span></a></div>\n'
    )


PHRASE_INDEX_PHRASES = [  # in pinyin order, as the build passes them
    phrase("党风廉政建设", "dang-feng-lian-zheng-jian-she", counts={S000: 2, S001: 1}),
    phrase(
        "老好人",
        "lao-hao-ren",
        definition=entry("老好人", zh="<em>怕得罪人</em> & “好人主义”"),  # hostile: escaped
        counts={S001: 1},
    ),
    phrase(
        "一岗双责",
        "yi-gang-shuang-ze",
        definition=entry("一岗双责", zh="领导干部既抓分管业务，又对分管领域的党风廉政建设负责。"),
        counts={S000: 1, S002: 2},
    ),
    phrase("政治判断力", "zheng-zhi-pan-duan-li", counts={S000: 4, S001: 1, S002: 2}),
]


def test_phrase_index_table_rows_by_texts_then_count_then_pinyin():
    page = phrase_index(PHRASE_INDEX_PHRASES)
    table = page[page.index("<table") :]
    assert table == (
        '<table id="corpus-phrase-table" class="corpus-phrase-table"><thead><tr>'
        "<th>提法</th><th>文本数</th><th>总次数</th><th>释义</th></tr></thead><tbody>"
        '<tr data-texts="3" data-count="7" data-pinyin="3"><td>'
        '<a class="corpus-phrase" href="zheng-zhi-pan-duan-li/">政治判断力</a></td>'
        "<td>3</td><td>7</td><td></td></tr>"
        # a tie of texts and count: pinyin order (党 before 一), not code point order
        '<tr data-texts="2" data-count="3" data-pinyin="0"><td>'
        '<a class="corpus-phrase" href="dang-feng-lian-zheng-jian-she/">党风廉政建设</a></td>'
        "<td>2</td><td>3</td><td></td></tr>"
        '<tr data-texts="2" data-count="3" data-pinyin="2"><td>'
        '<a class="corpus-phrase" href="yi-gang-shuang-ze/">一岗双责</a></td>'
        "<td>2</td><td>3</td><td>领导干部既抓分管业务，又对分管领域的党风廉政建设负责。</td></tr>"
        '<tr data-texts="1" data-count="1" data-pinyin="1"><td>'
        '<a class="corpus-phrase" href="lao-hao-ren/">老好人</a></td>'
        "<td>1</td><td>1</td><td>&lt;em&gt;怕得罪人&lt;/em&gt; &amp; “好人主义”</td></tr>"
        "</tbody></table>\n"
    )


def test_phrase_index_page_around_the_table():
    page = phrase_index(PHRASE_INDEX_PHRASES)
    assert page.startswith(
        '---\ntitle: "提法索引"\nsearch:\n  exclude: true\n---\n\n# 提法索引 {#title}\n\n<p>'
    )
    # the introduction counts the phrases and the glossary's; its wording about how many
    # texts a mined phrase recurs in follows --min-texts and is not pinned here
    intro = page[page.index("<p>") : page.index("</p>")]
    assert intro.startswith("<p>共 4 条提法：2 条来自词表（2 条有释义），")
    assert page.count("<p") == 2
    assert (
        '\n\n<p class="corpus-sort" data-target="corpus-phrase-table">排序：'
        '<button type="button" data-sort="texts">文本数</button> '
        '<button type="button" data-sort="count">总次数</button> '
        '<button type="button" data-sort="pinyin">拼音</button></p>\n\n<table '
    ) in page


def test_phrase_index_counts_only_glossary_terms_with_an_explanation_as_explained():
    bare = phrase("两个维护", "liang-ge-wei-hu", definition=entry("两个维护"), counts={S000: 1})
    page = phrase_index([*PHRASE_INDEX_PHRASES, bare])
    assert "<p>共 5 条提法：3 条来自词表（2 条有释义），" in page


def test_keyword_index_puts_words_without_a_latin_initial_in_one_group_with_one_anchor():
    section = [(S002, "s2")]
    page = keyword_index(
        {"5G基站": (2, section), "快餐式": (2, section), "12345热线": (2, section)},
        headings={(S002, "s2"): "二、2021年度查摆的主要问题"},
    )
    assert page.count("{#letter-other}") == 1
    assert re.findall(r"^## (\S+)", page, re.M) == ["#", "K"]
    other = page[page.index("{#letter-other}") : page.index("{#letter-k}")]
    assert re.findall(r'id="kw-([^"]+)"', other) == ["5g-ji-zhan", "12345-re-xian"]


def test_keyword_index_groups_by_pinyin_initial_and_links_sections():
    page = keyword_index(
        {  # in pinyin order, as the build passes them
            "快餐式": (2, [(S002, "s2")]),
            "深层次": (3, [(S002, "s1"), (S003, "s0")]),
            "碎片化": (2, [(S002, "s2")]),
        },
        headings={
            (S002, "s1"): "一、上年度民主生活会查摆问题整改情况",
            (S002, "s2"): "二、2021年度查摆的主要问题",
        },
    )
    assert page == (
        "---\n"
        'title: "关键词索引"\n'
        "search:\n"
        "  exclude: true\n"
        "---\n"
        "\n"
        "# 关键词索引 {#title}\n"
        "\n"
        "<p>各篇材料及其各部分的关键词（按本语料库计算的 TF-IDF），按拼音排列；"
        "数字为在全部材料中出现的次数，链接指向该词最突出的章节。</p>\n"
        "\n"
        "## K {#letter-k}\n"
        "\n"
        '<ul class="corpus-keyword-index"><li id="kw-kuai-can-shi"><strong>快餐式</strong>'
        ' <span class="corpus-count">2</span> <a href="../texts/2021-quwei-fushuji/#s2">'
        "《区委副书记2021年度民主生活会个人对照检查材料》二、2021年度查摆的主要问题</a></li>"
        "</ul>\n"
        "\n"
        "## S {#letter-s}\n"
        "\n"
        '<ul class="corpus-keyword-index"><li id="kw-shen-ceng-ci"><strong>深层次</strong>'
        ' <span class="corpus-count">3</span> <a href="../texts/2021-quwei-fushuji/#s1">'
        # a heading longer than 16 characters is cut; the preamble is 引言
        "《区委副书记2021年度民主生活会个人对照检查材料》一、上年度民主生活会查摆问题整改…</a>"
        ' <a href="../texts/2022-shiweishuji/">《市委书记2022年民主生活会对照检查材料》引言</a>'
        '</li><li id="kw-sui-pian-hua"><strong>碎片化</strong>'
        ' <span class="corpus-count">2</span> <a href="../texts/2021-quwei-fushuji/#s2">'
        "《区委副书记2021年度民主生活会个人对照检查材料》二、2021年度查摆的主要问题</a></li>"
        "</ul>\n"
    )


# --- search documents ---


def test_encode_lengths_one_character_per_word_longer_words_in_pieces():
    assert encode_lengths([1, 2, 10, 11, 36, 37, 61]) == "019azAY"
    assert encode_lengths([62]) == "Z0"
    assert encode_lengths([63]) == "Z1"
    assert encode_lengths([70]) == "Z8"
    assert encode_lengths([62, 8]) == "Z07"
    assert encode_lengths([122, 123, 124]) == "ZYZZ0ZZ1"
    assert encode_lengths([]) == ""
    with pytest.raises(ValueError):
        encode_lengths([3, 0])


def test_search_documents_one_per_section_with_word_lengths():
    # seed 000: the opening sentence, a heading, a sentence segmented and one that is not
    first = "比如，**2021年空气质量主要指标在全国全省排名靠后，深感压力巨大。"
    second = "前些年，**与全国很多地方一样，各种民间投融资机构迅速“冒”了出来，但管理很不规范。"
    docs = search_docs(
        S000,
        (PREAMBLE_000, HEADING_000, first, second),
        {
            # 这次/民主生活会/的/主题/和/对照检查/内容/，/突出/了/旗帜鲜明/讲政治/的/重要/要求/。
            "s0-p1": [2, 5, 1, 2, 1, 4, 2, 1, 2, 1, 4, 3, 1, 2, 2, 1],
            # 比如/，/**/2021/年/空气质量/主要/指标/在/全国/全省/排名/靠后/，/深感/压力/巨大/。
            "s1-p1": [2, 1, 2, 4, 1, 4, 2, 2, 1, 2, 2, 2, 2, 1, 2, 2, 2, 1],
        },
    )
    assert docs == [
        {
            "location": "texts/2022-shiweishuji-jiangzhengzhi/",
            "title": "市委书记“旗帜鲜明讲政治”专题民主生活会个人对照检查材料",
            "text": "这次民主生活会的主题和对照检查内容，突出了旗帜鲜明讲政治的重要要求。",
            "words": "1401031010320110",
            "anchor": "s0",
            "markers": "",
            "level": 0,
            "role": None,
            "aspect": None,
            "year": 2022,
        },
        {
            "location": "texts/2022-shiweishuji-jiangzhengzhi/#s1",
            "title": "一、查摆出的主要问题",
            "text": "比如，**2021年空气质量主要指标在全国全省排名靠后，深感压力巨大。\n"
            "前些年，**与全国很多地方一样，各种民间投融资机构迅速“冒”了出来，但管理很不规范。",
            # the newline between paragraphs is a word of 1; a paragraph without
            # boundaries is one word (42 characters: F)
            "words": "101303110111101110" + "0" + "F",
            "anchor": "s1",
            "markers": "一、",
            "level": 1,
            "role": "查摆问题",
            "aspect": None,
            "year": 2022,
        },
    ]


def test_search_documents_of_a_text_without_preamble_or_body():
    assert search_docs(S002, (HEADING_002, SUBHEADING_002), {}) == [
        {
            "location": "texts/2021-quwei-fushuji/",
            "title": "区委副书记2021年度民主生活会个人对照检查材料",
            "text": "",
            "words": "",
            "anchor": "s0",
            "markers": "",
            "level": 0,
            "role": None,
            "aspect": None,
            "year": 2021,
        },
        {
            "location": "texts/2021-quwei-fushuji/#s2",
            "title": "二、2021年度查摆的主要问题",
            "text": "",
            "words": "",
            "anchor": "s2",
            "markers": "二、",
            "level": 1,
            "role": "查摆问题",
            "aspect": None,
            "year": 2021,
        },
        {
            "location": "texts/2021-quwei-fushuji/#s2-1",
            "title": "（一)在带头深刻感悟“两个确立”的决定性意义方面。",
            "text": "",
            "words": "",
            # the markers of the section and those above it; the role of its top-level section
            "anchor": "s2-1",
            "markers": "二、（一)",
            "level": 2,
            "role": "查摆问题",
            "aspect": "政治素质/政治能力",
            "year": 2021,
        },
    ]
