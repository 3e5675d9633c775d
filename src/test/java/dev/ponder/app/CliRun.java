package dev.ponder.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * One run of {@code ponder} in this JVM, as a person types it, with the library in {@code dataDir}
 * and the model server at {@code ollamaUrl} given first.
 *
 * @param exit the exit code
 * @param out  what it printed on stdout
 * @param err  what it printed on stderr
 */
record CliRun(int exit, String out, String err) {

    static CliRun of(Path dataDir, java.net.URI ollamaUrl, String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", dataDir.toString(), "--ollama-url", ollamaUrl.toString()));
        all.addAll(List.of(args));
        return of(all.toArray(String[]::new));
    }

    /** Runs {@code ponder ARGS…} exactly as given, with no library or server put first. */
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new PonderCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new CliRun(cli.execute(args), out.toString(), err.toString());
    }
}
