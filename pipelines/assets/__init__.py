"""Dagster assets, checks, schedule and sensor: thin wrappers over the library, no logic of their own."""
