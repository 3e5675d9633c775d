package dev.ponder.store;

import java.util.Optional;

/**
 * A ready document's sections as they are now, summed up: a search index built from the same rows
 * has the same summary.
 *
 * @param documentId    the document
 * @param firstSectionId smallest section id (sections get new ids each time a document's content is stored)
 * @param lastSectionId largest section id
 * @param sections      how many sections it has
 * @param language      its detected language (ISO 639-1), empty when not detected (yet)
 */
public record SectionSummary(long documentId, long firstSectionId, long lastSectionId, int sections,
                             Optional<String> language) {

    /** One string that changes whenever the summary does. */
    public String fingerprint() {
        return firstSectionId + "-" + lastSectionId + "-" + sections + "-" + language.orElse("?");
    }
}
