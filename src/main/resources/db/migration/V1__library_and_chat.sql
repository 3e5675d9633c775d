-- Ponder schema, version 1: the library (documents, pages, sections) and the chat (exchanges).

CREATE TABLE documents (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    sha256         CHAR(64),                 -- of the file's bytes; NULL when the file could not be read
    file_name      VARCHAR(1024) NOT NULL,
    path           VARCHAR(4096) NOT NULL,   -- where it was opened from
    byte_size      BIGINT        NOT NULL,
    page_count     INT           NOT NULL DEFAULT 0,
    char_count     BIGINT        NOT NULL DEFAULT 0,
    status         VARCHAR(32)   NOT NULL,   -- DocumentStatus name
    message        VARCHAR(4000),            -- the user-facing sentence: warning when READY, reason when not
    imported_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX documents_sha256 ON documents (sha256);

CREATE TABLE pages (
    document_id    BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    page_no        INT    NOT NULL,          -- 1-based
    text           CLOB   NOT NULL,
    has_text       BOOLEAN NOT NULL,         -- false: no text layer (scanned page)
    PRIMARY KEY (document_id, page_no)
);

CREATE TABLE sections (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    document_id    BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal        INT    NOT NULL,          -- 0-based order within the document
    first_page     INT    NOT NULL,
    last_page      INT    NOT NULL,
    text           CLOB   NOT NULL,
    text_sha256    CHAR(64) NOT NULL,        -- lets later steps keep work for unchanged sections
    embedding      VARBINARY(8192) NOT NULL, -- float32 little-endian, unit length
    UNIQUE (document_id, ordinal)
);

CREATE TABLE exchanges (
    id                 BIGINT AUTO_INCREMENT PRIMARY KEY,
    question           CLOB         NOT NULL,
    answer             CLOB         NOT NULL DEFAULT '',
    mode               VARCHAR(32)  NOT NULL,   -- baseline | learned-context | prepared
    status             VARCHAR(32)  NOT NULL,   -- ANSWERED | FAILED | STOPPED
    error              VARCHAR(4000),           -- the sentence shown when FAILED
    model              VARCHAR(256),
    prompt_tokens      INT          NOT NULL DEFAULT 0,
    completion_tokens  INT          NOT NULL DEFAULT 0,
    first_token_ms     BIGINT,
    latency_ms         BIGINT,
    asked_at           TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- documents the question was asked about (empty = whole library)
CREATE TABLE exchange_scope (
    exchange_id    BIGINT NOT NULL REFERENCES exchanges (id) ON DELETE CASCADE,
    document_id    BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    PRIMARY KEY (exchange_id, document_id)
);

-- pages an answer was built from
CREATE TABLE citations (
    exchange_id    BIGINT NOT NULL REFERENCES exchanges (id) ON DELETE CASCADE,
    document_id    BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    page_no        INT    NOT NULL,
    PRIMARY KEY (exchange_id, document_id, page_no)
);
