package dev.ponder.sleeptime;

/**
 * When the learned context c′ is refreshed while section notes are still being taken: after the
 * notes on {@link #FIRST_REFRESH} sections, then each time the noted sections double (12, 24, 48, …),
 * and once every section has notes. Doubling keeps the refreshes few (7 for 512 sections; each is one
 * call for c′ on an even sample of the notes, and one for the questions) while the first ones come
 * within minutes on a laptop CPU: about 2 calls of notes, 6 sections to a call
 * ({@link SectionNotesStep#MAX_SECTIONS_PER_CALL}).
 * <p>
 * The stage is part of c′'s input key ({@link LearnedContextStep#inputs}), so a new stage makes c′,
 * and the anticipated questions made from it, due again.
 */
final class NotesStage {

    /** Sections with notes before the first refresh of c′ from notes. */
    static final int FIRST_REFRESH = 12;

    private NotesStage() {
    }

    /**
     * The stage of {@code noted} of {@code sections} noted: {@code "all"}, {@code "none"} before the
     * first refresh, else {@code "from-P"} for the last refresh point P reached.
     */
    static String of(int noted, int sections) {
        if (noted >= sections) {
            return "all";
        }
        int point = point(noted);
        return point == 0 ? "none" : "from-" + point;
    }

    /** Whether c′ can be refreshed from the notes taken: at least {@link #FIRST_REFRESH} sections, or all. */
    static boolean refreshable(int noted, int sections) {
        return !of(noted, sections).equals("none");
    }

    /** Whether noting more sections, from {@code before} to {@code after}, reached a new stage. */
    static boolean changed(int before, int after, int sections) {
        return !of(before, sections).equals(of(after, sections));
    }

    /** The last refresh point at or below {@code noted}: 12, 24, 48, …; 0 below the first. */
    private static int point(int noted) {
        int p = 0;
        for (int next = FIRST_REFRESH; next > 0 && next <= noted; next *= 2) {
            p = next;
        }
        return p;
    }
}
