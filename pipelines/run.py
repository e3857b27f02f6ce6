"""`python -m pipelines.run` (what `make run` calls): on a fresh clone, generate the sample corpus
into raw/, materialise every asset once in this process (the ingest job) with the instance in DAGSTER_HOME (so
`dagster dev` shows the run afterwards), then say where the warehouse is and answer a first query.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from pipelines import paths

# without DAGSTER_HOME Dagster keeps runs in a temporary folder; the project keeps them here
DAGSTER_YAML = "telemetry:\n  enabled: false\n"
QUIET = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}


def dagster_home() -> Path:
    home = Path(os.environ.setdefault("DAGSTER_HOME", str(paths.root() / ".dagster_home"))).resolve()
    os.environ["DAGSTER_HOME"] = str(home)
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(DAGSTER_YAML)  # the machines here are offline: no usage statistics
    return home


def ensure_corpus(raw: Path, agencies: int = 40) -> int:
    """Write the seeded sample corpus when raw/ holds no report; returns files written."""
    from pipelines.ingest.files import raw_files
    from pipelines.synth.corpus import write_sample_corpus

    raw.mkdir(parents=True, exist_ok=True)
    if raw_files(raw):
        return 0
    return write_sample_corpus(raw, agencies=agencies)


def first_query(warehouse: Path) -> str:
    from rich.console import Console
    from rich.table import Table

    from pipelines.warehouse import queries

    q = queries.get("applications_yoy_national")
    con = queries.connect_read_only(warehouse)
    try:
        columns, rows = queries.run(q, q.bind({}), con)
    finally:
        con.close()
    table = Table(title=q.description, title_justify="left")
    for c in columns:
        table.add_column(c, justify="right")
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    console = Console(record=True, width=140)
    with console.capture() as out:
        console.print(table)
    return out.get()


def main() -> int:
    import dagster as dg

    from pipelines.definitions import load
    from pipelines.defs.jobs import range_tags
    from pipelines.defs.resources import XxgkPaths
    from pipelines.warehouse.partitions import partition_keys

    started = time.perf_counter()
    home = dagster_home()
    xxgk = XxgkPaths.from_env()
    written = ensure_corpus(xxgk.raw)
    if written:
        print(f"raw/ was empty: wrote a sample corpus of {written} files to {xxgk.raw}")
    with dg.DagsterInstance.get() as instance:
        # the same job the schedule and the sensor start, over every partition, in this process
        job = load(xxgk).resolve_job_def("ingest")
        result = job.execute_in_process(instance=instance, tags=range_tags(partition_keys()), run_config=QUIET)
    if not result.success:
        print(f"the run {result.run_id} failed; `make dev` shows its logs", file=sys.stderr)
        return 1
    checks = result.get_asset_check_evaluations()
    print(f"run {result.run_id} succeeded in {time.perf_counter() - started:.0f} s (Dagster home {home})")
    print(f"warehouse: {xxgk.warehouse.resolve()}")
    if checks:
        print(f"checks: {sum(c.passed for c in checks)} of {len(checks)} GX suites pass; "
              "failing reports are listed in check_result")
    else:  # the same rule as `xxgk build`: nothing new, nothing published
        print("nothing new in raw/: the warehouse is as it was (not published again)")
    print(first_query(xxgk.warehouse))
    print("next: `make dev` opens the Dagster UI; `xxgk query --list` lists the analyst queries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
