-- Ponder schema, version 8: questions in any language about documents in any language (issue 15).
-- Why and how: docs/decisions/0019-multilingual-search-and-embedding-models.md

-- The document's language, ISO 639-1 ('fr', 'zh'), detected from its text; it chooses the Lucene
-- analysis its sections are indexed with. NULL until detected, or when no language was clearly ahead.
ALTER TABLE documents ADD COLUMN language VARCHAR(16);

-- Each vector records the embedding model that made it; vectors of different models are never
-- compared. Every vector so far came from the in-process all-MiniLM-L6-v2. Server models may make
-- longer vectors (3,072 floats and more), hence the wider columns.
ALTER TABLE sections ADD COLUMN embedding_model VARCHAR(256) DEFAULT 'builtin:all-minilm-l6-v2-q' NOT NULL;
ALTER TABLE sections ALTER COLUMN embedding SET DATA TYPE VARBINARY(65536);
ALTER TABLE anticipated_questions ADD COLUMN embedding_model VARCHAR(256) DEFAULT 'builtin:all-minilm-l6-v2-q' NOT NULL;
ALTER TABLE anticipated_questions ALTER COLUMN embedding SET DATA TYPE VARBINARY(65536);

-- The library's embedding model: the one questions are compared with (active), and the one the person
-- chose and the library is being re-embedded with in the background (target; NULL when none).
CREATE TABLE embedding_choice (
    id             INT PRIMARY KEY CHECK (id = 1),
    active_model   VARCHAR(256) NOT NULL,
    target_model   VARCHAR(256)
);
INSERT INTO embedding_choice (id, active_model) VALUES (1, 'builtin:all-minilm-l6-v2-q');

-- Vectors made by the target model while questions still use the active one's; moved into
-- sections / anticipated_questions in one transaction when every row has one.
CREATE TABLE pending_section_vectors (
    section_id     BIGINT NOT NULL REFERENCES sections (id) ON DELETE CASCADE,
    model          VARCHAR(256) NOT NULL,
    embedding      VARBINARY(65536) NOT NULL,
    PRIMARY KEY (section_id, model)
);
CREATE TABLE pending_question_vectors (
    anticipated_question_id BIGINT NOT NULL REFERENCES anticipated_questions (id) ON DELETE CASCADE,
    model          VARCHAR(256) NOT NULL,
    embedding      VARBINARY(65536) NOT NULL,
    PRIMARY KEY (anticipated_question_id, model)
);
