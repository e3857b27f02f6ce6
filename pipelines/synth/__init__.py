"""The corpus generator: realistic reports of a population of agencies, with gold files.

population.py (agencies) → numbers.py (tables that obey the spec, year after year) →
render.py (pure `render_<layout>(report, rng) -> str` functions) → corpus.py (files and gold
beside them, in parallel) → command.py (`xxgk synth`).
"""

from __future__ import annotations

from pathlib import Path


def write_sample_corpus(out_dir: Path, agencies: int = 40, seed: int = 7) -> int:
    """The small seeded sample `make run` builds from when raw/ is empty; returns files written."""
    from .corpus import write_sample_corpus as write

    return write(Path(out_dir), agencies=agencies, seed=seed)


__all__ = ["write_sample_corpus"]
