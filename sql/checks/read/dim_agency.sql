-- What the dim_agency suite validates. Parameters: none.
SELECT agency_id, name FROM dim_agency ORDER BY agency_id;
