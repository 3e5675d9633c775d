-- How much of the document a learned context c′ was made from: the notes on noted_sections of its
-- section_count sections (0 of N for a first look at the outline; N of N when complete). Sleep-time
-- writes c′ before every section has notes, and refreshes it as notes come in (ADR 0005).
-- NULL in both: a c′ stored before this column, always made from every section's notes.
ALTER TABLE learned_contexts ADD COLUMN noted_sections INT;
ALTER TABLE learned_contexts ADD COLUMN section_count INT;
