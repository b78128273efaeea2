"""Command line: `build-corpus [generate|site|metadata] [options]` (or `python -m build_corpus`)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from dataclasses import replace
from pathlib import Path

from build_corpus.config import BuildConfig
from build_corpus.errors import CorpusError
from build_corpus.layout import GENERATED, OWNED_FILE
from build_corpus.pipeline import add_inferred_metadata, build_fresh, generate
from build_corpus.progress import Progress
from build_corpus.publish.site import build_site

DEFAULTS = BuildConfig()
OWNED = ", ".join(f"{folder}/" for folder in GENERATED)
"""The folders of `docs/` the generator owns, as the help names them."""


def program_name() -> str:
    """How the command was called: `build-corpus`, or `python -m build_corpus`."""
    name = Path(sys.argv[0]).name
    return "python -m build_corpus" if name == "__main__.py" else name


def parser() -> argparse.ArgumentParser:
    """Argument parser; its help is the command's documentation."""
    p = argparse.ArgumentParser(
        prog=program_name(),
        description=(
            "Build the annotated corpus. 'generate' writes the Markdown pages of every "
            f"text, phrase and keyword, and the data to take away, into {OWNED} of the docs "
            "folder, which it owns: it replaces what they hold, and stops rather than touch "
            "a file in them it did not write; "
            "'site' also builds the website into site/ with 'mkdocs build --strict'; "
            "'metadata' adds to the corpus's metadata.yml an entry for each text that has "
            "none, as found in its title line, for review.\n\n"
            "Example: %(prog)s site --corpus ~/my-texts"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "command", nargs="?", choices=["generate", "site", "metadata"], default="generate"
    )
    p.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULTS.corpus_dir,
        help=(
            "folder of source .txt files, with metadata.yml and glossary.yml if it has them "
            "(default: %(default)s)"
        ),
    )
    p.add_argument(
        "--docs",
        type=Path,
        default=DEFAULTS.docs_dir,
        help=(
            f"MkDocs docs folder; only its subfolders {OWNED} are written, and the record "
            f"{OWNED_FILE} of what was (default: %(default)s)"
        ),
    )
    p.add_argument(
        "--config-file",
        type=Path,
        default=DEFAULTS.mkdocs_config,
        help="MkDocs configuration for 'site' (default: %(default)s)",
    )
    p.add_argument(
        "--site",
        type=Path,
        default=DEFAULTS.site_dir,
        help="where 'site' publishes the website (default: %(default)s)",
    )
    p.add_argument(
        "--min-texts",
        type=int,
        default=DEFAULTS.tuning.min_texts,
        metavar="N",
        help="a phrase found automatically must recur in N texts (default: %(default)s)",
    )
    p.add_argument(
        "--concordance-limit",
        type=int,
        default=DEFAULTS.tuning.concordance_limit,
        metavar="N",
        help="occurrences listed on each phrase page (default: %(default)s)",
    )
    p.add_argument(
        "--glossary",
        type=Path,
        metavar="FILE",
        help=(
            "the corpus's own glossary, laid over the default one "
            "(default: glossary.yml in the corpus folder, if there is one)"
        ),
    )
    p.add_argument(
        "--no-default-glossary",
        action="store_true",
        help="do not apply the glossary of the genre's formulae that comes with the tool",
    )
    p.add_argument(
        "--timings",
        type=Path,
        metavar="FILE",
        help="write the seconds each stage took to FILE as JSON (used by bench/run.py)",
    )
    p.add_argument(
        "--no-cache",
        action="store_true",
        help=f"build everything afresh, neither using nor writing {DEFAULTS.cache_dir}/",
    )
    p.add_argument(
        "-q", "--quiet", action="store_true", help="print warnings, errors and the summary only"
    )
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    level = logging.WARNING if args.quiet else logging.INFO
    logging.basicConfig(level=level, format="%(levelname)s %(message)s", stream=sys.stderr)
    log = logging.getLogger("build_corpus")
    config = BuildConfig(
        corpus_dir=args.corpus,
        docs_dir=args.docs,
        mkdocs_config=args.config_file,
        site_dir=args.site,
        cache_dir=None if args.no_cache else DEFAULTS.cache_dir,
        glossary=args.glossary,
        default_glossary=not args.no_default_glossary,
        tuning=replace(
            DEFAULTS.tuning, min_texts=args.min_texts, concordance_limit=args.concordance_limit
        ),
    )
    if args.command == "metadata":
        try:
            added = add_inferred_metadata(config)
        except CorpusError as exc:
            log.error("%s", exc)
            return 1
        if added:
            print(f"{config.metadata_file}: {added} entries added; review them")
        else:
            print(f"{config.metadata_file}: every text has an entry already")
        return 0
    started = time.perf_counter()
    progress = Progress.for_terminal(sys.stderr, quiet=args.quiet)
    try:
        report = (build_fresh if args.no_cache else generate)(config, progress)
        if args.command == "site":
            with progress.stage("mkdocs"):
                build_site(config.mkdocs_config, config.site_dir)
    except CorpusError as exc:
        log.error("%s", exc)
        return 1
    if args.timings:
        args.timings.write_text(json.dumps(progress.timings, indent=1) + "\n", encoding="utf-8")
    summary = (
        f"{report.texts} texts, {report.sections} sections, {report.phrases} phrases; "
        f"{report.changed} texts new or changed, {report.annotated} annotated, "
        f"{report.rendered} pages rendered, {report.written} files written, "
        f"{report.removed} removed, {len(report.skipped)} skipped "
        f"in {time.perf_counter() - started:.1f} s"
    )
    if args.quiet:
        print(f"built: {summary}", file=sys.stderr)
    else:
        log.info("built: %s", summary)
    if args.command == "site":
        print(f"Site built in {config.site_dir}/ . Preview it with: make serve")
    return 0
