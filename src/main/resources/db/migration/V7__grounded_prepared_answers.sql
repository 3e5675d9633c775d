-- Ponder schema, version 7: prepared answers are checked against the document before they are
-- served (issue 12). Every number, date and capitalised name of a prepared answer must appear in
-- the text of its cited pages or in the notes c′ was made from; an answer that fails the check is
-- not served with 0 tokens (the question goes to the learned-context path) and the insights panel
-- marks its question as not confirmed by the document.
-- GROUNDED | UNGROUNDED | UNCHECKED; rows stored before this version were never checked, so they
-- are UNCHECKED, not served as prepared, until sleep-time anticipates again (its prompts changed
-- with this version, so it does at the next idle time).
ALTER TABLE anticipated_questions ADD COLUMN grounding VARCHAR(16) DEFAULT 'UNCHECKED' NOT NULL;
-- The terms of the answer the check did not find, joined by " | " ('' when grounded).
ALTER TABLE anticipated_questions ADD COLUMN ungrounded_terms VARCHAR(1024) DEFAULT '' NOT NULL;
