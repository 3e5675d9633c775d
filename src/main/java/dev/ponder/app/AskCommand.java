package dev.ponder.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ponder.answer.AnswerListener;
import dev.ponder.answer.AnswerRequest;
import dev.ponder.document.ImportOutcome;
import dev.ponder.store.Citation;
import dev.ponder.store.Exchange;
import dev.ponder.settings.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ponder ask [--doc FILE] [--json] QUESTION}: answers one question from the library. */
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = "Ask a question about your documents. Exits 1 with the reason on stderr when no answer could be given.")
final class AskCommand implements Callable<Integer> {

    @ParentCommand
    PonderCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--doc", paramLabel = "FILE",
            description = "Ask about this file (imported first if needed); repeatable. Default: the whole library.")
    List<Path> docs = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON object instead of the streamed answer.")
    boolean json;

    @Option(names = "--ask-model",
            description = "Ask the model even when a prepared answer matches the question.")
    boolean askModel;

    @Parameters(paramLabel = "QUESTION", arity = "1..*", description = "The question.")
    List<String> words;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String question = String.join(" ", words).strip();
        Settings settings = parent.options.toSettings(System.getenv());
        RemoteOllama.warning(settings.ollamaUrl()).ifPresent(w -> err.println("Ponder: " + w));
        try (Ponder ponder = Ponder.open(settings)) {
            ImportCommand.finishInterrupted(ponder, err);
            List<Long> scope = new ArrayList<>();
            for (Path doc : docs) {
                ImportOutcome outcome;
                try (TerminalProgress progress = new TerminalProgress(err, System.console() != null && !json)) {
                    ponder.libraryService().addListener(progress);
                    outcome = ponder.libraryService().open(doc).get();
                    ponder.libraryService().removeListener(progress);
                }
                if (outcome instanceof ImportOutcome.Imported i) {
                    scope.add(i.document().id());
                } else if (outcome instanceof ImportOutcome.AlreadyInLibrary a) {
                    scope.add(a.document().id());
                } else {
                    StringWriter sentence = new StringWriter();
                    ImportCommand.report(outcome, new PrintWriter(new StringWriter()), new PrintWriter(sentence, true));
                    if (json) {
                        out.println(new ObjectMapper().createObjectNode().put("error", sentence.toString().strip()));
                        out.flush();
                    }
                    err.print(sentence);
                    err.flush();
                    return 1;
                }
            }
            CompletableFuture<Exchange> done = new CompletableFuture<>();
            java.util.concurrent.atomic.AtomicReference<String> notSaved = new java.util.concurrent.atomic.AtomicReference<>();
            ponder.answers().ask(new AnswerRequest(question, scope, 0, !askModel), new AnswerListener() {
                @Override
                public void onText(String text) {
                    if (!json) {
                        out.print(text);
                        out.flush();
                    }
                }

                @Override
                public void onNotSaved(String sentence) {
                    notSaved.set(sentence);
                }

                @Override
                public void onFinished(Exchange exchange) {
                    done.complete(exchange);
                }
            });
            Exchange exchange = done.get();
            if (json) {
                out.println(toJson(exchange));
            } else if (exchange.status() == Exchange.Status.ANSWERED) {
                out.println();
                out.println(pagesLine(exchange.citations()));
                out.println(modeLine(exchange));
            } else if (!exchange.answer().isEmpty()) {
                out.println();  // the sentence on stderr starts on its own line, not after half an answer
            }
            out.flush();
            if (exchange.status() != Exchange.Status.ANSWERED) {
                err.println(CliOutput.forTerminal(exchange.error().orElse("No answer was given.")));
                return 1;
            }
            if (notSaved.get() != null) {
                // shown, but not in the library: never exit 0 as if it were
                err.println(CliOutput.forTerminal(notSaved.get()));
                return 1;
            }
            return 0;
        }
    }

    static String pagesLine(List<Citation> citations) {
        if (citations.isEmpty()) {
            return "Pages: none cited";
        }
        return "Pages: " + citations.stream()
                .collect(Collectors.groupingBy(Citation::fileName, java.util.LinkedHashMap::new,
                        Collectors.mapping(c -> String.valueOf(c.page()), Collectors.joining(", "))))
                .entrySet().stream()
                .map(e -> e.getKey() + " p. " + e.getValue())
                .collect(Collectors.joining("; "));
    }

    /**
     * How the answer was made, in words: "Prepared while you were away (predictability 0.93, 0
     * test-time tokens)", "From the learned context (predictability 0.41, 812 test-time tokens)",
     * "Not prepared yet — answered from the document itself (2,345 test-time tokens)".
     */
    static String modeLine(Exchange e) {
        String predictability = e.predictability()
                .map(p -> String.format(java.util.Locale.ROOT, "predictability %.2f, ", p)).orElse("");
        String tokens = CliOutput.count(e.testTimeTokens(), "test-time token");
        if (Exchange.MODE_PREPARED.equals(e.mode())) {
            return "Prepared while you were away (" + predictability + tokens + ")";
        }
        if (Exchange.MODE_LEARNED_CONTEXT.equals(e.mode())) {
            return "From the learned context (" + predictability + tokens + ")";
        }
        if (Exchange.MODE_RAW_CONTEXT.equals(e.mode())) {
            return "Answered from the document itself — its text is shorter than its learned context (" + predictability + tokens
                    + ")";
        }
        return "Not prepared yet — answered from the document itself (" + tokens + ")";
    }

    /** The {@code --json} shape promised in the README. */
    static String toJson(Exchange e) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode o = mapper.createObjectNode();
        o.put("answer", e.answer());
        o.put("mode", e.mode());
        ArrayNode pages = o.putArray("pages");
        for (Citation c : e.citations()) {
            pages.addObject().put("document", c.fileName()).put("page", c.page());
        }
        if (e.predictability().isPresent()) {
            o.put("predictability", Math.round(e.predictability().get() * 1000) / 1000.0);
        } else {
            o.putNull("predictability");
        }
        o.put("prompt_tokens", e.promptTokens());
        o.put("completion_tokens", e.completionTokens());
        o.put("latency_ms", e.latencyMs());
        if (e.firstTokenMs().isPresent()) {
            o.put("first_token_ms", e.firstTokenMs().get());
        } else {
            o.putNull("first_token_ms");
        }
        if (e.status() != Exchange.Status.ANSWERED) {
            o.put("error", CliOutput.forTerminal(e.error().orElse("No answer was given.")));
        }
        return o.toString();
    }
}
