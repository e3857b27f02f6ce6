-- What the GX suite of each fact table validates: per report and table, one row per check, each
-- counting what holds (observed) against what should (expected) — a report passes a check when
-- the two are equal. check_key names the check (the suites' expectations, meta.check).
-- failures: for rules 1-4 and 6, the report's failing equations (check_name, observed, expected),
-- found on the way; the failing cells of the cell checks are read afterwards, for the reports that
-- fail only, from checks.rule5, checks.cells and checks.structure_rows.
--   rule1 … rule4: equations of the rule that hold / equations of the report's template
--   rule6: continuity columns charged to the report that hold / columns charged to it
--   rule5_non_negative, rule5_integer: count cells >= 0 / count cells; integral ones / count cells
--   structure_codes: cells named by a code of the template / cells printed
--   structure_rows (status ok only): cells of the template found / cells of the template
--
-- The frame counts what checks.cell_counts and checks.sum_rule_failures do, cheaper: the cells are
-- read once for both; the equations are summed from the cells that are not 0 or blank only; and
-- reports, template cells and equations are numbered, so the aggregates over millions of cells
-- group by integers instead of report ids and names. A table is checked by the form it was
-- printed in (report_table_form): its cells by that form's codes, its equations by the report's
-- template's rules over that form's rows.

-- Every cell of every template's form of each table, numbered.
CREATE OR REPLACE VIEW checks.numbered_cell AS
SELECT row_number() OVER (ORDER BY template, table_name, row_code, col_code)::INTEGER AS cell_no, *
FROM checks.cell_code;

-- The terms of the sum rules by cell number: a printed cell (of the form its table was printed in)
-- adds to the left or right side of each equation of the report's template it is a term of.
CREATE OR REPLACE VIEW checks.equation_cell AS
SELECT t.template, t.equation_no, c.cell_no, t.side = 'left' AS is_left
FROM checks.equation_term t
JOIN checks.numbered_cell c
  ON c.template = t.form AND c.table_name = t.table_name AND c.row_code = t.row_code AND c.col_code = t.col_code;

CREATE OR REPLACE VIEW checks.frame AS
WITH report AS MATERIALIZED (
    SELECT row_number() OVER ()::INTEGER AS report_no, report_id, template, status FROM checks.report
),
report_table AS MATERIALIZED (  -- the form each report printed each table in
    SELECT r.report_no, r.report_id, r.template, r.status, f.table_name, f.form
    FROM report r JOIN checks.report_table f USING (report_id)
),
printed AS NOT MATERIALIZED (  -- the three tables in one shape, each cell with its report's number,
              -- template and the form of its table; n: the count, for the sums (active has none).
              -- Read twice and streamed each time: kept, its rows of codes would spill to disk.
    SELECT r.report_no, r.template, r.form, 'active' AS table_name, f.item AS row_code, f.metric AS col_code,
           f.value::DOUBLE AS v, NULL::BIGINT AS n
    FROM fact_active_disclosure f
    JOIN report_table r ON r.report_id = f.report_id AND r.table_name = 'active'
    UNION ALL
    SELECT r.report_no, r.template, r.form, 'applications', f.row_code, f.applicant_type, f.count::DOUBLE, f.count
    FROM fact_application f
    JOIN report_table r ON r.report_id = f.report_id AND r.table_name = 'applications'
    UNION ALL
    SELECT r.report_no, r.template, r.form, 'review_litigation', f.group_code, f.outcome, f.count::DOUBLE, f.count
    FROM fact_review_litigation f
    JOIN report_table r ON r.report_id = f.report_id AND r.table_name = 'review_litigation'
),
per_table AS (  -- as checks.cell_counts: a cell of an unknown code (no kind) is held to rule 5
    SELECT p.report_no, p.table_name,
           count(*) AS printed,
           count(c.kind) AS known,
           count(*) FILTER (WHERE coalesce(c.kind, 'count') = 'count') AS counts,
           count(*) FILTER (WHERE coalesce(c.kind, 'count') = 'count' AND coalesce(p.v, 0) >= 0) AS non_negative,
           count(*) FILTER (WHERE coalesce(c.kind, 'count') = 'count'
                            AND coalesce(p.v, 0) = greatest(round(coalesce(p.v, 0)), 0)) AS integral
    FROM printed p
    LEFT JOIN checks.cell_code c
           ON c.template = p.form AND c.table_name = p.table_name
          AND c.row_code = p.row_code AND c.col_code = p.col_code
    GROUP BY p.report_no, p.table_name
),
template_cells AS (SELECT template, table_name, count(*) AS cells FROM checks.cell_code GROUP BY ALL),
counts AS MATERIALIZED (
    SELECT r.report_id, t.table_name, t.printed, t.known, t.counts, t.non_negative, t.integral,
           r.template, r.form, r.status, coalesce(w.cells, 0) AS template_cells
    FROM per_table t
    JOIN report_table r USING (report_no, table_name)
    LEFT JOIN template_cells w ON w.template = r.form AND w.table_name = t.table_name
),
sides AS (  -- as checks.equation_sides, from the cells that are not 0 or blank (most are: a blank or
            -- 0 adds nothing to a side, and an equation with no such cell holds, 0 = 0)
    SELECT p.report_no, e.equation_no,
           sum(CASE WHEN e.is_left THEN p.n ELSE 0 END) AS left_sum,
           sum(CASE WHEN e.is_left THEN 0 ELSE p.n END) AS right_sum
    FROM printed p
    JOIN checks.numbered_cell c
      ON c.template = p.form AND c.table_name = p.table_name
     AND c.row_code = p.row_code AND c.col_code = p.col_code
    JOIN checks.equation_cell e ON e.cell_no = c.cell_no AND e.template = p.template
    WHERE p.n <> 0
    GROUP BY p.report_no, e.equation_no
),
failing AS (  -- as checks.sum_rule_failures, counted and listed per report, table and rule
    SELECT r.report_id, e.table_name, e.rule, count(*) AS n,
           list({'check_name': e.equation, 'observed': s.left_sum::DOUBLE, 'expected': s.right_sum::DOUBLE}
                ORDER BY e.equation) AS failures
    FROM sides s
    JOIN (SELECT DISTINCT equation_no, rule, table_name, equation FROM checks.equation_term) e USING (equation_no)
    JOIN report r USING (report_no)
    WHERE s.left_sum <> s.right_sum
    GROUP BY ALL
),
equations AS (
    SELECT template, form, table_name, rule, count(DISTINCT equation) AS n FROM checks.rule_term GROUP BY ALL
)
SELECT c.report_id, c.table_name, e.rule, e.rule AS check_key,
       (e.n - coalesce(f.n, 0))::DOUBLE AS observed, e.n::DOUBLE AS expected, f.failures
FROM counts c
JOIN equations e ON e.template = c.template AND e.form = c.form AND e.table_name = c.table_name
LEFT JOIN failing f ON f.report_id = c.report_id AND f.table_name = c.table_name AND f.rule = e.rule
UNION ALL
SELECT report_id, {{ continuity.table | literal }}, 'rule6', 'rule6',
       count(*) FILTER (WHERE observed = expected)::DOUBLE, count(*)::DOUBLE,
       list({'check_name': check_name, 'observed': observed, 'expected': expected} ORDER BY check_name)
           FILTER (WHERE observed <> expected)
FROM checks.rule6 GROUP BY report_id
UNION ALL
SELECT report_id, table_name, 'rule5', 'rule5_non_negative', non_negative::DOUBLE, counts::DOUBLE, NULL FROM counts
UNION ALL
SELECT report_id, table_name, 'rule5', 'rule5_integer', integral::DOUBLE, counts::DOUBLE, NULL FROM counts
UNION ALL
SELECT report_id, table_name, 'structure', 'structure_codes', known::DOUBLE, printed::DOUBLE, NULL FROM counts
UNION ALL
SELECT report_id, table_name, 'structure', 'structure_rows', known::DOUBLE, template_cells::DOUBLE, NULL
FROM counts WHERE status = 'ok';
