package dev.ponder.sleeptime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    /** Hex SHA-256 of the parts, separated so that ("ab","c") and ("a","bc") differ. */
    static String sha256(String... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                md.update(p.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
