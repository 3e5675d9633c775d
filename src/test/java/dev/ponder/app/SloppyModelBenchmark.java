package dev.ponder.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ponder.testing.OllamaTestServer;
import dev.ponder.testing.SloppyModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How sleep-time holds up as a model gets sloppier, <b>measured against the test server's sloppy
 * model, not a real one</b>: for 0 %, 30 % and 60 % of the answers written imperfectly
 * ({@link SloppyModel}), thinking about the three sample documents, it prints the share of sections
 * noted, the share of answered calls that needed a second try (INVALID or CUT_OFF), and the
 * anticipated questions kept (and how many the document confirms), summed over {@value #SEEDS} seeds
 * of the sloppy model's choices (each seed a fresh library). Run with
 * {@code mvn test -Dsurefire.excludedGroups= -Dgroups=benchmark -Dtest=SloppyModelBenchmark}.
 */
@Tag("benchmark")
class SloppyModelBenchmark {

    static final int SEEDS = 3;

    @TempDir
    Path dir;

    @Test
    void sleepTimeOnTheSampleDocumentsAtThreeSloppyRates() throws Exception {
        StringBuilder table = new StringBuilder("""
                | sloppy answers | answers imperfect (written) | sections noted | calls needing a second try | \
                anticipated questions kept (confirmed) | documents failed |
                |---:|---:|---:|---:|---:|---:|
                """);
        for (double rate : List.of(0.0, 0.3, 0.6)) {
            int imperfect = 0;
            int answers = 0;
            int noted = 0;
            int sections = 0;
            int second = 0;
            int calls = 0;
            int questions = 0;
            int confirmed = 0;
            int failed = 0;
            for (int seed = 1; seed <= SEEDS; seed++) {
                try (OllamaTestServer ollama = OllamaTestServer.start()) {
                    SloppyModel sloppy = SloppyModel.ofScripted(rate, seed);
                    ollama.answerWith(sloppy);
                    SloppyModelTest.Thought t = SloppyModelTest.thinkAboutSamples(ollama,
                            dir.resolve("data-" + rate + "-" + seed));
                    imperfect += sloppy.imperfections().values().stream().mapToInt(Integer::intValue).sum();
                    answers += sloppy.answers();
                    noted += t.noted();
                    sections += t.sections();
                    second += t.secondTries();
                    calls += t.answeredCalls();
                    questions += t.questions();
                    confirmed += t.confirmed();
                    failed += t.failures().size();
                    System.out.println("sloppy " + rate + ", seed " + seed + ": " + sloppy.imperfections()
                            + (t.failures().isEmpty() ? "" : " failures " + t.failures()));
                }
            }
            table.append(String.format(Locale.ROOT, "| %.0f %% | %d of %d | %d of %d (%.1f %%) | %d of %d (%.1f %%) | "
                            + "%d (%d) | %d of %d |%n", 100 * rate, imperfect, answers, noted, sections,
                    100.0 * noted / sections, second, calls, calls == 0 ? 0 : 100.0 * second / calls, questions, confirmed,
                    failed, 3 * SEEDS));
            if (rate == 0.0) {
                assertEquals(0, second, "an obedient model needs no second try");
            }
        }
        System.out.println("Sleep-time against the test server's sloppy model (not a real model), three sample documents, "
                + SEEDS + " seeds each:");
        System.out.println(table);
    }
}
