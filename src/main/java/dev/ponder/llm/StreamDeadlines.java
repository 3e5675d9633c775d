package dev.ponder.llm;

import java.time.Duration;
import java.util.Objects;

/**
 * Ponder's own deadlines for one model call; the HTTP client's timeout only covers the wait for
 * the response headers (see {@code docs/ollama-protocol.md}).
 *
 * @param firstToken how long to wait for the first line of a stream (Ollama sends its headers with
 *                   the first token, so this covers loading the model and reading the prompt)
 * @param inactivity how long a stream may go without a new line once lines flow
 */
record StreamDeadlines(Duration firstToken, Duration inactivity) {

    /**
     * Slowest generation Ponder waits for in a blocking call, in tokens per second: a 3B model on
     * an old laptop CPU still writes about 5. Used only for {@link #blocking(int)}.
     */
    static final int MIN_TOKENS_PER_SECOND = 2;

    StreamDeadlines {
        Objects.requireNonNull(firstToken, "firstToken");
        Objects.requireNonNull(inactivity, "inactivity");
        if (firstToken.isNegative() || firstToken.isZero() || inactivity.isNegative() || inactivity.isZero()) {
            throw new IllegalArgumentException("deadlines must be positive");
        }
    }

    /**
     * The deadlines {@code settings} ask for: {@link dev.ponder.settings.Settings#firstTokenTimeout()}
     * (default 120 s) and {@link dev.ponder.settings.Settings#streamInactivity()} (default 30 s);
     * a missing, zero or negative value takes the default.
     */
    static StreamDeadlines of(dev.ponder.settings.Settings settings) {
        return new StreamDeadlines(orDefault(settings.firstTokenTimeout(), Duration.ofSeconds(120)),
                orDefault(settings.streamInactivity(), Duration.ofSeconds(30)));
    }

    private static Duration orDefault(Duration d, Duration fallback) {
        return d == null || d.isZero() || d.isNegative() ? fallback : d;
    }

    /**
     * Deadline of a whole non-streaming answer of at most {@code maxOutputTokens}: Ollama sends
     * nothing, not even headers, until the answer is complete, so there is no inactivity to watch.
     */
    Duration blocking(int maxOutputTokens) {
        long millis = Math.max(1, maxOutputTokens) * 1000L / MIN_TOKENS_PER_SECOND;
        return firstToken.plusMillis(millis);
    }

    /** How often the watchdog looks at a stream: a tenth of the shorter deadline, 20 ms to 1 s. */
    Duration tick() {
        long shorter = Math.min(firstToken.toMillis(), inactivity.toMillis());
        return Duration.ofMillis(Math.max(20, Math.min(1000, shorter / 10)));
    }
}
