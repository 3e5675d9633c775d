package dev.ponder.ui;

import dev.ponder.store.Citation;
import dev.ponder.store.Exchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A conversation as a Markdown file (File ▸ Export conversation…): a title, then per exchange its
 * question, when it was asked, how it was answered (mode, query predictability, test-time tokens),
 * the answer as the model wrote it (Markdown), and the cited pages as "report.pdf p. 12". Ponder's
 * own format, written here rather than by a library: it is a few lines of text.
 */
final class ConversationExport {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private ConversationExport() {
    }

    /**
     * The Markdown text of a conversation.
     *
     * @param title      the conversation's title (its first question); the first question when blank
     * @param exchanges  its exchanges, oldest first
     * @param zone       time zone of the dates written
     * @param exportedAt when the export is made, written under the title
     */
    static String markdown(String title, List<Exchange> exchanges, ZoneId zone, Instant exportedAt) {
        String heading = !title.isBlank() ? title : exchanges.isEmpty() ? "Conversation" : exchanges.get(0).question();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(oneLine(heading)).append("\n\n");
        md.append("Exported from Ponder on ").append(WHEN.format(exportedAt.atZone(zone))).append(".\n");
        int n = 1;
        for (Exchange e : exchanges) {
            md.append("\n## ").append(n++).append(". ").append(oneLine(e.question())).append("\n\n");
            md.append("*Asked ").append(WHEN.format(e.askedAt().atZone(zone))).append(" · ").append(how(e)).append("*\n\n");
            if (e.answer() != null && !e.answer().isBlank()) {
                md.append(e.answer().strip()).append("\n\n");
            }
            if (e.status() == Exchange.Status.FAILED) {
                md.append("**Not answered:** ").append(UserText.sentence(e.error().orElse("the answer failed."))).append("\n\n");
            }
            if (!e.citations().isEmpty()) {
                md.append("Cited: ").append(e.citations().stream().map(ConversationExport::page)
                        .collect(Collectors.joining(", "))).append("\n\n");
            }
            md.append("---\n");
        }
        return md.toString();
    }

    /** Writes {@link #markdown} (UTF-8) to {@code file}, replacing it only once the whole text is written. */
    static void write(Path file, String title, List<Exchange> exchanges, ZoneId zone) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".ponder-export", ".md");
        try {
            Files.writeString(tmp, markdown(title, exchanges, zone, Instant.now()), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** "prepared while you were away · predictability 0.93 · 0 test-time tokens", and the like. */
    static String how(Exchange e) {
        String mode = switch (ExchangeItem.AnswerMode.of(e.mode())) {
            case PREPARED -> "prepared answer (while you were away)";
            case LEARNED_CONTEXT -> "answered from the learned context";
            case BASELINE -> "not prepared yet (answered from the documents alone)";
            case RAW_CONTEXT -> "answered from the document itself (its text was shorter than its learned context)";
            case OTHER -> "answered";
        };
        StringBuilder sb = new StringBuilder();
        switch (e.status()) {
            case FAILED -> sb.append("failed");
            case STOPPED -> sb.append("stopped · ").append(mode);
            case ANSWERED -> sb.append(mode);
        }
        e.predictability().ifPresent(p -> sb.append(String.format(Locale.ROOT, " · predictability %.2f", p)));
        if (e.status() != Exchange.Status.FAILED) {
            sb.append(String.format(Locale.ROOT, " · %,d test-time tokens", e.testTimeTokens()));
        }
        return sb.toString();
    }

    private static String page(Citation c) {
        return c.fileName() + " p. " + c.page() + (c.scanned() ? " · scanned" : "");
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }
}
