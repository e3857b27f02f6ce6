-- The templates' codes and the labels they print, for analysts to join the facts to: one row per
-- template, table, axis and code, filled from pipelines/templates/*.toml when the file is read
-- (pipelines/warehouse/codes.py). A view over the rows, so that every build holds exactly the
-- templates it was built with and no carried-over copy can linger.
CREATE OR REPLACE VIEW dim_code AS
SELECT * FROM (VALUES
    {{ dim_code_rows | values }}
) AS t(template, table_name, section, section_title, axis, code, label, variants, display_order, numbering,
       depth, parent, parent_label, is_heading, is_outcome, outcome_group, is_total, kind, unit);

COMMENT ON VIEW dim_code IS 'The codes of the three statistical tables and what each template prints for them: one row per template, table, axis (row or column) and code, with the label, its known variants, the printed order and, for table 3, the outline (numbering, depth, heading). Join a fact on (template, table_name, axis, code); for a report that printed a table in another template''s form, join on report_table_form.form.';
COMMENT ON COLUMN dim_code.template IS 'The template (pipelines/templates/<template>.toml): {{ templates | join(", ") }}.';
COMMENT ON COLUMN dim_code.table_name IS 'The statistical table: {% for t in tables %}{{ t }} (section {{ section_no[t] }}, {{ section[t] | escape_sql }}){{ ", " if not loop.last }}{% endfor %}.';
COMMENT ON COLUMN dim_code.section IS 'The numeral of the report section that holds the table, as the template numbers it.';
COMMENT ON COLUMN dim_code.section_title IS 'The title of that section as the template prints it.';
COMMENT ON COLUMN dim_code.axis IS 'row: a row code (item, row_code, group_code of the facts); column: a column code (metric, applicant_type, outcome).';
COMMENT ON COLUMN dim_code.code IS 'The canonical code, as stored in the fact tables.';
COMMENT ON COLUMN dim_code.label IS 'The label the template prints for the code (without its numbering).';
COMMENT ON COLUMN dim_code.variants IS 'Other wordings of the label that reports are known to print (shortened, older or newer forms); the parser recognises them all.';
COMMENT ON COLUMN dim_code.display_order IS 'Position along the axis in the printed table, from 1 (table 3''s headings count too).';
COMMENT ON COLUMN dim_code.numbering IS 'Table 3: the outline numbering printed before the label at its depth; NULL elsewhere.';
COMMENT ON COLUMN dim_code.depth IS 'Table 3: the depth in the outline, 0 for the top level; NULL elsewhere.';
COMMENT ON COLUMN dim_code.parent IS 'Table 3: the code of the heading the row sits under; NULL at the top level and elsewhere.';
COMMENT ON COLUMN dim_code.parent_label IS 'The printed heading over the row or column: table 3''s heading, table 2''s clause, a column or group header.';
COMMENT ON COLUMN dim_code.is_heading IS 'A heading row of table 3: it prints a label and holds no cells.';
COMMENT ON COLUMN dim_code.is_outcome IS 'Table 3: an outcome row, added up in total_handled (rule 2).';
COMMENT ON COLUMN dim_code.outcome_group IS 'Table 3''s outcome rows: the code of the top outcome entry they count under (itself, or its heading).';
COMMENT ON COLUMN dim_code.is_total IS 'A column or outcome that prints a total (rules 3 and 4 compare it with its parts).';
COMMENT ON COLUMN dim_code.kind IS 'Table 2''s metrics: count (a non-negative integer, rule 5), signed (may be negative) or money (a decimal).';
COMMENT ON COLUMN dim_code.unit IS 'Table 2''s money metrics: the unit the amount is stored in.';

-- The tables a template's reports may print in another template's form (the templates'
-- `mixtures`), each told by the cells only that form has.
CREATE OR REPLACE VIEW dim_table_form AS
SELECT * FROM (VALUES
    {{ form_markers | values if form_markers else "(NULL, NULL, NULL, NULL, NULL, NULL)" }}
) AS t(template, table_name, form, preference, row_code, col_code)
WHERE template IS NOT NULL;

COMMENT ON VIEW dim_table_form IS 'Known mixtures of templates: a report of template printing any of these cells of table_name printed that table in the form of template form (and is checked and labelled by it). One row per telling cell.';
COMMENT ON COLUMN dim_table_form.template IS 'The template of the report (dim_report.template).';
COMMENT ON COLUMN dim_table_form.table_name IS 'The table printed in another form.';
COMMENT ON COLUMN dim_table_form.form IS 'The template whose form of the table was printed.';
COMMENT ON COLUMN dim_table_form.preference IS 'Where a report prints cells of several forms, the form with the lowest preference is taken.';
COMMENT ON COLUMN dim_table_form.row_code IS 'Row code of a cell only that form has.';
COMMENT ON COLUMN dim_table_form.col_code IS 'Column code of that cell.';
