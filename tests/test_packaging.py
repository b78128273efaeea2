"""The package as installed (`pip install -e .`, done by `make site`): the `build-corpus`
command, and plain `mkdocs build` / `gh-deploy` as MkDocs users run them, with our hook."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, make_project, run_cli

BIN = Path(sys.executable).parent
HOOK = ROOT / "build_corpus" / "publish" / "mkdocs_hooks.py"


def run(project: Path, executable: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run an executable installed next to this Python (`.venv/bin/`), as a user would."""
    path = BIN / executable
    assert path.is_file(), f"{path} missing: install the package with `make test`"
    return subprocess.run(
        [str(path), *args], cwd=project, capture_output=True, text=True, check=False
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """A project with the seed corpus after `build-corpus generate`."""
    project = make_project(tmp_path_factory.mktemp("packaged"))
    result = run(project, "build-corpus", "generate")
    assert result.returncode == 0, result.stderr
    assert "built: 5 texts, 150 sections" in result.stderr
    return project


def test_build_corpus_command_is_python_m_build_corpus(generated, tmp_path):
    help_ = run(tmp_path, "build-corpus", "--help")
    assert help_.returncode == 0, help_.stderr
    assert "{generate,site,metadata}" in help_.stdout and "--min-texts N" in help_.stdout
    other = make_project(tmp_path / "p")
    assert run_cli(other, "generate").returncode == 0
    assert snapshot(generated / "docs") == snapshot(other / "docs")
    failed = run(tmp_path, "build-corpus", "generate", "--corpus", "nowhere")
    assert failed.returncode == 1  # main()'s exit code is the command's
    assert failed.stderr.strip() == "ERROR nowhere: is not a folder of source texts"


def test_plain_mkdocs_build_uses_the_hook(generated):
    result = run(generated, "mkdocs", "build")  # strict: mkdocs.yml says so
    assert result.returncode == 0, result.stderr
    assert (generated / "site" / "index.html").is_file()
    search = generated / "site/search"
    manifest = json.loads((search / "search_index.json").read_text("utf-8"))["config"]["corpus"]
    locations = {
        doc[0]
        for n in range(manifest["pages"])
        for doc in json.loads(
            gzip.decompress((search / manifest["version"] / f"p/{n}.bin").read_bytes())
        )
    }
    corpus_docs = [
        doc
        for path in sorted((generated / "docs/texts/.search").glob("*.json"))
        for doc in json.loads(path.read_text("utf-8"))
    ]
    assert len(corpus_docs) >= 150  # a document per section
    assert {doc["location"] for doc in corpus_docs} <= locations
    page = (generated / "site/texts/2022-shiweishuji/index.html").read_text("utf-8")
    assert "<!-- corpus:" not in page  # every body is in its slot


def test_mkdocs_gh_deploy_is_there(tmp_path):
    result = run(tmp_path, "mkdocs", "gh-deploy", "--help")
    assert result.returncode == 0, result.stderr
    assert "GitHub Pages" in result.stdout


def test_hook_imports_only_the_layout(tmp_path):
    heavy = {"rjieba", "ahocorasick", "charset_normalizer", "jieba", "pypinyin"}
    code = (
        "import runpy, sys; runpy.run_path(sys.argv[1]); "
        "print(sorted(m for m in sys.modules "
        f"if m.split('.')[0] in {sorted(heavy)!r} or m.startswith('build_corpus')))"
    )
    # from another folder, as `mkdocs` finds it: through the installed package
    result = subprocess.run(
        [sys.executable, "-c", code, str(HOOK)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "['build_corpus', 'build_corpus.layout']"


def test_page_and_sidecar_that_disagree_stop_the_build_with_both_named(generated, tmp_path):
    project = make_project(tmp_path / "p")
    shutil.copytree(generated / "docs", project / "docs", dirs_exist_ok=True)
    sidecar = project / "docs/texts/.bodies/2022-shiweishuji.html"
    bodies = sidecar.read_text("utf-8")
    last = bodies.rindex("<!-- corpus:")
    slot = bodies[last:].split()[1].removeprefix("corpus:")
    sidecar.write_text(bodies[:last], encoding="utf-8")
    result = run(project, "mkdocs", "build")
    assert result.returncode == 1
    output = result.stderr + result.stdout
    assert (
        f"page texts/2022-shiweishuji.md has slot {slot}, which its body file {sidecar} lacks"
    ) in output, output
    assert "Traceback" not in output and "KeyError" not in output


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("corpus/phrases.py", "import pickle", "build_corpus.corpus.phrases -> pickle"),
        (
            "render/trends.py",
            "from build_corpus.incremental import kept",
            "build_corpus.render.trends -> build_corpus.incremental.kept",
        ),
        (
            "text/folding.py",
            "from build_corpus.corpus import keywords",
            "build_corpus.text.folding -> build_corpus.corpus.keywords",
        ),
        ("model/__init__.py", "from build_corpus import pipeline", "build_corpus.pipeline"),
    ],
)
def test_a_broken_import_rule_fails_lint_imports(tmp_path, module, line, broken):
    """The package map's rules are checked, not hoped for: in a copy of the package, one
    import that breaks a rule makes `lint-imports` (run by `make test`) fail, naming it; the
    copy as it is passes."""
    shutil.copytree(ROOT / "build_corpus", tmp_path / "build_corpus")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    env = {"PYTHONPATH": str(tmp_path), "PATH": str(BIN)}

    def lint() -> subprocess.CompletedProcess[str]:
        command = [str(BIN / "lint-imports"), "--no-cache"]
        return subprocess.run(
            command, cwd=tmp_path, env=env, capture_output=True, text=True, check=False
        )

    clean = lint()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    path = tmp_path / "build_corpus" / module
    text = path.read_text("utf-8")
    head, sep, rest = text.partition("\nfrom __future__ import annotations\n")
    path.write_text(head + sep + f"{line}  # noqa\n" + rest, "utf-8")
    result = lint()
    assert result.returncode != 0
    assert broken in result.stdout, result.stdout
