-- v_application_outcome: the outcomes of table 3 (总计 column) of current reports, long, each
-- row code put in its group so both templates compare: granted, partial, denied, unable,
-- rejected, other.
CREATE OR REPLACE VIEW v_application_outcome AS
SELECT
    r.report_id, r.agency_id, r.agency, r.province, r.year, r.template,
    CASE
        WHEN f.row_code IN ('granted', 'partial') THEN f.row_code
        WHEN f.row_code = 'other' OR f.row_code LIKE 'other\_%' ESCAPE '\' THEN 'other'
        ELSE split_part(f.row_code, '_', 1)
    END AS outcome_group,
    f.row_code AS outcome,
    f.count
FROM fact_application AS f
JOIN v_report AS r USING (report_id)
WHERE f.applicant_type = 'total'
  AND f.row_code NOT IN ('new', 'carried_over', 'total_handled', 'carried_forward');

COMMENT ON VIEW v_application_outcome IS 'How the requests of current reports were handled (总计 column), one row per report and outcome row code, with outcome_group granted / partial / denied / unable / rejected / other.';
