package dev.ponder.sleeptime;

import java.util.Locale;

/**
 * One note sleep-time compute took on a section: the map step's output, and the material the
 * learned context c′ is reduced from.
 *
 * @param kind what sort of note it is
 * @param text one sentence that stands on its own
 * @param list for {@link Kind#ITEM}: the name of the list it belongs to (e.g. "amendments"); else empty
 * @param page the 1-based page it comes from
 */
record SectionNote(Kind kind, String text, String list, int page) {

    /** The kinds of notes the section-notes prompt asks for. */
    enum Kind {
        FACT, NUMBER, DATE, DEFINITION, ENTITY, ITEM, INFERENCE;

        /** The word used in prompts and in stored JSON. */
        String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind named {@code word}; an unknown word is a fact. */
        static Kind of(String word) {
            try {
                return valueOf(word.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return FACT;
            }
        }
    }

    /** The note as one line of the reduce prompt, e.g. {@code p.5 item (amendments): First Amendment}. */
    String line() {
        return "p." + page + " " + kind.word() + (kind == Kind.ITEM && !list.isEmpty() ? " (" + list + ")" : "") + ": " + text;
    }
}
