package dev.ponder.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conversations in a real H2 file: listed, reopened, deleted, and made from a version 2 chat. */
class ConversationsTest {

    private static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");

    @Test
    void conversationsAreListedMostRecentlyAskedFirstWithTheirCounts(@TempDir Path dir) {
        try (Database db = Database.open(dir)) {
            ExchangeRepository repo = new ExchangeRepository(db);
            long doc = document(db, dir);
            Exchange a1 = repo.save(exchange("What is the warranty on the compressor?", 0, doc, T0));
            repo.save(exchange("And on the fan?", a1.conversationId(), doc, T0.plusSeconds(60)));
            Exchange b1 = repo.save(exchange("Who signed the contract?", 0, doc, T0.plusSeconds(120)));

            List<Conversation> list = repo.conversations();
            assertEquals(List.of(b1.conversationId(), a1.conversationId()), list.stream().map(Conversation::id).toList());
            assertEquals("What is the warranty on the compressor?", list.get(1).title());
            assertEquals(2, list.get(1).exchangeCount());
            assertEquals(T0, list.get(1).createdAt());
            assertEquals(T0.plusSeconds(60), list.get(1).lastAskedAt());
            assertEquals(1, list.get(0).exchangeCount());

            repo.save(exchange("And the doors?", a1.conversationId(), doc, T0.plusSeconds(180)));
            assertEquals(a1.conversationId(), repo.conversations().get(0).id(), "asking again moves it to the top");
            assertEquals(List.of("What is the warranty on the compressor?", "And on the fan?", "And the doors?"),
                    repo.conversation(a1.conversationId()).stream().map(Exchange::question).toList(),
                    "reopening loads its exchanges oldest first");
        }
    }

    @Test
    void deletingAConversationRemovesItsExchangesAndTheirCitationsAndKeepsTheOthers(@TempDir Path dir) throws Exception {
        long kept;
        long deleted;
        try (Database db = Database.open(dir)) {
            ExchangeRepository repo = new ExchangeRepository(db);
            long doc = document(db, dir);
            Exchange a = repo.save(exchange("First?", 0, doc, T0));
            repo.save(exchange("Second?", a.conversationId(), doc, T0.plusSeconds(1)));
            Exchange b = repo.save(exchange("Other?", 0, doc, T0.plusSeconds(2)));
            kept = b.conversationId();
            deleted = a.conversationId();

            assertTrue(repo.deleteConversation(deleted));
            assertFalse(repo.deleteConversation(deleted), "a second delete finds nothing");
        }
        try (Database db = Database.open(dir)) {
            ExchangeRepository repo = new ExchangeRepository(db);
            assertEquals(List.of(kept), repo.conversations().stream().map(Conversation::id).toList());
            assertEquals(List.of(), repo.conversation(deleted));
            assertEquals(List.of("Other?"), repo.recent(10).stream().map(Exchange::question).toList());
            assertEquals(1, repo.recent(10).get(0).citations().size(), "the other conversation keeps its citations");
            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                assertEquals(1, count(st, "SELECT COUNT(*) FROM citations"));
                assertEquals(1, count(st, "SELECT COUNT(*) FROM exchange_scope"));
            }
        }
    }

    @Test
    void upgradingFromVersionTwoPutsTheEarlierChatIntoOneConversation(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve(Database.FILE_NAME).toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        Flyway.configure().dataSource(url, "ponder", "").locations("classpath:db/migration").target("2").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "ponder", "");
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO exchanges (question, answer, mode, status, latency_ms, asked_at) VALUES (?, ?, 'baseline', 'ANSWERED', 10, ?)")) {
            String[] questions = {"What does the warranty cover, and for how long after delivery of the unit to the customer site?",
                    "Who pays for shipping?", "Is the fan included?"};
            for (int i = 0; i < questions.length; i++) {
                ps.setString(1, questions[i]);
                ps.setString(2, "Answer " + i);
                ps.setTimestamp(3, java.sql.Timestamp.from(T0.plusSeconds(i * 60L)));
                ps.executeUpdate();
            }
        }

        try (Database db = Database.open(dir)) {
            ExchangeRepository repo = new ExchangeRepository(db);
            List<Conversation> list = repo.conversations();
            assertEquals(1, list.size());
            Conversation only = list.get(0);
            assertEquals(3, only.exchangeCount());
            assertEquals("What does the warranty cover, and for how long after delivery of the unit to the",
                    only.title(), "titled by the first question, cut to 80 characters");
            assertEquals(T0, only.createdAt());
            assertEquals(T0.plusSeconds(120), only.lastAskedAt());
            assertEquals(List.of("Answer 0", "Answer 1", "Answer 2"),
                    repo.conversation(only.id()).stream().map(Exchange::answer).toList());

            Exchange next = repo.save(exchange("A new question", 0, document(db, dir), T0.plusSeconds(600)));
            assertEquals(2, repo.conversations().size(), "a new question after the upgrade starts its own conversation");
            assertEquals(next.conversationId(), repo.conversations().get(0).id());
        }
    }

    private static long document(Database db, Path dir) {
        return new LibraryRepository(db).add(new NewDocument(Optional.of("ab".repeat(32)), "a.pdf", dir.resolve("a.pdf"), 10),
                DocumentStatus.READY, Optional.empty());
    }

    private static Exchange exchange(String q, long conversation, long doc, Instant at) {
        return new Exchange(0, q, "Answer [p. 1]", Exchange.MODE_LEARNED_CONTEXT, Exchange.Status.ANSWERED,
                Optional.empty(), Optional.of("llama3.2"), 100, 20, Optional.of(5L), 900, List.of(doc),
                List.of(new Citation(doc, "a.pdf", 1)), at, conversation, Optional.of(0.5), Optional.empty());
    }

    private static int count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
