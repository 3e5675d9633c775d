-- A migration that fails after changing the schema (H2 commits DDL at once, so the first statement
-- stays done): DamagedLibraryTest proves the library is put back as it was before it.
CREATE TABLE half_done (id INT);
ALTER TABLE documents ADD COLUMN half_done_flag BOOLEAN;
INSERT INTO no_such_table VALUES (1);
