"""The fetch as a Dagster asset upstream of the raw reports: it fetches annual reports from the
agencies' sites into raw/ (`pipelines.fetch.asset.fetch_asset`, `xxgk fetch` as a library call),
on the reporting season's schedules (`SEASON_CRONS`: daily January–March, weekly after). The
schedules start stopped: fetching reaches the network, which a deployment turns on knowingly.

Which sites: a CSV of report URLs and one of column list pages (the analyst's roster CSV works),
from the run's config or XXGK_FETCH_URLS / XXGK_FETCH_LISTS (else XXGK_ROSTER for the lists).
"""

import os

import dagster as dg

from pipelines.defs.raw import raw_reports
from pipelines.defs.resources import XxgkPaths
from pipelines.fetch.asset import SEASON_CRONS, fetch_asset


class FetchConfig(dg.Config):
    urls_csv: str = ""  # report URLs: url, optional agency, year
    lists_csv: str = ""  # column list pages: list_url, optional agency


def fetch_inputs(config: FetchConfig, xxgk: XxgkPaths) -> tuple[str | None, str | None]:
    """The URLs and lists CSVs of a run: its config, else the environment, else the roster."""
    urls = config.urls_csv or os.environ.get("XXGK_FETCH_URLS", "")
    lists = config.lists_csv or os.environ.get("XXGK_FETCH_LISTS", "") or xxgk.roster_csv
    return urls or None, lists or None


@dg.asset(
    group_name="xxgk",
    kinds={"http"},
    description="Annual reports fetched from the agencies' sites into raw/, politely and resumably "
                "(unchanged pages are not fetched again); failures are listed, never fatal.",
)
def fetched_reports(context: dg.AssetExecutionContext, config: FetchConfig, xxgk: XxgkPaths) -> dg.MaterializeResult:
    urls, lists = fetch_inputs(config, xxgk)
    if urls is None and lists is None:
        raise dg.Failure("nothing to fetch: give urls_csv or lists_csv in the run config, or set "
                         "XXGK_FETCH_URLS, XXGK_FETCH_LISTS or XXGK_ROSTER")
    _, metadata = fetch_asset(xxgk.raw, urls, lists, log=context.log)
    metadata["failures"] = dg.MetadataValue.md(metadata["failures"])
    metadata["raw_dir"] = dg.MetadataValue.path(str(xxgk.raw))
    return dg.MaterializeResult(metadata=metadata)


fetch_job = dg.define_asset_job(
    "fetch",
    # observing raw_reports afterwards records what the fetch added to raw/
    selection=dg.AssetSelection.assets(fetched_reports, raw_reports.key),
    description="Fetch annual reports into raw/, then observe raw/ (the sensor starts the ingest).",
)

# one schedule per cron of the season: (name, cron, what it says)
_SCHEDULES = (("fetch_in_season", "daily through January–March, when most reports appear"),
              ("fetch_off_season", "weekly, Mondays, from April to December"))


def fetch_schedules() -> list[dg.ScheduleDefinition]:
    return [dg.ScheduleDefinition(name=name, job=fetch_job, cron_schedule=cron, execution_timezone="Asia/Shanghai",
                                  default_status=dg.DefaultScheduleStatus.STOPPED,
                                  description=f"Fetch reports {what} ({cron}).")
            for (name, what), cron in zip(_SCHEDULES, SEASON_CRONS, strict=True)]


@dg.definitions
def defs() -> dg.Definitions:
    return dg.Definitions(assets=[fetched_reports], jobs=[fetch_job], schedules=fetch_schedules())
