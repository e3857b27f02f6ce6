-- Each report version's source URL and dates, from the saved file contents the fetcher
-- recorded (older versions too), matched on the bytes' sha256. Bytes fetched from two URLs
-- take the first URL. A version no record matches keeps what it had (a file put in raw/ by
-- hand stays NULL). Reads stg_fetch_file.
UPDATE dim_report AS r
SET source_url = f.url, published_at = f.published_at, fetched_at = f.fetched_at
FROM (
    SELECT sha256,
           min(url) AS url,
           CAST(arg_min(published_at, url) AS DATE) AS published_at,
           CAST(arg_min(fetched_at, url) AS TIMESTAMP) AS fetched_at
    FROM stg_fetch_file
    WHERE sha256 IS NOT NULL
    GROUP BY sha256
) AS f
WHERE r.sha256 = f.sha256
  AND (r.source_url IS DISTINCT FROM f.url OR r.published_at IS DISTINCT FROM f.published_at
       OR r.fetched_at IS DISTINCT FROM f.fetched_at);
