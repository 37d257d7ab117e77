-- The queue triggers take max(seq) + 1 on every write: an index keeps that O(log n) (without it a bulk
-- import or sync pull of n rows costs O(n^2)).
CREATE INDEX IF NOT EXISTS search_embed_queue_seq ON search_embed_queue (seq);
