-- Agencies whose carried-over requests break continuity (rule 6): this year's carried-over
-- requests differ from the same agency's requests carried forward in the previous year, per
-- applicant column (v_continuity; the rows are the templates' rule 6). Current report versions
-- only; an agency with no report for the previous year is not judged.
-- @param year INTEGER = NULL  only breaks in this reporting year (default: every year)
-- @param agency VARCHAR = NULL  part of the agency name to match (default: every agency)
SELECT
    agency, province, year, applicant_type,
    carried_over,
    previous_carried_forward,
    difference,
    applicant_label
FROM v_continuity
WHERE NOT holds
  AND (CAST($year AS INTEGER) IS NULL OR year = CAST($year AS INTEGER))
  AND (CAST($agency AS VARCHAR) IS NULL OR agency LIKE '%' || CAST($agency AS VARCHAR) || '%')
ORDER BY year, agency, applicant_order;
