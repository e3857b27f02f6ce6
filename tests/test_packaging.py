"""The package installed without `-e`: every package and data folder is in the wheel, sql/ and
expectations/ ship inside it, and the installed `xxgk` builds, checks and queries a warehouse and
loads the Dagster definitions with no checkout around it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from pipelines import paths

REPO = Path(__file__).resolve().parents[1]
MAPPED = {"sql": "pipelines.sql", "expectations": "pipelines.expectations"}


def _folders(top: Path, package: str) -> set[str]:
    """Dotted names of `top` and its folders that hold a file (caches and hidden folders aside)."""
    out = set()
    for folder in [top, *top.rglob("*")]:
        rel = folder.relative_to(top).parts
        if not folder.is_dir() or any(p.startswith(".") or p == "__pycache__" for p in rel):
            continue
        if any(f.is_file() and not f.name.startswith(".") for f in folder.iterdir()):
            out.add(".".join([package, *rel]))
    return out


def test_the_package_list_names_every_folder() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    present = _folders(REPO / "pipelines", "pipelines")
    for folder, package in MAPPED.items():
        assert config["package-dir"][package] == folder
        present |= _folders(REPO / folder, package)
    assert sorted(present - listed) == [], "add these to [tool.setuptools] packages in pyproject.toml"
    assert sorted(listed - present) == [], "these are listed in pyproject.toml but hold no file"


def test_a_checkout_finds_its_own_top_level_folders() -> None:
    assert paths.in_checkout()
    assert paths.SQL_DIR == REPO / "sql" and paths.EXPECTATIONS_DIR == REPO / "expectations"


def test_the_project_root_setting(monkeypatch, tmp_path) -> None:
    for name in ("XXGK_ROOT", "XXGK_RAW", "XXGK_WAREHOUSE", "XXGK_STAGING"):
        monkeypatch.delenv(name, raising=False)
    assert paths.root() == REPO and paths.raw_dir() == REPO / "raw"
    monkeypatch.setenv("XXGK_ROOT", str(tmp_path))
    assert paths.raw_dir() == tmp_path / "raw"
    assert paths.warehouse_file() == tmp_path / "warehouse" / "xxgk.duckdb"
    assert paths.staging_dir() == tmp_path / "warehouse" / "staging"
    monkeypatch.setenv("XXGK_WAREHOUSE", str(tmp_path / "w" / "a.duckdb"))
    assert paths.staging_dir() == tmp_path / "w" / "staging"
    assert paths.docs_dir(paths.warehouse_file()) == tmp_path / "w" / "docs"


def _wheel(tmp_path: Path) -> Path:
    """A wheel built offline from a copy of the checkout (the build leaves nothing in the repository)."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.so", "*.egg-info")
    for name in ("pipelines", "sql", "expectations"):
        shutil.copytree(REPO / name, src / name, ignore=ignore)
    out = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                    "-q", "-w", str(out), str(src)], check=True, capture_output=True, timeout=600)
    [wheel] = out.glob("*.whl")
    return wheel


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path, Path]:
    """(wheel, the folder it is installed into, an empty working folder)."""
    tmp_path = tmp_path_factory.mktemp("installed")
    wheel = _wheel(tmp_path)
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target",
                    str(site), str(wheel)], check=True, capture_output=True, timeout=300)
    work = tmp_path / "work"
    work.mkdir()
    return wheel, site, work


def _env(site: Path, work: Path) -> dict[str, str]:
    # the installed copy first on the path; the dependencies come from this environment
    return {**{k: v for k, v in os.environ.items() if not k.startswith("XXGK_")},
            "PYTHONPATH": str(site), "XXGK_ROOT": str(work), "GX_ANALYTICS_ENABLED": "false"}


@pytest.mark.slow
def test_the_installed_package_works_without_a_checkout(installed) -> None:
    wheel, site, work = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, package in MAPPED.items():
        inside = package.replace(".", "/")
        shipped = {n for n in names if n.startswith(inside + "/")}
        files = {f"{inside}/{p.relative_to(REPO / folder)}" for p in (REPO / folder).rglob("*")
                 if p.is_file() and not p.name.startswith(".")}
        assert files <= shipped, f"missing from the wheel: {sorted(files - shipped)[:5]}"

    env = _env(site, work)

    def xxgk(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "pipelines.cli", *args], cwd=work, env=env,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    where = subprocess.run([sys.executable, "-c", "import pipelines.paths as p; print(p.PACKAGE_DIR, p.SQL_DIR, "
                            "p.EXPECTATIONS_DIR, p.in_checkout(), p.warehouse_file())"],
                           cwd=work, env=env, capture_output=True, text=True, check=True).stdout.split()
    package = site / "pipelines"
    assert where == [str(package), str(package / "sql"), str(package / "expectations"), "False",
                     str(work / "warehouse" / "xxgk.duckdb")]

    xxgk("synth", "--agencies", "1", "--years", "2020-2021", "--out", str(work / "raw"), "--processes", "1")
    xxgk("build", "--raw", str(work / "raw"), "--workers", "1")  # validated: the GX suites and check SQL
    assert (work / "warehouse" / "xxgk.duckdb").is_file()
    assert "status" in xxgk("query", "reports_by_status", "--csv")

    loaded = subprocess.run([sys.executable, "-c", "from pipelines.definitions import defs; "
                             "d = defs(); print(d.resolve_job_def('ingest').name)"],
                            cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert loaded.returncode == 0 and loaded.stdout.split()[-1] == "ingest", loaded.stderr[-3000:]


@pytest.mark.slow
def test_the_installed_package_reads_the_analysts_adjudications(installed) -> None:
    _, site, work = installed
    found = subprocess.run([sys.executable, "-c", "from pipelines.quality import adjudications, suites; "
                            "print(adjudications.ADJUDICATIONS_CSV.is_file(), suites.PROJECT_DIR.is_dir())"],
                           cwd=work, env=_env(site, work), capture_output=True, text=True, check=True)
    assert found.stdout.split() == ["True", "True"]
