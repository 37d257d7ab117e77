-- Semantic search bookkeeping. search_embed_queue lists rows whose text changed since they were embedded
-- (kept by triggers, like the FTS indexes, so every write path - local writes, sync pulls, the OCR queue -
-- feeds it); indexPending() drains it. seq lets the indexer drop only entries it has actually embedded.
-- search_chunks holds each embedded chunk's text and owner per model; its vectors live in a sqlite-vec
-- vec0 table per model (created at install time: the dimension comes from the model). All of it sits in
-- the encrypted database.
CREATE TABLE IF NOT EXISTS search_embed_queue (kind TEXT NOT NULL, ref_id TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (kind, ref_id)) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS search_chunks (id INTEGER PRIMARY KEY, model TEXT NOT NULL, kind TEXT NOT NULL, ref_id TEXT NOT NULL, case_id TEXT, title TEXT NOT NULL, chunk_index INTEGER NOT NULL, text TEXT NOT NULL);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS search_chunks_ref ON search_chunks (model, kind, ref_id);
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS search_embed_cases_ai AFTER INSERT ON cases BEGIN
  INSERT INTO search_embed_queue (kind, ref_id, seq) VALUES ('case', new.id, (SELECT coalesce(max(seq), 0) + 1 FROM search_embed_queue)) ON CONFLICT (kind, ref_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS search_embed_cases_au AFTER UPDATE ON cases BEGIN
  INSERT INTO search_embed_queue (kind, ref_id, seq) VALUES ('case', new.id, (SELECT coalesce(max(seq), 0) + 1 FROM search_embed_queue)) ON CONFLICT (kind, ref_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS search_embed_persons_ai AFTER INSERT ON persons BEGIN
  INSERT INTO search_embed_queue (kind, ref_id, seq) VALUES ('person', new.id, (SELECT coalesce(max(seq), 0) + 1 FROM search_embed_queue)) ON CONFLICT (kind, ref_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS search_embed_persons_au AFTER UPDATE ON persons BEGIN
  INSERT INTO search_embed_queue (kind, ref_id, seq) VALUES ('person', new.id, (SELECT coalesce(max(seq), 0) + 1 FROM search_embed_queue)) ON CONFLICT (kind, ref_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS search_embed_documents_ai AFTER INSERT ON documents BEGIN
  INSERT INTO search_embed_queue (kind, ref_id, seq) VALUES ('document', new.id, (SELECT coalesce(max(seq), 0) + 1 FROM search_embed_queue)) ON CONFLICT (kind, ref_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS search_embed_documents_au AFTER UPDATE ON documents BEGIN
  INSERT INTO search_embed_queue (kind, ref_id, seq) VALUES ('document', new.id, (SELECT coalesce(max(seq), 0) + 1 FROM search_embed_queue)) ON CONFLICT (kind, ref_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS search_embed_document_metadata_ai AFTER INSERT ON document_metadata BEGIN
  INSERT INTO search_embed_queue (kind, ref_id, seq) VALUES ('document', new.document_id, (SELECT coalesce(max(seq), 0) + 1 FROM search_embed_queue)) ON CONFLICT (kind, ref_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS search_embed_document_metadata_au AFTER UPDATE ON document_metadata BEGIN
  INSERT INTO search_embed_queue (kind, ref_id, seq) VALUES ('document', new.document_id, (SELECT coalesce(max(seq), 0) + 1 FROM search_embed_queue)) ON CONFLICT (kind, ref_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS search_embed_law_chunks_ai AFTER INSERT ON law_chunks BEGIN
  INSERT INTO search_embed_queue (kind, ref_id, seq) VALUES ('law', new.id, (SELECT coalesce(max(seq), 0) + 1 FROM search_embed_queue)) ON CONFLICT (kind, ref_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS search_embed_law_chunks_au AFTER UPDATE ON law_chunks BEGIN
  INSERT INTO search_embed_queue (kind, ref_id, seq) VALUES ('law', new.id, (SELECT coalesce(max(seq), 0) + 1 FROM search_embed_queue)) ON CONFLICT (kind, ref_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
-- Hard deletes (purges) queue the row too: the indexer finds it gone and drops its chunks.
CREATE TRIGGER IF NOT EXISTS search_embed_cases_ad AFTER DELETE ON cases BEGIN
  INSERT INTO search_embed_queue (kind, ref_id, seq) VALUES ('case', old.id, (SELECT coalesce(max(seq), 0) + 1 FROM search_embed_queue)) ON CONFLICT (kind, ref_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS search_embed_persons_ad AFTER DELETE ON persons BEGIN
  INSERT INTO search_embed_queue (kind, ref_id, seq) VALUES ('person', old.id, (SELECT coalesce(max(seq), 0) + 1 FROM search_embed_queue)) ON CONFLICT (kind, ref_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS search_embed_documents_ad AFTER DELETE ON documents BEGIN
  INSERT INTO search_embed_queue (kind, ref_id, seq) VALUES ('document', old.id, (SELECT coalesce(max(seq), 0) + 1 FROM search_embed_queue)) ON CONFLICT (kind, ref_id) DO UPDATE SET seq = excluded.seq;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS search_embed_law_chunks_ad AFTER DELETE ON law_chunks BEGIN
  INSERT INTO search_embed_queue (kind, ref_id, seq) VALUES ('law', old.id, (SELECT coalesce(max(seq), 0) + 1 FROM search_embed_queue)) ON CONFLICT (kind, ref_id) DO UPDATE SET seq = excluded.seq;
END;
