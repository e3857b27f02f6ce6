-- v_applications_wide: table 3 of each current report on one row: the 总计 column of every
-- row code, subtotals that make both templates comparable, and the applicant mix of new requests.
-- A cell column is max() over the one fact row it has, so its type stays BIGINT.
CREATE OR REPLACE VIEW v_applications_wide AS
WITH t AS (
    SELECT report_id, row_code, applicant_type, count FROM fact_application
    WHERE report_id IN (SELECT report_id FROM dim_report WHERE is_current)
)
SELECT
    r.report_id, r.agency_id, r.agency, r.province, r.city, r.county, r.year, r.template, r.status,
    max(count) FILTER (WHERE applicant_type = 'total' AND row_code = 'new') AS new,
    max(count) FILTER (WHERE applicant_type = 'total' AND row_code = 'carried_over') AS carried_over,
    max(count) FILTER (WHERE applicant_type = 'total' AND row_code = 'granted') AS granted,
    max(count) FILTER (WHERE applicant_type = 'total' AND row_code = 'partial') AS partial,
    max(count) FILTER (WHERE applicant_type = 'total' AND row_code = 'denied_state_secret') AS denied_state_secret,
    max(count) FILTER (WHERE applicant_type = 'total' AND row_code = 'denied_law_forbidden') AS denied_law_forbidden,
    max(count) FILTER (WHERE applicant_type = 'total' AND row_code = 'denied_three_safety') AS denied_three_safety,
    max(count) FILTER (WHERE applicant_type = 'total' AND row_code = 'denied_third_party') AS denied_third_party,
    max(count) FILTER (WHERE applicant_type = 'total' AND row_code = 'denied_internal') AS denied_internal,
    max(count) FILTER (WHERE applicant_type = 'total' AND row_code = 'denied_process') AS denied_process,
    max(count) FILTER (WHERE applicant_type = 'total' AND row_code = 'denied_enforcement_file') AS denied_enforcement_file,
    max(count) FILTER (WHERE applicant_type = 'total' AND row_code = 'denied_query') AS denied_query,
    max(count) FILTER (WHERE applicant_type = 'total' AND row_code = 'unable_not_held') AS unable_not_held,
    max(count) FILTER (WHERE applicant_type = 'total' AND row_code = 'unable_need_creation') AS unable_need_creation,
    max(count) FILTER (WHERE applicant_type = 'total' AND row_code = 'unable_unclear') AS unable_unclear,
    max(count) FILTER (WHERE applicant_type = 'total' AND row_code = 'rejected_petition') AS rejected_petition,
    max(count) FILTER (WHERE applicant_type = 'total' AND row_code = 'rejected_duplicate') AS rejected_duplicate,
    max(count) FILTER (WHERE applicant_type = 'total' AND row_code = 'rejected_publication') AS rejected_publication,
    max(count) FILTER (WHERE applicant_type = 'total' AND row_code = 'rejected_mass') AS rejected_mass,
    max(count) FILTER (WHERE applicant_type = 'total' AND row_code = 'rejected_confirm') AS rejected_confirm,
    max(count) FILTER (WHERE applicant_type = 'total' AND row_code = 'other') AS other,
    max(count) FILTER (WHERE applicant_type = 'total' AND row_code = 'other_no_correction') AS other_no_correction,
    max(count) FILTER (WHERE applicant_type = 'total' AND row_code = 'other_no_fee') AS other_no_fee,
    max(count) FILTER (WHERE applicant_type = 'total' AND row_code = 'other_misc') AS other_misc,
    max(count) FILTER (WHERE applicant_type = 'total' AND row_code = 'total_handled') AS total_handled,
    max(count) FILTER (WHERE applicant_type = 'total' AND row_code = 'carried_forward') AS carried_forward,
    -- subtotals comparable across templates (v2019 has one 其他处理 row, v2021 three)
    CAST(sum(count) FILTER (WHERE applicant_type = 'total' AND row_code LIKE 'denied\_%' ESCAPE '\') AS BIGINT) AS denied_all,
    CAST(sum(count) FILTER (WHERE applicant_type = 'total' AND row_code LIKE 'unable\_%' ESCAPE '\') AS BIGINT) AS unable_all,
    CAST(sum(count) FILTER (WHERE applicant_type = 'total' AND row_code LIKE 'rejected\_%' ESCAPE '\') AS BIGINT) AS rejected_all,
    CAST(sum(count) FILTER (WHERE applicant_type = 'total' AND (row_code = 'other' OR row_code LIKE 'other\_%' ESCAPE '\')) AS BIGINT) AS other_all,
    -- who asked: the 本年新收 row by applicant type
    max(count) FILTER (WHERE row_code = 'new' AND applicant_type = 'natural_person') AS new_natural_person,
    max(count) FILTER (WHERE row_code = 'new' AND applicant_type = 'commercial') AS new_commercial,
    max(count) FILTER (WHERE row_code = 'new' AND applicant_type = 'research') AS new_research,
    max(count) FILTER (WHERE row_code = 'new' AND applicant_type = 'social_org') AS new_social_org,
    max(count) FILTER (WHERE row_code = 'new' AND applicant_type = 'legal_service') AS new_legal_service,
    max(count) FILTER (WHERE row_code = 'new' AND applicant_type = 'other') AS new_other
FROM v_report AS r
JOIN t USING (report_id)
GROUP BY ALL;

COMMENT ON VIEW v_applications_wide IS 'Table 3 of each current report on one row: the 总计 (total) column of every row code (NULL where the template has no such row), subtotals denied_all / unable_all / rejected_all / other_all comparable across templates, and new requests by applicant type.';
