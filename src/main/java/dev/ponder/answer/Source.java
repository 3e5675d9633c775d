package dev.ponder.answer;

import dev.ponder.store.SectionEntry;

/**
 * Something a test-time prompt quoted, with the label the model may cite ({@code S1}, {@code S2}, …):
 * a section of a document, or a document's learned context c′.
 */
public sealed interface Source permits Source.Section, Source.LearnedContext {

    String label();

    long documentId();

    String fileName();

    /** The quoted text. */
    String text();

    /** First page of the span it covers (1-based). */
    int firstPage();

    /** Last page of the span it covers. */
    int lastPage();

    /**
     * A section of a document, with the pages it spans.
     *
     * @param quoted what the prompt quoted of it: the whole text, or beside c′ the passage that speaks
     *               to the question ({@link SectionPassage})
     */
    record Section(String label, SectionEntry section, String fileName, String quoted) implements Source {

        /** A section quoted whole. */
        public Section(String label, SectionEntry section, String fileName) {
            this(label, section, fileName, section.text());
        }

        @Override
        public long documentId() {
            return section.documentId();
        }

        @Override
        public String text() {
            return quoted;
        }

        @Override
        public int firstPage() {
            return section.firstPage();
        }

        @Override
        public int lastPage() {
            return section.lastPage();
        }
    }

    /**
     * A document's c′ as rendered for the prompt; its facts carry their pages ("[p. 4]"), and it is
     * cited by those, never as the whole document.
     *
     * @param pages the document's page count
     */
    record LearnedContext(String label, long documentId, String fileName, int pages, String text) implements Source {

        @Override
        public int firstPage() {
            return 1;
        }

        @Override
        public int lastPage() {
            return Math.max(1, pages);
        }
    }
}
