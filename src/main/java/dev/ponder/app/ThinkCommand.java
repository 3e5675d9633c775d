package dev.ponder.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ponder.document.ImportOutcome;
import dev.ponder.settings.Settings;
import dev.ponder.sleeptime.DocumentInsights;
import dev.ponder.sleeptime.SleepTimeListener;
import dev.ponder.sleeptime.SleepTimeState;
import dev.ponder.sleeptime.SleepTimeStatus;
import dev.ponder.sleeptime.ThinkOutcome;
import dev.ponder.store.AnticipatedQuestion;
import dev.ponder.store.DocumentEntry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ponder think [--k N] [--json] FILE…}: sleep-time compute now, headless. Imports each file
 * that is not in the library yet, writes its learned context c′ and anticipates questions, with a
 * progress line on stderr; prints c′ and the questions. What is stored and current is reused, so a
 * second run on an unchanged file calls no model.
 */
@Command(name = "think", mixinStandardHelpOptions = true,
        description = "Think about documents now: write each one's learned context and anticipate the questions you "
                + "are likely to ask. Imports files not yet in the library. Exits 1 if any file could not be thought about.")
final class ThinkCommand implements Callable<Integer> {

    /** Headless, nobody is away: only the files named are thought about, never the rest of the library. */
    private static final Duration NEVER_IDLE = Duration.ofDays(3650);

