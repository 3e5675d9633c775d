-- Ponder schema, version 2: sleep-time compute S(c) -> c' (issue 3).
-- How c' is structured and why: docs/decisions/0004-learned-context-and-idle-detection.md

-- The job table: one row per document and sleep-time step. A step is DONE for one input key (a
-- hash of everything it read: section hashes, model, prompt versions, budgets); when the key
-- changes the step is due again, so a finished step is never redone for the same input.
CREATE TABLE sleep_steps (
    document_id    BIGINT       NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    step           VARCHAR(32)  NOT NULL,   -- section-notes | learned-context | anticipated-questions
    input_key      CHAR(64)     NOT NULL,
    status         VARCHAR(16)  NOT NULL,   -- PENDING | RUNNING | DONE | FAILED
    message        VARCHAR(4000),           -- the sentence shown when FAILED
    attempts       INT          NOT NULL DEFAULT 0,  -- failed attempts for this input key
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (document_id, step)
);

-- Section notes (the map step), cached by content: a section whose text did not change keeps its
-- notes across re-imports and documents. Pages are stored relative to the section's first page,
-- so a section that moved keeps its notes too.
CREATE TABLE section_notes (
    text_sha256        CHAR(64)     NOT NULL,   -- sections.text_sha256
    model              VARCHAR(256) NOT NULL,   -- the sleep-time model that wrote them
    prompt_version     VARCHAR(64)  NOT NULL,
    notes              CLOB         NOT NULL,   -- JSON array of {kind, text, list, page_offset}
    prompt_tokens      INT          NOT NULL DEFAULT 0,  -- this section's share of its call, Ollama's counts
    completion_tokens  INT          NOT NULL DEFAULT 0,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (text_sha256, model, prompt_version)
);

-- Results between the section notes and c' (digests of a long document's notes; single
-- generations of anticipated questions), cached by a hash of their input, so a cancelled or
-- crashed step redoes only the calls that had not finished.
CREATE TABLE sleep_partials (
    kind               VARCHAR(32)  NOT NULL,   -- digest | questions-generation
    input_sha256       CHAR(64)     NOT NULL,
    model              VARCHAR(256) NOT NULL,
    prompt_version     VARCHAR(64)  NOT NULL,
    output             CLOB         NOT NULL,
    prompt_tokens      INT          NOT NULL DEFAULT 0,
    completion_tokens  INT          NOT NULL DEFAULT 0,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (kind, input_sha256, model, prompt_version)
);

-- The learned context c', versioned per document. The current one is the row whose input_key is
-- the document's current key; an older row means "stale until re-thought".
CREATE TABLE learned_contexts (
    id                 BIGINT AUTO_INCREMENT PRIMARY KEY,
    document_id        BIGINT       NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    version            INT          NOT NULL,   -- 1, 2, ... per document
    input_key          CHAR(64)     NOT NULL,
    model              VARCHAR(256) NOT NULL,
    prompt_version     VARCHAR(128) NOT NULL,
    structure          CLOB         NOT NULL,   -- JSON: summary, key_facts, inferences, timeline, lists
    rendered           CLOB         NOT NULL,   -- the text a test-time prompt quotes
    rendered_tokens    INT          NOT NULL,   -- estimated, at most budget_tokens
    budget_tokens      INT          NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (document_id, version),
    UNIQUE (document_id, input_key)
);

-- Anticipated questions with their prepared answers, one set per (document, input key).
CREATE TABLE anticipated_questions (
    id                 BIGINT AUTO_INCREMENT PRIMARY KEY,
    document_id        BIGINT       NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    learned_context_id BIGINT       NOT NULL REFERENCES learned_contexts (id) ON DELETE CASCADE,
    input_key          CHAR(64)     NOT NULL,   -- c' key + prompt version + k + M
    ordinal            INT          NOT NULL,
    question           CLOB         NOT NULL,
    answer             CLOB         NOT NULL,   -- the prepared answer
    pages              VARCHAR(1024) NOT NULL,  -- cited pages, comma-separated, e.g. '3,4'
    embedding          VARBINARY(8192) NOT NULL,  -- float32 little-endian, unit length
    generation         INT          NOT NULL,   -- which of the k parallel generations (1-based)
    prompt_tokens      INT          NOT NULL,   -- share of the k generations' measured tokens
    completion_tokens  INT          NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (document_id, input_key, ordinal)
);

-- Every sleep-time call, with the tokens Ollama measured (0 when the call did not finish: the
-- counts arrive only with the final line).
CREATE TABLE sleep_calls (
    id                 BIGINT AUTO_INCREMENT PRIMARY KEY,
    document_id        BIGINT       NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    step               VARCHAR(32)  NOT NULL,
    model              VARCHAR(256) NOT NULL,
    outcome            VARCHAR(16)  NOT NULL,   -- OK | CANCELLED | FAILED
    prompt_tokens      INT          NOT NULL DEFAULT 0,
    completion_tokens  INT          NOT NULL DEFAULT 0,
    duration_ms        BIGINT       NOT NULL,
    called_at          TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX sleep_calls_document ON sleep_calls (document_id, step);
