"""The one build sequence — lock → parse → load → validate → publish — and the rule that decides
whether a build publishes: `pipelines.flow.build`, run by `xxgk build` and the Dagster job alike."""
