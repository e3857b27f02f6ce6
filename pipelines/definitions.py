"""The Dagster code location: every definition under `pipelines/defs/`, loaded as `dg` loads a
project's defs folder (`dagster dev`, `dg list defs` and `make dev` start here)."""

from __future__ import annotations

import dagster as dg

from pipelines import paths


def load(xxgk: dg.ConfigurableResource | None = None) -> dg.Definitions:
    """The definitions under pipelines/defs/; `xxgk` replaces the folders resource read from the
    environment (the tests and `make run` pass their own)."""
    if paths.in_checkout():
        # the documented loader: reads [tool.dg.project] of pyproject.toml to find the defs folder
        defs = dg.load_from_defs_folder(path_within_project=paths.PACKAGE_DIR)
    else:  # an installed package has no pyproject.toml: the same tree, named directly
        import pipelines.defs

        defs = dg.ComponentTree.from_module(defs_module=pipelines.defs, project_root=paths.PACKAGE_DIR).build_defs()
    if xxgk is None:
        return defs
    return dg.Definitions.merge(
        dg.Definitions(assets=defs.assets, asset_checks=defs.asset_checks, jobs=defs.jobs,
                       schedules=defs.schedules, sensors=defs.sensors),
        dg.Definitions(resources={**(defs.resources or {}), "xxgk": xxgk}),
    )


@dg.definitions
def defs() -> dg.Definitions:
    return load()
