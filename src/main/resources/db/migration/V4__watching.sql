-- Ponder schema, version 4: watching opened files (issue 5, item 1).
-- Why and how: docs/decisions/0008-watching-and-single-instance.md

-- The file's last-modified time when its content was read (ms since the epoch); with byte_size it
-- lets a check skip hashing a file that did not change. NULL until the next import.
ALTER TABLE documents ADD COLUMN file_modified_ms BIGINT;
-- When the file was found gone from its path (deleted, moved, its drive unplugged); NULL while it
-- is there. The stored content stays answerable; the user may point the entry at the file again.
ALTER TABLE documents ADD COLUMN file_missing_since TIMESTAMP WITH TIME ZONE;
