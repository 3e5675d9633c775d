package dev.ponder.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ponder [OPTIONS] [FILES…]}: opens the window, with FILES opened at start. */
@Command(name = "ponder",
        mixinStandardHelpOptions = true,
        versionProvider = PonderVersion.class,
        description = "Ask questions about your documents. Ponder thinks about them while you are away.",
        subcommands = {ImportCommand.class, AskCommand.class, ThinkCommand.class, DoctorCommand.class})
public final class PonderCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Parameters(paramLabel = "FILES", arity = "0..*", description = "PDF files to open.")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
        return DesktopLauncher.launch(options.toSettings(System.getenv()), files);
    }
}
