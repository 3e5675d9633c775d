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
        System.exit(commandLine().execute(args));
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
