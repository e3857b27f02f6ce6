-- Settle which version of each report is current: per report_key (agency and year, else the
-- path) the most recently ingested usable version; ties within one run go to the version with
-- fewer errors and warnings, then to the path. Recomputed over the whole history, so the result
-- depends only on what is loaded, never on the order of statements. Parameters: none.
CREATE OR REPLACE TEMP TABLE current_pick AS
SELECT
    report_id,
    first_value(report_id) OVER (
        PARTITION BY report_key
        ORDER BY ingested_at DESC, n_errors + n_warnings, source_path DESC, report_id
    ) AS current_id
FROM dim_report
WHERE status <> 'quarantined';

UPDATE dim_report AS d
SET
    is_current = (c.report_id = c.current_id),
    superseded_by = CASE WHEN c.report_id = c.current_id THEN NULL ELSE c.current_id END
FROM current_pick AS c
WHERE d.report_id = c.report_id
  AND (d.is_current IS DISTINCT FROM (c.report_id = c.current_id)
       OR d.superseded_by IS DISTINCT FROM CASE WHEN c.report_id = c.current_id THEN NULL ELSE c.current_id END);
