-- What the fetcher's sidecar records say now: replaced whole (a raw folder without records
-- leaves the table empty). Reads stg_fetch_record.
DELETE FROM fetch_record;
INSERT INTO fetch_record BY NAME
SELECT url, role, roster_key, agency, year, list_url, link_text, parent_url, final_url, path, sha256,
       bytes, CAST(published_at AS DATE) AS published_at, published_at_source,
       CAST(fetched_at AS TIMESTAMP) AS fetched_at, CAST(checked_at AS TIMESTAMP) AS checked_at,
       http_status, outcome, reason, needs_conversion
FROM stg_fetch_record
QUALIFY row_number() OVER (PARTITION BY url) = 1;
