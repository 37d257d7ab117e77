-- Each chunk keeps its full float32 vector beside its text, so nearest-neighbour search can scan compact
-- binary-quantized vectors in sqlite-vec and re-rank the candidates exactly from here (a full float scan
-- of an encrypted database larger than the page cache decrypts every page on every query).
ALTER TABLE search_chunks ADD COLUMN embedding BLOB;
