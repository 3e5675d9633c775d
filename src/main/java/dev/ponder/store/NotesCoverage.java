package dev.ponder.store;

/**
 * How much of a document a learned context c′ was made from: the notes on {@code notedSections} of
 * its {@code sections} sections. A first look at the outline is 0 of N; a c′ from every section's
 * notes is N of N.
 *
 * @param notedSections sections whose notes c′ was made from, 0..{@code sections}
 * @param sections      the document's sections when c′ was made
 */
public record NotesCoverage(int notedSections, int sections) {

    /** A c′ made from the notes on every section (also what a c′ stored before coverage was recorded was). */
    public static final NotesCoverage COMPLETE = new NotesCoverage(0, 0);

    public NotesCoverage {
        if (notedSections < 0 || sections < 0 || notedSections > sections) {
            throw new IllegalArgumentException("coverage " + notedSections + " of " + sections);
        }
    }

    /** Whether c′ was made from the notes on every section. */
    public boolean complete() {
        return notedSections == sections;
    }

    /** Whether c′ was made from the outline and opening pages only, before any notes. */
    public boolean firstLook() {
        return notedSections == 0 && sections > 0;
    }
}
