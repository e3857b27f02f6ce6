-- The template mix by year: how many current reports of each reporting year use the v2019 and
-- the v2021 statistical format (v2019 is expected up to 2020, some agencies kept it for 2021).
SELECT
    year,
    coalesce(template, '(unknown)') AS template,
    count(*) AS reports,
    round(100.0 * count(*) / sum(count(*)) OVER (PARTITION BY year), 1) AS share_pct
FROM v_report
GROUP BY year, template
ORDER BY year, template;
