-- Global search (the one box): persons, documents (with their extracted text) and law chunks, beside the
-- existing cases_fts. Word-prefix matching, accents folded, kept by triggers so every path that writes
-- (local writes, sync pulls, the OCR queue) keeps the index current; tombstoned rows leave it. The FTS
-- shadow tables live inside the encrypted database like everything else.
CREATE VIRTUAL TABLE IF NOT EXISTS persons_fts USING fts5(name, details, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
--> statement-breakpoint
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(title, meta, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
--> statement-breakpoint
CREATE VIRTUAL TABLE IF NOT EXISTS law_fts USING fts5(section, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
--> statement-breakpoint
CREATE VIEW IF NOT EXISTS persons_fts_source AS SELECT rowid AS rid, id, deleted_at,
  trim(coalesce(first_name, '') || ' ' || coalesce(middle_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(preferred_name, '')) AS name,
  trim(coalesce(email, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(json_extract(passport_info, '$.number'), '') || ' ' || coalesce(json_extract(passport_info, '$.nationality'), '') || ' ' || coalesce(place_of_birth, '') || ' ' || coalesce(immigration_status, '')) AS details
  FROM persons;
--> statement-breakpoint
CREATE VIEW IF NOT EXISTS documents_fts_source AS SELECT d.rowid AS rid, d.id, d.deleted_at, d.title,
  trim(coalesce(d.original_filename, '') || ' ' || coalesce(d.document_type, '') || ' ' || coalesce(d.category, '') || ' ' || coalesce(d.description, '') || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(CASE WHEN json_valid(d.tags) THEN d.tags ELSE '[]' END)), '')) AS meta,
  (SELECT m.extracted_text FROM document_metadata m WHERE m.document_id = d.id AND m.deleted_at IS NULL) AS body
  FROM documents d;
--> statement-breakpoint
INSERT INTO persons_fts (rowid, name, details) SELECT rid, name, details FROM persons_fts_source WHERE deleted_at IS NULL;
--> statement-breakpoint
INSERT INTO documents_fts (rowid, title, meta, body) SELECT rid, title, meta, body FROM documents_fts_source WHERE deleted_at IS NULL;
--> statement-breakpoint
INSERT INTO law_fts (rowid, section, body) SELECT rowid, trim(coalesce(section_number, '') || ' ' || coalesce(section_title, '')), chunk_text FROM law_chunks WHERE deleted_at IS NULL;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS persons_fts_ai AFTER INSERT ON persons BEGIN
  INSERT INTO persons_fts (rowid, name, details) SELECT rid, name, details FROM persons_fts_source WHERE rid = new.rowid AND deleted_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS persons_fts_au AFTER UPDATE ON persons BEGIN
  DELETE FROM persons_fts WHERE rowid = old.rowid;
  INSERT INTO persons_fts (rowid, name, details) SELECT rid, name, details FROM persons_fts_source WHERE rid = new.rowid AND deleted_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS persons_fts_ad AFTER DELETE ON persons BEGIN
  DELETE FROM persons_fts WHERE rowid = old.rowid;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS documents_fts_ai AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts (rowid, title, meta, body) SELECT rid, title, meta, body FROM documents_fts_source WHERE rid = new.rowid AND deleted_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS documents_fts_au AFTER UPDATE ON documents BEGIN
  DELETE FROM documents_fts WHERE rowid = old.rowid;
  INSERT INTO documents_fts (rowid, title, meta, body) SELECT rid, title, meta, body FROM documents_fts_source WHERE rid = new.rowid AND deleted_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS documents_fts_ad AFTER DELETE ON documents BEGIN
  DELETE FROM documents_fts WHERE rowid = old.rowid;
END;
--> statement-breakpoint
-- A document's text arrives later than the document (OCR): refresh that document's row.
CREATE TRIGGER IF NOT EXISTS document_metadata_fts_ai AFTER INSERT ON document_metadata BEGIN
  DELETE FROM documents_fts WHERE rowid = (SELECT rowid FROM documents WHERE id = new.document_id);
  INSERT INTO documents_fts (rowid, title, meta, body) SELECT rid, title, meta, body FROM documents_fts_source WHERE id = new.document_id AND deleted_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS document_metadata_fts_au AFTER UPDATE ON document_metadata BEGIN
  DELETE FROM documents_fts WHERE rowid = (SELECT rowid FROM documents WHERE id = new.document_id);
  INSERT INTO documents_fts (rowid, title, meta, body) SELECT rid, title, meta, body FROM documents_fts_source WHERE id = new.document_id AND deleted_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS document_metadata_fts_ad AFTER DELETE ON document_metadata BEGIN
  DELETE FROM documents_fts WHERE rowid = (SELECT rowid FROM documents WHERE id = old.document_id);
  INSERT INTO documents_fts (rowid, title, meta, body) SELECT rid, title, meta, body FROM documents_fts_source WHERE id = old.document_id AND deleted_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS law_fts_ai AFTER INSERT ON law_chunks WHEN new.deleted_at IS NULL BEGIN
  INSERT INTO law_fts (rowid, section, body) VALUES (new.rowid, trim(coalesce(new.section_number, '') || ' ' || coalesce(new.section_title, '')), new.chunk_text);
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS law_fts_au AFTER UPDATE ON law_chunks BEGIN
  DELETE FROM law_fts WHERE rowid = old.rowid;
  INSERT INTO law_fts (rowid, section, body) SELECT new.rowid, trim(coalesce(new.section_number, '') || ' ' || coalesce(new.section_title, '')), new.chunk_text WHERE new.deleted_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS law_fts_ad AFTER DELETE ON law_chunks BEGIN
  DELETE FROM law_fts WHERE rowid = old.rowid;
END;
