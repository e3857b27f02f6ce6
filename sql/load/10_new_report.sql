-- Staged reports the warehouse does not hold yet. The same bytes twice in one batch (copies of a
-- file) give the same report_id: keep one, the first path. Parameters: none; reads stg_report.
-- copies > 1 marks those, so only their cells need deduplicating.
CREATE OR REPLACE TEMP TABLE new_report AS
SELECT s.*, count(*) OVER (PARTITION BY s.report_id) AS copies
FROM stg_report AS s
WHERE s.report_id NOT IN (SELECT report_id FROM dim_report)
QUALIFY row_number() OVER (PARTITION BY s.report_id ORDER BY s.source_path) = 1;

-- Which versions were current before this run, to count what the run supersedes.
CREATE OR REPLACE TEMP TABLE current_before AS
SELECT report_id FROM dim_report WHERE is_current;
