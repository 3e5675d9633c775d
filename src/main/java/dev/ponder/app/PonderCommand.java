package dev.ponder.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ponder [OPTIONS] [FILES…]}: opens the window, with FILES opened at start. */
@Command(name = "ponder",
        mixinStandardHelpOptions = true,
        versionProvider = PonderVersion.class,
        description = "Ask questions about your documents. Ponder thinks about them while you are away.",
        subcommands = {ImportCommand.class, AskCommand.class, ThinkCommand.class, DoctorCommand.class,
                BenchCommand.class})
public final class PonderCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Parameters(paramLabel = "FILES", arity = "0..*", description = "PDF files to open.")
    List<Path> files = new ArrayList<>();

    /** Hidden: packaging/smoke-test-deb.sh proves with it that an installed Ponder starts (see {@link SmokeTest}). */
    @Option(names = "--smoke-test", hidden = true,
            description = "Exit 0 once the window is shown and FILES are imported; 1 with a sentence on failure.")
    boolean smokeTest;

    @Option(names = "--smoke-test-seconds", hidden = true, paramLabel = "SECONDS",
            description = "How long --smoke-test waits (default: " + SmokeTest.DEFAULT_SECONDS + ").")
    int smokeTestSeconds = SmokeTest.DEFAULT_SECONDS;

    @Spec
    CommandSpec spec;

    /** The environment the commands read (PONDER_API_KEY, PONDER_PDF_PASSWORD, …); tests give their own. */
    final Map<String, String> env;

    public PonderCommand() {
        this(System.getenv());
    }

    PonderCommand(Map<String, String> env) {
        this.env = env;
    }

    /**
     * Whether missing arguments are more likely a mistyped command ("improt", which picocli takes for
     * a file name) than files: one of them has no folder and no extension.
     */
    static boolean mistypedCommand(List<String> missing) {
        return missing.stream().anyMatch(m -> !m.contains("/") && !m.contains("\\") && !m.contains("."));
    }

    @Override
    public Integer call() {
        List<String> missing = files.stream().filter(f -> !Files.exists(f)).map(Path::toString).toList();
        if (mistypedCommand(missing)) {
            spec.commandLine().getErr().printf("Ponder: no such file or command: %s. The commands are %s.%n",
                    String.join(", ", missing), String.join(", ", spec.subcommands().keySet()));
            return 2;
        }
        // a file that is gone (a stale "Open with") does not keep the others out: the window says
        // which could not be opened
        return DesktopLauncher.launch(options.toSettings(System.getenv()), files, smokeTest ? Optional.of(smokeTestSeconds) : Optional.empty());
    }
}
