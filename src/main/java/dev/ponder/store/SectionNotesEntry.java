package dev.ponder.store;

/**
 * Sleep-time notes of one section's text, as cached in {@code section_notes}.
 *
 * @param textSha256       hex SHA-256 of the section text the notes are about
 * @param notesJson        JSON array of notes; pages relative to the section's first page
 * @param promptTokens     this section's share of its call's prompt tokens (Ollama's count)
 * @param completionTokens this section's share of its call's completion tokens
 */
public record SectionNotesEntry(String textSha256, String notesJson, int promptTokens, int completionTokens) {
}
