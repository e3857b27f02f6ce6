-- v_review_litigation_wide: table 4 of each current report on one row (3 groups x 5 outcomes);
-- each column is one printed cell (max over the one row it has).
CREATE OR REPLACE VIEW v_review_litigation_wide AS
WITH t AS (
    SELECT report_id, group_code, outcome, count FROM fact_review_litigation
    WHERE report_id IN (SELECT report_id FROM dim_report WHERE is_current)
)
SELECT
    r.report_id, r.agency_id, r.agency, r.province, r.city, r.county, r.year, r.template, r.status,
    max(count) FILTER (WHERE group_code = 'review' AND outcome = 'upheld') AS review_upheld,
    max(count) FILTER (WHERE group_code = 'review' AND outcome = 'corrected') AS review_corrected,
    max(count) FILTER (WHERE group_code = 'review' AND outcome = 'other') AS review_other,
    max(count) FILTER (WHERE group_code = 'review' AND outcome = 'pending') AS review_pending,
    max(count) FILTER (WHERE group_code = 'review' AND outcome = 'total') AS review_total,
    max(count) FILTER (WHERE group_code = 'litigation_direct' AND outcome = 'upheld') AS litigation_direct_upheld,
    max(count) FILTER (WHERE group_code = 'litigation_direct' AND outcome = 'corrected') AS litigation_direct_corrected,
    max(count) FILTER (WHERE group_code = 'litigation_direct' AND outcome = 'other') AS litigation_direct_other,
    max(count) FILTER (WHERE group_code = 'litigation_direct' AND outcome = 'pending') AS litigation_direct_pending,
    max(count) FILTER (WHERE group_code = 'litigation_direct' AND outcome = 'total') AS litigation_direct_total,
    max(count) FILTER (WHERE group_code = 'litigation_after_review' AND outcome = 'upheld') AS litigation_after_review_upheld,
    max(count) FILTER (WHERE group_code = 'litigation_after_review' AND outcome = 'corrected') AS litigation_after_review_corrected,
    max(count) FILTER (WHERE group_code = 'litigation_after_review' AND outcome = 'other') AS litigation_after_review_other,
    max(count) FILTER (WHERE group_code = 'litigation_after_review' AND outcome = 'pending') AS litigation_after_review_pending,
    max(count) FILTER (WHERE group_code = 'litigation_after_review' AND outcome = 'total') AS litigation_after_review_total
FROM v_report AS r
JOIN t USING (report_id)
GROUP BY ALL;

COMMENT ON VIEW v_review_litigation_wide IS 'Table 4 of each current report on one row: <group>_<outcome> for the groups review, litigation_direct, litigation_after_review and the outcomes upheld, corrected, other, pending, total (as printed).';
