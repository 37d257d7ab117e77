-- Case list search by client name prefix: an index on the lower-cased name the list shows.
CREATE INDEX IF NOT EXISTS cases_client_name_idx ON cases (lower(json_extract(client_data, '$.name')));
