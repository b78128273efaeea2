"""The command line as a user runs it: logs, errors, and outputs left intact on failure."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import CORPUS, ROOT, make_project, run_cli


def test_generate_logs_removed_leftovers_and_summary(tmp_path):
    project = make_project(tmp_path)
    result = run_cli(project, "generate")
    assert result.returncode == 0, result.stderr
    assert "004_1ba1f5e5e2bd770c.txt:3:100: removed page leftover '##paidbegin##'" in result.stderr
    assert "004_1ba1f5e5e2bd770c.txt:6:1: removed page leftover '##paidend##'" in result.stderr
    summary = re.search(
        r"built: 5 texts, 150 sections, (\d+) phrases; 5 texts new or changed, 5 annotated, "
        r"(\d+) pages rendered, (\d+) files written",
        result.stderr,
    )
    phrases = len(list((project / "docs/phrases").glob("*.md"))) - 1  # and the index
    pairs = len(list((project / "docs/reuse").glob("*.md"))) - 1  # and the index
    assert summary and int(summary[1]) == phrases > 100
    assert pairs >= 2  # seeds 001 and 002 share their template's headings
    assert int(summary[2]) == 5 + phrases + pairs
    # texts/: 5 pages, their bodies and search documents, and 5 data files; phrases/: pages,
    # bodies and the index; keywords/: the index; aspects/: the index, pages and bodies;
    # data/: two citations a text, a concordance and the rows of phrases.csv a phrase, the
    # texts' table, the phrases' order and the page; trends/: its page; reuse/: the index, a
    # page and its bodies per pair
    aspects = len(list((project / "docs/aspects").glob("*.md"))) - 1
    assert aspects >= 8  # of 11; the seeds have no section on 组织生活/民主集中制
    data = 2 * 5 + 2 * phrases + 3
    assert int(summary[3]) == 20 + 2 * phrases + 1 + 1 + 2 * aspects + 1 + data + 1 + 1 + 2 * pairs
    assert sorted(p.name for p in (project / "docs/texts").iterdir()) == [
        ".bodies",
        ".catalogue.md",
        ".jieba-user-dict.txt",
        ".search",
        ".search-docs.json",
        ".search-fold.json",
        ".search-settings.json",
        "2021-bianban-fuzeren.md",
        "2021-quwei-fushuji.md",
        "2022-shiweishuji-jiangzhengzhi.md",
        "2022-shiweishuji.md",
        "2023-banzi-zhutijiaoyu.md",
    ]
    again = run_cli(project, "generate")
    assert "0 files written" in again.stderr


def test_empty_file_is_reported_and_skipped(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blank.txt").write_text(" \n\u3000\n", encoding="utf-8")
    project = make_project(tmp_path / "p", corpus)
    result = run_cli(project, "generate")
    assert result.returncode == 0, result.stderr
    assert "empty.txt: empty file, skipped" in result.stderr
    assert "blank.txt: empty file, skipped" in result.stderr
    assert "2 skipped" in result.stderr


def test_undecodable_file_stops_the_build_and_leaves_outputs(tmp_path):
    project = make_project(tmp_path / "p")
    assert run_cli(project, "site").returncode == 0
    before = snapshot(project / "docs"), snapshot(project / "site")
    (project / "corpus" / "broken.txt").write_bytes(bytes(range(256)) * 4)
    result = run_cli(project, "site")
    assert result.returncode == 1
    assert "broken.txt" in result.stderr and "binary" in result.stderr
    assert result.stderr.count("ERROR") == 1
    assert (snapshot(project / "docs"), snapshot(project / "site")) == before


def test_failing_mkdocs_build_leaves_previous_site(tmp_path):
    project = make_project(tmp_path / "p")
    assert run_cli(project, "site").returncode == 0
    site_before = snapshot(project / "site")
    (project / "docs" / "about.md").write_text("[broken](missing.md)\n", encoding="utf-8")
    result = run_cli(project, "site")
    assert result.returncode == 1
    assert "mkdocs build failed" in result.stderr
    assert snapshot(project / "site") == site_before
    assert not (project / ".site.new").exists()


def test_wrong_corpus_path_is_one_clear_error(tmp_path):
    project = make_project(tmp_path / "p")
    result = run_cli(project, "generate", "--corpus", "nowhere")
    assert result.returncode == 1
    assert result.stderr.strip() == "ERROR nowhere: is not a folder of source texts"


def test_wrong_mkdocs_config_is_one_clear_error(tmp_path):
    project = make_project(tmp_path / "p")
    result = run_cli(project, "site", "--config-file", "nope.yml")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "ERROR nope.yml: does not exist: give the MkDocs configuration file"
    )


def test_readme_commands_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in re.findall(r"^\s*make (\w+)", readme, flags=re.M):
        assert re.search(rf"^{target}:", makefile, flags=re.M), target
    assert "make site" in readme and "make test" in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def glossary_terms(project: Path) -> set[str]:
    """The glossary terms the last build marked (the defined rows of the phrase index)."""
    index = (project / "docs/phrases/index.md").read_text(encoding="utf-8")
    rows = re.findall(r'<a class="corpus-phrase" href="[^"]*">([^<]+)</a></td>(.*?)</tr>', index)
    return {phrase for phrase, cells in rows if not cells.endswith("<td></td>")}


def test_default_glossary_applies_to_any_corpus_folder(tmp_path):
    """A folder of texts alone, without glossary.yml, elsewhere: the genre's formulae are
    still marked, explained and kept whole."""
    texts = tmp_path / "my-texts"
    texts.mkdir()
    for path in CORPUS.glob("*.txt"):
        shutil.copy(path, texts / path.name)
    project = make_project(tmp_path / "p")
    result = run_cli(project, "generate", "--corpus", str(texts))
    assert result.returncode == 0, result.stderr
    assert {"两个维护", "四个意识", "两个确立", "中央八项规定"} <= glossary_terms(project)
    page = (project / "docs/phrases/.bodies/liang-ge-wei-hu.html").read_text(encoding="utf-8")
    assert '<dl class="corpus-definition"><dt>释义</dt><dd>坚决维护' in page


def test_glossary_options_choose_the_glossaries(tmp_path):
    project = make_project(tmp_path / "p")
    own = tmp_path / "own.yml"
    own.write_text(
        "terms:\n  两个维护:\n    zh: 本地的释义。\n    en: local gloss\n"
        "  办法不多:\n    zh: 测试词条。\n",
        encoding="utf-8",
    )
    # the corpus's own glossary over the default one: it overrides one term, adds another
    assert run_cli(project, "generate", "--glossary", str(own)).returncode == 0
    both = glossary_terms(project)
    assert {"两个维护", "办法不多", "四个意识"} <= both
    page = (project / "docs/phrases/.bodies/liang-ge-wei-hu.html").read_text(encoding="utf-8")
    assert "<dd>本地的释义。</dd>" in page
    # without the default one, only the given glossary's terms are defined
    assert (
        run_cli(project, "generate", "--glossary", str(own), "--no-default-glossary").returncode
        == 0
    )
    assert glossary_terms(project) == {"两个维护", "办法不多"}
    # a glossary named on the command line must exist
    missing = run_cli(project, "generate", "--glossary", str(tmp_path / "nope.yml"))
    assert missing.returncode == 1
    assert missing.stderr.strip().endswith("nope.yml: does not exist")


def test_a_file_of_ones_own_in_a_generated_folder_stops_the_build_untouched(tmp_path):
    """A note a user keeps in docs/data/, and a page of their own where the generator would
    write one (docs/phrases/index.md): the build stops naming them, before anything is
    replaced or removed, and the folders hold what they held. Once moved out, the build
    works; a generated file edited by hand is the generator's, and is rendered again."""
    project = make_project(tmp_path / "p")
    assert run_cli(project, "generate").returncode == 0
    docs = project / "docs"
    record = (docs / ".build-corpus-files.txt").read_text("utf-8")
    assert "texts/2022-shiweishuji.md\n" in record and "data/texts.jsonl\n" in record
    (docs / "data" / "notes.md").write_text("我的笔记\n", encoding="utf-8")
    ours = (docs / "phrases" / "index.md").read_text("utf-8")
    (docs / "phrases" / "index.md").unlink()
    (project / "extra.md").write_text("# 我的页面\n", encoding="utf-8")
    shutil.copy(project / "extra.md", docs / "phrases" / "index.md")
    record_lines = [line for line in record.splitlines() if line != "phrases/index.md"]
    (docs / ".build-corpus-files.txt").write_text("\n".join(record_lines) + "\n", "utf-8")
    (project / "corpus" / "new.txt").write_text("一、问题\n坚决做到两个维护。\n", "utf-8")
    before = snapshot(docs)

    result = run_cli(project, "generate")
    assert result.returncode == 1, result.stderr
    assert result.stderr.count("ERROR") == 1, result.stderr
    assert "data/notes.md" in result.stderr and "phrases/index.md" in result.stderr
    assert "not written by build-corpus" in result.stderr, result.stderr
    assert snapshot(docs) == before  # nothing replaced, removed or left behind

    (docs / "data" / "notes.md").unlink()
    (docs / "phrases" / "index.md").unlink()
    (docs / "texts" / "2022-shiweishuji.md").write_text("改过\n", encoding="utf-8")
    result = run_cli(project, "generate")
    assert result.returncode == 0, result.stderr
    assert (docs / "phrases" / "index.md").read_text("utf-8") != "# 我的页面\n"
    assert (docs / "texts" / "2022-shiweishuji.md").read_text("utf-8") != "改过\n"
    assert "phrases/index.md\n" in (docs / ".build-corpus-files.txt").read_text("utf-8")
    assert ours  # the generator's phrase index was there before the user's replaced it


