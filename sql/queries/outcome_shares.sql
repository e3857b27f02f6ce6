-- How requests were answered: per year the share of each outcome — granted (予以公开), partial
-- (部分公开), denied (不予公开, also by reason), unable (无法提供, by reason), rejected (不予处理,
-- by reason), other (其他处理) — among all outcomes counted (the sum of the outcome rows, not
-- the printed 总计, which some reports get wrong). reason '(all)' is the group's total.
-- @param year INTEGER = NULL  only this reporting year (default: every year)
-- @param agency VARCHAR = NULL  part of the agency name to match (default: every agency)
WITH o AS (
    SELECT year, outcome_group, outcome, count
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
    round(100.0 * sum(o.count) / nullif(any_value(h.handled), 0), 2) AS share_pct
FROM o JOIN handled AS h USING (year)
GROUP BY GROUPING SETS ((o.year, o.outcome_group), (o.year, o.outcome_group, o.outcome))
HAVING grouping(o.outcome) = 1 OR o.outcome_group NOT IN ('granted', 'partial')
ORDER BY o.year,
         list_position(['granted', 'partial', 'denied', 'unable', 'rejected', 'other'], o.outcome_group),
         grouping(o.outcome) DESC, requests DESC;
