-- The per-report check rows, computed once per run (the checks share their scans) for the frames
-- of the suites to pivot. Parameters: none.
CREATE OR REPLACE TEMP TABLE check_frame AS SELECT * FROM checks.frame;
