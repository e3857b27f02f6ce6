"""The corpus generator: realistic reports of a population of agencies, with gold files.

population.py (agencies) → numbers.py (tables that obey the spec, year after year) →
printing.py (a report's style: the plain generator's choices, and for a `varied` report the ways
real agencies print differently) → render.py (pure `render_<layout>(report, rng) -> str`
functions; documents.py for PDF and Word files) → corpus.py (files and gold beside them, in
parallel; `Options.variety` is `varied` by default, `plain` for the one-way-printed corpus).
Labels, codes, numbering and section titles come from `pipelines.spec`; the generator's own
prose and its population live in data/*.toml. The CLI is `xxgk synth` (pipelines/cli/synth.py).
"""

from __future__ import annotations

from pathlib import Path


def write_sample_corpus(out_dir: Path, agencies: int = 40, seed: int = 7) -> int:
    """The small seeded sample `make run` builds from when raw/ is empty; returns files written."""
    from .corpus import write_sample_corpus as write

    return write(Path(out_dir), agencies=agencies, seed=seed)


__all__ = ["write_sample_corpus"]
