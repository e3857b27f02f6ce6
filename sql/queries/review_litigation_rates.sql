-- Review and litigation rates per year: administrative reviews (group review) and lawsuits
-- (litigation, direct and after review) per 100 requests handled, and the correction rates — the
-- share of decided cases (upheld + corrected + other, pending left out) whose result was corrected.
-- @param agency VARCHAR = NULL  part of the agency name to match (default: every agency)
WITH r AS (
    SELECT w.year, w.review_upheld, w.review_corrected, w.review_other, w.review_total,
           w.litigation_direct_upheld + w.litigation_after_review_upheld AS lit_upheld,
           w.litigation_direct_corrected + w.litigation_after_review_corrected AS lit_corrected,
           w.litigation_direct_other + w.litigation_after_review_other AS lit_other,
           w.litigation_direct_total + w.litigation_after_review_total AS lit_total,
           a.total_handled
    FROM v_review_litigation_wide AS w
    LEFT JOIN v_applications_wide AS a USING (report_id)
    WHERE CAST($agency AS VARCHAR) IS NULL OR w.agency LIKE '%' || CAST($agency AS VARCHAR) || '%'
)
SELECT
    year,
    count(*) AS reports,
    sum(total_handled) AS requests_handled,
    sum(review_total) AS reviews,
    sum(lit_total) AS lawsuits,
    round(100.0 * sum(review_total) / nullif(sum(total_handled), 0), 2) AS reviews_per_100_handled,
    round(100.0 * sum(lit_total) / nullif(sum(total_handled), 0), 2) AS lawsuits_per_100_handled,
    round(100.0 * sum(review_corrected)
          / nullif(sum(review_upheld + review_corrected + review_other), 0), 1) AS review_correction_pct,
    round(100.0 * sum(lit_corrected)
          / nullif(sum(lit_upheld + lit_corrected + lit_other), 0), 1) AS litigation_correction_pct
FROM r
GROUP BY year
ORDER BY year;
