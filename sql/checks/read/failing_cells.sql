-- The failing cells of one cell check (`key`) of some reports: (report, cell, observed, expected),
-- read from the view with one row per cell for those reports only (list_contains is a plain
-- filter on report_id, which DuckDB pushes through the views' joins down to the fact scans).
-- Parameters: $table_name, $report_ids.
{% set views = {"rule5_non_negative": ("checks.rule5", "observed < 0"),
                "rule5_integer": ("checks.rule5", "observed <> expected"),
                "structure_codes": ("checks.cells", "NOT known"),
                "structure_rows": ("checks.structure_rows", "observed <> expected")} %}
SELECT report_id, check_name, observed, expected
FROM {{ views[key][0] }}
WHERE table_name = $table_name AND list_contains($report_ids::VARCHAR[], report_id) AND {{ views[key][1] }}
ORDER BY report_id, check_name;
