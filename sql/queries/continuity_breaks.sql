-- Agencies whose carried-over requests break continuity (rule 6): this year's 上年结转 differs
-- from the same agency's 结转下年度继续办理 of the previous year, per applicant column.
-- Current report versions only; an agency with no report for the previous year is not judged.
-- @param year INTEGER = NULL  only breaks in this reporting year (default: every year)
-- @param agency VARCHAR = NULL  part of the agency name to match (default: every agency)
WITH cell AS (
    SELECT r.agency_id, r.agency, r.province, r.year, f.row_code, f.applicant_type, f.count
    FROM fact_application AS f
    JOIN v_report AS r USING (report_id)
    WHERE f.row_code IN ('carried_over', 'carried_forward')
)
SELECT
    c.agency, c.province, c.year, c.applicant_type,
    c.count AS carried_over,
    p.count AS previous_carried_forward,
    c.count - p.count AS difference
FROM cell AS c
JOIN cell AS p
  ON p.agency_id = c.agency_id AND p.year = c.year - 1 AND p.applicant_type = c.applicant_type
 AND p.row_code = 'carried_forward'
WHERE c.row_code = 'carried_over'
  AND c.count IS DISTINCT FROM p.count
  AND (CAST($year AS INTEGER) IS NULL OR c.year = CAST($year AS INTEGER))
  AND (CAST($agency AS VARCHAR) IS NULL OR c.agency LIKE '%' || CAST($agency AS VARCHAR) || '%')
ORDER BY c.year, c.agency,
         list_position(['natural_person', 'commercial', 'research', 'social_org', 'legal_service',
                        'other', 'total'], c.applicant_type);
