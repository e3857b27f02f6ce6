-- One row per build that loaded into the warehouse: what it saw and what it did, so that the
-- accounting (files seen = new + already loaded + duplicates) can be checked per run.
CREATE TABLE IF NOT EXISTS ingest_run (
    ingested_at       TIMESTAMP PRIMARY KEY,
    finished_at       TIMESTAMP,
    files_seen        INTEGER NOT NULL,
    reports_new       INTEGER NOT NULL,
    reports_unchanged INTEGER NOT NULL,
    duplicates        INTEGER NOT NULL,
    quarantined_new   INTEGER NOT NULL,
    superseded        INTEGER NOT NULL
);

COMMENT ON TABLE ingest_run IS 'Log of the ingest runs that built this warehouse: files_seen = reports_new + reports_unchanged + duplicates.';
COMMENT ON COLUMN ingest_run.ingested_at IS 'Start time of the run; equals dim_report.ingested_at of the versions it loaded.';
COMMENT ON COLUMN ingest_run.finished_at IS 'Time the run finished loading (before publishing).';
COMMENT ON COLUMN ingest_run.files_seen IS 'Raw files the run parsed.';
COMMENT ON COLUMN ingest_run.reports_new IS 'Report versions added to dim_report (including quarantined ones).';
COMMENT ON COLUMN ingest_run.reports_unchanged IS 'Files whose content and parser version were already in the warehouse: nothing changed.';
COMMENT ON COLUMN ingest_run.duplicates IS 'Files of the run with the same bytes as another file of the same run (loaded once).';
COMMENT ON COLUMN ingest_run.quarantined_new IS 'Of reports_new, how many were quarantined.';
COMMENT ON COLUMN ingest_run.superseded IS 'Versions that stopped being current during this run (a revised report replaced them).';
