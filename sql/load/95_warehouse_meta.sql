-- Record what the file was built with. Parameters: $schema_fingerprint, $storage_version,
-- $built_at.
INSERT OR REPLACE INTO warehouse_meta VALUES
    ('schema_fingerprint', $schema_fingerprint),
    ('storage_version', $storage_version),
    ('built_at', CAST($built_at AS VARCHAR));
