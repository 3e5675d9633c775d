package dev.ponder.bench;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * One line of a retrieval dataset: a question about one document and a fact the answer needs.
 *
 * @param file     the document's file name, looked up in the folders the bench is given
 * @param question the question, in any language
 * @param fact     text that occurs in the document where the answer is (compared after
 *                 {@link RetrievalDataset#normalise}); retrieval succeeds when a section holding it
 *                 reaches the prompt
 * @param language the question's language as an ISO 639-1 code ({@code "zh"}, {@code "fr"}), when the
 *                 dataset names it; results are grouped by it ("unknown" otherwise)
 * @param page     the 1-based page that holds the fact, when the dataset names it (the fact test checks it)
 */
public record RetrievalQuestion(String file, String question, String fact, Optional<String> language,
                                OptionalInt page) {

    /** The language to group results under. */
    public String languageOrUnknown() {
        return language.orElse("unknown");
    }
}
