-- Log the run, when it changed something (a run that loads nothing new leaves no trace, so
-- loading the same files twice changes nothing). Parameters: the counts of 80_run_counts.sql,
-- $ingested_at, $finished_at; reads stg_skipped.
INSERT INTO ingest_run BY NAME
SELECT
    $ingested_at AS ingested_at, $finished_at AS finished_at, $files_seen AS files_seen,
    $reports_new AS reports_new, $reports_unchanged AS reports_unchanged, $duplicates AS duplicates,
    $quarantined_new AS quarantined_new, $superseded AS superseded, $files_skipped AS files_skipped,
    (SELECT list({'path': source_path, 'reason': reason} ORDER BY source_path) FROM stg_skipped) AS skipped
WHERE $reports_new > 0 OR $superseded > 0;
