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
    superseded        INTEGER NOT NULL,
    files_skipped     INTEGER NOT NULL DEFAULT 0,
    skipped           STRUCT(path VARCHAR, reason VARCHAR)[]
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
COMMENT ON COLUMN ingest_run.files_skipped IS 'Entries of the raw folder the run did not read (hidden, not a regular file, a broken link, a linked folder, unreadable, a gold label): with files_seen, every entry is accounted for.';
COMMENT ON COLUMN ingest_run.skipped IS 'Each entry skipped, with the reason: path (as text; bytes of a name that are not UTF-8 as \xNN, backslashes doubled) and reason.';

-- Which bytes each raw path held, as the runs saw them: one row per change (the first sight of a
-- path, and every time its bytes differ from what the run before saw there). The current version
-- of a report is the one seen last, even when those bytes had been seen before (v1, v2, v1 again).
CREATE TABLE IF NOT EXISTS report_seen (
    source_path VARCHAR NOT NULL,
    report_id   VARCHAR NOT NULL,
    seen_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (source_path, seen_at)
);

COMMENT ON TABLE report_seen IS 'History of what each raw path held: a row whenever a run found other bytes at the path than the run before (or the path for the first time).';
COMMENT ON COLUMN report_seen.source_path IS 'The raw file, as dim_report.source_path.';
COMMENT ON COLUMN report_seen.report_id IS 'The report version (bytes and parser version) the path held from then on.';
COMMENT ON COLUMN report_seen.seen_at IS 'Start time of the run that saw the change (ingest_run.ingested_at).';
