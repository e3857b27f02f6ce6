-- New unusable files, with their reason. Parameters: $ingested_at.
INSERT INTO quarantine BY NAME
SELECT
    source_path AS path, sha256, coalesce(quarantine_reason, 'quarantined') AS reason,
    $ingested_at AS seen_at, report_id, quarantine_codes AS issue_codes, parser_version
FROM new_report
WHERE status = 'quarantined';
