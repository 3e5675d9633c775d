package dev.ponder.sleeptime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The "think about this document now" requests not yet answered, oldest first, with the steps that
 * called the model for each. Thread-safe.
 */
final class ThinkRequests {

    private static final class Request {
        final CompletableFuture<ThinkOutcome> future = new CompletableFuture<>();
        /** The steps that called the model, each counted once however many times it ran (refreshes, turns). */
        final java.util.Set<String> stepsRun = new java.util.HashSet<>();
    }

    private final Map<Long, Request> requests = new LinkedHashMap<>();
    private final int steps;
    private volatile int count;

    /** @param steps how many steps the pipeline has (those not run were reused) */
    ThinkRequests(int steps) {
        this.steps = steps;
    }

    /** The request for {@code documentId}; asking twice gives the same one. */
    synchronized CompletableFuture<ThinkOutcome> add(long documentId) {
        Request r = requests.computeIfAbsent(documentId, id -> new Request());
        count = requests.size();
        return r.future;
    }

    /** Whether any request waits; a volatile read, cheap on the UI thread. */
    boolean pending() {
        return count > 0;
    }

    synchronized List<Long> documentIds() {
        return new ArrayList<>(requests.keySet());
    }

    /** Step {@code step} of {@code documentId} finished, or ended its turn, after {@code calls} model calls. */
    synchronized void stepDone(long documentId, String step, int calls) {
        Request r = requests.get(documentId);
        if (r != null && calls > 0) {
            r.stepsRun.add(step);
        }
    }

    /** Answers the request for {@code documentId}: ready, or the sentence of the step that failed. */
    void finish(long documentId, Optional<String> failure) {
        Request r;
        synchronized (this) {
            r = requests.remove(documentId);
            count = requests.size();
        }
        if (r != null) {
            int reused = failure.isEmpty() ? steps - r.stepsRun.size() : 0;
            r.future.complete(new ThinkOutcome(documentId, r.stepsRun.size(), reused, failure));
        }
    }

    /** Answers every request with {@code sentence}, e.g. when the model cannot be reached. */
    void failAll(String sentence) {
        documentIds().forEach(id -> finish(id, Optional.of(sentence)));
    }

    /** Cancels every request's future (Ponder is closing). */
    synchronized void cancelAll() {
        requests.values().forEach(r -> r.future.cancel(false));
        requests.clear();
        count = 0;
    }
}
