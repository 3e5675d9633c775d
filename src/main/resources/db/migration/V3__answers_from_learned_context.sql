-- Ponder schema, version 3: answers from c′, conversations and measured savings (issue 4).
-- Why and how: docs/decisions/0010-prepared-answers-and-measured-savings.md

-- A conversation: the questions asked one after another in the chat pane.
CREATE TABLE conversations (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    title          VARCHAR(512) NOT NULL DEFAULT '',   -- the first question, shortened; '' until one is asked
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- The chat so far becomes the first conversation.
INSERT INTO conversations (title, created_at)
SELECT LEFT(question, 80), asked_at FROM exchanges ORDER BY id FETCH FIRST 1 ROW ONLY;

ALTER TABLE exchanges ADD COLUMN conversation_id BIGINT REFERENCES conversations (id) ON DELETE CASCADE;
UPDATE exchanges SET conversation_id = (SELECT MIN(id) FROM conversations);
CREATE INDEX exchanges_conversation ON exchanges (conversation_id, id);

-- Query predictability: cosine similarity of the question to the nearest anticipated question of
-- the documents asked about (MiniLM embeddings); NULL when none had anticipated questions.
ALTER TABLE exchanges ADD COLUMN predictability DOUBLE PRECISION;
-- A prepared answer: the anticipated question whose prepared answer was served.
ALTER TABLE exchanges ADD COLUMN anticipated_question_id BIGINT
    REFERENCES anticipated_questions (id) ON DELETE SET NULL;

-- Baseline cost, measured: the question answered the baseline way (raw sections, no c′) during
-- idle time, with the tokens the server counted. One row per anticipated question or asked
-- question; savings = these tokens − the tokens the real answer cost.
CREATE TABLE baseline_costs (
    id                      BIGINT AUTO_INCREMENT PRIMARY KEY,
    exchange_id             BIGINT REFERENCES exchanges (id) ON DELETE CASCADE,
    anticipated_question_id BIGINT REFERENCES anticipated_questions (id) ON DELETE CASCADE,
    model                   VARCHAR(256) NOT NULL,
    prompt_tokens           INT          NOT NULL,
    completion_tokens       INT          NOT NULL,
    latency_ms              BIGINT       NOT NULL,
    measured_at             TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK ((exchange_id IS NULL) <> (anticipated_question_id IS NULL))
);
CREATE UNIQUE INDEX baseline_costs_exchange ON baseline_costs (exchange_id);
CREATE UNIQUE INDEX baseline_costs_anticipated ON baseline_costs (anticipated_question_id);

-- What content a c′ was made from: SHA-256 of its document's section hashes in order. Test time
-- uses a c′ only while the document still has that content (a c′ made by another model or prompt
-- version is still right about the same text). NULL for a c′ made before version 3: documents could
-- not change content then (a changed file was imported as a new document), so it is still right.
ALTER TABLE learned_contexts ADD COLUMN content_sha256 CHAR(64);
