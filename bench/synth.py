"""Deterministic synthetic corpora recombined from the seed texts.

Text i follows the outline of seed i mod 5 line by line: lines that start
with a heading marker are kept (so the parser has the seeds' real numbering to
do), every other line is replaced by a body line drawn from all seeds with a
generator seeded by i. A text is about 15 KB, like the seeds.

    python bench/synth.py 1000 bench/out/corpus-1000
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from build_corpus.read.sources import read_source  # noqa: E402
from build_corpus.text.markers import marker_at  # noqa: E402

SEEDS = sorted((ROOT / "corpus").glob("*.txt"))


def synthesise(n: int, folder: Path) -> int:
    """Write `n` texts and `metadata.yml` into `folder`; return their total UTF-8 bytes."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    skeletons = [read_source(p).text.split("\n") for p in SEEDS]
    body = sorted(
        {line for lines in skeletons for line in lines if line.strip() and not _heading(line)}
    )
    total = 0
    meta = ["texts:"]
    for i in range(n):
        rng = random.Random(i)
        lines = [
            line if not line.strip() or _heading(line) else rng.choice(body)
            for line in skeletons[i % len(skeletons)]
        ]
        text = "\n".join(lines) + "\n"
        name = f"{i:05d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
        meta += [
            f"  {name}:",
            f"    slug: t{i:05d}",
            f"    title: 合成材料{i:05d}",
            f"    year: {2019 + i % 5}",
            "    role: 合成",
            "    meeting: 基准测试",
        ]
    (folder / "metadata.yml").write_text("\n".join(meta) + "\n", encoding="utf-8")
    return total


def _heading(line: str) -> bool:
    stripped = line.lstrip()
    return marker_at(stripped, 0) is not None


if __name__ == "__main__":
    size = synthesise(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"{sys.argv[1]} texts, {size / 1e6:.2f} MB")
