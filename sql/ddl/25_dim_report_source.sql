-- Where a report's bytes came from, when fetched by xxgk fetch: set by the roster step of the
-- build from fetch_record (matched on sha256); NULL for files put in raw/ by hand.
ALTER TABLE dim_report ADD COLUMN IF NOT EXISTS source_url VARCHAR;
ALTER TABLE dim_report ADD COLUMN IF NOT EXISTS published_at DATE;
ALTER TABLE dim_report ADD COLUMN IF NOT EXISTS fetched_at TIMESTAMP;

COMMENT ON COLUMN dim_report.source_url IS 'URL the raw file was fetched from (xxgk fetch); NULL for a file put in raw/ by hand.';
COMMENT ON COLUMN dim_report.published_at IS 'Publication date as the agency''s site printed it (beside the link, in the page''s PubDate meta, as 发布日期, or in a TRS URL); NULL when unknown.';
COMMENT ON COLUMN dim_report.fetched_at IS 'When xxgk fetch downloaded these bytes (UTC); NULL for a file put in raw/ by hand.';
