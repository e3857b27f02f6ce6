-- Rule 6, continuity: this year's carried_over vs the same agency's carried_forward of the
-- previous year, per applicant column. A break is charged to the report whose own balance
-- (rule 1) also fails in that column — the earlier one when only it does, else the later one.
-- (Rule 1 is recomputed here from checks.rule_term for the reports of a broken pair only: blame
-- never matters elsewhere.)
CREATE OR REPLACE VIEW checks.continuity AS
WITH pairs AS (
    SELECT cur.report_id AS cur_report_id, prev.report_id AS prev_report_id, co.applicant_type AS col,
           coalesce(co.count, 0)::DOUBLE AS carried_over, coalesce(cf.count, 0)::DOUBLE AS carried_forward
    FROM checks.report cur
    JOIN checks.report prev ON prev.agency_id = cur.agency_id AND prev.year = cur.year - 1
    JOIN fact_application co ON co.report_id = cur.report_id AND co.row_code = 'carried_over'
    JOIN fact_application cf
      ON cf.report_id = prev.report_id AND cf.row_code = 'carried_forward'
     AND cf.applicant_type = co.applicant_type
),
broken AS MATERIALIZED (SELECT * FROM pairs WHERE carried_over <> carried_forward),
broken_reports AS (SELECT cur_report_id AS report_id FROM broken UNION SELECT prev_report_id FROM broken),
balance_failures AS (  -- rule 1 failing, per report of a broken pair and applicant column (balance/<column>)
    SELECT f.report_id, t.equation AS check_name
    FROM broken_reports b
    JOIN fact_application f USING (report_id)
    JOIN checks.report r USING (report_id)
    JOIN checks.rule_term t
      ON t.rule = 'rule1' AND t.template = r.template AND t.table_name = 'applications'
     AND t.row_code = f.row_code AND t.col_code = f.applicant_type
    GROUP BY ALL
    HAVING sum(CASE WHEN t.side = 'left' THEN coalesce(f.count, 0) ELSE -coalesce(f.count, 0) END) <> 0
),
blamed AS (
    SELECT b.cur_report_id, b.col, pb.report_id IS NOT NULL AND cb.report_id IS NULL AS blame_previous
    FROM broken b
    LEFT JOIN balance_failures cb ON cb.report_id = b.cur_report_id AND cb.check_name = 'balance/' || b.col
    LEFT JOIN balance_failures pb ON pb.report_id = b.prev_report_id AND pb.check_name = 'balance/' || b.col
)
SELECT p.*, coalesce(b.blame_previous, false) AS blame_previous
FROM pairs p LEFT JOIN blamed b USING (cur_report_id, col);

-- observed: the blamed report's own cell; expected: the neighbouring year's cell it should equal.
CREATE OR REPLACE VIEW checks.rule6 AS
SELECT CASE WHEN blame_previous THEN prev_report_id ELSE cur_report_id END AS report_id,
       'applications' AS table_name, 'rule6' AS rule, 'equation' AS check_kind,
       'continuity/' || col AS check_name,
       CASE WHEN blame_previous THEN carried_forward ELSE carried_over END AS observed,
       CASE WHEN blame_previous THEN carried_over ELSE carried_forward END AS expected
FROM checks.continuity;
