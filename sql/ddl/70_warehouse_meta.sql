-- Facts about the warehouse file itself.
CREATE TABLE IF NOT EXISTS warehouse_meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);

COMMENT ON TABLE warehouse_meta IS 'Facts about this warehouse file: schema_fingerprint (sha256 of the sql/ddl and sql/views files it was built with), storage_version, published_at.';
COMMENT ON COLUMN warehouse_meta.key IS 'Name of the fact.';
COMMENT ON COLUMN warehouse_meta.value IS 'Its value, as text.';
