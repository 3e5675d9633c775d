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
        CommandLine cli = new CommandLine(new PonderCommand());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("Ponder: " + CliOutput.sentence(ex));
            return 2;
        });
        System.exit(cli.execute(args));
    }
}
