"""Dagster assets, checks, schedule and sensor: thin wrappers over the library, no logic of their own."""

import warnings

import dagster as dg

# observable source assets and backfill policies are marked beta; the warning says nothing to an analyst
warnings.filterwarnings("ignore", category=dg.BetaWarning)
