"""Building the website with MkDocs into a fresh folder, then publishing it."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from build_corpus.errors import BuildError
from build_corpus.publish.output import replace_folder

log = logging.getLogger("build_corpus")


def build_site(mkdocs_config: Path, site_dir: Path) -> None:
    """Run `mkdocs build --strict`; replace `site_dir` only if it succeeds."""
    if not mkdocs_config.is_file():
        raise BuildError(mkdocs_config, "does not exist: give the MkDocs configuration file")
    staging = site_dir.with_name(f".{site_dir.name}.new")
    if staging.exists():
        shutil.rmtree(staging)
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",  # note: --quiet would stop --strict from counting warnings
        "--config-file",
        str(mkdocs_config.resolve()),
        "--site-dir",
        str(staging.resolve()),
    ]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # in the configuration's folder: paths in it that MkDocs does not resolve itself (the
    # snippets' base_path that includes the list of texts) are relative to where it runs
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd=mkdocs_config.resolve().parent,
    )
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        output = (result.stderr + result.stdout).strip()
        raise BuildError(
            mkdocs_config, f"mkdocs build failed; {site_dir} left as it was:\n{output}"
        )
    for line in result.stderr.splitlines():  # what the hook reports of the search index
        if "search index:" in line:
            log.info("search index:%s", line.split("search index:", 1)[1])
    replace_folder(staging, site_dir)
