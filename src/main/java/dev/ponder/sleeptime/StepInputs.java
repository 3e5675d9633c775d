package dev.ponder.sleeptime;

import dev.ponder.store.DocumentEntry;
import java.util.List;

/**
 * What the steps of one document may depend on, for their input keys.
 *
 * @param document      the document (READY, with sections)
 * @param sectionHashes its sections' text hashes, in order
 * @param model         the sleep-time model's name
 * @param contextTokens its {@code num_ctx}, in tokens
 * @param k             parallel generations of anticipated questions
 * @param m             anticipated questions per generation
 * @param language      the asker's language (ISO 639-1, {@link AskersLanguage}), which c′ and the
 *                      anticipated questions are written in
 * @param notedSections how many of its sections have notes from this model and the notes prompt now
 * @param withoutCall   how many of those were stored without a model call (not worth notes, or unreadable)
 */
record StepInputs(DocumentEntry document, List<String> sectionHashes, String model, int contextTokens, int k, int m,
                  String language, int notedSections, int withoutCall) {
    StepInputs {
        sectionHashes = List.copyOf(sectionHashes);
    }

    /** How far the notes are ({@link NotesStage}), counting only the sections a model call is for. */
    String notesStage() {
        return NotesStage.of(notedSections - withoutCall, sectionHashes.size() - withoutCall);
    }
}
