package dev.ponder.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A committed write is on disk when the commit returns, even in a library whose file has free
 * space inside it, which H2 fills with new chunks unless told not to ({@code REUSE_SPACE=FALSE} in
 * {@link Database}): a child JVM stores an answer and ends at once, and the next open finds it.
 * Found by hand: an answered question was gone after the window was killed. The library is a real
 * one a few sessions old ({@code libraries/sessions-old.mv.db}: the three sample documents imported
 * and thought about against the stand-in server, the window opened and closed several times); a
 * library made and churned within the test does not show the loss, so the file is kept as it was.
 */
class CommittedWritesSurviveAKillTest {

    @TempDir
    Path dir;

    @Test
    void anAnswerStoredJustBeforeTheProcessDiesIsThereAtTheNextOpen() throws Exception {
        try (var in = CommittedWritesSurviveAKillTest.class.getResourceAsStream("/libraries/sessions-old.mv.db")) {
            Files.copy(in, dir.resolve("ponder.mv.db"));
        }
        for (int kill = 1; kill <= 2; kill++) {
            String question = "Asked just before kill " + kill + "?";
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CommitThenHalt.class.getName(), dir.toString(), question)
                    .redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes());
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            assertTrue(output.contains("saved"), output);

            Database reopened = Database.open(dir);
            try {
                List<String> asked = new ExchangeRepository(reopened).recent(10).stream().map(Exchange::question).toList();
                assertTrue(asked.contains(question), "kill " + kill + ": " + asked);
                assertEquals(kill, asked.size(), "every earlier answer is kept too: " + asked);
            } finally {
                reopened.close();
            }
        }
    }

    @Test
    void aLibraryThatGrewMuchIsCompactedWhenClosedAndKeepsEverything() throws Exception {
        Database db = Database.open(dir);
        ExchangeRepository exchanges = new ExchangeRepository(db);
        long conversation = 0;
        for (int i = 0; i < 300; i++) {
            Exchange e = exchanges.save(exchange("Question " + i + "?"));
            if (i % 2 == 1) {
                exchanges.deleteConversation(e.conversationId()); // freed space, which is not filled again
            } else {
                conversation = e.conversationId();
            }
        }
        long grown = Files.size(dir.resolve("ponder.mv.db"));
        assertTrue(grown > Database.COMPACT_AFTER_GROWTH_BYTES, "the test must make the file grow: " + grown);

        db.close();

        long compacted = Files.size(dir.resolve("ponder.mv.db"));
        assertTrue(compacted < grown / 2, grown + " bytes before closing, " + compacted + " after");
        Database reopened = Database.open(dir);
        try {
            assertEquals(150, new ExchangeRepository(reopened).recent(1000).size());
            assertEquals(1, new ExchangeRepository(reopened).conversation(conversation).size());
        } finally {
            reopened.close();
        }
    }

    static Exchange exchange(String question) {
        return new Exchange(0, question, "An answer. ".repeat(40), Exchange.MODE_BASELINE, Exchange.Status.ANSWERED,
                Optional.empty(), Optional.of("llama3.2"), 800, 40, Optional.of(300L), 900, List.of(), List.of(),
                Instant.now());
    }
}