    @ParentCommand
    PonderCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--k", paramLabel = "N",
            description = "Parallel sleep-time generations of anticipated questions, 1 to " + Settings.MAX_SLEEP_GENERATIONS
                    + " (default: " + Settings.DEFAULT_SLEEP_GENERATIONS + "; gains up to about 5, Lin et al. 2025).")
    Integer k;

    @Option(names = "--json", description = "Print one JSON object per file: {\"document\", \"learned_context\", "
            + "\"anticipated_questions\": [{\"question\", \"answer\", \"pages\", \"confirmed\"}], \"sleep_prompt_tokens\", "
            + "\"sleep_completion_tokens\", \"steps_run\", \"steps_reused\"}.")
    boolean json;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "PDF files to think about.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Settings settings = parent.options.toSettings(System.getenv()).withIdleThreshold(NEVER_IDLE);
        if (k != null) {
            if (k < 1 || k > Settings.MAX_SLEEP_GENERATIONS) {
                throw new ParameterException(spec.commandLine(), "--k must be 1 to " + Settings.MAX_SLEEP_GENERATIONS
                        + ", was " + k);
            }
            settings = settings.withSleepGenerations(k);
        }
        RemoteOllama.warning(settings.ollamaUrl()).ifPresent(w -> err.println("Ponder: " + w));
        boolean allOk = true;
        try (Ponder ponder = Ponder.open(settings)) {
            ImportCommand.finishInterrupted(ponder, err);
            ProgressLine progress = new ProgressLine(err);
            ponder.sleepTime().addListener(progress);
            ponder.sleepTime().start();
            for (Path file : files) {
                ImportOutcome outcome = ponder.libraryService().open(file).get();
                DocumentEntry doc;
                if (outcome instanceof ImportOutcome.Imported i) {
                    doc = i.document();
                } else if (outcome instanceof ImportOutcome.AlreadyInLibrary a) {
                    doc = a.document();
                } else {
                    ImportCommand.report(outcome, new PrintWriter(new StringWriter()), err);
                    allOk = false;
                    continue;
                }
                progress.follow(doc.id());
                ThinkOutcome thought = ponder.sleepTime().think(doc.id()).get();
                progress.end();
                DocumentInsights insights = ponder.sleepTime().insights(doc.id()).orElseThrow();
                if (json) {
                    out.println(toJson(doc, insights, thought));
                } else {
                    printText(out, doc, insights, thought);
                }
                out.flush();
                if (!thought.ready()) {
                    err.println(doc.fileName() + ": " + CliOutput.forTerminal(thought.failure().get()));
                    allOk = false;
                }
            }
        }
        return allOk ? 0 : 1;
    }

    /** The {@code --json} shape of issue 3 (plus {@code error} when a step failed). */
    static String toJson(DocumentEntry doc, DocumentInsights insights, ThinkOutcome thought) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("document", doc.fileName());
        if (insights.renderedLearnedContext().isPresent()) {
            o.put("learned_context", insights.renderedLearnedContext().get());
        } else {
            o.putNull("learned_context");
        }
        ArrayNode questions = o.putArray("anticipated_questions");
        for (AnticipatedQuestion q : insights.anticipatedQuestions()) {
            ObjectNode n = questions.addObject().put("question", q.question()).put("answer", q.answer());
            q.pages().forEach(n.putArray("pages")::add);
            // whether the document confirms the prepared answer (else it is not served with 0 tokens)
            n.put("confirmed", q.confirmed());
        }
        o.put("sleep_prompt_tokens", insights.sleepPromptTokens());
        o.put("sleep_completion_tokens", insights.sleepCompletionTokens());
        o.put("steps_run", thought.stepsRun());
        o.put("steps_reused", thought.stepsReused());
        thought.failure().ifPresent(f -> o.put("error", CliOutput.forTerminal(f)));
        return o.toString();
    }

    private static void printText(PrintWriter out, DocumentEntry doc, DocumentInsights insights, ThinkOutcome thought) {
        out.println("== " + doc.fileName() + " — learned context"
                + (insights.learnedContextVersion() > 0 ? " (version " + insights.learnedContextVersion() + ")" : ""));
        out.println(insights.renderedLearnedContext().orElse("(none yet)").strip());
        out.println();
        List<AnticipatedQuestion> questions = insights.anticipatedQuestions();
        out.println("== Anticipated questions (" + questions.size() + ")");
        for (int i = 0; i < questions.size(); i++) {
            AnticipatedQuestion q = questions.get(i);
            out.println((i + 1) + ". " + q.question());
            out.println("   " + q.answer() + (q.pages().isEmpty() ? "" : " [p. "
                    + q.pages().stream().map(String::valueOf).collect(Collectors.joining(", ")) + "]"));
            if (!q.confirmed()) {
                out.println("   (not confirmed by the document"
                        + (q.ungroundedTerms().isEmpty() ? "" : ": " + String.join(", ", q.ungroundedTerms()) + " not found")
                        + " — asking it goes to the model)");
            }
        }
        out.println();
        out.printf("Sleep-time: %d prompt + %d completion tokens (measured by Ollama); %d steps run, %d reused.%n",
                insights.sleepPromptTokens(), insights.sleepCompletionTokens(), thought.stepsRun(), thought.stepsReused());
    }

    /**
     * The progress line on stderr, for the document being thought about only: rewritten in place on a
     * terminal, one line per change otherwise; nothing between {@link #end()} and the next
     * {@link #follow}, so no line is left half-written when the command ends.
     */
    static final class ProgressLine implements SleepTimeListener {
        private final PrintWriter err;
        private final boolean terminal;
        private String last = "";
        private int width;
        private long following = -1;

        ProgressLine(PrintWriter err) {
            this(err, System.console() != null);
        }

        ProgressLine(PrintWriter err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        /** Shows the progress of document {@code documentId} from now on. */
        synchronized void follow(long documentId) {
            following = documentId;
        }

        @Override
        public synchronized void statusChanged(SleepTimeStatus status) {
            boolean thinkingAboutIt = status.state() == SleepTimeState.THINKING
                    && status.documentId().orElse(-1) == following;
            if (following < 0 || (!thinkingAboutIt && status.state() != SleepTimeState.MODEL_UNAVAILABLE)) {
                return;
            }
            String line = CliOutput.forTerminal(status.sentence());
            if (line.equals(last)) {
                return;
            }
            last = line;
            if (terminal) {
                err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
                width = line.length();
            } else {
                err.println(line);
            }
            err.flush();
        }

        synchronized void end() {
            if (terminal && width > 0) {
                err.println();
                err.flush();
            }
            width = 0;
            last = "";
            following = -1;
        }
    }
}
