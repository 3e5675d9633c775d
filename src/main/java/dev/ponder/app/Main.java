package dev.ponder.app;

import picocli.CommandLine;

/**
 * Entry point for the window and the command line. Deliberately not a JavaFX {@code Application}
 * subclass, so the jar runs with JavaFX on the class path.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (opensTheWindow(args)) {
            // building the command line (picocli reads every command's annotations) took a few hundred
            // ms of processor time before the toolkit began to start: it starts beside it now (issue #17)
            DesktopLauncher.startFx();
        }
        System.exit(commandLine().execute(args));
    }

    /** The commands that do not open the window: {@code ponder COMMAND …}, and the standard help and version options. */
    private static final java.util.Set<String> NOT_THE_WINDOW = java.util.Set.of("import", "ask", "think", "doctor", "bench",
            "help", "-h", "--help", "-V", "--version");

    /**
     * Whether {@code args} start the window (no command named; {@link PonderCommand}), judged
     * before picocli reads them: a wrong guess costs a toolkit started for nothing, or started later.
     */
    static boolean opensTheWindow(String[] args) {
        return java.util.Arrays.stream(args).noneMatch(NOT_THE_WINDOW::contains);
    }

    /** The command line with Ponder's commands, printing a sentence (never a stack trace) on failure. */
    static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /** As {@link #commandLine()}, reading {@code env} instead of the process's environment. */
    static CommandLine commandLine(java.util.Map<String, String> env) {
        CommandLine cli = new CommandLine(new PonderCommand(env));
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("Ponder: " + CliOutput.sentence(ex));
            return 2;
        });
        return cli;
    }
}
