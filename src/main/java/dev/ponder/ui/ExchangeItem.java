package dev.ponder.ui;

import dev.ponder.answer.AnswerService;
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

    private final String question;
    private final List<Long> scope;
    private final String scopeName;
    private final ReadOnlyStringWrapper answer = new ReadOnlyStringWrapper(this, "answer", "");
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase", Phase.STREAMING);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper footer = new ReadOnlyStringWrapper(this, "footer", "");
    private final ObservableList<Citation> citations = FXCollections.observableArrayList();
    private final ObservableList<Citation> citationsView = FXCollections.unmodifiableObservableList(citations);

    /**
     * @param scopeName the document's name when the question was about one document (null when
     *                  about several or all, or when its name is not known)
     */
    ExchangeItem(String question, List<Long> scope, String scopeName) {
        this.question = question;
        this.scope = List.copyOf(scope);
        this.scopeName = scope.size() == 1 ? scopeName : null;
    }

    static ExchangeItem of(Exchange stored, String scopeName) {
        ExchangeItem item = new ExchangeItem(stored.question(), stored.scope(), scopeName);
        item.finish(stored);
        return item;
    }

    void append(String text) {
        answer.set(answer.get() + text);
    }

    void finish(Exchange e) {
        answer.set(e.answer() == null ? "" : e.answer());
        citations.setAll(e.citations());
        footer.set(footerOf(e, scope.size() == 1, scopeName));
        switch (e.status()) {
            case ANSWERED -> phase.set(Phase.ANSWERED);
            case STOPPED -> phase.set(Phase.STOPPED);
            case FAILED -> {
                error.set(UserText.sentence(e.error().orElse("Ponder could not answer this question.")));
                phase.set(Phase.FAILED);
            }
        }
    }

    void fail(String sentence) {
        error.set(UserText.sentence(sentence));
        phase.set(Phase.FAILED);
    }

    /**
     * The line under an answer: how it was answered, the test-time tokens the server measured and
     * how long it took, e.g. "not prepared yet — answered from your documents · 812 prompt + 143
     * completion tokens · 2.4 s". A question about one document names it ({@code scopeName}, or
     * "the document" when its name is not known).
     */
    static String footerOf(Exchange e, boolean oneDocument, String scopeName) {
        String time = seconds(e.latencyMs());
        if (e.status() == Exchange.Status.FAILED) {
            return "";
        }
        if (e.status() == Exchange.Status.STOPPED) {
            return "stopped after " + time;
        }
        StringBuilder sb = new StringBuilder(modeText(e.mode(), oneDocument, scopeName));
        if (e.promptTokens() + e.completionTokens() > 0 || "prepared".equals(e.mode())) {
            sb.append(" · ").append(String.format(Locale.ROOT, "%,d prompt + %,d completion tokens",
                    e.promptTokens(), e.completionTokens()));
        }
        sb.append(" · ").append(time);
        return sb.toString();
    }

    private static String modeText(String mode, boolean oneDocument, String scopeName) {
        if (mode == null) {
            return "answered";
        }
        if (mode.equals(Exchange.MODE_BASELINE)) {
            String from = !oneDocument ? "your documents" : scopeName != null ? scopeName : "the document";
            return "not prepared yet — answered from " + from;
        }
        return switch (mode) {
            case "prepared" -> "prepared while you were away";
            case "learned-context" -> "answered from what Ponder learned";
            default -> mode;
        };
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /**
     * Text of a citation chip: "p. 3" when all of this answer's citations are from one document
     * ({@link #citationSource()} names it), otherwise "report.pdf p. 12".
     */
    public String citationLabel(Citation c) {
        return singleSource() ? "p. " + c.page() : c.fileName() + " p. " + c.page();
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

    /** Pages the answer was built from (set when it finishes). */
    public ObservableList<Citation> citations() {
        return citationsView;
    }
}
