"""The Dagster definitions, loaded from this folder as `dg` lays a project out
(`pipelines/definitions.py` calls the loader): thin assets, checks, a job, a schedule, a sensor and
the one resource, each a few lines over the library (`pipelines.flow`, `pipelines.warehouse`)."""

import warnings

import dagster as dg

# observable source assets and backfill policies are marked beta; the warning says nothing to an analyst
warnings.filterwarnings("ignore", category=dg.BetaWarning)