def test_without_its_record_the_generator_keeps_what_it_would_write_and_stops_on_the_rest(
    tmp_path,
):
    """docs/ built by a version that kept no record (or the record deleted): files that are
    what the build writes now are taken for the generator's; one it would remove stops the
    build, with the way out."""
    project = make_project(tmp_path / "p")
    assert run_cli(project, "generate").returncode == 0
    docs = project / "docs"
    (docs / ".build-corpus-files.txt").unlink()
    assert run_cli(project, "generate").returncode == 0
    assert (docs / ".build-corpus-files.txt").is_file()
    (docs / ".build-corpus-files.txt").unlink()
    (docs / "reuse" / "old-pair.md").write_text("旧\n", encoding="utf-8")
    result = run_cli(project, "generate")
    assert result.returncode == 1
    assert "reuse/old-pair.md" in result.stderr
    assert "delete these folders and build again" in result.stderr


def test_help_names_every_folder_the_generator_owns():
    from build_corpus.cli import parser
    from build_corpus.layout import GENERATED

    text = " ".join(parser().format_help().split())
    for folder in GENERATED:
        assert f"{folder}/" in text
    assert "texts/, phrases/, keywords/, aspects/, data/, trends/, reuse/" in text
    readme = " ".join((ROOT / "README.md").read_text("utf-8").split())
    owned = ", ".join(f"`docs/{folder}/`" for folder in GENERATED)
    assert owned in readme
