package dev.ponder.store;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Ages a library over many runs of {@link AgingChild} (clean ones and killed ones), then kills
 * child JVMs with {@code kill -9} at random kill points, and after every run reopens the library
 * and checks the ledger: every row whose commit returned is there, every removal stays removed,
 * and the library opens without its backup. One run in {@value #WINDOW_EVERY} is Ponder's window
 * instead ({@code dev.ponder.ui.ShownAnswerChild}), killed after it showed an answer; the answer
 * it showed joins the ledger.
 */
final class KilledRuns {

    /** The figures of a series of runs. */
    record Figures(int kills, Map<String, Integer> killsByPoint, long rowsChecked, List<String> lost,
            int librariesNeedingBackup, int runs, long millis) {

        String summary() {
            return kills + " kills " + killsByPoint + " in " + runs + " runs, " + rowsChecked + " rows checked, "
                    + lost.size() + " lost, " + librariesNeedingBackup + " libraries needing their backup, "
                    + millis / 1000 + " s";
        }
    }

    private static final int CLOSE = -2;
    /** A run of {@code ShownAnswerChild}: the window killed after it showed an answer. */
    private static final int WINDOW = -3;
    /** One run in this many is a window run (the fifth, the seventeenth, …). */
    private static final int WINDOW_EVERY = 12;
    private final Path data;
    private final Random random;
    private final Set<String> exchanges = new HashSet<>();
    private final Set<String> documents = new HashSet<>();
    private final Set<String> notes = new HashSet<>();
    private final Set<String> removedExchanges = new HashSet<>();
    private final Set<String> removedDocuments = new HashSet<>();
    private final Map<String, Integer> killsByPoint = new TreeMap<>();
    private final List<String> lost = new ArrayList<>();
    private long rowsChecked;
    private int kills;
    private int runs;
    private int needingBackup;

    KilledRuns(Path data, long seed) {
        this.data = data;
        this.random = new Random(seed);
    }

    /** Ages the library: {@code sessions} runs of {@code operations} each, every second one killed. */
    KilledRuns age(int sessions, int operations) throws Exception {
        for (int s = 0; s < sessions; s++) {
            run(operations, s % 2 == 1 ? 1 + random.nextInt(operations) : -1);
        }
        return this;
    }

    /** Runs children with {@code operations} each until {@code kills} of them were killed. */
    Figures kill(int kills, int operations) throws Exception {
        long started = System.nanoTime();
        while (this.kills < kills) {
            // one run in six ends cleanly, as most real runs do, so later kills find closed files too;
            // one in eight is killed during its clean close
            int pick = random.nextInt(24);
            run(operations, runs % WINDOW_EVERY == 4 ? WINDOW
                    : pick < 4 ? -1 : pick < 7 ? CLOSE : 1 + random.nextInt(operations + 1));
        }
        return new Figures(this.kills, new LinkedHashMap<>(killsByPoint), rowsChecked, List.copyOf(lost), needingBackup,
                runs, (System.nanoTime() - started) / 1_000_000);
    }

    private void run(int operations, int stopAt) throws Exception {
        runs++;
        List<String> command = stopAt == WINDOW
                ? child(List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                        "-Djava.awt.headless=true"), "dev.ponder.ui.ShownAnswerChild", data.toString(),
                        Long.toString(random.nextLong()))
                : child(List.of(), AgingChild.class.getName(), data.toString(), Long.toString(random.nextLong()),
                        Integer.toString(operations), stopAt == CLOSE ? "close" : stopAt < 0 ? "end" : "point:" + stopAt);
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        StringBuilder output = new StringBuilder();
        String killedAt = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("point ")) {
                    if (child.isAlive()) {
                        child.destroyForcibly(); // SIGKILL on Linux and macOS
                        kills++;
                        killedAt = line.split(" ")[1];
                    }
                    break;
                }
                record(line);
            }
        }
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
            throw new AssertionError("a run did not end in 60 s:\n" + output);
        }
        if (killedAt != null) {
            killsByPoint.merge(killedAt.equals("close") && closedCleanly() ? "after-close" : killedAt, 1, Integer::sum);
        }
        if (stopAt == -1 && child.exitValue() != 0) {
            throw new AssertionError("a clean run failed (exit " + child.exitValue() + "):\n" + output);
        }
        if (stopAt == WINDOW && !output.toString().contains("point window")) {
            throw new AssertionError("the window did not show its answer as saved (exit " + child.exitValue() + "):\n" + output);
        }
        check();
    }

    /**
     * Whether the library's file header says it was closed cleanly ({@code clean:1}, which H2
     * writes last when it closes the file): a kill at {@code close} that finds it landed after the
     * close, and is counted as {@code after-close} rather than {@code close}.
     */
    private boolean closedCleanly() throws java.io.IOException {
        byte[] header = new byte[4096];
        try (var in = java.nio.file.Files.newInputStream(LibraryFiles.databaseFile(data))) {
            int n = in.readNBytes(header, 0, header.length);
            return new String(header, 0, n, StandardCharsets.ISO_8859_1).contains(",clean:1");
        }
    }

    private static List<String> child(List<String> jvmOptions, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private void record(String line) {
        String[] parts = line.split(" ", 3);
        if (parts.length < 3) {
            return;
        }
        switch (parts[0] + " " + parts[1]) {
            case "committed exchange", "shown exchange" -> exchanges.add(parts[2]);
            case "committed document" -> {
                documents.add(parts[2]);
                removedDocuments.remove(parts[2]);
            }
            case "committed notes" -> notes.add(parts[2]);
            case "removed exchange" -> {
                exchanges.remove(parts[2]);
                removedExchanges.add(parts[2]);
            }
            case "removed document" -> {
                documents.remove(parts[2]);
                removedDocuments.add(parts[2]);
            }
            default -> {
            }
        }
    }

    /** Reopens the library as Ponder does and compares it with the ledger. */
    private void check() throws SQLException {
        Database db;
        try {
            db = Database.open(data);
        } catch (StoreException.Damaged e) {
            needingBackup++;
            throw new AssertionError("after run " + runs + " the library needs its backup: " + e.getMessage(), e);
        }
        try (db; Connection c = db.connection(); Statement st = c.createStatement()) {
            Set<String> questions = strings(st, "SELECT question FROM exchanges");
            Set<String> ready = strings(st, "SELECT sha256 FROM documents WHERE status = 'READY'");
            Set<String> allDocuments = strings(st, "SELECT sha256 FROM documents");
            Set<String> noted = strings(st, "SELECT text_sha256 FROM section_notes");
            compare("exchange", exchanges, questions);
            compare("ready document", documents, ready);
            compare("section notes", notes, noted);
            removedExchanges.stream().filter(questions::contains).forEach(q -> lost.add("run " + runs + ": removed exchange is back: " + q));
            removedDocuments.stream().filter(allDocuments::contains).forEach(d -> lost.add("run " + runs + ": removed document is back: " + d));
        }
    }

    private void compare(String kind, Set<String> expected, Set<String> found) {
        rowsChecked += expected.size();
        for (String e : expected) {
            if (!found.contains(e)) {
                lost.add("run " + runs + ": " + kind + " " + e);
            }
        }
    }

    private static Set<String> strings(Statement st, String sql) throws SQLException {
        Set<String> out = new HashSet<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

}
