package dev.ponder.ui;

import dev.ponder.store.Citation;
import dev.ponder.store.Exchange;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** One question and its answer in the chat, streaming or finished. Changed only by {@link ChatViewModel}. */
public final class ExchangeItem {

    /** Where the answer stands. */
    public enum Phase { STREAMING, ANSWERED, FAILED, STOPPED }

    /** How a finished answer was made (DESIGN.md "Flow of data" 5), from {@link Exchange#mode()}. */
    public enum AnswerMode {
        /** An anticipated question's prepared answer, served with 0 test-time tokens. */
        PREPARED,
        /** Streamed from the learned context c′ and the most relevant sections. */
        LEARNED_CONTEXT,
        /** Streamed from the raw sections: sleep-time had not read the documents yet. */
        BASELINE,
        /** Streamed from the raw sections although there is a c′: they made the shorter prompt. */
        RAW_CONTEXT,
        /** Not known (no mode stored, or one this version does not know). */
        OTHER;

        static AnswerMode of(String mode) {
            if (mode == null) {
                return OTHER;
            }
            return switch (mode) {
                case Exchange.MODE_PREPARED -> PREPARED;
                case Exchange.MODE_LEARNED_CONTEXT -> LEARNED_CONTEXT;
                case Exchange.MODE_BASELINE -> BASELINE;
                case Exchange.MODE_RAW_CONTEXT -> RAW_CONTEXT;
                default -> OTHER;
            };
        }
    }

