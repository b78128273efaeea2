"""Integrity: messy corpora, anchors that stay put, reproducible builds, owned folders."""

from __future__ import annotations

import pickle
import re
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT, SAMPLES, article, make_project, run_cli, squeeze

from build_corpus.layout import GENERATED
from build_corpus.publish.output import Staging
from build_corpus.read.sources import read_source

MESSY = SAMPLES / "messy"
RE_PARAGRAPH = re.compile(r'<p id="([^"]+)" class="corpus-p">(.*?)</p>')
RE_HEADING = re.compile(r"^#+ (.*) \{#([^ }]+)", re.M)
RE_TAG = re.compile(r"<[^>]+>")


def anchored(markdown: str) -> dict[str, str]:
    """Every anchor of a generated page with the markup it carries (tags stripped)."""
    out = {a: RE_TAG.sub("", body) for a, body in RE_PARAGRAPH.findall(markdown)}
    out.update({a: RE_TAG.sub("", body) for body, a in RE_HEADING.findall(markdown)})
    return out


def generated_page(folder: Path, slug: str) -> str:
    """A generated page's Markdown and its bodies (see `render_markdown.Page`)."""
    markdown = (folder / f"{slug}.md").read_text(encoding="utf-8")
    return markdown + (folder / ".bodies" / f"{slug}.html").read_text(encoding="utf-8")


def pages(project: Path) -> dict[str, dict[str, str]]:
    folder = project / "docs/texts"
    return {
        p.stem: anchored(generated_page(folder, p.stem))
        for p in folder.glob("*.md")
        if not p.name.startswith(".")
    }


# --- messy input -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def messy_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("messy"), MESSY)
    result = run_cli(project, "site")
    assert result.returncode == 0, result.stderr
    return project, result.stderr


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("gbk.txt", "gbk"),
        ("gb18030.txt", "gb18030"),
        ("bom-crlf.txt", "bom-crlf"),
        ("traditional-big5.txt", "traditional-big5"),
        ("traditional-utf8.txt", "traditional-utf8"),
        ("市委 书记（2023）.txt", "shi-wei-shu-ji-2023"),
        ("Report A.txt", "report-a-3c0f"),
        ("report-a.txt", "report-a"),
        ("no-numbering.txt", "no-numbering"),
        ("out-of-order.txt", "out-of-order"),
    ],
)
def test_messy_file_builds_faithfully(messy_site, name, slug):
    project, _ = messy_site
    html = (project / "site/texts" / slug / "index.html").read_text(encoding="utf-8")
    assert squeeze("".join(article(html).text)) == squeeze(read_source(MESSY / name).text)
    assert f"<code>{name}</code>" in html
    assert "\ufeff" not in html and "\r" not in html


@pytest.mark.parametrize(
    "warning",
    [
        "empty.txt: empty file, skipped",
        "whitespace.txt: empty file, skipped",
        "Report A.txt: slug 'report-a' is report-a.txt's; this text is at texts/report-a-3c0f/",
        "no-numbering.txt:1: no numbered headings found; the text is one section",
        "out-of-order.txt:4: heading '（二）' repeats a number; anchor #s1-2b",
        "out-of-order.txt:7: heading '二、' is out of sequence",
        "INFO metadata: 10 texts have no entry in ",
    ],
)
def test_messy_file_warnings(messy_site, warning):
    _, log = messy_site
    assert warning in log


def test_traditional_text_keeps_its_characters(messy_site):
    project, _ = messy_site
    html = (project / "site/texts/traditional-big5/index.html").read_text(encoding="utf-8")
    assert "帶頭深刻領悟「兩個確立」" in html


