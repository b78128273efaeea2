"""Progress of the build's stages, and how long each took.

On a terminal each stage shows a tqdm progress bar; elsewhere (CI, a log
file) each finished stage is one plain log line. Either way the stage's time
is recorded for the summary and for `--timings`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator, Sized
from contextlib import contextmanager
from typing import TextIO, TypeVar

T = TypeVar("T")
log = logging.getLogger("build_corpus")


class Progress:
    """Shows how far each stage has got and records its time. Nothing more."""

    def __init__(self, stream: TextIO | None = None, *, bars: bool = False, lines: bool = True):
        self.stream = stream
        """Where bars are drawn."""
        self.bars = bars and stream is not None
        """Draw a progress bar per stage (on a terminal)."""
        self.lines = lines
        """Log a line when a stage ends (when not drawing bars)."""
        self.timings: dict[str, float] = {}
        """Seconds spent in each stage, in the order they ran."""
        self.started = time.perf_counter()
        """When the build began."""

    @classmethod
    def for_terminal(cls, stream: TextIO, *, quiet: bool = False) -> Progress:
        """Bars if `stream` is a terminal, plain lines otherwise, nothing if quiet."""
        return cls(stream, bars=not quiet and stream.isatty(), lines=not quiet)

    @contextmanager
    def stage(self, name: str, size: int | None = None, unit: str = "item") -> Iterator[None]:
        """Time a stage that reports no steps of its own; `size` things of `unit` done."""
        started = time.perf_counter()
        yield
        self._done(name, started, size, unit)

    def iterate(self, name: str, items: Iterable[T], unit: str = "text") -> Iterator[T]:
        """Yield `items`, advancing the stage's bar; the stage ends with the last item."""
        started = time.perf_counter()
        total = len(items) if isinstance(items, Sized) else None
        if self.bars:
            from tqdm import tqdm  # only on a terminal: importing it takes ~50 ms

            items = tqdm(items, desc=name, total=total, unit=unit, file=self.stream, leave=False)
        count = 0
        for item in items:
            count += 1
            yield item
        self._done(name, started, count, unit)

    def _done(self, name: str, started: float, size: int | None, unit: str = "item") -> None:
        seconds = time.perf_counter() - started
        self.timings[name] = self.timings.get(name, 0.0) + seconds
        if self.lines:
            counted = f"{size} {unit}{'s' if size != 1 else ''} " if size is not None else ""
            log.info("stage %-9s %sin %.2f s", name, counted, seconds)
