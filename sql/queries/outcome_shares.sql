-- How requests were answered: per year the share of each outcome group of table 3 — granted,
-- partial, denied (also by reason), unable (by reason), rejected (by reason), other — among all
-- outcomes counted (the sum of the outcome rows, not the printed total, which some reports get
-- wrong). reason '(all)' is the group's total; the reasons are listed for the groups that are
-- headings over reasons. Groups, reasons and labels come from the templates (dim_code).
-- @param year INTEGER = NULL  only this reporting year (default: every year)
-- @param agency VARCHAR = NULL  part of the agency name to match (default: every agency)
WITH o AS (
    SELECT year, outcome_group, outcome, count, outcome_group_order, outcome_group_label, outcome_label
    FROM v_application_outcome
    WHERE (CAST($year AS INTEGER) IS NULL OR year = CAST($year AS INTEGER))
      AND (CAST($agency AS VARCHAR) IS NULL OR agency LIKE '%' || CAST($agency AS VARCHAR) || '%')
),
handled AS (SELECT year, sum(count) AS handled FROM o GROUP BY year)
SELECT
    o.year,
    o.outcome_group,
    CASE WHEN grouping(o.outcome) = 1 THEN '(all)' ELSE o.outcome END AS reason,
    sum(o.count) AS requests,
    round(100.0 * sum(o.count) / nullif(any_value(h.handled), 0), 2) AS share_pct,
    any_value(o.outcome_group_label) AS group_label,
    CASE WHEN grouping(o.outcome) = 1 THEN NULL ELSE any_value(o.outcome_label) END AS reason_label
FROM o JOIN handled AS h USING (year)
GROUP BY GROUPING SETS ((o.year, o.outcome_group), (o.year, o.outcome_group, o.outcome))
HAVING grouping(o.outcome) = 1 OR o.outcome_group IN (SELECT code FROM dim_code WHERE is_heading)
ORDER BY o.year, min(o.outcome_group_order), grouping(o.outcome) DESC, requests DESC;