def test_binary_file_stops_the_build_naming_it(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(MESSY, corpus)
    shutil.copy(SAMPLES / "binary" / "image.txt", corpus / "image.txt")
    project = make_project(tmp_path / "p", corpus)
    result = run_cli(project, "site")
    assert result.returncode == 1
    assert result.stderr.strip().endswith(
        "image.txt: is a binary file (contains NUL bytes), not text"
    )
    assert "Traceback" not in result.stderr
    assert not (project / "docs/texts").exists() and not (project / "site").exists()


def long_text() -> str:
    """About 5 MB: seed paragraphs under sections 一、 … 七百…、, each with （一）…（九）."""
    body = [
        "正文：" + line
        for p in sorted(CORPUS.glob("*.txt"))
        for line in p.read_text(encoding="utf-8").split("\n")
        if len(line) > 60
    ]
    lines, size, i = [], 0, 0
    while size < 5_000_000 or i % 10:  # end on a complete section
        n, k = divmod(i, 10)
        line = (
            f"{_cn(n + 1)}、第{n + 1}部分"
            if k == 0
            else f"（{_cn(k)}）第{k}节。{body[i % len(body)]}"
        )
        lines.append(line)
        size += len(line.encode("utf-8")) + 1
        i += 1
    return "\n".join(lines) + "\n"


def five_hundred_sections() -> str:
    parts = []
    for a in range(1, 26):
        parts.append(f"{_cn(a)}、第{a}部分")
        for b in range(1, 20):
            parts.append(f"（{_cn(b)}）第{a}部分第{b}节。正文{a}-{b}。")
    return "\n".join(parts) + "\n"


def _cn(n: int) -> str:
    """Chinese numeral of 1 ≤ n < 1000: 3 → 三, 12 → 十二, 305 → 三百零五."""
    digits = "零一二三四五六七八九"
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    out = digits[hundreds] + "百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else digits[tens]) + "十"
    elif hundreds and units:
        out += "零"
    return out + (digits[units] if units else "")


def test_five_megabyte_text_builds(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = long_text()
    (corpus / "long.txt").write_text(text, encoding="utf-8")
    assert len(text.encode("utf-8")) >= 5_000_000
    project = make_project(tmp_path / "p", corpus)
    result = run_cli(project, "generate")
    assert result.returncode == 0, result.stderr
    ids = anchored(generated_page(project / "docs/texts", "long"))
    sections = text.count("部分\n")
    assert {f"s{sections}", f"s{sections}-9", f"s{sections}-9-p1"} <= set(ids)
    assert len([a for a in ids if re.fullmatch(r"s\d+", a)]) == sections
    last = text.rstrip("\n").rsplit("\n", 1)[1]
    assert ids[f"s{sections}-9-p1"].rstrip("¶") == last.split("。", 1)[1]


def test_five_hundred_sections_build(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "sections.txt").write_text(five_hundred_sections(), encoding="utf-8")
    project = make_project(tmp_path / "p", corpus)
    result = run_cli(project, "site")
    assert result.returncode == 0, result.stderr
    html = (project / "site/texts/sections/index.html").read_text(encoding="utf-8")
    headings = re.findall(r'<h[2-6] [^>]*id="(s[\d-]+)"', html)
    assert len(headings) == 500 and len(set(headings)) == 500
    assert headings[-1] == "s25-19"


# --- anchors stay put ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_pages(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("anchors-base"))
    assert run_cli(project, "generate").returncode == 0
    return pages(project)


def test_adding_a_text_keeps_every_anchor(tmp_path, seed_pages):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    shutil.copy(MESSY / "out-of-order.txt", corpus / "005_new.txt")
    project = make_project(tmp_path / "p", corpus)
    assert run_cli(project, "generate").returncode == 0
    after = pages(project)
    assert set(after) == set(seed_pages) | {"005-new"}
    for slug, anchors in seed_pages.items():
        assert after[slug] == anchors, slug


def test_removing_a_text_keeps_every_other_anchor(tmp_path, seed_pages):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "003_eeed8751cc19b1e4.txt").unlink()
    metadata = (corpus / "metadata.yml").read_text(encoding="utf-8")
    entry = re.search(r"  003_eeed8751cc19b1e4\.txt:\n(    .*\n)+", metadata)
    (corpus / "metadata.yml").write_text(metadata.replace(entry.group(0), ""), encoding="utf-8")
    project = make_project(tmp_path / "p", corpus)
    result = run_cli(project, "generate")
    assert result.returncode == 0, result.stderr
    after = pages(project)
    assert set(after) == set(seed_pages) - {"2022-shiweishuji"}
    for slug, anchors in after.items():
        assert anchors == seed_pages[slug], slug


def test_appending_a_section_keeps_every_anchor(tmp_path, seed_pages):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    path = corpus / "000_1ecf946f01ba9833.txt"
    path.write_text(
        path.read_text(encoding="utf-8") + "四、新增的一节\n新增的正文。\n", encoding="utf-8"
    )
    project = make_project(tmp_path / "p", corpus)
    assert run_cli(project, "generate").returncode == 0
    after = pages(project)
    grown = after.pop("2022-shiweishuji-jiangzhengzhi")
    old = seed_pages["2022-shiweishuji-jiangzhengzhi"]
    assert {a: grown[a] for a in old} == old
    assert set(grown) - set(old) == {"s4", "s4-p1"}
    assert after == {s: a for s, a in seed_pages.items() if s != "2022-shiweishuji-jiangzhengzhi"}


# --- reproducible builds -------------------------------------------------------------------

MKDOCS_DATED = {"sitemap.xml", "sitemap.xml.gz"}
"""Files MkDocs stamps with the build date."""


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name not in MKDOCS_DATED
    }


