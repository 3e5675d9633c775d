-- Ponder schema, version 5: ingestion that is right or says why not (issue 5, items 2 and 3).
-- Why and how: docs/decisions/0009-ingestion-policies.md

-- SHA-256 of the document's extracted text (its pages' stored text joined by form feeds), so a
-- file re-saved with only its metadata changed (title, dates, producer) is recognised as content
-- the library already has. NULL for documents imported before version 5 until Ponder fills it in.
ALTER TABLE documents ADD COLUMN content_sha256 CHAR(64);
CREATE INDEX documents_content_sha256 ON documents (content_sha256);

-- What the import noticed, per page (page_no >= 1) or for the whole file (page_no = 0): pages
-- without a text layer, text drawn as outlines, garbled text, text a reader cannot see, damage,
-- a "do not copy" permission, attachments. The UI lists them; the model never sees them.
CREATE TABLE ingestion_flags (
    document_id    BIGINT        NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal        INT           NOT NULL,   -- order of the flags of one document
    page_no        INT           NOT NULL,   -- 1-based page, or 0 for the whole file
    kind           VARCHAR(32)   NOT NULL,   -- IngestionFlag.Kind name
    message        VARCHAR(1000) NOT NULL,   -- one sentence for the user
    detail         VARCHAR(4000),            -- e.g. the hidden text itself, shortened; never sent to a model
    PRIMARY KEY (document_id, ordinal)
);
