"""Hard-wrapped copies: their wrapped lines are joined, every other character kept."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import CORPUS, SAMPLES, SEED_FILES, make_project, run_cli

from build_corpus.read.sources import read_source
from build_corpus.read.wrapping import ends_sentence, unwrap
from build_corpus.text.markers import marker_at

MESSY = SAMPLES / "messy"


def hard_wrap(text: str, chars: int) -> str:
    """`text` as a PDF copy has it: every line cut into lines of `chars` characters."""
    out = []
    for line in text.split("\n"):
        out += [line[i : i + chars] for i in range(0, len(line), chars)] or [""]
    return "\n".join(out)


def expected_unwrapped(text: str, chars: int) -> str:
    """What unwrapping a `hard_wrap` of `text` gives by the rule: each source line whole,
    but where a wrapped piece ends a sentence or the next piece starts a heading."""
    out = []
    for line in text.split("\n"):
        pieces = [line[i : i + chars] for i in range(0, len(line), chars)] or [""]
        current = pieces[0]
        for piece in pieces[1:]:
            if ends_sentence(current[-chars:]) or marker_at(piece, 0) is not None:
                out.append(current)
                current = piece
            else:
                current += piece
        out.append(current)
    return "\n".join(out)


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
@pytest.mark.parametrize("chars", [30, 36, 40])
def test_a_hard_wrapped_seed_is_joined_back_into_its_lines(path, chars):
    source = read_source(path).text
    text, wrapping = unwrap(hard_wrap(source, chars))
    assert wrapping is not None and wrapping.width == 2 * chars
    assert text == expected_unwrapped(source, chars)
    # nearly every break the wrapping made is taken out
    made = hard_wrap(source, chars).count("\n") - source.count("\n")
    assert made > 0 and wrapping.joined >= 0.9 * made


@pytest.mark.parametrize(
    "path",
    [*SEED_FILES, *(p for p in sorted(MESSY.glob("*.txt")) if p.stat().st_size)],
    ids=lambda p: p.name,
)
def test_texts_that_are_not_hard_wrapped_are_left_as_they_are(path):
    text = read_source(path).text
    assert unwrap(text) == (text, None)


def test_only_line_breaks_go():
    line = "学习贯彻习近平新时代中国特色社会主义思想，在第 一时间传达学习，推进"
    wrapped = "\n".join([line] * 7 + ["数字化转型和Open Data平台建设，2023年完成1", "00项。"])
    text, wrapping = unwrap(wrapped)
    assert wrapping is not None
    assert text == wrapped.replace("\n", "")
    assert "第 一时间" in text and "Open Data" in text and "完成100项" in text


def test_a_hard_wrapped_file_builds_as_its_joined_text_would_and_is_reported(tmp_path):
    seed = SEED_FILES[3]
    source = read_source(seed).text
    pages = {}
    for kind, text in (
        ("wrapped", hard_wrap(source, 35)),
        ("joined", expected_unwrapped(source, 35)),
    ):
        corpus = tmp_path / kind / "corpus"
        corpus.mkdir(parents=True)
        for path in SEED_FILES:
            shutil.copy(path, corpus / path.name)
        shutil.copy(CORPUS / "metadata.yml", corpus / "metadata.yml")
        (corpus / seed.name).write_text(text, "utf-8")
        project = make_project(tmp_path / kind / "p", corpus)
        result = run_cli(project, "generate")
        assert result.returncode == 0, result.stderr
        pages[kind] = (project / "docs/texts/.bodies/2022-shiweishuji.html").read_text("utf-8")
        reported = f"INFO {seed.name}: hard-wrapped at 70 columns; " in result.stderr
        assert reported == (kind == "wrapped")
    assert pages["wrapped"] == pages["joined"]
    paragraphs = re.findall(r'<p id="s[\d-]*-p\d+"', pages["wrapped"])
    assert len(paragraphs) < hard_wrap(source, 35).count("\n") / 3
