package dev.ponder.sleeptime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.store.Database;
import dev.ponder.store.LearnedContextRepository;
import dev.ponder.store.NotesCoverage;
import dev.ponder.store.SleepStepEntry;
import dev.ponder.store.SleepTimeRepository;
import dev.ponder.testing.OllamaTestServer;
import dev.ponder.testing.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real child JVM thinking about a document is killed with {@code kill -9} in the middle of a
 * step, twice: in the middle of the notes, then in the middle of c′. After each restart the job
 * resumes; no finished call or step is redone, and no row is duplicated.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CrashResumeTest {

    private static final Pattern SECTION = Pattern.compile("<document_text-[0-9a-f]+ id=\"S\\d+\" pages=\"[\\d-]+\">\\n(.*?)\\n</document_text-[0-9a-f]+>",
            Pattern.DOTALL);
    /** 30 pages, one section each: five notes calls of six sections; c′ refreshed at 12 and 24 sections. */
    private static final int PAGES = 30;

    @TempDir
    Path dir;

    @Test
    void aKilledProcessResumesWithoutRedoingFinishedWorkOrDuplicatingRows() throws Exception {
        String[] pages = new String[PAGES];
        for (int i = 0; i < PAGES; i++) {
            pages[i] = "Ledger page " + (i + 1) + ". Account " + (4100 + i) + " holds " + (250 * (i + 1))
                    + " euros. The clerk on duty was clerk number " + (i % 7 + 1) + ".";
        }
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            long id;
            try (SleepTimeHarness setup = new SleepTimeHarness(dir.resolve("data"), ollama, s -> s)) {
                id = setup.addDocument("ledger.pdf", pages);
            } catch (RuntimeException e) {
                throw e;
            }
            ScriptedSleepModel model = new ScriptedSleepModel();
            ollama.answerWith(model);
            // slow mode: each call streams for a second or more, so the kill lands inside one
            ollama.setTokenDelay(Duration.ofMillis(2));

            // 1. killed in the middle of the notes: the first look, two calls of notes (12 sections) and the c′ and
            //    questions refreshed from them are stored; the third call of notes is streaming
            Process first = child(ollama, id, "first");
            awaitTrue(() -> requests(ollama, ScriptedSleepModel.Task.SECTION_NOTES).size() >= 3, first);
            Thread.sleep(300);
            kill(first);
            Set<String> notedBeforeFirstKill;
            try (Database db = Database.open(dir.resolve("data"))) {
                SleepTimeRepository sleep = new SleepTimeRepository(db);
                LearnedContextRepository learned = new LearnedContextRepository(db);
                assertEquals(SleepStepEntry.Status.RUNNING, sleep.steps(id).get("section-notes").status(),
                        "the process died in the middle of the step");
                notedBeforeFirstKill = sleep.sectionNotes(id, "llama3.2", SectionNotesStep.promptVersion()).keySet();
                assertEquals(new NotesCoverage(12, PAGES), learned.usableLearnedContext(id).orElseThrow().coverage(),
                        "every intermediate state is stored: c′ from the notes on 12 sections");
                assertFalse(learned.usableAnticipatedQuestions(id, "").isEmpty(), "and prepared answers to serve");
            }
            assertEquals(12, notedBeforeFirstKill.size(), "the two finished calls are stored");
            assertEquals(List.of(1, 1, 2), List.of(requests(ollama, ScriptedSleepModel.Task.FIRST_LOOK).size(),
                    requests(ollama, ScriptedSleepModel.Task.LEARNED_CONTEXT).size(),
                    requests(ollama, ScriptedSleepModel.Task.ANTICIPATED_QUESTIONS).size()),
                    "the first look (c′ and questions), then c′ and questions from the first 12 sections' notes");
            int notesRequestsBefore = requests(ollama, ScriptedSleepModel.Task.SECTION_NOTES).size();

            // 2. restarted, then killed in the middle of the c′ refreshed from 24 sections' notes
            Process second = child(ollama, id, "second");
            awaitTrue(() -> requests(ollama, ScriptedSleepModel.Task.LEARNED_CONTEXT).size() >= 2, second);
            Thread.sleep(300);
            kill(second);
            List<RecordedRequest> resumedNotes = requests(ollama, ScriptedSleepModel.Task.SECTION_NOTES)
                    .subList(notesRequestsBefore, requests(ollama, ScriptedSleepModel.Task.SECTION_NOTES).size());
            Set<String> redone = new HashSet<>();
            resumedNotes.forEach(r -> redone.addAll(sectionHashes(r)));
            for (String hash : notedBeforeFirstKill) {
                assertFalse(redone.contains(hash), "a section noted before the kill was asked about again");
            }
            assertEquals(12, redone.size(), "the interrupted call and the next, each section once");
            assertEquals(2, resumedNotes.size());
            assertEquals(1, requests(ollama, ScriptedSleepModel.Task.FIRST_LOOK).size(), "the first look is not redone");

            // 3. restarted in this JVM: finishes without taking any note twice
            ollama.setTokenDelay(Duration.ZERO);
            int notesBeforeLast = requests(ollama, ScriptedSleepModel.Task.SECTION_NOTES).size();
            try (SleepTimeHarness h = new SleepTimeHarness(dir.resolve("data"), ollama, s -> s)) {
                ollama.answerWith(model);
                h.service().think(id).get(30, TimeUnit.SECONDS);
                assertEquals(notesBeforeLast + 1, requests(ollama, ScriptedSleepModel.Task.SECTION_NOTES).size(),
                        "only the last six sections' call");
                assertEquals(4, requests(ollama, ScriptedSleepModel.Task.LEARNED_CONTEXT).size(),
                        "c′ from 12 sections, from 24 (killed, then again now), from all 30");
                assertEquals(SleepStepEntry.Status.DONE, h.sleep.steps(id).get(FirstLookStep.KEY).status());
                for (String step : SleepTimeHarness.STEPS) {
                    assertEquals(SleepStepEntry.Status.DONE, h.sleep.steps(id).get(step).status());
                }
                assertEquals(PAGES, h.count("SELECT COUNT(*) FROM section_notes"));
                assertEquals(PAGES, h.count("SELECT COUNT(DISTINCT text_sha256) FROM section_notes"));
                assertEquals(4, h.count("SELECT COUNT(*) FROM learned_contexts"), "first look, 12, 24, all");
                assertEquals(NotesCoverage.COMPLETE.complete(), h.learned.usableLearnedContext(id).orElseThrow()
                        .coverage().complete());
                assertEquals(4, h.count("SELECT COUNT(*) FROM sleep_steps"));
                long questions = h.count("SELECT COUNT(*) FROM anticipated_questions WHERE learned_context_id = "
                        + h.learned.usableLearnedContext(id).orElseThrow().id());
                assertTrue(questions > 0);
                assertEquals(questions, h.learned.latestAnticipatedQuestions(id).size(), "one set of questions");
                assertEquals(0, h.count("SELECT COUNT(*) FROM (SELECT document_id, input_key, ordinal "
                        + "FROM anticipated_questions GROUP BY document_id, input_key, ordinal HAVING COUNT(*) > 1)"));
                assertEquals(h.count("SELECT COUNT(*) FROM sleep_calls WHERE outcome = 'OK'"),
                        (long) ollama.replies().size() - 2, "every finished call is accounted once; the two killed ones never finished");
            }
        }
    }

    private Process child(OllamaTestServer ollama, long id, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve(name + "-child.log");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SleepTimeChild.class.getName(),
                dir.resolve("data").toString(), ollama.url().toString(), String.valueOf(id))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void kill(Process p) throws InterruptedException {
        p.destroyForcibly();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue(), "killed by SIGKILL");
    }

    private void awaitTrue(BooleanSupplier condition, Process child) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                child.destroyForcibly();
                StringBuilder logs = new StringBuilder();
                try (var files = Files.list(dir)) {
                    for (Path f : files.filter(f -> f.toString().endsWith("-child.log")).toList()) {
                        logs.append(f.getFileName()).append(":\n").append(Files.readString(f)).append('\n');
                    }
                }
                throw new AssertionError("the child did not get there (alive: " + child.isAlive() + "); " + logs);
            }
            Thread.sleep(20);
        }
    }

    private static List<RecordedRequest> requests(OllamaTestServer ollama, ScriptedSleepModel.Task task) {
        return ollama.requests("/api/chat").stream()
                .filter(r -> ScriptedSleepModel.Task.of(r).orElse(null) == task).toList();
    }

    private static Set<String> sectionHashes(RecordedRequest r) {
        Set<String> out = new HashSet<>();
        Matcher m = SECTION.matcher(r.lastUserMessage().orElse(""));
        while (m.find()) {
            out.add(SleepTimeHarness.sha256(m.group(1)));
        }
        return out;
    }
}
