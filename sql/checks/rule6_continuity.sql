-- Rule 6, continuity: this year's row vs the same agency's row of the previous year that it must
-- equal (the templates' `continuity`: {{ continuity.this_year }} vs {{ continuity.last_year }}), per column of the table.
-- A break is charged to the report whose own balance (rule 1) also fails in that column — the
-- earlier one when only it does, else the later one. (Rule 1 is recomputed here from
-- checks.rule_term for the reports of a broken pair only: blame never matters elsewhere.)
CREATE OR REPLACE VIEW checks.continuity AS
WITH pairs AS (
    SELECT cur.report_id AS cur_report_id, prev.report_id AS prev_report_id, co.applicant_type AS col,
           {{ continuity.this_year | literal }} AS this_row, {{ continuity.last_year | literal }} AS last_row,
           coalesce(co.count, 0)::DOUBLE AS this_value, coalesce(cf.count, 0)::DOUBLE AS last_value
    FROM checks.report cur
    JOIN checks.report prev ON prev.agency_id = cur.agency_id AND prev.year = cur.year - 1
    JOIN fact_application co ON co.report_id = cur.report_id AND co.row_code = {{ continuity.this_year | literal }}
    JOIN fact_application cf
      ON cf.report_id = prev.report_id AND cf.row_code = {{ continuity.last_year | literal }}
     AND cf.applicant_type = co.applicant_type
),
broken AS MATERIALIZED (SELECT * FROM pairs WHERE this_value <> last_value),
broken_reports AS (SELECT cur_report_id AS report_id FROM broken UNION SELECT prev_report_id FROM broken),
balance_failures AS (  -- rule 1 failing, per report of a broken pair and column
    SELECT f.report_id, t.equation, any_value(t.col_code) AS col
    FROM broken_reports b
    JOIN fact_application f USING (report_id)
    JOIN checks.report_table r ON r.report_id = f.report_id AND r.table_name = {{ continuity.table | literal }}
    JOIN checks.rule_term t
      ON t.rule = 'rule1' AND t.template = r.template AND t.form = r.form AND t.table_name = r.table_name
     AND t.row_code = f.row_code AND t.col_code = f.applicant_type
    GROUP BY f.report_id, t.equation
    HAVING sum(CASE WHEN t.side = 'left' THEN coalesce(f.count, 0) ELSE -coalesce(f.count, 0) END) <> 0
),
blamed AS (
    SELECT b.cur_report_id, b.col, pb.report_id IS NOT NULL AND cb.report_id IS NULL AS blame_previous
    FROM broken b
    LEFT JOIN balance_failures cb ON cb.report_id = b.cur_report_id AND cb.col = b.col
    LEFT JOIN balance_failures pb ON pb.report_id = b.prev_report_id AND pb.col = b.col
)
SELECT p.*, coalesce(b.blame_previous, false) AS blame_previous
FROM pairs p LEFT JOIN blamed b USING (cur_report_id, col);

-- observed: the blamed report's own cell; expected: the neighbouring year's cell it should equal.
CREATE OR REPLACE VIEW checks.rule6 AS
SELECT CASE WHEN blame_previous THEN prev_report_id ELSE cur_report_id END AS report_id,
       {{ continuity.table | literal }} AS table_name, 'rule6' AS rule, 'equation' AS check_kind,
       'continuity/' || col AS check_name,
       CASE WHEN blame_previous THEN last_value ELSE this_value END AS observed,
       CASE WHEN blame_previous THEN this_value ELSE last_value END AS expected
FROM checks.continuity;
