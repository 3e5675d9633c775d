-- Ponder schema, version 9: pages read by text recognition (issue 16).
-- Why and how: docs/decisions/0016-reading-scanned-pages.md

-- true when the page's text was read from its image by OCR (a scan, letters drawn as outlines,
-- text whose font does not say which letters it draws): citations say "p. 3 · scanned"
ALTER TABLE pages ADD COLUMN scanned BOOLEAN NOT NULL DEFAULT FALSE;

-- the words OCR read on such a page with their boxes, as dev.ponder.document.ScanWords encodes
-- them (a word a line: x y width height paragraph line confidence, a tab, the word; boxes are
-- fractions of the page as displayed); the page viewer marks the cited lines on the scan with
-- them. NULL for pages with a text layer.
ALTER TABLE pages ADD COLUMN scan_words CLOB;
