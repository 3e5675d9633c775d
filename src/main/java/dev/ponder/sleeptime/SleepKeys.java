package dev.ponder.sleeptime;

import dev.ponder.base.Hashing;
import java.util.List;

/**
 * The input keys of the sleep-time steps of one document: a hash of everything a step reads. A step
 * is DONE for one key; when the document's content, the sleep-time model, a prompt version, the
 * c′ budget, k or M changes, the key changes and the step is due again, while the section notes of
 * unchanged sections stay cached under their own text hash.
 *
 * @param sectionNotes         key of the map step: section hashes, model, notes prompt version
 * @param learnedContext       key of c′: the notes key, reduce prompt versions and the token budget
 * @param anticipatedQuestions key of the questions: the c′ key, its prompt version, k and M
 */
record SleepKeys(String sectionNotes, String learnedContext, String anticipatedQuestions) {

    static SleepKeys of(List<String> sectionHashes, String model, int budgetTokens, int k, int m) {
        String notes = sha256("section-notes", model, SleepPrompts.SECTION_NOTES.version(), String.join(",", sectionHashes));
        String context = sha256("learned-context", notes, SleepPrompts.DIGEST.version(),
                SleepPrompts.LEARNED_CONTEXT.version(), String.valueOf(budgetTokens));
        String questions = sha256("anticipated-questions", context, SleepPrompts.ANTICIPATED_QUESTIONS.version(),
                "k=" + k, "m=" + m);
        return new SleepKeys(notes, context, questions);
    }

    /** The key of {@code step}. */
    String of(SleepStep step) {
        return switch (step) {
            case SECTION_NOTES -> sectionNotes;
            case LEARNED_CONTEXT -> learnedContext;
            case ANTICIPATED_QUESTIONS -> anticipatedQuestions;
        };
    }

    /** Prompt versions behind a c′, as stored with it. */
    static String learnedContextPromptVersion() {
        return SleepPrompts.SECTION_NOTES.version() + "+" + SleepPrompts.DIGEST.version() + "+"
                + SleepPrompts.LEARNED_CONTEXT.version();
    }

    /** A step key: hex SHA-256 of the parts, each followed by a NUL byte (the format keys stored so far have). */
    static String sha256(String... parts) {
        return Hashing.sha256Hex('\0', List.of(parts));
    }
}
