-- Case list search: case number and client name, word-prefix matching, accents folded (García = garcia).
-- Kept by triggers so every path that writes cases (local writes, sync pulls) keeps it current.
CREATE VIRTUAL TABLE IF NOT EXISTS cases_fts USING fts5(case_number, client_name, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
--> statement-breakpoint
INSERT INTO cases_fts (rowid, case_number, client_name) SELECT rowid, case_number, json_extract(client_data, '$.name') FROM cases WHERE deleted_at IS NULL;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS cases_fts_ai AFTER INSERT ON cases WHEN new.deleted_at IS NULL BEGIN
  INSERT INTO cases_fts (rowid, case_number, client_name) VALUES (new.rowid, new.case_number, json_extract(new.client_data, '$.name'));
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS cases_fts_au AFTER UPDATE OF case_number, client_data, deleted_at ON cases BEGIN
  DELETE FROM cases_fts WHERE rowid = old.rowid;
  INSERT INTO cases_fts (rowid, case_number, client_name) SELECT new.rowid, new.case_number, json_extract(new.client_data, '$.name') WHERE new.deleted_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS cases_fts_ad AFTER DELETE ON cases BEGIN
  DELETE FROM cases_fts WHERE rowid = old.rowid;
END;