def test_two_builds_are_byte_identical(tmp_path, built_site):
    project = make_project(tmp_path / "again")
    assert run_cli(project, "site").returncode == 0
    for folder in ("docs/texts", "docs/phrases", "docs/keywords", "site"):
        first, second = tree(built_site / folder), tree(project / folder)
        assert first.keys() == second.keys(), folder
        different = [name for name in first if first[name] != second[name]]
        assert different == [], folder


# --- the generator owns only its folders ---------------------------------------------------


def generated_files(project: Path) -> dict[Path, int]:
    return {
        p: p.stat().st_mtime_ns
        for folder in GENERATED
        for p in (project / "docs" / folder).rglob("*")
    }


def test_generator_prunes_its_folders_and_never_touches_hand_written_files(tmp_path):
    project = make_project(tmp_path / "p")
    (project / "docs/extra.md").write_text("# 手写页面\n", encoding="utf-8")
    (project / "docs/assets").mkdir()
    (project / "docs/assets/site.css").write_text("body {}\n", encoding="utf-8")
    hand_written = {
        p: (p.read_bytes(), p.stat().st_mtime_ns)
        for p in (project / "docs").rglob("*")
        if p.is_file()
    }
    assert run_cli(project, "generate").returncode == 0
    before = generated_files(project)

    (project / "corpus/003_eeed8751cc19b1e4.txt").unlink()
    metadata = (project / "corpus/metadata.yml").read_text(encoding="utf-8")
    entry = re.search(r"  003_eeed8751cc19b1e4\.txt:\n(    .*\n)+", metadata)
    (project / "corpus/metadata.yml").write_text(
        metadata.replace(entry.group(0), ""), encoding="utf-8"
    )
    result = run_cli(project, "generate")
    assert result.returncode == 0, result.stderr
    after = generated_files(project)

    assert not (project / "docs/texts/2022-shiweishuji.md").exists()
    index = (project / "docs/phrases/index.md").read_text(encoding="utf-8")
    linked = set(re.findall(r'href="([^"/]+)/"', index))
    assert {p.stem for p in (project / "docs/phrases").glob("*.md")} == linked | {"index"}
    assert any(p.parent.name == "phrases" and p not in after for p in before), "stale pages go"
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in hand_written} == hand_written


# --- hostile glossary and command-line errors ----------------------------------------------


