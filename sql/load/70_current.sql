-- Settle which version of each report is current: per report_key (agency and year, else the
-- path) the usable version whose bytes were seen last at a path (report_seen: bytes seen before
-- count again when they come back), then the most recently ingested; ties within one run go to
-- the version with fewer errors and warnings, then to the path. Recomputed over the whole
-- history, so the result depends only on what is loaded, never on the order of statements.
-- A reconciled version (layout reconciled, made of copies by pipelines.warehouse.load.settle_copies
-- right after this file) is left alone here: that step decides whether it or a plain version is
-- current. Parameters: none.
CREATE OR REPLACE TEMP TABLE current_pick AS
SELECT
    r.report_id,
    first_value(r.report_id) OVER (
        PARTITION BY r.report_key
        ORDER BY seen.last_seen DESC NULLS LAST, r.ingested_at DESC, r.n_errors + r.n_warnings,
                 r.source_path DESC, r.report_id
    ) AS current_id
FROM dim_report AS r
LEFT JOIN (SELECT report_id, max(seen_at) AS last_seen FROM report_seen GROUP BY report_id) AS seen
    USING (report_id)
WHERE r.status <> 'quarantined' AND r.layout IS DISTINCT FROM 'reconciled';

UPDATE dim_report AS d
SET
    is_current = (c.report_id = c.current_id),
    superseded_by = CASE WHEN c.report_id = c.current_id THEN NULL ELSE c.current_id END
FROM current_pick AS c
WHERE d.report_id = c.report_id
  AND (d.is_current IS DISTINCT FROM (c.report_id = c.current_id)
       OR d.superseded_by IS DISTINCT FROM CASE WHEN c.report_id = c.current_id THEN NULL ELSE c.current_id END);
