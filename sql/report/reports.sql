-- The reports in scope, one row each: the agency and its region, the year, the table 3 and table 4
-- totals (总计 as printed), the rules it breaks in the latest check run and the suggested fix.
SELECT s.agency, s.province, s.city, s.county, s.year, s.template, s.status,
       a.new, a.total_handled, a.granted, a.partial, a.denied_all, a.unable_all, a.rejected_all,
       a.other_all, a.carried_forward,
       w.review_total, w.litigation_direct_total, w.litigation_after_review_total,
       q.rules_broken, q.suggestion, s.title, s.source_path, s.report_id
FROM report_scope s
LEFT JOIN v_applications_wide a USING (report_id)
LEFT JOIN v_review_litigation_wide w USING (report_id)
LEFT JOIN report_quality q USING (report_id)
ORDER BY s.year, s.agency, s.report_id
LIMIT $limit;
