package dev.ponder.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How long each step of one answer took, from the question to its first token: what in Ponder's
 * own path (waiting for the answer thread, reading the library, embedding the question, reading
 * the learned contexts, retrieval, the model's handle, building the prompt, sending it) and what
 * at the model server (from the request sent to the first token) makes a first token late. One log
 * line per answer, and {@link AnswerListener#onSteps} for {@code bench perf}, which puts the steps
 * of answers asked while sleep-time streams beside those of answers asked while it is paused
 * (issue #17). Marked by the answer's own threads, one at a time.
 */
public final class AnswerSteps {

    /**
     * One step.
     *
     * @param name  what it did ("question embedded", "first token")
     * @param nanos how long it took, from the end of the step before it (or the question), in ns
     */
    public record Step(String name, long nanos) {
    }

    private final List<Step> steps = new ArrayList<>();
    private long last;

    /** @param startNanos when the question came ({@link System#nanoTime()}) */
    AnswerSteps(long startNanos) {
        this.last = startNanos;
    }

    /** {@code step} ended now; it took the time since the step before it (or since the question). */
    synchronized void mark(String step) {
        long now = System.nanoTime();
        steps.add(new Step(step, now - last));
        last = now;
    }

    /** The steps marked so far, in order. */
    public synchronized List<Step> steps() {
        return List.copyOf(steps);
    }

    /** "waited for the answer thread 0.2, documents 1.3, …" (ms, one decimal). */
    @Override
    public synchronized String toString() {
        return steps.stream().map(s -> s.name() + ' ' + String.format(Locale.ROOT, "%.1f", s.nanos() / 1e6))
                .collect(Collectors.joining(", "));
    }
}