def test_hostile_glossary_is_escaped(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLES / "hostile", corpus)
    (corpus / "glossary.yml").write_text(
        "terms:\n"
        "  '<script>alert(3)</script>':\n"
        "    zh: '\"><img src=x onerror=alert(2)>'\n"
        "    en: '{{ config.site_name }} </a><script>alert(3)</script>'\n"
        "    variants: ['[x](javascript:alert(4))']\n",
        encoding="utf-8",
    )
    project = make_project(tmp_path / "p", corpus)
    result = run_cli(project, "site")
    assert result.returncode == 0, result.stderr
    for page in (project / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(" not in html, page
        assert "<img src=x" not in html, page
        assert 'href="javascript:' not in html, page
    text_page = (project / "site/texts/hostile/index.html").read_text(encoding="utf-8")
    # the term occurs in the source, so it is marked, and its tooltip is escaped
    assert 'class="corpus-phrase corpus-phrase--defined"' in text_page
    assert 'title="&lt;script&gt;alert(3)&lt;/script&gt;：&quot;&gt;&lt;img' in text_page


@pytest.mark.parametrize(
    ("file", "content", "message"),
    [
        (
            "metadata.yml",
            "texts:\n  000_1ecf946f01ba9833.txt: {slug: a, title: [}\n",
            "metadata.yml:2: is not valid YAML",
        ),
        (
            "metadata.yml",
            "texts:\n  000_1ecf946f01ba9833.txt:\n    slug: a\n    title: A\n    colour: red\n",
            "metadata.yml:5: unknown field 'colour'",
        ),
        (
            "metadata.yml",
            "texts:\n  000_1ecf946f01ba9833.txt:\n    slug: Bad Slug\n    title: A\n",
            "metadata.yml:3: slug 'Bad Slug' of '000_1ecf946f01ba9833.txt' is not URL-safe",
        ),
        (
            "metadata.yml",
            "texts:\n  999_missing.txt:\n    slug: a\n    title: A\n",
            "metadata.yml:2: has metadata for '999_missing.txt', which is not in the corpus",
        ),
        ("glossary.yml", "terms:\n  两个维护:\n    zh: [x\n", "glossary.yml:4: is not valid YAML"),
        (
            "glossary.yml",
            "terms:\n  两个维护:\n    gloss: x\n",
            "glossary.yml:3: unknown field 'gloss'",
        ),
    ],
    ids=[
        "metadata-yaml",
        "metadata-field",
        "metadata-slug",
        "metadata-missing-text",
        "glossary-yaml",
        "glossary-field",
    ],
)
def test_malformed_yaml_is_one_clear_error(tmp_path, file, content, message):
    project = make_project(tmp_path / "p")
    (project / "corpus" / file).write_text(content, encoding="utf-8")
    result = run_cli(project, "site")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == f"ERROR corpus/{message}" or lines[-1].startswith(f"ERROR corpus/{message}")
    assert sum(line.startswith("ERROR") for line in lines) == 1
    assert "Traceback" not in result.stderr
    assert not (project / "docs/texts").exists() and not (project / "site").exists()


# --- the cache of parsed texts ---------------------------------------------------------------


def generated_tree(project: Path) -> dict[str, bytes]:
    return {
        f"{name}/{p.relative_to(project / 'docs' / name)}": p.read_bytes()
        for name in GENERATED
        for p in sorted((project / "docs" / name).rglob("*"))
        if p.is_file()
    }


def test_the_cache_redoes_only_what_changed(tmp_path):
    """One project built again and again, as a user does, each build's summary read. Nothing
    changed: nothing is redone and no file is rewritten. One text edited: only it is parsed
    again, and its old cache entry goes. A title changed in metadata.yml: no text is parsed
    again. The glossary changed: every text is. The state of the last build written by other
    code (an upgrade): it is set aside without a warning and everything is redone. (That each
    of these builds equals a fresh one is what `test_incremental.py`'s randomized test checks,
    with texts edited, retitled and the glossary changed.)"""
    project = make_project(tmp_path / "p")
    first = run_cli(project, "generate")
    assert " 5 texts new or changed, 5 annotated," in first.stderr
    output, files = generated_tree(project), generated_files(project)

    again = run_cli(project, "generate")
    assert (
        " 0 texts new or changed, 0 annotated, 0 pages rendered, 0 files written, 0 removed"
        in again.stderr
    )
    assert generated_tree(project) == output
    assert generated_files(project) == files, "unchanged files are not rewritten"

    path = project / "corpus/001_d692f105936694d5.txt"
    path.write_text(path.read_text(encoding="utf-8") + "新增的一句话。\n", encoding="utf-8")
    assert " 1 texts new or changed," in run_cli(project, "generate").stderr
    assert len(list((project / ".cache/build_corpus/texts").glob("*.pickle"))) == 5  # stale pruned

    metadata = project / "corpus/metadata.yml"
    metadata.write_text(
        metadata.read_text(encoding="utf-8").replace(
            "title: 市委书记2022年民主生活会对照检查材料", "title: 改过的标题"
        ),
        encoding="utf-8",
    )
    assert " 0 texts new or changed," in run_cli(project, "generate").stderr
    page = (project / "docs/texts/2022-shiweishuji.md").read_text("utf-8")
    assert "# 改过的标题 {#title}" in page

    (project / "corpus/glossary.yml").write_text("terms:\n  新增词条:\n    zh: 测试\n", "utf-8")
    assert " 5 texts new or changed," in run_cli(project, "generate").stderr

    state = project / ".cache/build_corpus/state.pickle"
    with state.open("rb") as handle:
        pickle.load(handle)  # the digest of the code that wrote it
        kept = pickle.load(handle)
    with state.open("wb") as handle:
        pickle.dump("another version of the code", handle)
        pickle.dump(kept, handle)
    upgraded = run_cli(project, "generate")
    assert upgraded.returncode == 0, upgraded.stderr
    assert "cache" not in upgraded.stderr
    assert " 5 texts new or changed, 5 annotated," in upgraded.stderr


def remove_text(corpus, name):
    """Remove a text and its metadata entry."""
    (corpus / name).unlink()
    metadata = (corpus / "metadata.yml").read_text(encoding="utf-8")
    entry = re.search(rf"  {re.escape(name)}:\n(    .*\n)+", metadata)
    (corpus / "metadata.yml").write_text(metadata.replace(entry.group(0), ""), encoding="utf-8")


def test_incremental_builds_equal_fresh_ones_when_texts_come_and_go(tmp_path):
    """A regression test: a text added to the seeds, a seed removed, the added text
    rewritten, one build after each; each build equals one from scratch. It found the bug of
    annotating again only the texts loaded for a change of their own, not those holding a
    phrase that came or went (1a6b0bc). Such steps at random, with both concordance
    limits, are `test_incremental.py::test_random_incremental_builds_equal_fresh_ones`."""
    project = make_project(tmp_path / "p")
    assert run_cli(project, "generate").returncode == 0
    corpus = project / "corpus"
    seed = corpus / "003_eeed8751cc19b1e4.txt"
    steps = [
        lambda: (corpus / "新增材料.txt").write_text(
            seed.read_text(encoding="utf-8")[:3000] + "\n坚持两个维护，新增提法样例。\n", "utf-8"
        ),
        lambda: remove_text(corpus, "001_d692f105936694d5.txt"),
        lambda: (corpus / "新增材料.txt").write_text("一、新的问题\n新增提法样例。\n", "utf-8"),
    ]
    for i, step in enumerate(steps):
        step()
        result = run_cli(project, "generate")
        assert result.returncode == 0, result.stderr
        fresh = make_project(tmp_path / f"fresh{i}", corpus)
        assert run_cli(fresh, "generate", "--no-cache").returncode == 0
        assert generated_tree(fresh) == generated_tree(project), f"step {i}"


def test_incremental_builds_of_a_larger_corpus_redo_little(tmp_path):
    """Twelve synthetic texts (`bench/synth.py`), three lines of concordance: removing or
    editing one text annotates fewer than half of the texts again. (That such builds equal
    fresh ones is `test_incremental.py`'s randomized test's.)"""
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from synth import synthesise

    corpus = tmp_path / "corpus"
    synthesise(12, corpus)
    project = make_project(tmp_path / "p", corpus)
    options = ("--concordance-limit", "3")
    assert run_cli(project, "generate", *options).returncode == 0
    corpus = project / "corpus"
    names = sorted(p.name for p in corpus.glob("*.txt"))
    edited = corpus / names[5]
    steps = [
        lambda: remove_text(corpus, names[1]),
        lambda: edited.write_text(edited.read_text(encoding="utf-8") + "新增的一句话。\n", "utf-8"),
    ]
    for step in steps:
        step()
        result = run_cli(project, "generate", *options)
        assert result.returncode == 0, result.stderr
        annotated = int(re.search(r"(\d+) annotated", result.stderr).group(1))
        assert annotated < 6, result.stderr


# --- tuning and code are part of what the kept state depends on ------------------------------


def test_code_edited_by_the_user_rebuilds_what_depends_on_it(tmp_path):
    """The user edits a constant, then a renderer, in the code: the next build follows."""
    project = make_project(tmp_path / "p")
    (project / "build_corpus").unlink()
    shutil.copytree(ROOT / "build_corpus", project / "build_corpus")
    assert run_cli(project, "generate").returncode == 0
    index = project / "docs/keywords/index.md"
    assert "<strong>扶贫</strong>" in index.read_text("utf-8")

    config = project / "build_corpus/config.py"
    code = config.read_text("utf-8")
    config.write_text(code.replace("问题 工作 方面", "问题 扶贫 工作 方面", 1), "utf-8")
    result = run_cli(project, "generate")
    assert result.returncode == 0, result.stderr
    assert "<strong>扶贫</strong>" not in index.read_text("utf-8")
    # and code that is no constant: the permalink's tooltip on every paragraph
    renderer = project / "build_corpus/render/markdown.py"
    code = renderer.read_text("utf-8")
    renderer.write_text(code.replace('title="本段链接"', 'title="本段的链接"'), "utf-8")
    result = run_cli(project, "generate")
    assert result.returncode == 0, result.stderr
    page = project / "docs/texts/.bodies/2021-quwei-fushuji.html"
    assert 'title="本段的链接"' in page.read_text("utf-8")

    fresh = make_project(tmp_path / "fresh")
    (fresh / "build_corpus").unlink()
    shutil.copytree(project / "build_corpus", fresh / "build_corpus")
    assert run_cli(fresh, "generate", "--no-cache").returncode == 0
    assert generated_tree(project) == generated_tree(fresh)


@pytest.mark.parametrize(
    "change",
    [
        {"stop_words": frozenset({"扶贫"})},
        {"text_keywords": 3, "related_min_shared": 3},
        {"concordance_context": 8, "frequency_bars": 2, "label_chars": 5},
        {"max_inline_title": 10, "edge_words": frozenset({"理论"})},
    ],
    ids=["stop-words", "keywords-related", "pages", "parser-mining"],
)
def test_a_changed_tuning_constant_is_followed_by_the_next_build(tmp_path, change):
    """Builds in-process with one `Tuning` and then another on the same kept state: the second
    equals a fresh build with the second tuning, and differs from the first."""
    from dataclasses import replace

    from build_corpus.config import DEFAULT_TUNING, BuildConfig
    from build_corpus.pipeline import build_fresh, generate

    project = make_project(tmp_path / "p")
    if "stop_words" in change:
        change = {"stop_words": DEFAULT_TUNING.stop_words | change["stop_words"]}
    tuned = replace(DEFAULT_TUNING, **change)

    def config(tuning, where=project):
        return BuildConfig(
            corpus_dir=where / "corpus",
            docs_dir=where / "docs",
            cache_dir=where / ".cache",
            tuning=tuning,
        )

    generate(config(DEFAULT_TUNING))
    before = generated_tree(project)
    generate(config(tuned))
    fresh = make_project(tmp_path / "fresh")
    build_fresh(config(tuned, fresh))
    assert generated_tree(project) == generated_tree(fresh) != before


# --- staging: the generated files of a build are put in place together ---------------------


def test_a_write_that_fails_leaves_the_folders_as_they_were(tmp_path, monkeypatch):
    """A full disk while staging: no temporary file and no folder made for the build is left,
    and the files already there are untouched."""
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts/a.md").write_text("旧\n", encoding="utf-8")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    write_bytes, written = Path.write_bytes, []

    def full_disk(path, data):
        if written:
            path.write_text("半", encoding="utf-8")  # half of it reached the disk
            raise OSError(28, "No space left on device")
        written.append(path)
        return write_bytes(path, data)

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    with pytest.raises(OSError, match="No space"), Staging(tmp_path) as staging:
        staging.add("texts/a.md", "新\n")
        staging.add("aspects/.bodies/lilun-xuexi/2021.html", "<p>新</p>\n")
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    assert (tmp_path / "texts/a.md").read_text(encoding="utf-8") == "旧\n"


def test_a_file_generated_twice_is_an_error(tmp_path):
    with Staging(tmp_path) as staging:
        staging.add("phrases/index.md", "一\n")
        with pytest.raises(ValueError, match=r"phrases/index\.md is generated twice"):
            staging.add("phrases/index.md", "二\n")
    assert not any(tmp_path.rglob("*.tmp"))
