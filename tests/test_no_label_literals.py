"""No module outside the template files and `spec.py` spells out a label the templates print: the
code, the SQL and the GX suites take them from `pipelines.spec` (issue 21, "templates as data")."""

from __future__ import annotations

from pathlib import Path

from pipelines import spec

ROOT = Path(__file__).resolve().parents[1]
SEARCHED = ("pipelines", "sql", "expectations")
SUFFIXES = {".py", ".sql", ".json", ".toml", ".yml", ".yaml", ".md", ".csv", ".txt", ".c", ".h"}
# where labels belong
ALLOWED = (ROOT / "pipelines" / "templates", ROOT / "pipelines" / "spec.py",
           # the generator's prose: sentences a report prints around its tables (a preface that
           # lists the sections, "上年结转…件"), not labels any code matches or prints as a label
           ROOT / "pipelines" / "synth" / "data" / "prose.toml")
MIN_LENGTH = 3


def _literals() -> list[str]:
    return sorted((w for w in spec.label_literals() if len(w) >= MIN_LENGTH), key=len, reverse=True)


def _files(under: tuple[Path, ...]) -> list[Path]:
    return sorted(p for top in under for p in (top.rglob("*") if top.is_dir() else [top])
                  if p.is_file() and p.suffix in SUFFIXES and "__pycache__" not in p.parts)


def _inside(path: Path, folders: tuple[Path, ...]) -> bool:
    return any(path == f or f in path.parents for f in folders)


def _hits(files: list[Path]) -> list[str]:
    words = _literals()
    out = []
    for path in files:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:
            continue
        for no, line in enumerate(lines, 1):
            found = next((w for w in words if w in line), None)
            if found:
                out.append(f"{path.relative_to(ROOT)}:{no}: {found!r}")
    return out


def test_the_templates_have_labels_to_look_for():
    assert len(_literals()) > 50


def test_no_label_literal_outside_the_templates():
    files = [p for p in _files(tuple(ROOT / d for d in SEARCHED))
             if not _inside(p, ALLOWED)]
    hits = _hits(files)
    assert not hits, "labels spelled out outside pipelines/templates (take them from pipelines.spec):\n" + "\n".join(
        hits)
