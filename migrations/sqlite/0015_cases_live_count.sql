-- The case list's total for its default view (live cases). cases_live_updated_idx can count them, but
-- its entries carry updated_at and id, so a cold count reads ~3 MB of pages for 100k cases (27-32 ms,
-- on the path to the window's first rows); this index's entries are a NULL and a rowid (3-7 ms).
-- Its condition adds `typeof(id) = 'text'` (always true: ids are text) so that only the count, which
-- says so too, can use it: a query on `deleted_at IS NULL` alone would otherwise take it, without
-- statistics, and sort 100k rows instead of reading cases_live_updated_idx in order. (Not `id IS NOT
-- NULL`: SQLite drops that term from a query, id being NOT NULL, and the index would never match.)
CREATE INDEX IF NOT EXISTS cases_live_count_idx ON cases (deleted_at) WHERE deleted_at IS NULL AND typeof(id) = 'text';
