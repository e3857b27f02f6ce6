-- The latest check run written into the warehouse: its id, when it ran, and the expectations it
-- could not evaluate (NULL run_id: the warehouse was never checked).
SELECT any_value(run_id) AS run_id, min(checked_at) AS checked_at,
       count(*) FILTER (WHERE status = 'error' AND report_id IS NULL) AS errors
FROM check_result;
