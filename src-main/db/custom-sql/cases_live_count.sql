-- The case list's total for its default view (live cases). cases_live_updated_idx can count them, but
-- its entries carry updated_at and id, so a cold count reads ~3 MB of pages for 100k cases (27-32 ms,
-- on the path to the window's first rows); this index's entries are a NULL and a rowid (3-7 ms).
CREATE INDEX IF NOT EXISTS cases_live_idx ON cases (deleted_at) WHERE deleted_at IS NULL;
