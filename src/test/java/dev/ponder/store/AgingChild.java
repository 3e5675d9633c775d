package dev.ponder.store;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Test helper run in a child JVM by {@link CommittedWritesSurviveAKillTest}: one run of Ponder's
 * library as users age it, through the real repositories and {@link Database#open} (check of the
 * file, last-good copy, offline compaction). Arguments: the data folder, a seed, the number of
 * operations, and where to stop ({@code point:N} waits at the N-th kill point for the parent's
 * kill -9; {@code close} is killed during the clean close; {@code end} closes the library cleanly).
 *
 * <p>Each operation is one of: an answer saved as {@code ask} saves it, an import (IMPORTING row,
 * then pages and sections, then READY), a re-import of a changed file (its entry replaced), a
 * removal, the section notes of a sleep-time step, a deleted conversation. After each commit
 * returns the child prints what it made ({@code committed exchange Q}, {@code committed document
 * SHA}, {@code committed notes SHA}) or removed ({@code removed document SHA}, {@code removed
 * exchange Q}); the parent keeps those lines as the ledger it checks after the kill. Before a kill
 * point it prints {@code point KIND N}: {@code commit} right after a commit returned,
 * {@code answer} right after an answer was saved and printed, {@code import} in the middle of an
 * import, {@code sleep} in the middle of a sleep-time step, {@code stream} while an answer streams
 * (not yet saved), {@code close} as the library is being closed (the child does not wait there: the kill lands
 * during the close or just after it).
 */
public final class AgingChild {

    private static final String MODEL = "llama3.2";
    /** {@code stopAt} for a kill during the clean close, whatever its number. */
    private static final int CLOSE = -2;
    private static final String PROMPT_VERSION = "notes-v1";

    private final Database db;
    private final LibraryRepository library;
    private final ExchangeRepository exchanges;
    private final SleepTimeRepository sleep;
    private final Random random;
    private final String run;
    private final int stopAt;
    private final BufferedReader parent = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    private int points;

    private AgingChild(Database db, Random random, String run, int stopAt) {
        this.db = db;
        this.library = new LibraryRepository(db);
        this.exchanges = new ExchangeRepository(db);
        this.sleep = new SleepTimeRepository(db);
        this.random = random;
        this.run = run;
        this.stopAt = stopAt;
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        int operations = Integer.parseInt(args[2]);
        int stopAt = args[3].startsWith("point:") ? Integer.parseInt(args[3].substring(6)) : args[3].equals("close") ? CLOSE : -1;
        Database db = Database.open(data);
        say("opened");
        AgingChild child = new AgingChild(db, new Random(seed), Long.toString(seed, 36), stopAt);
        for (int i = 0; i < operations; i++) {
            child.operation(i);
        }
        child.point("close");
        db.close();
        say("closed");
        System.exit(0);
    }

    private void operation(int i) throws Exception {
        int pick = random.nextInt(100);
        if (pick < 45) {
            answer(i);
        } else if (pick < 65) {
            importDocument(i);
        } else if (pick < 85) {
            notes(i);
        } else if (pick < 92) {
            reimport(i);
        } else if (pick < 97) {
            remove();
        } else {
            deleteConversation();
        }
    }

    private void answer(int i) throws Exception {
        String question = "q-" + run + "-" + i + "?";
        if (random.nextInt(4) == 0) {
            point("stream");
        }
        exchanges.save(new Exchange(0, question, ("The answer to " + question + " ").repeat(20 + random.nextInt(60)),
                Exchange.MODE_BASELINE, Exchange.Status.ANSWERED, Optional.empty(), Optional.of(MODEL), 800, 120,
                Optional.of(300L), 900, List.of(), List.of(), Instant.now()));
        say("committed exchange " + question);
        point(random.nextBoolean() ? "answer" : "commit");
    }

    private void importDocument(int i) throws Exception {
        String sha = String.format("%064x", random.nextLong() & Long.MAX_VALUE);
        long id = library.add(new NewDocument(Optional.of(sha), "doc-" + i + ".pdf", Path.of("/docs/doc-" + i + ".pdf"), 5000),
                DocumentStatus.IMPORTING, Optional.empty());
        point("import");
        int pageCount = 2 + random.nextInt(12);
        List<PageText> pages = new ArrayList<>();
        List<SectionEntry> sections = new ArrayList<>();
        for (int p = 1; p <= pageCount; p++) {
            String text = ("Page " + p + " of " + sha.substring(56) + " reads " + random.nextInt() + ". ").repeat(30);
            pages.add(new PageText(p, text, true));
            sections.add(new SectionEntry(0, id, p - 1, p, p, text, String.format("%064x", random.nextLong() & Long.MAX_VALUE),
                    new float[] {random.nextFloat(), random.nextFloat()}));
        }
        library.storeContent(id, pages, sections, Optional.empty());
        say("committed document " + sha);
        point("commit");
    }

    private void reimport(int i) throws Exception {
        Optional<DocumentEntry> old = readyDocument();
        if (old.isEmpty()) {
            return;
        }
        library.delete(old.get().id());
        say("removed document " + old.get().sha256().orElseThrow());
        importDocument(i);
    }

    private void remove() throws Exception {
        Optional<DocumentEntry> doc = readyDocument();
        if (doc.isPresent()) {
            library.delete(doc.get().id());
            say("removed document " + doc.get().sha256().orElseThrow());
            point("commit");
        }
    }

    private void deleteConversation() throws Exception {
        List<Exchange> recent = exchanges.recent(50);
        if (!recent.isEmpty()) {
            Exchange e = recent.get(random.nextInt(recent.size()));
            List<Exchange> all = exchanges.conversation(e.conversationId());
            exchanges.deleteConversation(e.conversationId());
            all.forEach(x -> say("removed exchange " + x.question()));
            point("commit");
        }
    }

    private void notes(int i) throws Exception {
        point("sleep");
        List<SectionNotesEntry> notes = new ArrayList<>();
        for (int s = 0; s < 1 + random.nextInt(4); s++) {
            String sha = String.format("%064x", random.nextLong() & Long.MAX_VALUE);
            notes.add(new SectionNotesEntry(sha, "[{\"note\":\"" + "a fact ".repeat(20 + random.nextInt(40)) + "\",\"page\":1}]",
                    400, 90));
        }
        sleep.saveSectionNotes(notes, MODEL, PROMPT_VERSION);
        notes.forEach(n -> say("committed notes " + n.textSha256()));
        point("commit");
    }

    private Optional<DocumentEntry> readyDocument() {
        List<DocumentEntry> ready = library.all().stream().filter(d -> d.status() == DocumentStatus.READY).toList();
        return ready.isEmpty() ? Optional.empty() : Optional.of(ready.get(random.nextInt(ready.size())));
    }

    /** Prints a kill point; at the chosen one, waits for the parent's kill. */
    private void point(String kind) throws Exception {
        points++;
        if ((points == stopAt || stopAt == CLOSE) && kind.equals("close")) {
            say("point close " + points); // the parent kills while the close runs, or just after
        } else if (points == stopAt) {
            say("point " + kind + " " + points);
            parent.readLine(); // the parent kills the process here
            Runtime.getRuntime().halt(3);
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
