-- Ponder schema, version 8: questions in any language about documents in any language (issue 15).
-- Why and how: docs/decisions/0015-multilingual-search-and-embedding-models.md

-- The document's language, ISO 639-1 ('fr', 'zh'), detected from its text; it chooses the Lucene
-- analysis its sections are indexed with. NULL until detected, or when no language was clearly ahead.
ALTER TABLE documents ADD COLUMN language VARCHAR(16);
