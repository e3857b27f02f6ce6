-- The per-report check rows of one more part of the reports (checks.report while the variables
-- check_parts and check_part are set), added to those of the parts before. Parameters: none.
INSERT INTO check_frame SELECT * FROM checks.frame;