    private final String question;
    private final List<Long> scope;
    private final String scopeName;
    private final boolean usePrepared;
    private final ReadOnlyStringWrapper answer = new ReadOnlyStringWrapper(this, "answer", "");
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase", Phase.STREAMING);
    private final ReadOnlyObjectWrapper<AnswerMode> mode = new ReadOnlyObjectWrapper<>(this, "mode");
    private final ReadOnlyStringWrapper modeMark = new ReadOnlyStringWrapper(this, "modeMark", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper footer = new ReadOnlyStringWrapper(this, "footer", "");
    private final ObservableList<Citation> citations = FXCollections.observableArrayList();
    private final ObservableList<Citation> citationsView = FXCollections.unmodifiableObservableList(citations);
    private Exchange stored;
    /** When it was asked ({@link System#nanoTime()}), for the wait for the model's first word. */
    private final long askedNanos = System.nanoTime();

    /**
     * @param scopeName   the document's name when the question was about one document (null when
     *                    about several or all, or when its name is not known)
     * @param usePrepared whether a prepared answer could be served (false after "Ask the model")
     */
    ExchangeItem(String question, List<Long> scope, String scopeName, boolean usePrepared) {
        this.question = question;
        this.scope = List.copyOf(scope);
        this.scopeName = scope.size() == 1 ? scopeName : null;
        this.usePrepared = usePrepared;
    }

    static ExchangeItem of(Exchange stored, String scopeName) {
        // how it was asked is not stored: a Retry of an earlier failed question may be served prepared
        ExchangeItem item = new ExchangeItem(stored.question(), stored.scope(), scopeName, true);
        item.finish(stored);
        return item;
    }

    void append(String text) {
        answer.set(answer.get() + text);
    }

    void finish(Exchange e) {
        stored = e;
        answer.set(e.answer() == null ? "" : e.answer());
        citations.setAll(e.citations());
        footer.set(footerOf(e, scope.size() == 1, scopeName));
        if (e.status() != Exchange.Status.FAILED) {
            mode.set(AnswerMode.of(e.mode()));
            modeMark.set(e.status() == Exchange.Status.ANSWERED ? markOf(mode.get()) : "");
        }
        switch (e.status()) {
            case ANSWERED -> phase.set(Phase.ANSWERED);
            // stopped with a reason (Ponder closed while it streamed), not by the person: said as a failure, with Retry
            case STOPPED -> e.error().ifPresentOrElse(this::fail, () -> phase.set(Phase.STOPPED));
            case FAILED -> {
                error.set(UserText.sentence(e.error().orElse("Ponder could not answer this question.")));
                phase.set(Phase.FAILED);
            }
        }
    }

    /**
     * The answer is shown but could not be stored: the bubble says so with Retry (which asks again,
     * and stores the new answer if the library can be written by then).
     */
    void notSaved(String sentence) {
        error.set(UserText.sentence(sentence));
        phase.set(Phase.FAILED);
    }

    void fail(String sentence) {
        error.set(UserText.sentence(sentence));
        phase.set(Phase.FAILED);
    }

    /** Seconds before the wait for the first word is said as a wait for the model. */
    static final int QUIET_SECONDS = 5;

    /**
     * What the bubble says while no word of the answer has come: "Reading your documents…" at
     * first, then "Waiting for the model — nothing received for 12 s", counting.
     *
     * @param waitedMs how long since the question was asked
     */
    static String waitingSentence(long waitedMs) {
        long s = waitedMs / 1000;
        return s < QUIET_SECONDS ? "Reading your documents…" : "Waiting for the model — nothing received for " + s + " s";
    }

    /** {@link #waitingSentence} for now. */
    String waitingSentence() {
        return waitingSentence((System.nanoTime() - askedNanos) / 1_000_000);
    }

    /** The mark shown before the footer: how the answer was made, in the user's words. */
    static String markOf(AnswerMode mode) {
        return switch (mode) {
            case PREPARED -> "Prepared while you were away";
            case LEARNED_CONTEXT -> "Answered from the learned context";
            case BASELINE -> "Not prepared yet";
            case RAW_CONTEXT -> "Answered from the document itself";
            case OTHER -> "";
        };
    }

    /**
     * The line under an answer, after its mark: query predictability (when known), the test-time
     * tokens the server measured, and the time to the first token and in all, e.g.
     * "predictability 0.71 · 955 test-time tokens (812 in, 143 out) · first token after 0.8 s ·
     * 2.4 s in all". A prepared answer says "0 test-time tokens" and no times; a baseline answer
     * first says which documents sleep-time has not read yet ({@code scopeName}, "the document"
     * when its name is gone, "your documents" for several); a raw-context answer says why c′ was not
     * read. Stopped by the person: "stopped after 2.4 s"; stopped because Ponder closed, or
     * failed: empty (the bubble says why).
     */
    static String footerOf(Exchange e, boolean oneDocument, String scopeName) {
        if (e.status() == Exchange.Status.FAILED) {
            return "";
        }
        if (e.status() == Exchange.Status.STOPPED) {
            return e.error().isPresent() ? "" : "stopped after " + seconds(e.latencyMs());
        }
        AnswerMode m = AnswerMode.of(e.mode());
        List<String> parts = new java.util.ArrayList<>();
        if (m == AnswerMode.BASELINE) {
            String what = !oneDocument ? "your documents" : scopeName != null ? scopeName : "the document";
            parts.add("Ponder has not thought about " + what + " yet");
        }
        if (m == AnswerMode.RAW_CONTEXT) {
            parts.add("its text was shorter than its learned context");
        }
        e.predictability().ifPresent(p -> parts.add(String.format(Locale.ROOT, "predictability %.2f", p)));
        if (m == AnswerMode.PREPARED) {
            parts.add(String.format(Locale.ROOT, "%,d test-time tokens", e.testTimeTokens()));
            return String.join(" · ", parts);
        }
        parts.add(String.format(Locale.ROOT, "%,d test-time tokens (%,d in, %,d out)",
                e.testTimeTokens(), e.promptTokens(), e.completionTokens()));
        e.firstTokenMs().ifPresent(ms -> parts.add("first token after " + seconds(ms)));
        parts.add(seconds(e.latencyMs()) + " in all");
        return String.join(" · ", parts);
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /**
     * Text of a citation chip: "p. 3" when all of this answer's citations are from one document
     * ({@link #citationSource()} names it), otherwise "report.pdf p. 12"; " · scanned" follows when
     * the page's text was read by text recognition ("p. 3 · scanned").
     */
    public String citationLabel(Citation c) {
        String label = singleSource() ? "p. " + c.page() : c.fileName() + " p. " + c.page();
        return c.scanned() ? label + " · scanned" : label;
    }

    /** The one document all citations come from, shown before the chips; empty when several or none. */
    public String citationSource() {
        return singleSource() && !citations.isEmpty() ? citations.get(0).fileName() : "";
    }

    private boolean singleSource() {
        return citations.stream().map(Citation::documentId).distinct().count() <= 1;
    }

    public String question() {
        return question;
    }

    /** Documents it was asked about; empty = all. */
    public List<Long> scope() {
        return scope;
    }

    /** The answer so far. */
    public ReadOnlyStringProperty answerProperty() {
        return answer.getReadOnlyProperty();
    }

    public String answer() {
        return answer.get();
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public Phase phase() {
        return phase.get();
    }

    /** Why it failed, one sentence; empty unless {@link Phase#FAILED}. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public String error() {
        return error.get();
    }

    /** Mode, tokens and latency once finished; empty while streaming or when failed. */
    public ReadOnlyStringProperty footerProperty() {
        return footer.getReadOnlyProperty();
    }

    public String footer() {
        return footer.get();
    }

    /** How the answer was made; null while it streams or when it failed without an answer. */
    public ReadOnlyObjectProperty<AnswerMode> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    public AnswerMode mode() {
        return mode.get();
    }

    /** "Prepared while you were away", "Answered from the learned context", "Not prepared yet", or empty. */
    public ReadOnlyStringProperty modeMarkProperty() {
        return modeMark.getReadOnlyProperty();
    }

    public String modeMark() {
        return modeMark.get();
    }

    /** Whether a prepared answer could be served for it (false for "Ask the model"). */
    public boolean usePrepared() {
        return usePrepared;
    }

    /** The stored exchange once finished; empty while streaming or when it never reached the store. */
    public java.util.Optional<Exchange> stored() {
        return java.util.Optional.ofNullable(stored);
    }

    /** Pages the answer was built from (set when it finishes). */
    public ObservableList<Citation> citations() {
        return citationsView;
    }
}
