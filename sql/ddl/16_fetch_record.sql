-- What xxgk fetch knows of each report URL: found on which column, fetched or why not, and for
-- each saved file content its source URL and dates. Replaced whole at every build from the
-- sidecar records under raw/.fetch/ (pipelines/warehouse/roster.py).
CREATE TABLE IF NOT EXISTS fetch_record (
    url                 VARCHAR PRIMARY KEY,
    role                VARCHAR NOT NULL,
    roster_key          VARCHAR,
    agency              VARCHAR,
    year                INTEGER,
    list_url            VARCHAR,
    link_text           VARCHAR,
    parent_url          VARCHAR,
    final_url           VARCHAR,
    path                VARCHAR,
    sha256              VARCHAR,
    bytes               BIGINT,
    published_at        DATE,
    published_at_source VARCHAR,
    fetched_at          TIMESTAMP,
    checked_at          TIMESTAMP,
    http_status         INTEGER,
    outcome             VARCHAR,
    reason              VARCHAR,
    needs_conversion    BOOLEAN NOT NULL DEFAULT false
);

COMMENT ON TABLE fetch_record IS 'One row per report page or attachment URL that xxgk fetch requested (from its sidecar records in raw/.fetch/meta): where it was found, what the last request gave, and where its bytes are. Failed URLs are here too, so coverage can tell a report listed on the site but not fetched from one not found at all.';
COMMENT ON COLUMN fetch_record.url IS 'The URL as found on the list page or given in the URL CSV.';
COMMENT ON COLUMN fetch_record.role IS 'page (a report page) or attachment (a PDF or Word file of a report page, or a document URL given directly).';
COMMENT ON COLUMN fetch_record.roster_key IS 'The agency the input named (the CSV''s agency column) as a roster key; NULL when the input named none.';
COMMENT ON COLUMN fetch_record.agency IS 'Agency as the input CSV named it.';
COMMENT ON COLUMN fetch_record.year IS 'Reporting year: the URL CSV''s year, else the year in the link''s title.';
COMMENT ON COLUMN fetch_record.list_url IS 'The column list page the link was found on; NULL for URLs given directly.';
COMMENT ON COLUMN fetch_record.link_text IS 'The link''s title on the list page (an attachment: its link text).';
COMMENT ON COLUMN fetch_record.parent_url IS 'An attachment''s report page.';
COMMENT ON COLUMN fetch_record.final_url IS 'The URL after redirects.';
COMMENT ON COLUMN fetch_record.path IS 'The saved bytes, relative to the raw folder; NULL when nothing was ever saved.';
COMMENT ON COLUMN fetch_record.sha256 IS 'sha256 of the saved bytes (joins dim_report.sha256).';
COMMENT ON COLUMN fetch_record.bytes IS 'Size of the saved bytes.';
COMMENT ON COLUMN fetch_record.published_at IS 'Publication date: printed beside the link on the list page, else the page''s PubDate meta, a printed 发布日期, or the date in a TRS tYYYYMMDD_ URL.';
COMMENT ON COLUMN fetch_record.published_at_source IS 'Where published_at was read: list, meta, page or url.';
COMMENT ON COLUMN fetch_record.fetched_at IS 'When the saved bytes were downloaded (UTC).';
COMMENT ON COLUMN fetch_record.checked_at IS 'When the URL was last requested (UTC).';
COMMENT ON COLUMN fetch_record.http_status IS 'HTTP status of the last request (304: unchanged since the saved bytes).';
COMMENT ON COLUMN fetch_record.outcome IS 'Of the last request: new, changed, unchanged or failed.';
COMMENT ON COLUMN fetch_record.reason IS 'Why the last request failed (robots.txt, HTTP 404, timed out, too large, a login page …).';
COMMENT ON COLUMN fetch_record.needs_conversion IS 'A .doc or .wps file: kept, but the parser reads PDF and DOCX only.';
